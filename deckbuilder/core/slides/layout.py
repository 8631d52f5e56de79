"""Where everything on a slide goes, and what does not fit: the one capacity model.

The exporter draws exactly this layout, and the C010 check reports its problems, so a warning
means the built slide really overflows (and a slide that builds clean draws no warning).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.lexicon import words
from deckbuilder.core.rules.page import Page
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.slides.arrangements import callouts_arranged
from deckbuilder.core.slides.callout_boxes import hero_box, metric_boxes
from deckbuilder.core.slides.columns import lede_height, region, text_column
from deckbuilder.core.slides.decision_columns import decision_columns
from deckbuilder.core.slides.slide_text import decision_paras, point_paras, todo_paras
from deckbuilder.core.slides.table_layout import TableBlock, table_block
from deckbuilder.core.slides.visual_pair import table_and_chart, table_over_text
from deckbuilder.core.text.breaks import phrase_lines
from deckbuilder.core.text.display import excerpt
from deckbuilder.core.text.measure import (
    INSET_IN,
    Fit,
    Para,
    block_height,
    para_lines,
    scale_steps,
    too_wide,
)
from deckbuilder.core.text.typography import for_slide


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
    columns: tuple[TextBlock, ...] = ()  # decisions side by side, each in its own box (decision_columns.py)


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


def title_block(text: str, page: Page, box: Box, sizes: tuple[int, int]) -> tuple[TextBlock, list[str]]:
    """Return a title fitted to its box, broken between phrases on balanced lines, and a problem when it cannot
    fit; a title too long for its box takes the room it needs (the body moves down) and C010 says so.

    The lines are set with explicit breaks, so a renderer never re-wraps them, and they are chosen against the
    width the shown font (Arial) needs, at most `title_font_ratio` of the measure's: the measure's wider font
    would leave too few places to break between phrases."""
    theme, glyphs = page.theme, page.setting.glyphs
    text = for_slide(text, theme.keep_together)
    usable = (box.width - 2 * INSET_IN) * 72
    ratio = theme.title_font_ratio
    lines, fit = [text], Fit(sizes[0], False, 0.0)
    for size in scale_steps(theme.scale, sizes[0], sizes[1]) or [sizes[0]]:
        # A title that fits one line in the shown font is left as one line.
        one = glyphs.width(text, size, bold=True) * theme.shown_font_ratio < usable
        lines = [text] if one else phrase_lines(text, size, usable / ratio, glyphs, theme.breaks, bold=True)
        height = (len(lines) * size * theme.line_spacing + size * theme.paragraph_space) / 72 + 2 * INSET_IN
        fit = Fit(size, height <= box.height + 1e-9, height)
        if fit.fits:
            break
    paras = (Para("\n".join(lines), bold=True, color="primary"),)
    if len(lines) > 1:
        widest = max(glyphs.width(line, fit.size, bold=True) for line in lines) * ratio
        # A little slack over the widest line, so a renderer's rounding never pushes a word down.
        box = Box(box.left, box.top, min(box.width, widest / 72 + 2 * INSET_IN + 0.12), box.height)
    problems: list[str] = []
    if not fit.fits:
        problems.append(
            Absorbed(
                f"the title needs {fit.height_in:.1f} in at {fit.size} pt, more than the two lines its box holds, "
                "and pushes the slide's content down; shorten it to the finding and its number."
            )
        )
        box = Box(box.left, box.top, box.width, fit.height_in)
    return TextBlock(box, paras, fit), problems


class Absorbed(str):
    """A problem the layout absorbs (a long title grows its box and moves the body down): worth a note, since
    nothing is cut or shrunk below its size; a problem that is a plain str loses or squeezes content."""

    __slots__ = ()


def reported(layout: SlideLayout) -> tuple[str, bool] | None:
    """Return the one problem a slide is reported for (C010, in `deck plan` and `deck build` alike) and whether it
    is only a note: the first that loses or squeezes content is the one to fix first; a problem the layout
    absorbs is a note when it is the slide's only one."""
    lost = _lost(layout)
    if lost:
        return lost[0], False
    return (layout.problems[0], True) if layout.problems else None


def slide_layout(spec: Slide, page: Page, title_box: Box | None = None) -> SlideLayout:
    """Lay out a talk or appendix slide by what it holds: text, a visual, metric callouts, or a mix."""
    layout = _compose(spec, page, title_box)
    assert layout is not None  # only the other arrangements of callouts beside a visual can be refused
    if layout_kind(spec) == "text_visual" and len(spec.metrics) > 1 and _lost(layout):
        # Callouts stacked over the text beside a visual can leave the text too little height. In one row across
        # the top, they leave the text and the visual the body's height under them; stacked beside the visual,
        # the text goes across the body under both. Of those that lose less, the one whose visual is tallest:
        # height is what a crowded chart lacks (its caption, legend and axes take it from the plot).
        others = [o for o in (_compose(spec, page, title_box, a) for a in ("row", "under")) if o is not None]
        better = [o for o in others if len(_lost(o)) < len(_lost(layout))]
        if better:
            return min(better, key=lambda o: (len(_lost(o)), -_visual_height(o)))
    if spec.decisions and _lost(layout):
        # Two or three decisions that run off the slide in one column read side by side, under their table.
        side = _side_by_side(spec, page, title_box)
        if side is not None and len(_lost(side)) < len(_lost(layout)):
            return side
    return layout


def _titled(spec: Slide, page: Page, title_box: Box | None) -> tuple[TextBlock, list[str], float]:
    """Return the slide's title, its problems, and how far a title too long for its box pushes the body down."""
    sizes = page.theme.size_range("title")
    title, problems = title_block(spec.title or "", page, title_box or page.box("title"), sizes)
    drop = max(0.0, title.box.top + title.box.height - (page.box("title").top + page.box("title").height))
    return title, problems, drop


def _side_by_side(spec: Slide, page: Page, title_box: Box | None) -> SlideLayout | None:
    theme = page.theme
    title, problems, drop = _titled(spec, page, title_box)
    points = _set(point_paras(spec.points), theme)
    paras = _set(decision_paras(spec, False, theme), theme)
    found = decision_columns(spec, points, paras, page, drop)
    if found is None:
        return None
    columns, table, tight = found
    if tight:
        problems.append(
            Absorbed(
                "the decisions fit side by side in Arial, the deck's font, but not in a wider one: opened where "
                "Arial is missing, a column would overflow; shorten a reason or move detail to the speaker notes."
            )
        )
    blocks = tuple(TextBlock(box, group, fit) for box, group, fit in columns)
    return SlideLayout(title, table=table, problems=tuple(problems), columns=blocks)


def _visual_height(layout: SlideLayout) -> float:
    """Return the height a slide's chart or table is given."""
    box = layout.picture or (layout.table.box if layout.table is not None else None)
    return box.height if box is not None else 0.0


def _set(paras: list[Para], theme: Theme) -> list[Para]:
    """Return paragraphs as a slide sets them: typographic quotes, no-break spaces where words belong together."""
    return [replace(p, text=for_slide(p.text, theme.keep_together)) for p in paras]


def _lost(layout: SlideLayout) -> list[str]:
    """Return the problems that lose or squeeze content (those a layout cannot absorb)."""
    return [p for p in layout.problems if not isinstance(p, Absorbed)]


def _compose(spec: Slide, page: Page, title_box: Box | None, arrange: str = "stack") -> SlideLayout | None:
    """Lay a slide out, its callouts beside a visual stacked over the text, in a ``row`` across the top, or
    stacked beside the visual with the text ``under`` both (None when that arrangement does not hold them)."""
    theme = page.theme
    title, problems, drop = _titled(spec, page, title_box)
    kind = layout_kind(spec)
    beside = kind == "text_visual"
    bullets = point_paras(spec.points)
    paras = _set(bullets + decision_paras(spec, bool(spec.points), theme) + todo_paras(spec), theme)
    if kind == "text" and not spec.points and len(spec.decisions) == 1:
        # One decision alone is the slide's one element: its reason and alternative read at the body size too.
        paras = [replace(p, smaller=0) for p in paras]
    # A point or two beside a visual would leave their column empty below them: they lead across the body instead,
    # at the body size, and the visual takes the full width under them.
    lede = beside and not spec.metrics and not spec.decisions and lede_height(paras, page, drop) is not None
    beside = beside and not lede
    placed = arrange != "stack" and beside
    sizes = theme.size_range("body_beside" if beside else "body")
    # Metric callouts go across the top of the body, or stacked over the text beside a visual; the text column
    # beside a visual is as wide as its text needs, and the visual takes the rest.
    metrics: tuple[Box, ...] = ()
    if placed:
        arranged = callouts_arranged(spec, paras, page, drop, arrange)
        if arranged is None:
            return None
        metrics, column, where = arranged
    else:
        column, where = (
            text_column(spec.metrics, paras, page, drop)
            if beside
            else (region(page, "body", drop), region(page, "wide", drop))
        )
    if lede:
        height = lede_height(paras, page, drop) or 0.0
        column = Box(column.left, column.top, column.width, height)
        where = region(page, "body", drop).below(height, theme.metric_gap * page.sy)
    headed = None  # a table at the head of the text's column, its chart beside both at the body's height
    if beside and not placed and not spec.metrics and spec.figure is not None and spec.table is not None:
        headed = table_over_text(spec.table, paras, column, where, page)
        if headed is not None:
            _, column, where = headed
    area = column
    hero = kind == "metrics" and len(spec.metrics) == 1
    if hero:
        metrics, area = (hero_box(spec.metrics[0], page, area),), area.below(area.height)
    elif not placed:
        metrics, area = metric_boxes(spec.metrics, page, area, across=not beside)
    points = len(bullets)
    most = theme.max_points["split" if beside else "text"]
    if points > most:
        said = " beside the figure" if spec.figure is not None else " beside the table" if spec.table else ""
        problems.append(
            f"{points} points{said}, over the {most} a slide shows; keep the strongest and move the rest "
            "to the speaker notes."
        )
    body = None
    if paras and area.height > 0.3:
        fit = page.fit(paras, area, sizes)
        body = TextBlock(area, tuple(paras), fit)
        word = too_wide(paras, fit.size, area.width, page.setting)
        if word is not None:
            problems.append(
                f'"{excerpt(word)}" is wider than the text box even at {fit.size} pt and would break mid-word; '
                "shorten it (a URL or a long name) or put it in the speaker notes."
            )
        elif not fit.fits:
            problems.append(_overflow(paras, area, sizes, fit, page))
        elif fit.size < sizes[0]:
            problems.append(
                Absorbed(
                    f"the text is set at {fit.size} pt, one step under the deck's {sizes[0]} pt, as on every slide "
                    "that cannot hold its text; cut it to its claims or move detail to the speaker notes to keep "
                    "one type size."
                )
            )
        else:
            problems.extend(_long_points(paras, page))
    elif paras:
        problems.append("the metric callouts leave no room for the points; move points to the notes.")
    if kind in ("text", "metrics_text", "metrics", "text_visual") and not lede and arrange != "under" and not headed:
        # Short content sits in the optical middle of its room (the body, or its column beside a visual): the
        # callouts and the text move down together.
        # The text's height as Arial draws it (narrower than the measure, so a line or two shorter): the space
        # left under it is what the audience sees.
        drawn = 0.0
        if body is not None:
            width = area.width / theme.shown_font_ratio
            drawn = min(body.fit.height_in, block_height(list(body.paras), body.fit.size, width, page.setting))
        used = (area.top - column.top) + drawn
        shift = _balance(column.height, used, body is None or body.fit.fits, theme)
        if not placed:  # a row of callouts stays at the top of the body, across the column and the visual
            metrics = tuple(Box(b.left, b.top + shift, b.width, b.height) for b in metrics)
        if body is not None:
            body = TextBlock(body.box.below(shift), body.paras, body.fit)
    caption = picture = table = None
    if kind == "metrics_visual":
        body_box = region(page, "body", drop)
        where = body_box.below(body_box.height - area.height)  # under the callouts
        if spec.figure is not None and where.height < theme.text_column["figure"] * page.sy:
            # A chart squeezed under a row of callouts is too flat to read: the callouts stack down the left, in
            # the middle of the body, and the chart has the rest of it at full height.
            stacked, _ = metric_boxes(spec.metrics, page, body_box, across=False, stack=True)
            right = max(b.left + b.width for b in stacked) + theme.metric_gap * 2
            side = Box(right, body_box.top, body_box.left + body_box.width - right, body_box.height)
            if side.width >= body_box.width * theme.text_column["figure_width"]:  # wide callouts keep the row
                used = stacked[-1].top + stacked[-1].height - body_box.top
                shift = _balance(body_box.height, used, True, theme)
                metrics = tuple(Box(b.left, b.top + shift, b.width, b.height) for b in stacked)
                where = side
    figure = spec.figure
    if headed is not None:
        table = headed[0]
    elif figure is not None and spec.table is not None:
        shared = table_and_chart(spec.table, where, page, wide=not beside)
        if isinstance(shared, str):
            problems.append(shared)
            figure = None  # the table alone, as the problem says
        else:
            table, where = shared
    if figure is not None and words(figure.title) == words(spec.title or ""):
        picture = where  # a figure title that repeats the slide's title is said once, by the slide
    elif figure is not None:
        # Under a slide title that states the finding, the figure's title is its label, set as a caption (regular,
        # muted), so the slide has one headline; with no slide title it is the headline.
        headline = not spec.title
        caption_paras = (
            Para(
                for_slide(figure.title, theme.keep_together),
                bold=headline,
                color="primary" if headline else "muted",
            ),
        )
        height = block_height(list(caption_paras), theme.sizes["caption"], where.width, page.setting)
        caption = TextBlock(
            Box(where.left, where.top, where.width, height), caption_paras, Fit(theme.sizes["caption"], True, height)
        )
        picture = where.below(height, 0.05)
    elif spec.table is not None and table is None:
        table = table_block(spec.table, where, theme, page.setting, centre=not beside)
        if not table.fits and kind == "metrics_visual":
            # A tall table under a row of callouts: stack the callouts down the left and give the table the rest.
            column = region(page, "body", drop)
            stacked, _ = metric_boxes(spec.metrics, page, column, across=False, stack=True)
            right = max(b.left + b.width for b in stacked) + theme.metric_gap * 2
            room = Box(right, column.top, column.left + column.width - right, column.height)
            beside_them = table_block(spec.table, room, theme, page.setting)
            if beside_them.fits:  # else the table stays under the row, where it runs over least (C010 below)
                metrics, table = stacked, beside_them
        if beside and table.fits:  # beside the text, a short table sits in the middle of its column too
            shift = _balance(where.height, table.height, True, theme)
            box = table.box
            table = replace(table, box=Box(box.left, box.top + shift, box.width, box.height))
        if not table.fits:
            problems.append(
                f"the table does not fit at {table.size} pt without breaking words or running off the slide; "
                "keep the top rows, the baseline and the columns the talk needs, and put the full table in the "
                "appendix."
            )
    return SlideLayout(title, metrics, body, caption, picture, table, tuple(problems), hero)


def _balance(room: float, used: float, fits: bool, theme: Theme) -> float:
    """Return how far content ``used`` inches tall moves down to sit in the optical middle of its ``room``;
    content that fills most of its room hangs from the top, where every slide's body starts."""
    free = room - used
    if not fits or free <= 0 or used > room * theme.balance["short"]:
        return 0.0
    return free * theme.balance["drop"]


def _overflow(paras: list[Para], area: Box, sizes: tuple[int, int], fit: Fit, page: Page) -> str:
    """Say by how much the text overflows even at the scale's floor, and where a second slide could start.

    The measuring font runs wider than Arial so that what fits there fits anywhere. Text that overflows only in
    it still fits as the deck shows it: a note that it is tight, not a warning that it overflows."""
    if page.fit(paras, area, (fit.size, fit.size), shown=True).fits:
        return Absorbed(
            f"the text fits at {fit.size} pt in Arial, the deck's font, but not in a wider one (it needs "
            f"{fit.height_in:.1f} in of {area.height:.1f} in there): opened where Arial is missing, the slide would "
            "overflow; cut a line or move detail to the speaker notes to be safe."
        )
    said = f"the text still overflows at {fit.size} pt (it needs {fit.height_in:.1f} in of {area.height:.1f} in); "
    kept = next((k for k in range(len(paras) - 1, 0, -1) if page.fit(paras[:k], area, sizes).fits), 0)
    if not kept:
        return said + "cut points or move detail to the speaker notes."
    last = excerpt(paras[kept - 1].text)
    return said + f'split the slide after point {kept} ("{last}"), the most it holds, or move detail to the notes.'


def _long_points(paras: list[Para], page: Page) -> list[str]:
    # A point's length is judged the same beside a figure or alone: in lines of the full-width body
    # at the largest body size, so the narrow column is not held against it, and as Arial draws them.
    most, width = page.theme.max_point_lines, page.box("body").width
    size = page.theme.size_range("body")[0]
    for para in paras:
        if para.level is None:
            continue
        lines = para_lines(para, size, width, page.shown)
        if lines > most:
            shown = excerpt(para.text, 50)
            return [
                f'the point "{shown}" runs to {lines} lines across a full slide (at most {most}); split it or cut '
                "it to its claim."
            ]
    return []
