"""Where everything on a slide goes, and what does not fit: the one capacity model.

The exporter draws exactly this layout, and the C010 check reports its problems, so a warning
means the built slide really overflows (and a slide that builds clean draws no warning).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckbuilder.core.outline.model import Metric, Slide
from deckbuilder.core.rules.lexicon import words
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.slides.callout import NAME_GAP, lift_text, value_text
from deckbuilder.core.slides.slide_text import decision_paras, point_paras, todo_paras
from deckbuilder.core.slides.table_layout import TableBlock, table_block
from deckbuilder.core.text.display import excerpt
from deckbuilder.core.text.measure import (
    INSET_IN,
    Fit,
    Para,
    Typesetting,
    block_height,
    kept_together,
    para_lines,
    too_wide,
    wrap,
)

METRIC_PAD_IN = 0.36  # a callout's margins, left and right together
HERO_PAD_IN = 0.8  # a hero callout's margins, left and right together


@dataclass(frozen=True)
class TextBlock:
    """Paragraphs in a box at the size that fits them."""

    box: Box
    paras: tuple[Para, ...]
    fit: Fit


@dataclass(frozen=True)
class SlideLayout:
    """One slide's shapes and the reasons (C010) it does not fit, if any."""

    title: TextBlock
    metrics: tuple[Box, ...] = ()
    body: TextBlock | None = None
    caption: TextBlock | None = None
    picture: Box | None = None
    table: TableBlock | None = None
    problems: tuple[str, ...] = ()
    hero: bool = False  # the slide's one content is a metric: it is shown large, as the slide's hero


def layout_kind(spec: Slide) -> str:
    """Return which of the slide layouts a slide's content calls for (docs: the deck section of the README)."""
    text = bool(spec.points or spec.decisions)
    visual = spec.figure is not None or spec.table is not None
    if visual and text:
        return "text_visual"
    if visual:
        return "metrics_visual" if spec.metrics else "visual"
    if spec.metrics:
        return "metrics_text" if text else "metrics"
    return "text"


def visual_region(spec: Slide) -> str:
    """Return the region a slide's figure or table goes in: beside the text, or across the body."""
    return "right" if layout_kind(spec) == "text_visual" else "wide"


def title_block(text: str, page: Page, box: Box, sizes: tuple[int, int]) -> tuple[TextBlock, list[str]]:
    """Return a title fitted to its box, its lines balanced, and a problem when it cannot fit."""
    text = kept_together(text, page.theme.keep_together)
    paras = (Para(text, bold=True, color="primary"),)
    fit = page.fit(list(paras), box, sizes)
    problems = []
    if not fit.fits:
        problems.append(
            f"the title does not fit its box even at {fit.size} pt; shorten it to the finding and its number."
        )
    else:
        width = balanced_width(text, fit.size, box.width, page.setting, page.theme.shown_font_ratio)
        if width < box.width:
            # The balanced lines are set with explicit breaks: a renderer never re-wraps them, nor breaks a
            # hyphenated term ("cross-validation") at its hyphen.
            lines = wrap(text, fit.size, (width - 2 * INSET_IN) * 72, page.setting.glyphs, bold=True)
            paras = (Para("\n".join(lines), bold=True, color="primary"),)
        box = Box(box.left, box.top, width, box.height)
    return TextBlock(box, paras, fit), problems


def balanced_width(text: str, size: int, width_in: float, setting: Typesetting, shown_ratio: float = 1.0) -> float:
    """Return the narrowest width at which a title keeps its line count: even lines, no lone last word."""
    usable = (width_in - 2 * INSET_IN) * 72
    count = len(wrap(text, size, usable, setting.glyphs, bold=True))
    # The measure runs wider than the fonts slides show; a title that may still fit one line there is left alone.
    if count < 2 or setting.glyphs.width(text, size, bold=True) * shown_ratio < usable:
        return width_in
    low, high = usable / count, usable
    for _ in range(8):  # bisect to within 2 pt, under the slack added below
        middle = (low + high) / 2
        if len(wrap(text, size, middle, setting.glyphs, bold=True)) > count:
            low = middle
        else:
            high = middle
    # A little slack over the tightest width, so a renderer's rounding never pushes a word down.
    return min(width_in, high / 72 + 2 * INSET_IN + 0.12)


def cover_layout(title: str, page: Page, subtitle: str | None = None, byline: str = "") -> SlideLayout:
    """Return the opening slide: the title, then the subtitle and the byline, each under the one before."""
    theme = page.theme
    block, problems = title_block(title, page, page.box("cover_title"), theme.size_range("cover_title"))
    below = page.box("cover_subtitle")
    sub = None
    if subtitle:
        room = Box(below.left, below.top, below.width, below.height * 2)  # a subtitle may take two lines
        paras = (Para(subtitle),)
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


def slide_layout(spec: Slide, page: Page, title_box: Box | None = None) -> SlideLayout:
    """Lay out a talk or appendix slide by what it holds: text, a visual, metric callouts, or a mix."""
    theme = page.theme
    title, problems = title_block(spec.title or "", page, title_box or page.box("title"), theme.size_range("title"))
    kind = layout_kind(spec)
    # Metric callouts go across the top of the body, or stacked over the text beside a visual.
    area = page.box("left" if kind == "text_visual" else "body")
    hero = kind == "metrics" and len(spec.metrics) == 1
    metrics: tuple[Box, ...]
    if hero:
        metrics, area = (_hero_box(spec.metrics[0], page, area),), area.below(area.height)
    else:
        metrics, area = _metric_boxes(spec.metrics, page, area, across=kind != "text_visual")
    bullets = point_paras(spec.points)
    paras = [
        replace(p, text=kept_together(p.text, theme.keep_together))
        for p in bullets + decision_paras(spec, bool(spec.points), theme) + todo_paras(spec)
    ]
    points = len(bullets)
    most = theme.max_points["split" if kind == "text_visual" else "text"]
    if points > most:
        beside = " beside the figure" if spec.figure is not None else " beside the table" if spec.table else ""
        problems.append(
            f"{points} points{beside}, over the {most} a slide shows; keep the strongest and move the rest "
            "to the speaker notes."
        )
    body = None
    if paras and area.height > 0.3:
        sizes = theme.size_range("body_alone" if kind == "text" else "body")
        fit = page.fit(paras, area, sizes)
        body = TextBlock(_balanced(area, fit, theme) if kind == "text" else area, tuple(paras), fit)
        word = too_wide(paras, fit.size, area.width, page.setting)
        if word is not None:
            problems.append(
                f'"{excerpt(word)}" is wider than the text box even at {fit.size} pt and would break mid-word; '
                "shorten it (a URL or a long name) or put it in the speaker notes."
            )
        elif not fit.fits:
            problems.append(_overflow(paras, area, sizes, fit, page))
        else:
            problems.extend(_long_points(paras, page))
    elif paras:
        problems.append("the metric callouts leave no room for the points; move points to the notes.")
    caption = picture = table = None
    where = page.box(visual_region(spec))
    if kind == "metrics_visual":
        where = page.box("body").below(page.box("body").height - area.height)  # under the callouts
    if spec.figure is not None and spec.table is not None:
        problems.append(
            "a figure and a table on one slide leave neither readable; move one to its own slide or the appendix."
        )
    if spec.figure is not None and words(spec.figure.title) == words(spec.title or ""):
        picture = where  # a figure title that repeats the slide's title is said once, by the slide
    elif spec.figure is not None:
        # Under a slide title that states the finding, the figure's title is its label, set as a caption (regular,
        # muted), so the slide has one headline; with no slide title it is the headline.
        headline = not spec.title
        caption_paras = (
            Para(
                kept_together(spec.figure.title, theme.keep_together),
                bold=headline,
                color="primary" if headline else "muted",
            ),
        )
        height = block_height(list(caption_paras), theme.sizes["caption"], where.width, page.setting)
        caption = TextBlock(
            Box(where.left, where.top, where.width, height), caption_paras, Fit(theme.sizes["caption"], True, height)
        )
        picture = where.below(height, 0.05)
    elif spec.table is not None:
        table = table_block(spec.table, where, theme, page.setting, centre=kind != "text_visual")
        if not table.fits and kind == "metrics_visual":
            # A tall table under a row of callouts: stack the callouts down the left and give the table the rest.
            column = page.box("body")
            metrics, _ = _metric_boxes(spec.metrics, page, column, across=False)
            right = max(b.left + b.width for b in metrics) + theme.metric_gap * 2
            room = Box(right, column.top, column.left + column.width - right, column.height)
            table = table_block(spec.table, room, theme, page.setting)
        if not table.fits:
            problems.append(
                f"the table does not fit at {table.size} pt without breaking words or running off the slide; "
                "keep the top rows, the baseline and the columns the talk needs, and put the full table in the "
                "appendix."
            )
    return SlideLayout(title, metrics, body, caption, picture, table, tuple(problems), hero)


def _balanced(area: Box, fit: Fit, theme: Theme) -> Box:
    """Return the text's box moved down so a short text sits in the optical middle of the body, not its top."""
    free = area.height - fit.height_in
    if not fit.fits or free <= 0:
        return area
    drop = free * theme.balance
    return Box(area.left, area.top + drop, area.width, area.height - drop)


def _overflow(paras: list[Para], area: Box, sizes: tuple[int, int], fit: Fit, page: Page) -> str:
    """Say by how much the text overflows even at the scale's floor, and where a second slide could start."""
    said = f"the text still overflows at {fit.size} pt (it needs {fit.height_in:.1f} in of {area.height:.1f} in); "
    kept = next((k for k in range(len(paras) - 1, 0, -1) if page.fit(paras[:k], area, sizes).fits), 0)
    if not kept:
        return said + "cut points or move detail to the speaker notes."
    last = excerpt(paras[kept - 1].text)
    return said + f'split the slide after point {kept} ("{last}"), the most it holds, or move detail to the notes.'


def _long_points(paras: list[Para], page: Page) -> list[str]:
    # A point's length is judged the same beside a figure or alone: in lines of the full-width body
    # at the largest body size, so the narrow column is not held against it.
    most, width = page.theme.max_point_lines, page.box("body").width
    size = page.theme.size_range("body")[0]
    for para in paras:
        if para.level is None:
            continue
        lines = para_lines(para, size, width, page.setting)
        if lines > most:
            shown = excerpt(para.text, 50)
            return [
                f'the point "{shown}" runs to {lines} lines across a full slide (at most {most}); split it or cut '
                "it to its claim."
            ]
    return []


def metric_width(metric: Metric, page: Page) -> float:
    """Return a callout's natural width: its number and name on one line, its baseline line beneath."""
    theme, glyphs = page.theme, page.setting.glyphs
    label = theme.sizes["metric_label"]
    first = glyphs.width(value_text(metric), theme.sizes["metric_value"], bold=True) + glyphs.width(
        NAME_GAP + metric.name, theme.sizes["metric_name"], bold=True
    )
    second = glyphs.width(lift_text(metric), label)
    return max(first, second) / 72 + METRIC_PAD_IN + 0.1


def _hero_box(metric: Metric, page: Page, area: Box) -> Box:
    """Return the box of a lone callout shown as the slide's hero: its number, name and baseline on three lines."""
    theme, glyphs = page.theme, page.setting.glyphs
    sizes = theme.sizes
    widest = max(
        glyphs.width(value_text(metric), sizes["hero_value"], bold=True),
        glyphs.width(metric.name, sizes["hero_name"], bold=True),
        glyphs.width(lift_text(metric), sizes["hero_label"]),
    )
    width = min(max(widest / 72 + HERO_PAD_IN + 0.1, area.width / 2), area.width)
    lines = (sizes["hero_value"] + sizes["hero_name"] + sizes["hero_label"]) * theme.line_spacing
    height = min(lines / 72 + 0.6, area.height)
    return Box(area.left, area.top, width, height)


def _metric_boxes(metrics: list[Metric], page: Page, area: Box, across: bool) -> tuple[tuple[Box, ...], Box]:
    """Place callouts at their natural width: side by side when they fit, else one under another."""
    if not metrics:
        return (), area
    theme = page.theme
    height, gap = theme.metric_height * page.sy, theme.metric_gap * page.sy
    widths = [min(max(metric_width(m, page), theme.metric_least_width), area.width) for m in metrics]
    boxes: list[Box] = []
    if across or sum(widths) + gap * (len(widths) - 1) <= area.width:
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
