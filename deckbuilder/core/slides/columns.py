"""The text column beside a visual, the lede above one, and the body's regions under a long title."""

from __future__ import annotations

from deckbuilder.core.outline.model import Metric
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.callout_boxes import metric_width
from deckbuilder.core.text.measure import Fit, Para, block_height, words_fit


def lede_height(paras: list[Para], page: Page, drop: float) -> float | None:
    """Return the height the points take across the body at its size, when they are short enough to lead the
    slide above its visual (at most `text_column.lede` inches); None when they are not."""
    body = region(page, "body", drop)
    size = page.theme.size_range("body")[0]
    height = block_height(paras, size, body.width, page.setting)
    fits = height <= page.theme.text_column["lede"] * page.sy and words_fit(paras, size, body.width, page.setting)
    return height if fits and paras else None


def region(page: Page, name: str, drop: float) -> Box:
    """Return a region of the page with ``drop`` inches taken off its top (under a title that ran long)."""
    return page.box(name).below(drop)


def text_column(metrics: list[Metric], paras: list[Para], page: Page, drop: float = 0.0) -> tuple[Box, Box]:
    """Return the text column beside a visual and the visual's box: the column as narrow as its text allows.

    The column is narrowed while its text still fits at the body-beside size and fills at most ``fill`` of the
    column's height, never under ``least`` nor under its callouts; a text that does not fit the usual column
    widens it up to ``most`` before it would take the smaller size. The visual has the rest of the body."""
    theme = page.theme
    left, right = region(page, "left", drop), region(page, "right", drop)
    gap, end = right.left - (left.left + left.width), right.left + right.width
    rules = theme.text_column
    size = theme.size_range("body_beside")[0]
    cards = max((min(metric_width(m, page), rules["most"]) for m in metrics), default=0.0)
    stack = len(metrics) * (theme.metric_height + theme.metric_gap) * page.sy

    def room(width: float) -> tuple[Box, bool, float]:
        box = Box(left.left, left.top, width, left.height)
        text = box.below(stack, theme.metric_gap * page.sy if metrics else 0.0)
        fit = page.fit(paras, text, (size, size)) if paras else Fit(size, True, 0.0)
        return box, fit.fits, fit.height_in / max(text.height, 0.01)

    widths = [left.width - 0.25 * i for i in range(40) if left.width - 0.25 * i >= max(rules["least"], cards)]
    chosen, fits, _ = room(max(left.width, cards))
    if not fits:  # a long text: widen the column before the text steps down
        wider = [left.width + 0.25 * i for i in range(1, 40) if left.width + 0.25 * i <= rules["most"]]
        chosen = next((box for box, ok, _ in map(room, wider) if ok), chosen)
    else:
        for width in widths:
            box, ok, share = room(width)
            if not ok or share > rules["fill"]:
                break
            chosen = box
    visual_left = chosen.left + chosen.width + gap
    return chosen, Box(visual_left, right.top, end - visual_left, right.height)
