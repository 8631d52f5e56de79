"""What a number and a metric are to the reader: a Quantity as written, a Measure (a level of a metric and what
it is compared with), the metrics a sentence names (`mentions`), which numbers only count things (`is_count`),
which numbers a metric can take (`plausible`), and how a passage's stated baselines reach the measures that
lack one (`with_baselines`). measures.py links them within a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from deckbuilder.core.rules.vocabulary import Metric

from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import Token, is_year

# Words after "right" that make it stress a place or time ("right down to", "right after launch"), not a judgement
# of being right: read alike by the measures and by the rates of being right.
_INTENSIFIED = frozenset({"up", "down", "away", "now", "before", "after", "through", "until", "at", "from"})


def intensifies(tokens: list[Token], j: int) -> bool:
    """Whether the word at ``j`` is a "right" that stresses a place or time ("right down to", "right after
    launch"), no judgement of being right."""
    after = tokens[j + 1].key if j + 1 < len(tokens) else ""
    return tokens[j].key == "right" and after in _INTENSIFIED


@dataclass(frozen=True)
class Quantity:
    """A number as written, with its value, unit (%, pp, x, a currency), scale (1e6 for "M") and decimals."""

    text: str
    value: float
    unit: str = ""
    scale: float = 1.0
    decimals: int = 0
    approx: bool = False

    @classmethod
    def of(cls, token: Token) -> Quantity:
        return cls(token.number, token.value, token.unit, token.scale, token.decimals, token.approx)

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    def fraction(self) -> float:
        """The value as a share when it is a percentage (62% -> 0.62), else as written times its scale."""
        return self.value / 100 if self.percent else self.value * self.scale

    def comparable(self, other: Quantity) -> bool:
        """Whether two numbers can be the same metric's: both shares (62% and 0.58 both are), or of one scale."""
        a, b = self.fraction(), other.fraction()
        if self.unit in ("x", "pp") or other.unit in ("x", "pp"):
            return self.unit == other.unit
        if (self.percent or abs(a) <= 1) and (other.percent or abs(b) <= 1):
            return True
        if a == 0 or b == 0:
            return True
        ratio = abs(a / b)
        return 1 / 200 <= ratio <= 200 and self.unit == other.unit


@dataclass(frozen=True)
class Measure:
    """A metric's number in a sentence, and what it is compared with."""

    metric: str  # the vocabulary's name ("F1"), "" when the number's metric is unnamed
    named: str  # the metric as the sentence writes it ("Precision@10%", "F1-score")
    value: Quantity
    sentence: str
    baseline: Quantity | None = None
    baseline_label: str = ""
    spread: Quantity | None = None
    change: bool = False  # a difference ("improved by 0.04"), not a level
    is_baseline: bool = False  # the clause states the baseline's own score
    lower_is_better: bool = False
    generic: bool = False  # "error" or "score": the metric is named elsewhere
    relative: bool = False  # "about 12% of the mean price": the metric restated as a share of something else
    compared: bool = False  # compared with no number ("double what the filter manages", "over a random tenth")
    conditional: bool = False  # a condition, not a result ("flags only when precision stays above 80%")
    position: int = 0  # token index of the value, to keep a sentence's order


class Mention(NamedTuple):
    start: int
    end: int
    metric: Metric
    named: str


def mentions(reader: Lexicon, sentence: Sentence) -> list[Mention]:
    """Return the metrics a sentence names, with a cut-off kept ("precision@10", "NDCG at 5")."""
    tokens = sentence.tokens
    found = []
    for start, end, term in reader.metric_terms.find(tokens):
        metric = reader.metric_by_term[term]
        named_end = end
        if end + 1 < len(tokens) and tokens[end].key in reader.vocabulary.cutoff_words and tokens[end + 1].is_number:
            named_end = end + 2  # "precision at 10"
        # "precision in the top 5%", "recall among the top 100": the cut-off after a preposition and "the"
        k = end
        while k < len(tokens) and k < end + 3 and tokens[k].key in ("in", "among", "within", "for", "the", "at"):
            k += 1
        at_top = k + 1 < len(tokens) and tokens[k].key in reader.vocabulary.cutoff_words and tokens[k + 1].is_number
        if k > end and at_top:
            named_end = k + 2
        found.append(Mention(start, named_end, metric, sentence.span(start, named_end)))
    # "precision@10%", "ndcg@5": a cut-off written into the word
    for i, token in enumerate(tokens):
        if token.is_word and "@" in token.key and not any(m.start <= i < m.end for m in found):
            cut = reader.vocabulary.metric(token.key.split("@", 1)[0])
            if cut is not None:
                found.append(Mention(i, i + 1, cut, token.text))
    # "click rate", "upsell rate": a noun before a rate word names a rate, whatever the noun
    rate = reader.vocabulary.metric("rate")
    taken = {i for m in found for i in range(m.start, m.end)}
    taken |= {i for start, end, _ in reader.matcher(reader.vocabulary.settings).find(tokens) for i in range(start, end)}
    for i, token in enumerate(tokens):
        if rate is None or i == 0 or i in taken or token.key not in reader.vocabulary.rate_words:
            continue
        start = i - 1
        while start >= 0 and start not in taken and reader.words.is_content(tokens[start]) and i - start <= 3:
            start -= 1
        start += 1
        if start < i and not reader.baseline_terms.any(tokens[start : i + 1]):  # "base rate" is a baseline
            found.append(Mention(start, i + 1, rate, sentence.span(start, i + 1)))
    found.sort(key=lambda m: m.start)
    return found


def is_count(reader: Lexicon, tokens: list[Token], i: int) -> bool:
    """A whole number that counts things ("500 articles", "5 folds", "in 2019") is not a metric's value."""
    token = tokens[i]
    if token.unit or token.decimals or token.approx:
        return False
    if is_year(token):
        return True
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = tokens[i - 1] if i > 0 else None
    if before is not None and before.key in ("top", "k", "n", "=", "#", "no", "step", "phase", "fold", "version"):
        return True
    if i > 0 and reader.time("numbered").at(tokens, i - 1) is not None:
        return True  # "by week 3", "day 1": a time, not an amount
    if before is not None and before.text in (":", "=") and i > 1 and reader.is_metric_word(tokens[i - 2]):
        return False  # "Mean absolute error: 14 minutes per job": the metric's value, in its unit
    if _measured_in_units(reader, tokens, i):
        return False  # "MAE settled at 38 passengers per sailing": an error in what it is measured in
    return (
        after is not None and after.is_word and reader.words.is_plural_noun(after) and not reader.is_metric_word(after)
    )


_LINKS = frozenset(
    {"of", "at", "to", "from", "in", "around", "about", "roughly", "approximately", "just", "only", "under"}
)


def _measured_in_units(reader: Lexicon, tokens: list[Token], i: int) -> bool:
    """Whether the whole number at ``i`` is the level of a metric measured in the units that follow it: the metric
    is named just before, with only a tensed verb or a linking word between ("MAE of 38 passengers", "RMSE came in at
    12 minutes", "MAE drops from 41 minutes to 29 minutes": the other end of a change, in the same units, may
    stand between); a metric that is a share never counts things."""
    unit = tokens[i + 1].key if i + 1 < len(tokens) else ""
    for k in range(i - 1, max(-1, i - 8), -1):
        token = tokens[k]
        if token.is_number or (unit and token.key == unit and k > 0 and tokens[k - 1].is_number):
            continue
        if reader.is_metric_word(token):  # right before the number it names the count instead: "MAE 2 features"
            metric = reader.metric_by_term.get((token.key,))
            return k < i - 1 and (metric is None or not metric.share)
        if not token.is_word or not (token.key in _LINKS or reader.words.is_finite(token)):
            return False
    return False


def plausible(metric: Metric, token: Token) -> bool:
    """Whether a number can be the metric's value: a share lies between 0 and 1, or 0% and 100%, and is never a
    bare whole number ("an R² closer to 1 is a better fit" names the scale, not a score); a word that stands
    for an unnamed metric ("error", "score") governs a decimal or a percentage, not a count ("365 days")."""
    bare = token.unit == "" and token.decimals == 0 and not token.approx
    if metric.percent and token.unit in ("$", "€", "£", "¥"):
        return False  # "each point of MAPE is worth £40,000": money is never a percentage's value
    if metric.kind == "generic":
        return not bare
    if not metric.share:
        return True
    if bare:
        return False
    limit = 100.0 if token.unit in ("%", "pp") else 1.0
    return -1.0 <= token.value <= limit and token.unit in ("", "%", "pp")


def text_of(sentence: Sentence, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    text = sentence.text[tokens[0].start : tokens[-1].end]
    return " ".join(text.strip(" ()[]:,;").split())


def with_baselines(measures: list[Measure]) -> list[Measure]:
    """Give a measure with no baseline the baseline a nearby sentence states for the same metric (or a number
    of the same kind when one of them leaves the metric unnamed): the one before it, else the one after."""
    stated = [(k, m) for k, m in enumerate(measures) if m.is_baseline]
    result = []
    for k, measure in enumerate(measures):
        if measure.baseline is not None or measure.is_baseline or measure.change or not stated:
            result.append(measure)
            continue
        fitting = [
            (abs(k - j), j, m)
            for j, m in stated
            if (m.metric == measure.metric or not m.metric or not measure.metric)
            and m.value.comparable(measure.value)
            and m is not measure
        ]
        if not fitting:
            result.append(measure)
            continue
        _, _, base = min(fitting, key=lambda f: (f[0], f[1] > k))
        result.append(replace(measure, baseline=base.value, baseline_label=base.baseline_label))
    return result
