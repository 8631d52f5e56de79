"""Numbers and the metric they measure, with the baseline they are compared with.

Read by structure, not by phrases: a number belongs to the metric named right after it ("a 9.8% WAPE") or to
the nearest metric before it in its clause, whatever verb joins them ("MAE sits at 2.1", "PR-AUC: 0.43"); a
second number is its baseline when a comparison stands between them (a marker such as "vs" or "against",
"than", "from ... to", an arrow, "up from"), or when a contrast ("but", "while") leads to a clause that names a
baseline ("... but 3.1% for the control group"). A clause that names a baseline before its number states the
baseline's own score ("the naive model has an error of 16%"), which `Reading.with_baselines` then gives to the
measures that lack one. A number after "by" with a verb of change is a difference, not a level.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckbuilder.core.rules.vocabulary import Metric

from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import Token
from .words import PART, VERB

_SPREAD = frozenset({"±"})
_LINK_GAP = 12  # tokens a metric's name may stand before its number ("the mean accuracy on the test data: 0.80")
_AFTER_GAP = 3  # words between a number and the metric named after it ("75.85% of recall", "80% test accuracy")
_BASELINE_GAP = 7  # tokens between a comparison marker and the baseline's number


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


@dataclass
class _Mention:
    start: int
    end: int
    metric: Metric
    named: str


def mentions(reader: Lexicon, sentence: Sentence) -> list[_Mention]:
    """Return the metrics a sentence names, with a cut-off kept ("precision@10", "NDCG at 5")."""
    tokens = sentence.tokens
    found = []
    for start, end, term in reader.metric_terms.find(tokens):
        metric = reader.metric_by_term[term]
        named_end = end
        if end + 1 < len(tokens) and tokens[end].key in reader.vocabulary.cutoff_words and tokens[end + 1].is_number:
            named_end = end + 2  # "precision at 10"
        found.append(_Mention(start, named_end, metric, sentence.span(start, named_end)))
    # "precision@10%", "ndcg@5": a cut-off written into the word
    for i, token in enumerate(tokens):
        if token.is_word and "@" in token.key and not any(m.start <= i < m.end for m in found):
            cut = reader.vocabulary.metric(token.key.split("@", 1)[0])
            if cut is not None:
                found.append(_Mention(i, i + 1, cut, token.text))
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
            found.append(_Mention(start, i + 1, rate, sentence.span(start, i + 1)))
    found.sort(key=lambda m: m.start)
    return found


def _is_count(reader: Lexicon, tokens: list[Token], i: int) -> bool:
    """A whole number that counts things ("500 articles", "5 folds", "in 2019") is not a metric's value."""
    token = tokens[i]
    if token.unit or token.decimals or token.approx:
        return False
    if 1900 <= token.value <= 2100:
        return True
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = tokens[i - 1] if i > 0 else None
    if before is not None and before.key in ("top", "k", "n", "=", "#", "no", "step", "phase", "fold", "version"):
        return True
    if i > 0 and reader.time("numbered").at(tokens, i - 1) is not None:
        return True  # "by week 3", "day 1": a time, not an amount
    if before is not None and before.text in (":", "=") and i > 1 and reader.is_metric_word(tokens[i - 2]):
        return False  # "Mean absolute error: 14 minutes per job": the metric's value, in its unit
    return (
        after is not None and after.is_word and reader.words.is_plural_noun(after) and not reader.is_metric_word(after)
    )


def _between_words(sentence: Sentence, i: int, j: int) -> list[Token]:
    return sentence.tokens[i + 1 : j]


class _Linker:
    """Reads one sentence's measures."""

    def __init__(self, reader: Lexicon, sentence: Sentence, previous: Metric | None = None) -> None:
        self.reader = reader
        self.previous = previous
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.mentions = mentions(reader, sentence)
        self.pos = reader.pos(sentence)
        self.held: list[_Mention] = []  # the metrics of operating points ("at 90% precision")
        self.vocabulary = reader.vocabulary

    def numbers(self) -> list[int]:
        inside = {i for m in self.mentions for i in range(m.start, m.end)}
        return [
            i
            for i, t in enumerate(self.tokens)
            if t.is_number
            and i not in inside
            and not _is_count(self.reader, self.tokens, i)
            and not self._spread(i)
            and not self.governed_by_spread(i)
            and not self._threshold(i)
            and not self._operating_point(i)
        ]

    def _operating_point(self, i: int) -> bool:
        """A number after "at" and before a metric is where another is read ("recall of 58% at 90%
        precision", "at the 95% precision the network needs"), not a score; its metric links no number."""
        before = [t.key for t in self.tokens[max(0, i - 2) : i]]
        if "at" not in before:
            return False
        read_at = [
            m
            for m in self.mentions
            if m.end <= i and self.sentence.same_clause(m.start, i) and m.metric.kind != "generic"
        ]
        if not read_at and not self._other_amount(i):
            # "we landed at 0.31 PR-AUC", "error settles at 6.4% MAPE by week 3": no other metric is read at this
            # point and the sentence states no other amount, so the number is the level
            return False
        held = [m for m in self.mentions if m.start in (i + 1, i + 2)]
        self.held.extend(held)
        return bool(held)

    def _other_amount(self, i: int) -> bool:
        """Whether the sentence states another amount than the number at ``i`` ("flags 40 routes a day at 80%
        precision"); a year or the number of a week or a step ("by week 3") is a time, not an amount."""
        numbered = self.reader.time("numbered")
        for j, token in enumerate(self.tokens):
            if j == i or not token.is_number or (1900 <= token.value <= 2100 and not token.unit):
                continue
            if j > 0 and numbered.at(self.tokens, j - 1) is not None:
                continue
            return True
        return False

    def _threshold(self, i: int) -> bool:
        """A number after an inequality ("recall ≥0.80", "precision > 0.9") is a bound asked for, not a score."""
        before = self.tokens[i - 1] if i > 0 else None
        return before is not None and before.text in ("≥", "≤", ">", "<", ">=", "<=", "=>")

    def _spread(self, i: int) -> bool:
        before = self.tokens[i - 1] if i > 0 else None
        return before is not None and before.key in _SPREAD

    def spread_after(self, i: int) -> Quantity | None:
        for j in range(i + 1, min(i + 4, len(self.tokens))):
            token = self.tokens[j]
            if token.is_number and self._spread(j):
                return Quantity.of(token)
            if token.is_number or (token.is_word and not self.reader.words.is_function(token)):
                return None
        return None

    def metric_of(self, i: int) -> _Mention | None:
        """Return the metric the number at ``i`` measures: named right after it ("a 9.8% WAPE", "75.85% of
        recall"), else the nearest before it in its clause (a specific metric before a generic one); None when
        a word of spread governs it ("a standard deviation of 0.01")."""
        words = self.reader.words
        for j in range(i + 1, min(len(self.tokens), i + 2 + _AFTER_GAP)):
            mention = next((m for m in self.mentions if m.start == j and m not in self.held), None)
            if mention is not None:
                return mention
            token = self.tokens[j]
            joins = token.key in ("of", "in", "on", "terms")  # "75.85% of recall", "48.7% in terms of F1"
            if not token.is_word or not (joins or words.is_content(token)) or self.pos[j] == VERB:
                break
        before = [
            m
            for m in self.mentions
            if m.end <= i and i - m.end <= _LINK_GAP and self._joined(m.end - 1, i) and m not in self.held
        ]
        specific = [m for m in before if m.metric.kind != "generic"]
        pool = specific or before
        if pool:
            return pool[-1]
        if self.previous is not None and self._refers_back():
            return _Mention(0, 0, self.previous, self.previous.name)
        return None

    def governed_by_spread(self, i: int) -> bool:
        """Whether a word of spread governs the number at ``i`` ("a standard deviation of 0.01", "(with a
        variation of ~2.5%)"): it is closer before the number than any metric."""
        found = self.reader.spread_terms.find(self.tokens)
        if any(i < start <= i + 2 for start, _, _ in found):
            return True  # "a 3% variance", "0.01 standard deviation"
        spreads = [end for _, end, _ in found if end <= i]
        if not spreads or not self._joined(spreads[-1] - 1, i) or i - spreads[-1] > _LINK_GAP:
            return False
        named = [m.end for m in self.mentions if m.end <= i]
        return not named or spreads[-1] > named[-1]

    def _refers_back(self) -> bool:
        """Whether the sentence's subject is a pronoun ("It averages out at 7.4%"), so it speaks of what the
        sentence before named."""
        first = next((t for t in self.tokens if t.is_word), None)
        return first is not None and first.key in ("it", "this", "that", "which", "they", "these")

    def _joined(self, a: int, b: int) -> bool:
        """Whether tokens a and b stand in one clause (a colon before a number joins "MAE: 359")."""
        return self.sentence.same_clause(a, b) or all(
            t.text == ":" or self.sentence.same_clause(a, k)
            for k, t in enumerate(self.tokens[a : b + 1], start=a)
            if k not in (a, b)
        )

    def structure(self, a: int, b: int) -> str | None:
        """Return how the number at ``b`` relates to the number at ``a`` before it: "baseline" (b is what a is
        compared with), "reverse" (a is the baseline of b: "from a to b", "a -> b"), or None."""
        between = _between_words(self.sentence, a, b)
        reader = self.reader
        keys = [t.key for t in between]
        if "->" in keys:
            return "reverse"
        before_a = self.tokens[max(0, a - 3) : a]
        if any(reader.change_from.any([t]) for t in before_a) and any(reader.change_to.any([t]) for t in between):
            return "reverse"
        if reader.up_from.any(between) or reader.comparison_markers.any(between[-_BASELINE_GAP:]):
            return "baseline"
        if between and between[0].text == "(" and reader.baseline_terms.any(between):
            return "baseline"  # "AUC 0.87 (random 0.5)"
        if any(t.key == "from" for t in between[-2:]):
            return "baseline"  # "falls to 4.2 from 7.9"
        if reader.than.any(between):
            return "baseline"
        clause_b = [self.tokens[k] for k in self.sentence.clause_of(b)]
        if reader.contrast.any(between) and reader.baseline_terms.any(clause_b):
            return "baseline"
        if reader.baseline_terms.any(between[-4:]) and reader.comparison_markers.any(between):
            return "baseline"
        return None

    def _contrasted(self, a: int, b: int) -> bool:
        """Whether the clause of ``b`` contrasts with that of ``a`` and names a baseline ("... but $3.2 for the
        control group"): the one way a baseline stands in another clause."""
        between = _between_words(self.sentence, a, b)
        clause_b = [self.tokens[k] for k in self.sentence.clause_of(b)]
        return b - a <= 16 and self.reader.contrast.any(between) and self.reader.baseline_terms.any(clause_b)

    def label_of_baseline(self, a: int, b: int) -> str:
        """Return what the baseline at ``b`` is: the words after it ("0.08 for random ranking", "16% (naive)"),
        else the words between the comparison and it ("than the logistic regression (0.58)")."""
        after = self._label_after(b)
        if after:
            return after
        between = _between_words(self.sentence, a, b)
        marker_end = 0
        for matcher in (self.reader.comparison_markers, self.reader.than, self.reader.up_from, self.reader.contrast):
            for _, end, _ in matcher.find(between):
                marker_end = max(marker_end, end)
        label = [t for t in between[marker_end:] if t.is_word and not self.reader.words.is_function(t)]
        label = [t for t in label if not self.reader.is_metric_word(t)]
        return _text(self.sentence, label) if 0 < len(label) <= 6 else ""

    def _label_after(self, b: int) -> str:
        """The words that follow a baseline's number and name it: "for random ranking", "(the rule)"."""
        words = self.reader.words
        tokens = self.tokens
        k = b + 1
        parenthesis = k < len(tokens) and tokens[k].text == "("
        if parenthesis:
            k += 1
        elif not (k < len(tokens) and tokens[k].key in ("for", "from", "of", "with", "by", "on", "in")):
            return ""
        label: list[Token] = []
        for token in tokens[k : k + 8]:
            if token.text in (".", ";", ",", ")", ":") or token.is_number or token.key == "->":
                break
            label.append(token)
        content = [t for t in label if words.is_content(t)]
        if not content or len(label) > 7:
            return ""
        while label and words.is_function(label[0]):
            label = label[1:]
        return _text(self.sentence, label)

    def is_change(self, i: int) -> bool:
        """A number said as a difference: a sign, "by" before it, a verb of change governing it ("added under
        0.002 PR-AUC", "fell 20%"), or a comparative after it ("0.01 lower PR-AUC", "9% lower MAE")."""
        token = self.tokens[i]
        if token.text.startswith(("+", "-", "−")) and token.unit != "%":
            return True
        before = self.tokens[max(0, i - 3) : i]
        if self.reader.by.any(before):
            return True
        if before and before[-1].key in ("to", "at"):
            return False  # "improved to 3.1", "dropped to 0.29": a level, hiding its "from"
        if any(self.pos[k] in (VERB, PART) for k in range(max(0, i - 3), i)) and self.reader.change_verbs.any(before):
            return True
        if any(t.key == "within" for t in before):
            return True  # "within 0.01 PR-AUC of boosting": a difference
        after = self.tokens[i + 1 : i + 3]
        if after and after[0].key in ("below", "above", "behind", "ahead", "under", "short"):
            return True  # "0.02 below boosting on PR-AUC"
        if after and after[0].key in ("point", "points", "pts", "bps") and not token.unit:
            return True  # "2.3 points of WAPE better", "12 points higher": points of difference
        if any(self.reader.words.is_comparative(t) for t in after[:2] if t.is_word):
            return True
        # "the 0.01 PR-AUC the boosted model adds": a verb of change later in the clause, with no other number
        later = [j for j in range(i + 1, min(len(self.tokens), i + 8)) if self.sentence.same_clause(i, j)]
        for j in later:
            if self.tokens[j].is_number:
                return False
            if self.pos[j] in (VERB, PART) and self.reader.change_verbs.at(self.tokens, j) is not None:
                return True
        return False

    def states_baseline(self, i: int) -> bool:
        """Whether the clause of the number at ``i`` names a baseline before the number, comparing it with
        nothing: "the naive model has an error of 16%", "Baseline upsell rate: 0.0682" (a metric's own words,
        "mean" in "mean squared error", name no baseline)."""
        clause = self.sentence.clause_of(i)
        named = {k for m in self.mentions for k in range(m.start, m.end)}
        words = [self.tokens[k] for k in clause if k not in named]
        if not self.reader.baseline_terms.any(words):
            return False  # "97% comes free by predicting no spam": the baseline may follow its number
        return not (self.reader.comparison_markers.any(words) or self.reader.than.any(words))

    def baseline_name(self, i: int) -> str:
        """Return the words that name the baseline in the clause before ``i``: the baseline's word with the
        content words around it ("the naive model", "Baseline upsell rate", "Logistic Regression baseline")."""
        clause = [k for k in self.sentence.clause_of(i) if k < i]
        tokens = [self.tokens[k] for k in clause]
        hits = self.reader.baseline_terms.find(tokens)
        if not hits:
            return ""
        start, end, _ = hits[0]
        words = self.reader.words
        while (
            start > max(0, len(tokens) - 8)
            and words.is_content(tokens[start - 1])
            and not words.is_finite(tokens[start - 1])
        ):
            start -= 1
        while (
            end < len(tokens)
            and words.is_content(tokens[end])
            and not self.reader.is_metric_word(tokens[end])
            and (words.is_noun(tokens[end]) or not words.is_finite(tokens[end]))
        ):
            end += 1
        return _text(self.sentence, tokens[start:end])

    def read(self) -> list[Measure]:
        numbers = self.numbers()
        used: set[int] = set()
        found: list[Measure] = []
        for n, i in enumerate(numbers):
            if i in used:
                continue
            mention = self.metric_of(i)
            correctness = mention is None and self._correct(i)
            unnamed = mention is None and not correctness and self._metric_shaped(i) and self._baseline_near(i)
            if mention is None and not correctness and not unnamed:
                continue
            value, baseline, label = i, None, ""
            for j in numbers[n + 1 :]:
                if j in used:
                    continue
                relation = self.structure(i, j)
                if relation is None or (not self._joined(i, j) and not self._contrasted(i, j)):
                    continue
                other = self.metric_of(j)
                if other is not None and mention is not None and other.metric is not mention.metric and other.start > i:
                    continue  # the later number measures another metric
                if not Quantity.of(self.tokens[i]).comparable(Quantity.of(self.tokens[j])):
                    continue
                if relation == "reverse":
                    value, baseline = j, i
                    label = self._label_after(i)
                else:
                    baseline = j
                    label = self.label_of_baseline(i, j)
                used.add(j)
                break
            metric: Metric | None = None
            if mention is not None:
                metric, named = mention.metric, mention.named
            elif correctness:
                metric, named = self.vocabulary.metric("accuracy"), "accuracy"
            else:
                metric, named = self.vocabulary.metric("score"), ""
            if unnamed and baseline is None and not self.states_baseline(value):
                continue
            if metric is None or not _plausible(metric, self.tokens[value]):
                continue
            if baseline is None and not self.states_baseline(value):
                baseline, label = self._implicit_baseline(value, numbers, used, mention)
            states = baseline is None and self.states_baseline(value)
            if states:
                label = self.baseline_name(value)
            found.append(
                Measure(
                    metric="" if metric.kind == "generic" else metric.name,
                    named=named,
                    value=Quantity.of(self.tokens[value]),
                    sentence=self.sentence.text,
                    baseline=Quantity.of(self.tokens[baseline]) if baseline is not None else None,
                    baseline_label=label,
                    spread=self.spread_after(value),
                    change=self.is_change(value),
                    is_baseline=states,
                    lower_is_better=metric.lower_is_better,
                    generic=metric.kind == "generic",
                    relative=self._relative(value, mention),
                    compared=self._compared(value),
                    conditional=self._conditional(value),
                    position=value,
                )
            )
        return found

    def _implicit_baseline(
        self, i: int, numbers: list[int], used: set[int], mention: _Mention | None
    ) -> tuple[int | None, str]:
        """A second number of the same kind in a later clause that names no other metric is what the first is
        compared with ("MAPE 7.9% - the planners' spreadsheet sits at 12.4%", "Precision of 0.62, where
        flagging the top 10% would give 0.19"); its label is what that clause names before it."""
        for j in numbers:
            if j <= i or j in used or self.sentence.same_clause(i, j):
                continue
            clause = self.sentence.clause_of(j)
            if any(m.start in clause for m in self.mentions if m is not mention):
                continue
            if not Quantity.of(self.tokens[i]).comparable(Quantity.of(self.tokens[j])):
                continue
            if self.tokens[j].unit != self.tokens[i].unit and self.tokens[j].unit != "":
                continue
            if j + 1 < len(self.tokens) and self.reader.words.is_content(self.tokens[j + 1]):
                continue  # "the 10% highest-use meters": a number before its noun counts, it scores nothing
            used.add(j)
            # what the clause names before the number, up to its verb ("the planners' spreadsheet sits at")
            named: list[int] = []
            for k in (k for k in clause if k < j):
                if self.pos[k] in (VERB, PART) or self.tokens[k].key in self.reader.words.grammar.modals:
                    break
                named.append(k)
            words = [self.tokens[k] for k in named if self.reader.words.is_content(self.tokens[k])]
            return j, _text(self.sentence, words[-5:])
        return None, ""

    def _compared(self, i: int) -> bool:
        """Compared without a second number: a ratio ("3.1x", "4 pp"), a relative ("double what the filter
        manages", "a third of the error"), or a comparison or contrast that names a baseline ("over a random
        tenth", "where the majority-class rule catches none")."""
        token = self.tokens[i]
        if token.unit in ("x", "pp"):
            return True
        rest = [self.tokens[k] for k in range(i + 1, len(self.tokens))]
        reader = self.reader
        if reader.relative.any(rest[:8]):
            return True
        marked = reader.comparison_markers.find(rest) + reader.contrast.find(rest) + reader.than.find(rest)
        return any(reader.baseline_terms.any(rest[end : end + 8]) for _, end, _ in marked)

    def _conditional(self, i: int) -> bool:
        """Whether the number stands in a clause that a condition opens ("only flags when precision stays above
        80%")."""
        clause = self.sentence.clause_of(i)
        before = [self.tokens[k] for k in clause if k < i]
        just_before = self.tokens[max(0, i - 3) : i]  # "at least 0.8", "more than 95%"
        just_after = self.tokens[i + 1 : i + 3]  # "95% or above"
        bound = any(end == len(just_before) for _, end, _ in self.reader.bounds.find(just_before))
        after = bool(just_after) and self.reader.bounds_after.at(just_after, 0) is not None
        return self.reader.conditional.any(before) or bound or after

    def _relative(self, i: int, mention: _Mention | None) -> bool:
        """A percentage followed by "of" and something that is not its metric ("12% of the mean price")."""
        token = self.tokens[i]
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if token.unit != "%" or after is None or after.key != "of":
            return False
        return mention is None or mention.start < i

    def _metric_shaped(self, i: int) -> bool:
        """A number that can be a metric's value on its own: a share, a percentage, a decimal or money."""
        token = self.tokens[i]
        return bool(token.unit in ("%", "$", "€", "£") or token.decimals or token.approx)

    def _baseline_near(self, i: int) -> bool:
        clause = [self.tokens[k] for k in self.sentence.clause_of(i)]
        later = self.tokens[i + 1 :]
        return self.reader.baseline_terms.any(clause) or (
            self.reader.contrast.any(later[:3]) and self.reader.baseline_terms.any(later)
        )

    def _correct(self, i: int) -> bool:
        """A percentage in a clause that says how often something is right is an accuracy."""
        if self.tokens[i].unit != "%":
            return False
        clause = [self.tokens[k] for k in self.sentence.clause_of(i)]
        return self.reader.correctness.any(clause)


def _plausible(metric: Metric, token: Token) -> bool:
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


def _text(sentence: Sentence, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    text = sentence.text[tokens[0].start : tokens[-1].end]
    return " ".join(text.strip(" ()[]:,;").split())


def read_measures(reader: Lexicon, sentence: Sentence, previous: Metric | None = None) -> list[Measure]:
    """Return the measures one sentence states, in order; ``previous`` is the metric the sentence before named,
    which a sentence whose subject is a pronoun speaks of."""
    return _Linker(reader, sentence, previous).read()


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
