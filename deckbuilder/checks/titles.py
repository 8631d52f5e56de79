"""Title and figure findings: C001 (a label, not a finding) and C011 (unreadable figures)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.checks.reading import reader_for
from deckbuilder.checks.text import flat_points, main_slides, quote
from deckbuilder.core.outline.model import Figure, Slide
from deckbuilder.core.reading.tokens import is_year, tokenize
from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.lexicon import normalise

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.timing.planner import Plan


def is_label(title: str, config: Config) -> bool:
    """Whether ``title`` names a chart or section rather than stating a finding (core/reading/finding.py)."""
    return not reader_for(config).states_finding(title)


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C001 and C011 findings."""
    found: list[Finding] = []
    reader = reader_for(config)
    for index, slide in main_slides(outline, config):
        # a next-steps title that schedules its steps is the slide's finding: "Pilot in Q3, deposit data in Q4"
        # ... and so is a summary's recommendation that says when ("give one day a week to the list from April")
        scheduled = slide.kind in ("next_steps", "summary") and bool(reader.times(slide.title or ""))
        # the slides that show evidence or conclude state it in the title (the rubric's results and figures, the
        # errors, the data, the steps); the problem, approach and methodology may name their subject
        shows = config.template.states_finding(slide.kind)
        # ... but a title that only names its section ("Ablation study", "Model comparison") labels any slide
        named = bool(slide.title) and reader.names_section(slide.title or "")
        if slide.title and (shows or named) and not scheduled and is_label(slide.title, config):
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
        if is_label(figure.title, config):
            found.append(
                config.finding(
                    "C001",
                    f"the figure title {quote(figure.title)} describes the chart; state what the reader should see "
                    "in it: which bar, line or region matters, and by how much.",
                    slide=index,
                )
            )
        found.extend(_unreadable(figure, slide, index, config))
    return found


def _year(label: object) -> bool:
    """Whether a chart's label is a year, as the reader tells one ("2018", not "Site 18")."""
    tokens = tokenize(str(label).strip())
    return len(tokens) == 1 and is_year(tokens[0])


def _unreadable(figure: Figure, slide: Slide, index: int, config: Config) -> list[Finding]:
    lex = config.lexicon
    # a picture is what its slide says it is ("Correlation heatmap of all 34 area indicators" beside an image)
    said = [figure.title, *(flat_points(slide.points) if figure.chart == "image" else [])]
    heatmap = next((text for text in said if lex.heatmap.search(normalise(text))), None)
    if heatmap is not None:
        return [
            config.finding(
                "C011",
                f"{quote(heatmap)} looks like a correlation heatmap, which nobody reads at presenting "
                "distance; show the few strongest pairs as a bar chart and name the one that mattered.",
                slide=index,
            )
        ]
    if isinstance(figure.data, dict) and figure.chart in ("bar", "barh"):
        labels = next(iter(figure.data.values()))
        categories = len(labels)
        drawn = config.limits.chart_categories
        if categories > drawn:
            # past what a slide can draw at all: the deck would show a smear of labels, so the build stops
            return [
                config.finding(
                    "C011",
                    f"the figure has {categories} bars, more than the {drawn} a slide can draw (each label would "
                    f"be under 9 pt); keep the top {lex.max_categories} and fold the rest into 'other' (`deck "
                    "build` stops on it until then, or --force).",
                    slide=index,
                    stops_build=True,
                )
            ]
        # a run of years is a time axis, every one of them read in order: nothing to fold into "other"
        if categories > lex.max_categories and not all(_year(label) for label in labels):
            return [
                config.finding(
                    "C011",
                    f"the figure has {categories} bars; keep the top {lex.max_categories} and fold the rest "
                    "into 'other' so each bar can be read.",
                    slide=index,
                )
            ]
    lines = len(figure.data) - 1 if isinstance(figure.data, dict) and figure.chart != "pr_curve" else 0
    if lines > config.limits.chart_categories or (figure.chart == "line" and lines > lex.max_categories):
        return [
            config.finding(
                "C011",
                f"the figure draws {lines} lines; show the two or three that make the point"
                + (
                    " (`deck build` stops on it until then, or --force)."
                    if lines > config.limits.chart_categories
                    else "."
                ),
                slide=index,
                stops_build=lines > config.limits.chart_categories,
            )
        ]
    return []
