"""What a number in a sentence is when it is no metric's level: the point another metric is read at ("recall
at 90% precision"), a bound asked for ("at least 0.8", "up to a 31% rate"), a spread ("± 0.01"), a change ("+0.04",
"fell by 3 points", "CTR -0.2%"), a condition ("alerts when MAPE tops 5%"), and an error said as how far estimates
land from the truth ("within 6 minutes of the actual"). The half of a sentence's linker (measures.py) that tells
numbers apart before they are linked to their metric and baseline."""

from __future__ import annotations

import itertools

from deckbuilder.core.rules.vocabulary import Vocabulary

from .baselines import BaselineReading
from .quantities import Mention, Quantity
from .tokens import is_possessive, is_year, spelled_value
from .words import NOUN, PART, VERB

_SPREAD = frozenset({"±"})
_GAPS = frozenset({"gap", "gaps", "difference", "differences", "margin", "margins"})  # nouns for a difference
LINK_GAP = 12  # tokens a metric's name may stand before its number ("the mean accuracy on the test data: 0.80")
AFTER_GAP = 3  # words between a number and the metric named after it ("75.85% of recall", "80% test accuracy")


class NumberRoles(BaselineReading):
    """The roles a number may play other than a metric's level, over the linker's sentence."""

    held: list[Mention]
    vocabulary: Vocabulary

    def _operating_point(self, i: int) -> bool:
        """A number after "at" and before a metric is where another is read ("recall of 58% at 90%
        precision", "at the 95% precision the network needs"), not a score; its metric links no number."""
        # "at 80% precision", "at the 95% precision ...", "at the agreed 5% review rate": "at", then at most a
        # determiner and a word that describes the point
        # "with" as "at" once a metric is read before it: "52% recall with 39% precision"
        at = next((k for k in range(i - 1, max(-1, i - 4), -1) if self.tokens[k].key in ("at", "with")), None)
        if at is None or not all(self._describes(k) for k in range(at + 1, i)):
            return False
        read_at = [
            m
            for m in self.mentions
            if m.end <= i and self.sentence.same_clause(m.start, i) and m.metric.kind != "generic"
        ]
        if not read_at and self.tokens[at].key == "with":
            return False  # "ships with 40% fewer false alarms": nothing read at the point
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
        that describes it ("the agreed", "our chosen"), or whose it is ("last spring's", "the team's")."""
        token = self.tokens[k]
        if token.key in ("the", "a", "an", "our", "its", "their", "this", "that"):
            return True
        if is_possessive(token):
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
        # a count written in words: "one flagged person in four" ("one" alone is also a pronoun)
        return any(j != i and t.key != "one" and spelled_value(t) is not None for j, t in enumerate(self.tokens))

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

    def governed_by_spread(self, i: int) -> bool:
        """Whether a word of spread governs the number at ``i`` ("a standard deviation of 0.01", "(with a
        variation of ~2.5%)"): it is closer before the number than any metric."""
        found = self.reader.spread_terms.find(self.tokens)
        if any(i < start <= i + 2 and all(t.is_word for t in self.tokens[i + 1 : start]) for start, _, _ in found):
            return True  # "a 3% variance", "0.01 standard deviation"; not "0.27, give or take 0.01"
        spreads = [end for _, end, _ in found if end <= i]
        if not spreads or not self._joined(spreads[-1] - 1, i) or i - spreads[-1] > LINK_GAP:
            return False
        # a metric named as what the spread is of ("the fold spread of PR-AUC is 0.01") is no rival to it
        named = [m.end for m in self.mentions if m.end <= i and not self._spread_of(m)]
        return not named or spreads[-1] > named[-1]

    def _spread_of(self, mention: Mention) -> bool:
        """Whether a metric is named as what a spread is of ("CV spread of PR-AUC", "the std of MAE")."""
        k = mention.start
        if k < 2 or self.tokens[k - 1].key != "of":
            return False
        before = self.tokens[max(0, k - 4) : k - 1]
        return any(end == len(before) for _, end, _ in self.reader.spread_terms.find(before))

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
