"""Pull the text a panel sees (or hears) out of a slide, for the checks to read."""

from __future__ import annotations

from collections.abc import Iterator

from deckbuilder.core.outline.model import Outline, Point, Slide
from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.lexicon import Lexicon

# The checks read this much of any one text: a longer one is already a C010 and reading it all
# would only cost time (a crafted megabyte-long point must not make `deck plan` slow).
READ_CHARS = 10_000


def flat_points(points: list[Point]) -> Iterator[str]:
    """Yield every bullet's text, sub-bullets included, in reading order."""
    for point in points:
        yield point.text[:READ_CHARS]
        yield from flat_points(point.points)


def decision_texts(slide: Slide) -> Iterator[str]:
    """Yield the written parts of each decision."""
    for d in slide.decisions:
        yield from (t[:READ_CHARS] for t in (d.decision, d.rationale, d.alternative, d.why_rejected) if t)


def shown(slide: Slide) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for what the slide shows: title, points, decisions, figure title."""
    if slide.title:
        yield "title", slide.title[:READ_CHARS]
    for text in flat_points(slide.points):
        yield "point", text
    for text in decision_texts(slide):
        yield "decision", text
    if slide.figure is not None:
        yield "figure title", slide.figure.title[:READ_CHARS]


def said(slide: Slide) -> Iterator[tuple[str, str]]:
    """Yield what is shown and, after it, the speaker notes."""
    yield from shown(slide)
    if slide.notes:
        yield "notes", slide.notes[:READ_CHARS]


def main_slides(outline: Outline, config: Config) -> Iterator[tuple[int, Slide]]:
    """Yield (1-based index, slide) for the slides that make the talk proper (the template's `main:`)."""
    template = config.template
    for index, slide in enumerate(outline.slides, start=1):
        if template.is_main(slide.kind):
            yield index, slide


def looks_like_code(text: str, lex: Lexicon) -> bool:
    """Return True when ``text`` holds code: imports, definitions, calls or long identifiers (C005)."""
    return any(p.search(text) for p in lex.code)


def quote(text: str, limit: int = 80) -> str:
    """Return ``text`` in quotes, shortened to ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 3].rstrip() + "..."
    return f'"{flat}"'
