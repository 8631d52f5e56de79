"""Turn the rehearsal history of a deck into numbers: runs, trends, comparisons, the pacing finding."""

from __future__ import annotations

import csv
import dataclasses
import io
import statistics
from dataclasses import dataclass, field
from typing import Any

from deckbuilder.core.text.display import spreadsheet_safe, visible
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.heard import Heard
from deckbuilder.core.timing.talk import DeckId, TalkPlan, TimedSlide

from .store import History


@dataclass
class Run:
    """One recorded rehearsal: its planned slides and the time spent on each (by slide key)."""

    id: int
    started_at: str
    finished: bool
    total_s: float
    duration_s: float
    label: str | None = None
    slides: list[TimedSlide] = field(default_factory=list)
    actuals: dict[str, float] = field(default_factory=dict)
    spoken: bool = True  # spoke on every main slide (not a click through the deck): see `find_runs`
    listened: bool = False  # rehearsed with --listen
    heard: dict[str, Heard] = field(default_factory=dict)  # what listening heard, by slide key, visits added up

    def slide(self, key: str) -> TimedSlide | None:
        """Return the planned slide with ``key``, if this run had one."""
        return next((s for s in self.slides if s.key == key), None)

    def over(self, key: str) -> float | None:
        """Return seconds over budget on a slide (negative under; None without a budget)."""
        slide = self.slide(key)
        if slide is None or slide.budget_s is None:
            return None
        return self.actuals.get(key, 0.0) - slide.budget_s

    def over_slides(self, tolerance_s: float) -> list[tuple[TimedSlide, float]]:
        """Return (slide, seconds over) for every slide that ran over by more than ``tolerance_s``, worst first."""
        found = [(s, o) for s in self.slides if (o := self.over(s.key)) is not None and o > tolerance_s]
        return sorted(found, key=lambda item: -item[1])

    def as_dict(self, tolerance_s: float) -> dict[str, Any]:
        """Return the JSON shape `deck history --json` prints."""
        overs = self.over_slides(tolerance_s)
        worst = overs[0] if overs else None
        return {
            "id": self.id,
            "started_at": self.started_at,
            "finished": self.finished,
            "label": self.label,
            "total_s": round(self.total_s, 1),
            "duration_s": self.duration_s,
            "over_budget_slides": len(overs),
            "worst": {"slide": worst[0].title, "over_s": round(worst[1], 1)} if worst else None,
        }


def find_runs(history: History, deck: DeckId, share: float = 0.0) -> list[Run]:
    """Return the rehearsals of ``deck``, newest first; a run that gave a main slide less than ``share`` of its
    budget clicked past it, and is not `spoken` (rehearsed_share in layouts/rehearsal.yaml)."""
    runs = {row[0]: Run(*row[:6], listened=row[6]) for row in history.rehearsals_of(deck)}
    if not runs:
        return []
    ids = list(runs)
    for rid, slide in history.planned_slides(ids):
        runs[rid].slides.append(slide)
    for rid, key, seconds in history.seconds_by_slide(ids):
        runs[rid].actuals[key] = seconds
    for rid, _, key, _, figures in history.heard([r for r in ids if runs[r].listened]):
        heard = runs[rid].heard
        heard[key] = heard[key] + figures if key in heard else figures
    for run in runs.values():
        run.spoken = spoke_on_every_slide(run, share)
    return sorted(runs.values(), key=lambda r: -r.id)


def same_length(runs: list[Run], duration_s: float | None = None) -> tuple[list[Run], int, int]:
    """Return the whole runs (finished, every main slide spoken) of one talk length (``duration_s``, else the
    newest whole run's), newest first; how many finished runs of other lengths were left out, and how many of
    this length clicked past a slide: a 2-minute run and a 12-minute run are not the same talk, a click through
    the deck is no rehearsal of it, and no trend, comparison, report or plan may mix them in."""
    finished = [r for r in runs if r.finished]
    if duration_s is None:
        whole = [r for r in finished if r.spoken]
        if not whole:
            return [], 0, len(finished)
        duration_s = whole[0].duration_s
    length = [r for r in finished if abs(r.duration_s - duration_s) < 0.5]
    kept = [r for r in length if r.spoken]
    return kept, len(finished) - len(length), len(length) - len(kept)


def left_out(unfinished: int = 0, other_length: int = 0, skimmed: int = 0) -> str:
    """Return the runs a view leaves out, in words ("" when none): "1 unfinished, 2 of another length"."""
    counts = [(unfinished, "unfinished"), (other_length, "of another length"), (skimmed, "clicked through")]
    return ", ".join(f"{n} {what}" for n, what in counts if n)


@dataclass(frozen=True)
class Rehearsed:
    """The rehearsed time of each slide (by key) that `deck plan` judges the talk on, which runs gave it, and
    which it left out."""

    times: dict[str, float]
    used: list[int]  # the runs whose median it is, oldest first
    unfinished: int = 0
    other_length: int = 0
    skimmed: int = 0  # finished runs that clicked past a main slide instead of speaking on it

    def describe(self) -> str:
        """Return the runs used and those left out, in a line ("" when there are none)."""
        left = left_out(self.unfinished, self.other_length, self.skimmed)
        if not self.used and not left:
            return ""
        if not self.used:
            return f"no rehearsal fit to judge on ({left} left out): judged on the budgets"
        runs = ", ".join(f"#{i}" for i in self.used)
        return f"rehearsed: the median of {runs}" + (f"; left out: {left}" if left else "")


def spoke_on_every_slide(run: Run, share: float) -> bool:
    """Whether a run spoke on every main slide it planned: each got at least ``share`` of its budget (a run that
    clicked through the deck in seconds is not a rehearsal of it)."""
    return all(
        run.actuals.get(s.key, 0.0) >= share * s.budget_s for s in run.slides if s.main and s.budget_s is not None
    )


def rehearsed_times(runs: list[Run], duration_s: float, last: int = 3) -> Rehearsed:
    """Return each slide's median time (by key) over the last ``last`` whole rehearsals of the talk's length, and
    what was left out among the runs since the oldest of those."""
    kept, _, _ = same_length(runs, duration_s)
    chosen = kept[:last]
    keys = {k for r in chosen for k in r.actuals}
    times = {k: statistics.median(r.actuals.get(k, 0.0) for r in chosen) for k in keys}
    passed = [r for r in runs if (not chosen or r.id > chosen[-1].id) and r not in chosen]
    unfinished = sum(1 for r in passed if not r.finished)
    other = sum(1 for r in passed if r.finished and abs(r.duration_s - duration_s) >= 0.5)
    return Rehearsed(times, [r.id for r in chosen][::-1], unfinished, other, len(passed) - unfinished - other)


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def trend(runs: list[Run]) -> str:
    """Return a one-line trend of the last three finished rehearsals of the newest one's length, oldest first."""
    kept, other, skimmed = same_length(runs)
    done = kept[:3][::-1]
    if not done:
        return "no finished rehearsal yet" + (f" (left out: {skimmed} clicked through)" if skimmed else "")
    apart = f" (left out: {left_out(0, other, skimmed)})" if other or skimmed else ""
    totals = ", ".join(fmt(r.total_s) for r in done)
    within = [r.total_s <= r.duration_s for r in done]
    name = {1: "last one", 2: "last two", 3: "last three"}[len(done)]
    if all(within):
        verdict = "all within time"
    elif not within[-1]:
        verdict = "still over time"
    else:
        since = max(i for i, ok in enumerate(within) if not ok) + 2
        verdict = f"on budget since the {_ordinal(since)}"
    return f"{name} of {fmt(done[-1].duration_s)}: {totals}; {verdict}{apart}"


@dataclass(frozen=True)
class Change:
    """One slide in two rehearsals."""

    slide: TimedSlide  # as the deck has it now, else as the newer run had it (budget: the newer run's)
    a_s: float | None
    b_s: float | None
    in_deck: bool
    tolerance_s: float
    budget_a: float | None = None  # the budget the older run was held to (its own plan)

    @property
    def change_s(self) -> float | None:
        """Return B minus A as the two figures are shown (whole seconds), so a row reads 0:11 -> 0:15 as +0:04."""
        return None if self.a_s is None or self.b_s is None else float(round(self.b_s) - round(self.a_s))

    @property
    def verdict(self) -> str:
        """Return better, worse or same, judged on time over budget, each run against its own plan."""
        budget_b = self.slide.budget_s
        budget_a = self.budget_a if self.budget_a is not None else budget_b
        if budget_a is None or budget_b is None or self.a_s is None or self.b_s is None:
            return "same"
        over_a, over_b = max(self.a_s - budget_a, 0.0), max(self.b_s - budget_b, 0.0)
        if over_a > over_b + self.tolerance_s:
            return "better"
        if over_b > over_a + self.tolerance_s:
            return "worse"
        return "same"


def compare(talk: TalkPlan, a: Run, b: Run, tolerance_s: float) -> list[Change]:
    """Return slide by slide the two actuals, in the deck's order; slides no longer in the deck come last."""
    current = {s.key: s for s in talk.slides}
    rows: list[Change] = []
    seen: set[str] = set()
    for slide in [*talk.slides, *b.slides, *a.slides]:
        if slide.key in seen:
            continue
        seen.add(slide.key)
        planned = b.slide(slide.key) or a.slide(slide.key)
        shown = current.get(slide.key, slide)
        if planned is not None:  # the budget the newer run was held to
            shown = dataclasses.replace(shown, budget_s=planned.budget_s, start_s=None)
        older = a.slide(slide.key)
        a_s, b_s = _spent(a, slide.key), _spent(b, slide.key)
        budget_a = older.budget_s if older is not None else None
        rows.append(Change(shown, a_s, b_s, slide.key in current, tolerance_s, budget_a))
    return rows


def _spent(run: Run, key: str) -> float | None:
    """Return the time a run spent on a slide; None when it never reached a slide it had (stopped early)."""
    if run.slide(key) is None or (key not in run.actuals and not run.finished):
        return None
    return run.actuals.get(key, 0.0)


def default_pair(runs: list[Run]) -> tuple[tuple[Run, Run] | None, str]:
    """Return the two runs `deck compare` shows when none are named (older first) and a line saying which: the
    newest whole run (finished, every main slide spoken) with the one before it of the same planned length, else
    the latest two whole runs of any one length. None, and why, when no two whole runs share a length."""
    whole = [r for r in runs if r.finished and r.spoken]  # newest first
    groups: dict[int, list[Run]] = {}
    for run in whole:
        groups.setdefault(round(run.duration_s), []).append(run)
    pairs = [group[:2] for group in groups.values() if len(group) >= 2]
    if not pairs:
        lengths = sorted(groups, reverse=True)
        which = f"{len(whole)} finished, of {', '.join(fmt(n) for n in lengths)}" if whole else "none finished"
        skimmed = sum(1 for r in runs if r.finished and not r.spoken)
        which += f"; {skimmed} clicked through" if skimmed else ""
        return None, f"no two finished rehearsals of the same length to compare ({which}); nothing compared"
    newest = groups[round(whole[0].duration_s)]
    newer, older = newest[:2] if len(newest) >= 2 else max(pairs, key=lambda pair: pair[1].id)
    passed = [r for r in runs if r.id > older.id and r not in (newer, older)]  # runs the pair skips
    unfinished = sum(1 for r in passed if not r.finished)
    skimmed = sum(1 for r in passed if r.finished and not r.spoken)
    parts = left_out(unfinished, len(passed) - unfinished - skimmed, skimmed)
    note = f"comparing the last two finished rehearsals of {fmt(newer.duration_s)}: #{older.id} and #{newer.id}"
    return (older, newer), note + (f" ({parts} left out)" if parts else "")


def csv_text(runs: list[Run], history: History, least_speech_s: float) -> str:
    """Return every recorded visit of these rehearsals as CSV, oldest first; a listened run's visits carry what
    was heard on them (a visit a pause split adds up its parts), other runs leave those columns empty."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["rehearsal", "finished", "slide", "title", "budget_s", "seconds", "started_at", *HEARD_COLUMNS])
    finished = {r.id: r.finished for r in runs}
    by_visit = history.heard_by_visit([r.id for r in runs if r.listened])
    for rid, idx, title, budget, seconds, started, start in history.visits([r.id for r in runs]):
        title, started = spreadsheet_safe(visible(str(title))), spreadsheet_safe(visible(str(started)))
        budget_text = "" if budget is None else f"{budget:g}"
        heard = by_visit.pop((rid, idx, round(start, 3)), None) if by_visit else None
        row = [rid, int(finished[rid]), idx, title, budget_text, f"{seconds:.1f}", started]
        writer.writerow(row + (heard_cells(heard, least_speech_s) if heard else [""] * len(HEARD_COLUMNS)))
    return out.getvalue()


HEARD_COLUMNS = (
    "speech_s", "silence_s", "pauses", "long_pauses", "longest_pause_s", "words", "wpm", "numbers_said",
    "numbers_not_said",
)  # fmt: skip


def heard_cells(heard: Heard, least_speech_s: float) -> list[str]:
    """Return the CSV cells of what was heard on a visit (numbers as written, space-separated)."""
    wpm = heard.wpm(least_speech_s)
    return [
        f"{heard.speech_s:.1f}",
        f"{heard.silence_s:.1f}",
        str(heard.pauses),
        str(heard.long_pauses),
        f"{heard.longest_pause_s:.1f}",
        f"{heard.words:.0f}",
        "" if wpm is None else f"{wpm:.0f}",
        spreadsheet_safe(visible(" ".join(heard.said))),
        spreadsheet_safe(visible(" ".join(heard.missed))),
    ]


@dataclass(frozen=True)
class Pacing:
    """Budget and actual per slide over the last rehearsals, and the finding they show."""

    slides: list[TimedSlide]  # the slides shown, with the newest run's budgets
    runs: list[Run]  # oldest first
    actuals: list[list[float]]  # one row per run, one value per slide
    tolerance_s: float
    finding: str
    left_out: int = 0  # unfinished rehearsals not drawn
    gone: int = 0  # slides with recorded time that the deck no longer has (drawn last)
    other_length: int = 0  # finished rehearsals of another planned length, not drawn
    unfinished_only: bool = False  # no whole run yet: the newest run is drawn, and it is not one
    skimmed: int = 0  # finished rehearsals of this length that clicked through the deck, not drawn

    @property
    def labels(self) -> list[str]:
        """Return the x labels: slide number and kind, a word a line (slides the deck no longer has say so)."""
        first_gone = len(self.slides) - self.gone
        return [
            "\n".join([str(s.index), *(s.kind or "").replace("_", " ").split()]) if i < first_gone else "gone\nslide"
            for i, s in enumerate(self.slides)
        ]

    @property
    def backup(self) -> list[bool]:
        """Return, slide by slide, whether it is a backup slide (no budget, not the talk): drawn apart."""
        return [s.budget_s is None and not s.main for s in self.slides]

    def left_out_text(self) -> str:
        """Return what the figure leaves out, in words ("" when nothing)."""
        parts = left_out(self.left_out, self.other_length, self.skimmed)
        return f"rehearsals left out: {parts}" if parts else ""


def pacing(talk: TalkPlan, runs: list[Run], last: int, tolerance_s: float) -> Pacing:
    """Return the numbers of the pacing figure and its title, computed from the data."""
    kept, other_length, skimmed = same_length(runs)
    finished = kept or runs[:1]
    chosen = finished[:last][::-1]
    # Newer unfinished runs than the oldest drawn (older ones are not "left out": the figure shows the last N).
    unfinished = (
        sum(1 for r in runs[: runs.index(chosen[0]) + 1] if r not in chosen and not r.finished) if chosen else 0
    )
    newest = chosen[-1] if chosen else None
    shown: list[TimedSlide] = []
    for slide in talk.slides:
        planned = newest.slide(slide.key) if newest else None
        budget = planned.budget_s if planned else None
        # Backup slides nobody rehearsed would only add empty columns.
        if budget is not None or any(r.actuals.get(slide.key) for r in chosen):
            shown.append(dataclasses.replace(slide, budget_s=budget, start_s=None))
    # Time spent on slides the deck no longer has (renamed without an id, or removed) is kept, shown last.
    current = {s.key for s in talk.slides}
    gone: dict[str, TimedSlide] = {}
    for run in chosen:
        for slide in run.slides:
            if slide.key not in current and run.actuals.get(slide.key) and slide.key not in gone:
                gone[slide.key] = slide
    shown.extend(gone.values())
    actuals = [[r.actuals.get(s.key, 0.0) for s in shown] for r in chosen]
    worst: tuple[int, float, int] | None = None  # (times over, mean over, slide position)
    for i, slide in enumerate(shown):
        if slide.budget_s is None:
            continue
        overs = [row[i] - slide.budget_s for row in actuals if row[i] - slide.budget_s > tolerance_s]
        if overs:
            candidate = (len(overs), sum(overs) / len(overs), i)
            if worst is None or candidate[:2] > worst[:2]:
                worst = candidate
    n = len(chosen)
    plural = "rehearsal" if n == 1 else f"{n} rehearsals"
    if worst is None:
        finding = f"Every slide stayed within its budget in the last {plural}"
    else:
        times, mean, i = worst
        slide = shown[i]
        often = (
            f"by {fmt(mean)} in the one rehearsal"
            if n == 1
            else f"in {times} of {n} rehearsals, by {fmt(mean)} on average"
        )
        finding = f"Slide {slide.index} ran over {often}: {_short(slide.title, 80)}"
    return Pacing(shown, chosen, actuals, tolerance_s, finding, unfinished, len(gone), other_length, not kept, skimmed)


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
