"""How long a slide's material takes to say: the content estimate behind `needs` and T011/T012.

The constants are data (layouts/time-model.yaml) and docs/time-model.md gives their reasoning.
"""

from __future__ import annotations

import math

from deckbuilder.core.outline.model import Point, Slide
from deckbuilder.core.rules.settings import TimeModel


def _points(points: list[Point], model: TimeModel, first: float, level: int = 0) -> float:
    seconds = 0.0
    for point in points:
        seconds += first if level == 0 else model.sub_point_s
        seconds += _points(point.points, model, first, level + 1)
    return seconds


def shown_s(slide: Slide, model: TimeModel) -> float:
    """Return the seconds it takes to talk through what the slide shows."""
    seconds = model.title_s if slide.title else 0.0
    first = model.context_point_s if slide.kind in model.context_kinds else model.point_s
    seconds += _points(slide.points, model, first)
    seconds += model.metric_s * len(slide.metrics) + model.decision_s * len(slide.decisions)
    if slide.table is not None:
        seconds += model.table_s + model.table_row_s * len(slide.table.rows)
    if slide.figure is not None:
        seconds += model.figure_s
    return seconds


def notes_s(slide: Slide, model: TimeModel) -> float:
    """Return the seconds the speaker notes take to say at the model's pace."""
    words = len((slide.notes or "").split())
    return words * 60 / model.speaking_words_per_min


def needs_s(slide: Slide, model: TimeModel, wpm: float | None = None) -> int:
    """Return the speaking time the slide's material needs, in whole steps of the budget.

    Notes say most of what the points say, so the two are not added: the larger counts, the notes
    discounted by ``notes_share`` (they repeat the slide) plus the title and any figure or table to walk.
    Every item's seconds are words said at the model's pace; a speaker whose own rate is known (``wpm``, heard
    in rehearsals) says them in proportionally more or less time.
    """
    shown = shown_s(slide, model)
    walk = model.title_s if slide.title else 0.0
    if slide.figure is not None:
        walk += model.figure_s
    spoken = notes_s(slide, model) * model.notes_share + walk
    seconds = max(shown, spoken) * (model.speaking_words_per_min / wpm if wpm else 1.0)
    step = model.budget_step_s
    return int(math.ceil(seconds / step) * step)
