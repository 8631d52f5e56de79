"""A figure and a table on one slide (a model comparison and the chart of where its gain comes from). Beside text,
the table heads the text's column and the chart has the body's height beside them; else the table sits over the
chart, or beside it when the two have the body to themselves or the table is too tall to sit over it. A chart
keeps at least `text_column.under_table` of height under its table, or the slide is reported (C010)."""

from __future__ import annotations

from dataclasses import replace

from deckbuilder.core.outline.model import Table
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.table_layout import TableBlock, table_block
from deckbuilder.core.text.measure import Para


def table_and_chart(table: Table, where: Box, page: Page, wide: bool) -> tuple[TableBlock, Box] | str:
    """Return the table and the chart's box (its caption included) sharing ``where``, or the problem when the
    table leaves the chart too little height. ``wide``: no text column beside them, so they may sit side by
    side."""
    theme = page.theme
    gap = _gap(page)
    least = theme.text_column["under_table"] * page.sy
    if wide:
        # Side by side: the table as narrow as its columns need, at most the share a chart leaves beside it.
        beside = _beside(table, where, page)
        if beside is not None:
            return beside
    # Over the chart: the table takes the room a readable chart leaves, at the largest size that fits it there.
    room = Box(where.left, where.top, where.width, max(where.height - least - gap, 0.0))
    block = table_block(table, room, theme, page.setting, centre=wide)
    if block.fits:
        box = block.box  # centred across a wide region, but at its top: the chart goes under it
        return replace(block, box=Box(box.left, where.top, box.width, box.height)), where.below(block.height, gap)
    if not wide:
        # A tall table beside the text leaves a chart under it too flat: the two share the width instead, each at
        # the body's height, while the table still reads at the text's size (else the slide holds too much).
        beside = _beside(table, where, page)
        if beside is not None and beside[0].size >= theme.size_range("body_beside")[1]:
            return beside
    left = where.height - table_block(table, where, theme, page.setting).height - gap
    return (
        f"a chart under this table would keep {max(left, 0.0):.1f} in of height, under the {least:.1f} in it needs "
        "to be read, so the slide shows the table alone; give the chart a slide of its own, or keep the table's top "
        "rows here and the full table in the appendix."
    )


def table_over_text(
    table: Table, paras: list[Para], column: Box, where: Box, page: Page
) -> tuple[TableBlock, Box, Box] | None:
    """Return the table at the head of the text's column, the text's box under it and the chart's box beside
    them at the body's full height; None when the table would leave the text too little room, or the column
    grown to the table's width would leave the chart under `text_column.figure_width` of the body."""
    theme = page.theme
    rules = theme.text_column
    gap = _gap(page)
    end = where.left + where.width
    # The column widens, a quarter inch at a time, until the table reads at the text's size (or its smaller step).
    least = theme.size_range("body_beside")[1]
    # The table takes at most half the column: the text under it is the slide's argument.
    most = max(rules["most"], column.width)
    widths = [column.width + 0.25 * i for i in range(40) if column.width + 0.25 * i <= most]
    half = column.height / 2
    tries = (table_block(table, Box(column.left, column.top, w, half), theme, page.setting) for w in widths)
    block = next((b for b in tries if b.fits and b.size >= least), None)
    if block is None:
        return None
    width = max(column.width, block.box.width)
    chart_left = where.left + width - column.width
    if end - chart_left < (end - column.left) * rules["figure_width"]:
        return None
    text = Box(column.left, column.top, width, column.height).below(block.height, gap)
    if not page.fit(paras, text, theme.size_range("body_beside")).fits:
        return None
    return block, text, Box(chart_left, where.top, end - chart_left, where.height)


def _gap(page: Page) -> float:
    """Return the space between a table and the chart or text it shares the region with."""
    return page.theme.metric_gap * page.sy * 2


def _beside(table: Table, where: Box, page: Page) -> tuple[TableBlock, Box] | None:
    """Return the table at the left of ``where``, in at most the share a chart leaves beside it
    (`text_column.figure_width`), and the chart's box beside it at the region's full height; None when the table
    does not fit there."""
    theme = page.theme
    gap = _gap(page)
    room = Box(where.left, where.top, where.width * (1 - theme.text_column["figure_width"]), where.height)
    block = table_block(table, room, theme, page.setting)
    if not block.fits:
        return None
    right = block.box.left + block.box.width + gap
    chart = Box(right, where.top, where.left + where.width - right, where.height)
    shift = max(where.height - block.height, 0.0) * theme.balance["drop"]
    box = block.box
    return replace(block, box=Box(box.left, box.top + shift, box.width, box.height)), chart
