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

from deckbuilder.core.rules.vocabulary import Metric

from .lexicon import Lexicon
from .number_roles import AFTER_GAP, LINK_GAP, NumberRoles
from .quantities import Measure, Mention, Quantity, intensifies, is_count, mentions, plausible, text_of
from .rates import rates_of_right
from .sentences import Sentence
from .tokens import Token, is_possessive
from .words import PART, VERB


class _Linker(NumberRoles):
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

    def metric_of(self, i: int) -> Mention | None:
        """Return the metric the number at ``i`` measures: named right after it ("a 9.8% WAPE", "75.85% of
        recall"), else the nearest before it in its clause (a specific metric before a generic one); None when
        a word of spread governs it ("a standard deviation of 0.01")."""
        words = self.reader.words
        for j in range(i + 1, min(len(self.tokens), i + 2 + AFTER_GAP)):
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
            if m.end <= i and i - m.end <= LINK_GAP and self._joined(m.end - 1, i) and m not in self.held
        ]
        specific = [m for m in before if m.metric.kind != "generic"]
        pool = specific or before
        if pool:
            return pool[-1]
        if self.previous is not None and self._refers_back():
            return Mention(0, 0, self.previous, self.previous.name)
        return None

    def _refers_back(self) -> bool:
        """Whether the sentence's subject is a pronoun ("It averages out at 7.4%"), so it speaks of what the
        sentence before named."""
        first = next((t for t in self.tokens if t.is_word), None)
        return first is not None and first.key in ("it", "this", "that", "which", "they", "these")

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
                name = "MAPE" if self.tokens[i].unit == "%" else "MAE"  # "9 per cent" is read as 9%
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
            # "against a 0.7% defect rate": a level right after a comparison is what something is set against
            states = baseline is None and (self.states_baseline(value) or self._set_against(value))
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

    def _relative_to(self, tokens: list[Token]) -> bool:
        """Whether the words set a level relative to something ("double what the filter manages"); an ordinal
        before the word makes it a part of a period ("on the second half of 2023")."""
        orders = self.reader.time("orders")
        return any(
            not (start > 0 and orders.at(tokens, start - 1) is not None)
            for start, _, _ in self.reader.relative.find(tokens)
        )

    def _set_against(self, i: int) -> bool:
        """Whether the number follows a comparison marker, past at most a determiner or whose it is ("vs 0.08",
        "against a 0.7% defect rate", "no worse than today's 0.5%")."""
        k = i - 1
        if k >= 0 and is_possessive(self.tokens[k]):
            k -= 1
        if k >= 0 and self.tokens[k].key in ("a", "an", "the"):
            k -= 1
        # not "over 99%", "above 0.8": a bound, which `_conditional` reads
        return k >= 0 and self.reader.matcher(self.vocabulary.comparison.set_against).at(self.tokens, k) is not None

    def _in_time(self, i: int, metric: Metric) -> bool:
        """A whole number counted in days or weeks is no percentage metric's value: "as the horizon stretches
        from 1 to 14 days" (the number, or the range it opens, ends in a unit of time)."""
        token = self.tokens[i]
        if not metric.percent or token.unit or token.decimals:
            return False
        units = self.reader.time("units")
        return any(units.at(self.tokens, k) is not None for k in range(i + 1, min(len(self.tokens), i + 4)))

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
        if self._relative_to(rest[:12]):
            return True  # "18% where the inspection budget bites, nearly six times the base rate"
        before = [self.tokens[k] for k in self.sentence.clause_of(i) if k < i]
        named = [t for t in before if t.key not in ("the", "a", "an")]
        if named and named[-1].key in self.vocabulary.comparison.same:
            return True  # "keep the policy - same 18% decline rate": the baseline's own level, kept
        if self._relative_to(before[-6:]):
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

    def _relative(self, i: int, mention: Mention | None) -> bool:
        """A percentage followed by "of" and something that is not its metric ("12% of the mean price")."""
        token = self.tokens[i]
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if token.unit != "%" or after is None or after.key != "of":
            return False
        if mention is None or mention.start < i:
            return True
        # "40% of absolute error": a share of an error's total is where it comes from, not its level (where "78%
        # of the variance" is one)
        return mention.start <= i + 3 and mention.metric.lower_is_better and not self.from_truth(i)

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
