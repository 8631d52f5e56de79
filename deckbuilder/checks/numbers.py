"""Number findings: C002 (no baseline), C003 (misleading metric alone), C008 (no business reading), C012 (units)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.checks.reading import levels, reader_for, uncompared
from deckbuilder.checks.text import flat_points, main_slides, quote, said, shown
from deckbuilder.core.outline.model import Slide, as_number
from deckbuilder.core.outline.units import column_unit
from deckbuilder.core.reading.business import per_period, share_caught
from deckbuilder.core.reading.quantities import mentions
from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.reading.sentences import Sentence
from deckbuilder.core.reading.tokens import Token
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.lexicon import Lexicon, normalise
from deckbuilder.core.rules.vocabulary import Metric

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan


def has_business_reading(text: str, lex: Lexicon, reader: Reader) -> bool:
    """Return True when ``text`` carries money, cases per period or a share of the target caught, the last two
    read by shape (`core/reading/business.py`), whatever the domain calls its cases.

    Money beside a metric ("RMSE: $41.20") is an error measured in dollars, not money saved or earned.
    """
    lowered = normalise(text)
    read = levels(reader, text)
    valued = {q.text for m in read for q in (m.value, m.baseline) if q is not None and q.unit in ("$", "€", "£", "¥")}
    money = any(not any(v in m.group() for v in valued) for m in lex.money.finditer(lowered))
    measured = {m.value.text for m in read if m.metric}
    return money or any(
        per_period(reader, sentence) or share_caught(reader, sentence, measured) for sentence in reader.sentences(text)
    )


def baseline_example(outline: Outline, config: Config, reader: Reader) -> str:
    """Return a baseline example that fits the talk's problem, by the kind of the metrics it reports (ranking,
    experiment, forecasting, regression, classification)."""
    kinds: list[str] = []
    for slide in outline.slides:
        for metric in slide.metrics:
            named = _named_in(reader, metric.name)
            if named is not None:
                kinds.append(named.kind)
        for _, text in shown(slide):
            kinds += [k for m in levels(reader, text) if (k := _kind(reader, m.metric))]
    examples = config.lexicon.baseline_examples
    found = next((k for k in sorted(set(kinds), key=kinds.count, reverse=True) if k in examples), None)
    return examples[found or "classification"]


def _named_in(reader: Reader, name: str) -> Metric | None:
    """The metric a callout's name holds ("MAE (min)", "Orders 10+ min late" holds none); a name that says how
    often the model is right is an accuracy ("Fittings classified correctly"); the vocabulary's own name first."""
    exact = reader.vocabulary.metric(name)
    if exact is not None:
        return exact
    sentence = reader.sentence(name)
    named = mentions(reader, sentence)  # with a cut-off written into the word: "mAP@0.5", "recall@10"
    if named:
        return named[0].metric
    return reader.vocabulary.metric("accuracy") if reader.correctness.any(sentence.tokens) else None


def _kind(reader: Reader, name: str) -> str:
    metric = reader.vocabulary.metric(name) if name else None
    return metric.kind if metric is not None and metric.kind != "generic" else ""


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
                # side by side on one slide the panel sees the clash; a table on another slide is a note
                beside = slide.table is not None and normalise(metric.name) in map(normalise, slide.table.columns)
                found.append(
                    config.finding(
                        "C012",
                        f"{metric.name} is shown as {callout_says} ({metric.value}) in its callout but in "
                        f"{table_says} in the table{'' if beside else ' on another slide'}; "
                        + ("drop `format: number`" if in_percent else "drop `format: percent`")
                        + " and the deck shows it as the table does.",
                        slide=index,
                        note=not beside,
                    )
                )
    return found


def _compared_metrics(outline: Outline, config: Config, reader: Reader) -> set[str]:
    """Return the metrics the talk compares with a baseline somewhere: a callout's baseline, a sentence's."""
    compared: set[str] = set()
    for _, slide in main_slides(outline, config):
        for metric in slide.metrics:
            if metric.baseline is not None:
                named = _named_in(reader, metric.name)
                compared.add(named.name if named is not None else normalise(metric.name))
        for _, text in shown(slide):
            compared.update(m.metric for m in reader.measures_in([text]) if m.baseline is not None and m.metric)
        if slide.table is not None and len(slide.table.rows) > 1:
            # a column of a table of candidates sets each metric beside the others' ("Detector | mAP@0.5")
            for column in slide.table.columns[1:]:
                named = _named_in(reader, str(column))
                if named is not None:
                    compared.add(named.name)
    return compared


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return C002, C003, C008 and C012 findings."""
    lex = config.lexicon
    reader = reader_for(config)
    found: list[Finding] = []
    example = baseline_example(outline, config, reader)
    headline: list[tuple[int, Metric]] = []
    results: list[tuple[int, Slide]] = []
    compared = _compared_metrics(outline, config, reader)
    described = config.template.kinds_in_section("framing") | config.template.kinds_in_section("observed")
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
        if slide.kind in ("next_steps", "error_analysis"):
            # a number in a plan is a target ("alert when MAPE drifts past 5%"), not a result; where the model
            # fails, a segment's level is set against the whole's that the results give ("Recent movers are the
            # blind spot, off by 6 points in calibration")
            stated = []
        # on the problem and data slides a rate the business counts ("skip rate moves ~7 pts across 8 weeks",
        # "churn runs at 5% a month") describes the world the model will work in, not a score of the model
        context = slide.kind in described
        for text in stated:
            lacking = [
                m
                for m in uncompared(reader, text)
                if m.metric not in compared and not (context and _kind(reader, m.metric) == "experiment")
            ]
            if lacking:
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
            for metric in slide.metrics:
                named = _named_in(reader, metric.name)
                if named is not None:
                    headline.append((index, named))
            for _, text in shown(slide):
                headline += [(index, m) for m in _metrics_of(reader, text)]
    # a rate the business counts ("entrapment rate 0.9% of lift-months") is an outcome, not a score of the model:
    # it does not stand beside accuracy as the measure the panel asks for
    headline = [(i, m) for i, m in headline if m.kind != "experiment"]
    rare = any(m.misleads_when_rare for _, m in headline) and _says_rare(outline, reader, lex)
    misleading = [m.alone_misleads or (m.misleads_when_rare and rare) for _, m in headline]
    if headline and all(misleading) and not _says_balanced(outline, reader, lex):
        names = sorted({m.name for _, m in headline})
        verb = "looks" if len(names) == 1 else "look"
        found.append(
            config.finding(
                "C003",
                f"the results report only {' and '.join(names)}, which {verb} strong on imbalanced data even for "
                "a weak model; add PR-AUC, or recall at the precision you would act on, beside a baseline.",
                slide=headline[0][0],
            )
        )
    if results and not any(has_business_reading(t, lex, reader) for _, s in results for _, t in shown(s)):
        index, slide = results[0]
        said_ = next((t for t in flat_points(slide.points) if levels(reader, t)), slide.title or "")
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


def _metrics_of(reader: Reader, text: str) -> list[Metric]:
    """The vocabulary's metrics a line reports (a level or a change: "accuracy jumps six points")."""
    found = []
    for measure in reader.measures_in([text]):
        if measure.is_baseline or measure.conditional:
            continue
        metric = reader.vocabulary.metric(measure.metric) if measure.metric else None
        if metric is not None and metric.kind != "generic":
            found.append(metric)
    return found


def _says_rare(outline: Outline, reader: Reader, lex: Lexicon) -> bool:
    """Whether the talk says one class is rare: a small share (content.yaml's `rare_class`) that is no metric's
    level ("with 2% of loans defaulting", "pairs where 0.4% are duplicates": a share of something named is no
    level either) and can be a class's (`_class_share`), off the slides that name segments, or a line
    that reports a score which flatters rare classes and calls its class rare ("AUC of 0.88 on the rare
    no-shows")."""
    for slide in outline.slides:
        for _, text in said(slide):
            for sentence in reader.sentences(text):
                measures = reader.measures(sentence.text)
                measured = {m.value.text for m in measures if not m.relative}
                if reader.matcher(reader.vocabulary.rarity).any(sentence.tokens) and any(
                    (named := reader.vocabulary.metric(m.metric)) is not None
                    and (named.misleads_when_rare or named.alone_misleads)
                    for m in measures
                    if m.metric
                ):
                    return True
                for k, token in enumerate(sentence.tokens):
                    if (
                        slide.kind not in lex.segment_kinds
                        and token.is_number
                        and token.unit == "%"
                        and token.value < lex.rare_share
                        and token.number not in measured
                        and _class_share(reader, sentence.tokens, k)
                    ):
                        return True
    return False


def _class_share(reader: Reader, tokens: list[Token], k: int) -> bool:
    """Whether the share at ``k`` can be a class's: not a coverage, change or bound ("available for only 8% of
    the book", "within 3%"), nor a share of an amount ("carry 3% of premium", "9% of claim cost")."""
    vocabulary = reader.vocabulary
    before = [t.key for t in tokens[:k] if t.key not in vocabulary.grammar.approximators]
    if before and before[-1] in vocabulary.not_class_after:
        return False
    if k + 1 < len(tokens) and tokens[k + 1].key == "of":
        head = []
        for t in tokens[k + 2 : k + 6]:
            if not t.is_word or t.key in vocabulary.grammar.function_words:
                break
            head.append(t)
        return not reader.matcher(vocabulary.amounts).any(head)
    return True


_NEAR_EVEN = 10  # "51/49", "45/55": shares of a hundred this close are classes about equally common


def _even_ratios(sentence: Sentence) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where a sentence writes a ratio of (about) equal parts ("a 50/50 set", "split 51/49", "1:1"), which the
    tokens split in three."""
    tokens = sentence.tokens

    def even(a: float, b: float) -> bool:
        return a == b or (a + b == 100 and abs(a - b) <= _NEAR_EVEN)

    return [
        (k, k + 3, ("even",))
        for k in range(len(tokens) - 2)
        if tokens[k].is_number
        and tokens[k + 1].text in ("/", ":", "-")
        and tokens[k + 2].is_number
        and even(tokens[k].value, tokens[k + 2].value)
    ]


def _says_balanced(outline: Outline, reader: Reader, lex: Lexicon) -> bool:
    """Whether the talk says its classes are balanced ("the two outcomes are equally common"), or gives a class a
    share far from rare beside the word for it ("34% positive class", "3 classes, none under 20%")."""
    for slide in outline.slides:
        for _, text in shown(slide):
            for sentence in reader.sentences(text):
                hits = reader.matcher(reader.vocabulary.balance).find(sentence.tokens) + _even_ratios(sentence)
                classes = reader.matcher(reader.vocabulary.class_words).find(sentence.tokens)
                if any(sentence.same_clause(a, b) for a, _, _ in hits for b, _, _ in classes):
                    return True
                common = [
                    k
                    for k, t in enumerate(sentence.tokens)
                    if t.is_number and t.unit == "%" and min(t.value, 100 - t.value) >= lex.common_share
                ]
                named = reader.matcher(reader.vocabulary.class_nouns).find(sentence.tokens)
                if any(abs(k - b) <= 3 and sentence.same_clause(k, b) for k in common for b, _, _ in named):
                    return True
                # "five equally common intents": the balance word before the plural that names the classes
                tokens = sentence.tokens
                if any(end < len(tokens) and reader.words.is_plural_noun(tokens[end]) for _, end, _ in hits):
                    return True
    return False
