"""Compose each slide of the deck from its outline entry: title, callouts, text, figure or table."""

from __future__ import annotations

import math
from typing import Any

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Inches, Pt

from deckbuilder.core.findings import finding
from deckbuilder.core.outline import Figure, Outline, Slide
from deckbuilder.core.planner import PlannedSlide
from deckbuilder.core.theme import Box
from deckbuilder.export import shapes
from deckbuilder.export.fit import Para
from deckbuilder.export.geometry import CAPTION_SIZE, Page, caption_height, figure_box, visual_region
from deckbuilder.rehearse.deck_reader import notes_header

MAX_METRICS_PER_ROW = 3


def point_paras(points: list[Any], level: int = 0) -> list[Para]:
    """Return bullets, sub-bullets indented."""
    result: list[Para] = []
    for point in points:
        result.append(Para(point.text, level=min(level, 2)))
        result.extend(point_paras(point.points, level + 1))
    return result


def decision_paras(spec: Slide, after_points: bool) -> list[Para]:
    """Return each decision as three lines: the choice, because ..., instead of ...."""
    result: list[Para] = []
    for i, d in enumerate(spec.decisions):
        gap = 0.6 if (i or after_points) else 0.0
        result.append(Para(d.decision, bold=True, color="primary", space_before=gap))
        if d.rationale:
            result.append(Para(f"because {d.rationale}", scale=0.85))
        if d.alternative:
            rejected = f": {d.why_rejected}" if d.why_rejected else ""
            result.append(Para(f"instead of {d.alternative}{rejected}", scale=0.85, color="muted"))
    return result


def set_title(
    slide: PptxSlide, text: str, page: Page, box: Box, sizes: tuple[int, int], index: int, cover: bool = False
) -> None:
    """Write the slide title into its placeholder (or a text box), fitted to two lines' room."""
    holder = slide.shapes.title
    if holder is not None and page.own_template:
        holder.left, holder.top = Inches(box.left), Inches(box.top)
        holder.width, holder.height = Inches(box.width), Inches(box.height)
    elif holder is not None and holder.width and holder.height:
        box = Box(holder.left / 914400, holder.top / 914400, holder.width / 914400, holder.height / 914400)
    para = [Para(text, bold=True, color="primary")]
    fit = page.fit(para, box, sizes)
    if not fit.fits:
        page.findings.append(
            finding(
                "C010",
                f"the title does not fit its box even at {fit.size} pt; shorten it to the finding and its number.",
                slide=index,
            )
        )
    if holder is None:
        shapes.add_text(slide, box, para, fit.size, page.theme, name="Title")
        return
    frame = holder.text_frame
    frame.clear()
    shapes.write_paras(frame, para, fit.size, page.theme, anchor=MSO_ANCHOR.BOTTOM if cover else MSO_ANCHOR.MIDDLE)


def notes_text(planned: PlannedSlide, notes: str | None) -> str:
    """Return the speaker notes: the timing line first, then the presenter's notes."""
    head = notes_header(planned.budget_s, planned.start_s, planned.kind)
    return head + ("\n\n" + notes.strip() if notes and notes.strip() else "")


def cover(slide: PptxSlide, outline: Outline, planned: PlannedSlide, page: Page, date_text: str) -> None:
    """Fill the opening slide: title, subtitle, presenter and date."""
    theme = page.theme
    set_title(
        slide, outline.title, page, page.box("cover_title"), theme.size_range("cover_title"), planned.index, cover=True
    )
    accent = page.box("cover_rule")
    shapes.add_rule(slide, accent, theme)
    byline = " · ".join(part for part in (outline.presenter, date_text) if part)
    lines = [(outline.subtitle, theme.size_range("cover_subtitle")[0], "text"), (byline, 16, "muted")]
    holders = [ph for ph in slide.placeholders if ph.placeholder_format.idx != 0]
    for holder in holders:
        holder._element.getparent().remove(holder._element)
    for (text, size, color), where in zip(lines, ("cover_subtitle", "cover_byline"), strict=True):
        if text:
            shapes.add_label(slide, page.box(where), text, size, color, theme, name=where.replace("_", " ").title())


def content(slide: PptxSlide, spec: Slide, planned: PlannedSlide, page: Page) -> None:
    """Fill a talk or appendix slide."""
    theme = page.theme
    set_title(slide, spec.title or "", page, page.box("title"), theme.size_range("title"), planned.index)
    visual = spec.figure is not None or spec.table is not None
    area = page.box("left" if visual else "body")
    area = _metrics(slide, spec, page, area, stacked=visual)
    paras = point_paras(spec.points) + decision_paras(spec, bool(spec.points))
    if paras and area.height > 0.3:
        fit = page.fit(paras, area, theme.size_range("body"))
        if not fit.fits:
            page.findings.append(
                finding(
                    "C010",
                    f"the text still overflows at {fit.size} pt (it needs {fit.height_in:.1f} in of "
                    f"{area.height:.1f} in); cut points or move detail to the speaker notes.",
                    slide=planned.index,
                )
            )
        shapes.add_text(slide, area, paras, fit.size, theme)
    elif paras:
        page.findings.append(
            finding(
                "C010",
                "the metric callouts leave no room for the points; move points to the notes.",
                slide=planned.index,
            )
        )
    where = visual_region(spec)
    if spec.figure is not None:
        _caption(slide, spec.figure, page, where)
        box = figure_box(page, spec)
        assert box is not None
        page.pictures.append((slide, planned.index, spec.figure, box))
    elif spec.table is not None:
        _, fits = shapes.add_table(slide, page.box(where), spec.table, theme)
        if not fits:
            page.findings.append(
                finding(
                    "C010",
                    "the table has too many rows to read; keep the top rows and the baseline.",
                    slide=planned.index,
                )
            )
    if planned.kind == "appendix":
        shapes.add_label(
            slide,
            page.box("tag"),
            "BACKUP",
            theme.sizes["tag"],
            "muted",
            theme,
            bold=True,
            align=PP_ALIGN.RIGHT,
            name="Backup Tag",
        )


def _metrics(slide: PptxSlide, spec: Slide, page: Page, area: Box, stacked: bool) -> Box:
    theme = page.theme
    if not spec.metrics:
        return area
    height, gap = theme.metric_height * page.sy, theme.metric_gap * page.sy
    if stacked:
        for i, metric in enumerate(spec.metrics):
            shapes.add_metric(slide, Box(area.left, area.top + i * (height + gap), area.width, height), metric, theme)
        used = len(spec.metrics) * (height + gap)
    else:
        per_row = min(len(spec.metrics), MAX_METRICS_PER_ROW)
        width = (area.width - gap * (per_row - 1)) / per_row
        for i, metric in enumerate(spec.metrics):
            row, col = divmod(i, per_row)
            box = Box(area.left + col * (width + gap), area.top + row * (height + gap), width, height)
            shapes.add_metric(slide, box, metric, theme)
        used = math.ceil(len(spec.metrics) / per_row) * (height + gap)
    return area.below(used, gap)


def _caption(slide: PptxSlide, figure: Figure, page: Page, where: str) -> None:
    right = page.box(where)
    height = caption_height(page, figure.title, right.width)
    caption = slide.shapes.add_textbox(Inches(right.left), Inches(right.top), Inches(right.width), Inches(height))
    caption.name = "Figure Title"
    shapes.write_paras(caption.text_frame, [Para(figure.title, bold=True, color="primary")], CAPTION_SIZE, page.theme)


def slide_number(slide: PptxSlide, page: Page, number: int) -> None:
    """Add the discreet slide number."""
    shapes.add_slide_number(slide, page.box("number"), page.theme, number)


def write_notes(slide: PptxSlide, planned: PlannedSlide, notes: str | None) -> None:
    """Put the timing line and the presenter's notes in the notes page."""
    frame = slide.notes_slide.notes_text_frame
    if frame is not None:
        frame.text = notes_text(planned, notes)
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(12)
