"""Placeholder findings: C013, a slide left to write (`todo:`), which `deck import` puts where a part is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.text.display import one_line

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return one C013 for every slide that still says what to write."""
    return [
        config.finding(
            "C013", f"slide {i} is a placeholder: {one_line(outline.slides[i - 1].todo or '', 160)}", slide=i
        )
        for i in sorted(unwritten(outline))
    ]


def unwritten(outline: Outline) -> set[int]:
    """Return the 1-based numbers of the placeholder slides (their content findings would only repeat C013)."""
    return {index for index, slide in enumerate(outline.slides, start=1) if slide.todo}
