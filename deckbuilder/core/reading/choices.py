"""Choices: what was chosen, why, and what it was chosen over.

An act of choosing is a verb of choice in any inflection, active ("we went with CatBoost"), passive ("CatBoost
was chosen for ...", "X chosen for interpretability"), or without a subject as notes write it ("Chose X for
simplicity vs. Y"); an outcome that settles a choice ("in the end X worked best", "X beat Y", "X is the best
model"); or a weak verb ("used", "kept", "dropped") when a reason or the road not taken stands beside it ("used
X because ..., rather than Y"). The chosen thing is the verb's object, or its subject when the verb is passive or
an outcome; the reason follows a reason marker ("because", "since", "due to", "for"); the alternative follows an
alternative marker ("over", "instead of", "rather than", "vs").
"""

from typing import NamedTuple

from .choice_phrases import MAX_WORDS, ChoicePhrases, _capital, _clean, _short
from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import Token
from .words import ADJ, BASE, GERUND, NOUN, PART, VERB

_BETWEEN = frozenset({"not", "n't", "also", "never", "then", "only", "already", "simply", "just"})
_OBLIGED = frozenset({"has", "have", "had", "need", "needs", "needed", "ought"})  # "has to be dropped"
_WEAK_WORDS = 8  # what a weak verb ("used", "kept") names, when it is a choice, is short


_SET_OFF = (",", "-", "–", "—")  # what sets a ", not ..." apart from what it is set against


def set_against(tokens: list[Token]) -> bool:
    """Whether a line sets what it says against another option after a comma or a dash: "Rank on audio signals,
    not on complaints", "Split by winter - not by ewe"."""
    return any(
        t.key == "not" and 0 < k < len(tokens) - 1 and tokens[k - 1].text in _SET_OFF for k, t in enumerate(tokens)
    )


class Choice(NamedTuple):
    chosen: str
    reason: str
    alternative: str
    sentence: str
    strong: bool  # a verb of choice or an outcome; a weak verb needs a reason or an alternative to count
    why_not: str = ""  # what the alternative lacks: "rather than Y, which would need ..."


class _ChoiceReader(ChoicePhrases):
    def read(self) -> list[Choice]:
        found: list[Choice] = []
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            strong = self.reader.choice_verbs.at(tokens, i)
            weak = None if strong is not None else self.reader.weak_choice_verbs.at(tokens, i)
            hit = strong or weak
            if hit is None or not self._verb_at(i):
                i += 1
                continue
            _term, span = hit
            choice = self._act(i, i + span, strong is not None)
            if choice is not None:
                found.append(choice)
                i += span
                continue
            i += 1
        found.extend(self._outcomes())
        if not found:
            found.extend(self._verbless())
        return found

    def _verbless(self) -> list[Choice]:
        """A note with no verb: "Weekly time-based split instead of a random split because ..." names its choice
        as a noun phrase, with both its alternative and its reason."""
        tokens = self.tokens
        start = self._first_word()
        marker = next((k for k in range(start + 1, len(tokens)) if self._alternative_at(k)), None)
        if start < 0 or marker is None or any(p == VERB for p in self.pos[start:marker]):
            return []
        term = self.reader.alternatives.at(tokens, marker)
        if term is None or term[0] in (("than",), ("not",), ("vs",), ("versus",), ("over",)):
            return []
        chosen, _ = self.phrase(start)
        chosen = chosen or _clean(self.sentence.span(start, marker))
        reason = self.reason_after(marker)
        alternative = self.alternative_after(marker)
        if not (chosen and reason and alternative) or len(chosen.split()) > _WEAK_WORDS:
            return []
        if not self._names_something(chosen):
            return []
        return [Choice(_capital(chosen), reason, alternative, self.sentence.text, False)]

    def _verb_at(self, i: int) -> bool:
        """Whether the word at ``i`` is a verb in its place ("we split", not "a split")."""
        return self.pos[i] in (VERB, BASE, PART, GERUND)

    def _passive(self, v: int) -> bool:
        token = self.tokens[v]
        if not (self.pos[v] == PART or self.words.is_participle(token) or token.key in ("chose",)):
            return False
        k = v - 1
        while k > 0 and self.tokens[k].key in _BETWEEN:
            k -= 1  # "are also not taken into account"
        before = self.tokens[k] if k >= 0 and v > 0 else None
        if before is not None and before.key in ("is", "are", "was", "were", "been", "being", "got"):
            return True
        if before is not None and before.key == "be":  # "will be chosen", "has to be dropped", not "to be tuned"
            if v >= 2 and self.tokens[v - 2].key in self.words.grammar.modals:
                return True
            return v >= 3 and self.tokens[v - 2].key == "to" and self.tokens[v - 3].key in _OBLIGED
        # "X chosen for interpretability": a participle right after a noun phrase, with no subject before it
        return (
            before is not None
            and before.is_word
            and not self._first_person_before(v)
            and self.words.is_noun(before)
            and v > 0
        )

    def _first_person_before(self, v: int) -> bool:
        return any(t.key in self.words.grammar.first_person for t in self.tokens[max(0, v - 4) : v])

    def _act(self, v: int, after: int, strong: bool) -> Choice | None:
        tokens = self.tokens
        if self._passive(v):
            chosen = self.subject_before(v)
            rest = after
            if self._has_clause(chosen):
                return None
        else:
            # "decided to use X", "chose to optimise for X": the object of the verb after "to"
            start = after
            verb_phrase = False
            if start < len(tokens) and tokens[start].key == "to" and start + 1 < len(tokens):
                nxt = tokens[start + 1]
                if self.pos[start + 1] in (BASE, VERB):
                    start += 1
                    verb_phrase = not self.reader.weak_choice_verbs.any([nxt]) or tokens[start].key in (
                        "do",
                        "go",
                        "turn",
                    )
            if verb_phrase:  # "decided to do a grid search": the act chosen is the verb and its object
                _, rest = self.phrase(start + 1)
                chosen = _clean(self.sentence.span(start, rest))
            else:
                if start > after:
                    start += 1  # "decided to use X": X
                chosen, rest = self.phrase(start, article=True)
                if not strong and rest < len(tokens) and tokens[rest].key == "as":
                    role, after_role = self.phrase(rest + 1, article=True)
                    if role and len(role.split()) <= 4 and not self._reason_as(rest):
                        chosen, rest = f"{chosen} as {role}", after_role  # "kept the last 8 weeks as a test period"
                negative = self.reader.matcher(self.reader.vocabulary.choice.negative).at(tokens, v)
                if (
                    negative
                    and start < len(tokens)
                    and (tokens[start].is_number or tokens[start].key in ("to", "by", "from"))
                ):
                    return None  # "drops to 0.22": a change, not a thing left out
                if chosen and negative:
                    chosen = _clean(self.sentence.span(v, rest))  # "Avoided X": leaving X out is the choice
        if not chosen or len(chosen.split()) > (MAX_WORDS if strong else _WEAK_WORDS):
            return None
        if not self._names_something(chosen):
            return None
        reason = self.reason_after(rest, strong) or self.reason_before(v) or self.reason_around()
        alternative, why_not = self._alternative(rest)
        if len(reason.split()) > MAX_WORDS + 6:
            reason = ""
        if len(alternative.split()) > MAX_WORDS:
            alternative = ""
        subject_ok = strong and (self._passive(v) or self._first_person_before(v) or v == self._first_word())
        if not (subject_ok or reason or alternative):
            return None
        # A weak verb ("used", "kept") chooses only against an alternative; one that leaves out ("avoided")
        # names its alternative in itself, so a reason is enough.
        leaves_out = self.reader.matcher(self.reader.vocabulary.choice.negative).at(tokens, v) is not None
        owned = self._first_person_before(v) or self._passive(v)
        # a procedure's step ("Remove stop words to lower case") gives a purpose, not a reason to choose
        purpose_only = reason.split(" ", 1)[0].lower() == "to"
        if not strong and not (alternative or ((leaves_out or owned) and reason and not (purpose_only and not owned))):
            return None
        return Choice(_capital(chosen), reason, alternative, self.sentence.text, strong, why_not=why_not)

    def _has_clause(self, phrase: str) -> bool:
        """Whether a phrase holds a clause of its own (a verb or a subject pronoun): then it is no subject."""
        said = self.reader.sentence(phrase)
        grammar = self.words.grammar
        return any(
            (tag == VERB and not t.text[:1].isupper())
            or t.key in grammar.first_person
            or t.key in grammar.second_person
            for t, tag in zip(said.tokens, self.reader.pos(said), strict=True)
        )  # a capitalised word is a name, never the clause's verb: '"Casual" and "Registered"'

    def _names_something(self, phrase: str) -> bool:
        """Whether a chosen phrase names a thing or an act: it holds a noun, and opens on neither a pronoun nor a
        connective ("Therefore", "This will", "To")."""
        reader = self.reader
        said = reader.sentence(phrase)
        tags = reader.pos(said)
        if not said.tokens or (not said.tokens[0].is_word and not said.tokens[0].is_number):
            return False
        first = said.tokens[0].key
        grammar = self.words.grammar
        if tags[0] in (BASE, VERB) and len(said.tokens) > 1 and first not in grammar.modals:
            return True  # an act: "do a grid search", "turn the column into an indicator"
        if first in grammar.pronouns or first in grammar.conjunctions or first in grammar.subordinators:
            return False
        if first in grammar.prepositions or first in grammar.modals or first in grammar.auxiliaries:
            return False
        if len(said.tokens) == 1 and tags[0] != NOUN and not self.words.is_noun(said.tokens[0]):
            return False
        generic = self.reader.vocabulary.generic_nouns
        content = [t for t in said.tokens if t.is_word and not self.words.is_function(t)]
        if content and all(t.key in generic or t.key in ("now", "such", "other") for t in content):
            return False  # "a model", "some techniques", "the one": nothing in particular
        if tags[0] in (BASE, VERB) and len(said.tokens) > 1:
            return True  # an act: "do a grid search", "turn the column into an indicator"
        return any(t in (NOUN, ADJ) for t in tags) or said.tokens[0].text[:1].isupper()

    def reason_around(self) -> str:
        """A reason in a neighbouring sentence: the one before when this one opens on "Therefore", the one after
        when it opens on "This is because"."""
        first = self._first_word()
        if self.before is not None and first >= 0 and self.reader.consequence.at(self.tokens, first):
            return _short(self.before.text)
        if self.after is not None:
            tokens = self.after.tokens
            start = next((k for k, t in enumerate(tokens) if t.is_word), None)
            hit = self.reader.reason_next.at(tokens, start) if start is not None else None
            if hit is not None and start is not None and start + hit[1] < len(tokens):
                return _short(self.after.text[tokens[start + hit[1]].start :])
        return ""

    def _outcomes(self) -> list[Choice]:
        """ "X worked best", "X is the best model", "X beat Y", "X is preferable to Y"."""
        found = []
        tokens = self.tokens
        for start, end, _ in self.reader.best_words.find(tokens):
            if end < len(tokens) and tokens[end].key == "up":
                continue  # "the buyer cannot be topped up": a phrasal verb, no outcome
            # The subject before the verb that the superlative completes.
            verb = next(
                (
                    k
                    for k in range(start - 1, max(-1, start - 4), -1)
                    if self.words.is_verb(tokens[k]) or tokens[k].key in self.words.grammar.auxiliaries
                ),
                None,
            )
            if verb is None:
                continue
            subject = self.subject_before(verb)
            if (
                subject.lower() == "it"
                and end + 1 < len(tokens)
                and tokens[end].key == "to"
                and self.pos[end + 1] == BASE
            ):
                # "it is best to turn the column into an indicator": the act after "to" is the choice
                act, stop = self.phrase(end + 2)
                if self.reader.choice_verbs.at(tokens, end + 1) is None and act:
                    act = _clean(self.sentence.span(end + 1, stop))
                    found.append(
                        Choice(
                            _capital(act),
                            self.reason_after(stop),
                            self.alternative_after(stop),
                            self.sentence.text,
                            True,
                        )
                    )
                continue
            if not subject or len(subject.split()) > 8 or not self._names_something(subject):
                continue
            if self.reader.matcher(self.reader.vocabulary.choice.roles).any(tokens[end : end + 3]):
                continue  # "the strongest single predictor of a repeat absence": a finding about the data
            if (
                not self.reader.outcome_verbs.any(tokens[verb : verb + 1])
                and tokens[verb].key not in self.words.grammar.auxiliaries
            ):
                continue
            alternative = self.alternative_after(end)
            found.append(Choice(_capital(subject), self.reason_after(end), alternative, self.sentence.text, True))
        conditional = any(t.key in ("if", "when", "every", "whenever", "unless") for t in tokens) or any(
            t.key in self.words.grammar.modals for t in tokens
        )
        for start, end, _ in self.reader.beat.find(tokens):
            if self.pos[start] != VERB or conditional:
                continue
            if end < len(tokens) and not tokens[end].is_word:
                continue  # "parking and walking time dominate, and ...": no object, so nothing was beaten
            subject = self.subject_before(start)
            beaten, _ = self.phrase(end)
            if subject and beaten and len(subject.split()) <= 8 and self._names_something(subject):
                found.append(Choice(_capital(subject), "", beaten, self.sentence.text, True))
        return found


def read_choices(
    reader: Lexicon, sentence: Sentence, before: Sentence | None = None, after: Sentence | None = None
) -> list[Choice]:
    """Return the choices one sentence states; ``before`` and ``after`` are its neighbours in the passage, which
    may give a choice its reason."""
    return _ChoiceReader(reader, sentence, before, after).read()
