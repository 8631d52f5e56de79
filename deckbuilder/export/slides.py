"""Compose each slide from its layout (deckbuilder.core.slides.layout): title, callouts, text, figure or table."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Inches, Pt

from deckbuilder.checks.capacity import slide_problem
from deckbuilder.core.outline.model import Outline, Slide
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.cover import cover_layout
from deckbuilder.core.slides.layout import SlideLayout, TextBlock, reported, slide_layout
from deckbuilder.core.text.durations import spoken_date
from deckbuilder.core.timing.deck_format import notes_text
from deckbuilder.core.timing.talk import TimedSlide

from . import shapes
from .geometry import EMU_PER_INCH, Canvas


def _title_holder_box(slide: PptxSlide, canvas: Canvas) -> Box | None:
    """Return where a company template puts the title, so the layout uses its box (None: ours)."""
    holder = slide.shapes.title
    if holder is None or canvas.own_template or not (holder.width and holder.height):
        return None
    return Box(
        holder.left / EMU_PER_INCH, holder.top / EMU_PER_INCH, holder.width / EMU_PER_INCH, holder.height / EMU_PER_INCH
    )


def _report(layout: SlideLayout, index: int, canvas: Canvas, spec: Slide | None = None) -> None:
    # as `deck plan` reports the slide (the cover has no points to hold code)
    problem = reported(layout) if spec is None else slide_problem(spec, layout, canvas.page, canvas.config)
    if problem is not None:
        canvas.findings.append(canvas.config.finding("C010", problem[0], slide=index, note=problem[1]))


def _write_title(slide: PptxSlide, block: TextBlock, canvas: Canvas, cover: bool = False) -> None:
    holder = slide.shapes.title
    paras = list(block.paras)
    if holder is None:
        shapes.add_text(slide, block.box, paras, block.fit.size, canvas.page.theme, name="Title")
        return
    box = block.box
    holder.left, holder.top = Inches(box.left), Inches(box.top)
    holder.width, holder.height = Inches(box.width), Inches(box.height)
    frame = holder.text_frame
    frame.clear()
    # Titles hang from the top, so a one-line title sits where a two-line title's first line does.
    anchor = MSO_ANCHOR.BOTTOM if cover else MSO_ANCHOR.TOP
    shapes.write_paras(frame, paras, block.fit.size, canvas.page.theme, anchor=anchor)


def cover(slide: PptxSlide, outline: Outline, timed: TimedSlide, canvas: Canvas, date_text: str) -> None:
    """Fill the opening slide: title, subtitle, presenter and date."""
    page, theme = canvas.page, canvas.page.theme
    byline = " · ".join(part for part in (outline.presenter, date_text or spoken_date(outline.date)) if part)
    layout = cover_layout(outline.title, page, outline.subtitle, byline)
    _report(layout, timed.index, canvas)
    _write_title(slide, layout.title, canvas, cover=True)
    shapes.add_rule(slide, page.box("cover_rule"), theme)
    holders = [ph for ph in slide.placeholders if ph.placeholder_format.idx != 0]
    for holder in holders:
        holder._element.getparent().remove(holder._element)
    for block, name in ((layout.body, "Cover Subtitle"), (layout.caption, "Cover Byline")):
        if block is not None:
            shapes.add_text(slide, block.box, list(block.paras), block.fit.size, theme, name=name)


def content(slide: PptxSlide, spec: Slide, timed: TimedSlide, canvas: Canvas) -> None:
    """Fill a talk or appendix slide, exactly as the layout places it."""
    theme = canvas.page.theme
    layout = slide_layout(spec, canvas.page, _title_holder_box(slide, canvas))
    _report(layout, timed.index, canvas, spec)
    _write_title(slide, layout.title, canvas)
    for box, metric in zip(layout.metrics, spec.metrics, strict=True):
        shapes.add_metric(slide, box, metric, theme, hero=layout.hero)
    if layout.body is not None:
        shapes.add_text(slide, layout.body.box, list(layout.body.paras), layout.body.fit.size, theme)
    for column in layout.columns:
        shapes.add_text(slide, column.box, list(column.paras), column.fit.size, theme)
    if layout.picture is not None and spec.figure is not None:
        caption = layout.caption
        if caption is not None:
            box = caption.box
            frame = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
            frame.name = "Figure Title"
            shapes.write_paras(frame.text_frame, list(caption.paras), caption.fit.size, theme)
        canvas.pictures.append((slide, timed.index, spec.figure, layout.picture))
    if layout.table is not None and spec.table is not None:
        shapes.add_table(slide, layout.table, spec.table.best_row, theme)
    if timed.budget_s is None:
        shapes.add_label(
            slide,
            canvas.page.box("tag"),
            "BACKUP",
            theme.sizes["tag"],
            "muted",
            theme,
            bold=True,
            align=PP_ALIGN.RIGHT,
            name="Backup Tag",
        )


def slide_number(slide: PptxSlide, canvas: Canvas, number: int) -> None:
    """Add the discreet slide number."""
    shapes.add_slide_number(slide, canvas.page.box("number"), canvas.page.theme, number)


def write_notes(slide: PptxSlide, timed: TimedSlide, notes: str | None) -> None:
    """Put the timing line and the presenter's notes in the notes page."""
    frame = slide.notes_slide.notes_text_frame
    if frame is not None:
        frame.text = notes_text(timed, notes)
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(12)
