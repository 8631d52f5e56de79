"""What a section's text says that a slide can use: a takeaway title, points, and where the title came from.

Metrics and decisions, which read tables as well as sentences, live in `claims.py`.
"""

from __future__ import annotations

import re

from deckbuilder.core.rules.import_rules import ImportRules

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?(?:%|x\b|pp\b|percent\b)?")
_COMPARE = re.compile(
    r"\b(?:than|vs\.?|versus|over|beats?|outperform\w*|improv\w*|reduc\w*|increas\w*|cut|drops?|rais\w*|"
    r"lift|better|worse|higher|lower|faster|slower|from|to)\b",
    re.IGNORECASE,
)
_VAGUE_START = re.compile(
    r"^(?:this|these|the following|below|above|here|in this|we will|i will|we'll|i'll|let's|let us|now|next|"
    r"see|please|note|first|then)\b",
    re.I,
)
# What a title must never hold: markup, code, a file name, a bare address.
_NOT_TITLE = re.compile(
    r"[`{}=|\\]|\w\(\)|\b\w+\.(?:csv|py|ipynb|png|jpe?g|md|txt|json|parquet|xlsx?|pkl|html?)\b"
    r"|\b[a-z]+_[a-z_]+\b|https?:|\[\^|^[^\w$~€£\"'(]",
    re.IGNORECASE,
)
# Where a long sentence may be cut into clauses: never at a plain comma ("Jan 1, 1970", "1,200"), never
# inside parentheses, only at clause marks and at a comma before a conjunction.
_CLAUSE_MARK = re.compile(r";\s+|:\s+|\s+[–—]\s+|\s+-\s+|,\s+(?=(?:but|and|so|while|whereas|which|yet)\b)")
# A sentence adverb before a comma ("Clearly, ...", "Overall, ...") opens a finding without adding to it.
_OPENER = re.compile(
    r"^(?:\w+ly|overall|now|so|first|finally|here|again|in short|in summary|in the end|as expected|as a result|"
    r"in total|on average|in general|to sum up|in practice),\s+",
    re.IGNORECASE,
)
_SUBORDINATE = ("because", "since", "as", "although", "though", "while", "when", "if", "after", "once")
_DANGLING = frozenset({"vs", "versus", "a", "an", "the", "than", "over", "into", "per", "like", "e.g", "i.e"})


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (keeping decimals and abbreviations like "e.g." whole)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def finding_score(sentence: str) -> float:
    """Score how much a sentence reads as a finding: numbers and comparisons count, vague openers and length cost."""
    words = len(sentence.split())
    if words < 4:
        return 0.0
    score = 2.0 * min(len(NUMBER.findall(sentence)), 2) + 1.0 * min(len(_COMPARE.findall(sentence)), 2)
    if _VAGUE_START.match(sentence):
        score -= 2
    if sentence.endswith(":") or sentence.endswith("?"):
        score -= 3
    return score - max(0, words - 25) * 0.15


def shorten(text: str, limit: int) -> str:
    """Cut text to ``limit`` characters at a sentence or clause end, else at a word."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    for mark in (". ", "; ", " - ", " – ", ", "):
        cut = head.rfind(mark)
        if cut > limit // 2:
            return head[:cut].rstrip(" ,;-–")
    return head.rsplit(" ", 1)[0].rstrip(" ,;-–") + "…"


def cap_at_sentence(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters at a sentence end (notes keep whole sentences)."""
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in sentences(text):
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or shorten(text, limit)


def _top_level_splits(text: str) -> list[str]:
    """Split at clause marks outside parentheses and brackets."""
    parts, start, depth = [], 0, 0
    marks = {m.start(): m.end() for m in _CLAUSE_MARK.finditer(text)}
    i = 0
    while i < len(text):
        char = text[i]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and i in marks:
            parts.append(text[start:i])
            start = i = marks[i]
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]") and text.count('"') % 2 == 0


class Titles:
    """Turns a section's sentences into a slide title that is a whole finding, or says it found none."""

    def __init__(self, rules: ImportRules) -> None:
        self.words = rules.title_words
        self.connectives = rules.connectives

    def stands_alone(self, clause: str) -> bool:
        """Return whether a clause can be a title: four words or more, no connective first, no code or markup."""
        words = clause.split()
        if len(words) < 4 or len(words) > self.words:
            return False
        first = words[0].lower().strip("\"'(,")
        last = words[-1].lower().strip("\"'),.")
        if first in self.connectives or clause.endswith((":", "?", ",")) or _VAGUE_START.match(clause):
            return False
        if last in self.connectives or last in _DANGLING:
            return False  # "... for simplicity and interpretability vs": a title never ends mid-thought
        return _balanced(clause) and not _NOT_TITLE.search(clause)

    def title(self, sentence: str) -> str | None:
        """Return a sentence, or its main clause, as a slide title; None when no part of it stands alone."""
        text = _OPENER.sub("", sentence.strip().rstrip(".!"))
        first = text.split(" ", 1)[0].lower().strip(",")
        if first in _SUBORDINATE and "," in text:
            # "Because rain is hourly, the model misses storms": the main clause is the finding.
            text = text.split(",", 1)[1].strip()
        elif first in ("and", "but", "so", "also", "plus") and len(text.split()) > 4:
            text = text.split(" ", 1)[1]
        text = text[:1].upper() + text[1:]
        if self.stands_alone(text):
            return text
        clauses = [c[:1].upper() + c[1:] for c in _top_level_splits(text)]
        fitting = [c for c in clauses if self.stands_alone(c)]
        if not fitting:
            return None
        # The first clause, unless it has no number and a later clause of some length states one.
        best = fitting[0]
        if not NUMBER.search(best):
            best = next((c for c in fitting if NUMBER.search(c) and len(c.split()) >= 7), best)
        return best

    def best(self, texts: list[str], prefer: str | None = None) -> tuple[str, str] | None:
        """Return (title, the sentence it came from): ``prefer`` first, then the sentences that read most as
        findings; None when none makes a title."""
        scored = [(s, finding_score(s)) for text in texts for s in sentences(text)]
        ranked = [s for s, score in sorted(scored, key=lambda pair: -pair[1]) if score > 0]
        for sentence in [*([prefer] if prefer else []), *ranked]:
            title = self.title(sentence)
            if title is not None:
                return title, sentence
        return None

    def opening(self, texts: list[str]) -> tuple[str, str] | None:
        """Return the first sentence (or main clause) that makes a title, for a section with no finding."""
        for sentence in (s for text in texts for s in sentences(text)):
            title = self.title(sentence)
            if title is not None:
                return title, sentence
        return None


def numbered(paragraph: str) -> list[str]:
    """Return the sentences of a paragraph that carry a number (the ones worth a bullet)."""
    return [s for s in sentences(paragraph) if NUMBER.search(s) and len(s.split()) >= 5]
