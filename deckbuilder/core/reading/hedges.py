"""Words that undermine the speaker's own work (C007): apologies, candour markers, time excuses, doubt about
one's own results, weak praise, one's work called rough, defaults kept as a shortcut.

The families and their words are data (layouts/reading.yaml, hedges), read by lemma. A hedge counts only in the
speaker's own words about their own work (whose words they are: ownership.py). A family that hurts only when it
is the speaker's (time was tight) is sure in a line that names the speaker and a note in one that names nobody.
"""

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from deckbuilder.core.rules.vocabulary import HedgeFamily, Term

from .lexicon import Lexicon
from .ownership import for_others, others_removed, reports_others
from .sentences import Sentence
from .tokens import Token
from .words import BE_FORMS, NOUN

_WINDOW = 6  # tokens between a time word and its scarcity, or a doubt and what it doubts


class Hedge(NamedTuple):
    family: str
    phrase: str  # as written
    sure: bool  # the speaker's own: a warning; False: a line that names nobody, a note


def find_hedge(reader: Lexicon, text: str) -> Hedge | None:
    """Return the first hedge of a line: one that is surely the speaker's, else one that names nobody."""
    own_words = others_removed(text)
    said = reader.sentences(own_words)
    own = any(t.key in reader.words.grammar.first_person for s in said for t in s.tokens)
    unsure: Hedge | None = None
    opening = text.split()[0].lower() if text.split() else ""
    for sentence in said:
        # a subject is one that opens the line as written: "The April figures" stays the speaker's once the
        # capitalised run "The April" is blanked as a name
        opens = bool(sentence.tokens) and sentence.tokens[0].text.lower() == opening
        said_keys = reader.keys_of(sentence)
        for family in reader.vocabulary.hedges:
            if reader.firsts_of(family).isdisjoint(said_keys):
                continue  # none of the family's words begins in the sentence: most lines, most families
            for start, end in _hits(reader, sentence, family):
                if reports_others(reader, sentence, start, opens):
                    continue
                phrase = sentence.span(start, end)
                if not family.own or own:
                    return Hedge(family.name, phrase, True)
                if unsure is None and family.unowned and not for_others(reader, sentence, end):
                    unsure = Hedge(family.name, phrase, False)
    return unsure


def _tested_later(reader: Lexicon, tokens: Sequence[Token], start: int, term: Term) -> bool:
    """ "Holds out of time", "0.29, out of time", "the blend added nothing out of time": inside a sentence the
    phrase says how a model was tested (on later data); the excuse is someone being, running or getting out of
    time ("I was basically out of time", "ran out of time") or out of time for something ("out of time to tune")."""
    if term != ("out", "of", "time") or start == 0:
        return False
    end = start + len(term)
    if end < len(tokens) and tokens[end].key in ("to", "for"):
        return False
    j = start - 1
    adverbs = reader.words.grammar.connectives
    while j > 0 and tokens[j].is_word and (reader.words.tags(tokens[j]) & {"RB"} or tokens[j].key in adverbs):
        j -= 1  # "was basically out of time", "were just out of time"
    before = tokens[j]
    return (
        before.key not in BE_FORMS
        and before.key not in ("'m", "'re", "'s")
        and not (reader.words.lemmas(before) & {"run", "get", "be"})
    )


def _hits(reader: Lexicon, sentence: Sentence, family: HedgeFamily) -> list[tuple[int, int]]:
    tokens = sentence.tokens
    if family.unless_number and any(t.is_number or t.text[:1].isdigit() for t in tokens):  # "a 25-point search"
        return []
    unless, unless_after = reader.matcher(family.unless_before), reader.matcher(family.unless_after)
    pos = reader.pos(sentence)
    found = []
    for start, end, found_term in reader.matcher(family.terms).find(tokens):
        after = tokens[end] if end < len(tokens) else None
        if after is not None and unless.at(tokens, end) is not None:
            continue
        if start > 0 and unless_after.at(tokens, start - 1) is not None:
            continue  # "needs no tuning": a virtue of the method, not tuning the speaker skipped
        joined = len(found_term) > 1 and end - start == 1 and "-" in tokens[start].text
        if family.compound_names and joined and after is not None and _names(reader, after, pos[end]):
            continue  # the phrase written as one word before a noun names a kind of it: "an out-of-time test"
        if family.compound_names and _tested_later(reader, tokens, start, found_term):
            continue  # "the ranking holds out of time": tested on later data, the validation's sense
        if after is not None and after.is_number and reader.spread_terms.at(tokens, start) is not None:
            continue  # "MRR sat at 0.27, give or take 0.01": a spread, as "plus or minus" is
        if family.aside and _manner(reader, tokens, start, end):
            continue  # "beekeepers report varroa honestly": how they report, not the speaker's aside
        if family.not_before_noun and after is not None and _names(reader, after, pos[end]):
            continue  # "apology emails": a thing, not an apology
        if family.not_before_noun and _a_thing(reader, tokens, start, pos[start]):
            continue  # "replies that include an apology": a thing someone gives, not the speaker's apology
        # "I don't know the true save rate yet" plans to find out; "I don't know why it rises" admits it
        if family.at_end and after is not None and (after.is_word or after.is_number) and after.key not in _WHY:
            continue
        found.append((start, end))
    if family.no_trade:
        found += _no_trade(reader, tokens, pos)
    if family.predicative:
        found += [
            (s, e)
            for s, e, _ in reader.matcher(family.predicative).find(tokens)
            # a superlative or comparative compares parts of the work ("where the model is weakest", "five points
            # weaker by hoggets than by ewes"): error analysis, no hedge; "thinner than I'd like" judges the work
            if not _compares_parts(reader, tokens, s)
            and ((_said_of(reader, sentence, s) and _of_work(reader, sentence, s, family)) or _tried(reader, tokens, e))
        ]
    if family.discount:
        manner, works = reader.matcher(family.manner), reader.matcher(family.works)
        for start, end, _ in reader.matcher(family.discount).find(tokens):
            for j in range(end, min(len(tokens), end + 5)):
                hit = manner.at(tokens, j)
                if hit is None or not sentence.same_clause(start, j):
                    continue
                # the work's results discounted: between the verb and the manner, or as the passive's subject
                said = [*tokens[end:j], *tokens[max(0, start - 3) : start]]
                if works.any(said):
                    found.append((start, j + hit[1]))  # "take the numbers lightly", "findings are offered tentatively"
                break
    if family.negated:
        negations = reader.words.grammar.negations
        for s, e, _ in reader.matcher(family.negated).find(tokens):
            near = [j for j in range(max(0, s - 3), s) if tokens[j].key in negations or tokens[j].key.endswith("n't")]
            named = e < len(tokens) and tokens[e].is_word and (pos[e] == NOUN or tokens[e].key == "one")
            if near and not named:  # "not the most confident one": a thing described, not the speaker's doubt
                found.append((near[0], e))  # "not 100% sure", "not confident in these numbers"
    if family.times:
        scarce = reader.matcher(family.scarce)
        for start, end, _ in reader.matcher(family.times).find(tokens):
            if tokens[start].key == "times":
                continue  # "3 times as likely": a multiple, not the speaker's time
            for j in range(max(0, start - _WINDOW), min(len(tokens), end + _WINDOW)):
                hit = scarce.at(tokens, j)
                if hit is not None and sentence.same_clause(j, start):
                    found.append((min(start, j), max(end, j + hit[1])))  # "time was tight", "a brutal deadline"
                    break
    if family.epistemic:
        doubted = reader.matcher(family.doubted)
        modals = reader.words.grammar.modals
        for start, end, term in reader.matcher(family.epistemic).find(tokens):
            modal_well = tokens[start].key == "well" and start > 0 and tokens[start - 1].key in modals
            if term == ("well",) and not modal_well:
                # "could well be wrong" doubts; "lines that read well and mean the wrong thing" do not, nor does
                # "better", whose lemma is "well" too ("better on paper and worse in the clinic")
                continue
            if _counted(tokens, start):
                continue  # "c. 3% of labels may be wrong": a measured share of the data, a limitation stated
            for j in range(end, min(len(tokens), end + _WINDOW)):
                hit = doubted.at(tokens, j)
                if hit is not None and sentence.same_clause(j, start):
                    found.append((start, j + hit[1]))
                    break
    return sorted(found)


def _counted(tokens: Sequence[Token], start: int) -> bool:
    """Whether the words just before ``start`` count a share of things ("3% of labels", "about 200 of the
    records"), which makes what follows a measured limitation rather than doubt of the results."""
    before = tokens[max(0, start - _WINDOW) : start]
    return any(t.is_number and u.key == "of" for t, u in pairwise(before))


_SPEAKER_IS = frozenset({"i'm", "we're", "i", "we"})  # "I'm no ...", "I am no ...", "we're no ..."
_NOT_TRADES = frozenset({"longer", "more", "less", "doubt", "way", "one", "match"})  # "I'm no longer sure"


def _no_trade(reader: Lexicon, tokens: list[Token], pos: list[str]) -> list[tuple[int, int]]:
    """The speaker said to be no practitioner of the trade the work needs: "I'm no hydrologist", "we are no
    statisticians" (any noun after "no", whatever the trade)."""
    found = []
    practitioners = reader.matcher(reader.vocabulary.hedge_words["practitioners"])
    for k, token in enumerate(tokens[:-2]):
        if token.key not in _SPEAKER_IS:
            continue
        j = k + 1 if token.key in ("i'm", "we're") else k + 2
        if j + 1 >= len(tokens) or (j == k + 2 and tokens[k + 1].key not in ("am", "are")):
            continue
        after = tokens[j + 1]
        if tokens[j].key == "no" and after.is_word and pos[j + 1] == NOUN and after.key not in _NOT_TRADES:
            found.append((k, j + 2))
        elif tokens[j].key == "not":
            # "I'm not really a time-series person", "we're not statisticians": a practitioner, by the word's end
            rest = tokens[j + 1 : j + 6]
            for n, word in enumerate(rest):
                if word.is_word and (
                    practitioners.at(tokens, j + 1 + n) is not None or word.key.endswith(_TRADE_ENDINGS)
                ):
                    found.append((k, j + 2 + n))
                    break
                if not word.is_word or word.key in (",", "so", "but"):
                    break
    return found


_TRADE_ENDINGS = ("ist", "ists", "ician", "icians")  # statistician, economist, hydrologist


_WHY = frozenset({"why", "how", "whether", "what", "yet"})  # an admitted unknown: "I don't know why the error rises"
_SEGMENT = frozenset({"on", "for", "in", "among", "across", "at"})  # before the segment a model is weak on


def _compares_parts(reader: Lexicon, tokens: list[Token], k: int) -> bool:
    """Whether a superlative or a comparative at ``k`` compares parts of the work with each other, not the work
    with what the speaker wanted ("thinner than I'd like")."""
    tags = reader.words.tags(tokens[k])
    if "JJS" in tags:
        return True
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if after is not None and after.key in _SEGMENT and k + 2 < len(tokens) and tokens[k + 2].is_word:
        return True  # "the model is weak on new customers": where it fails, a part against the rest
    if "JJR" not in tags:
        return False
    than = next((j for j in range(k + 1, min(len(tokens), k + 4)) if tokens[j].key == "than"), None)
    first = reader.words.grammar.first_person
    return than is None or not any(t.key.split("'")[0] in first for t in tokens[than + 1 : than + 3])


def _a_thing(reader: Lexicon, tokens: list[Token], start: int, tag: str) -> bool:
    """Whether a noun term follows an article or a determiner that is not the speaker's ("an apology", "the
    apology", not "my apologies")."""
    if start == 0 or tag != NOUN:
        return False
    grammar = reader.words.grammar
    before = tokens[start - 1].key
    return before in grammar.determiners and before not in grammar.first_person


def _manner(reader: Lexicon, tokens: list[Token], start: int, end: int) -> bool:
    """Whether a one-word adverb ends its clause right after a word ("report varroa honestly -"), where it says
    how something was done; the speaker's aside opens a clause, stands between commas or comes before its verb
    ("Honestly, ...", "we honestly didn't tune it")."""
    after = tokens[end] if end < len(tokens) else None
    if end - start != 1 or start == 0 or not tokens[start - 1].is_word or (after is not None and after.is_word):
        return False
    return "RB" in reader.words.tags(tokens[start])


def _names(reader: Lexicon, token: Token, tag: str) -> bool:
    """A word that may be a noun ("emails", "letters"), not a function word: the word before it modifies it."""
    return token.is_word and not reader.words.is_function(token) and (tag == NOUN or reader.words.is_noun(token))


def _of_work(reader: Lexicon, sentence: Sentence, k: int, family: HedgeFamily) -> bool:
    """Whether a predicative word is said of the speaker's work: its subject (the nearest noun before it in its
    clause) is one of the family's `works`, or follows "my" or "our" ("my analysis here is a bit shaky"), or the
    work is the noun it qualifies ("it's a fairly naive approach")."""
    if not family.works:
        return True
    tokens = sentence.tokens
    works = reader.matcher(family.works)
    if k + 1 < len(tokens) and works.at(tokens, k + 1) is not None:
        return True
    for j in reversed([j for j in sentence.clause_of(k) if j < k]):
        if works.at(tokens, j) is not None or tokens[j].key in ("my", "our"):
            return True
    return False


def _tried(reader: Lexicon, tokens: list[Token], end: int) -> bool:
    """Whether a predicative word ending at ``end`` qualifies a noun of trying, an ordinal or "quick" between ("a
    rough first attempt", "a crude first pass"): the speaker calling their own attempt poor."""
    attempts = reader.matcher(reader.vocabulary.hedge_words["attempts"])
    order = reader.matcher(reader.vocabulary.hedge_words["attempt_order"])
    k = end
    while k < len(tokens) and k < end + 2 and order.at(tokens, k) is not None:
        k += 1
    return k < len(tokens) and attempts.at(tokens, k) is not None


def _said_of(reader: Lexicon, sentence: Sentence, k: int) -> bool:
    """A predicative word said of something ("is a bit naive", "looks decent", "fairly rough"), not one that
    names a kind before its noun ("a naive baseline", "a rough estimate of 40")."""
    tokens = sentence.tokens
    before = tokens[max(0, k - 3) : k]
    degree = reader.matcher(reader.vocabulary.hedge_words["degree"])
    linking = reader.matcher(reader.vocabulary.hedge_words["linking"])
    if any(degree.at(before, j) is not None for j in range(len(before))):
        return True
    if any(linking.at(before, j) is not None for j in range(len(before))):
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        # "is a naive baseline" names a kind, "is fine graded as medium" a thing done; "is naive" or "is naive for
        # ..." judges
        if after is not None and after.is_word and "VBN" in reader.words.tags(after):
            return False
        return after is None or not (after.is_word and reader.pos(sentence)[k + 1] == NOUN)
    return False
