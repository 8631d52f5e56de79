"""The sentence reader: one object, made once from the Config, that the import and the checks read text with.

It owns the word table and the vocabulary's matchers; what it reads lives beside it: `measures` (numbers and
their metric and baseline), `choices` (a choice, its reason and the road not taken), `voice` (the candidate's
words or the assignment's), `topics` (which part of the talk a sentence is about).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from deckbuilder.core.rules.vocabulary import Metric

from .choices import Choice, read_choices
from .finding import names_section, states_finding
from .hedges import Hedge, find_hedge
from .horizon import Time, open_ended, times
from .lexicon import Lexicon
from .measures import read_measures
from .quantities import Measure, mentions, with_baselines
from .sentences import sentences
from .steps import vague_step
from .voice import Voice, about_errors, breaks_down, looks_ahead, read_voice, topic_hits

if TYPE_CHECKING:
    from deckbuilder.core.rules.config import Config


class Reader(Lexicon):
    """Reads sentences with the word table and vocabulary of one Config."""

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self._passages: dict[tuple[str, ...], tuple[Measure, ...]] = {}
        self._choices: dict[str, tuple[Choice, ...]] = {}

    def choices(self, text: str) -> list[Choice]:
        """Return the choices one sentence states, read once per sentence (C006 asks several times)."""
        sentence = self.sentence(text)
        if sentence.text not in self._choices:
            self._choices[sentence.text] = tuple(read_choices(self, sentence))
        return list(self._choices[sentence.text])

    def choices_in(self, texts: Iterable[str]) -> list[Choice]:
        """Return the choices of a passage, each sentence read beside its neighbours (a reason in the sentence
        before "Therefore I used X", or in "This is because ..." after it)."""
        found: list[Choice] = []
        for text in texts:
            said = self.sentences(text)
            for k, sentence in enumerate(said):
                before = said[k - 1] if k > 0 else None
                after = said[k + 1] if k + 1 < len(said) else None
                found.extend(read_choices(self, sentence, before, after))
        return found

    def states_finding(self, title: str) -> bool:
        """Whether a title makes a claim (a clause, an amount, a comparison) rather than naming its slide."""
        return states_finding(self, title)

    def names_section(self, title: str) -> bool:
        """Whether a title only names its section ("Ablation study", "Model comparison")."""
        return names_section(self, title)

    def times(self, text: str) -> list[Time]:
        """Return the times a sentence names: "next month", "weeks 1-6", "before the roll-out", "then", "Q3"."""
        return times(self, self.sentence(text))

    def open_ended(self, text: str) -> bool:
        """Whether a sentence defers to no time ("eventually", "when there is bandwidth")."""
        return open_ended(self, self.sentence(text))

    def vague_step(self, text: str) -> str | None:
        """Why a next step is vague (no time, or only a kind of work), or None when it is concrete."""
        return vague_step(self, self.sentence(text))

    def hedge(self, text: str) -> Hedge | None:
        """The first words of a line that undermine the speaker's own work (see hedges.py), or None."""
        return find_hedge(self, text)

    def voice(self, text: str) -> Voice:
        """Return whose words a sentence is (the candidate's or the assignment's)."""
        return read_voice(self, self.sentence(text))

    def looks_ahead(self, text: str) -> bool:
        """Whether a sentence speaks of what is still to do."""
        return looks_ahead(self, self.sentence(text))

    def topic_hits(self, text: str, topic: str) -> int:
        return topic_hits(self, self.sentence(text), topic)

    def breaks_down(self, text: str) -> bool:
        """Whether a heading breaks a measure down by segment ("Performance by category")."""
        return breaks_down(self, self.sentence(text))

    def about_errors(self, text: str) -> bool:
        """Whether a sentence speaks of where a model goes wrong."""
        return about_errors(self, self.sentence(text))

    def measures(self, text: str) -> list[Measure]:
        """Return the measures of one sentence."""
        return read_measures(self, self.sentence(text))

    def measures_in(self, texts: Iterable[str]) -> list[Measure]:
        """Return the measures of a passage (paragraphs, list items), a baseline stated in one sentence given
        to the measures of the same metric in the others."""
        passage = tuple(texts)
        kept = self._passages.get(passage)
        if kept is not None:
            return list(kept)  # the checks read a line several times (C002, C003, C008): read it once
        found: list[Measure] = []
        last: Metric | None = None  # the metric the passage last named, for "It averages out at 7.4%"
        for text in passage:
            for said in sentences(text):
                sentence = self.sentence(said)
                measures = read_measures(self, sentence, last)
                found.extend(measures)
                named = mentions(self, sentence)
                last = named[-1].metric if named else last if not measures else None
        result = with_baselines(found)
        self._passages[passage] = tuple(result)
        return list(result)


@cache
def reader_for(config: Config) -> Reader:
    """The one reader of a Config: the import, the checks and the drill share its word table, matchers and the
    sentences it has read."""
    return Reader(config)
