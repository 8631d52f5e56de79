"""Show rehearsal history to a person: the runs, a trend line, and two runs side by side."""

from __future__ import annotations

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from deckbuilder.core.text.display import one_line
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.text.durations import format_signed
from deckbuilder.history.analysis import Change, Run, trend
from deckbuilder.history.drills import DrillRun


def print_runs(title: str, runs: list[Run], console: Console, ran_over_s: float, limit: int | None = None) -> None:
    """Print the rehearsals newest first (the newest ``limit`` of them), then the trend."""
    console.print(Text(one_line(title), style="bold"), Text(f"  {len(runs)} rehearsal(s)"))
    hidden = len(runs) - limit if limit is not None and len(runs) > limit else 0
    table = Table(box=None, pad_edge=False, header_style="bold")
    # Every column keeps its place at 80 columns: the label and the worst slide's title share what is left
    # (Rich would otherwise squeeze all columns alike and drop the narrow ones).
    fixed = (("#", 4), ("when", 16), ("done", 4), ("total", 13), ("vs slot", 7), ("over", 4))
    room = max(console.width - sum(w for _, w in fixed) - 2 * len(fixed) - 2, 10)
    label_w = min(16, max(room // 3, 5)) if any(r.label for r in runs) else 5
    for name, width in (*fixed, ("label", label_w), ("worst slide", max(room - label_w, 5))):
        table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=width)
    for run in runs[: len(runs) - hidden]:
        late = run.total_s > run.duration_s
        total = Text(f"{fmt(run.total_s)} / {fmt(run.duration_s)}", style="red" if late else "green")
        overs = run.over_slides(ran_over_s)
        worst = ""
        if overs:
            slide, over = overs[0]
            worst = f"+{fmt(over)} {one_line(slide.title)}"
        table.add_row(
            str(run.id),
            one_line(run.started_at.replace("T", " ")[:16]),
            "yes" if run.finished else Text("no", style="yellow"),
            total,
            Text(format_signed(run.total_s - run.duration_s), style="red" if late else ""),
            str(len(overs)),
            one_line(run.label or "", 40),
            worst,
        )
    console.print(table)
    if hidden:
        console.print(Text(f"... and {hidden} older rehearsal(s); --all lists them", style="dim"))
    console.print(Text(trend(runs), style="bold"))


def print_compare(a: Run, b: Run, rows: list[Change], console: Console) -> None:
    """Print two rehearsals slide by slide and what got better or worse."""
    when_a, when_b = one_line(a.started_at[:16]), one_line(b.started_at[:16])
    state_a = "" if a.finished else ", unfinished"
    state_b = "" if b.finished else ", unfinished"
    console.print(Text(f"Rehearsal #{a.id} ({when_a}{state_a}) against #{b.id} ({when_b}{state_b})", style="bold"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    columns: list[tuple[str, JustifyMethod]] = [
        ("slide", "left"),
        ("budget", "right"),
        (f"#{a.id}", "right"),
        (f"#{b.id}", "right"),
        ("change", "right"),
        ("", "left"),
    ]
    for name, justify in columns:
        table.add_column(
            name,
            justify=justify,
            overflow="ellipsis",
            no_wrap=True,
            max_width=28 if name == "slide" else None,
            min_width=0 if name == "slide" else 6,
        )
    for row in rows:
        style = {"better": "green", "worse": "red"}.get(row.verdict, "")
        note = row.verdict if row.verdict != "same" else ""
        if not row.in_deck:
            note, style = "not in this deck", "dim"
        budget = row.slide.budget_s
        table.add_row(
            one_line(row.slide.title),
            fmt(budget) if budget is not None else "-",
            fmt(row.a_s) if row.a_s is not None else "-",
            fmt(row.b_s) if row.b_s is not None else "-",
            format_signed(row.change_s) if row.change_s is not None else "-",
            Text(note, style=style),
        )
    table.add_row(
        Text("total", style="bold"),
        fmt(b.duration_s),
        fmt(a.total_s),
        fmt(b.total_s),
        format_signed(b.total_s - a.total_s),
        "",
    )
    console.print(table)
    better = [one_line(r.slide.title) for r in rows if r.verdict == "better"]
    worse = [one_line(r.slide.title) for r in rows if r.verdict == "worse"]
    console.print(Text("Better: " + ("; ".join(better) if better else "nothing"), style="green"))
    console.print(Text("Worse: " + ("; ".join(worse) if worse else "nothing"), style="red" if worse else ""))


def print_drills(title: str, drills: list[DrillRun], kinds: dict[str, str], console: Console) -> None:
    """Print the question drills newest first: answered, mean answer time, coverage by kind."""
    console.print(Text(one_line(title), style="bold"), Text(f"  {len(drills)} drill(s)"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("#", "when", "done", "answered", "mean", "long", "by kind"):
        table.add_column(
            name, no_wrap=name != "by kind", justify="left" if name in ("when", "done", "by kind") else "right"
        )
    for run in drills:
        table.add_row(
            str(run.id),
            one_line(run.started_at.replace("T", " ")[:16]),
            "yes" if run.finished else Text("no", style="yellow"),
            f"{run.answered} / {run.asked}",
            "-" if run.mean_s is None else fmt(run.mean_s),
            Text(str(run.long), style="red" if run.long else ""),
            " · ".join(f"{label.lower()} {run.kinds[code]}" for code, label in kinds.items() if run.kinds.get(code)),
        )
    console.print(table)
    covered = {code for run in drills for code, n in run.kinds.items() if n}
    never = [label for code, label in kinds.items() if code not in covered]
    if never:
        console.print(Text(f"Not practised yet: {', '.join(never)}", style="yellow"))
