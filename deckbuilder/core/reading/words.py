"""What the reader knows of a word: its lemmas and parts of speech (the word table), and which vocabulary terms
a run of tokens spells (the vocabulary of layouts/reading.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from deckbuilder.core.rules.english import FINITE_TAGS, VERB_TAGS, English
from deckbuilder.core.rules.vocabulary import Term, Vocabulary

from .tokens import WORD, Token

_GRADED = frozenset({"JJR", "JJS", "RBR", "RBS"})


class Words:
    """Lemmas and parts of speech of tokens, from the word table and the grammar's closed classes."""

    def __init__(self, english: English, vocabulary: Vocabulary) -> None:
        self.english = english
        self.grammar = vocabulary.grammar
        self._function = self.grammar.function_words
        self.charts = frozenset(term[0] for term in vocabulary.titles.get("charts", ()) if len(term) == 1)
        self._lemmas: dict[str, frozenset[str]] = {}
        self._tags: dict[str, frozenset[str]] = {}  # by the word as written, lower-cased: asked of every token
        self._matched: dict[str, frozenset[str]] = {}

    def lemmas(self, token: Token) -> frozenset[str]:
        """Return every lemma a word may stand for, itself included ("chose" -> {"chose", "choose"}); a
        hyphenated word also stands for its last part's lemmas ("cross-validated" -> "crossvalidate"), and a
        negated contraction for "not" ("isn't")."""
        word = token.key
        if word in self._lemmas:
            return self._lemmas[word]
        lower = token.text.lower().replace("’", "'")
        found = set(self.english.lemmas(word)) | set(self.english.lemmas(lower))
        if "-" in lower and not found - {word, lower}:
            head, _, last = lower.rpartition("-")
            found |= {head.replace("-", "") + lemma for lemma in self.english.lemmas(last)}
        found.add(word)
        if word.endswith("n't"):
            found.add("not")  # "isn't the best", "doesn't hold": a contraction says "not" for the phrases that do
        result = frozenset(found)
        self._lemmas[word] = result
        return result

    def matched_lemmas(self, token: Token) -> frozenset[str]:
        """The lemmas a vocabulary term matches a word by: a comparative or superlative is a word of its own
        ("earlier days" is no "early days", "better" no "well")."""
        found = self._matched.get(token.key)
        if found is None:
            found = frozenset({token.key}) if self.tags(token) <= _GRADED else self.lemmas(token)
            self._matched[token.key] = found
        return found

    def tags(self, token: Token) -> frozenset[str]:
        if not token.is_word:
            return frozenset()
        if token.key in self._function:
            return frozenset({"FW"})
        lower = token.text.lower().replace("’", "'")
        found = self._tags.get(lower)
        if found is None:
            if "-" in lower.strip("-") and not self.english.readings(lower):
                # an English compound takes the part of speech of its last part: "over-ranks", "cross-validated"
                found = self.english.tags(lower.rpartition("-")[2])
            else:
                found = self.english.tags(lower)
            self._tags[lower] = found
        return found

    def is_verb(self, token: Token) -> bool:
        return bool(self.tags(token) & VERB_TAGS)

    def is_finite(self, token: Token) -> bool:
        """Whether a word can be a finite verb (a tense): "drops", "fell", "outperform"; or an auxiliary."""
        return (
            token.key in self.grammar.auxiliaries
            or token.key in self.grammar.modals
            or bool(self.tags(token) & FINITE_TAGS)
        )

    def is_participle(self, token: Token) -> bool:
        return "VBN" in self.tags(token)

    def is_comparative(self, token: Token) -> bool:
        return bool(self.tags(token) & {"JJR", "RBR"}) or token.key in ("more", "less", "fewer")

    def is_noun(self, token: Token) -> bool:
        tags = self.tags(token)
        return bool(tags & {"NN", "NNS"}) or not tags

    def is_plural_noun(self, token: Token) -> bool:
        return "NNS" in self.tags(token)

    def is_function(self, token: Token) -> bool:
        return token.key in self._function

    def is_content(self, token: Token) -> bool:
        """A word that carries meaning: not a function word, a number or punctuation."""
        return token.is_word and token.key not in self._function


# Coarse parts of speech of a word in its sentence.
NOUN, ADJ, VERB, BASE, PART, GERUND, FUNC, NUM, MARK = "N", "J", "V", "VB", "VBN", "VBG", "F", "#", "."
BE_FORMS = frozenset({"am", "is", "are", "was", "were", "be", "been", "being"})  # before a participle: a passive
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "who", "which", "that"})
_INFINITIVE = frozenset({"to", "do", "does", "did", "don't", "doesn't", "didn't", "let's", "please"})
_PERFECT = frozenset({"have", "has", "had", "having", "be", "is", "are", "was", "were", "been", "being", "get", "got"})


def tag(words: Words, tokens: Sequence[Token]) -> list[str]:
    """Return a coarse part of speech for every token, each word read in its place: after a determiner, a
    number or an adjective a word that may be a noun is one ("the limit", "a split"); after a subject pronoun,
    a modal or "to" a word that may be a verb is one ("we split", "to limit"); a participle after "be" or
    "have" is a participle, before a noun a modifier ("boosted trees")."""
    tags: list[str] = []
    grammar = words.grammar
    for i, token in enumerate(tokens):
        if token.is_number:
            tags.append(NUM)
            continue
        if not token.is_word:
            tags.append(MARK)
            continue
        key = token.key
        if key in grammar.modals or key in grammar.auxiliaries:
            tags.append(FUNC if key not in _PERFECT and key not in ("do", "does", "did") else VERB)
            continue
        if key in words._function:
            tags.append(FUNC)
            continue
        readings = words.tags(token)
        before = tokens[i - 1] if i > 0 else None
        if i > 0 and token.text != "I" and any(c.isupper() for c in token.text) and tags[-1] != MARK:
            tags.append(NOUN)  # a name or an acronym mid-sentence: "SMOTE", "Random Forest", "CatBoost"
            continue
        prev = tags[-1] if tags else MARK
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        noun = bool(readings & {"NN", "NNS"})
        adjective = bool(readings & {"JJ", "JJR", "JJS"})
        finite = bool(readings & {"VBD", "VBZ", "VBP"})
        base = "VB" in readings
        participle = "VBN" in readings
        gerund = "VBG" in readings
        verb_reading = finite or base or participle or gerund
        bkey = before.key if before is not None else ""
        next_tags = words.english.tags(after.key) if after is not None and after.is_word else frozenset()
        after_noun = (
            after is not None and after.is_word and after.key not in words._function and bool(next_tags & {"NN", "NNS"})
        )
        # What follows a verb: an object or a complement ("drops 5%", "beats the baseline", "drops by 12%").
        object_follows = after is not None and (
            after.is_number
            or after.key in grammar.determiners
            or after.key in grammar.pronouns
            or after.key in grammar.first_person
            or after.key in ("by", "to", "into", "from")
            or (after.is_word and bool(next_tags & {"JJ", "JJR", "JJS"}) and not next_tags & {"NN", "NNS"})
        )
        # a bare plural object after a verb that agrees with the noun before it: "the model ranks donors"
        bare_object = after is not None and after.is_word and after.key not in words._function and next_tags == {"NNS"}
        purpose = after is not None and after.key == "to" and i + 2 < len(tokens)
        if purpose and "VB" in words.tags(tokens[i + 2]) and not words.tags(tokens[i + 2]) & {"NN", "NNS"}:
            object_follows = False  # "a split to avoid leakage": "to" before a verb is a purpose, not an object
        next_adjective = bool(next_tags & {"JJ"}) or (after is not None and after.key in grammar.determiners)
        if participle and VERB in tags and prev == NOUN and after is not None and after.key == "by":
            tags.append(PART)  # "over-ranks donors recruited by phone": a participle after the clause's verb
            continue
        if verb_reading and after is not None and after.key in words.charts:
            tags.append(NOUN)  # "bar chart", "scatter plot": the word before a kind of figure names it
        elif not verb_reading:
            tags.append(ADJ if adjective and not noun else NOUN)
        elif prev == MARK and "VBZ" in readings and after is not None and after.key == "per":
            tags.append(NOUN)  # "Fetches per year outrank age": a count per period opens the line, a plural noun
        elif bkey in ("which", "who", "that") and finite and not noun:
            tags.append(VERB)  # "a tier, which added under 0.004": a relative pronoun, not a determiner
        elif bkey in grammar.determiners or prev in (NUM, ADJ) or (bkey in grammar.prepositions and bkey != "to"):
            # "the split", "a tuned model", "5 folds", "with boosted trees": a noun or a modifier
            tags.append(NOUN if noun or not (participle or adjective or gerund) else ADJ)
        elif bkey in _PERFECT and participle:
            tags.append(PART)
        elif bkey in _INFINITIVE or bkey in grammar.modals:
            tags.append(BASE if base else VERB)
        elif bkey in _SUBJECTS or bkey in grammar.first_person or bkey in grammar.second_person:
            tags.append(VERB if finite or base else PART if participle else GERUND if gerund else NOUN)
        elif prev == MARK and finite and not noun and next_adjective:
            tags.append(VERB)  # "Avoided complex feature engineering", "Chose the ..."
        elif (participle or gerund) and after_noun and not noun:
            tags.append(ADJ)  # "boosted trees", "missing values"
        elif prev == MARK and base:
            # a line that opens on a verb: an instruction or a note ("Drop the rows", "Chose X")
            tags.append(NOUN if noun and not object_follows else BASE)
        elif prev == MARK and finite and not noun:
            tags.append(VERB)  # "Chose RandomForest", "Avoided complex feature engineering"
        elif noun and prev == NOUN and before is not None and (base or "VBZ" in readings):
            # a noun or a verb after a noun: the verb agrees with it ("random splits leak", "the model drops 5%");
            # otherwise the two are one noun ("time-based split", "grid search", "model results")
            plural = "NNS" in words.tags(before) and "NN" not in words.tags(before)
            agrees = (base and plural) or ("VBZ" in readings and not plural and (object_follows or bare_object))
            tags.append(VERB if agrees else NOUN)
        elif noun and not object_follows:
            tags.append(NOUN)  # "model results are", "feature importance plot", "grid search."
        elif finite:
            tags.append(VERB)
        elif participle:
            tags.append(PART)
        elif gerund:
            tags.append(GERUND)
        else:
            tags.append(NOUN if noun else BASE)
    return tags


class Matcher:
    """Finds vocabulary terms in a run of tokens, longest first, a word matching by any of its lemmas (or, for
    names such as metrics, ``by_lemma=False``, only as written: "mapped" is no "MAP")."""

    def __init__(self, terms: Iterable[Term], words: Words, by_lemma: bool = True) -> None:
        self.words = words
        self.by_lemma = by_lemma
        self._by_first: dict[str, list[Term]] = {}
        self._joined: dict[str, Term] = {}  # "rollout" for ("roll", "out"), "logloss" for ("log", "loss")
        for term in terms:
            self._by_first.setdefault(term[0], []).append(term)
            if len(term) > 1:
                self._joined.setdefault("".join(term), term)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)
        self._firsts = frozenset(self._by_first)

    def _is(self, token: Token, word: str) -> bool:
        return token.is_word and (token.key == word or (self.by_lemma and word in self._lemmas(token)))

    def _lemmas(self, token: Token) -> frozenset[str]:
        return self.words.matched_lemmas(token)

    def at(self, tokens: Sequence[Token], i: int) -> tuple[Term, int] | None:
        """Return (term, how many tokens it spans) for the longest term starting at token ``i``, else None."""
        token = tokens[i]
        key = token.key
        if token.kind != WORD:
            if key not in self._firsts:
                return None
            keys: frozenset[str] = frozenset({key})
        else:
            if key in self._joined:
                return self._joined[key], 1
            keys = self._lemmas(token) if self.by_lemma else frozenset({key})
            if self._firsts.isdisjoint(keys):
                return None  # most words start no term: one set test, no loop
        for first in keys:
            for term in self._by_first.get(first, ()):
                if i + len(term) <= len(tokens) and all(
                    self._is(tokens[i + j], word) for j, word in enumerate(term[1:], start=1)
                ):
                    return term, len(term)
        return None

    def find(self, tokens: Sequence[Token]) -> list[tuple[int, int, Term]]:
        """Return (start, end, term) of every term in ``tokens``, left to right, never overlapping."""
        found = []
        i = 0
        while i < len(tokens):
            hit = self.at(tokens, i)
            if hit is None:
                i += 1
                continue
            term, span = hit
            found.append((i, i + span, term))
            i += span
        return found

    def any(self, tokens: Sequence[Token]) -> bool:
        return any(self.at(tokens, i) is not None for i in range(len(tokens)))
