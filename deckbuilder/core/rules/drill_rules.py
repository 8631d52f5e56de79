"""The rules of `deck drill` as data (layouts/questions.yaml): question kinds, templates, checklist, answer times.

Apart from the question bank (questions.py) so the config can type its field without importing the bank.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

SOURCES = ("talk", "slide", "point", "decision", "metric")
NEEDS = ("", "comparison", "definition")


@dataclass(frozen=True)
class Entry:
    """One line of the question templates: where its questions come from and the texts to try in order."""

    source: str
    kind: str
    texts: tuple[str, ...]
    slide_kinds: frozenset[str] = frozenset()
    # what the slide or point must say for the question to be a panel's: "comparison" (the slide weighs
    # options against each other), "definition" (the point defines what counts, with no number or metric)
    needs: str = ""


@dataclass(frozen=True)
class DrillRules:
    """Everything `deck drill` decides by (layouts/questions.yaml)."""

    kinds: dict[str, str]  # code -> label, in the order a panel asks them
    checklist: tuple[str, ...]
    target_s: float
    amber_s: float
    max_text: int
    kept_after_s: float  # ending the drill keeps the answer on screen once this much was spoken
    entries: tuple[Entry, ...]
    pronouns: frozenset[str]  # an alternative made of these alone cannot be asked about
    not_a_step: tuple[str, ...]  # words that make a next-step point an assumption


def parse_drill_rules(raw: dict[str, Any]) -> DrillRules:
    """Read questions.yaml, refusing a template that names a kind or placeholder deck does not know."""
    kinds = {str(k): str(v) for k, v in raw["kinds"].items()}
    entries = []
    for number, item in enumerate(raw["questions"], start=1):
        source, kind = str(item["from"]), str(item["kind"])
        if source not in SOURCES or kind not in kinds:
            raise ValueError(f"questions.yaml entry {number}: unknown from '{source}' or kind '{kind}'")
        texts = tuple(str(t) for t in item["texts"])
        for text in texts:
            unknown = set(placeholders(text)) - PLACEHOLDERS[source]
            if unknown:
                names = ", ".join(sorted(unknown))
                raise ValueError(f"questions.yaml entry {number}: from {source} has no {{{names}}}")
        needs = str(item.get("needs", ""))
        if needs not in NEEDS:
            raise ValueError(f"questions.yaml entry {number}: needs '{needs}' is none of {', '.join(NEEDS)}")
        entries.append(Entry(source, kind, texts, frozenset(str(k) for k in item.get("kinds", ())), needs))
    answer = raw["answer"]
    return DrillRules(
        kinds=kinds,
        checklist=tuple(str(c) for c in raw["checklist"]),
        target_s=float(answer["target_s"]),
        amber_s=float(answer["amber_s"]),
        max_text=int(answer["max_text"]),
        kept_after_s=float(answer["kept_after_s"]),
        pronouns=frozenset(str(w).lower() for w in raw.get("pronouns", ())),
        not_a_step=tuple(str(w).lower() for w in raw.get("not_a_step", ())),
        entries=tuple(entries),
    )


_METRIC = {"metric", "value", "baseline", "baseline_label", "spread", "title"}
PLACEHOLDERS: dict[str, set[str]] = {
    "talk": {"talk"},
    "slide": {"title", "metric"},  # {metric}: the metric the slide names, read from its text
    "point": {"point", "title"},
    "decision": {"decision", "rationale", "alternative", "why_rejected", "title"},
    "metric": _METRIC,
}


def placeholders(text: str) -> list[str]:
    """Return the {names} a template text uses."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
