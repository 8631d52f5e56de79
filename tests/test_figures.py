"""How a chart is shaped before it is drawn: labels that fit, sideways bars, axis titles, a see-through plot."""

from __future__ import annotations

import io

from PIL import Image

from deckbuilder.core.outline.model import Figure
from deckbuilder.core.rules.config import default_config
from deckbuilder.export.chart_shape import shape_of
from deckbuilder.export.figures import render

CONFIG = default_config()


def _bar(labels: list[str], **extra: object) -> Figure:
    return Figure.parse(
        {"chart": "bar", "title": "t", "data": {"segment": labels, "recall": list(range(len(labels)))}, **extra}
    )


def test_short_labels_stay_under_upright_bars_with_the_column_as_axis_title() -> None:
    shape = shape_of(_bar(["A", "B", "C"]), CONFIG.theme, CONFIG.glyphs, 6.0)
    assert not shape.horizontal and shape.labels == ["A", "B", "C"]
    assert shape.ylabel == "recall" and shape.xlabel == ""


def test_twelve_long_category_names_turn_the_bars_sideways() -> None:
    names = [f"Card-not-present payment type {i}" for i in range(12)]
    shape = shape_of(_bar(names), CONFIG.theme, CONFIG.glyphs, 6.0)
    assert shape.horizontal
    assert shape.xlabel == "recall"  # the values' axis is now the horizontal one
    assert all(label.count("\n") <= 1 for label in shape.labels)


def test_a_few_two_word_labels_wrap_under_their_bars() -> None:
    shape = shape_of(_bar(["Ordinary weekday", "Public holiday", "Stadium event"]), CONFIG.theme, CONFIG.glyphs, 4.0)
    assert not shape.horizontal
    assert any("\n" in label for label in shape.labels)


def test_a_given_axis_label_wins() -> None:
    shape = shape_of(_bar(["A", "B"], ylabel="share of rides"), CONFIG.theme, CONFIG.glyphs, 6.0)
    assert shape.ylabel == "share of rides"


def test_the_plot_background_is_transparent() -> None:
    png = render(_bar(["A", "B", "C"]), CONFIG.theme, CONFIG.glyphs, 4.0, 3.0)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "RGBA" and image.getpixel((2, 2))[3] == 0  # a corner shows the slide behind it


def test_long_category_names_wrap_at_spaces_only_and_lose_nothing() -> None:
    names = ["Mönchengladbach-Rheydt Hauptbahnhof", "Kaiserslautern", "Saint-Jean-sur-Richelieu Nord-Est Terminal"]
    shape = shape_of(_bar(names), CONFIG.theme, CONFIG.glyphs, 5.0)
    words = {word for name in names for word in name.split()}
    for name, label in zip(names, shape.labels, strict=True):
        assert label.replace("\n", " ") == name  # every word kept, in order
        assert all(word in words for line in label.split("\n") for word in line.split())


def test_a_pictured_pr_curve_speaks_in_percent_like_the_native_chart() -> None:
    from matplotlib.figure import Figure as MplFigure

    from deckbuilder.export.figures import _pr_curve

    curve = Figure.parse(
        {
            "chart": "pr_curve",
            "title": "t",
            "data": {"recall": [0.0, 0.62, 1.0], "precision": [0.9, 0.3, 0.1]},
            "operating_point": {"recall": 0.62, "precision": 0.3, "label": "proposed threshold"},
        }
    )
    assert isinstance(curve.data, dict)
    ax = MplFigure().add_subplot()
    _pr_curve(ax, curve, curve.data, CONFIG.theme)
    assert ax.xaxis.get_major_formatter()(0.6, 0) == "60%"
    assert ax.yaxis.get_major_formatter()(0.2, 0) == "20%"
    (note,) = ax.texts
    assert note.get_text() == "proposed threshold\n62% recall, 30% precision"  # the legend's words on the native chart
