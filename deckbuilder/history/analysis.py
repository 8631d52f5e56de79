"""Turn the rehearsal history of a deck into numbers: runs, trends, comparisons, the pacing finding."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from deckbuilder.core.durations import format_duration as fmt
from deckbuilder.history.store import History, fingerprint
from deckbuilder.rehearse.deck_reader import Deck

TOLERANCE_S = 2.0  # changes smaller than this are noise from key presses


@dataclass
class Run:
    """One recorded rehearsal with its planned budgets and the time spent per slide."""

    id: int
    started_at: str
    finished: bool
    total_s: float
    duration_s: float
    order: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    budgets: dict[str, float | None] = field(default_factory=dict)
    actuals: dict[str, float] = field(default_factory=dict)

    def over(self, key: str) -> float | None:
        """Return seconds over budget on a slide (negative under; None without a budget)."""
        budget = self.budgets.get(key)
        return None if budget is None else self.actuals.get(key, 0.0) - budget

    def over_slides(self) -> list[tuple[str, float]]:
        """Return (slide key, seconds over) for every slide that ran over, worst first."""
        found = [(k, o) for k in self.order if (o := self.over(k)) is not None and o > TOLERANCE_S]
        return sorted(found, key=lambda item: -item[1])

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape `deck history --json` prints."""
        worst = self.over_slides()[:1]
        return {
            "id": self.id,
            "started_at": self.started_at,
            "finished": self.finished,
            "total_s": round(self.total_s, 1),
            "duration_s": self.duration_s,
            "over_budget_slides": len(self.over_slides()),
            "worst": {"slide": self.titles[worst[0][0]], "over_s": round(worst[0][1], 1)} if worst else None,
        }


_MATCH = """
    deck_path = :path OR fingerprint = :fingerprint
    OR (:embedded AND budgets_from = 'embedded' AND deck_title = :title)
"""


def find_runs(history: History, deck: Deck) -> list[Run]:
    """Return the rehearsals of ``deck``, newest first: same file, same slides, or same embedded talk."""
    args = {
        "path": str(deck.path.resolve()),
        "fingerprint": fingerprint(s.title for s in deck.slides),
        "embedded": int(deck.source == "embedded"),
        "title": deck.title,
    }
    db = history.db
    runs = {
        row[0]: Run(int(row[0]), str(row[1]), bool(row[2]), float(row[3] or 0.0), float(row[4]))
        for row in db.execute(
            f"SELECT id, started_at, finished, total_s, duration_s FROM rehearsals WHERE {_MATCH} ORDER BY id",
            args,
        )
    }
    if not runs:
        return []
    chosen = f"(SELECT id FROM rehearsals WHERE {_MATCH})"
    for rid, key, title, budget in db.execute(
        f"SELECT rehearsal_id, slide_key, title, budget_s FROM planned_slides WHERE rehearsal_id IN {chosen} "
        "ORDER BY rehearsal_id, idx",
        args,
    ):
        run = runs[rid]
        run.order.append(key)
        run.titles[key] = title
        run.budgets[key] = budget
    for rid, key, seconds in db.execute(
        f"SELECT rehearsal_id, slide_key, SUM(seconds) FROM visits WHERE rehearsal_id IN {chosen} "
        "GROUP BY rehearsal_id, slide_key",
        args,
    ):
        runs[rid].actuals[key] = float(seconds)
    return sorted(runs.values(), key=lambda r: -r.id)


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def trend(runs: list[Run]) -> str:
    """Return a one-line trend of the last three finished rehearsals, oldest first."""
    done = [r for r in runs if r.finished][:3][::-1]
    if not done:
        return "no finished rehearsal yet"
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
    return f"{name}: {totals}; {verdict}"


@dataclass(frozen=True)
class Change:
    """One slide in two rehearsals."""

    key: str
    title: str
    budget_s: float | None
    a_s: float | None
    b_s: float | None
    in_deck: bool

    @property
    def change_s(self) -> float | None:
        """Return B minus A."""
        return None if self.a_s is None or self.b_s is None else self.b_s - self.a_s

    @property
    def verdict(self) -> str:
        """Return better, worse or same, judged on time over budget."""
        if self.budget_s is None or self.a_s is None or self.b_s is None:
            return "same"
        over_a, over_b = max(self.a_s - self.budget_s, 0.0), max(self.b_s - self.budget_s, 0.0)
        if over_a > over_b + TOLERANCE_S:
            return "better"
        if over_b > over_a + TOLERANCE_S:
            return "worse"
        return "same"


def compare(deck: Deck, a: Run, b: Run) -> list[Change]:
    """Return slide by slide the two actuals, in the deck's order; slides no longer in the deck come last."""
    current = [s.key for s in deck.slides]
    keys = current + [k for k in [*a.order, *b.order] if k not in current]
    seen: set[str] = set()
    rows = []
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        title = (
            next((s.title for s in deck.slides if s.key == key), None) or b.titles.get(key) or a.titles.get(key, key)
        )
        in_deck = next((s.budget_s for s in deck.slides if s.key == key), None)
        budget = b.budgets.get(key, a.budgets.get(key, in_deck))
        a_s = a.actuals.get(key, 0.0) if key in a.order else None
        b_s = b.actuals.get(key, 0.0) if key in b.order else None
        rows.append(Change(key, title, budget, a_s, b_s, key in current))
    return rows


def csv_text(runs: list[Run], history: History) -> str:
    """Return every recorded visit of these rehearsals as CSV, oldest first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["rehearsal", "slide", "title", "budget_s", "seconds", "started_at"])
    ids = sorted(r.id for r in runs)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for row in history.db.execute(
            f"SELECT rehearsal_id, idx, title, budget_s, seconds, started_at FROM visits "
            f"WHERE rehearsal_id IN ({marks}) ORDER BY rehearsal_id, id",
            part,
        ):
            rid, idx, title, budget, seconds, started = row
            writer.writerow([rid, idx, title, "" if budget is None else f"{budget:g}", f"{seconds:.1f}", started])
    return out.getvalue()


@dataclass(frozen=True)
class Pacing:
    """Budget and actual per slide over the last rehearsals, and the finding they show."""

    keys: list[str]
    labels: list[str]
    budgets: list[float | None]
    runs: list[Run]  # oldest first
    actuals: list[list[float]]  # one row per run, one value per slide
    finding: str


def pacing(deck: Deck, runs: list[Run], last: int) -> Pacing:
    """Return the numbers of the pacing figure and its title, computed from the data."""
    finished = [r for r in runs if r.finished] or runs
    chosen = finished[:last][::-1]
    newest = chosen[-1] if chosen else None
    # Backup slides nobody rehearsed would only add empty columns.
    shown = [
        s
        for s in deck.slides
        if (newest and newest.budgets.get(s.key) is not None) or any(r.actuals.get(s.key) for r in chosen)
    ]
    keys = [s.key for s in shown]
    labels = [f"{s.index}\n{(s.kind or '').replace('_', ' ')}".strip() for s in shown]
    budgets = [newest.budgets.get(k) if newest else None for k in keys]
    actuals = [[r.actuals.get(k, 0.0) for k in keys] for r in chosen]
    worst: tuple[int, float, int] | None = None  # (times over, mean over, slide position)
    for i, budget in enumerate(budgets):
        if budget is None:
            continue
        overs = [row[i] - budget for row in actuals if row[i] - budget > TOLERANCE_S]
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
        finding = (
            f"Slide {slide.index} ran over in {times} of {n} rehearsals, by {fmt(mean)} on average: "
            f"{_short(slide.title, 80)}"
        )
    return Pacing(keys, labels, budgets, chosen, actuals, finding)


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
