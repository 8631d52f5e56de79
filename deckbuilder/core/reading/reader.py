"""The sentence reader: one object, made once from the Config, that the import and the checks read text with.

It owns the word table and the vocabulary's matchers; what it reads lives beside it: `measures` (numbers and
their metric and baseline), `choices` (a choice, its reason and the road not taken), `voice` (the candidate's
words or the assignment's), `topics` (which part of the talk a sentence is about).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from deckbuilder.core.rules.vocabulary import Metric, Term

from .choices import Choice, read_choices
from .measures import Measure, mentions, read_measures, with_baselines
from .sentences import Sentence, read_sentence, sentences
from .tokens import Token
from .voice import Voice, looks_ahead, read_voice, topic_hits
from .words import Matcher, Words, tag

if TYPE_CHECKING:
    from deckbuilder.core.rules.config import Config


class Reader:
    """Reads sentences with the word table and vocabulary of one Config."""

    def __init__(self, config: Config) -> None:
        self.vocabulary = config.vocabulary
        self.words = Words(config.english, self.vocabulary)
        self._sentences: dict[str, Sentence] = {}
        self._topics: dict[str, Matcher] = {}

    # --- matchers, each built on first use ----------------------------------------------------------------
    def matcher(self, terms: Iterable[Term]) -> Matcher:
        return Matcher(terms, self.words)

    @cached_property
    def metric_by_term(self) -> dict[Term, Metric]:
        found: dict[Term, Metric] = {}
        for metric in self.vocabulary.metrics:
            for alias in metric.aliases:
                found.setdefault(alias, metric)
        return found

    @cached_property
    def metric_terms(self) -> Matcher:
        return self.matcher(self.metric_by_term)

    @cached_property
    def baseline_terms(self) -> Matcher:
        return self.matcher(self.vocabulary.baselines)

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
        if name not in self._topics:
            self._topics[name] = self.matcher(self.vocabulary.topics[name])
        return self._topics[name]

    def is_metric_word(self, token: Token) -> bool:
        return self.metric_terms.at([token], 0) is not None

    # --- reading -------------------------------------------------------------------------------------------
    def sentence(self, text: str) -> Sentence:
        """Return one sentence read into tokens and clauses (kept, since the import and checks reread text)."""
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

    def choices(self, text: str) -> list[Choice]:
        """Return the choices one sentence states."""
        return read_choices(self, self.sentence(text))

    def voice(self, text: str) -> Voice:
        """Return whose words a sentence is (the candidate's or the assignment's)."""
        return read_voice(self, self.sentence(text))

    def looks_ahead(self, text: str) -> bool:
        """Whether a sentence speaks of what is still to do."""
        return looks_ahead(self, self.sentence(text))

    def topic_hits(self, text: str, topic: str) -> int:
        return topic_hits(self, self.sentence(text), topic)

    def measures(self, text: str) -> list[Measure]:
        """Return the measures of one sentence."""
        return read_measures(self, self.sentence(text))

    def measures_in(self, texts: Iterable[str]) -> list[Measure]:
        """Return the measures of a passage (paragraphs, list items), a baseline stated in one sentence given
        to the measures of the same metric in the others."""
        found: list[Measure] = []
        last: Metric | None = None  # the metric the passage last named, for "It averages out at 7.4%"
        for text in texts:
            for said in sentences(text):
                sentence = self.sentence(said)
                measures = read_measures(self, sentence, last)
                found.extend(measures)
                named = mentions(self, sentence)
                last = named[-1].metric if named else last if not measures else None
        return with_baselines(found)
