"""Outline + Config -> Plan: every slide's budget and start, and how the main talk's time divides."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .config import Config, Template, default_config
from .findings import Finding
from .outline import Outline
from .shares import Share, split
from .talk import TalkPlan, TimedSlide, allocate


@dataclass(frozen=True)
class Plan(TalkPlan):
    """A planned talk: the timed slides, the shares of the main talk, and the findings of the checks."""

    shares: tuple[Share, ...] = ()
    decided_s: int = 0
    observed_s: int = 0
    pinned_s: int = 0
    findings: list[Finding] = field(default_factory=list)

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


def budgets(outline: Outline, template: Template) -> list[int | None]:
    """Return each slide's budget in whole seconds (None for a backup slide)."""
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
    per_kind = Counter(outline.slides[i].kind for i in spread)
    weights = [Fraction(kinds[outline.slides[i].kind].weight_s) / per_kind[outline.slides[i].kind] for i in spread]
    for i, seconds in zip(spread, allocate(free, weights), strict=True):
        result[i] = seconds
    return result


def plan(outline: Outline, config: Config | None = None) -> Plan:
    """Time ``outline``: budgets, start times and shares (the checks come on top, in deckbuilder.checks)."""
    template = (config or default_config()).template
    slides: list[TimedSlide] = []
    clock = 0
    for i, (slide, budget) in enumerate(zip(outline.slides, budgets(outline, template), strict=True), start=1):
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
    parts = split(((s.kind, s.budget_s or 0) for s in slides if s.main), template)
    return Plan(
        title=outline.title,
        duration_s=outline.duration,
        slides=tuple(slides),
        shares=parts.shares,
        decided_s=int(parts.decided_s),
        observed_s=int(parts.observed_s),
        pinned_s=sum(s.time or 0 for s in outline.slides),
    )
