"""A metric's unit as the talk writes it: a callout says its number the way the slide's title or table does."""

from __future__ import annotations

import re

from deckbuilder.core.outline.model import Metric, Outline, Slide, as_number, cell_number
from deckbuilder.core.rules.lexicon import normalise

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")


def column_unit(outline: Outline, name: str) -> str | None:
    """Return how the talk's tables show metric ``name``: "percent", "fraction", "other"; None when none does."""
    key = normalise(name)
    for slide in outline.slides:
        if slide.table is None:
            continue
        for column, header in enumerate(slide.table.columns):
            if normalise(header) != key:
                continue
            cells = [str(row[column]).strip() for row in slide.table.rows if row[column] is not None]
            numbers = [(c, n) for c in cells if (n := cell_number(c)) is not None]
            if not numbers:
                continue
            if all(c.endswith("%") for c, _ in numbers):
                return "percent"
            return "fraction" if all(n <= 1 for _, n in numbers) else "other"
    return None


def _said_in_percent(metric: Metric, slide: Slide, outline: Outline) -> bool:
    """Return whether the talk already writes this fraction as a percentage: its table, or its slide's title."""
    value = as_number(metric.value)
    if value is None or not 0 <= value <= 1 or str(metric.value).strip().endswith("%"):
        return False
    table = column_unit(outline, metric.name)
    if table is not None:  # a table that shows the metric decides its unit
        return table == "percent"
    return any(abs(float(n) - value * 100) < 0.5 for n in _PERCENT.findall(slide.title or ""))


def in_talk_units(outline: Outline) -> Outline:
    """Return the outline with each fraction the talk writes elsewhere as a percentage shown as one.

    A callout saying 0.62 under a title saying 62%, or beside a table of percentages, reads as two numbers;
    the deck shows it the way the talk already says it. A `format:` the outline sets is kept as written; every
    other becomes number or percent here, so no reader after the loader meets a format left unsaid."""
    slides = []
    for slide in outline.slides:
        metrics = [
            m if m.format is not None else m.but(format="percent" if _said_in_percent(m, slide, outline) else "number")
            for m in slide.metrics
        ]
        slides.append(slide if metrics == slide.metrics else slide.but(metrics=metrics))
    return outline if slides == outline.slides else outline.but(slides=slides)
