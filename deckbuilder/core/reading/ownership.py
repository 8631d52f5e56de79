"""Whose words a line's words are (C007 judges only the speaker's own): a quotation or a run of capitalised words
is someone else's ("'sorry, wrong size'", "Honestly Good Bakery"), and so is a clause that reports or describes
another ("the vendor said time was short", "couriers had no time", "the supplier's forecast was rushed")."""

from deckbuilder.core.rules.vocabulary import Grammar

from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import Token, is_possessive
from .words import BE_FORMS

_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "”": "”", "’": "’"}
_OPEN_AFTER = " \t([{:,;—–-"


def others_removed(text: str) -> str:
    """Return ``text`` with the words that are someone else's blanked at their places: a quoted span and a run
    of two or more capitalised words (a name, "Pretty Good Pizza")."""
    return _names_removed(quotes_removed(text))


def quotes_removed(text: str) -> str:
    """Return ``text`` with its quoted spans blanked at their places (an apostrophe inside a word, as in "I've",
    closes nothing)."""
    chars = list(text)
    k = 0
    while k < len(text):
        char = text[k]
        if char in _QUOTES and (k == 0 or text[k - 1] in _OPEN_AFTER):
            close = _closing(text, k + 1, _QUOTES[char])
            if close is not None:
                chars[k : close + 1] = " " * (close + 1 - k)
                k = close + 1
                continue
        k += 1
    return "".join(chars)


def _closing(text: str, start: int, closer: str) -> int | None:
    for k in range(start, min(len(text), start + 400)):
        if text[k] != closer and not (closer == "'" and text[k] == "’") and not (closer == "’" and text[k] == "'"):
            continue
        inside_word = 0 < k < len(text) - 1 and text[k - 1].isalnum() and text[k + 1].isalnum()
        if not inside_word:
            return k
    return None


def _names_removed(text: str) -> str:
    words = text.split(" ")
    capital = [bool(w[:1].isupper()) and w != "I" and not w.isupper() for w in words]
    out = list(words)
    k = 0
    while k < len(words):
        end = k
        while end < len(words) and capital[end]:
            end += 1
        if end - k >= 2 and not (k == 0 and end - k == len(words)):
            out[k:end] = [" " * len(w) for w in words[k:end]]
        k = max(end, k + 1)
    return " ".join(out)


def reports_others(reader: Lexicon, sentence: Sentence, start: int, opens: bool) -> bool:
    """Whether the clause a hedge stands in reports or describes someone else: no first person before it, and a
    verb of saying, another's possessive ("the supplier's forecast was rushed"), or a plural subject that opens
    the sentence with its verb ("Couriers had no time")."""
    tokens = sentence.tokens
    grammar = reader.words.grammar
    clause = [j for j in sentence.clause_of(start) if j < start]
    before = [tokens[j] for j in clause]
    # the speaker before the hedge, or opening it ("Worth saying that I'm no microbiologist")
    if any(t.key.split("'")[0] in grammar.first_person for t in [*before, tokens[start]]):
        return False
    reported = reader.matcher(reader.vocabulary.hedge_words["reported"])
    for j in range(start):
        # "the client said ...", "we were told ...": another's words; not the speaker's own ("I'd love to say")
        if reported.at(tokens, j) is not None and not _says_self(tokens[max(0, j - 3) : j], grammar):
            return True
    if any(others_possessive(reader, t) for t in before):
        return True
    # "Planners wouldn't trust the old rule", "The drivers don't trust the ETA": whoever opens the line and
    # trusts or relies is a person, and they are the ones who doubt ("Results may be inflated" stays the work's)
    subject = start - 1
    trusting = reader.matcher(reader.vocabulary.hedge_words["trusting"]).any(tokens[start : start + 4])
    if (
        trusting
        and opens
        and subject >= 0
        and (subject == 0 or (subject == 1 and tokens[0].key in grammar.determiners))
        and tokens[subject].is_word
        and reader.words.is_plural_noun(tokens[subject])
    ):
        return True
    agents = reader.matcher(reader.vocabulary.hedge_words["agents"])
    return (
        opens
        and len(tokens) > 1
        and start > 1
        and tokens[0].is_word
        and reader.words.is_plural_noun(tokens[0])
        and agents.at(tokens, 1) is not None
        and tokens[0].key not in grammar.first_person
    )


def _says_self(before: list[Token], grammar: Grammar) -> bool:
    """Whether the words before a verb of saying make the speaker its subject: "I'd love to say", not "we were
    told" (a passive: someone else said it)."""
    people = [k for k, t in enumerate(before) if t.key in grammar.first_person]
    return bool(people) and not any(t.key in BE_FORMS for t in before[people[-1] + 1 :])


def others_possessive(reader: Lexicon, token: Token) -> bool:
    """Another's possessive ("the supplier's", "the vendor's"), not a contraction ("it's", "that's") or the
    speaker's ("our")."""
    grammar = reader.words.grammar
    return is_possessive(token) and token.key not in grammar.first_person and token.key not in grammar.auxiliaries


def for_others(reader: Lexicon, sentence: Sentence, end: int) -> bool:
    """ "Time was tight for the ops team": the scarcity is named as someone else's just after it."""
    after = sentence.tokens[end : end + 6]
    return any(
        t.key == "for"
        and k + 1 < len(after)
        and after[k + 1].key in ("the", "their", "his", "her", "its", "them", "him")
        for k, t in enumerate(after)
    )
