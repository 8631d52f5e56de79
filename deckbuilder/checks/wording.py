"""Wording findings: C005 (code), C006 (decisions), C007 (phrases that hurt), C009 (next steps)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.checks.decisions import check_decisions, defended_methods
from deckbuilder.checks.reading import reader_for
from deckbuilder.checks.text import flat_points, looks_like_code, main_slides, quote, said, shown
from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.findings import Finding

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.rules.lexicon import Lexicon
    from deckbuilder.core.timing.planner import Plan

_WHERE = {
    "title": "the title",
    "point": "a point",
    "decision": "a decision",
    "figure title": "the figure title",
    "notes": "the speaker notes",
    "table": "a table cell",
}
_SAY = {where: "say" if where == "notes" else "says" for where in _WHERE}


def _cells(slide: Slide, lex: Lexicon) -> list[tuple[str, str]]:
    """A table's first cell that holds code (identifiers shown as feature names: "crown_lean_deg_x_gust_ms"):
    one finding for the table, not one a cell."""
    table = slide.table
    if table is None:
        return []
    cells = [*table.columns, *(c for row in table.rows for c in row if isinstance(c, str))]
    return [("table", cell) for cell in cells if looks_like_code(cell, lex)][:1]


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C005, C006, C007 and C009 findings."""
    lex = config.lexicon
    reader = reader_for(config)
    found: list[Finding] = []
    flagged: set[str] = set()  # one finding per fault: code or a phrase that hurts is the root, not C006
    for index, slide in enumerate(outline.slides, start=1):
        # a backup slide's table is reference (the hyperparameters as the library names them); on the talk's
        # own slides an identifier is code
        cells = _cells(slide, lex) if config.template.is_main(slide.kind) else []
        for where, text in [*shown(slide), *cells]:
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
    defended = defended_methods(outline, config)
    for index, slide in main_slides(outline, config):
        # Choices are judged wherever they are stated; results slides rarely state one, but do.
        if slide.kind not in ("problem", "next_steps", "summary"):
            found.extend(check_decisions(slide, index, config, defended, flagged))
    next_steps = [(i, s) for i, s in main_slides(outline, config) if s.kind == "next_steps"]
    if next_steps:
        found.extend(_next_steps(next_steps, config))
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
