"""Number findings: C002 (no baseline), C003 (misleading metric alone), C008 (no business reading), C012 (units)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.checks.text import flat_points, main_slides, quote, shown
from deckbuilder.core.outline.model import Slide, as_number
from deckbuilder.core.outline.units import column_unit
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.lexicon import Lexicon, normalise

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan


def metric_mentions(text: str, lex: Lexicon) -> list[str]:
    """Return the metric names that ``text`` reports a number for (operating points excluded)."""
    lowered = normalise(text)
    names = [m.group(1) for m in lex.metric_with_number.finditer(lowered)]
    names += [m.group(1) for m in lex.number_with_metric.finditer(lowered)]
    return names


def has_business_reading(text: str, lex: Lexicon) -> bool:
    """Return True when ``text`` carries money, cases per period or a share of the target caught.

    Money beside a metric ("RMSE: $41.20") is an error measured in dollars, not money saved or earned.
    """
    lowered = normalise(text)
    money = bool(lex.money.search(lowered)) and not metric_mentions(text, lex)
    return money or bool(lex.per_period.search(lowered) or lex.share_caught.search(lowered))


def baseline_example(outline: Outline, lex: Lexicon) -> str:
    """Return a baseline example that fits the talk's problem: ranking, experiment, forecast, regression, else."""
    text = " ".join(
        normalise(t)
        for slide in outline.slides
        for t in [*(m.name for m in slide.metrics), *(t for _, t in shown(slide))]
    )
    found = (example for _, pattern, example in lex.problem_types if pattern.search(text))
    return next(found, lex.problem_types[-1][2])  # a talk with no text yet gets the last, general example


def units(outline: Outline, config: Config) -> list[Finding]:
    """Return C012: a callout in another unit than the table column of the same metric."""
    found: list[Finding] = []
    for index, slide in main_slides(outline, config):
        for metric in slide.metrics:
            table = column_unit(outline, metric.name)
            value = as_number(metric.value)
            if table not in ("percent", "fraction") or value is None or str(metric.value).endswith("%"):
                continue  # a unit of its own (minutes, dollars), or a value already written as a percentage
            callout = "percent" if metric.format == "percent" else "fraction" if value <= 1 else "other"
            if callout != "other" and callout != table:
                in_percent = table == "percent"
                table_says, callout_says = ("percent", "a fraction") if in_percent else ("fractions", "percent")
                found.append(
                    config.finding(
                        "C012",
                        f"{metric.name} is shown as {callout_says} ({metric.value}) in its callout but in "
                        f"{table_says} in the table; "
                        + ("drop `format: number`" if in_percent else "drop `format: percent`")
                        + " and the deck shows it as the table does.",
                        slide=index,
                    )
                )
    return found


def _compared_metrics(outline: Outline, config: Config) -> set[str]:
    """Return the metrics the talk compares with a baseline somewhere: a callout's baseline, a sentence's."""
    lex = config.lexicon
    compared: set[str] = set()
    for _, slide in main_slides(outline, config):
        for metric in slide.metrics:
            if metric.baseline is not None:
                compared.update(metric_mentions(f"{metric.name} {metric.value}", lex) or [normalise(metric.name)])
        for _, text in shown(slide):
            if lex.baseline.search(normalise(text)):
                compared.update(metric_mentions(text, lex))
    return compared


def _display(name: str) -> str:
    """Return a metric's name as people write it: ROC-AUC, AUC, accuracy."""
    return name.upper() if "-" in name or len(name) <= 4 else name


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C002, C003, C008 and C012 findings."""
    lex = config.lexicon
    found: list[Finding] = []
    example = baseline_example(outline, lex)
    headline: list[tuple[int, str]] = []
    results: list[tuple[int, Slide]] = []
    compared = _compared_metrics(outline, config)
    for index, slide in main_slides(outline, config):
        for metric in slide.metrics:
            if metric.baseline is None:
                found.append(
                    config.finding(
                        "C002",
                        f"{metric.name} {metric.value} is shown with no baseline; add `baseline:` and "
                        f'`baseline_label:` so the panel sees the lift, e.g. "{example}".',
                        slide=index,
                    )
                )
        stated = [*flat_points(slide.points), *([slide.title] if slide.title else [])]
        if slide.figure is not None:
            stated.append(slide.figure.title)
        for text in stated:
            lowered = normalise(text)
            if lex.delta.search(lowered):
                continue  # a change ("added under 0.005 PR-AUC") carries its own comparison
            named = metric_mentions(text, lex)
            if named and not lex.baseline.search(lowered) and not set(named) <= compared:
                found.append(
                    config.finding(
                        "C002",
                        f"{quote(text)} gives a metric with no baseline; add what it is compared with, "
                        f'e.g. "{example}".',
                        slide=index,
                    )
                )
        if slide.kind == "results":
            results.append((index, slide))
            headline += [(index, normalise(m.name)) for m in slide.metrics]
            for _, text in shown(slide):
                headline += [(index, name) for name in metric_mentions(text, lex)]
    if (
        headline
        and all(name in lex.misleading_alone for _, name in headline)
        and not any(lex.balanced_classes.search(normalise(t)) for s in outline.slides for _, t in shown(s))
    ):
        names = sorted({_display(name) for _, name in headline})
        verb = "looks" if len(names) == 1 else "look"
        found.append(
            config.finding(
                "C003",
                f"the results report only {' and '.join(names)}, which {verb} strong on imbalanced data even for "
                "a weak model; add PR-AUC, or recall at the precision you would act on, beside a baseline.",
                slide=headline[0][0],
            )
        )
    if results and not any(has_business_reading(t, lex) for _, s in results for _, t in shown(s)):
        index, slide = results[0]
        said_ = next((t for t in flat_points(slide.points) if metric_mentions(t, lex)), slide.title or "")
        found.append(
            config.finding(
                "C008",
                f"the results say how well the model scores ({quote(said_, 60)}) but not what it means for the "
                "business; add money, cases per period or the share of the target caught, e.g. "
                '"about 40 cases flagged a week, 30 of them real".',
                slide=index,
            )
        )
    return found + units(outline, config)
