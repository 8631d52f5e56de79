"""Draw a figure of the outline as a native chart (python-pptx), so the candidate can click it and edit its data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.slide import Slide
from pptx.util import Inches, Pt, lazyproperty

from deckbuilder.core.outline.model import Figure
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.text.measure import Glyphs
from deckbuilder.export.chart_legend import legend_in_corner
from deckbuilder.export.chart_lines import (
    dash,
    hide_legend_entry,
    legend_for_reference,
    level_across_bars,
    level_over_columns,
    nice_range,
    scale_axis,
    value_range,
    xy_data,
)
from deckbuilder.export.chart_shape import (
    Shape,
    category_text,
    column_label,
    number_format,
    number_text,
    numeric_x,
    operating_point_text,
    shape_of,
)
from deckbuilder.export.chart_xml import LinearCategories, LinearXml
from deckbuilder.export.shapes import rgb

# The chart's data goes into a workbook that PowerPoint's "Edit Data" opens in Excel. xlsxwriter would write a
# text starting with "=" as a formula and a URL as a link; text from the outline or its CSV is neither.
_TEXT_ONLY = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


class _TextOnly:
    """A python-pptx workbook writer that opens its workbook with text kept as text."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
        from xlsxwriter import Workbook  # type: ignore[import-untyped]

        workbook = Workbook(xlsx_file, dict(_TEXT_ONLY))
        yield workbook, workbook.add_worksheet()
        workbook.close()


class _CategoryBook(_TextOnly, CategoryWorkbookWriter):
    pass


class _XyBook(_TextOnly, XyWorkbookWriter):
    pass


class _CategoryData(LinearCategories, CategoryChartData):
    """Bar and line chart data whose workbook keeps text as text."""

    @lazyproperty
    def _workbook_writer(self) -> Any:
        return _CategoryBook(self)


class _XyData(LinearXml, XyChartData):
    """Curve data whose workbook keeps text as text."""

    @lazyproperty
    def _workbook_writer(self) -> Any:
        return _XyBook(self)


def add_chart(slide: Slide, box: Box, figure: Figure, theme: Theme, glyphs: Glyphs) -> None:
    """Add ``figure`` to ``slide`` as an editable chart filling ``box``."""
    data: dict[str, list[Any]] = figure.data if isinstance(figure.data, dict) else {}
    shape = shape_of(figure, theme, glyphs, box.width, box.height, theme.figure["chart_size"])
    values = [float(v) for name in list(data)[1:] for v in data[name]] if figure.chart != "pr_curve" else []
    xy = numeric_x(figure)
    if figure.chart == "pr_curve":
        kind, chart_data = _curve_data(figure, data)
    elif xy:
        kind, chart_data = xy_data(figure, data, number_format(values), theme.figure, _XyData)
    else:
        kind, chart_data = _category_data(figure, data, shape, theme)
    frame: Any = slide.shapes.add_chart(
        kind, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height), chart_data
    )
    frame.name = "Figure"
    chart = frame.chart
    chart.font.name = theme.font
    chart.font.size = Pt(theme.figure["chart_size"])
    chart.font.color.rgb = rgb(theme.color("text"))
    chart.has_title = False  # the slide's title states the finding; a second headline competes with it
    series_count = len(data) - 1 if figure.chart != "pr_curve" else 0
    chart.has_legend = figure.chart == "pr_curve" or series_count > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(theme.figure["chart_size"])
        if figure.chart == "pr_curve":  # the curve is the model's, as its axes say: the legend names the rest
            hide_legend_entry(chart, 0)
            size, fill = theme.figure["chart_size"], theme.color("background")
            legend_in_corner(chart, box, figure, _curve_entries(figure), glyphs, size, fill)
    _axes(chart, shape, theme, figure)
    if figure.chart == "pr_curve":
        _style_curve(chart, figure, theme)
    elif figure.chart == "line":
        _style_lines(chart, theme, markers=xy and len(values) // max(series_count, 1) <= 12)
        low, high, step = value_range(values, zero=False, reference=figure.reference)
        scale_axis(chart.value_axis, low, high, step)
        if xy:
            xs = [float(str(x).replace(",", "")) for x in data[next(iter(data))]]
            x_low, x_high, x_step = nice_range(min(xs), max(xs))
            scale_axis(chart.category_axis, x_low, x_high, x_step)
            if x_low == 0 < min(xs):  # a "0" no point has, by the value axis's first label: left unsaid
                x_labels = chart.category_axis.tick_labels
                x_labels.number_format, x_labels.number_format_is_linked = "General;-General;;", False
            chart.category_axis.crosses = XL_AXIS_CROSSES.MINIMUM  # the value axis at the left, not at x = 0
            if low == 0:  # the corner is named once, by x: a "0" there would sit on the first x label
                code = number_format(values)
                value_labels = chart.value_axis.tick_labels
                value_labels.number_format, value_labels.number_format_is_linked = f"{code};-{code};;", False
    else:
        _style_bars(chart, figure, data, theme, shape)
    reference = figure.reference
    if reference is not None and figure.chart != "pr_curve":
        series = list(chart.plots[0].series) if figure.chart == "line" else []
        if series:
            dash(series[-1], theme)  # the level was added as the data's last series
        elif shape.horizontal:
            labels = [number_text(v, number_format(values)) for v in values]
            level_across_bars(slide, frame, box, shape, reference, values, theme, glyphs, labels)
        else:
            level_over_columns(chart, reference, len(data[next(iter(data))]), theme)
        if not shape.horizontal:
            legend_for_reference(chart, theme, keep=series_count)


def _category_data(figure: Figure, data: dict[str, list[Any]], shape: Shape, theme: Theme) -> tuple[Any, Any]:
    names = list(data)
    values = [v for name in names[1:] for v in data[name]]
    chart_data = _CategoryData(number_format=number_format(values))
    chart_data.categories = [category_text(v) for v in data[names[0]]]
    for name in names[1:]:
        chart_data.add_series(column_label(name, theme.figure), [float(v) for v in data[name]])
    if figure.chart == "line":
        if figure.reference is not None:  # a dashed level across the categories, editable with the data
            chart_data.add_series(figure.reference.label, [figure.reference.value] * len(data[names[0]]))
        return XL_CHART_TYPE.LINE, chart_data
    return (XL_CHART_TYPE.BAR_CLUSTERED if shape.horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED), chart_data


def _curve_entries(figure: Figure) -> list[str]:
    """Return the names of a PR curve's series after the model's: its baseline and its chosen point."""
    base = [f"random baseline ({figure.baseline:g})"] if figure.baseline is not None else []
    point = figure.operating_point
    # The numbers go in the legend, not beside the point: a label there sits on the curve at most points.
    return base + ([operating_point_text(point)] if point is not None else [])


def _curve_data(figure: Figure, data: dict[str, list[Any]]) -> tuple[Any, Any]:
    chart_data = _XyData()
    model = chart_data.add_series("model")
    for recall, precision in zip(data["recall"], data["precision"], strict=True):
        model.add_data_point(float(recall), float(precision))
    names = iter(_curve_entries(figure))
    if figure.baseline is not None:
        base = chart_data.add_series(next(names))
        base.add_data_point(0.0, figure.baseline)
        base.add_data_point(1.0, figure.baseline)
    point = figure.operating_point
    if point is not None:
        chosen = chart_data.add_series(next(names))
        chosen.add_data_point(point.recall, point.precision)
    return XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, chart_data


def _axes(chart: Any, shape: Shape, theme: Theme, figure: Figure) -> None:
    size = Pt(theme.figure["chart_size"])
    muted, grid = rgb(theme.color("muted")), rgb(theme.color("grid"))
    category, value = chart.category_axis, chart.value_axis
    for axis in (category, value):
        axis.format.line.color.rgb = muted
        axis.tick_labels.font.size = size
        axis.major_tick_mark = XL_TICK_MARK.NONE
        axis.minor_tick_mark = XL_TICK_MARK.NONE
        axis.has_minor_gridlines = False
    category.has_major_gridlines = False
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = grid
    value.major_gridlines.format.line.width = Pt(0.75)
    if figure.chart == "pr_curve":
        for axis in (category, value):
            axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0.0, 1.0, 0.2
            axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0%", False
        # The origin is named once, by recall's axis: two "0%" labels there would be drawn over each other.
        value.tick_labels.number_format = "0%;-0%;;"
        category.has_major_gridlines = True
        category.major_gridlines.format.line.color.rgb = grid
    elif figure.chart == "line":
        value.tick_labels.number_format_is_linked = True
    else:
        # Every bar carries its value: an axis of the same numbers beside them is noise.
        value.visible = False
        value.has_major_gridlines = False
    # Bars sideways: the categories run down the side, first at the top, as they are read, and the value axis
    # stays at the bottom.
    if shape.horizontal:
        category.reverse_order = True
        category.crosses = XL_AXIS_CROSSES.MAXIMUM
        category.tick_labels.font.size = Pt(shape.tick)
    data = figure.data if isinstance(figure.data, dict) else {}
    if figure.chart in ("bar", "barh") and any(float(v) < 0 for name in list(data)[1:] for v in data[name]):
        # Bars below zero would run over their names at the axis: the names go at the low edge of the plot.
        category.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if figure.chart in ("bar", "barh") and shape.every_label:
        # Every category named: left to itself, a renderer drops every other label it thinks crowded, and the
        # bar the talk is about may be one of them. (Labels with no room even at the smallest size are left to
        # the renderer rather than drawn over each other; C011 asks for fewer bars.)
        skip = OxmlElement("c:tickLblSkip")
        skip.set("val", "1")
        category._element.insert_element_before(skip, "c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")
    titles = (shape.xlabel, shape.ylabel)
    if shape.horizontal:
        titles = (shape.ylabel, shape.xlabel)  # a bar chart's category axis is the vertical one
    for axis, text in zip((category, value), titles, strict=True):
        if text:
            axis.has_title = True
            frame = axis.axis_title.text_frame
            frame.text = text
            font = frame.paragraphs[0].runs[0].font
            font.size, font.bold, font.color.rgb = size, False, rgb(theme.color("text"))


def _style_bars(chart: Any, figure: Figure, data: dict[str, list[Any]], theme: Theme, shape: Shape) -> None:
    plot = chart.plots[0]
    plot.gap_width = 60
    labels = [category_text(v) for v in data[next(iter(data))]]
    single = len(plot.series) == 1
    for i, series in enumerate(plot.series):
        color = theme.color("primary") if single else theme.series[i % len(theme.series)]
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(color)
        series.invert_if_negative = False
        for j, label in enumerate(labels):
            if label in figure.highlight:
                point = series.points[j]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb(theme.color("accent"))
    plot.has_data_labels = True
    labels_ = plot.data_labels
    labels_.number_format_is_linked = True
    labels_.position = XL_LABEL_POSITION.OUTSIDE_END
    labels_.font.size = Pt(shape.value_tick or shape.tick)  # a bar's value beside it, at its label's size
    labels_.font.color.rgb = rgb(theme.color("text"))
    if figure.reference is not None:  # a value is read on the slide's background, over the reference line
        fill = OxmlElement("c:spPr")
        solid = OxmlElement("a:solidFill")
        color = OxmlElement("a:srgbClr")
        color.set("val", theme.color("background"))
        solid.append(color)
        fill.append(solid)
        labels_._element.find(qn("c:txPr")).addprevious(fill)


def _style_lines(chart: Any, theme: Theme, markers: bool = False) -> None:
    """Style each line in the series colours; a few points measured at uneven x are marked where they are."""
    for i, series in enumerate(chart.plots[0].series):
        color = rgb(theme.series[i % len(theme.series)])
        line = series.format.line
        line.color.rgb = color
        line.width = Pt(2.5 if i == 0 else 1.75)
        if i >= 2:
            line.dash_style = MSO_LINE_DASH_STYLE.DASH
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE if markers else XL_MARKER_STYLE.NONE
        if markers:
            series.marker.size = 6
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
            series.marker.format.line.color.rgb = color


def _style_curve(chart: Any, figure: Figure, theme: Theme) -> None:
    series = list(chart.plots[0].series)
    model = series[0]
    model.format.line.color.rgb = rgb(theme.color("primary"))
    model.format.line.width = Pt(2.5)
    model.smooth = False
    model.marker.style = XL_MARKER_STYLE.NONE
    rest = series[1:]
    if figure.baseline is not None:
        base, rest = rest[0], rest[1:]
        base.format.line.color.rgb = rgb(theme.color("baseline"))
        base.format.line.width = Pt(1.75)
        base.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        base.marker.style = XL_MARKER_STYLE.NONE
    point = figure.operating_point
    if point is not None and rest:
        chosen = rest[0]
        chosen.format.line.fill.background()  # one marked point, no line
        chosen.marker.style = XL_MARKER_STYLE.CIRCLE
        chosen.marker.size = 11
        chosen.marker.format.fill.solid()
        chosen.marker.format.fill.fore_color.rgb = rgb(theme.color("accent"))
        chosen.marker.format.line.color.rgb = rgb(theme.color("accent"))
