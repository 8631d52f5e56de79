"""Where everything on a slide goes, and what does not fit: the one capacity model.

The exporter draws exactly this layout, and the C010 check reports its problems, so a warning
means the built slide really overflows (and a slide that builds clean draws no warning).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from .measure import Fit, Para, Typesetting, block_height, fit_size, para_lines, wrap
from .outline import Slide, Table
from .theme import Box, Theme

CAPTION_SIZE = 16
CAPTION_SPACE = 0.2  # paragraph space under a figure's caption, as a multiple of its size
MAX_METRICS_PER_ROW = 3


@dataclass(frozen=True)
class TextBlock:
    """Paragraphs in a box at the size that fits them."""

    box: Box
    paras: tuple[Para, ...]
    fit: Fit


@dataclass(frozen=True)
class TableBlock:
    """A table in its region: the type size, column widths and row heights that make it fit."""

    box: Box
    rows: tuple[tuple[str, ...], ...]  # header first
    size: int
    widths: tuple[float, ...]  # inches
    heights: tuple[float, ...]  # inches
    fits: bool

    @property
    def height(self) -> float:
        """Return the table's height in inches."""
        return sum(self.heights)


@dataclass(frozen=True)
class SlideLayout:
    """One slide's shapes and the reasons (C010) it does not fit, if any."""

    title: TextBlock
    metrics: tuple[Box, ...] = ()
    body: TextBlock | None = None
    caption: TextBlock | None = None
    picture: Box | None = None
    table: TableBlock | None = None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """The page a deck is laid out on: the theme's geometry stretched to the template's size."""

    theme: Theme
    setting: Typesetting
    sx: float = 1.0
    sy: float = 1.0

    def box(self, name: str) -> Box:
        """Return a named region, stretched to the page."""
        return self.theme.regions[name].scaled(self.sx, self.sy)

    def fit(self, paras: list[Para], box: Box, sizes: tuple[int, int]) -> Fit:
        """Return the fit of ``paras`` in ``box``."""
        return fit_size(paras, box.width, box.height, sizes, self.setting)


def point_paras(points: list[Any], level: int = 0) -> list[Para]:
    """Return bullets, sub-bullets indented."""
    result: list[Para] = []
    for point in points:
        result.append(Para(point.text, level=min(level, 2)))
        result.extend(point_paras(point.points, level + 1))
    return result


# How a decision reads on a slide, written here and read back from a deck by `read_decisions`.
BECAUSE, INSTEAD_OF, REJECTED_BECAUSE = "because ", "instead of ", ": "


def _is_name(word: str, known: str) -> bool:
    """Return whether a capitalised word is a name or acronym (LightGBM, PR-AUC, Optuna), not a sentence start."""
    core = word.strip("\"'(“‘")
    if not core[:1].isupper():
        return False
    if any(c.isupper() or c.isdigit() for c in core[1:]):
        return True
    # A capitalised word the talk also writes mid-sentence ("tuned with Optuna") is a name.
    return len(core) > 1 and re.search(rf"[a-z,;]\s+{re.escape(core)}\b", known) is not None


def joined(text: str, known: str) -> str:
    """Return text to follow "because" or "instead of": lower case first, unless it starts with a name."""
    first = text.split(" ", 1)[0]
    return text if _is_name(first, known) else text[:1].lower() + text[1:]


def reason(text: str, known: str, theme: Theme) -> str:
    """Return the "because ..." line: "because it had the best PR-AUC" for a reason that is only a noun phrase."""
    text = joined(text, known)
    first = text.split(" ", 1)[0].lower()
    if first in theme.superlatives:
        return BECAUSE + "it had the " + text
    if first in theme.comparatives:
        return BECAUSE + "of its " + text
    return BECAUSE + text


def decision_paras(spec: Slide, after_points: bool, theme: Theme) -> list[Para]:
    """Return each decision as three lines: the choice, because ..., instead of ...."""
    known = ". ".join(  # sentence breaks between texts: a name is only one mid-sentence
        [spec.title or "", *(p.text for p in spec.points)]
        + [t for d in spec.decisions for t in (d.decision, d.rationale, d.alternative, d.why_rejected) if t]
    )
    result: list[Para] = []
    for i, d in enumerate(spec.decisions):
        gap = 0.6 if (i or after_points) else 0.0
        result.append(Para(d.decision, bold=True, color="primary", space_before=gap))
        if d.rationale:
            result.append(Para(reason(d.rationale, known, theme), scale=0.85))
        if d.alternative:
            rejected = REJECTED_BECAUSE + joined(d.why_rejected, known) if d.why_rejected else ""
            result.append(Para(INSTEAD_OF + joined(d.alternative, known) + rejected, scale=0.85, color="muted"))
    return result


def read_decisions(lines: list[str]) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """Split a built slide's lines into its other lines and its (decision, rationale, alternative, why) rows."""
    others: list[str] = []
    rows: list[tuple[str, str, str, str]] = []
    follows = [line.startswith((BECAUSE, INSTEAD_OF)) for line in lines] + [False]
    for i, line in enumerate(lines):
        if follows[i]:
            continue
        if not follows[i + 1]:
            others.append(line)
            continue
        rationale = alternative = why = ""
        for after in lines[i + 1 : i + 3]:
            if after.startswith(BECAUSE) and not rationale and not alternative:
                rationale = after[len(BECAUSE) :]
            elif after.startswith(INSTEAD_OF) and not alternative:
                alternative, _, why = after[len(INSTEAD_OF) :].partition(REJECTED_BECAUSE)
        rows.append((line, rationale, alternative, why))
    return others, rows


def visual_region(spec: Slide) -> str:
    """Return where a slide's figure or table goes: beside the text, or across the body when alone."""
    return "right" if (spec.points or spec.decisions or spec.metrics) else "wide"


def title_block(text: str, page: Page, box: Box, sizes: tuple[int, int]) -> tuple[TextBlock, list[str]]:
    """Return a title fitted to its box, and a problem when it cannot fit."""
    paras = (Para(text, bold=True, color="primary"),)
    fit = page.fit(list(paras), box, sizes)
    problems = []
    if not fit.fits:
        problems.append(
            f"the title does not fit its box even at {fit.size} pt; shorten it to the finding and its number."
        )
    return TextBlock(box, paras, fit), problems


def cover_layout(title: str, page: Page) -> SlideLayout:
    """Return the opening slide's title block."""
    block, problems = title_block(title, page, page.box("cover_title"), page.theme.size_range("cover_title"))
    return SlideLayout(title=block, problems=tuple(problems))


def slide_layout(spec: Slide, page: Page, title_box: Box | None = None) -> SlideLayout:
    """Lay out a talk or appendix slide: title, metric callouts, text, then its figure or table."""
    theme = page.theme
    title, problems = title_block(spec.title or "", page, title_box or page.box("title"), theme.size_range("title"))
    visual = spec.figure is not None or spec.table is not None
    area = page.box("left" if visual else "body")
    metrics, area = _metric_boxes(spec, page, area, stacked=visual)
    paras = point_paras(spec.points) + decision_paras(spec, bool(spec.points), theme)
    body = None
    points = len(point_paras(spec.points))
    most = theme.max_points["split" if visual else "text"]
    if points > most:
        beside = " beside the figure" if spec.figure is not None else " beside the table" if visual else ""
        problems.append(
            f"{points} points{beside}, over the {most} a slide shows; keep the strongest and move the rest "
            "to the speaker notes."
        )
    if paras and area.height > 0.3:
        fit = page.fit(paras, area, theme.size_range("body"))
        body = TextBlock(area, tuple(paras), fit)
        if not fit.fits:
            problems.append(
                f"the text still overflows at {fit.size} pt (it needs {fit.height_in:.1f} in of "
                f"{area.height:.1f} in); cut points or move detail to the speaker notes."
            )
        else:
            problems.extend(_long_points(paras, page))
    elif paras:
        problems.append("the metric callouts leave no room for the points; move points to the notes.")
    caption = picture = table = None
    where = page.box(visual_region(spec))
    if spec.figure is not None and spec.table is not None:
        problems.append(
            "a figure and a table on one slide leave neither readable; move one to its own slide or the appendix."
        )
    if spec.figure is not None:
        caption_paras = (Para(spec.figure.title, bold=True, color="primary"),)
        height = caption_height(page, spec.figure.title, where.width)
        caption = TextBlock(
            Box(where.left, where.top, where.width, height), caption_paras, Fit(CAPTION_SIZE, True, height)
        )
        picture = where.below(height, 0.05)
    elif spec.table is not None:
        table = table_block(spec.table, where, page)
        if not table.fits:
            problems.append("the table has too many rows to read; keep the top rows and the baseline.")
    return SlideLayout(title, metrics, body, caption, picture, table, tuple(problems))


def _long_points(paras: list[Para], page: Page) -> list[str]:
    # A point's length is judged the same beside a figure or alone: in lines of the full-width body
    # at the largest body size, so the narrow column is not held against it.
    most, width = page.theme.max_point_lines, page.box("body").width
    size = page.theme.size_range("body")[0]
    for para in paras:
        if para.level is None:
            continue
        lines = para_lines(para, size, width, page.setting)
        if lines > most:
            shown = para.text if len(para.text) <= 50 else para.text[:47].rstrip() + "..."
            return [
                f'the point "{shown}" runs to {lines} lines across a full slide (at most {most}); split it or cut '
                "it to its claim."
            ]
    return []


def _metric_boxes(spec: Slide, page: Page, area: Box, stacked: bool) -> tuple[tuple[Box, ...], Box]:
    if not spec.metrics:
        return (), area
    theme = page.theme
    height, gap = theme.metric_height * page.sy, theme.metric_gap * page.sy
    boxes = []
    if stacked:
        for i in range(len(spec.metrics)):
            boxes.append(Box(area.left, area.top + i * (height + gap), area.width, height))
        used = len(spec.metrics) * (height + gap)
    else:
        per_row = min(len(spec.metrics), MAX_METRICS_PER_ROW)
        width = (area.width - gap * (per_row - 1)) / per_row
        for i in range(len(spec.metrics)):
            row, col = divmod(i, per_row)
            boxes.append(Box(area.left + col * (width + gap), area.top + row * (height + gap), width, height))
        used = math.ceil(len(spec.metrics) / per_row) * (height + gap)
    return tuple(boxes), area.below(used, gap)


def caption_height(page: Page, text: str, width: float) -> float:
    """Return the height of a figure's takeaway caption."""
    setting = Typesetting(page.setting.glyphs, page.setting.line_spacing, CAPTION_SPACE)
    return block_height([Para(text, bold=True)], CAPTION_SIZE, width, setting)


def cell_text(value: object) -> str:
    """Return a table cell as written on the slide."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def table_block(table: Table, box: Box, page: Page) -> TableBlock:
    """Size a table to its region: the largest type at which its rows fit, unwrapped if any size allows."""
    theme = page.theme
    best = table.best_row
    grid: list[list[object]] = [list(table.columns)]
    grid.extend(list(row) for row in table.rows)
    rows = tuple(
        tuple(cell_text(c) + ("  ★" if r == best and i == 0 else "") for i, c in enumerate(row))
        for r, row in enumerate(grid)
    )
    largest, smallest = theme.size_range("table")
    sizes = range(largest, smallest - 1, -1)
    # Shrinking a point or two reads better than wrapping: first the largest size at which no cell wraps,
    # then, if none, the largest at which the wrapped rows fit the height.
    tries = [_table_at(rows, size, box, page) for size in sizes]
    unwrapped = [t for t in tries if t.fits and all(h <= _row_in(t.size, page) + 1e-9 for h in t.heights)]
    fitting = [t for t in tries if t.fits]
    return (unwrapped or fitting or tries[-1:])[0]


def _row_in(size: int, page: Page) -> float:
    return size * page.theme.line_spacing / 72 + 0.16


def _table_at(rows: tuple[tuple[str, ...], ...], size: int, box: Box, page: Page) -> TableBlock:
    glyphs = page.setting.glyphs
    # Columns as wide as their widest cell, the spare width shared out evenly (or shrunk to the box).
    natural = [
        max(glyphs.width(r[c], size, bold=i == 0) for i, r in enumerate(rows)) / 72 + 0.25 for c in range(len(rows[0]))
    ]
    spare = (box.width - sum(natural)) / len(natural)
    scale = 1.0 if spare >= 0 else box.width / sum(natural)
    widths = tuple((w + spare) if spare >= 0 else w * scale for w in natural)
    line = size * page.theme.line_spacing / 72
    heights = tuple(
        max(_cell_lines(text, size, width, page, bold=r == 0) for text, width in zip(row, widths, strict=True)) * line
        + 0.16
        for r, row in enumerate(rows)
    )
    return TableBlock(box, rows, size, widths, heights, sum(heights) <= box.height)


def _cell_lines(text: str, size: int, width_in: float, page: Page, bold: bool) -> int:
    # cells have 0.1 in margins left and right
    return len(wrap(text, size, max((width_in - 0.2) * 72, 1.0), page.setting.glyphs, bold)) if text else 1
