"""What defends a choice (C006), besides its alternative: a measure ("0.05 more PR-AUC", "cost nothing in
validation"), a rationale that says more than the choice again, or a reason that names the case rather than habit,
a general virtue or the aim alone (`choice.habits`, `choice.virtues` in layouts/reading.yaml)."""

from __future__ import annotations

from deckbuilder.core.outline.model import Decision
from deckbuilder.core.reading.finding import has_clause
from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.reading.sentences import Sentence
from deckbuilder.core.reading.tokens import Token, is_number_word, is_year

PURPOSE = frozenset({("to",), ("for",)})  # a use, not a reason: "to segment the players", "for the final numbers"
_AIMS = frozenset({("in", "order", "to"), ("so", "as", "to"), ("so", "that")})  # what for, not why: no case named


def measured(reader: Reader, sentence: Sentence, tested: bool) -> bool:
    """Whether a line backs what it says with a number, a metric, a test (``tested``) or an outcome measured as
    none ("cost nothing in validation")."""
    return _numbered(sentence) or reader.metric_terms.any(sentence.tokens) or tested or _no_loss(reader, sentence)


def _numbered(sentence: Sentence) -> bool:
    # "one" is also a pronoun; a year names what was chosen ("Dropped the 2020 season"), it measures nothing
    return any((t.is_number and not is_year(t)) or (is_number_word(t) and t.key != "one") for t in sentence.tokens)


def _no_loss(reader: Reader, sentence: Sentence) -> bool:
    return reader.matcher(reader.vocabulary.choice.no_loss).any(sentence.tokens)


def rationale_stands(reader: Reader, decision: Decision, tested: bool) -> bool:
    """Whether a decision's rationale stands without an alternative: it measures (a number or a test:
    "parks range from EUR 0.4m to 60m, and one large park would steer the fit") and says more than the decision
    again ("Five-fold split by mission" for "to divide the accessions into five groups by mission" is the choice
    restated: most of the decision's words come back). A rationale that only names the case is no defence here: the
    entry has a field for the alternative, and three outside authors planted an empty one as C006."""
    if not decision.rationale:
        return False
    said = reader.sentence(decision.rationale)
    # measured, but by a number or a test: a metric named with no number ("best PR-AUC on the validation
    # months") claims a win over options it does not name, and the entry's alternative is what is missing
    if not (tested or _numbered(said) or _no_loss(reader, said)):
        return False
    back, total = _said_again(reader, decision.decision, said)
    return back * 2 < total


def restates(reader: Reader, sentence: Sentence, decision: Decision) -> bool:
    """Whether a line says a decision of its slide again: two thirds of the decision's content words, by lemma
    ("Claim frequency and claim severity were modelled separately" for "Separate frequency and severity
    models")."""
    back, total = _said_again(reader, decision.decision, sentence)
    return total > 0 and 3 * back >= 2 * total


def _said_again(reader: Reader, decision: str, sentence: Sentence) -> tuple[int, int]:
    """Return how many of a decision's content words come back in ``sentence`` (by lemma), and how many it has."""
    words = reader.words
    said = {lemma for t in sentence.tokens if words.is_content(t) for lemma in words.lemmas(t)}
    own = [t for t in reader.sentence(decision).tokens if words.is_content(t)]
    return sum(1 for t in own if words.lemmas(t) & said), len(own)


def preferred_to(reader: Reader, tokens: list[Token]) -> bool:
    """ "A Tweedie objective was preferred to a two-part model": "prefer ... to" and the option after it (not
    "preferred to keep it simple", an infinitive)."""
    for k, token in enumerate(tokens[:-2]):
        if "prefer" in reader.words.lemmas(token) and tokens[k + 1].key == "to":
            after = tokens[k + 2]
            if after.key in reader.words.grammar.determiners or "VB" not in reader.words.tags(after):
                return True
    return False


def names_the_case(reader: Reader, text: str) -> bool:
    """Whether a line's reason names the case, not habit ("the standard choice", "as the team usually does"), a
    method's general virtue ("robust and quick to train") or the choice again ("the approach I settled on"):
    some word of it after its first word of reason is neither."""
    tokens = reader.sentence(text).tokens
    marks = [
        end
        for _, end, term in (*reader.reasons.find(tokens), *reader.consequence.find(tokens))
        if term not in PURPOSE and term not in _AIMS
    ]
    colon = next((k + 1 for k, t in enumerate(tokens) if t.text in (":", ";", "—", "–") and k > 0), None)
    start = min([*marks, *([colon] if colon is not None else [])], default=None)
    return start is not None and _names_case(reader, tokens, start)


def rationale_names_the_case(reader: Reader, rationale: str | None) -> bool:
    """Whether a rationale, a reason from its first word, says something of the case in a clause of its own
    rather than habit, a virtue or a bare noun phrase ("the offer email goes out once a week", not "works well",
    "the usual choice" or "cleaner signal")."""
    if not rationale:
        return False
    return has_clause(reader, rationale) and _names_case(reader, reader.sentence(rationale).tokens, 0)


def _names_case(reader: Reader, tokens: list[Token], start: int) -> bool:
    """Whether the reason from ``start`` on names the case: no habit in it, no general virtue said of the method
    ("robust on tabular retail data", "works well": the virtue is the reason itself), and a word that is neither."""
    choosing = reader.vocabulary.choice
    if reader.matcher(choosing.habits).any(tokens[start:]):
        return False
    virtues = reader.matcher(choosing.virtues)
    words = reader.words
    said = list(enumerate(tokens[start:], start=start))
    if any(virtues.at(tokens, k) is not None and words.tags(t) & {"JJ", "RB", "VBZ", "VBP"} for k, t in said):
        return False
    return any(t.is_word and words.is_content(t) and virtues.at(tokens, k) is None for k, t in said)
