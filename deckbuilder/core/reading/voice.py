"""Whose words a sentence is, and which part of a talk it speaks to.

The assignment's voice addresses the candidate: "please", "your model", "you should", an instruction that opens
on a verb ("Develop a model that ..."), the words of a brief (deliverables, evaluation). The candidate's voice
reports: the first person, past tenses. Neither alone decides ("as you can see" is the candidate's; "Drop the
duplicate rows" is a candidate's note): `Voice.prompt` weighs them.

A sentence looks ahead when a modal governs its verb ("could be improved", "I would add") or a word of the
future sets it there ("a next step", "in the future"); it speaks of errors when it holds the words of error
analysis (layouts/reading.yaml, topics).
"""

from typing import NamedTuple

from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import Token
from .words import BASE, PART, VERB

_PAST_COUNTERFACTUAL = frozenset({"have", "'ve"})  # "could have done": a regret about the past, not a plan
# "will" and "shall" narrate what the write-up does next ("the first part will be used to train"), not a plan;
# a plan in them says so with a word of the future ("in the future we will ...").
_NARRATING = frozenset({"will", "shall", "'ll", "won't"})


class Voice(NamedTuple):
    first_person: bool
    speaker: bool  # the first person singular: the candidate's own voice
    addressed: bool  # "you", "your"
    possessive_you: bool  # "your model", "your code": the brief's way of speaking of the work
    please: bool
    obligation: bool  # "you should", "must", "are expected to"
    imperative: bool  # opens on a verb with no subject
    brief: bool  # the words of an assignment: deliverables, evaluation, bonus
    reports: bool  # a past tense: what was done
    asks: bool = False  # a question that names nobody on our side ("Which crises show a deterioration?")

    @property
    def prompt_score(self) -> int:
        score = 2 * self.please + 2 * self.possessive_you + 2 * (self.obligation and self.addressed)
        score += self.addressed + self.imperative + self.brief + self.asks
        # The company speaks of itself in the first person too ("we'll look at your code"): only the first
        # person with nobody addressed is the candidate's.
        score -= 3 * (self.first_person and not self.addressed) + self.reports
        return score

    @property
    def candidate(self) -> bool:
        """Whether the sentence is the candidate's: "I", or a report of work that addresses nobody."""
        return self.speaker or (self.reports and not self.addressed and not self.please)

    @property
    def prompt(self) -> bool:
        """Whether the sentence is the assignment's words rather than the candidate's."""
        return self.prompt_score >= 2


def read_voice(reader: Lexicon, sentence: Sentence) -> Voice:
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
        speaker=any(k in grammar.first_singular for k in keys),
        addressed=addressed,
        possessive_you=possessive,
        please=reader.matcher(voice.please).any(tokens),
        obligation=reader.obligation.any(tokens),
        imperative=imperative,
        brief=reader.brief_words.any(tokens),
        reports=reports,
        asks=sentence.text.rstrip().endswith("?") and not any(k in grammar.first_person for k in keys),
    )


def looks_ahead(reader: Lexicon, sentence: Sentence) -> bool:
    """Whether the sentence speaks of what is still to do: a modal that governs an act ("could add", "would
    try", "could be improved", "could be to apply"), not a judgement ("could be a good parameter", "would appear
    to show", "could have tuned"); or a word of the future ("a next step", "in the future")."""
    if reader.looking_ahead.any(sentence.tokens):
        return True
    tokens = sentence.tokens
    pos = reader.pos(sentence)
    modals = reader.words.grammar.modals
    epistemic = reader.vocabulary.epistemic
    subordinate = reader.words.grammar.subordinators
    for k, token in enumerate(tokens):
        if token.key not in modals or token.key in _NARRATING:
            continue
        clause = sentence.clause_of(k)
        if any(
            (tokens[j].key in subordinate or tokens[j].key == "otherwise")
            and not any(tokens[i].text == "," for i in range(j + 1, k))
            for j in clause
            if j < k
        ):
            # "because anything later would leak": a reason's hypothesis, not a plan; but after the comma of
            # "If I had more time, I would tune" the modal is the main clause's
            continue
        if _embedded(reader, tokens, pos, k):
            continue  # "well above the accuracy we would obtain by guessing": a clause inside a statement
        verb = next(
            (j for j in range(k + 1, min(k + 5, len(tokens))) if pos[j] in (BASE, VERB) or tokens[j].key == "be"), None
        )
        if verb is None:
            continue
        between = [t.key for t in tokens[k + 1 : verb]]
        if any(w in ("not", "n't") for w in between) or tokens[verb].key in _PAST_COUNTERFACTUAL:
            continue
        lemmas = reader.words.lemmas(tokens[verb])
        if not lemmas & epistemic:
            if token.key in ("can", "cannot", "can't"):
                continue  # "can" states an ability: "you can use X"
            # an act the writer would take ("I would add"), or one of the acts of next steps ("could improve");
            # not what a thing would do ("later weeks would leak the outcome")
            before = [tokens[j].key for j in range(k) if sentence.same_clause(j, k)]
            grammar = reader.words.grammar
            if any(w in grammar.first_person or w in grammar.second_person or w == "one" for w in before):
                return True
            if reader.topic("next_steps").at(tokens, verb) is not None:
                return True
            continue
        # a copula looks ahead when a passive or a "to" act follows it: "could be improved", "could be to apply"
        after = pos[verb + 1 : verb + 3]
        keys = [t.key for t in tokens[verb + 1 : verb + 3]]
        if tokens[verb].key == "be" and (PART in after[:2] or keys[:1] == ["to"]):
            if token.key in ("can", "cannot", "can't") and PART in after[:2]:
                # "can be done by evaluating it" describes a method; "can be improved by tuning" is a step
                part = verb + 1 + after[:2].index(PART)
                if reader.topic("next_steps").at(tokens, part) is None:
                    continue
            return True
    return False


def _embedded(reader: Lexicon, tokens: list[Token], pos: list[str], k: int) -> bool:
    """Whether the modal at ``k`` stands in a clause inside a statement whose finite verb comes first, with no
    comma or conjunction between ("the accuracy is above what we would obtain"); a verb that puts forward the
    writer's view ("I think we should add", "I recommend we should") leaves the modal the sentence's point."""
    grammar = reader.words.grammar
    for j in range(k - 1, -1, -1):
        if tokens[j].text in (",", ";", ":") or tokens[j].key in grammar.conjunctions:
            return False
        if pos[j] == VERB and not (reader.words.lemmas(tokens[j]) & reader.vocabulary.stance):
            return True
    return False


def topic_hits(reader: Lexicon, sentence: Sentence, topic: str) -> int:
    """How many words of a topic (layouts/reading.yaml, topics) a sentence holds."""
    return len(reader.topic(topic).find(sentence.tokens))


def about_errors(reader: Lexicon, sentence: Sentence) -> bool:
    """Whether a sentence speaks of where a model goes wrong: a word of error analysis, or two of the weaker
    words ("error", "bias", "outlier") that name a metric or a data issue as often."""
    if topic_hits(reader, sentence, "error_analysis") >= 1 or topic_hits(reader, sentence, "error_words") >= 2:
        return True
    # a metric judged poor in its clause: "the accuracy of the entire classifier is low"
    named = reader.metric_terms.find(sentence.tokens)
    for start, _, _ in reader.topic("poor").find(sentence.tokens):
        if any(sentence.same_clause(start, m) for m, _, _ in named):
            return True
    return False


def breaks_down(reader: Lexicon, sentence: Sentence) -> bool:
    """Whether a heading breaks a model's measure down by segment ("Performance by Category", "Error per
    region"): a metric (or performance, error) and a word of breaking down after it."""
    tokens = sentence.tokens
    measured = [end for _, end, _ in reader.metric_terms.find(tokens)]
    return any(start >= m for start, _, _ in reader.topic("segment_words").find(tokens) for m in measured)
