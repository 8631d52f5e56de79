"""Whose words a sentence is, and which part of a talk it speaks to.

The assignment's voice addresses the candidate: "please", "your model", "you should", an instruction that opens
on a verb ("Develop a model that ..."), the words of a brief (deliverables, evaluation). The candidate's voice
reports: the first person, past tenses. Neither alone decides ("as you can see" is the candidate's; "Drop the
duplicate rows" is a candidate's note): `Voice.prompt` weighs them.

A sentence looks ahead when a modal governs its verb ("could be improved", "I would add") or a word of the
future sets it there ("a next step", "in the future"); it speaks of errors when it holds the words of error
analysis (layouts/reading.yaml, topics).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .sentences import Sentence
from .words import BASE, PART, VERB

if TYPE_CHECKING:
    from .reader import Reader

_PAST_COUNTERFACTUAL = frozenset({"have", "'ve"})  # "could have done": a regret about the past, not a plan


@dataclass(frozen=True)
class Voice:
    first_person: bool
    addressed: bool  # "you", "your"
    possessive_you: bool  # "your model", "your code": the brief's way of speaking of the work
    please: bool
    obligation: bool  # "you should", "must", "are expected to"
    imperative: bool  # opens on a verb with no subject
    brief: bool  # the words of an assignment: deliverables, evaluation, bonus
    reports: bool  # a past tense: what was done

    @property
    def prompt_score(self) -> int:
        score = 2 * self.please + 2 * self.possessive_you + 2 * (self.obligation and self.addressed)
        score += self.addressed + self.imperative + self.brief
        # The company speaks of itself in the first person too ("we'll look at your code"): only the first
        # person with nobody addressed is the candidate's.
        score -= 3 * (self.first_person and not self.addressed) + self.reports
        return score

    @property
    def prompt(self) -> bool:
        """Whether the sentence is the assignment's words rather than the candidate's."""
        return self.prompt_score >= 2


def read_voice(reader: Reader, sentence: Sentence) -> Voice:
    tokens = sentence.tokens
    grammar = reader.words.grammar
    pos = reader.pos(sentence)
    keys = [t.key for t in tokens]
    voice = reader.vocabulary.voice
    first = next((k for k, t in enumerate(tokens) if t.is_word), None)
    addressed = any(k in grammar.second_person for k in keys) or reader.addressee.any(tokens)
    possessive = any(k in ("your", "yours") for k in keys)
    imperative = first is not None and pos[first] == BASE and keys[first] not in grammar.function_words
    if first is not None and keys[first] in ("please", "kindly") and first + 1 < len(tokens):
        imperative = True
    reports = any(p == VERB and reader.words.tags(t) & {"VBD"} for t, p in zip(tokens, pos, strict=True))
    reports = reports or (any(p == PART for p in pos) and any(k in ("was", "were", "have", "has", "had") for k in keys))
    return Voice(
        first_person=any(k in grammar.first_person for k in keys),
        addressed=addressed,
        possessive_you=possessive,
        please=reader.matcher(voice.please).any(tokens),
        obligation=reader.obligation.any(tokens),
        imperative=imperative,
        brief=reader.brief_words.any(tokens),
        reports=reports,
    )


def looks_ahead(reader: Reader, sentence: Sentence) -> bool:
    """Whether the sentence speaks of what is still to do: a modal before a verb (not "could have done"), or a
    word of the future."""
    tokens = sentence.tokens
    pos = reader.pos(sentence)
    modals = reader.words.grammar.modals
    for k, token in enumerate(tokens):
        if token.key in modals:
            rest = [t.key for t in tokens[k + 1 : k + 4]]
            if token.key in ("can", "cannot", "can't") and not ("be" in rest and PART in pos[k + 1 : k + 5]):
                continue  # "can" states an ability; "can be improved" looks ahead
            if (rest and rest[0] in ("not", "n't")) or any(r in _PAST_COUNTERFACTUAL for r in rest[:2]):
                continue
            if any(p in (BASE, VERB) for p in pos[k + 1 : k + 4]) or rest[:1] == ["be"] or rest[:2] == ["also", "be"]:
                return True
    return reader.looking_ahead.any(tokens)


def topic_hits(reader: Reader, sentence: Sentence, topic: str) -> int:
    """How many words of a topic (layouts/reading.yaml, topics) a sentence holds."""
    return len(reader.topic(topic).find(sentence.tokens))
