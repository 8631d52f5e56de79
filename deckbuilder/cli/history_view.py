"""Show rehearsal history to a person: the runs, a trend line, two runs side by side, the drills.

Printed through text_table, as `deck plan` is: one printer, one set of width rules.
"""

from __future__ import annotations

from deckbuilder.core.rules.listen_rules import ListenRules
from deckbuilder.core.text.display import one_line, visible
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.text.durations import format_signed
from deckbuilder.history.analysis import Change, Run, trend
from deckbuilder.history.drills import DrillRun
from deckbuilder.history.listened import run_pace

from .text_table import Cell, echo, echo_lines, say, style, table


def _heading(title: str, count: str) -> None:
    title = one_line(title)
    echo(style(title, bold=True) + f"  {count}")


def print_runs(
    title: str, runs: list[Run], ran_over_s: float, limit: int | None = None, least_speech_s: float = 5.0
) -> None:
    """Print the rehearsals newest first (the newest ``limit`` of them), then the trend; a listened run gives its
    speaking rate."""
    _heading(title, f"{len(runs)} rehearsal(s)")
    hidden = len(runs) - limit if limit is not None and len(runs) > limit else 0
    labelled = any(r.label for r in runs)
    listened = any(r.listened for r in runs[: len(runs) - hidden])
    extra = (["label"] if labelled else []) + (["wpm"] if listened else [])
    header = ["#", "when", "done", "total", "vs slot", "over", *extra, "worst slide"]
    rows: list[list[Cell]] = [[Cell(h, bold=True) for h in header]]
    for run in runs[: len(runs) - hidden]:
        late = run.total_s > run.duration_s
        overs = run.over_slides(ran_over_s)
        worst = f"+{fmt(overs[0][1])} {one_line(overs[0][0].title)}" if overs else ""
        row = [
            Cell(str(run.id)),
            Cell(one_line(run.started_at.replace("T", " ")[:16])),
            Cell("yes") if run.finished else Cell("no", fg="yellow"),
            Cell(f"{fmt(run.total_s)} / {fmt(run.duration_s)}", fg="red" if late else "green"),
            Cell(format_signed(run.total_s - run.duration_s), fg="red" if late else None),
            Cell(str(len(overs))),
            *([Cell(one_line(run.label or "", 40))] if labelled else []),
            *([Cell(_pace_text(run, least_speech_s))] if listened else []),
            Cell(worst),
        ]
        rows.append(row)
    right = [True, False, False, True, True, True, *([False] if labelled else []), *([True] if listened else []), False]
    # Every column keeps its place at 80 columns: the label and the worst slide's title give way, one line a run.
    cut = [header.index("label"), len(header) - 1] if labelled else [len(header) - 1]
    echo_lines(table(rows, right, cut=cut, least=10))
    if hidden:
        say(f"... and {hidden} older rehearsal(s); --all lists them", dim=True)
    say(trend(runs), bold=True)
    newest = next((r for r in runs if r.listened), None)
    if newest is not None:
        say(f"wpm: words a minute of speaking, heard with --listen; slide by slide: --run {newest.id}", dim=True)


def _pace_text(run: Run, least_speech_s: float) -> str:
    pace = run_pace(run, least_speech_s)
    return "" if not run.listened else "-" if pace is None else f"{pace.wpm:.0f}"


def print_run(run: Run, ran_over_s: float, rules: ListenRules) -> None:
    """Print one rehearsal slide by slide: budget and time, and what listening heard (speech, silence, the longest
    pause, words a minute, the key numbers not said)."""
    state = "finished" if run.finished else "unfinished"
    label = f", {one_line(run.label, 40)!r}" if run.label else ""
    say(f"Rehearsal #{run.id} ({_when(run)}{label}): {fmt(run.total_s)} of {fmt(run.duration_s)}, {state}", bold=True)
    header = ["#", "slide", "budget", "time", "diff"]
    if run.listened:
        header += ["speech", "silence", "pause", "wpm", "not said"]
    lines: list[list[Cell]] = [[Cell(h, bold=True) for h in header]]
    least = rules.rate_min_speech_s
    for slide in run.slides:
        spent = run.actuals.get(slide.key)
        over = run.over(slide.key)
        diff = (
            Cell("")
            if over is None or spent is None
            else Cell(format_signed(over), fg="red" if over > ran_over_s else None)
        )
        row = [
            Cell(str(slide.index)),
            Cell(one_line(slide.title)),
            Cell(_time(slide.budget_s)),
            Cell(_time(spent)),
            diff,
        ]
        heard = run.heard.get(slide.key)
        if run.listened and heard is not None:
            wpm = heard.wpm(least)
            row += [
                Cell(fmt(heard.speech_s)),
                Cell(fmt(heard.silence_s)),
                Cell(f"{heard.longest_pause_s:.0f} s" if heard.pauses else "-"),
                Cell(
                    "-" if wpm is None else f"{wpm:.0f}",
                    fg="yellow" if wpm is not None and wpm >= rules.fast_wpm else None,
                ),
                Cell(visible(" ".join(heard.missed)), fg="yellow" if heard.missed else None),
            ]
        elif run.listened:
            row += [Cell("-")] * 4 + [Cell("")]
        lines.append(row)
    right = [True, False, True, True, True, *([True, True, True, True, False] if run.listened else [])]
    echo_lines(table(lines, right, cut=[1], least=12))
    pace = run_pace(run, least)
    if pace is not None:
        say(f"Your pace: {pace.wpm:.0f} words a minute while speaking, speaking {pace.speaking:.0%} of the time.")
    elif not run.listened:
        say("Not listened to: rehearse with --listen for each slide's speech, pauses and rate.", dim=True)


def print_compare(a: Run, b: Run, rows: list[Change]) -> None:
    """Print two rehearsals slide by slide, each against its own budgets, and what got better or worse."""
    own = any(r.budget_a != r.slide.budget_s for r in rows if r.budget_a is not None) or a.duration_s != b.duration_s
    head = f"Rehearsal #{a.id} ({_when(a)}) against #{b.id} ({_when(b)})"
    if own:
        head += ": plans differ, so each run is shown against its own budgets"
    say(head, bold=True)
    if own:
        header = ["slide", f"#{a.id} budget", f"#{a.id}", f"#{b.id} budget", f"#{b.id}", "change", ""]
    else:
        header = ["slide", "budget", f"#{a.id}", f"#{b.id}", "change", ""]
    lines: list[list[Cell]] = [[Cell(h, bold=True) for h in header]]
    for row in rows:
        fg = {"better": "green", "worse": "red"}.get(row.verdict)
        note = Cell(row.verdict if row.verdict != "same" else "", fg=fg)
        if not row.in_deck:
            note = Cell("not in this deck", dim=True)
        change = format_signed(row.change_s) if row.change_s is not None else "-"
        budget_b = _time(row.slide.budget_s)
        if own:
            times = [_time(row.budget_a), _time(row.a_s), budget_b, _time(row.b_s)]
        else:
            times = [budget_b, _time(row.a_s), _time(row.b_s)]
        lines.append([Cell(one_line(row.slide.title, 40)), *map(Cell, times), Cell(change), note])
    if own:
        totals = [fmt(a.duration_s), fmt(a.total_s), fmt(b.duration_s), fmt(b.total_s)]
    else:
        totals = [fmt(b.duration_s), fmt(a.total_s), fmt(b.total_s)]
    lines.append([Cell("total", bold=True), *map(Cell, totals), Cell(format_signed(b.total_s - a.total_s)), Cell("")])
    right = [False, *([True] * (len(header) - 2)), False]
    echo_lines(table(lines, right, cut=[0], least=12))
    better = [one_line(r.slide.title) for r in rows if r.verdict == "better"]
    worse = [one_line(r.slide.title) for r in rows if r.verdict == "worse"]
    say("Better: " + ("; ".join(better) if better else "nothing"), fg="green")
    say("Worse: " + ("; ".join(worse) if worse else "nothing"), fg="red" if worse else None)


def _when(run: Run) -> str:
    state = "" if run.finished else ", unfinished"
    return f"{one_line(run.started_at.replace('T', ' ')[:16])}, {fmt(run.duration_s)} talk{state}"


def _time(seconds: float | None) -> str:
    return "-" if seconds is None else fmt(seconds)


def print_drills(title: str, drills: list[DrillRun], kinds: dict[str, str]) -> None:
    """Print the question drills newest first: answered, mean answer time, coverage by kind."""
    _heading(title, f"{len(drills)} drill(s)")
    rows: list[list[Cell]] = [
        [Cell(h, bold=True) for h in ("#", "when", "done", "answered", "mean", "long", "by kind")]
    ]
    for run in drills:
        counts = [f"{label.lower()} {run.kinds[code]}" for code, label in kinds.items() if run.kinds.get(code)]
        covered = " · ".join(counts)
        rows.append(
            [
                Cell(str(run.id)),
                Cell(one_line(run.started_at.replace("T", " ")[:16])),
                Cell("yes") if run.finished else Cell("no", fg="yellow"),
                Cell(f"{run.answered} / {run.asked}"),
                Cell("-" if run.mean_s is None else fmt(run.mean_s)),
                Cell(str(run.long), fg="red" if run.long else None),
                Cell(covered),
            ]
        )
    echo_lines(table(rows, [True, False, False, True, True, True, False], fold=6))
    done = {code for run in drills for code, n in run.kinds.items() if n}
    never = [label for code, label in kinds.items() if code not in done]
    if never:
        say(f"Not practised yet: {', '.join(never)}", fg="yellow")
