"""What every reading of a sentence needs: the word table and tagger (words.py), the vocabulary's matchers, each
built on first use, and the sentences read so far."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from deckbuilder.core.rules.english import VERB_TAGS
from deckbuilder.core.rules.vocabulary import HedgeFamily, Metric, Term

from .sentences import Sentence, pieces, read_sentence, sentences
from .tokens import Token, is_possessive
from .words import Matcher, Words, tag

if TYPE_CHECKING:
    from deckbuilder.core.rules.config import Config


class _Outside(Matcher):
    """A matcher that finds nothing inside a term of another ("random" is no baseline in "random forest")."""

    def __init__(self, inner: Matcher, outer: Matcher) -> None:
        self.__dict__.update(inner.__dict__)
        self._outer = outer

    def at(self, tokens: Sequence[Token], i: int) -> tuple[Term, int] | None:
        for start, end, _ in self._outer.find(tokens[max(0, i - 4) : i + 5]):
            if start <= min(i, 4) < end:
                return None
        return super().at(tokens, i)


class _Baselines(_Outside):
    """Baselines: the vocabulary's, never inside a method's name; a rule that gives every case one answer, read
    from its verb and who it acts on ("approving everyone", "approve-everyone", "flag nobody"); and the level in
    use now, owned ("today's 10%")."""

    def __init__(self, inner: Matcher, outer: Matcher, trivial: frozenset[str], current: frozenset[str]) -> None:
        super().__init__(inner, outer)
        self._trivial = trivial
        self._current = current

    def at(self, tokens: Sequence[Token], i: int) -> tuple[Term, int] | None:
        found = super().at(tokens, i)
        if found is not None or not tokens[i].is_word:
            return found
        token = tokens[i]
        if token.key in self._current and is_possessive(token):
            return (token.key,), 1  # "today's 10%": the level in use now
        verb, _, whom = token.text.lower().rpartition("-")
        if verb and whom in self._trivial:
            acts = self.words.english.tags(verb)  # "approve-everyone": the verb joined to whom it acts on
        elif token.key in self._trivial and i > 0 and tokens[i - 1].is_word:
            acts = self.words.tags(tokens[i - 1])
        else:
            return None
        return ((token.key,), 1) if acts & VERB_TAGS else None


class Lexicon:
    """The word table, the vocabulary's matchers and the sentences read so far: what every reading needs."""

    def __init__(self, config: Config) -> None:
        self.vocabulary = config.vocabulary
        self.words = Words(config.english, self.vocabulary)
        self._sentences: dict[str, Sentence] = {}
        self._topics: dict[str, Matcher] = {}
        self._matchers: dict[tuple[Term, ...], Matcher] = {}
        self._firsts: dict[str, frozenset[str]] = {}

    # --- matchers, each built on first use ----------------------------------------------------------------
    def matcher(self, terms: Iterable[Term]) -> Matcher:
        """A matcher of ``terms``, built once per list of terms."""
        wanted = tuple(terms)
        found = self._matchers.get(wanted)
        if found is None:
            found = self._matchers[wanted] = Matcher(wanted, self.words)
        return found

    @property
    def metric_by_term(self) -> dict[Term, Metric]:
        return self.vocabulary.metric_aliases

    @cached_property
    def metric_terms(self) -> Matcher:
        return Matcher(self.metric_by_term, self.words, by_lemma=False)

    @cached_property
    def methods(self) -> Matcher:
        return self.matcher(self.vocabulary.methods)

    @cached_property
    def baseline_terms(self) -> Matcher:
        """Baselines, never inside a method's name ("Random Forest", "Naive Bayes")."""
        vocabulary = self.vocabulary
        return _Baselines(
            self.matcher(vocabulary.baselines), self.methods, vocabulary.trivial_rules, vocabulary.current_owners
        )

    @cached_property
    def comparison_markers(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.markers)

    @cached_property
    def than(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.than)

    @cached_property
    def change_from(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.change_from)

    @cached_property
    def change_to(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.change_to)

    @cached_property
    def up_from(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.up_from)

    @cached_property
    def contrast(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.contrast)

    @cached_property
    def relative(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.relative)

    @cached_property
    def conditional(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.conditional)

    @cached_property
    def bounds(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.bounds)

    @cached_property
    def bounds_after(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.bounds_after)

    @cached_property
    def outdo(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.outdo)

    @cached_property
    def by(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.by)

    @cached_property
    def change_verbs(self) -> Matcher:
        return self.matcher(self.vocabulary.comparison.change_verbs)

    @cached_property
    def spread_terms(self) -> Matcher:
        return self.matcher(self.vocabulary.spread)

    @cached_property
    def correctness(self) -> Matcher:
        return self.matcher(self.vocabulary.correctness)

    @cached_property
    def choice_verbs(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.verbs)

    @cached_property
    def weak_choice_verbs(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.weak)

    @cached_property
    def best_words(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.best)

    @cached_property
    def beat(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.beat)

    @cached_property
    def outcome_verbs(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.outcome_verbs)

    @cached_property
    def reasons(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.reasons)

    @cached_property
    def reasons_before(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.reasons_before)

    @cached_property
    def consequence(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.consequence)

    @cached_property
    def reason_next(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.reason_next)

    @cached_property
    def alternatives(self) -> Matcher:
        return self.matcher(self.vocabulary.choice.alternatives)

    @cached_property
    def addressee(self) -> Matcher:
        return self.matcher(self.vocabulary.voice.addressee)

    @cached_property
    def obligation(self) -> Matcher:
        return self.matcher(self.vocabulary.voice.obligation)

    @cached_property
    def brief_words(self) -> Matcher:
        return self.matcher(self.vocabulary.voice.assignment)

    @cached_property
    def looking_ahead(self) -> Matcher:
        return self.matcher(self.vocabulary.looking_ahead)

    def topic(self, name: str) -> Matcher:
        """The words of a topic (layouts/reading.yaml, topics): next steps, error analysis ..."""
        return self.topic_of(self.vocabulary.topics, f"topics.{name}", name)

    def keys_of(self, sentence: Sentence) -> frozenset[str]:
        """Every word key and lemma a sentence holds, for a matcher to rule itself out at once."""
        if sentence.keys is None:
            found: set[str] = set()
            for token in sentence.tokens:
                found.add(token.key)
                if token.is_word:
                    found |= self.words.lemmas(token)
            sentence.keys = frozenset(found)
        return sentence.keys

    def firsts_of(self, family: HedgeFamily) -> frozenset[str]:
        """The first words of every term a hedge family reads (hedges.py)."""
        found = self._firsts.get(family.name)
        if found is None:
            terms = (
                *family.terms,
                *family.predicative,
                *family.negated,
                *family.times,
                *family.epistemic,
                *family.discount,
            )
            found = self._firsts[family.name] = frozenset(term[0] for term in terms)
        return found

    def time(self, name: str) -> Matcher:
        """The words of time of one kind (layouts/reading.yaml, time): units, relative, events, sequence ..."""
        return self.topic_of(self.vocabulary.time, f"time.{name}", name)

    def title_words(self, name: str) -> Matcher:
        """The words titles are read with (layouts/reading.yaml, titles): amounts, pointers, presenting ..."""
        return self.topic_of(self.vocabulary.titles, f"titles.{name}", name)

    def vague_words(self, name: str) -> Matcher:
        """The words of a vague next step (layouts/reading.yaml, vague): work, objects, fillers."""
        return self.topic_of(self.vocabulary.vague, f"vague.{name}", name)

    def topic_of(self, table: dict[str, tuple[Term, ...]], cache_key: str, name: str) -> Matcher:
        if cache_key not in self._topics:
            self._topics[cache_key] = self.matcher(table[name])
        return self._topics[cache_key]

    def is_metric_word(self, token: Token) -> bool:
        return self.metric_terms.at([token], 0) is not None

    # --- reading -------------------------------------------------------------------------------------------
    def sentence(self, text: str) -> Sentence:
        """Return one sentence read into tokens and clauses (kept, since the import and checks reread text); a
        text longer than any sentence is read up to that length (a title, a point: see sentences.LONGEST)."""
        text = pieces(text)[0]
        found = self._sentences.get(text)
        if found is None:
            found = self._sentences[text] = read_sentence(text)
        return found

    def pos(self, sentence: Sentence) -> list[str]:
        """Return the coarse part of speech of each token of a sentence (see words.tag), once per sentence."""
        if sentence.tags is None:
            sentence.tags = tag(self.words, sentence.tokens)
        return sentence.tags

    def sentences(self, text: str) -> list[Sentence]:
        return [self.sentence(s) for s in sentences(text)]
