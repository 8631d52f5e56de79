"""Charts true to their numbers as LibreOffice draws them: x values that are numbers are spaced by their value,
and the axis titles stay with their axes when bars asked for upright are drawn across."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deckbuilder import load_outline, plan_talk
from deckbuilder.export.build import build_deck
from deckbuilder.export.cache import FigureCache

from .conftest import write_outline
from .rendered import PDFTOTEXT, PT_PER_EMU, SOFFICE, Line, drawn_words, to_pdf

pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="needs LibreOffice and poppler-utils (.ci/run installs both)"
)

COUNTRIES = ["Portugal", "United Kingdom", "France", "Spain", "Germany", "Italy", "Ireland", "Belgium", "Brazil"]
# Written the way candidates write them: a temperature curve measured at uneven steps, and bars of countries
# asked for upright with the unit in the y label.
SLIDES: list[dict[str, Any]] = [
    {
        "kind": "eda",
        "title": "Below 12°C each degree colder adds roughly 3% to evening demand",
        "figure": {
            "chart": "line",
            "title": "Demand climbs once it is colder than 12°C",
            "data": {
                "temperature": [-2, 2, 6, 10, 12, 14, 18, 22, 26],
                "evening load": [148, 133, 121, 108, 103, 101, 99, 100, 104],
            },
            "xlabel": "forecast temperature (°C)",
        },
    },
    {
        "kind": "eda",
        "title": "Cancellation rates differ sharply with the guest's country",
        "figure": {
            "chart": "bar",
            "title": "Domestic bookings cancel at 57%, most other markets at 25% or less",
            "data": {"country": COUNTRIES, "cancelled (%)": [57, 20, 19, 25, 17, 35, 24, 20, 37]},
            "ylabel": "cancellation rate (%)",
        },
    },
]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[Line]]]:
    folder = tmp_path_factory.mktemp("charts")
    outline = load_outline(write_outline(folder, SLIDES))
    deck = folder / "charts.pptx"
    build_deck(outline, plan_talk(outline), deck, cache=FigureCache(None))
    (pdf,) = to_pdf([deck], folder / "pdf")
    return deck, drawn_words(pdf)


def _chart_words(deck: Path, words: list[list[Line]], chart: int) -> list[Line]:
    """Return the words drawn inside the deck's ``chart``-th chart (0 the first)."""
    found = [(i, s) for i, slide in enumerate(Presentation(str(deck)).slides) for s in slide.shapes if s.has_chart]
    slide, shape = found[chart]
    left, top = shape.left * PT_PER_EMU, shape.top * PT_PER_EMU
    right, bottom = left + shape.width * PT_PER_EMU, top + shape.height * PT_PER_EMU
    return [w for w in words[slide] if left <= w.left and w.right <= right and top <= w.top and w.bottom <= bottom]


def test_a_line_of_numeric_x_spaces_its_points_by_their_value(drawn: tuple[Path, list[list[Line]]]) -> None:
    # Temperatures -2, 2, 6, 10, 12, 14 ... written as categories were drawn evenly spaced: 10 to 12 as far apart
    # as 6 to 10, which bends the curve the slide is about. On a value axis each x label sits where its number is.
    deck, words = drawn
    numbers = [w for w in _chart_words(deck, words, 0) if re.fullmatch(r"[-−]?\d+", w.text)]
    rows: dict[int, list[Line]] = {}
    for word in numbers:
        rows.setdefault(round(word.top), []).append(word)
    ticks = max(rows.values(), key=len)  # the x labels share a baseline; the y labels are a column
    assert len(ticks) >= 5, [w.text for w in ticks]
    values = [float(w.text.replace("−", "-")) for w in ticks]
    centres = [(w.left + w.right) / 2 for w in ticks]
    n = len(values)
    mean_v, mean_c = sum(values) / n, sum(centres) / n
    slope = sum((v - mean_v) * (c - mean_c) for v, c in zip(values, centres, strict=True)) / sum(
        (v - mean_v) ** 2 for v in values
    )
    misses = [abs(mean_c + slope * (v - mean_v) - c) for v, c in zip(values, centres, strict=True)]
    assert max(misses) < 2.0, list(zip(values, centres, strict=True))  # points: one scale across the axis


def test_axis_titles_move_with_bars_drawn_across(drawn: tuple[Path, list[list[Line]]]) -> None:
    # Nine country names do not fit under upright bars, so they are drawn across; the y label the outline gave
    # (the value, with its unit) then names the axis along the bottom, and the value column's name is no title.
    deck, words = drawn
    inside = _chart_words(deck, words, 1)
    title = [w for w in inside if w.text in ("cancellation", "rate", "(%)")]
    assert {w.text for w in title} == {"cancellation", "rate", "(%)"}, [w.text for w in inside]
    assert all(w.right - w.left > w.bottom - w.top for w in title)  # written across, not up the side
    lowest_country = max(w.bottom for w in inside if w.text in COUNTRIES)
    assert all(w.top >= lowest_country for w in title)  # under the bars, where the values run
    assert not any(w.text == "cancelled" for w in inside)  # the column's name is not a second title
