"""How a sentence states a baseline: which structure joins a level to the number it is compared with (a marker,
"than", "from ... to", an arrow, a contrast), what the baseline is called, and whether a clause states a
baseline's own score. A part of measures.py's linker, kept apart so each file holds one concern.
"""

from __future__ import annotations

from deckbuilder.core.rules.vocabulary import Metric

from .lexicon import Lexicon
from .quantities import Mention, text_of
from .sentences import Sentence
from .tokens import Token

_BASELINE_GAP = 7  # tokens between a comparison marker and the baseline's number


def between_words(sentence: Sentence, i: int, j: int) -> list[Token]:
    return sentence.tokens[i + 1 : j]


class BaselineReading:
    """The baseline half of a sentence's linker (measures.py), over the same sentence."""

    reader: Lexicon
    sentence: Sentence
    tokens: list[Token]
    pos: list[str]
    mentions: list[Mention]
    previous: Metric | None

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
        between = between_words(self.sentence, a, b)
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
        between = between_words(self.sentence, a, b)
        clause_b = [self.tokens[k] for k in self.sentence.clause_of(b)]
        return b - a <= 16 and self.reader.contrast.any(between) and self.reader.baseline_terms.any(clause_b)

    def label_of_baseline(self, a: int, b: int) -> str:
        """Return what the baseline at ``b`` is: the words after it ("0.08 for random ranking", "16% (naive)"),
        else the words between the comparison and it ("than the logistic regression (0.58)")."""
        after = self._label_after(b)
        if after:
            return after
        between = between_words(self.sentence, a, b)
        marker_end = 0
        for matcher in (self.reader.comparison_markers, self.reader.than, self.reader.up_from, self.reader.contrast):
            for _, end, _ in matcher.find(between):
                marker_end = max(marker_end, end)
        label = [t for t in between[marker_end:] if t.is_word and not self.reader.words.is_function(t)]
        label = [t for t in label if not self.reader.is_metric_word(t)]
        return text_of(self.sentence, label) if 0 < len(label) <= 6 else ""

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
            # "from 0.172 with the flat rate to 0.131": the change's other end closes the label
            if token.text in (".", ";", ",", ")", ":") or token.is_number or token.key in ("->", "to"):
                break
            label.append(token)
        content = [t for t in label if words.is_content(t)]
        if not content or len(label) > 7:
            return ""
        while label and words.is_function(label[0]):
            label = label[1:]
        return text_of(self.sentence, label)

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
        return text_of(self.sentence, tokens[start:end])
