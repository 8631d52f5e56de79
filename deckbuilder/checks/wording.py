"""Wording findings: C005 (code), C006 (decisions), C007 (phrases that hurt), C009 (next steps)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deckbuilder.checks.text import flat_points, main_slides, quote, said, shown
from deckbuilder.core.findings import Finding
from deckbuilder.core.lexicon import Lexicon, normalise, words
from deckbuilder.core.outline import Slide

if TYPE_CHECKING:
    from deckbuilder.core.config import Config
    from deckbuilder.core.outline import Outline
    from deckbuilder.core.planner import Plan

_WHERE = {
    "title": "the title",
    "point": "a point",
    "decision": "a decision",
    "figure title": "the figure title",
    "notes": "the speaker notes",
}


def looks_like_code(text: str, lex: Lexicon) -> bool:
    """Return True when ``text`` holds code: imports, definitions, calls or long identifiers."""
    return any(p.search(text) for p in lex.code)


def hurtful_phrase(text: str, lex: Lexicon) -> tuple[str, str] | None:
    """Return (the phrase, its better shape) for the first phrase in ``text`` that hurts."""
    lowered = normalise(text)
    for item in lex.hurtful:
        match = item.pattern.search(lowered)
        if match:
            return text[match.start() : match.end()].strip(), item.better
    return None


def is_bare_decision(text: str, lex: Lexicon) -> bool:
    """Return True for a methodology point that says what was done but not why."""
    lowered = normalise(text).strip()
    return bool(lex.bare_decision.search(lowered)) and not lex.reason.search(f" {lowered} ")


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C005, C006, C007 and C009 findings."""
    lex = config.lexicon
    found: list[Finding] = []
    for index, slide in enumerate(outline.slides, start=1):
        for where, text in shown(slide):
            if looks_like_code(text, lex):
                found.append(
                    config.finding(
                        "C005",
                        f"{_WHERE[where]} holds code: {quote(text, 60)}; say what it does in plain words "
                        "and keep the code in the repository.",
                        slide=index,
                    )
                )
        for where, text in said(slide):
            hit = hurtful_phrase(text, lex)
            if hit:
                found.append(
                    config.finding(
                        "C007",
                        f'{_WHERE[where]} says "{hit[0]}"; frame it forward instead: "{hit[1]}"',
                        slide=index,
                    )
                )
    for index, slide in main_slides(outline, config):
        if slide.kind == "methodology":
            found.extend(_decisions(slide, index, config))
    next_steps = [(i, s) for i, s in main_slides(outline, config) if s.kind == "next_steps"]
    if next_steps:
        found.extend(_next_steps(next_steps, config))
    return found


def _decisions(slide: Slide, index: int, config: Config) -> list[Finding]:
    lex = config.lexicon
    found = []
    for decision in slide.decisions:
        missing = [
            name
            for name, value in (("rationale", decision.rationale), ("alternative", decision.alternative))
            if not value
        ]
        if decision.alternative and not decision.why_rejected:
            missing.append("why_rejected")
        if missing:
            found.append(
                config.finding(
                    "C006",
                    f"the decision {quote(decision.decision, 50)} has no {', '.join(missing)}; say why you chose "
                    "it and what you chose it over, e.g. rationale: 12% higher PR-AUC, alternative: random forest.",
                    slide=index,
                )
            )
    for text in flat_points(slide.points):
        if is_bare_decision(text, lex):
            found.append(
                config.finding(
                    "C006",
                    f"{quote(text)} describes what was done, not why; add the reason and the option you "
                    'rejected: "Chose X over Y because ...".',
                    slide=index,
                )
            )
    return found


_LABEL = re.compile(r"^[^:]{1,40}:\s+")  # "Next week: ..." - the horizon label before the action


def vague_step(text: str, lex: Lexicon) -> str | None:
    """Return why a next step is vague (a generic action, or no time), or None when it is concrete."""
    lowered = normalise(text).strip()
    if lex.vague_timing.search(lowered):
        return "defers to no time in particular"
    action = _LABEL.sub("", lowered, count=1)
    tokens = words(action)
    if not tokens or tokens[0] not in lex.vague_verbs or any(ch.isdigit() for ch in action):
        return None
    rest = [t for t in tokens[1:] if t not in lex.filler_words]
    if all(t in lex.generic_objects for t in rest):
        return "names a kind of work but not what, on which data or segment, or what result would justify it"
    return None


def _next_steps(slides: list[tuple[int, Slide]], config: Config) -> list[Finding]:
    lex = config.lexicon
    points = [t for _, s in slides for t in flat_points(s.points)]
    first = slides[0][0]
    for text in points:
        why = vague_step(text, lex)
        if why:
            return [
                config.finding(
                    "C009",
                    f"the next step {quote(text, 60)} {why}; say the concrete action and the gap it closes, e.g. "
                    '"Next month: add onboarding features for accounts under 30 days, where the model misses most".',
                    slide=first,
                )
            ]
    everything = [s.title or "" for _, s in slides] + points
    if not any(lex.horizon.search(normalise(t)) for t in everything):
        return [
            config.finding(
                "C009",
                "the next steps give no order or horizon; say what comes first and what later (this week, this "
                "quarter, before launch, phase 2), most valuable first.",
                slide=first,
            )
        ]
    return []
