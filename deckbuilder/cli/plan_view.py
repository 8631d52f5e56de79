"""Show a plan to a person: the timed slide table, the shares, the findings by slide."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from deckbuilder.core.rules.findings import Finding, Rule, Severity
from deckbuilder.core.text.display import one_line, visible
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.planner import Plan

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def slide_table(plan: Plan) -> Table:
    """Return the slide-by-slide table with budgets and start times."""
    table = Table(title=None, box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("kind")
    table.add_column("title", overflow="fold")
    table.add_column("budget", justify="right")
    table.add_column("needs", justify="right")
    rehearsed = any(r is not None for r in plan.rehearsed_s)
    if rehearsed:
        table.add_column("rehearsed", justify="right")
    table.add_column("starts", justify="right")
    for slide, need, spoken in zip(plan.slides, plan.needs_s, plan.rehearsed_s, strict=True):
        needs: str | Text = "-"
        if slide.budget_s is None:
            budget, start = "backup ", "-"
        else:
            budget = fmt(slide.budget_s) + ("*" if slide.pinned else " ")
            start = fmt(slide.start_s or 0)
            heavy = slide.main and need > slide.budget_s
            needs = Text(fmt(need), style="yellow" if heavy else "dim")
        row: list[str | Text] = [str(slide.index), one_line(slide.kind or "-"), one_line(slide.title), budget, needs]
        if rehearsed:
            late = spoken is not None and slide.budget_s is not None and spoken > slide.budget_s
            row.append(Text("-" if spoken is None else fmt(spoken), style="yellow" if late else ""))
        table.add_row(*row, start)
    needed = sum(n for n, s in zip(plan.needs_s, plan.slides, strict=True) if s.budget_s is not None and s.main)
    total_row: list[str | Text] = ["", "", Text("total", style="bold"), fmt(plan.total_s) + " ", fmt(needed)]
    if rehearsed:
        total_row.append(fmt(sum(r or 0 for r in plan.rehearsed_s)))
    table.add_row(*total_row, "")
    return table


_JUDGED = {
    "budgets": "judged on the budgets",
    "material": "judged on the talk as its material will run (a slide's estimate where it clearly exceeds its budget)",
    "rehearsals": "judged on your rehearsals (median of the last three finished; --no-history for the budgets)",
}


def share_table(plan: Plan, ratio_min: float) -> Table:
    """Return the section shares against their targets."""
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("share")
    table.add_column("pct", justify="right")
    table.add_column("time", justify="right")
    table.add_column("bounds")
    table.add_column("ok")
    for share in plan.shares:
        mark = Text("ok", style="green") if share.ok else Text(share.code, style="yellow")
        table.add_row(share.label, f"{share.pct}%", fmt(share.seconds), share.bounds(), mark)
    if plan.observed_s:
        ratio = plan.decided_s / plan.observed_s
        ok = ratio >= ratio_min
        table.add_row(
            "Decided : observed",
            f"{ratio:.1f}:1",
            "",
            f"at least {ratio_min:g}:1",
            Text("ok", style="green") if ok else Text("T007", style="yellow"),
        )
    else:
        table.add_row("Decided : observed", "-", "", "no exploration slide", Text("ok", style="green"))
    return table


def findings_view(plan: Plan, findings: list[Finding] | None = None) -> Group:
    """Return the findings (the plan's, unless given) grouped by slide, the talk-wide ones first."""
    findings = plan.findings if findings is None else findings
    if not findings:
        return Group(Text("No findings: the talk fits its slot and spends its time well.", style="green"))
    parts: list[Text | Table] = []
    groups: dict[int | None, list[Finding]] = {}
    for item in findings:
        groups.setdefault(item.slide, []).append(item)
    for slide_no, items in groups.items():
        if slide_no is None:
            header = "Whole talk"
        else:
            slide = plan.slides[slide_no - 1]
            header = f"Slide {slide_no} ({one_line(slide.kind or '-')}): {one_line(slide.title)}"
        parts.append(Text(header, style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for item in items:
            label = Text(f"{item.severity.value:<7} {item.code}", style=STYLE[item.severity])
            grid.add_row("", label, visible(item.message))
        parts.append(grid)
    return Group(*parts)


def summary_line(plan: Plan) -> Text:
    """Return the one-line verdict at the bottom of the output."""
    counts = {sev: sum(1 for f in plan.findings if f.severity is sev) for sev in Severity}
    text = Text()
    if counts[Severity.ERROR]:
        text.append(f"{counts[Severity.ERROR]} error(s)", style="bold red")
        text.append(" must be fixed; ")
    text.append(f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} note(s).")
    return text


def print_plan(plan: Plan, console: Console, ratio_min: float) -> None:
    """Print the whole plan report."""
    main = plan.main_slides
    console.print(
        Text(one_line(plan.title), style="bold"),
        Text(f" ({fmt(plan.duration_s)} talk, {len(main)} main slides, {fmt(plan.main_s)} of content)"),
    )
    console.print()
    console.print(slide_table(plan))
    notes = ["needs: what the slide's material takes to say (docs/time-model.md)"]
    if any(s.pinned for s in plan.slides):
        notes.insert(0, "* pinned with time:")
    console.print(Text("; ".join(notes), style="dim"))
    console.print()
    console.print(Text(f"Time shares of the main talk, {_JUDGED[plan.judged_on]}", style="bold"))
    console.print(share_table(plan, ratio_min))
    console.print()
    console.print(findings_view(plan))
    if plan.findings:
        console.print()
        console.print(summary_line(plan))


def print_rules(chosen: list[Rule], console: Console) -> None:
    """Print each rule with its severity, reason and an example fix."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for rule in chosen:
        title = Text(rule.title, style="bold")
        if rule.audience:
            title.append(f"  (audience: {rule.audience})", style="dim")
        grid.add_row(Text(rule.code, style="bold"), Text(rule.severity.value, style=STYLE[rule.severity]), title)
        grid.add_row("", "", Text(f"why: {rule.why}"))
        grid.add_row("", "", Text(f"fix: {rule.fix}", style="dim"))
    console.print(grid)
