"""How `deck import` maps a write-up onto the template (layouts/import.yaml), as one typed value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NUMBERING = re.compile(r"^\s*(?:(?:step|part|section|chapter)\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.):]?\s+", re.I)


def normalise(heading: str) -> str:
    """Return a heading without its numbering, emoji or trailing punctuation, in lower case."""
    text = _NUMBERING.sub("", heading.strip())
    text = re.sub(r"[^\w\s'&/;,:?!-]", " ", text)  # emoji and symbols
    return " ".join(text.lower().strip(" :.?!").split())


def phrase_pattern(words: list[str]) -> re.Pattern[str]:
    """Return a pattern for any of ``words`` as whole words, longest first, case-insensitive."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class ImportRules:
    headings: dict[str, tuple[str, ...]]
    skip: tuple[str, ...]
    either_error_or_next: tuple[str, ...]
    cues: dict[str, re.Pattern[str]]
    min_cues: int
    per_kind: dict[str, int]
    main_slides: int
    main_figures: int
    points: int
    point_chars: int
    title_words: int
    notes_chars: int
    table_rows: int
    table_columns: int
    printout_figures: int
    order: tuple[str, ...]
    demote_first: tuple[str, ...]
    missing: dict[str, str]
    heading_words: re.Pattern[str]
    numbered_question: re.Pattern[str]
    connectives: frozenset[str]
    figure_meaning: tuple[re.Pattern[str], ...]
    figure_signals: tuple[tuple[str, re.Pattern[str]], ...]
    appendix_slides: int

    def heading_kind(self, heading: str) -> tuple[str | None, str]:
        """Return (kind, the word that decided) a heading names; "skip" for sections that are not talk material.

        Used for a write-up's headings and for the slide titles of a deck that carries no plan.
        """
        text = normalise(heading)
        if not text:
            return None, ""
        if text in self.skip:  # whole headings only: "usage frequency" is about usage, not how to run the code
            return "skip", text
        question = self.numbered_question.match(text)
        if question:  # "Question 2: which users click?": only the words after the number can name a part
            text = text[question.end() :].strip(" :.-")
        found = [m.group().lower() for m in self.heading_words.finditer(text)]
        if not found:
            return None, ""
        word = max(found, key=len)  # "error analysis" over "analysis", "data exploration" over "data"
        return next(kind for kind, words in self.headings.items() if word in words), word


def parse_import_rules(raw: dict[str, Any], kinds: set[str]) -> ImportRules:
    """Read import.yaml, refusing a kind the template does not have."""
    named = set(raw["headings"]) | set(raw["cues"]) | set(raw["per_kind"]) | set(raw["missing"]) | set(raw["order"])
    unknown = named - kinds
    if unknown:
        raise ValueError(f"import.yaml names kinds the template does not have: {', '.join(sorted(unknown))}")

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in raw[key])

    headings = {k: tuple(str(w).lower() for w in v) for k, v in raw["headings"].items()}

    return ImportRules(
        headings=headings,
        skip=words("skip"),
        either_error_or_next=words("either_error_or_next"),
        cues={k: phrase_pattern([str(w) for w in v]) for k, v in raw["cues"].items()},
        min_cues=int(raw["min_cues"]),
        per_kind={str(k): int(v) for k, v in raw["per_kind"].items()},
        main_slides=int(raw["main_slides"]),
        main_figures=int(raw["main_figures"]),
        points=int(raw["points"]),
        point_chars=int(raw["point_chars"]),
        title_words=int(raw["title_words"]),
        notes_chars=int(raw["notes_chars"]),
        table_rows=int(raw["table_rows"]),
        table_columns=int(raw["table_columns"]),
        printout_figures=int(raw["printout_figures"]),
        order=tuple(str(k) for k in raw["order"]),
        demote_first=tuple(str(k) for k in raw["demote_first"]),
        missing={str(k): str(v) for k, v in raw["missing"].items()},
        heading_words=phrase_pattern([w for ws in headings.values() for w in ws]),
        numbered_question=re.compile(
            r"^(?:" + "|".join(re.escape(w) for w in words("numbered_questions")) + r")\s*\d+[a-z]?\b", re.I
        ),
        connectives=frozenset(words("connectives")),
        figure_meaning=tuple(phrase_pattern([str(w) for w in group]) for group in raw["figure_meaning"]),
        figure_signals=tuple(
            (
                str(label),
                re.compile(
                    r"(?<![A-Za-z])(?:" + "|".join(re.escape(str(w)) for w in words) + r")(?![a-z])", re.IGNORECASE
                ),
            )
            for label, words in raw["figure_signals"].items()
        ),
        appendix_slides=int(raw["appendix_slides"]),
    )
