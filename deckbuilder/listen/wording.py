"""Syllables a word, from a slide's own text: the listener counts syllables, and a slide's notes say how many
syllables its words have (a talk on "regularisation" has longer words than one on "the cost of a call")."""

from __future__ import annotations

import re
from collections.abc import Callable

from deckbuilder.core.rules.listen_rules import SpokenRules

from .spoken import parse_written, spoken_forms

VOWEL_PHONES = frozenset({"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"})
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_EDGE = ".,;:!?()[]\"'“”‘’"


def guessed_syllables(word: str) -> int:
    """Return a spelling's syllables by its vowel groups, for a word the dictionary lacks."""
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
        groups -= 1  # a silent final e
    return max(groups, 1)


def said_words(text: str, rules: SpokenRules) -> list[str]:
    """Return the words ``text`` is said with: a written number becomes its usual spoken form."""
    words: list[str] = []
    for token in text.split():
        bare = token.strip(_EDGE)
        if parse_written(bare, rules) is not None:
            words.extend(spoken_forms(bare, rules)[0].split())
        else:
            words.extend(_WORD.findall(bare.lower()))
    return words


def syllables_and_words(text: str, lookup: Callable[[str], str | None], rules: SpokenRules) -> tuple[int, int]:
    """Return how many syllables and words ``text`` has as said; ``lookup`` gives a word's phones."""
    words = said_words(text, rules)
    syllables = 0
    for word in words:
        phones = lookup(word)
        syllables += sum(p in VOWEL_PHONES for p in phones.split()) if phones else guessed_syllables(word)
    return syllables, len(words)
