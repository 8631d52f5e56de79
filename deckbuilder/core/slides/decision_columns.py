"""Two or three decisions side by side: a methodology slide that defends each choice (the choice, because ...,
instead of ...) and shows a table of the candidates holds them in columns under the table, where in one column
beside it they run off the slide. The slide's points, if it has any, make the first column."""

from __future__ import annotations

from dataclasses import replace

from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.columns import region
from deckbuilder.core.slides.table_layout import TableBlock, table_block
from deckbuilder.core.text.measure import Fit, Para

MOST = 3  # more decisions than this read as a list, not as columns
LEAST_SHARE = 0.2  # of the row's width, however few words a column holds


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
    spec: Slide, points: list[Para], paras: list[Para], page: Page, drop: float
) -> tuple[list[Column], TableBlock | None, bool] | None:
    """Return each decision's column (its box, paragraphs and fit), the points' column before them if the slide
    has points, the table above them, and whether a column fits only as the deck shows it (Arial, narrower than
    the measuring font: a note that it is tight); None when the slide is not two or three such columns (and a
    table or nothing else), or they do not fit side by side."""
    theme = page.theme
    count = len(spec.decisions) + (1 if points else 0)
    if spec.metrics or spec.figure is not None or not spec.decisions or not 2 <= count <= MOST:
        return None
    body, gap = region(page, "body", drop), theme.metric_gap * page.sy
    table = None
    room = body
    if spec.table is not None:
        table = table_block(spec.table, body, theme, page.setting, centre=False)
        if not table.fits:
            return None
        room = body.below(table.height, 2 * gap)
    groups = ([points] if points else []) + by_decision(paras)
    # Each column as wide as its share of the words, never under a fifth of the row: a short list of points
    # beside two long decisions leaves them the room they need.
    free = room.width - 2 * gap * (count - 1)
    lengths = [sum(len(p.text) for p in group) for group in groups]
    small = [n / sum(lengths) < LEAST_SHARE for n in lengths]
    rest = sum(n for n, low in zip(lengths, small, strict=True) if not low)
    left_over = 1 - LEAST_SHARE * sum(small)
    widths = [free * (LEAST_SHARE if low else left_over * n / rest) for n, low in zip(lengths, small, strict=True)]
    sizes = theme.size_range("body_beside")
    # One size for every column, the largest at which each fits: columns side by side read as one block.
    size = min(page.fit(g, Box(0, 0, w, room.height), sizes).size for g, w in zip(groups, widths, strict=True))
    columns = []
    tight = False
    left = room.left
    for group, width in zip(groups, widths, strict=True):
        fit = page.fit(group, Box(0, 0, width, room.height), (size, size))
        if not fit.fits:
            shown = page.fit(group, Box(0, 0, width, room.height), (size, size), shown=True)
            if not shown.fits:
                return None
            tight, fit = True, Fit(size, True, min(fit.height_in, room.height))
        columns.append((Box(left, room.top, width, fit.height_in), tuple(group), fit))
        left += width + 2 * gap
    return columns, table, tight
