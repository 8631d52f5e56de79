"""Capacity findings: C004 (too many figures) and C010 (a slide that does not fit, as the exporter lays it out)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.slides.cover import cover_layout
from deckbuilder.core.slides.layout import SlideLayout, reported, slide_layout

from .text import looks_like_code, main_slides

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline, Slide
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.rules.page import Page
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
        problem = reported(layout) if slide.kind == "title" else slide_problem(slide, layout, page, config)
        if problem is not None:
            found.append(config.finding("C010", problem[0], slide=index, note=problem[1]))
    return found


def slide_problem(slide: Slide, layout: SlideLayout, page: Page, config: Config) -> tuple[str, bool] | None:
    """Return the C010 a slide is reported for and whether it is a note, in `deck plan` and `deck build` alike
    (see layout.reported); none when code on the slide is what keeps it from fitting: one cause, one finding,
    and C005 asks to take the code off."""
    problem = reported(layout)
    if problem is not None and not problem[1] and _code_is_the_cause(slide, page, config):
        return None
    return problem


def _code_is_the_cause(slide: Slide, page: Page, config: Config) -> bool:
    """Whether a slide's points that hold code are what keeps it from fitting: without them it fits."""
    lex = config.lexicon
    kept = [p for p in slide.points if not looks_like_code(p.text, lex)]
    if len(kept) == len(slide.points):
        return False
    return reported(slide_layout(dataclasses.replace(slide, points=kept), page)) is None
