"""Capacity findings: C004 (too many figures) and C010 (a slide that does not fit, as the exporter lays it out)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.slides.layout import cover_layout, reported, slide_layout

from .text import main_slides

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C004 and C010 findings."""
    most = config.capacity.max_figures
    found: list[Finding] = []
    figures = [i for i, s in main_slides(outline, config) if s.figure is not None]
    if len(figures) > most:
        found.append(
            config.finding(
                "C004",
                f"{len(figures)} figures in the talk (slides {', '.join(map(str, figures))}); keep the "
                f"{most} that carry a decision and move the rest to the appendix.",
            )
        )
    page = config.page()
    for index, slide in enumerate(outline.slides, start=1):
        layout = (
            cover_layout(outline.title, page, outline.subtitle) if slide.kind == "title" else slide_layout(slide, page)
        )
        problem = reported(layout)
        if problem is not None:
            found.append(config.finding("C010", problem[0], slide=index, note=problem[1]))
    return found
