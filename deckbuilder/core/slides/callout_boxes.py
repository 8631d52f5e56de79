"""Where metric callouts go: each as wide as its number and baseline, side by side or stacked, or one alone as
the slide's hero."""

from __future__ import annotations

import math

from deckbuilder.core.outline.model import Metric
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.slides.callout import NAME_GAP, lift_text, value_text
from deckbuilder.core.text.measure import Glyphs
from deckbuilder.core.text.typography import for_slide

METRIC_PAD_IN = 0.36  # a callout's margins, left and right together
HERO_PAD_IN = 0.8  # a hero callout's margins, left and right together


def _widths(metric: Metric, theme: Theme, glyphs: Glyphs) -> tuple[float, float, float]:
    """Return the widths, in points, of a callout's number, its name (after the gap) and its baseline line, as the
    exporter sets them (shapes.add_metric)."""
    sizes = theme.sizes
    value = glyphs.width(value_text(metric), sizes["metric_value"], bold=True)
    name = glyphs.width(NAME_GAP + for_slide(metric.name, theme.keep_together), sizes["metric_name"], bold=True)
    lift = glyphs.width(for_slide(lift_text(metric, theme.baseline_nouns), theme.keep_together), sizes["metric_label"])
    return value, name, lift


def metric_width(metric: Metric, page: Page) -> float:
    """Return a callout's natural width: its number and name on one line, its baseline line beneath."""
    value, name, lift = _widths(metric, page.theme, page.setting.glyphs)
    return max(value + name, lift) / 72 + METRIC_PAD_IN + 0.1


def hero_box(metric: Metric, page: Page, area: Box) -> Box:
    """Return the box of a lone callout shown as the slide's hero: its number, name and baseline on three lines."""
    theme, glyphs = page.theme, page.setting.glyphs
    sizes = theme.sizes
    widest = max(
        glyphs.width(value_text(metric), sizes["hero_value"], bold=True),
        glyphs.width(metric.name, sizes["hero_name"], bold=True),
        glyphs.width(lift_text(metric, theme.baseline_nouns), sizes["hero_label"]),
    )
    width = min(max(widest / 72 + HERO_PAD_IN + 0.1, area.width / 2), area.width)
    lines = (sizes["hero_value"] + sizes["hero_name"] + sizes["hero_label"]) * theme.line_spacing
    height = min(lines / 72 + 0.6, area.height)
    return Box(area.left, area.top, width, height)


def callout_height(metric: Metric, width: float, page: Page) -> float | None:
    """Return the height a callout ``width`` inches wide needs: its number on the first line, its name after it
    (wrapping onto lines of its own), and its baseline under them; None when the number alone does not fit.

    The usual height holds one wrapped line of the name; each line more adds its own. Judged as the deck shows it
    (Arial at its widest): the measuring font would refuse a number that fits with room to spare."""
    theme = page.theme
    sizes = theme.sizes
    usable = (width - METRIC_PAD_IN - 0.1) * 72
    value, name, lift = _widths(metric, theme, page.shown.glyphs)
    if value >= usable:
        return None
    # Lines break between words, not anywhere: a wrapped line is given a fifth of its room to spare.
    room = usable * 0.8
    name_lines = 0 if name <= usable - value else math.ceil((name - (usable - value)) / room)
    lift_lines = 1 if lift <= usable else math.ceil(lift / room)
    step = theme.line_spacing / 72
    extra = name_lines * sizes["metric_name"] * step + (lift_lines - 1) * sizes["metric_label"] * step
    return float(theme.metric_height * page.sy + max(0.0, extra - sizes["metric_name"] * step))


def metric_boxes(
    metrics: list[Metric], page: Page, area: Box, across: bool, stack: bool = False, share: bool = False
) -> tuple[tuple[Box, ...], Box]:
    """Place callouts at their natural width: side by side when they fit, else (or with ``stack``) one under
    another. With ``share``, a row too wide for the area gives each callout an equal share of it, when every
    callout's number fits that width; the row is as tall as its tallest callout needs."""
    if not metrics:
        return (), area
    theme = page.theme
    height, gap = theme.metric_height * page.sy, theme.metric_gap * page.sy
    widths = [min(max(metric_width(m, page), theme.metric_least_width), area.width) for m in metrics]
    if share and sum(widths) + gap * (len(widths) - 1) > area.width:
        equal = (area.width - gap * (len(widths) - 1)) / len(widths)
        heights = [callout_height(m, equal, page) for m in metrics]
        if all(h is not None for h in heights):
            widths, height = [equal] * len(widths), max(h or 0.0 for h in heights)
    boxes: list[Box] = []
    if not stack and (across or sum(widths) + gap * (len(widths) - 1) <= area.width):
        left, top = area.left, area.top
        for width in widths:
            if left > area.left and left + width > area.left + area.width + 1e-9:  # wrap onto a new row
                left, top = area.left, top + height + gap
            boxes.append(Box(left, top, width, height))
            left += width + gap
        used = top - area.top + height + gap
    else:
        width = max(widths)  # a stack of callouts shares one width, so their edges line up
        for i in range(len(metrics)):
            boxes.append(Box(area.left, area.top + i * (height + gap), width, height))
        used = len(metrics) * (height + gap)
    return tuple(boxes), area.below(used, gap)
