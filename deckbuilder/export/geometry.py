"""Where things go on a page: regions, text fitting, figure boxes (no python-pptx here)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from deckbuilder.core.findings import Finding
from deckbuilder.core.outline import Figure, Outline, Slide
from deckbuilder.core.planner import Plan
from deckbuilder.core.theme import Box, Theme
from deckbuilder.export.fit import Fit, Para, block_height, fit_size

CAPTION_SIZE = 16
EMU_PER_INCH = 914400


@dataclass
class Page:
    """Where things go on this deck's pages, and what was found while placing them."""

    theme: Theme
    sx: float = 1.0
    sy: float = 1.0
    own_template: bool = True
    findings: list[Finding] = field(default_factory=list)
    # Pictures are added after every slide is composed, so figures can render meanwhile.
    pictures: list[tuple[Any, int, Figure, Box]] = field(default_factory=list)

    def box(self, name: str) -> Box:
        """Return a named region, stretched to the page."""
        return self.theme.regions[name].scaled(self.sx, self.sy)

    def fit(self, paras: list[Para], box: Box, sizes: tuple[int, int]) -> Fit:
        """Return the fit of ``paras`` in ``box`` with the theme's fonts."""
        t = self.theme
        return fit_size(
            paras, box.width, box.height, sizes, t.measure_font, t.measure_font_bold, t.line_spacing, t.paragraph_space
        )


def page_for(theme: Theme, template: Path | None) -> Page:
    """Return the page of our template, or of the user's, read from its presentation.xml."""
    if template is None:
        return Page(theme=theme)
    width, height = theme.page
    try:
        with zipfile.ZipFile(template) as archive:
            root = ET.fromstring(archive.read("ppt/presentation.xml"))
        size = root.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
        if size is not None:
            width = int(size.get("cx", "0")) / EMU_PER_INCH or width
            height = int(size.get("cy", "0")) / EMU_PER_INCH or height
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError, ValueError):
        pass  # the writer reports an unreadable template with a proper message
    return Page(theme=theme, sx=width / theme.page[0], sy=height / theme.page[1], own_template=False)


def caption_height(page: Page, text: str, width: float) -> float:
    """Return the height of a figure's takeaway caption."""
    t = page.theme
    return block_height(
        [Para(text, bold=True)], CAPTION_SIZE, width, t.measure_font, t.measure_font_bold, t.line_spacing, 0.2
    )


def visual_region(spec: Slide) -> str:
    """Return where a slide's figure or table goes: beside the text, or across the body when alone."""
    return "right" if (spec.points or spec.decisions or spec.metrics) else "wide"


def figure_box(page: Page, spec: Slide) -> Box | None:
    """Return the box a slide's picture fills, under its caption (None without a figure)."""
    if spec.figure is None:
        return None
    region = page.box(visual_region(spec))
    return region.below(caption_height(page, spec.figure.title, region.width), 0.05)


def figure_boxes(outline: Outline, plan: Plan, page: Page) -> list[tuple[int, Figure, Box]]:
    """Return (slide number, figure, box) for every figure of the talk."""
    found = []
    for spec, planned in zip(outline.slides, plan.slides, strict=True):
        box = figure_box(page, spec)
        if spec.figure is not None and box is not None:
            found.append((planned.index, spec.figure, box))
    return found
