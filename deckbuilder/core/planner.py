"""Turn a validated outline into a plan: budgets, start times, shares, findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from typing import Any

from deckbuilder.core.config import Share, Template, load_template
from deckbuilder.core.findings import Finding
from deckbuilder.core.outline import Outline


@dataclass(frozen=True)
class PlannedSlide:
    """One slide with its budget and where it starts on the talk clock."""

    index: int
    kind: str
    title: str
    budget_s: int
    start_s: int
    pinned: bool
    main: bool
    id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the slide."""
        return asdict(self)


@dataclass
class Plan:
    """The timed talk and what the checks found."""

    title: str
    duration_s: int
    slides: list[PlannedSlide]
    shares: list[Share]
    main_s: int
    decided_s: int
    observed_s: int
    pinned_s: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def total_s(self) -> int:
        """Return the sum of all slide budgets."""
        return sum(s.budget_s for s in self.slides)

    @property
    def main_slides(self) -> list[PlannedSlide]:
        """Return the slides that count as the talk (no title, no appendix)."""
        return [s for s in self.slides if s.main]

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the plan."""
        return {
            "title": self.title,
            "duration_s": self.duration_s,
            "total_s": self.total_s,
            "main_s": self.main_s,
            "slides": [s.as_dict() for s in self.slides],
            "shares": [s.as_dict() for s in self.shares],
            "decided_s": self.decided_s,
            "observed_s": self.observed_s,
            "findings": [f.as_dict() for f in self.findings],
        }


def allocate(total: int, weights: list[Fraction]) -> list[int]:
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


def budgets(outline: Outline, template: Template) -> list[int]:
    """Return each slide's budget in whole seconds."""
    kinds = template.kinds
    result = [0] * len(outline.slides)
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
            free -= result[i]
    spread = [
        i
        for i, s in enumerate(outline.slides)
        if s.time is None and kinds[s.kind].fixed_s is None and kinds[s.kind].main
    ]
    per_kind = Counter(outline.slides[i].kind for i in spread)
    weights = [Fraction(kinds[outline.slides[i].kind].weight_s) / per_kind[outline.slides[i].kind] for i in spread]
    for i, seconds in zip(spread, allocate(free, weights), strict=True):
        result[i] = seconds
    return result


def _sum_kinds(slides: Iterable[PlannedSlide], kinds: Iterable[str]) -> int:
    wanted = set(kinds)
    return sum(s.budget_s for s in slides if s.kind in wanted)


def plan_talk(
    outline: Outline,
    template: Template | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> Plan:
    """Plan ``outline``: budgets, shares and every finding not silenced."""
    from deckbuilder.checks import run_checks

    template = template or load_template()
    seconds = budgets(outline, template)
    slides: list[PlannedSlide] = []
    clock = 0
    for i, (slide, budget) in enumerate(zip(outline.slides, seconds, strict=True), start=1):
        rule = template.kinds[slide.kind]
        slides.append(
            PlannedSlide(
                index=i,
                kind=slide.kind,
                title=slide.title or outline.title,
                budget_s=budget,
                start_s=clock,
                pinned=slide.time is not None,
                id=slide.id,
                main=rule.main,
            )
        )
        clock += budget
    main = [s for s in slides if s.main]
    main_s = sum(s.budget_s for s in main)
    by_kind: dict[str, float] = {}
    for planned in main:
        by_kind[planned.kind] = by_kind.get(planned.kind, 0) + planned.budget_s
    shares = [rule.measure(by_kind, main_s) for rule in template.shares.values()]
    plan = Plan(
        title=outline.title,
        duration_s=outline.duration,
        slides=slides,
        shares=shares,
        main_s=main_s,
        decided_s=_sum_kinds(main, template.kinds_in_section("decided")),
        observed_s=_sum_kinds(main, template.kinds_in_section("observed")),
        pinned_s=sum(s.time or 0 for s in outline.slides),
    )
    plan.findings = run_checks(outline, plan, template, select=select, ignore=ignore)
    return plan
