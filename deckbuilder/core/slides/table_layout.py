"""A table sized to its content: columns as wide as their text needs (never breaking a word), rows as tall as
their wrapped cells, at the largest type that fits. The exporter draws exactly this; C010 reports its failure."""

from __future__ import annotations

from dataclasses import dataclass

from deckbuilder.core.outline.model import Table
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.slides.callout import number_text
from deckbuilder.core.text.measure import Typesetting, scale_steps, words_of, wrap
from deckbuilder.core.text.typography import for_slide

CELL_MARGIN_IN = 0.1  # left and right, as the exporter sets them
ROW_PAD_IN = 0.12  # a row's margins top and bottom (0.04 each, as the exporter sets them), and the rules
BEST_MARK = "\u00a0\u00a0★"  # no-break spaces: the star never wraps onto a line of its own


@dataclass(frozen=True)
class TableBlock:
    """A table placed on the slide: the type size, column widths and row heights that make it fit."""

    box: Box  # where the table is drawn: its own width and height, not the region's
    rows: tuple[tuple[str, ...], ...]  # header first
    size: int
    widths: tuple[float, ...]  # inches
    heights: tuple[float, ...]  # inches
    fits: bool
    banded: bool = False

    @property
    def height(self) -> float:
        """Return the table's height in inches."""
        return sum(self.heights)


def cell_text(value: object) -> str:
    """Return a table cell as written on the slide (numbers keep the text the outline gave them)."""
    return "" if value is None else number_text(value)


def table_rows(table: Table) -> tuple[tuple[str, ...], ...]:
    """Return the header and the rows as text, the best row's first cell marked."""
    grid: list[list[object]] = [list(table.columns)]
    grid.extend(list(row) for row in table.rows)
    return tuple(
        tuple(cell_text(c) + (BEST_MARK if r == table.best_row and i == 0 else "") for i, c in enumerate(row))
        for r, row in enumerate(grid)
    )


def table_block(table: Table, region: Box, theme: Theme, setting: Typesetting, centre: bool = False) -> TableBlock:
    """Size a table to its text in ``region``: the largest type at which it fits unwrapped, else wrapped.

    The table is as wide as its columns need (a little air, never the whole region), placed at the region's
    left (beside text) or centred (``centre``, alone on the slide).
    """
    rows = tuple(tuple(for_slide(cell, theme.keep_together) for cell in row) for row in table_rows(table))
    # A table alone on its slide may read larger; its steps are the type scale's.
    largest, smallest = theme.size_range("table_alone" if centre else "table")
    tries = [_at(rows, size, region, theme, setting) for size in scale_steps(theme.scale, largest, smallest)]
    # The table fills its box up to the body size before it shrinks: the largest size that fits, a cell wrapped
    # onto two lines rather than the whole table a size smaller.
    chosen = ([t for t in tries if t.fits] or tries[-1:])[0]
    width = sum(chosen.widths)
    left = region.left + max(region.width - width, 0) / 2 if centre else region.left
    # Alone, a short table sits in the optical middle of the free space (a little above the centre).
    top = region.top + max(region.height - chosen.height, 0) * 0.4 if centre else region.top
    box = Box(left, top, width, chosen.height)
    return TableBlock(box, rows, chosen.size, chosen.widths, chosen.heights, chosen.fits, bool(theme.table_banding))


def _at(rows: tuple[tuple[str, ...], ...], size: int, region: Box, theme: Theme, setting: Typesetting) -> TableBlock:
    glyphs = setting.glyphs
    margins = 2 * CELL_MARGIN_IN + 0.05
    columns = range(len(rows[0]))

    def width(text: str, header: bool) -> float:
        return glyphs.width(text, size, bold=header) / 72

    natural = [max(width(r[c], i == 0) for i, r in enumerate(rows)) + margins for c in columns]
    # The narrowest a column may be: its longest word, so no word is ever broken across lines.
    least = [
        max(width(w, i == 0) for i, r in enumerate(rows) for w in (words_of(r[c]) or [""])) + margins for c in columns
    ]
    air = theme.table_air
    if sum(natural) <= region.width:
        widths = [n + min(air, (region.width - sum(natural)) / len(natural)) for n in natural]
    else:
        # Share the width out from each column's least, towards its natural width, in proportion to the want.
        spare = region.width - sum(least)
        want = [n - m for n, m in zip(natural, least, strict=True)]
        total_want = sum(want) or 1.0
        widths = [m + max(spare, 0) * w / total_want for m, w in zip(least, want, strict=True)]
    line = size * theme.line_spacing / 72
    heights = [
        max(_lines(text, size, w, setting, r == 0) for text, w in zip(row, widths, strict=True)) * line + ROW_PAD_IN
        for r, row in enumerate(rows)
    ]
    fits = sum(least) <= region.width + 1e-9 and sum(heights) <= region.height
    return TableBlock(region, rows, size, tuple(widths), tuple(heights), fits)


def _lines(text: str, size: int, width_in: float, setting: Typesetting, bold: bool) -> int:
    if not text:
        return 1
    return len(wrap(text, size, max((width_in - 2 * CELL_MARGIN_IN) * 72, 1.0), setting.glyphs, bold))
