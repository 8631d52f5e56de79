"""Two or three decisions side by side: a methodology slide that defends each choice (the choice, because ...,
instead of ...) and shows a table of the candidates holds them in columns under the table, where in one column
beside it they run off the slide."""

from __future__ import annotations

from dataclasses import replace

from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.columns import region
from deckbuilder.core.slides.table_layout import TableBlock, table_block
from deckbuilder.core.text.measure import Fit, Para

MOST = 3  # more decisions than this read as a list, not as columns


def by_decision(paras: list[Para]) -> list[list[Para]]:
    """Split a slide's decision paragraphs into one group per decision: each opens with its choice, in bold."""
    groups: list[list[Para]] = []
    for para in paras:
        if para.bold or not groups:
            groups.append([replace(para, space_before=0.0)])
        else:
            groups[-1].append(para)
    return groups


Column = tuple[Box, tuple[Para, ...], Fit]


def decision_columns(
    spec: Slide, paras: list[Para], page: Page, drop: float
) -> tuple[list[Column], TableBlock | None, bool] | None:
    """Return each decision's column (its box, paragraphs and fit), the table above them, and whether a column
    fits only as the deck shows it (Arial, narrower than the measuring font: a note that it is tight); None when
    the slide is not two or three decisions (and a table or nothing else), or they do not fit side by side."""
    theme = page.theme
    if spec.points or spec.metrics or spec.figure is not None or not 2 <= len(spec.decisions) <= MOST:
        return None
    body, gap = region(page, "body", drop), theme.metric_gap * page.sy
    table = None
    room = body
    if spec.table is not None:
        table = table_block(spec.table, body, theme, page.setting, centre=False)
        if not table.fits:
            return None
        room = body.below(table.height, 2 * gap)
    groups = by_decision(paras)
    count = len(groups)
    width = (room.width - 2 * gap * (count - 1)) / count
    sizes = theme.size_range("body_beside")
    # One size for every column, the largest at which each fits: columns side by side read as one block.
    size = min(page.fit(group, Box(0, 0, width, room.height), sizes).size for group in groups)
    columns = []
    tight = False
    for i, group in enumerate(groups):
        fit = page.fit(group, Box(0, 0, width, room.height), (size, size))
        if not fit.fits:
            shown = page.fit(group, Box(0, 0, width, room.height), (size, size), shown=True)
            if not shown.fits:
                return None
            tight, fit = True, Fit(size, True, min(fit.height_in, room.height))
        columns.append((Box(room.left + i * (width + 2 * gap), room.top, width, fit.height_in), tuple(group), fit))
    return columns, table, tight
