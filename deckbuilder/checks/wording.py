"""Wording findings: C005 (code), C006 (decisions), C007 (phrases that hurt), C009 (next steps)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.checks.reading import reader_for
from deckbuilder.checks.text import flat_points, main_slides, quote, said, shown
from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.lexicon import Lexicon, normalise

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan

_WHERE = {
    "title": "the title",
    "point": "a point",
    "decision": "a decision",
    "figure title": "the figure title",
    "notes": "the speaker notes",
}
_SAY = {where: "say" if where == "notes" else "says" for where in _WHERE}


def looks_like_code(text: str, lex: Lexicon) -> bool:
    """Return True when ``text`` holds code: imports, definitions, calls or long identifiers."""
    return any(p.search(text) for p in lex.code)


def is_decision(text: str, lex: Lexicon, on_method_slide: bool) -> bool:
    """Return True for a line that names a chosen method: a choosing verb, a "Model: X" key, or a method."""
    lowered = normalise(text).strip()
    if lex.bare_decision.search(lowered) or lex.decision_key.search(lowered):
        return True
    return on_method_slide and bool(lex.method.search(lowered))


def undefended(text: str, lex: Lexicon) -> str | None:
    """Return what a decision line lacks (the alternative, or the evidence), or None when it is defended."""
    padded = f" {normalise(text).strip()} "
    number = any(ch.isdigit() for ch in padded)
    reason = bool(lex.reason.search(padded))
    if lex.alternative.search(padded):
        return None if number or reason or lex.metric.search(padded) else "no evidence for the choice"
    # A reason backed by a number defends a choice whose alternative is plain ("stratified folds since
    # only 8% churn"); a number alone, or a reason alone ("the state of the art"), does not.
    return None if number and reason else "no alternative it was chosen over, and no measured reason"


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C005, C006, C007 and C009 findings."""
    lex = config.lexicon
    reader = reader_for(config)
    found: list[Finding] = []
    flagged: set[str] = set()  # one finding per fault: code or a phrase that hurts is the root, not C006
    for index, slide in enumerate(outline.slides, start=1):
        for where, text in shown(slide):
            if looks_like_code(text, lex):
                flagged.add(text)
                found.append(
                    config.finding(
                        "C005",
                        f"{_WHERE[where]} holds code: {quote(text, 60)}; say what it does in plain words "
                        "and keep the code in the repository.",
                        slide=index,
                    )
                )
        for where, text in said(slide):
            hedge = reader.hedge(text)
            if hedge is not None:
                flagged.add(text)
                joint = "; " if hedge.sure else "; if that is about your own work, "
                better = lex.hedge_advice[hedge.family]
                found.append(
                    config.finding(
                        "C007",
                        f'{_WHERE[where]} {_SAY[where]} "{hedge.phrase}"{joint}frame it forward instead: "{better}"'
                        + (" (on a slide, `deck build` stops on it)" if hedge.sure and where != "notes" else ""),
                        slide=index,
                        note=not hedge.sure,
                        # on the slide itself the panel reads it: the build stops until it is edited
                        stops_build=where != "notes",
                    )
                )
    defended = _defended_methods(outline, config)
    for index, slide in main_slides(outline, config):
        # Choices are judged wherever they are stated; results slides rarely state one, but do.
        if slide.kind not in ("problem", "next_steps", "summary"):
            found.extend(_decisions(slide, index, config, defended, flagged))
    next_steps = [(i, s) for i, s in main_slides(outline, config) if s.kind == "next_steps"]
    if next_steps:
        found.extend(_next_steps(next_steps, config))
    return found


def _defended_methods(outline: Outline, config: Config) -> set[str]:
    """Return the methods the talk defends somewhere (with an alternative and a reason or evidence)."""
    lex = config.lexicon
    defended: set[str] = set()
    for _, slide in main_slides(outline, config):
        texts = [
            " ".join(t for t in (d.decision, d.rationale, d.alternative, d.why_rejected) if t)
            for d in slide.decisions
            if d.alternative and d.rationale
        ]
        texts += [t for t in flat_points(slide.points) if undefended(t, lex) is None]
        for text in texts:
            defended.update(m.group() for m in lex.method.finditer(normalise(text)))
    return defended


def _decisions(slide: Slide, index: int, config: Config, defended: set[str], flagged: set[str]) -> list[Finding]:
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
                    "it and what you chose it over: `rationale:` what measured the difference (a number against the "
                    "alternative), `alternative:` the option you weighed, `why_rejected:` what it lost on.",
                    slide=index,
                )
            )
    on_method_slide = slide.kind in ("methodology", "approach")
    for text in flat_points(slide.points):
        if text in flagged or not is_decision(text, lex, on_method_slide):
            continue
        lowered = normalise(text)
        named = {m.group() for m in lex.method.finditer(lowered)}
        chosen = lex.bare_decision.search(lowered.strip()) or lex.decision_key.search(lowered.strip())
        if not chosen and named and named <= defended:
            continue  # a method the talk defends elsewhere, named again to describe the design
        lacks = undefended(text, lex)
        if lacks:
            found.append(
                config.finding(
                    "C006",
                    f"{quote(text)} states a choice with {lacks}; say what you compared it with and what showed "
                    'it was better, e.g. "Chose X over Y: 0.05 higher recall at the same precision".',
                    slide=index,
                )
            )
    return found


def _next_steps(slides: list[tuple[int, Slide]], config: Config) -> list[Finding]:
    """C009 on the sentence reader: a step that is only a kind of work or defers to no time, or steps with no
    time at all (core/reading/steps.py, core/reading/horizon.py)."""
    reader = reader_for(config)
    points = [t for _, s in slides for t in flat_points(s.points)]
    first = slides[0][0]
    for text in points:
        why = reader.vague_step(text)
        if why:
            return [
                config.finding(
                    "C009",
                    f"the next step {quote(text, 60)} {why}; say the concrete action and the gap it closes, e.g. "
                    '"Next month: <the action> on <the data or segment>, to close <the gap the error analysis found>".',
                    slide=first,
                )
            ]
    everything = [s.title or "" for _, s in slides] + points
    if not any(reader.times(t) for t in everything):
        return [
            config.finding(
                "C009",
                "the next steps give no order or horizon; say what comes first and what later (this week, this "
                "quarter, before launch, phase 2), most valuable first.",
                slide=first,
            )
        ]
    return []
