"""Numbers and the metric they measure, with the baseline they are compared with.

Read by structure, not by phrases: a number belongs to the metric named right after it ("a 9.8% WAPE") or to
the nearest metric before it in its clause, whatever verb joins them ("MAE sits at 2.1", "PR-AUC: 0.43"); a
second number is its baseline when a comparison stands between them (a marker such as "vs" or "against",
"than", "from ... to", an arrow, "up from"), or when a contrast ("but", "while") leads to a clause that names a
baseline ("... but 3.1% for the control group"). A clause that names a baseline before its number states the
baseline's own score ("the naive model has an error of 16%"), which `quantities.with_baselines` then gives to the
measures that lack one. A number after "by" with a verb of change is a difference, not a level.
"""

from __future__ import annotations

import itertools

from deckbuilder.core.rules.vocabulary import Metric

from .baselines import BaselineReading
from .lexicon import Lexicon
from .quantities import Measure, Mention, Quantity, intensifies, is_count, mentions, plausible, text_of
from .rates import rates_of_right
from .sentences import Sentence
from .tokens import is_year
from .words import NOUN, PART, VERB

_SPREAD = frozenset({"±"})
_GAPS = frozenset({"gap", "gaps", "difference", "differences", "margin", "margins"})  # nouns for a difference
_LINK_GAP = 12  # tokens a metric's name may stand before its number ("the mean accuracy on the test data: 0.80")
_AFTER_GAP = 3  # words between a number and the metric named after it ("75.85% of recall", "80% test accuracy")


class _Linker(BaselineReading):
    """Reads one sentence's measures."""

    def __init__(self, reader: Lexicon, sentence: Sentence, previous: Metric | None = None) -> None:
        self.reader = reader
        self.previous = previous
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.mentions = mentions(reader, sentence)
        self.pos = reader.pos(sentence)
        self.held: list[Mention] = []  # the metrics of operating points ("at 90% precision")
        self.vocabulary = reader.vocabulary

    def numbers(self) -> list[int]:
        inside = {i for m in self.mentions for i in range(m.start, m.end)}
        return [
            i
            for i, t in enumerate(self.tokens)
            if t.is_number
            and i not in inside
            and (self.from_truth(i) or not is_count(self.reader, self.tokens, i))  # "within 6 minutes of actual"
            and not self._spread(i)
            and not self.governed_by_spread(i)
            and not self._threshold(i)
            and not self._operating_point(i)
        ]

    def _operating_point(self, i: int) -> bool:
        """A number after "at" and before a metric is where another is read ("recall of 58% at 90%
        precision", "at the 95% precision the network needs"), not a score; its metric links no number."""
        # "at 80% precision", "at the 95% precision ...", "at the agreed 5% review rate": "at", then at most a
        # determiner and a word that describes the point
        at = next((k for k in range(i - 1, max(-1, i - 4), -1) if self.tokens[k].key == "at"), None)
        if at is None or not all(self._describes(k) for k in range(at + 1, i)):
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
        if held:
            return True
        # "Recall at the 5% review budget is 0.64": a point named by the noun after it, where the level is read;
        # not "MAE comes in at 11.4 minutes", a level in its unit
        if i - at < 2 or self.tokens[at + 1].key not in ("the", "a", "an", "our", "its"):
            return False
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        named = (
            after is not None and after.is_word and self.pos[i + 1] == NOUN and not self.reader.is_metric_word(after)
        )
        # the metric read there may follow the point: "At the 10% decline point precision is 12.7%"
        later = any(m.start > i and self.sentence.same_clause(m.start, i) for m in self.mentions)
        return (bool(read_at) or later) and named and self._other_amount(i)

    def _describes(self, k: int) -> bool:
        """Whether the word at ``k``, between "at" and a number, only points at the number: a determiner or a word
        that describes it ("the agreed", "our chosen")."""
        token = self.tokens[k]
        if token.key in ("the", "a", "an", "our", "its", "their", "this", "that"):
            return True
        return token.is_word and any(t.startswith(("JJ", "VBN")) for t in self.reader.words.tags(token))

    def _other_amount(self, i: int) -> bool:
        """Whether the sentence states another amount than the number at ``i`` ("flags 40 routes a day at 80%
        precision"); a year or the number of a week or a step ("by week 3") is a time, not an amount."""
        numbered = self.reader.time("numbered")
        for j, token in enumerate(self.tokens):
            if j == i or not token.is_number or is_year(token):
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

    def metric_of(self, i: int) -> Mention | None:
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
            return Mention(0, 0, self.previous, self.previous.name)
        return None

    def governed_by_spread(self, i: int) -> bool:
        """Whether a word of spread governs the number at ``i`` ("a standard deviation of 0.01", "(with a
        variation of ~2.5%)"): it is closer before the number than any metric."""
        found = self.reader.spread_terms.find(self.tokens)
        if any(i < start <= i + 2 and all(t.is_word for t in self.tokens[i + 1 : start]) for start, _, _ in found):
            return True  # "a 3% variance", "0.01 standard deviation"; not "0.27, give or take 0.01"
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

    def from_truth(self, i: int) -> bool:
        """Whether the number is how far estimates land from the truth, an error said without its name:
        "within 6 minutes of the actual arrival", "within 9 per cent of actual", "within 12 minutes on
        average", "off by 2.1 minutes on average" (not "within 0.01 of boosting", a difference between models,
        nor "within 2 days of the storm", a time)."""
        keys = [t.key for t in self.tokens]
        before = keys[max(0, i - 2) : i]
        after = keys[i + 1 : i + 7]
        if before == ["off", "by"]:
            return True
        if before[-1:] != ["within"]:
            return False
        clause = [self.tokens[k] for k in self.sentence.clause_of(i) if k > i]
        # a count out of a count ("in 11 of 12 months") is a hit rate too
        out_of = any(
            a.is_number and b.key in ("of", "in") and c.is_number
            for a, b, c in zip(clause, clause[1:], clause[2:], strict=False)
        )
        if out_of or any(t.key in ("every", "each", "all") or (t.is_number and t.unit == "%") for t in clause):
            # "within 3 spaces of the true occupancy on 80% of garage-hours": a tolerance, the share is the
            # level; "within 0.6 points of observed in every decile": a bound over every group
            return False
        if any(a == "on" and b == "average" for a, b in itertools.pairwise(after)):
            return True
        of = after.index("of") if "of" in after[:3] else None
        truth = self.reader.matcher(self.vocabulary.comparison.truth)
        return of is not None and truth.any(self.tokens[i + 2 + of : i + 4 + of])

    def _signed_delta(self, i: int) -> bool:
        """A signed percentage right after a metric's name, or in a list of them, is a change from control:
        "Guardrails: CTR -0.2% (CI -0.6 to +0.2), hides -1.1%" (not "± 2%", a spread)."""
        before = self.tokens[i - 1] if i > 0 else None
        if before is None or before.text in ("±", "+/-"):
            return False
        return before.is_word and (self.reader.is_metric_word(before) or self.pos[i - 1] == NOUN)

    def is_change(self, i: int) -> bool:
        """A number said as a difference: a sign, "by" before it, a verb of change governing it ("added under
        0.002 PR-AUC", "fell 20%"), or a comparative after it ("0.01 lower PR-AUC", "9% lower MAE")."""
        if self.from_truth(i):
            return False  # "off by 2.1 minutes on average": how far from the truth, a level of error
        token = self.tokens[i]
        if token.text.startswith(("+", "-", "−")) and (token.unit != "%" or self._signed_delta(i)):
            return True  # "+0.04 PR-AUC"; a signed percentage after its metric: "CTR -0.2%, hides -1.1%"
        after_word = self.tokens[i + 1].key if i + 1 < len(self.tokens) else ""
        if after_word in ("relative", "absolute"):
            return True  # "an MDE of 0.4% relative": the size of a change
        before = self.tokens[max(0, i - 3) : i]
        if self.reader.by.any(before):
            return True
        if before and before[-1].key in ("to", "at"):
            return False  # "improved to 3.1", "dropped to 0.29": a level, hiding its "from"
        # a verb of change governing it, past "the most," ("dropping X costs the most, 0.009 NDCG@10")
        wide = self.tokens[max(0, i - 4) : i]
        if any(self.pos[k] in (VERB, PART) for k in range(max(0, i - 4), i)) and self.reader.change_verbs.any(wide):
            return True
        if any(t.key == "within" for t in before):
            return True  # "within 0.01 PR-AUC of boosting": a difference
        if any(t.key in _GAPS for t in self.tokens[max(0, i - 4) : i]):
            return True  # "the PR-AUC gap was 0.01", "a margin of 0.03": the size of a difference
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

    def read(self) -> list[Measure]:
        numbers = self.numbers()
        used: set[int] = set()
        found: list[Measure] = []
        for n, i in enumerate(numbers):
            if i in used:
                continue
            mention = self.metric_of(i)
            if mention is None and self.from_truth(i):
                # an error said as how far from the truth: in its units an absolute error, in per cent a
                # percentage one
                name = (
                    "MAPE"
                    if self.tokens[i].unit == "%" or "cent" in (t.key for t in self.tokens[i + 1 : i + 3])
                    else "MAE"
                )
                found_metric = self.vocabulary.metric(name)
                mention = Mention(i, i, found_metric, "error") if found_metric is not None else None
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
                if mention is None and other is not None and other.metric.kind != "generic":
                    continue  # "With 2% failures, accuracy goes from 96.0%": the later number is accuracy's
                # "from 0.172 with the flat rate to 0.131": a name between the two ends of a change says whose the
                # first number was, not what the second measures
                labels_first = relation == "reverse" and other is not None and other.end <= j
                if (
                    other is not None
                    and mention is not None
                    and other.metric is not mention.metric
                    and other.start > i
                    and not labels_first
                ):
                    if not (
                        relation == "reverse" and mention.metric.kind == "generic" and other.metric.kind != "generic"
                    ):
                        continue  # the later number measures another metric
                    mention = other  # "Error climbs from 6% to 19% MAPE": the later name says which error
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
            if baseline is None and mention is not None and n > 0:
                value, baseline, label = self._named_after_pair(numbers[n - 1], i, used, (value, baseline, label))
            metric: Metric | None = None
            if mention is not None:
                metric, named = mention.metric, mention.named
            elif correctness:
                metric, named = self.vocabulary.metric("accuracy"), "accuracy"
            else:
                metric, named = self.vocabulary.metric("score"), ""
            if unnamed and baseline is None and not self.states_baseline(value):
                continue
            if metric is None or not plausible(metric, self.tokens[value]) or self._in_time(value, metric):
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
                    change=metric.difference or self.is_change(value),
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

    def _in_time(self, i: int, metric: Metric) -> bool:
        """A whole number counted in days or weeks is no percentage metric's value: "as the horizon stretches
        from 1 to 14 days" (the number, or the range it opens, ends in a unit of time)."""
        token = self.tokens[i]
        if not metric.percent or token.unit or token.decimals:
            return False
        units = self.reader.time("units")
        rest = self.tokens[i + 1 : i + 4]
        return any(units.at(self.tokens, k) is not None for k in range(i + 1, i + 1 + len(rest)))

    def _named_after_pair(
        self, k: int, i: int, used: set[int], kept: tuple[int, int | None, str]
    ) -> tuple[int, int | None, str]:
        """A metric named once after the second of two numbers names both: "from 6% to 19% MAPE" (the first is
        where it started), "4.1 against 4.3 trays MAE" (the second is what the first beats)."""
        if k in used or self.metric_of(k) is not None or i - k > 4 or not self._joined(k, i):
            return kept
        if not Quantity.of(self.tokens[k]).comparable(Quantity.of(self.tokens[i])):
            return kept
        relation = self.structure(k, i)
        if relation is None:
            return kept
        used.add(k)
        if relation == "reverse":
            return i, k, self._label_after(k)
        return k, i, self.label_of_baseline(k, i)

    def _implicit_baseline(
        self, i: int, numbers: list[int], used: set[int], mention: Mention | None
    ) -> tuple[int | None, str]:
        """A second number of the same kind in a later clause that names no other metric is what the first is
        compared with ("MAPE 7.9% - the planners' spreadsheet sits at 12.4%", "Precision of 0.62, where
        flagging the top 10% would give 0.19"); its label is what that clause names before it."""
        for j in numbers:
            if j <= i or j in used or self.sentence.same_clause(i, j):
                continue
            clause = self.sentence.clause_of(j)
            # "where flagging every claim would score 0.09": a generic word ("score") names no other metric
            if any(m.start in clause for m in self.mentions if m is not mention and m.metric.kind != "generic"):
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
            return j, text_of(self.sentence, words[-5:])
        return None, ""

    def _compared(self, i: int) -> bool:
        """Compared without a second number: a ratio ("3.1x", "4 pp"), a relative ("double what the filter
        manages", "a third of the error"), or a comparison or contrast that names a baseline ("over a random
        tenth", "where the majority-class rule catches none")."""
        token = self.tokens[i]
        if token.unit in ("x", "pp"):
            return True
        rest = [self.tokens[k] for k in range(i + 1, len(self.tokens))]
        if any(t.unit == "x" for t in rest[:3]):
            return True  # "precision is 12.7%, 3.1x the 4.1% default rate": its multiple follows
        reader = self.reader
        if reader.relative.any(rest[:12]):
            return True  # "18% where the inspection budget bites, nearly six times the base rate"
        before = [self.tokens[k] for k in self.sentence.clause_of(i) if k < i]
        if reader.relative.any(before[-6:]):
            return True  # "Frost weeks halve the hit rate to 0.23": the level after a relative change
        marked = reader.comparison_markers.find(rest) + reader.contrast.find(rest) + reader.than.find(rest)
        if any(reader.baseline_terms.any(rest[end : end + 8]) for _, end, _ in marked):
            return True
        # "12.7% against a 4.1% default rate": a number of its kind right after a comparison is what it is set
        # against, even when the words after that number name its own measure; a whole number without a unit
        # counts things ("0.29 over 5 folds")
        level = Quantity.of(token)
        return any(
            t.is_number and t.unit == token.unit and (t.unit or t.decimals) and level.comparable(Quantity.of(t))
            for _, end, _ in reader.comparison_markers.find(rest[:4]) + reader.than.find(rest[:4])
            for t in rest[end : end + 3]
        )

    def _conditional(self, i: int) -> bool:
        """Whether the number stands in a clause that a condition opens ("only flags when precision stays above
        80%")."""
        clause = self.sentence.clause_of(i)
        # A condition closed by a comma after its own verb is over: "Once tides went in, the hit rate rose to 0.58"
        closed = [k for k in clause if k < i and self.tokens[k].key == "," and self._has_verb(clause[0], k)]
        before = [self.tokens[k] for k in clause if k < i and (not closed or k > closed[-1])]
        just_before = self.tokens[max(0, i - 4) : i]  # "at least 0.8", "more than 95%", "up to a 31% rate"
        while just_before and just_before[-1].key in ("a", "an", "the"):
            just_before = just_before[:-1]
        just_after = self.tokens[i + 1 : i + 3]  # "95% or above"
        bound = any(end == len(just_before) for _, end, _ in self.reader.bounds.find(just_before))
        after = bool(just_after) and self.reader.bounds_after.at(just_after, 0) is not None
        return self.reader.conditional.any(before) or bound or after

    def _has_verb(self, start: int, end: int) -> bool:
        """Whether tokens ``start`` to ``end`` hold a finite verb after their first word (a clause of their own)."""
        words = self.reader.words
        return any(self.pos[k] == VERB and words.is_finite(self.tokens[k]) for k in range(start + 1, end))

    def _relative(self, i: int, mention: Mention | None) -> bool:
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
        clause = list(self.sentence.clause_of(i))
        for k in clause:
            if self.reader.correctness.at(self.tokens, k) is None:
                continue
            if any(t.text == "," for t in self.tokens[min(i, k) : max(i, k)]):
                continue  # "labelled correctly against 97, with 3% sick": the share after the comma is another's
            if intensifies(self.tokens, k):
                continue  # "right up to the first miss", "right after launch": no judgement of being right
            return True
        return False


def read_measures(reader: Lexicon, sentence: Sentence, previous: Metric | None = None) -> list[Measure]:
    """Return the measures one sentence states, in order; ``previous`` is the metric the sentence before named,
    which a sentence whose subject is a pronoun speaks of."""
    found = _Linker(reader, sentence, previous).read()
    if not any(m.metric == "accuracy" for m in found):
        found += rates_of_right(reader, sentence)  # "gets 97 calls in 100 right"
    return found
