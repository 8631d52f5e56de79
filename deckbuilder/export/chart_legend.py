"""A PR curve's legend in the corner its curve leaves empty: a legend over a short chart otherwise takes the
height its plot needs."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from deckbuilder.core.outline.model import Figure
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.text.measure import Glyphs
from deckbuilder.export.chart_lines import manual_layout, place_plot

SYMBOL_PT = 34.0  # a legend entry's line or marker and the space after it
PAD_PT = 8.0  # around the legend's entries, and between it and the plot's edge


def _place(parent: Any, layout: Any, before: tuple[str, ...]) -> None:
    """Put ``layout`` in ``parent`` where the schema orders it: before the first of ``before`` it has."""
    old = parent.find(qn("c:layout"))
    if old is not None:
        parent.remove(old)
    following = [child for child in parent if child.tag in {qn(tag) for tag in before}]
    if following:
        following[0].addprevious(layout)
    else:
        parent.append(layout)


def _crosses(curve: list[tuple[float, float]], left: float, bottom: float) -> bool:
    """Return whether the polyline through ``curve`` (recall, precision) enters the corner right of ``left`` and
    above ``bottom``: each segment is walked in small steps, since a corner can sit between two points."""
    steps = [
        (x0 + (x1 - x0) * i / 20, y0 + (y1 - y0) * i / 20) for (x0, y0), (x1, y1) in pairwise(curve) for i in range(21)
    ]
    return any(x >= left and y >= bottom for x, y in steps + curve)


def legend_in_corner(
    chart: Any, box: Box, figure: Figure, entries: list[str], glyphs: Glyphs, size: int, fill: str
) -> bool:
    """Place the plot by hand and the legend inside its top-right corner, when the curve (and its chosen point)
    leave that corner empty; return False, changing nothing, when they do not."""
    data = figure.data if isinstance(figure.data, dict) else {}
    curve = [(float(r), float(p)) for r, p in zip(data.get("recall", []), data.get("precision", []), strict=False)]
    point = figure.operating_point
    width_pt, height_pt = box.width * 72, box.height * 72
    # The plot inside the axes: room for the "100%" tick labels and the axis titles, as the renderer leaves it.
    tick = glyphs.width("100%", size)
    left_pt = tick + 10 + size * 1.6
    right_pt = tick / 2 + 4
    top_pt = size * 0.8
    bottom_pt = size * 1.4 + size * 1.6
    plot_w, plot_h = width_pt - left_pt - right_pt, height_pt - top_pt - bottom_pt
    legend_w = max(glyphs.width(text, size) for text in entries) + SYMBOL_PT + 2 * PAD_PT
    legend_h = len(entries) * size * 1.3 + 2 * PAD_PT
    if plot_w <= legend_w + 2 * PAD_PT or plot_h <= legend_h * 2:
        return False
    corner_left = 1 - (legend_w + PAD_PT) / plot_w
    corner_bottom = 1 - (legend_h + PAD_PT) / plot_h
    # The chosen point's marker is wider than a line: it keeps a margin from the corner.
    near = point is not None and point.recall >= corner_left - 0.05 and point.precision >= corner_bottom - 0.05
    if near or _crosses(curve, corner_left, corner_bottom):
        return False
    place_plot(chart, left_pt / width_pt, top_pt / height_pt, plot_w / width_pt, plot_h / height_pt)
    x = (left_pt + plot_w - legend_w - PAD_PT) / width_pt
    y = (top_pt + PAD_PT) / height_pt
    legend = chart.legend._element
    spot = manual_layout(x, y, legend_w / width_pt, legend_h / height_pt, inner=False)
    _place(legend, spot, ("c:overlay", "c:spPr", "c:txPr"))
    overlay = legend.find(qn("c:overlay"))
    if overlay is not None:
        overlay.set("val", "1")
        # Filled with the slide's background, so the gridlines it sits on do not run through its words.
        overlay.addnext(
            parse_xml(f'<c:spPr {nsdecls("c", "a")}><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></c:spPr>')
        )
    return True
