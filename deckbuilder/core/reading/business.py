"""What a result means for the business, read by shape whatever the domain's nouns: cases per period ("about
340 accounts flagged a month", "fourteen more excursion days a year") or a share of what the model is after
("finds 62% of churners", "71% of excursions", "31 of last year's 44 excursion days")."""

from __future__ import annotations

from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import Token, is_number_word, is_year

_WITHIN = 6  # words between a count and its period ("340 accounts flagged a month")


def _counts(token: Token) -> bool:
    """A count of things: a number written in digits or words, not a year, a ratio or a point change."""
    if is_number_word(token):
        return True
    return token.is_number and not is_year(token) and token.unit not in ("x", "pp")


def per_period(reader: Lexicon, sentence: Sentence) -> bool:
    """Whether a count is given per period: "340 accounts flagged a month", "three checks a day"."""
    tokens = sentence.tokens
    periods, per = reader.time("periods"), reader.time("per")
    for k, token in enumerate(tokens):
        if not _counts(token) or token.unit == "%":
            continue
        for j in range(k + 1, min(len(tokens) - 1, k + 1 + _WITHIN)):
            if not tokens[j].is_word and tokens[j].text != "/":
                break
            # "a month", "per month", or "/month" as notes write it
            if (per.at(tokens, j) is not None or tokens[j].text == "/") and periods.at(tokens, j + 1) is not None:
                return True
    return False


def share_caught(reader: Lexicon, sentence: Sentence, measured: set[str]) -> bool:
    """Whether a share of what the model is after is stated: a percentage of things ("62% of churners"), or a
    count out of a count of things ("31 of last year's 44 excursion days"). A percentage that is a metric's
    level (``measured``: "explains 80% of the variance") or a share of the time ("right 71% of the time") is
    how well the model scores, not what it catches."""
    tokens = sentence.tokens
    words = reader.words
    for k, token in enumerate(tokens[:-2]):
        if not token.is_number or tokens[k + 1].key != "of" or token.text in measured:
            continue
        rest = [t for t in tokens[k + 2 : k + 8] if t.is_number or t.is_word]
        before = [t for t in tokens[max(0, k - 3) : k] if t.key not in ("the", "a")]
        if before and before[-1].key in reader.vocabulary.cutoff_words:
            continue  # "In the top 5% of round-days": the cut-off the model works at, not a share it catches
        if token.unit == "%":
            things = [t for t in rest[:4] if t.is_word and not words.is_function(t)][:3]  # "of late orders"
            noun = next((t for t in things if words.is_noun(t)), None)
            if noun is not None and noun.key != "time" and not reader.is_metric_word(noun):
                return True
        elif not token.unit:
            counted = next((i for i, t in enumerate(rest[:4]) if t.is_number and not t.unit), None)
            if counted is not None and any(
                t.is_word and words.is_plural_noun(t) for t in rest[counted + 1 : counted + 4]
            ):
                return True
    return False
