"""Titles and callout labels break between phrases: never after an article, a preposition or a number's first word,
never inside a hyphenated term or a number and its unit, and balanced across the lines."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from deckbuilder.core.rules.config import default_config
from deckbuilder.core.slides.layout import title_block
from deckbuilder.core.text.breaks import NEVER, break_cost, is_number
from deckbuilder.core.text.measure import NO_BREAK, NO_BREAK_HYPHEN, words_of

from .conftest import ROOT

CONFIG = default_config()
PAGE = CONFIG.page()
RULES = CONFIG.theme.breaks


def lines_of(title: str) -> list[str]:
    """Return a title's lines as the deck sets them, as typed (no-break spaces and hyphens read plain)."""
    block, _ = title_block(title, PAGE, PAGE.box("title"), CONFIG.theme.size_range("title"))
    text = block.paras[0].text.replace(NO_BREAK, " ").replace(NO_BREAK_HYPHEN, "-")
    return text.split("\n")


# (a title as candidates write them, its lines) - the designer's examples: "by a / third", "the top / tenth",
# "reaches 41% of / readmissions", "catch 18 / of the 31", "more / than 30%", "and / every surprise"
TITLES = [
    (
        "Rain cuts weekday pickups by a third, so weather must be an input",
        ["Rain cuts weekday pickups by a third,", "so weather must be an input"],
    ),
    (
        "We recommend stay conversations with the top tenth twice a year, led by overdue pay reviews",
        ["We recommend stay conversations with the top tenth", "twice a year, led by overdue pay reviews"],
    ),
    (
        "Calling the top 60 a month reaches 41% of readmissions, up from 26% with the LACE score",
        ["Calling the top 60 a month reaches 41% of readmissions,", "up from 26% with the LACE score"],
    ),
    (
        "Inspecting 15 flagged buses a week would catch 18 of the 31 monthly failures before they happen",
        ["Inspecting 15 flagged buses a week would catch", "18 of the 31 monthly failures before they happen"],
    ),
    (
        "A week-on-week load jump of more than 30% triples the next week's injury risk",
        ["A week-on-week load jump of more than 30%", "triples the next week’s injury risk"],
    ),
    (
        "9% of the book prepays each year, and every surprise payoff knocks the hedge off balance",
        ["9% of the book prepays each year,", "and every surprise payoff knocks the hedge off balance"],
    ),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_a_title_breaks_between_phrases(title: str, expected: list[str]) -> None:
    assert lines_of(title) == expected


def _titles() -> list[str]:
    found = []
    for path in [*ROOT.glob("examples/*/outline.yaml"), *(ROOT.parent / "shared").glob("corpus*/talks/*.yaml")]:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        found += [s["title"] for s in data.get("slides", []) if isinstance(s, dict) and s.get("title")]
    return found


def test_no_title_line_ends_inside_a_phrase() -> None:
    # Every title of the examples and the talk corpora, set as the deck sets it: no line ends on an article, a
    # determiner, a preposition or a bare number, no hyphenated term is parted, and the lines are balanced.
    titles = _titles()
    assert len(titles) >= 10
    for title in titles:
        block, _ = title_block(title, PAGE, PAGE.box("title"), CONFIG.theme.size_range("title"))
        lines = block.paras[0].text.split("\n")
        for first, second in itertools.pairwise(lines):
            words = words_of(first) + words_of(second)
            at = len(words_of(first))
            assert break_cost(words, at, RULES) < NEVER, (title, lines)
            assert not first.endswith("-"), (title, lines)
        if len(lines) == 2:
            short, long = sorted(len(line) for line in lines)
            assert short >= long / 3, (title, lines)  # no lone last word: a phrase at least


def test_the_rules_read_a_number_and_its_phrase() -> None:
    assert is_number("six", RULES) and is_number("$2.4M", RULES) and is_number("30%", RULES)
    assert not is_number("sixth-form", RULES)
    # a bare number keeps what it counts, an amount ends its phrase unless a preposition carries it on
    assert break_cost(["catch", "18", "of", "the", "31"], 2, RULES) == NEVER
    assert break_cost(["more", "than", "30%", "triples", "the"], 3, RULES) < NEVER
    assert break_cost(["from", "6.4%", "to", "3.1%"], 2, RULES) == NEVER
    assert break_cost(["by", "a", "third,", "so", "weather"], 3, RULES) < 0  # a comma ends a phrase
