"""Which budgets a rehearsal uses, decided once: --plan, else the deck's own plan, else --duration spread evenly.

A `--plan` named on the command line wins over the plan in the deck (the user asked for it), and the
screen says which was used. `--duration` on a deck with a plan rescales that plan.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from deckbuilder.core.text.durations import format_duration
from deckbuilder.core.timing.talk import TalkPlan, TimedSlide, rescale, schedule
from deckbuilder.errors import DeckError

from .deck_reader import Deck, looks_like_backup, untimed


@dataclass(frozen=True)
class Budgets:
    """The timed talk a rehearsal follows, one record a deck slide, and a sentence saying where it came from."""

    plan: TalkPlan
    source: str
    warnings: tuple[str, ...] = ()


def resolve(
    deck: Deck,
    outline_plan: TalkPlan | None = None,
    plan_name: str = "",
    duration_s: int | None = None,
    step_s: int = 1,
) -> Budgets:
    """Give each slide of ``deck`` its budget (see the module's docstring for the order).

    A rescaled plan keeps budgets in whole ``step_s`` seconds, as the planner does (1:30, not 1:29).
    """
    if outline_plan is not None:
        plan, warnings = match_plan(deck, outline_plan, plan_name)
        instead = ", in place of the plan in the deck" if deck.plan is not None else ""
        source = f"budgets from the outline {plan_name} (--plan{instead})"
        if duration_s and duration_s != plan.duration_s:
            plan = rescale(plan, duration_s, plan.source, step_s)
            source += f", rescaled to {format_duration(duration_s)} (--duration)"
        return Budgets(plan, source, warnings)
    if deck.plan is not None:
        where = "the plan embedded by deck build" if deck.source == "embedded" else "the timing line of the notes"
        if duration_s and duration_s != deck.plan.duration_s:
            was = format_duration(deck.plan.duration_s)
            plan = rescale(deck.plan, duration_s, step=step_s)
            return Budgets(plan, f"budgets from {where}, rescaled from {was} to {format_duration(duration_s)}")
        return Budgets(deck.plan, f"budgets from {where}")
    if duration_s:
        plan = spread_evenly(deck, duration_s)
        spoken = sum(1 for s in plan.slides if s.budget_s is not None)
        return Budgets(plan, f"{format_duration(duration_s)} spread evenly over {spoken} slides")
    raise DeckError(
        "this deck carries no time plan",
        file=str(deck.path),
        hint="pass --duration 12m to spread the talk evenly, or --plan outline.yaml for the outline it came from",
    )


def spread_evenly(deck: Deck, duration_s: int) -> TalkPlan:
    """Return ``duration_s`` shared evenly by the slides not titled like a backup (those get no budget)."""
    talk = [s for s in deck.slides if not looks_like_backup(s.title)]
    share, extra = divmod(duration_s, max(len(talk), 1))
    slides, given = [], 0
    for s in deck.slides:
        if looks_like_backup(s.title):
            slides.append(TimedSlide(s.index, s.title, "appendix", None, None, False))
            continue
        slides.append(TimedSlide(s.index, s.title, None, share + (1 if given < extra else 0), None, True))
        given += 1
    return TalkPlan(deck.title, duration_s, schedule(slides), "even")


def match_plan(deck: Deck, outline_plan: TalkPlan, plan_name: str) -> tuple[TalkPlan, tuple[str, ...]]:
    """Match the outline's slides to the deck's by id, then title, then position when the counts agree.

    Raises DeckError when most slides match nothing: the outline is not this deck's.
    """
    by_id = {s.id: s for s in outline_plan.slides if s.id}
    by_title = {s.title.strip().lower(): s for s in outline_plan.slides}
    known = deck.plan.slides if deck.plan is not None else (None,) * len(deck.slides)
    same_count = len(deck.slides) == len(outline_plan.slides)
    timed: list[TimedSlide] = []
    unmatched: list[str] = []
    for slide, mine in zip(deck.slides, known, strict=True):
        found = by_id.get(mine.id) if mine is not None and mine.id else None
        found = found or by_title.get(slide.title.strip().lower())
        if found is None and same_count:
            found = outline_plan.slides[slide.index - 1]
        if found is None:
            unmatched.append(f"slide {slide.index} ({slide.title})")
            timed.append(untimed(slide))
        else:
            timed.append(dataclasses.replace(found, index=slide.index, title=slide.title, start_s=None))
    if len(unmatched) * 2 > len(deck.slides):
        raise DeckError(
            f"{len(unmatched)} of the deck's {len(deck.slides)} slides match no slide of {plan_name} by id or title",
            file=str(deck.path),
            hint=f"give the outline this deck was built from, or drop --plan; unmatched: {', '.join(unmatched[:3])}",
        )
    warnings = tuple(f"{name} matches no slide of {plan_name}: no budget" for name in unmatched)
    return TalkPlan(outline_plan.title, outline_plan.duration_s, schedule(timed), "outline"), warnings
