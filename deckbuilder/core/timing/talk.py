"""The one slide record from the planner to the history: TimedSlide, and the TalkPlan made of them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class TimedSlide:
    """A slide of the talk with its place on the talk clock.

    ``budget_s`` is None for a backup slide shown after the talk; ``main`` says whether the slide
    counts as the talk proper (shares, slide count). Both are settled once, by whoever made the plan.
    """

    index: int  # 1-based position in the deck
    title: str
    kind: str | None
    budget_s: int | None
    start_s: int | None
    main: bool
    pinned: bool = False
    id: str | None = None  # the outline's `id:`

    @property
    def key(self) -> str:
        """Return what identifies this slide across rebuilds: its id, else its title."""
        return self.id or self.title.strip()

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the slide."""
        return asdict(self)


def fingerprint(titles: Iterable[str]) -> str:
    """Return a short hash of a deck's slide titles, to know a deck again after it moved."""
    import hashlib  # here: only rehearsals and builds fingerprint a deck, not `deck plan`

    return hashlib.sha256("\n".join(t.strip().lower() for t in titles).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class DeckId:
    """Who a rehearsal belongs to: the deck file, its talk title and the fingerprint of its slide titles."""

    path: str
    title: str
    fingerprint: str
    embedded: bool = False  # built by `deck build`: its talk title is enough to know it again


@dataclass(frozen=True)
class TalkPlan:
    """A timed talk: its slides in order, the duration, and where the budgets came from."""

    title: str
    duration_s: int
    slides: tuple[TimedSlide, ...]
    source: str = "outline"  # outline, embedded, notes, even, rescaled, none

    @property
    def total_s(self) -> int:
        """Return the sum of all slide budgets."""
        return sum(s.budget_s or 0 for s in self.slides)

    @property
    def main_slides(self) -> list[TimedSlide]:
        """Return the slides that count as the talk (no title, no appendix)."""
        return [s for s in self.slides if s.main]

    @property
    def main_s(self) -> int:
        """Return the budget of the main slides."""
        return sum(s.budget_s or 0 for s in self.main_slides)

    def fingerprint(self) -> str:
        """Return the fingerprint of the slide titles."""
        return fingerprint(s.title for s in self.slides)


def schedule(slides: Sequence[TimedSlide]) -> tuple[TimedSlide, ...]:
    """Return the slides with their start times: the running sum of the budgets before them."""
    clock, timed = 0, []
    for slide in slides:
        timed.append(dataclasses.replace(slide, start_s=None if slide.budget_s is None else clock))
        clock += slide.budget_s or 0
    return tuple(timed)


def allocate(total: int, weights: Sequence[Fraction]) -> list[int]:
    """Split ``total`` seconds by ``weights`` into whole seconds that sum to ``total``."""
    weight_sum = sum(weights, Fraction(0))
    if total <= 0 or weight_sum == 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    result = [int(x) for x in exact]
    short = total - sum(result)
    # Largest remainder first; earlier slides win ties so the result is stable.
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - result[i]), i))
    for i in order[:short]:
        result[i] += 1
    return result


def allocate_steps(total: int, exact: Sequence[Fraction], step: int) -> list[int]:
    """Round ``exact`` seconds to whole ``step``s that still sum to ``total`` (a remainder no step holds goes to
    the largest)."""
    if not exact:
        return []
    units, rest = divmod(total, step)
    seconds = [u * step for u in allocate(units, exact)]
    if rest:
        biggest = max(range(len(seconds)), key=lambda i: (seconds[i], -i))
        seconds[biggest] += rest
    return seconds


def rescale(plan: TalkPlan, duration_s: int, source: str = "rescaled", step: int = 1) -> TalkPlan:
    """Return ``plan`` stretched to ``duration_s``: every budget in proportion, in whole steps, summing exactly."""
    timed = [i for i, s in enumerate(plan.slides) if s.budget_s is not None]
    exact = [Fraction(plan.slides[i].budget_s or 0) for i in timed]
    seconds = allocate_steps(duration_s, exact, step)
    if timed and min(seconds) < step:
        # A slide the plan gives time must keep some when the talk is squeezed (`--duration 1m`): each gets a
        # floor of one step (or an even share, when even that does not fit), the rest goes by the plan's shares,
        # so the difference comes from the largest slides.
        floor = step if step * len(timed) <= duration_s else duration_s // len(timed)
        rest = allocate_steps(duration_s - floor * len(timed), exact, step) if floor == step else None
        seconds = [floor + r for r in rest] if rest is not None else allocate(duration_s, [Fraction(1)] * len(timed))
    slides = list(plan.slides)
    for i, budget in zip(timed, seconds, strict=True):
        slides[i] = dataclasses.replace(slides[i], budget_s=budget)
    return TalkPlan(plan.title, duration_s, schedule(slides), source)
