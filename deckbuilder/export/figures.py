"""Draw a figure of the outline with matplotlib's object API (no pyplot) as PNG bytes."""

from __future__ import annotations

import dataclasses
import io
from functools import cache
from typing import Any

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from deckbuilder.core.outline.model import Figure
from deckbuilder.core.rules.theme import Theme
from deckbuilder.core.text.measure import Glyphs
from deckbuilder.core.text.numerals import read_number
from deckbuilder.export.chart_shape import (
    EVERY_LABEL_UP_TO,
    RIGHT_IN,
    TOP_IN,
    Shape,
    category_text,
    column_label,
    numeric_x,
    operating_point_text,
    shape_of,
)


def _hex(color: str) -> str:
    return "#" + color


def render(figure: Figure, theme: Theme, glyphs: Glyphs, width_in: float, height_in: float) -> bytes:
    """Return a PNG of ``figure`` sized ``width_in`` x ``height_in`` inches."""
    # Labels are the user's text: "$ saved" is money, not the start of mathtext.
    with rc_context(
        {"font.family": "sans-serif", "font.sans-serif": _font_family(theme.font), "text.parse_math": False}
    ):
        return _draw(figure, theme, glyphs, width_in, height_in)


@cache
def _font_family(preferred: str) -> list[str]:
    # Arial, or its metric twin, when the machine has it; DejaVu Sans always exists.
    available = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in (preferred, "Liberation Sans", "Arimo", "DejaVu Sans") if name in available]


def _draw(figure: Figure, theme: Theme, glyphs: Glyphs, width_in: float, height_in: float) -> bytes:
    style = theme.figure
    fig = MplFigure(figsize=(width_in, height_in), dpi=style["dpi"])
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_facecolor("none")  # transparent, so the slide's own background shows (a template may not be white)
    shape = shape_of(figure, theme, glyphs, width_in)
    if figure.chart == "line" and _numbered(shape.labels):
        shape = dataclasses.replace(shape, rotate=False)  # a few of them name the axis, level, as numbers do
    # Margins measured from the labels: a constrained layout costs a third of the render time.
    left, bottom = _margins(figure, shape, theme, glyphs)
    # A label of one unbreakable 5,000-character word would leave the plot no room: it gets half the picture.
    left, bottom = min(left, width_in / 2), min(bottom, height_in / 2)
    fig.subplots_adjust(
        left=left / width_in, bottom=bottom / height_in, right=1 - RIGHT_IN / width_in, top=1 - TOP_IN / height_in
    )
    _frame(ax, theme)
    data: dict[str, list[Any]] = figure.data if isinstance(figure.data, dict) else {}
    if figure.chart == "pr_curve":
        _pr_curve(ax, figure, data, theme)
    elif figure.chart in ("bar", "barh"):
        _bars(ax, figure, data, theme, shape)
    else:
        plot_in = ax.get_position().width * width_in
        widest = max((glyphs.width(label, shape.tick) for label in shape.labels), default=0.0)
        room = max(2, int(plot_in * 72 / (widest + 12)))
        _lines(ax, figure, data, theme, shape, round(plot_in * style["dpi"]), room)
    text = _hex(theme.color("text"))
    if shape.xlabel:
        ax.set_xlabel(shape.xlabel, fontsize=style["label_size"], color=text)
    if shape.ylabel:
        ax.set_ylabel(shape.ylabel, fontsize=style["label_size"], color=text)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=style["dpi"], transparent=True, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def _margins(figure: Figure, shape: Shape, theme: Theme, glyphs: Glyphs) -> tuple[float, float]:
    """Return the left and bottom margins in inches that the tick labels and axis titles need."""
    tick, label = theme.figure["tick_size"], theme.figure["label_size"]
    lines_under = 1
    if shape.horizontal and shape.labels:
        widest = max(glyphs.width(line, tick) for lab in shape.labels for line in lab.split("\n"))
    else:
        widest = glyphs.width("0.000", tick)
        lines_under = max((lab.count("\n") + 1 for lab in shape.labels), default=1)
    y_title = label * 1.6 if shape.ylabel else 0.0
    left = (widest + y_title + 14) / 72
    under = tick * 1.3 * lines_under + tick * 0.5
    if shape.rotate:
        under = max(glyphs.width(lab, tick) for lab in shape.labels) * 0.5 + tick * 1.2  # sin 30 degrees
    x_title = label * 1.8 if shape.xlabel else 0.0
    bottom = (under + x_title + 8) / 72
    return left, bottom


def _frame(ax: Axes, theme: Theme) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(_hex(theme.color("muted")))
    ax.tick_params(labelsize=theme.figure["tick_size"], colors=_hex(theme.color("text")))
    ax.grid(True, color=_hex(theme.color("grid")), linewidth=0.8, alpha=0.7)
    ax.set_axisbelow(True)


def _pr_curve(ax: Axes, figure: Figure, data: dict[str, list[Any]], theme: Theme) -> None:
    size = theme.figure["label_size"]
    ax.plot(data["recall"], data["precision"], color=_hex(theme.color("primary")), linewidth=2.5, label="model")
    if figure.baseline is not None:
        ax.axhline(
            figure.baseline,
            color=_hex(theme.color("baseline")),
            linestyle="--",
            linewidth=1.8,
            label=f"random baseline ({figure.baseline:g})",
        )
    point = figure.operating_point
    if point is not None:
        ax.plot([point.recall], [point.precision], "o", markersize=11, color=_hex(theme.color("accent")), zorder=5)
        ax.annotate(
            operating_point_text(point).replace(": ", "\n", 1),
            xy=(point.recall, point.precision),
            xytext=(14, 18),
            textcoords="offset points",
            fontsize=size,
            color=_hex(theme.color("text")),
            arrowprops={"arrowstyle": "-", "color": _hex(theme.color("muted"))},
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    for axis in (ax.xaxis, ax.yaxis):  # recall and precision in percent, as the native chart and the slide say them
        axis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.legend(fontsize=size, frameon=False, loc="upper right")


def _bars(ax: Axes, figure: Figure, data: dict[str, list[Any]], theme: Theme, shape: Shape) -> None:
    names = list(data)
    raw = [category_text(v) for v in data[names[0]]]
    labels = shape.labels
    series = names[1:]
    count = len(series)
    width = 0.8 / count
    positions = list(range(len(labels)))
    horizontal = shape.horizontal
    for i, name in enumerate(series):
        values = [float(v) for v in data[name]]
        offset = [p - 0.4 + width * (i + 0.5) for p in positions]
        base = theme.series[i % len(theme.series)] if count > 1 else theme.color("primary")
        colors = [_hex(theme.color("accent") if lab in figure.highlight else base) for lab in raw]
        if horizontal:
            bars = ax.barh(offset, values, height=width * 0.9, color=colors, label=column_label(name, theme.figure))
        else:
            bars = ax.bar(offset, values, width=width * 0.9, color=colors, label=column_label(name, theme.figure))
        ax.bar_label(bars, fmt="%g", padding=3, fontsize=theme.figure["tick_size"], color=_hex(theme.color("text")))
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.grid(False, axis="y")
        ax.margins(x=0.12)
    else:
        ax.set_xticks(positions, labels)
        ax.grid(False, axis="x")
        ax.margins(y=0.12)
    _reference(ax, figure, theme, across=horizontal)
    if count > 1 or figure.reference is not None:
        ax.legend(fontsize=theme.figure["label_size"], frameon=False)


def _reference(ax: Axes, figure: Figure, theme: Theme, across: bool) -> None:
    """Draw the level the slide reads the chart against as a dashed line, named in the legend."""
    level = figure.reference
    if level is not None:
        draw = ax.axvline if across else ax.axhline
        draw(level.value, color=_hex(theme.color("baseline")), linestyle="--", linewidth=1.8, label=level.label)


def _envelope(values: list[float], columns: int) -> tuple[list[int], list[float]]:
    """Return the points of a line as a picture ``columns`` pixels wide shows them: all of a short line; of a
    long one, the lowest and highest of each pixel column, in their order. The same picture, drawn in time that
    does not grow with the points (100,000 of them took 14 s in the rasteriser)."""
    if len(values) <= 4 * columns:
        return list(range(len(values))), values
    places: list[int] = []
    step = len(values) / columns
    for column in range(columns):
        start, end = round(column * step), round((column + 1) * step)
        low = min(range(start, end), key=values.__getitem__)
        high = max(range(start, end), key=values.__getitem__)
        places.extend(sorted({low, high}))
    return places, [values[i] for i in places]


def _numbered(labels: list[str]) -> bool:
    """Whether a line's labels are all numbers (hours, years, days): a few of them name its axis as well as all."""
    return all(read_number(label) is not None for label in labels)


def _lines(
    ax: Axes, figure: Figure, data: dict[str, list[Any]], theme: Theme, shape: Shape, columns: int, room: int
) -> None:
    """Draw the lines ``columns`` pixels wide, naming every point or, where they are many or numbers, at most
    ``room`` of them (as many as fit side by side); a line of numeric x stands on a value axis, as the native
    chart's scatter does."""
    names = list(data)
    # The first column is the line's labels, as written (text): each point sits at its place along the axis,
    # as the native chart's categories do, and a long line names a few of them; numbers as x are a value axis.
    numeric = numeric_x(figure)
    places: list[float] = (
        [float(str(v).replace(",", "")) for v in data[names[0]]] if numeric else list(range(len(data[names[0]])))
    )
    for i, name in enumerate(names[1:]):
        color = theme.series[i % len(theme.series)]
        kept, values = _envelope([float(v) for v in data[name]], columns)
        ax.plot(
            [places[k] for k in kept],
            values,
            color=_hex(color),
            linewidth=2.4 if i == 0 else 1.8,
            label=column_label(name, theme.figure),
            linestyle="-" if i < 2 else "--",
        )
    labels = shape.labels
    if numeric:
        pass  # a value axis spaces and names its own ticks
    elif len(labels) <= EVERY_LABEL_UP_TO and not _numbered(labels):
        ax.set_xticks(list(places), labels)
    else:
        ticks = [int(t) for t in MaxNLocator(nbins=room, integer=True).tick_values(0, len(labels) - 1)]
        named = [t for t in ticks if 0 <= t < len(labels)]
        ax.set_xticks(named, [labels[t] for t in named])
    if shape.rotate:
        ax.tick_params(axis="x", labelrotation=30)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
    _reference(ax, figure, theme, across=False)
    if len(names) > 2 or figure.reference is not None:
        ax.legend(fontsize=theme.figure["label_size"], frameon=False)
