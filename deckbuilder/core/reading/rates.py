"""How often a model is right, said as a count out of a count: "gets 97 calls in 100 right", "classifies
correctly 95 of each 100 fittings", "misclassifies fewer than 1 claim in 200". An accuracy (or its complement)
whatever words carry it, read as a percentage so it is judged as accuracy is (C003)."""

from __future__ import annotations

from .lexicon import Lexicon
from .quantities import Measure, Quantity, intensifies
from .sentences import Sentence
from .tokens import Token, spelled_value

_OUT_OF = (("in",), ("out", "of"), ("of", "every"), ("of", "each"), ("of",))


def _count(token: Token, whole: bool = False) -> float | None:
    """A count as written in digits or words; the part may be a decimal ("99.2 of every 100"), the whole not."""
    if token.is_number and not token.unit and not (whole and token.decimals):
        return token.value
    return spelled_value(token)


def _out_of(tokens: list[Token], k: int) -> tuple[float, int] | None:
    """The count a "N [things] in M" at ``k`` is out of, and where it ends."""
    j = k + 1
    while j < len(tokens) and j - k <= 3 and tokens[j].is_word and tokens[j].key not in ("in", "out", "of"):
        j += 1  # "97 calls in 100", "1 claim in 200"
    for words in _OUT_OF:
        if [t.key for t in tokens[j : j + len(words)]] != list(words):
            continue
        m = j + len(words)
        if m < len(tokens) and tokens[m].key in ("a", "an"):
            m += 1  # "96 days in a hundred"
        whole = _count(tokens[m], whole=True) if m < len(tokens) else None
        if whole:
            return whole, m + 1
    return None


def rates_of_right(reader: Lexicon, sentence: Sentence) -> list[Measure]:
    """Return each count out of a count in a clause that says the model is right (or wrong) on it."""
    tokens = sentence.tokens
    right = reader.correctness
    wrong = reader.matcher(reader.vocabulary.incorrectness)
    found: list[Measure] = []
    for k, token in enumerate(tokens):
        part = _count(token)
        if part is None:
            continue
        whole = _out_of(tokens, k)
        if whole is None or not 0 < part <= whole[0]:
            continue
        clause = sentence.clause_of(k)
        judged = [
            j
            for j in clause
            if (right.at(tokens, j) is not None and not intensifies(tokens, j)) or wrong.at(tokens, j) is not None
        ]
        if not judged:
            continue
        text = sentence.text[token.start : tokens[whole[1] - 1].end]
        share = Quantity(text, round(100 * part / whole[0], 2), "%", decimals=2)
        # "two more than last year", "half the old rule's rate", "against 91 for the rule", "whereas ..."
        markers = (reader.than, reader.relative, reader.comparison_markers, reader.contrast)
        compared = any(m.any(tokens) for m in markers)
        found.append(Measure("accuracy", "accuracy", share, sentence.text, compared=compared, position=k))
    return found
