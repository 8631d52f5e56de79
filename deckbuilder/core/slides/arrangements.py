"""Where several callouts go when, stacked over the text beside a visual, they leave the text too little height:
in one row across the top, or stacked beside the visual with the text across the body under both."""

from __future__ import annotations

from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.callout_boxes import callout_height, metric_boxes
from deckbuilder.core.slides.columns import region, text_column
from deckbuilder.core.text.measure import Para


def callouts_arranged(
    spec: Slide, paras: list[Para], page: Page, drop: float, arrange: str
) -> tuple[tuple[Box, ...], Box, Box] | None:
    """Return the callouts, the text's box and the visual's box with the callouts in one ``row`` across the top
    (the text column beside the visual under them) or stacked beside the visual with the text ``under`` both;
    None when the callouts need a second row, the text does not fit, or the chart keeps too little height
    (`text_column.under_row`)."""
    if not spec.metrics:
        return None
    theme = page.theme
    body, gap = region(page, "body", drop), theme.metric_gap * page.sy
    least = theme.text_column["under_row"] * page.sy if spec.figure is not None else 0.0
    if arrange == "row":
        metrics, rest = metric_boxes(spec.metrics, page, body, across=True, share=True)
        if len({box.top for box in metrics}) > 1:
            return None
        column, where = text_column([], paras, page, drop + rest.top - body.top)
        return (metrics, column, where) if where.height >= least else None
    # The stack is as narrow as lets every callout hold its number, name and baseline, so the visual keeps the most.
    rules = theme.text_column
    width = next(
        (
            w
            for w in (rules["least"] + 0.25 * i for i in range(40))
            if w <= rules["most"] and all(_holds(callout_height(m, w, page), page) for m in spec.metrics)
        ),
        None,
    )
    if width is None:
        return None
    stacked, _ = metric_boxes(
        spec.metrics, page, Box(body.left, body.top, width, body.height), across=False, stack=True
    )
    band = max(stacked[-1].top + stacked[-1].height - body.top, least)
    fit = page.fit(paras, body.below(band, gap), theme.size_range("body_beside"))
    if not fit.fits:
        return None
    column = Box(body.left, body.top + body.height - fit.height_in, body.width, fit.height_in)
    right = body.left + width + 2 * gap
    where = Box(right, body.top, body.left + body.width - right, body.height - fit.height_in - gap)
    return stacked, column, where


def _holds(height: float | None, page: Page) -> bool:
    """Return whether a callout that needs ``height`` fits the usual callout's height (a stack shares it)."""
    return height is not None and height <= page.theme.metric_height * page.sy + 1e-9
