"""Outline + Config -> Plan: every slide's budget and start, and how the main talk's time divides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from deckbuilder.core.outline.model import Outline
from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.settings import Template, TimeModel
from deckbuilder.core.timing.estimate import needs_s
from deckbuilder.core.timing.shares import Share, share_pct, split
from deckbuilder.core.timing.talk import TalkPlan, TimedSlide, allocate_steps


@dataclass(frozen=True)
class Plan(TalkPlan):
    """A planned talk: the timed slides, the shares of the main talk, and the findings of the checks."""

    shares: tuple[Share, ...] = ()  # of the talk as it will be given (see judged_on)
    decided_s: int = 0
    observed_s: int = 0
    pinned_s: int = 0
    needs_s: tuple[int, ...] = ()  # what each slide's material needs (core.estimate)
    speaker_wpm: float | None = None  # the speaker's own rate the needs are worked at (else the model's)
    rehearsed_s: tuple[float | None, ...] = ()  # median of the last finished rehearsals, by slide
    judged_on: str = "budgets"  # budgets, material (an estimate exceeded a budget) or rehearsals
    given_s: tuple[float, ...] = ()  # each slide's time as judged
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the plan."""
        return {
            "title": self.title,
            "duration_s": self.duration_s,
            "total_s": self.total_s,
            "main_s": self.main_s,
            "slides": [
                {**s.as_dict(), "needs_s": need, "rehearsed_s": None if spoken is None else round(spoken, 1)}
                for s, need, spoken in zip(self.slides, self.needs_s, self.rehearsed_s, strict=True)
            ],
            "shares": [s.as_dict() for s in self.shares],
            "judged_on": self.judged_on,
            "needs_at_wpm": round(self.speaker_wpm) if self.speaker_wpm else None,
            "decided_s": self.decided_s,
            "observed_s": self.observed_s,
            "findings": [f.as_dict() for f in self.findings],
        }


def budgets(outline: Outline, template: Template, model: TimeModel) -> list[int | None]:
    """Return each slide's budget in whole seconds (None for a backup slide).

    Pinned slides keep their time and the title its fixed seconds; the rest is shared by each slide's
    weight, repaired so methodology + results keep their floor, and rounded to whole steps.
    """
    kinds = template.kinds
    result: list[int | None] = [None if kinds[s.kind].backup else 0 for s in outline.slides]
    free = outline.duration
    for i, slide in enumerate(outline.slides):
        if slide.time is not None:
            result[i] = slide.time
            free -= slide.time
    free = max(free, 0)
    for i, slide in enumerate(outline.slides):
        fixed = kinds[slide.kind].fixed_s
        if slide.time is None and fixed is not None:
            result[i] = min(fixed, free)
            free -= min(fixed, free)
    spread = [
        i
        for i, s in enumerate(outline.slides)
        if s.time is None and kinds[s.kind].fixed_s is None and kinds[s.kind].main
    ]
    weights = [Fraction(kinds[outline.slides[i].kind].weight_s) for i in spread]
    total = sum(weights, Fraction(0))
    exact = {i: free * w / total for i, w in zip(spread, weights, strict=True)} if total else {}
    fixed_main = {
        i: Fraction(b)
        for i, b in enumerate(result)
        if b is not None and i not in exact and kinds[outline.slides[i].kind].main
    }
    _repair(exact, fixed_main, outline, template, model)
    core = template.shares["core"]
    main_exact = sum(exact.values(), Fraction(0)) + sum(fixed_main.values(), Fraction(0))
    core_exact = sum(
        (v for i, v in [*exact.items(), *fixed_main.items()] if outline.slides[i].kind in core.kinds), Fraction(0)
    )
    for i, seconds in zip(spread, allocate_steps(free, [exact[i] for i in spread], model.budget_step_s), strict=True):
        result[i] = seconds
    if main_exact and core_exact * 100 >= (core.min_pct or 0) * main_exact:
        # The exact split met the floor; only rounding to whole steps can have taken it away.
        _keep_floor_after_rounding(result, spread, outline, template, model)
    return result


def _keep_floor_after_rounding(
    result: list[int | None], spread: list[int], outline: Outline, template: Template, model: TimeModel
) -> None:
    """Move whole steps to methodology + results if rounding took them back under their floor."""
    core = template.shares["core"]
    kinds = template.kinds
    main = [i for i, s in enumerate(outline.slides) if kinds[s.kind].main and result[i] is not None]
    receivers = [i for i in spread if outline.slides[i].kind in core.kinds]
    donors = [i for i in spread if outline.slides[i].kind not in core.kinds]
    step = model.budget_step_s
    for _ in range(len(spread)):  # rounding moves each slide by less than a step
        main_s = sum(result[i] or 0 for i in main)
        core_s = sum(result[i] or 0 for i in main if outline.slides[i].kind in core.kinds)
        if not receivers or not donors or share_pct(core_s, main_s) >= (core.min_pct or 0):
            return
        giver = max(donors, key=lambda i: result[i] or 0)
        taker = min(receivers, key=lambda i: result[i] or 0)
        if (result[giver] or 0) <= step:
            return
        result[giver] = (result[giver] or 0) - step
        result[taker] = (result[taker] or 0) + step


def _repair(
    exact: dict[int, Fraction], fixed: dict[int, Fraction], outline: Outline, template: Template, model: TimeModel
) -> bool:
    """Move time to methodology + results when added slides pushed them under their floor.

    Donors give, in the order of ``repair_from``, only what they hold above their own target (closing)
    or above a floor of their weighted budget (framing), so the repair never creates another finding.
    """
    core = template.shares["core"]
    kind_of = {i: outline.slides[i].kind for i in [*exact, *fixed]}
    main_total = sum(exact.values(), Fraction(0)) + sum(fixed.values(), Fraction(0))
    if not main_total or core.min_pct is None:
        return False

    def section(kinds: tuple[str, ...]) -> Fraction:
        both = {**fixed, **exact}
        return sum((both[i] for i in both if kind_of[i] in kinds), Fraction(0))

    need = Fraction(core.min_pct, 100) * main_total - section(core.kinds)
    receivers = [i for i in exact if kind_of[i] in core.kinds]
    if need <= 0 or not receivers:
        return False
    for donor in model.repair_from:
        if need <= 0:
            break
        if donor == "framing":
            givers = {
                i: exact[i] * (1 - Fraction(model.framing_floor_ratio))
                for i in exact
                if kind_of[i] in model.framing_kinds
            }
        else:
            rule = template.shares[donor]
            surplus = section(rule.kinds) - Fraction(rule.target_pct or 0, 100) * main_total
            members = [i for i in exact if kind_of[i] in rule.kinds]
            held = sum((exact[i] for i in members), Fraction(0))
            # Pinned members may hold the surplus themselves: an unpinned one gives at most what it has.
            share = min(max(surplus, Fraction(0)), held)
            givers = {i: exact[i] / held * share for i in members} if held else {}
        available = sum(givers.values(), Fraction(0))
        if available <= 0:
            continue
        moved = min(need, available)
        for i, can in givers.items():
            exact[i] -= moved * can / available
        weight = sum((exact[i] for i in receivers), Fraction(0))
        for i in receivers:
            exact[i] += moved * exact[i] / weight
        need -= moved
    return True


def plan(
    outline: Outline,
    config: Config | None = None,
    rehearsed: Mapping[str, float] | None = None,
    speaker_wpm: float | None = None,
) -> Plan:
    """Time ``outline``: budgets, start times, what each slide's material needs (at ``speaker_wpm``, the
    speaker's own rate heard in rehearsals, when known), and the shares.

    The shares judge the talk as it will be given: the rehearsed time of a slide when there is one
    (``rehearsed``, by slide key), else its estimate where its material clearly exceeds its budget,
    else its budget. The checks come on top, in deckbuilder.checks.
    """
    config = config or default_config()
    template, model = config.template, config.time_model
    slides: list[TimedSlide] = []
    clock = 0
    planned = budgets(outline, template, model)
    for i, (slide, budget) in enumerate(zip(outline.slides, planned, strict=True), start=1):
        slides.append(
            TimedSlide(
                index=i,
                title=slide.title or outline.title,
                kind=slide.kind,
                budget_s=budget,
                start_s=None if budget is None else clock,
                main=template.kinds[slide.kind].main,
                pinned=slide.time is not None,
                id=slide.id,
            )
        )
        clock += budget or 0
    needs = tuple(needs_s(slide, model, speaker_wpm) for slide in outline.slides)
    rehearsed = rehearsed or {}
    seen = tuple(rehearsed.get(s.key) for s in slides)
    judged_on = "rehearsals" if any(r is not None for r in seen) else "budgets"
    given: list[float] = []
    for timed, need, spoken in zip(slides, needs, seen, strict=True):
        budget = timed.budget_s or 0
        if spoken is not None:
            given.append(spoken)
        elif judged_on != "rehearsals" and timed.main and timed.budget_s is not None and model.too_much(need, budget):
            given.append(float(need))
            judged_on = "material"
        else:
            given.append(float(budget))
    parts = split(((s.kind, g) for s, g in zip(slides, given, strict=True) if s.main), template)
    return Plan(
        title=outline.title,
        duration_s=outline.duration,
        slides=tuple(slides),
        shares=parts.shares,
        decided_s=round(parts.decided_s),
        observed_s=round(parts.observed_s),
        pinned_s=sum(s.time or 0 for s in outline.slides),
        needs_s=needs,
        speaker_wpm=speaker_wpm,
        rehearsed_s=seen,
        judged_on=judged_on,
        given_s=tuple(given),
    )
