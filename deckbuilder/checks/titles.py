"""Title and figure findings: C001 (a label, not a finding) and C011 (unreadable figures)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deckbuilder.checks.text import main_slides, quote
from deckbuilder.core.outline.model import Figure
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.lexicon import Lexicon, normalise, words

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan

_NUMBER = re.compile(r"\d")


# What makes a title a finding or a label is data: `title_patterns` in layouts/content.yaml.


def is_label(title: str, lex: Lexicon) -> bool:
    """Return True when ``title`` names a chart or section rather than stating a finding.

    A finding carries a claim: a claim word (a verb, a comparison, a direction) or a quantity tied to
    something. A question, or a "what/where/how" heading with no answer after a colon, is a section label;
    so is a chart-led title ("Distribution of ...") unless a colon or "shows" brings the finding.
    """
    lowered = normalise(title).strip()
    tokens = words(title)
    if not tokens:
        return False
    head, _, answer = re.sub(r"\?\s+(?=\S)", ": ", lowered, count=1).partition(":")
    if answer.strip() and (_NUMBER.search(answer) or not is_label(answer, lex)):
        # "Feature importance: tenure dominates", "Which garages fill first? The three by the stadium, by
        # 9am": the answer after the colon or the question is the finding; a number in it states one.
        return False
    # "Where the model fails" heads a section; "Where goods ship matters more than who sends them" claims.
    if lowered.endswith("?") or (
        lex.title.question.match(lowered) and not answer.strip() and not lex.title.comparison.search(lowered)
    ):
        return True
    if lex.title.presenting.match(lowered) and not lex.title.quantity.search(lowered):
        return True
    claim = (
        any(t in lex.claim_words for t in tokens)
        or bool(lex.title.quantity.search(lowered))
        or bool(lex.metric_with_number.search(lowered))  # a stated result; C002 asks for its baseline
    )
    if claim:
        return False
    if any(t in lex.chart_words for t in tokens) or lex.title.structure.search(head):
        return True
    labelled = sum(t in lex.label_words or bool(_NUMBER.search(t)) for t in tokens)
    return labelled * 2 >= len(tokens)


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C001 and C011 findings."""
    lex = config.lexicon
    found: list[Finding] = []
    for index, slide in main_slides(outline, config):
        if slide.title and is_label(slide.title, lex):
            found.append(
                config.finding(
                    "C001",
                    f"the title {quote(slide.title)} labels the slide instead of stating its finding; write what "
                    "the slide shows as a sentence with its number: what changed, by how much, against what.",
                    slide=index,
                )
            )
        figure = slide.figure
        if figure is None:
            continue
        if is_label(figure.title, lex):
            found.append(
                config.finding(
                    "C001",
                    f"the figure title {quote(figure.title)} describes the chart; state what the reader should see "
                    "in it: which bar, line or region matters, and by how much.",
                    slide=index,
                )
            )
        found.extend(_unreadable(figure, index, config))
    return found


def _unreadable(figure: Figure, index: int, config: Config) -> list[Finding]:
    lex = config.lexicon
    if lex.heatmap.search(normalise(figure.title)):
        return [
            config.finding(
                "C011",
                f"{quote(figure.title)} looks like a correlation heatmap, which nobody reads at presenting "
                "distance; show the few strongest pairs as a bar chart and name the one that mattered.",
                slide=index,
            )
        ]
    if isinstance(figure.data, dict) and figure.chart in ("bar", "barh"):
        categories = len(next(iter(figure.data.values())))
        if categories > lex.max_categories:
            return [
                config.finding(
                    "C011",
                    f"the figure has {categories} bars; keep the top {lex.max_categories} and fold the rest "
                    "into 'other' so each bar can be read.",
                    slide=index,
                )
            ]
    if isinstance(figure.data, dict) and figure.chart == "line" and len(figure.data) - 1 > lex.max_categories:
        return [
            config.finding(
                "C011",
                f"the figure draws {len(figure.data) - 1} lines; show the two or three that make the point.",
                slide=index,
            )
        ]
    return []
