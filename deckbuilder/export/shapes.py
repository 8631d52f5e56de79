"""Draw the deck's building blocks with python-pptx: text, callouts, tables, pictures, numbers."""

from __future__ import annotations

import io
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Pt

from deckbuilder.core.outline.model import Metric
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.slides.callout import NAME_GAP, lift_text, value_text
from deckbuilder.core.slides.callout_boxes import HERO_PAD_IN, METRIC_PAD_IN
from deckbuilder.core.slides.table_layout import TableBlock
from deckbuilder.core.text.measure import BULLET_INDENT_IN, INSET_IN, Para, step_down
from deckbuilder.core.text.typography import for_slide

BULLETS = ("•", "–", "·")


def rgb(color: str) -> RGBColor:
    """Return a python-pptx colour from RRGGBB."""
    return RGBColor(int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16))


def _child(parent: Any, tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(name, value)
    parent.append(element)
    return element


def add_run(paragraph: _Paragraph, text: str, size: float, bold: bool, font: str, color: str) -> None:
    """Add ``text`` to ``paragraph`` as one run: ``size`` points, bold or not, ``font``, colour RRGGBB.

    The run's properties are written as one element (size, weight, fill, typeface in the schema's order):
    python-pptx's font setters look each part up again, and a deck has hundreds of runs."""
    run = paragraph.add_run()
    run.text = text  # python-pptx escapes control characters the XML cannot hold
    props = run._r.get_or_add_rPr()
    props.set("sz", str(round(size * 100)))
    props.set("b", "1" if bold else "0")
    _child(_child(props, "a:solidFill"), "a:srgbClr", val=color)
    _child(props, "a:latin", typeface=font)


def _frame(frame: TextFrame, anchor: Any = MSO_ANCHOR.TOP) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(INSET_IN))


def _bullet(paragraph: _Paragraph, level: int | None) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    for tag in ("a:buNone", "a:buChar", "a:buFont", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    if level is None:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        _child(ppr, "a:buNone")
        return
    indent = Inches(BULLET_INDENT_IN)
    ppr.set("marL", str(int(indent * (level + 1))))
    ppr.set("indent", str(-int(indent)))
    _child(ppr, "a:buFont", typeface="Arial")
    _child(ppr, "a:buChar", char=BULLETS[min(level, len(BULLETS) - 1)])


def write_paras(frame: TextFrame, paras: list[Para], size: int, theme: Theme, anchor: Any = MSO_ANCHOR.TOP) -> None:
    """Fill ``frame`` with ``paras`` at ``size`` points, left-aligned, bullets and spacing included."""
    _frame(frame, anchor)
    for i, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        _bullet(paragraph, para.level)
        psize = step_down(theme.scale, size, para.smaller, theme.least_body)
        # Exact spacing, in points: the measure counts lines at this pitch, and PowerPoint and LibreOffice draw it
        # alike (a multiple is of the font's own line height, which each application reads differently).
        paragraph.line_spacing = Pt(psize * theme.line_spacing)
        paragraph.space_after = Pt(psize * theme.paragraph_space)
        if para.space_before:
            paragraph.space_before = Pt(psize * para.space_before)
        # A line break the layout chose (a balanced title) is written as one, so no renderer re-wraps the line.
        for j, line in enumerate(para.text.split("\n")):
            if j:
                paragraph.add_line_break()
            add_run(paragraph, line, psize, para.bold, theme.font, theme.color(para.color))


def add_text(slide: Slide, box: Box, paras: list[Para], size: int, theme: Theme, name: str = "Body") -> Any:
    """Add a text box holding ``paras``."""
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    shape.name = name
    write_paras(shape.text_frame, paras, size, theme)
    return shape


def add_metric(slide: Slide, box: Box, metric: Metric, theme: Theme, hero: bool = False) -> Any:
    """Add a callout: the number large, its name, and its baseline and lift beneath. A hero callout (the slide's
    one content) sets the three on lines of their own at the hero sizes."""
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    shape.name = f"Metric {metric.name}"
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(theme.color("light"))
    shape.line.fill.background()
    shape.shadow.inherit = False
    frame = shape.text_frame
    _frame(frame, MSO_ANCHOR.MIDDLE)
    frame.margin_left = frame.margin_right = Inches((HERO_PAD_IN if hero else METRIC_PAD_IN) / 2)
    sizes = theme.sizes
    value = (value_text(metric), sizes["hero_value" if hero else "metric_value"], True, "primary")
    said = for_slide(metric.name, theme.keep_together)
    name = ((NAME_GAP if not hero else "") + said, sizes["hero_name" if hero else "metric_name"], True, "text")
    lift_color = "baseline" if metric.baseline is None else "muted"
    lift_said = for_slide(lift_text(metric, theme.baseline_nouns), theme.keep_together)
    lift = (lift_said, sizes["hero_label" if hero else "metric_label"], False, lift_color)
    lines = [[value, name], [lift]] if not hero else [[value], [name], [lift]]
    for i, runs in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        _bullet(paragraph, None)
        for text, size, bold, color in runs:
            add_run(paragraph, text, size, bold, theme.font, theme.color(color))
    return shape


def add_table(slide: Slide, block: TableBlock, best_row: int | None, theme: Theme) -> Any:
    """Add a native table sized as the layout measured it, the best row marked."""
    box = block.box
    shape = slide.shapes.add_table(
        len(block.rows), len(block.widths), Inches(box.left), Inches(box.top), Inches(box.width), Inches(block.height)
    )
    shape.name = "Table"
    grid = shape.table
    for c, width in enumerate(block.widths):
        grid.columns[c].width = Inches(width)
    # One walk down the rows: python-pptx finds a row or a cell by index from the table's top, and sums every
    # row's height after each height set, so setting them through its API is cubic in rows (500 rows: 80 s).
    for r, (tr, row) in enumerate(zip(grid._tbl.tr_lst, block.rows, strict=True)):
        tr.h = Inches(block.heights[r])
        for c, (tc, text) in enumerate(zip(tr.tc_lst, row, strict=True)):
            cell = _Cell(tc, grid)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            cell.fill.solid()
            header, winner = r == 0, best_row is not None and r == best_row
            band = block.banded and r % 2 == 0  # every other body row, from the second
            fill = "primary" if header else "light" if winner else "band" if band else "background"
            cell.fill.fore_color.rgb = rgb(theme.color(fill))
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.RIGHT
            color = theme.color("background") if header else theme.color("text")
            add_run(paragraph, text, block.size, header or winner, theme.font, color)
    shape.height = Emu(sum(tr.h for tr in grid._tbl.tr_lst))  # once: the rows' sum, as python-pptx keeps it
    return shape


def add_picture(slide: Slide, box: Box, image: bytes, pixel_size: tuple[int, int]) -> Any:
    """Add a picture inside ``box``, keeping its aspect ratio: centred across, at the box's top, so a wide
    picture sits under its caption and on the body's line, not adrift in the middle of the slide."""
    px_w, px_h = pixel_size
    scale = min(box.width / px_w, box.height / px_h)
    width, height = px_w * scale, px_h * scale
    left = box.left + (box.width - width) / 2
    top = box.top
    picture = slide.shapes.add_picture(io.BytesIO(image), Inches(left), Inches(top), Inches(width), Inches(height))
    picture.name = "Figure"
    return picture


def add_label(
    slide: Slide,
    box: Box,
    text: str,
    size: int,
    color: str,
    theme: Theme,
    *,
    bold: bool = False,
    align: Any = PP_ALIGN.LEFT,
    name: str = "Label",
) -> Any:
    """Add one line of small text (a tag, a footer, a caption)."""
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    shape.name = name
    frame = shape.text_frame
    _frame(frame)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    add_run(paragraph, text, size, bold, theme.font, theme.color(color))
    return shape


def add_rule(slide: Slide, box: Box, theme: Theme) -> Any:
    """Add a thin accent bar (the cover's one decoration)."""
    bar = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    bar.name = "Accent"
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(theme.color("accent"))
    bar.line.fill.background()
    bar.shadow.inherit = False
    return bar


def add_slide_number(slide: Slide, box: Box, theme: Theme, number: int) -> Any:
    """Add a slide-number field that PowerPoint keeps current when slides move."""
    shape = add_label(slide, box, "", theme.sizes["footer"], "muted", theme, align=PP_ALIGN.RIGHT, name="Slide Number")
    paragraph = shape.text_frame.paragraphs[0]._p
    for run in paragraph.findall(qn("a:r")):
        paragraph.remove(run)
    field = _child(paragraph, "a:fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    props = _child(field, "a:rPr", lang="en-US", sz=str(theme.sizes["footer"] * 100))
    _child(_child(props, "a:solidFill"), "a:srgbClr", val=theme.color("muted"))
    _child(props, "a:latin", typeface=theme.font)
    _child(field, "a:t").text = str(number)
    end = paragraph.find(qn("a:endParaRPr"))
    if end is not None:
        paragraph.remove(end)
        paragraph.append(end)
    return shape
