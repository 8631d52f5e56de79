"""The opening slide: the talk's title, then its subtitle and byline, each under the one before."""

from __future__ import annotations

from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.layout import SlideLayout, TextBlock, title_block
from deckbuilder.core.text.measure import Para
from deckbuilder.core.text.typography import for_slide


def cover_layout(title: str, page: Page, subtitle: str | None = None, byline: str = "") -> SlideLayout:
    """Return the opening slide: the title, then the subtitle and the byline, each under the one before."""
    theme = page.theme
    block, problems = title_block(title, page, page.box("cover_title"), theme.size_range("cover_title"))
    below = page.box("cover_subtitle")
    sub = None
    if subtitle:
        room = Box(below.left, below.top, below.width, below.height * 2)  # a subtitle may take two lines
        paras = (Para(for_slide(subtitle, theme.keep_together)),)
        fit = page.fit(list(paras), room, theme.size_range("cover_subtitle"))
        sub = TextBlock(Box(room.left, room.top, room.width, fit.height_in), paras, fit)
        if not fit.fits:
            problems.append("the subtitle does not fit two lines; shorten it to the role and the company.")
        below = Box(below.left, below.top + fit.height_in, below.width, below.height)
    line = None
    if byline:
        paras = (Para(byline, color="muted"),)
        box = page.box("cover_byline")
        fit = page.fit(list(paras), box, (theme.sizes["cover_byline"], theme.sizes["cover_byline"]))
        line = TextBlock(Box(below.left, max(below.top + 0.05, box.top), box.width, fit.height_in), paras, fit)
    return SlideLayout(title=block, body=sub, caption=line, problems=tuple(problems))
