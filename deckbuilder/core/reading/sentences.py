"""Paragraphs -> sentences -> clauses: the units the reader links words within.

A sentence ends at ".", "!" or "?" before a capital, a digit or a quote, except after an abbreviation ("e.g.",
"vs.", "approx.") or an initial. A clause ends at ";", a dash between words, a colon that does not introduce a
number ("MAE: 359" is one clause), and a comma before a conjunction or a subordinator ("..., but ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tokens import PUNCT, Token, tokenize

_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "vs",
        "etc",
        "approx",
        "cf",
        "fig",
        "figs",
        "no",
        "nos",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "st",
        "est",
        "al",
        "resp",
        "eq",
        "eqs",
        "sec",
        "ch",
        "vol",
        "pp",
        "ca",
        "viz",
        "incl",
        "excl",
        "avg",
        "max",
        "min",
        "std",
        "var",
    ]
)
_END = re.compile(r"[.!?][\"')\]”’]?\s+(?=[A-Z0-9\"'(“‘$€£*#])")
_LAST_WORD = re.compile(r"([\w.]+)$")
_CLAUSE_WORDS = frozenset({"but", "and", "so", "while", "whereas", "which", "yet", "although", "though", "because"})
# A subordinator opens a clause of its own even with no comma before it ("Scored with PR-AUC because only 2%
# of ads get clicked"): a number after it belongs to that clause, not to the metric before it.
_OPENS_CLAUSE = frozenset(
    {"because", "since", "although", "though", "whereas", "while", "where", "unless", "if", "when", "whenever"}
)


LONGEST = 1_000  # characters: no sentence a person writes is longer; a run past it is read in pieces this long


def pieces(text: str) -> list[str]:
    """Cut a run longer than any sentence (a pasted log, a hostile line) at spaces into pieces of at most
    LONGEST characters, so reading it costs time in proportion to its length."""
    if len(text) <= LONGEST:
        return [text]
    found, start = [], 0
    while start < len(text):
        end = min(len(text), start + LONGEST)
        if end < len(text):
            space = text.rfind(" ", start + LONGEST // 2, end)
            end = space + 1 if space > 0 else end
        found.append(text[start:end])
        start = end
    return found


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping decimals, abbreviations and initials whole; a sentence longer
    than any a person writes is read in pieces (see `pieces`)."""
    return [piece for sentence in _sentences(text) for piece in pieces(sentence)]


def _sentences(text: str) -> list[str]:
    found, start = [], 0
    for end in _END.finditer(text):
        if text[end.start()] == ".":
            word = _LAST_WORD.search(text, start, end.start())
            last = word.group(1).lower() if word else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue  # "vs. XGBoost", "e.g. Lasso", "J. Smith"
        found.append(text[start : end.end()].strip())
        start = end.end()
    found.append(text[start:].strip())
    return [s for s in found if s]


@dataclass
class Sentence:
    """One sentence: its text, tokens, and the clause each token belongs to."""

    text: str
    tokens: list[Token]
    clause: list[int] = field(default_factory=list)  # clause number of each token
    tags: list[str] | None = None  # coarse parts of speech, filled in by the reader on first use
    keys: frozenset[str] | None = None  # every word key and lemma, filled in by the reader on first use

    def clause_of(self, i: int) -> list[int]:
        """Return the indices of the tokens in the clause of token ``i``."""
        c = self.clause[i]
        return [j for j, k in enumerate(self.clause) if k == c]

    def same_clause(self, i: int, j: int) -> bool:
        return self.clause[i] == self.clause[j]

    def span(self, i: int, j: int) -> str:
        """Return the text of tokens i..j-1 as written."""
        if i >= j or i >= len(self.tokens):
            return ""
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]


def _clauses(tokens: list[Token]) -> list[int]:
    numbers = []
    clause = 0
    depth = 0
    for i, token in enumerate(tokens):
        text = token.text
        if token.kind == PUNCT and text in "([":
            depth += 1
        elif token.kind == PUNCT and text in ")]":
            depth = max(0, depth - 1)
        boundary = False
        if depth == 0 and token.kind == PUNCT:
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            before = tokens[i - 1] if i > 0 else None
            if text in (";", "—", "…"):
                boundary = True
            elif text == ":":
                boundary = not (after is not None and after.is_number)
            elif text in ("-", "–"):
                # "980 - 1000" is a range; "X - because Y" separates clauses
                boundary = (
                    before is not None
                    and after is not None
                    and not (before.is_number and after.is_number)
                    and token.start > before.end
                    and after.start > token.end
                )
            elif text == "," and after is not None and after.key in _CLAUSE_WORDS:
                boundary = True
        if depth == 0 and token.is_word and token.key in _OPENS_CLAUSE and i > 0:
            clause += 1  # the subordinator starts the new clause and belongs to it
        if boundary:
            clause += 1
            numbers.append(clause)
            clause += 1
            continue
        numbers.append(clause)
    return numbers


def read_sentence(text: str) -> Sentence:
    tokens = tokenize(text)
    return Sentence(text.replace("_", " "), tokens, _clauses(tokens))
