"""The words of a slide as paragraphs: bullets, and decisions that read as sentences (written here, read back
from a deck by `read_decisions`)."""

from __future__ import annotations

import re
from typing import Any

from .measure import Para
from .outline import Slide
from .theme import Theme


def point_paras(points: list[Any], level: int = 0) -> list[Para]:
    """Return bullets, sub-bullets indented."""
    result: list[Para] = []
    for point in points:
        result.append(Para(point.text, level=min(level, 2)))
        result.extend(point_paras(point.points, level + 1))
    return result


# How a decision reads on a slide, written here and read back from a deck by `read_decisions`.
BECAUSE, INSTEAD_OF, REJECTED_BECAUSE = "because ", "instead of ", ": "


def _is_name(word: str, known: str) -> bool:
    """Return whether a capitalised word is a name or acronym (LightGBM, PR-AUC, Optuna), not a sentence start."""
    core = word.strip("\"'(“‘")
    if not core[:1].isupper():
        return False
    if any(c.isupper() or c.isdigit() for c in core[1:]):
        return True
    # A capitalised word the talk also writes mid-sentence ("tuned with Optuna") is a name.
    return len(core) > 1 and re.search(rf"[a-z,;]\s+{re.escape(core)}\b", known) is not None


def joined(text: str, known: str) -> str:
    """Return text to follow "because" or "instead of": lower case first, unless it starts with a name."""
    first = text.split(" ", 1)[0]
    return text if _is_name(first, known) else text[:1].lower() + text[1:]


def reason(text: str, known: str, theme: Theme) -> str:
    """Return the "because ..." line: "because it had the best PR-AUC" for a reason that is only a noun phrase."""
    text = joined(text, known)
    first = text.split(" ", 1)[0].lower()
    if first in theme.superlatives:
        return BECAUSE + "it had the " + text
    if first in theme.comparatives:
        return BECAUSE + "of its " + text
    return BECAUSE + text


def known_text(spec: Slide) -> str:
    """Return a slide's words, in which a capitalised word written mid-sentence marks a name (see `joined`)."""
    return ". ".join(  # sentence breaks between texts: a name is only one mid-sentence
        [spec.title or "", *(p.text for p in spec.points)]
        + [t for d in spec.decisions for t in (d.decision, d.rationale, d.alternative, d.why_rejected) if t]
    )


def decision_paras(spec: Slide, after_points: bool, theme: Theme) -> list[Para]:
    """Return each decision as three lines: the choice, because ..., instead of ...."""
    known = known_text(spec)
    result: list[Para] = []
    for i, d in enumerate(spec.decisions):
        gap = 0.6 if (i or after_points) else 0.0
        result.append(Para(d.decision, bold=True, color="primary", space_before=gap))
        if d.rationale:
            result.append(Para(reason(d.rationale, known, theme), smaller=1))
        if d.alternative:
            rejected = REJECTED_BECAUSE + joined(d.why_rejected, known) if d.why_rejected else ""
            result.append(Para(INSTEAD_OF + joined(d.alternative, known) + rejected, smaller=1, color="muted"))
    return result


def read_decisions(lines: list[str]) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """Split a built slide's lines into its other lines and its (decision, rationale, alternative, why) rows."""
    others: list[str] = []
    rows: list[tuple[str, str, str, str]] = []
    follows = [line.startswith((BECAUSE, INSTEAD_OF)) for line in lines] + [False]
    for i, line in enumerate(lines):
        if follows[i]:
            continue
        if not follows[i + 1]:
            others.append(line)
            continue
        rationale = alternative = why = ""
        for after in lines[i + 1 : i + 3]:
            if after.startswith(BECAUSE) and not rationale and not alternative:
                rationale = after[len(BECAUSE) :]
            elif after.startswith(INSTEAD_OF) and not alternative:
                alternative, _, why = after[len(INSTEAD_OF) :].partition(REJECTED_BECAUSE)
        rows.append((line, rationale, alternative, why))
    return others, rows
