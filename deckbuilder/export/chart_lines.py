"""Native charts true to their numbers: numeric x on a value axis, a value axis that fits a line's data, and the
reference level a slide reads its chart against, drawn as a dashed line inside the chart."""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape

from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.slide import Slide
from pptx.util import Inches, Pt

from deckbuilder.core.outline.model import Figure, Reference
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.text.measure import Glyphs
from deckbuilder.export.chart_shape import Shape, column_label


def nice_range(low: float, high: float, ticks: int = 6) -> tuple[float, float, float]:
    """Return an axis from a round number at or under ``low`` to one at or over ``high``, and its step."""
    span = high - low or abs(high) or 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step


def value_range(values: list[float], zero: bool, reference: Reference | None = None) -> tuple[float, float, float]:
    """Return the value axis (minimum, maximum, step) for ``values`` and the reference level.

    Bars start at 0 (their length is the number). A line of values far from 0 (an index of 99-148) gets an axis
    that fits it, since starting at 0 would flatten the shape the slide is about; near 0 it starts at 0."""
    shown = [*values, *([reference.value] if reference is not None else [])]
    low, high = min(shown), max(shown)
    if zero or (not (low > 0 and low > high - low) and not (high < 0 and -high > high - low)):
        low, high = min(low, 0.0), max(high, 0.0)
    return nice_range(low, high)


def xy_data(
    figure: Figure, data: dict[str, list[Any]], number_format: str, style: dict[str, Any], make: Any
) -> tuple[Any, Any]:
    """Return a scatter-with-lines chart of numeric x: each point where its x value puts it, not evenly spaced.
    ``make`` is the chart data class (one whose workbook keeps text as text)."""
    names = list(data)
    chart_data = make(number_format=number_format)
    xs = [float(str(x).replace(",", "")) for x in data[names[0]]]
    for name in names[1:]:
        series = chart_data.add_series(column_label(name, style))
        for x, y in zip(xs, data[name], strict=True):
            series.add_data_point(x, float(y))
    if figure.reference is not None:  # a dashed level across the whole x range, editable with the data
        level = chart_data.add_series(figure.reference.label)
        level.add_data_point(min(xs), figure.reference.value)
        level.add_data_point(max(xs), figure.reference.value)
    return XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, chart_data


def scale_axis(axis: Any, low: float, high: float, step: float) -> None:
    """Fix an axis to run from ``low`` to ``high`` with ticks every ``step``."""
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = low, high, step


def dash(series: Any, theme: Theme) -> None:
    """Draw a series as the reference level: a dashed line in the baseline colour, no markers."""
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE

    from deckbuilder.export.shapes import rgb

    line = series.format.line
    line.color.rgb = rgb(theme.color("baseline"))
    line.width = Pt(2)
    line.dash_style = MSO_LINE_DASH_STYLE.DASH
    series.smooth = False
    series.marker.style = XL_MARKER_STYLE.NONE


def legend_for_reference(chart: Any, theme: Theme, keep: int) -> None:
    """Show a legend at the top naming the reference level; the first ``keep`` entries stay only when there are
    several data series (a single series needs no legend entry of its own)."""
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(theme.figure["chart_size"])
    if keep == 1:
        hide_legend_entry(chart, 0)


def hide_legend_entry(chart: Any, index: int) -> None:
    """Leave series ``index`` out of the legend: a chart's one data series is what its axes name."""
    legend = chart.legend._element
    entry = parse_xml(f'<c:legendEntry {nsdecls("c")}><c:idx val="{index}"/><c:delete val="1"/></c:legendEntry>')
    legend.insert(1, entry)  # after c:legendPos, as the schema orders them


def level_over_columns(chart: Any, reference: Reference, count: int, theme: Theme) -> None:
    """Add the reference level to a column chart as a dashed line series over its categories (a line chart in the
    same plot, on the same axes)."""
    bars = chart._chartSpace.find(".//" + qn("c:barChart"))
    axes = "".join(f'<c:axId val="{a.get("val")}"/>' for a in bars.findall(qn("c:axId")))
    points = "".join(f'<c:pt idx="{i}"><c:v>{reference.value!r}</c:v></c:pt>' for i in range(count))
    color = theme.color("baseline")
    xml = (
        f'<c:lineChart {nsdecls("c", "a")}><c:grouping val="standard"/><c:varyColors val="0"/>'
        f'<c:ser><c:idx val="50"/><c:order val="50"/><c:tx><c:v>{escape(reference.label)}</c:v></c:tx>'
        f'<c:spPr><a:ln w="25400"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:prstDash val="dash"/>'
        f'</a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>'
        f'<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>{points}</c:numLit></c:val>'
        f'<c:smooth val="0"/></c:ser><c:marker val="1"/>{axes}</c:lineChart>'
    )
    bars.addnext(parse_xml(xml))


def manual_layout(x: float, y: float, w: float, h: float, inner: bool) -> Any:
    """Return a chart part's layout placed by hand, in shares of the chart from its top-left corner (``inner``:
    the plot's own area, inside its axes' labels)."""
    target = '<c:layoutTarget val="inner"/>' if inner else ""
    return parse_xml(
        f'<c:layout {nsdecls("c")}><c:manualLayout>{target}<c:xMode val="edge"/><c:yMode val="edge"/>'
        f'<c:x val="{x:.4f}"/><c:y val="{y:.4f}"/><c:w val="{w:.4f}"/><c:h val="{h:.4f}"/>'
        "</c:manualLayout></c:layout>"
    )


def place_plot(chart: Any, x: float, y: float, w: float, h: float) -> Any:
    """Place a chart's plot area by hand (inside its axes' labels) and return it."""
    area = chart._chartSpace.find(".//" + qn("c:plotArea"))
    old = area.find(qn("c:layout"))
    if old is not None:
        area.remove(old)
    area.insert(0, manual_layout(x, y, w, h, inner=True))  # a plot area's layout is its first child
    return area


def level_across_bars(
    slide: Slide, frame: Any, box: Box, shape: Shape, reference: Reference, values: list[float], theme: Theme,
    glyphs: Glyphs, value_labels: list[str],
) -> None:  # fmt: skip
    """Draw the reference level over a chart of bars across: a chart cannot draw a vertical line among them, so
    the plot area is placed by hand, the value axis fixed, and the line drawn where the level falls."""
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.enum.shapes import MSO_CONNECTOR

    from deckbuilder.export.shapes import add_label, rgb

    chart = frame.chart
    tick = shape.tick or theme.figure["chart_size"]
    size = theme.figure["chart_size"]
    lines = [line for label in shape.labels for line in label.split("\n")] or [""]
    left_pt = max(glyphs.width(line, tick) for line in lines) + 10 + (size * 1.6 if shape.ylabel else 0)
    right_pt = max((glyphs.width(v, tick) for v in value_labels), default=0.0) + 12
    top_pt = size * 2.4  # the level's name above the plot
    bottom_pt = size * 2.0 if shape.xlabel else 8.0
    width_pt, height_pt = box.width * 72, box.height * 72
    x, y = left_pt / width_pt, top_pt / height_pt
    w, h = 1 - (left_pt + right_pt) / width_pt, 1 - (top_pt + bottom_pt) / height_pt
    area = place_plot(chart, x, y, w, h)
    low, high, step = value_range(values, zero=True, reference=reference)
    scale_axis(chart.value_axis, low, high, step)
    at = box.left + (x + w * (reference.value - low) / (high - low)) * box.width
    top, bottom = box.top + y * box.height, box.top + (y + h) * box.height
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(at), Inches(top), Inches(at), Inches(bottom))
    line.name = "Reference Line"
    # Behind the chart, whose areas are left unfilled: the bars' values are read over the line, never under it.
    frame._element.addprevious(line._element)
    clear = f"<c:spPr {nsdecls('c', 'a')}><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
    chart._chartSpace.find(qn("c:chart")).addnext(parse_xml(clear))
    area.append(parse_xml(clear))
    line.line.color.rgb = rgb(theme.color("baseline"))
    line.line.width = Pt(2)
    line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    label_w = glyphs.width(reference.label, size) / 72 + 0.2
    left = min(max(at - label_w / 2, box.left), box.left + box.width - label_w)
    note = Box(left, box.top + y * box.height - top_pt / 72, label_w, top_pt / 72)
    add_label(slide, note, reference.label, size, "baseline", theme, name="Reference Label")
