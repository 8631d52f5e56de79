"""Every built slide, measured: nothing past the slide's edge, no two shapes on top of each other, no text taller
than its box (unless the build reported C010 for that slide), and the stress talk's 12x7 table fits or is reported."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckbuilder import load_outline, plan_talk
from deckbuilder.core.rules.config import default_config
from deckbuilder.core.text.measure import BULLET_INDENT_IN, INSET_IN, wrap
from deckbuilder.export.build import build_deck
from deckbuilder.export.cache import FigureCache

from .conftest import ROOT

OUTLINES = [
    *sorted(ROOT.glob("examples/*/outline.yaml")),
    ROOT / "tests/outlines/stress/outline.yaml",
    ROOT / "tests/outlines/dense/outline.yaml",
]
EMU = 914400
SLACK_IN = 0.01


def _inches(value: Emu | int | None) -> float:
    return (value or 0) / EMU


def _box(shape: Any) -> tuple[float, float, float, float]:
    left, top = _inches(shape.left), _inches(shape.top)
    return left, top, left + _inches(shape.width), top + _inches(shape.height)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > SLACK_IN and min(a[3], b[3]) - max(a[1], b[1]) > SLACK_IN


def text_height(shape: Any) -> float:
    """Measure a text box's paragraphs, as written in the deck, with deck's own measure."""
    config = default_config()
    glyphs, theme = config.glyphs, config.theme
    width = _inches(shape.width)
    total = 0.0
    for paragraph in shape.text_frame.paragraphs:
        runs = [r for r in paragraph.runs if r.text]
        if not runs:
            continue
        size = runs[0].font.size.pt
        bold = bool(runs[0].font.bold)
        bulleted = (
            paragraph._p.pPr is not None
            and paragraph._p.pPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None
        )
        indent = BULLET_INDENT_IN * (paragraph.level + 1) if bulleted else 0.0
        room = max((width - indent - 2 * INSET_IN) * 72, 1.0)
        # A title set on two lines carries a line break (read back as a vertical tab): measure each line. Deck
        # chose those lines for the shown font, which runs at most `title_font_ratio` of the measure's width.
        pieces = paragraph.text.split("\v")
        if len(pieces) > 1:
            room /= theme.title_font_ratio
        lines = sum(len(wrap(piece, size, room, glyphs, bold)) for piece in pieces)
        after = paragraph.space_after.pt if paragraph.space_after is not None else 0.0
        before = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
        total += lines * size * theme.line_spacing + after + before
    return total / 72 + 2 * INSET_IN


@pytest.fixture(scope="module", params=OUTLINES, ids=lambda p: p.parent.name)
def built(request: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[int, list[str]]]:
    outline = load_outline(request.param)
    out = tmp_path_factory.mktemp("geometry") / "talk.pptx"
    result = build_deck(outline, plan_talk(outline), out, cache=FigureCache(None), date_text="1 December 2026")
    reported: dict[int, list[str]] = {}
    for finding in result.findings:
        reported.setdefault(finding.slide or 0, []).append(finding.code)
    return Presentation(str(out)), reported


def test_no_shape_leaves_the_slide(built: tuple[Any, dict[int, list[str]]]) -> None:
    deck, _ = built
    width, height = _inches(deck.slide_width), _inches(deck.slide_height)
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            left, top, right, bottom = _box(shape)
            assert left >= -SLACK_IN and top >= -SLACK_IN, (number, shape.name)
            assert right <= width + SLACK_IN and bottom <= height + SLACK_IN, (number, shape.name, right, bottom)


def test_no_two_shapes_overlap_unless_the_slide_is_reported(built: tuple[Any, dict[int, list[str]]]) -> None:
    deck, reported = built
    for number, slide in enumerate(deck.slides, start=1):
        if "C010" in reported.get(number, []):
            continue  # deck said this slide does not fit; the presenter has been told what to cut
        # A chart's reference line and its name are drawn on the chart, where the level falls.
        shapes = [s for s in slide.shapes if s.width and s.height and not s.name.startswith("Reference")]
        for a, b in itertools.combinations(shapes, 2):
            assert not _overlap(_box(a), _box(b)), (number, a.name, b.name)


def test_text_fits_its_box_or_the_slide_is_reported(built: tuple[Any, dict[int, list[str]]]) -> None:
    deck, reported = built
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.name.startswith("Metric") or not shape.text_frame.text.strip():
                continue
            needed = text_height(shape)
            if needed > _inches(shape.height) + 0.02:
                assert "C010" in reported.get(number, []), (number, shape.name, needed, _inches(shape.height))


def test_tables_fit_the_body_or_are_reported(built: tuple[Any, dict[int, list[str]]]) -> None:
    deck, reported = built
    body = default_config().theme.regions["body"]
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if shape.has_table and _box(shape)[3] > body.top + body.height + SLACK_IN:
                assert "C010" in reported.get(number, []), number


def test_the_stress_talks_wide_table_beside_a_metric_fits(tmp_path: Path) -> None:
    outline = load_outline(ROOT / "tests/outlines/stress/outline.yaml")
    result = build_deck(outline, plan_talk(outline), tmp_path / "s.pptx", cache=FigureCache(None))
    slide = next(i for i, s in enumerate(outline.slides, start=1) if s.table is not None and len(s.table.rows) == 12)
    deck = Presentation(str(tmp_path / "s.pptx"))
    table = next(s for s in deck.slides[slide - 1].shapes if s.has_table)
    body = default_config().theme.regions["body"]
    fits = _box(table)[3] <= body.top + body.height + SLACK_IN
    reported = any(f.code == "C010" and f.slide == slide for f in result.findings)
    assert fits or reported
    # At the type scale's smallest size (12 pt) thirteen rows of seven columns fit neither under the callout nor
    # beside it: the slide says so, and what to keep, rather than set the table in a size of its own.
    assert reported and not fits
    assert table.top / 914400 + table.height / 914400 <= _inches(deck.slide_height)  # still on the slide
