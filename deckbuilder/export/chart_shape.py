"""Decide a chart's shape before it is drawn, natively or as a picture: bars up or sideways, labels wrapped at
spaces, the axis titles. Pure measuring: no matplotlib, no python-pptx."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from deckbuilder.core.outline.model import Figure, OperatingPoint
from deckbuilder.core.rules.theme import Theme
from deckbuilder.core.text.measure import Glyphs, wrap


def column_label(name: str, style: dict[str, Any] | None = None) -> str:
    """Return a data column's name as an axis or legend label: "mape_pct" reads "MAPE (%)" with the theme's
    ``figure`` style (its unit short names and metric acronyms), "mape pct" without."""
    words = name.replace("_", " ").split()
    if style is None or not words:
        return " ".join(words)
    unit = style["column_units"].get(words[-1].lower()) if len(words) > 1 else None
    label = " ".join(words[:-1] if unit else words)
    for acronym in sorted(style["acronyms"], key=len, reverse=True):
        label = re.sub(
            rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", acronym.upper().replace(" ", "-"), label, flags=re.I
        )
    return f"{label} ({unit})" if unit else label


def is_number(value: Any) -> bool:
    """Return whether a data value is a number (a CSV or the outline may give it as the text of one)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    try:
        return math.isfinite(float(str(value).replace(",", "")))
    except ValueError:
        return False


def numeric_x(figure: Figure) -> bool:
    """Return whether a line chart's x values are numbers, to be spaced by their value, not as even categories."""
    data = figure.data if isinstance(figure.data, dict) else {}
    xs = data[next(iter(data))] if data else []
    return figure.chart == "line" and len(xs) > 1 and all(is_number(x) for x in xs)


_BARE = re.compile(r"(?i)\b(?:over|under|to|or|and|more|less|than|up|plus|above|below)\b|[^a-z]")


def _reads_as_numbers(labels: list[str]) -> bool:
    """Return whether category labels are bare numbers or ranges ("0-7", "over 180", "18 or more"), which say
    nothing without the axis title that names what they count ("Under 30 days" names its own unit)."""
    return bool(labels) and all(any(c.isdigit() for c in label) and not _BARE.sub("", label) for label in labels)


def operating_point_text(point: OperatingPoint) -> str:
    """Return what the chosen point of a PR curve is, in words: its name if it has one, recall and precision (a
    point on the curve with its two numbers needs no "operating point" before them, which would cost the legend
    a second row on a short chart)."""
    said = f"{point.recall:.0%} recall, {point.precision:.0%} precision"
    return f"{point.label}: {said}" if point.label else said


RIGHT_IN, TOP_IN = 0.35, 0.15  # the plot's right and top margins
EVERY_LABEL_UP_TO = 40  # a line of more points names only some of them along its axis


@dataclass(frozen=True)
class Shape:
    """How a chart is laid out before drawing: bars across or up, the category labels, the axis titles."""

    horizontal: bool
    labels: list[str]  # category labels, wrapped onto two lines where that makes them fit
    rotate: bool  # x tick labels turned 30 degrees (a line chart's crowded x values)
    xlabel: str
    ylabel: str
    tick: float = 0.0  # the size of the category and value labels, in points: the chart size, or a step below it
    every_label: bool = True  # each bar's label has room at ``tick``; else a renderer may leave some out
    value_tick: float = 0.0  # the size of the values over upright bars: the tick, or smaller so each fits its bar


def _fits(labels: list[str], tick: float, room_pt: float, glyphs: Glyphs) -> list[str] | None:
    """Return the labels as they are, or wrapped onto two lines, if every line fits ``room_pt``; else None."""
    if all(glyphs.width(label, tick) <= room_pt for label in labels):
        return labels
    wrapped = [wrap(label, tick, room_pt, glyphs, break_words=False) for label in labels]
    if all(len(lines) <= 2 and all(glyphs.width(li, tick) <= room_pt for li in lines) for lines in wrapped):
        return ["\n".join(lines) for lines in wrapped]
    return None


def _two_lines(label: str, tick: float, room_pt: float, glyphs: Glyphs) -> str:
    """Return ``label`` wrapped at spaces onto at most two lines; nothing is cut off."""
    lines = wrap(label, tick, room_pt, glyphs, break_words=False)
    return "\n".join([lines[0], " ".join(lines[1:])] if len(lines) > 2 else lines)


def shape_of(
    figure: Figure, theme: Theme, glyphs: Glyphs, width_in: float, height_in: float = 0.0, tick: float = 0.0
) -> Shape:
    """Decide a chart's shape from its labels: long bar labels wrap, or the bars turn sideways when they cannot fit.

    ``tick`` is the size the labels are drawn at (the picture's tick size unless given). With ``height_in``,
    labels down the side step down the type scale until each fits its bar's pitch (one line, or two where it
    wraps), as a renderer left alone would drop every other label instead."""
    data: dict[str, list[Any]] = figure.data if isinstance(figure.data, dict) else {}
    names = list(data)
    tick = tick or theme.figure["tick_size"]
    horizontal, rotate = figure.chart == "barh", False
    labels = [category_text(v) for v in data[names[0]]] if names and figure.chart != "pr_curve" else []
    # Axis titles default to the column names, unless a name says nothing ("value", "y").
    vague = set(theme.figure["vague_names"])
    series = column_label(names[1], theme.figure) if len(names) == 2 and names[1].lower() not in vague else ""
    first = column_label(names[0], theme.figure) if names and names[0].lower() not in vague else ""
    plot_pt = (width_in - 1.2 - RIGHT_IN) * 72  # a first guess of the plot's width, before the left margin
    if figure.chart == "bar" and labels:
        room = plot_pt / len(labels) - 6
        fitted = _fits(labels, tick, room, glyphs)
        if fitted is not None:
            labels = fitted
        elif len(names) > 2:
            # Groups of bars stay upright as asked: drawn across, a renderer lists their legend in the reverse of
            # the bars' order. Their names wrap at spaces onto two lines under each group.
            labels = [_two_lines(label, tick, room, glyphs) for label in labels]
        else:
            horizontal = True  # long category names read better down the side than crammed under bars
    every = True
    if horizontal and labels:
        most = plot_pt * theme.figure["side_labels"]  # labels down the side: two lines at most, this wide
        height_pt = (height_in - TOP_IN) * 72 - 2.5 * tick * theme.line_spacing  # less the axis title, its gap
        sizes = [float(s) for s in theme.scale if s <= tick] if height_in else []
        for size in sizes or [tick]:
            side = [_two_lines(lab, size, most, glyphs) if glyphs.width(lab, size) > most else lab for lab in labels]
            lines = max(lab.count("\n") + 1 for lab in side)
            every = not height_in or len(side) * lines * size * theme.line_spacing <= height_pt
            if every:
                break
        tick, labels = size, side
    if figure.chart == "line" and labels and not numeric_x(figure):
        named = len(labels) <= EVERY_LABEL_UP_TO  # past it, a few labels are shown and never crowd
        rotate = named and sum(glyphs.width(label, tick) + 8 for label in labels) > plot_pt * 0.9
    if figure.chart == "pr_curve":
        xlabel, ylabel = figure.xlabel or "recall", figure.ylabel or "precision"
    else:
        # The outline's x and y are the axes of the chart it asked for (bars up, or barh across); the titles are
        # for the categories and the values, and move with them when the bars turn sideways.
        asked_across = figure.chart == "barh"
        category = (figure.ylabel if asked_across else figure.xlabel) or (
            first if figure.chart == "line" or _reads_as_numbers(labels) else ""
        )
        value = (figure.xlabel if asked_across else figure.ylabel) or series
        xlabel, ylabel = (value, category) if horizontal else (category, value)
    value_tick = tick
    if figure.chart in ("bar", "barh") and not horizontal and labels:
        # Over upright bars each value has its bar's width: grouped bars are narrow, and a value wider than its
        # bar runs into the next one's. The values step down the type scale until the widest fits.
        bars = len(labels) * max(len(names) - 1, 1)
        room = plot_pt / bars * (1 - 0.6 / (max(len(names) - 1, 1) + 0.6))  # less the gap between categories
        values = [number_text(float(v), number_format(data[n])) for n in names[1:] for v in data[n]]
        widest = max((glyphs.width(v, 1.0) for v in values), default=0.0)
        fitting = [float(s) for s in theme.scale if s <= tick and widest * s <= room]
        value_tick = fitting[0] if fitting else float(min(theme.scale))
    return Shape(horizontal, labels, rotate, xlabel, ylabel, tick, every, value_tick)


def number_format(values: list[Any]) -> str:
    """Return an Excel number format showing every value with the decimals the most precise one was written
    with (0.1 beside 0.12 shows as 0.10), thousands grouped, at most three decimals."""
    decimals = 0
    for value in values:
        text = f"{float(value):.6f}".rstrip("0").rstrip(".")
        if "." in text:
            decimals = max(decimals, len(text.split(".")[1]))
    decimals = min(decimals, 3)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def number_text(value: float, format_code: str) -> str:
    """Return a number as ``number_format``'s code shows it (its decimals, thousands grouped)."""
    decimals = len(format_code.partition(".")[2])
    return f"{value:,.{decimals}f}"


def category_text(value: Any) -> str:
    """Return a category as the outline means it: an hour read as 8.0 from a CSV is the category 8."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
