"""The words of a slide as paragraphs: bullets, and decisions that read as sentences (written here, read back
from a deck by `read_decisions`)."""

from __future__ import annotations

from typing import Any

from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.theme import Theme
from deckbuilder.core.text.measure import Para
from deckbuilder.core.text.phrasing import (
    ALTERNATIVE_STARTS,
    CHOSEN_OVER,
    INSTEAD_OF,
    REASON_STARTS,
    REJECTED_BECAUSE,
    WHY,
    alternative_line,
    joined,
    reason_line,
)


def point_paras(points: list[Any], level: int = 0) -> list[Para]:
    """Return bullets, sub-bullets indented."""
    result: list[Para] = []
    for point in points:
        result.append(Para(point.text, level=min(level, 2)))
        result.extend(point_paras(point.points, level + 1))
    return result


STILL_TO_DO = "Still to do: "  # a placeholder slide's todo, shown where its content will go


def todo_paras(spec: Slide) -> list[Para]:
    """Return a bare placeholder slide's `todo:` as one muted line, so a draft deck says what each slide awaits."""
    bare = not (spec.points or spec.decisions or spec.metrics or spec.figure or spec.table)
    return [Para(STILL_TO_DO + spec.todo, color="muted")] if spec.todo and bare else []


def known_text(spec: Slide) -> str:
    """Return a slide's words, in which a capitalised word written mid-sentence marks a name (see `joined`)."""
    return ". ".join(  # sentence breaks between texts: a name is only one mid-sentence
        [spec.title or "", *(p.text for p in spec.points)]
        + [t for d in spec.decisions for t in (d.decision, d.rationale, d.alternative, d.why_rejected) if t]
    )


def decision_paras(spec: Slide, after_points: bool, theme: Theme) -> list[Para]:
    """Return each decision as three lines: the choice, because ..., instead of ....

    The decisions of a slide share one lead-in: where one reason or alternative can only be shown under its label
    ("Why: ...", "Chosen over: ..."), every one on the slide is, rather than a slide mixing "because" and "Why:"."""
    known = known_text(spec)
    reasons = [reason_line(d.rationale, known, theme.grammar) if d.rationale else "" for d in spec.decisions]
    others = [
        alternative_line(d.alternative, d.why_rejected or "", known, theme.grammar) if d.alternative else ""
        for d in spec.decisions
    ]
    if any(r.startswith(WHY) for r in reasons):
        reasons = [WHY + joined(d.rationale.strip().rstrip("."), known) if d.rationale else "" for d in spec.decisions]
    if any(o.startswith(CHOSEN_OVER) for o in others):
        others = [CHOSEN_OVER + o.removeprefix(INSTEAD_OF) if o.startswith(INSTEAD_OF) else o for o in others]
    result: list[Para] = []
    for i, (d, reason, other) in enumerate(zip(spec.decisions, reasons, others, strict=True)):
        gap = 0.6 if (i or after_points) else 0.0
        result.append(Para(d.decision, bold=True, color="primary", space_before=gap))
        if reason:
            result.append(Para(reason, smaller=1))
        if other:
            result.append(Para(other, smaller=1, color="muted"))
    return result


def read_decisions(lines: list[str]) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """Split a built slide's lines into its other lines and its (decision, rationale, alternative, why) rows."""
    others: list[str] = []
    rows: list[tuple[str, str, str, str]] = []
    follows = [line.startswith(REASON_STARTS + ALTERNATIVE_STARTS) for line in lines] + [False]
    for i, line in enumerate(lines):
        if follows[i]:
            continue
        if not follows[i + 1]:
            others.append(line)
            continue
        rationale = alternative = why = ""
        for after in lines[i + 1 : i + 3]:
            reason = next((s for s in REASON_STARTS if after.startswith(s)), None)
            other = next((s for s in ALTERNATIVE_STARTS if after.startswith(s)), None)
            if reason is not None and not rationale and not alternative:
                rationale = after[len(reason) :]
            elif other is not None and not alternative:
                alternative, _, why = after[len(other) :].partition(REJECTED_BECAUSE)
        rows.append((line, rationale, alternative, why))
    return others, rows
