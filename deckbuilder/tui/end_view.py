"""The end screen's text: budget against actual per slide, and what to do next in plain words (cut, or where the
time went; with --listen, why each slide ran over, which ran fast and which numbers were not said)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from deckbuilder.core.text.display import one_line
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.text.durations import format_signed
from deckbuilder.rehearse.pacing import Summary

from .heard_view import heard_advice, heard_cells
from .palette import ALERT, CAUTION, GOOD, MUTED

if TYPE_CHECKING:
    from deckbuilder.rehearse.listening import HeardRun

NARROW_END = 76  # below this many columns, a listened run's table keeps the rate and the longest pause only


def summary_table(
    summary: Summary,
    unshown: frozenset[int] = frozenset(),
    whole: bool = True,
    heard: HeardRun | None = None,
    width: int = 80,
) -> Table:
    """Return per-slide budget, actual and difference (and, listened, speech, silence, the longest pause and the
    rate; the rate and the pause only on a screen under NARROW_END columns); titles give way first on a narrow
    screen. A slide the run never showed (its number in ``unshown``) says so, not that it came in under budget; nor
    does the total of a run that was not ``whole``."""
    narrow = width < NARROW_END
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    columns: list[tuple[str, JustifyMethod, int]] = [
        ("#", "right", 2),
        ("slide", "left", 6),
        ("budget", "right", 6),
        ("actual", "right", 6),
        ("diff", "right", 6),
    ]
    if heard is not None:
        wide: list[tuple[str, JustifyMethod, int]] = [] if narrow else [("speech", "right", 5), ("silence", "right", 5)]
        columns += [*wide, ("pause", "right", 3), ("wpm", "right", 3)]
    for name, justify, least in columns:
        table.add_column(
            name,
            justify=justify,
            overflow="ellipsis",
            no_wrap=True,
            min_width=least,
            ratio=1 if name == "slide" else None,
        )
    for row in summary.slides:
        slide = row.slide
        budget = fmt(slide.budget_s) if slide.budget_s is not None else "-"
        diff, actual = Text(""), fmt(row.actual_s)
        if slide.index in unshown:
            diff, actual = Text("not shown", style=MUTED), "-"
        elif slide.budget_s is not None:
            diff = Text(format_signed(row.over_s), style=ALERT if row.over_s > summary.ran_over_s else GOOD)
        listened = heard_cells(heard, slide.index - 1)[2 if narrow else 0 :] if heard is not None else []
        table.add_row(str(slide.index), Text(one_line(slide.title)), budget, actual, diff, *listened)
    total_style = f"bold {ALERT}" if summary.over_s > 0 else f"bold {GOOD}" if whole else MUTED
    total_diff = Text(format_signed(summary.over_s), style=total_style)
    table.add_row("", Text("total", style="bold"), fmt(summary.duration_s), fmt(summary.total_s), total_diff)
    return table


def verdict(
    summary: Summary,
    stopped_at: int,
    unshown: int,
    completed: bool,
    short_below_s: float,
    heard: HeardRun | None = None,
) -> Text:
    """Return the total against the duration, the shares, and what to do next, in plain words: cut advice only
    for a run over its time; otherwise what went well and where the time went. A listened run (``heard``) says
    why each slide ran over, which ran fast and which key numbers were not said."""
    text = Text()
    count = len(summary.slides)
    total, duration = fmt(summary.total_s), fmt(summary.duration_s)
    over = summary.over_s > 0
    if unshown:
        text.append(
            f"Stopped on slide {stopped_at + 1} of {count}: {unshown} main slide(s) not shown; "
            "time shares need a whole run.\n",
            style=f"bold {CAUTION}",
        )
    if over:
        text.append(f"{total} for a {duration} talk: {fmt(summary.over_s)} over.\n", style=f"bold {ALERT}")
    elif unshown or not completed:
        text.append(f"{total} of a {duration} talk so far.\n", style="bold")
    elif summary.total_s < short_below_s:
        text.append(
            f"{total} for a {duration} talk: {fmt(-summary.over_s)} short. Panels book the slot for the talk; "
            "fill it with depth on results and error analysis, not speed.\n",
            style=f"bold {CAUTION}",
        )
    else:
        text.append(f"{total} for a {duration} talk: within time.\n", style=f"bold {GOOD}")
    if summary.backup_s >= 1:
        text.append(f"Plus {fmt(summary.backup_s)} on backup slides, kept apart from the talk's time.\n", style=MUTED)
    for share in () if unshown else summary.shares:
        text.append(f"{share.label}: {share.pct}% ({share.bounds()})", style="" if share.ok else CAUTION)
        text.append("  ok\n" if share.ok else "  off target\n", style=GOOD if share.ok else CAUTION)
    practise = {c.slide.index for c in heard.causes if not c.cut} if heard is not None else set()
    if over:
        _cut_advice(text, summary, practise)
    elif summary.total_s > 0:
        _where_it_went(text, summary, finished=completed and not unshown)
    if heard is not None:
        text.append("\n")
        text.append_text(heard_advice(heard))
    return text


def _cut_advice(text: Text, summary: Summary, practise: frozenset[int] | set[int] = frozenset()) -> None:
    """The talk ran over its time: the slides to cut first (not those listening heard said slowly, which need
    practice: ``practise``), or where the time crept in."""
    cut = [r for r in summary.cut_first if r.slide.index not in practise]
    if cut:
        text.append("\nCut content first from: ", style="bold")
        text.append(", ".join(f"slide {r.slide.index} (+{fmt(r.over_s)})" for r in cut))
        text.append("\nCut content, do not speak faster: the panel hears rushing as nerves.\n")
        return
    if summary.cut_first:
        text.append("\nThe slides over their budgets hold what their budgets allow at your pace: ", style="bold")
        text.append("the time went in slow speech and long pauses; practise them (below).\n")
        return
    text.append("\nNo slide ran far over its own budget: the time crept in across slides. ", style="bold")
    text.append("Trim a point from the longest: " + _longest(summary) + ".\n")


def _where_it_went(text: Text, summary: Summary, finished: bool) -> None:
    """The run was within its time (or stopped before the end): what went well, and where the time went."""
    shown = [r for r in summary.slides if r.slide.budget_s is not None and r.actual_s > 0]
    within = [r for r in shown if r.over_s <= summary.ran_over_s]
    if finished:
        well = (
            "every slide within its budget"
            if len(within) == len(shown)
            else (f"{len(within)} of {len(shown)} slides within their budgets")
        )
        text.append("\nWent well: ", style=f"bold {GOOD}")
        text.append(well + ".\n")
    text.append("Where the time went" + ("" if finished else " so far") + ": ", style="bold")
    text.append(_longest(summary) + ".\n")
    overs = sorted((r for r in shown if r.over_s > summary.ran_over_s), key=lambda r: -r.over_s)
    if overs:
        text.append("Over their own budgets: ")
        text.append(", ".join(f"slide {r.slide.index} (+{fmt(r.over_s)})" for r in overs[:3]))
        text.append("; other slides made up the time.\n" if finished else ".\n")


def _longest(summary: Summary, count: int = 3) -> str:
    """Return the slides of the talk that took longest, with their budgets: "slide 5 (2:10 of 2:00), ..."."""
    spoken = (r for r in summary.slides if r.slide.budget_s is not None and r.actual_s > 0)  # never 0:00 of 0:25
    timed = sorted(spoken, key=lambda r: -r.actual_s)
    return ", ".join(
        f"slide {r.slide.index} ({fmt(r.actual_s)} of {fmt(r.slide.budget_s or 0)})" for r in timed[:count]
    )
