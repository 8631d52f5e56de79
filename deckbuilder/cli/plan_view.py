"""Show a plan to a person: the timed slide table, the shares, the findings by slide.

Plain lines styled with click (text_table), not Rich: `deck plan` runs on every save and must start fast.
"""

from __future__ import annotations

from typing import Any

from deckbuilder.core.rules.findings import Finding, Rule, Severity
from deckbuilder.core.text.display import one_line, visible
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.planner import Plan

from .text_table import Cell, echo, echo_lines, style, table, width, wrap

# A severity's colour and weight, as click.style takes them.
STYLE: dict[Severity, dict[str, Any]] = {
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow"},
    Severity.INFO: {"fg": "cyan"},
}


# What a person reads for each severity: the summary line counts notes, so a note is called one.
LABEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def slide_table(plan: Plan) -> list[str]:
    """Return the slide-by-slide table with budgets and start times."""
    rehearsed = any(r is not None for r in plan.rehearsed_s)
    header = ["#", "kind", "title", "budget", "needs", *(["rehearsed"] if rehearsed else []), "starts"]
    rows: list[list[Cell]] = [[Cell(h, bold=True) for h in header]]
    for slide, need, spoken in zip(plan.slides, plan.needs_s, plan.rehearsed_s, strict=True):
        needs = Cell("-")
        if slide.budget_s is None:
            budget, start = "backup ", "-"
        else:
            budget = fmt(slide.budget_s) + ("*" if slide.pinned else " ")
            start = fmt(slide.start_s or 0)
            heavy = slide.main and need > slide.budget_s
            needs = Cell(fmt(need), fg="yellow") if heavy else Cell(fmt(need), dim=True)
        row = [
            Cell(str(slide.index)),
            Cell(one_line(slide.kind or "-")),
            Cell(one_line(slide.title)),
            Cell(budget),
            needs,
        ]
        if rehearsed:
            late = spoken is not None and slide.budget_s is not None and spoken > slide.budget_s
            row.append(Cell("-" if spoken is None else fmt(spoken), fg="yellow" if late else None))
        rows.append([*row, Cell(start)])
    needed = sum(n for n, s in zip(plan.needs_s, plan.slides, strict=True) if s.budget_s is not None and s.main)
    total = [Cell(""), Cell(""), Cell("total", bold=True), Cell(fmt(plan.total_s) + " "), Cell(fmt(needed))]
    if rehearsed:
        total.append(Cell(fmt(sum(r or 0 for r in plan.rehearsed_s))))
    rows.append([*total, Cell("")])
    right = [True, False, False, True, True, *([True] if rehearsed else []), True]
    return table(rows, right, fold=2)


_JUDGED = {
    "budgets": "judged on the budgets",
    "material": "judged on the talk as its material will run (a slide's estimate where it clearly exceeds its budget)",
    "rehearsals": "judged on your rehearsals (median of the last three whole ones; --no-history for the budgets)",
}


def share_table(plan: Plan, ratio_min: float) -> list[str]:
    """Return the section shares against their targets."""
    ok = Cell("ok", fg="green")
    rows: list[list[Cell]] = []
    for share in plan.shares:
        mark = ok if share.ok else Cell(share.code, fg="yellow")
        rows.append([Cell(share.label), Cell(f"{share.pct}%"), Cell(fmt(share.seconds)), Cell(share.bounds()), mark])
    if plan.observed_s:
        ratio = plan.decided_s / plan.observed_s
        mark = ok if ratio >= ratio_min else Cell("T007", fg="yellow")
        rows.append(
            [Cell("Decided : observed"), Cell(f"{ratio:.1f}:1"), Cell(""), Cell(f"at least {ratio_min:g}:1"), mark]
        )
    else:
        rows.append([Cell("Decided : observed"), Cell("-"), Cell(""), Cell("no exploration slide"), ok])
    return table(rows, [False, True, True, False, False], fold=3)


def findings_view(plan: Plan, findings: list[Finding] | None = None) -> list[str]:
    """Return the findings (the plan's, unless given) grouped by slide, the talk-wide ones first."""
    findings = plan.findings if findings is None else findings
    if not findings:
        verdict = "No findings: the talk fits its slot and spends its time well."
        return [style(line, fg="green") for line in wrap(verdict, width())]
    lines: list[str] = []
    groups: dict[int | None, list[Finding]] = {}
    for item in findings:
        groups.setdefault(item.slide, []).append(item)
    for slide_no, items in groups.items():
        if slide_no is None:
            header = "Whole talk"
        else:
            slide = plan.slides[slide_no - 1]
            header = f"Slide {slide_no} ({one_line(slide.kind or '-')}): {one_line(slide.title)}"
        lines.extend(style(line, bold=True) for line in wrap(header, width()))
        rows = [
            [
                Cell(" "),
                Cell(f"{LABEL[item.severity]:<7} {item.code}", **STYLE[item.severity]),
                Cell(visible(item.message)),
            ]
            for item in items
        ]
        lines.extend(table(rows, [False, False, False], fold=2, gap=" "))
    return lines


def summary_line(plan: Plan) -> str:
    """Return the one-line verdict at the bottom of the output."""
    counts = {sev: sum(1 for f in plan.findings if f.severity is sev) for sev in Severity}
    text = ""
    if counts[Severity.ERROR]:
        text = style(f"{counts[Severity.ERROR]} error(s)", **STYLE[Severity.ERROR]) + " must be fixed; "
    return text + f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} note(s)."


def print_plan(plan: Plan, ratio_min: float, rehearsals: str = "") -> None:
    """Print the whole plan report."""
    main = plan.main_slides
    title = one_line(plan.title)
    about = f"({fmt(plan.duration_s)} talk, {len(main)} main slides, {fmt(plan.main_s)} of content)"
    for line in wrap(f"{title} {about}", width()):  # the title bold, the figures plain
        bold, rest = line[: len(title)], line[len(title) :]
        echo(style(bold, bold=True) + rest)
        title = title[len(bold) :].lstrip()
    echo()
    echo_lines(slide_table(plan))
    at = f" at your rate of {plan.speaker_wpm:.0f} words a minute" if plan.speaker_wpm else ""
    notes = [f"needs: what the slide's material takes to say{at} (docs/time-model.md)"]
    if any(s.pinned for s in plan.slides):
        notes.insert(0, "* pinned with time:")
    for line in wrap("; ".join(notes), width()):
        echo(style(line, dim=True))
    for line in wrap(rehearsals, width()) if rehearsals else ():  # which rehearsals, and which were left out
        echo(style(line, dim=True))
    echo()
    echo(style(f"Time shares of the main talk, {_JUDGED[plan.judged_on]}", bold=True))
    echo_lines(share_table(plan, ratio_min))
    echo()
    echo_lines(findings_view(plan))
    if plan.findings:
        echo()
        echo(summary_line(plan))


def print_rules(chosen: list[Rule]) -> None:
    """Print each rule with its severity, reason and an example fix."""
    rows: list[list[Cell]] = []
    for rule in chosen:
        title = rule.title + (f"  (audience: {rule.audience})" if rule.audience else "")
        rows.append(
            [Cell(rule.code, bold=True), Cell(LABEL[rule.severity], **STYLE[rule.severity]), Cell(title, bold=True)]
        )
        rows.append([Cell(""), Cell(""), Cell(f"why: {rule.why}")])
        rows.append([Cell(""), Cell(""), Cell(f"fix: {rule.fix}", dim=True)])
    echo_lines(table(rows, [False, False, False], fold=2, gap=" "))
