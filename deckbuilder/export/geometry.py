"""The page of this build (our 16:9 page, or a company template's) and what happens on it while composing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from deckbuilder.core.outline.model import Figure, Outline
from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.layout import slide_layout
from deckbuilder.core.timing.talk import TalkPlan

EMU_PER_INCH = 914400


@dataclass
class Canvas:
    """The page being composed, what was found while placing things, and the pictures still to add."""

    config: Config
    page: Page
    own_template: bool = True
    findings: list[Finding] = field(default_factory=list)
    # Pictures are added after every slide is composed, so figures can render meanwhile.
    pictures: list[tuple[Any, int, Figure, Box]] = field(default_factory=list)
    charts: int = 0  # figures drawn as native charts


def page_scale(config: Config, page: tuple[float, float] | None) -> tuple[float, float]:
    """Return how much a template's page (inches, as its presentation part says) stretches our 16:9 geometry."""
    if page is None:
        return 1.0, 1.0
    width, height = page
    return width / config.theme.page[0], height / config.theme.page[1]


def figure_boxes(outline: Outline, talk: TalkPlan, page: Page) -> list[tuple[int, Figure, Box]]:
    """Return (slide number, figure, box) for every figure of the talk, laid out as the slides will be."""
    found = []
    for spec, timed in zip(outline.slides, talk.slides, strict=True):
        if spec.figure is not None:
            box = slide_layout(spec, page).picture
            if box is not None:
                found.append((timed.index, spec.figure, box))
    return found
