"""C006: a choice of method stated without what it was chosen over and what showed it was better.

Read with the sentence reader. A line states a choice when it is an act of choosing (the reader's choices: "chose
X over Y", "X was selected for ..."), a design part named as chosen ("Model: LightGBM", "The backbone is
EfficientNet-B3"), a verb of choosing, of putting a method to work or of leaving out as the main verb of its first
clause ("Oversampled the rare class", "We will use ResNet50", "has to be dropped"), or, on the methodology slide,
a method heading the line. It is not one when it puts something out of scope, works on the data rather than a
method ("Trained on 14 months of orders"), follows what the brief or the client set ("as the brief asked"), is a
plan, is asked of the panel, or is someone else's ("the vendor's model"). A choice is defended by an alternative
with a reason or evidence, or a reason backed by a number, a metric or a test, or (away from the methodology, or
on it when the reason names the case rather than habit) its reason alone; leaving something out needs only its
reason ("Dropped the weather features: they made WAPE 0.2 points worse"). What defends is defence.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.checks import defence
from deckbuilder.checks.reading import reader_for
from deckbuilder.checks.text import flat_points, main_slides, quote
from deckbuilder.core.outline.model import Decision, Slide
from deckbuilder.core.reading.choices import set_against
from deckbuilder.core.reading.ownership import others_possessive, quotes_removed
from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.reading.sentences import Sentence, sentences
from deckbuilder.core.reading.tokens import Token
from deckbuilder.core.reading.words import BASE, BE_FORMS, NOUN, NUM, PART, VERB
from deckbuilder.core.rules.findings import Finding

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config


def is_decision(reader: Reader, text: str, on_model_slide: bool) -> bool:
    """Whether a line states a choice of method (see the module's docstring); a quotation is someone else's
    ("answers of 'I chose a cheaper provider'")."""
    # a question put to the panel states no choice: "Want to see how we landed on 90%? Happy to in Q&A"
    text = " ".join(part for part in sentences(quotes_removed(text)) if not part.rstrip().endswith("?"))
    sentence = reader.sentence(text)
    tokens = sentence.tokens
    choosing = reader.vocabulary.choice
    if not tokens or reader.matcher(choosing.scope).at(tokens, 0) is not None or _given(reader, sentence):
        return False
    if reader.looks_ahead(text):
        return False  # "With more time I would prioritise ...": a plan, not a choice made
    if _kept_apart(sentence):
        return False  # a category of its own, even beside what it was not ("... rather than imputed")
    if tokens[0].key in ("each", "every", "all", "both") and not reader.choices(text):
        return False  # "Each model is trained with five seeds": a protocol every candidate went through, no pick
    if reader.choices(text) or _names_part(reader, sentence):
        return True
    if _acts(reader, sentence) and not _on_data(reader, sentence) and not _supposed(reader, sentence):
        return not _others(reader, sentence)
    # on the methodology slide a line headed by a method is a choice noted without a verb ("CatBoost, because
    # ..."); on the approach slide such a line draws the pipeline at a glance
    start = 1 if tokens[0].key in reader.words.grammar.determiners else 0
    # "CatBoost, because ...", or one word qualifying the method: "Median imputation for the sensor gaps"
    heads = [j for j in (start, start + 1) if j < len(tokens)]
    return on_model_slide and any(reader.methods.at(tokens, j) is not None for j in heads)


def undefended(reader: Reader, text: str) -> str | None:
    """What a choice lacks (the alternative, or the evidence), or None when it is defended."""
    sentence = reader.sentence(text)
    tokens = sentence.tokens
    choosing = reader.vocabulary.choice
    choices = reader.choices(text)
    tested = _tested(reader, sentence)  # "after a sweep of five values": evidence, and the reason it was kept
    measured = defence.measured(reader, sentence, tested)
    reason = tested or _reasoned(reader, text, tested=False)
    leaves_out = reader.matcher(choosing.negative).any(tokens) or (bool(tokens) and tokens[0].key == "no")
    if leaves_out and (reason or measured):
        return None  # leaving something out needs only why: "Dropped the weather features: they made WAPE worse"
    alternative = (
        reader.alternatives.any(tokens) or any(c.alternative for c in choices) or defence.preferred_to(reader, tokens)
    )
    if alternative or reader.beat.any(tokens):
        return None if measured or reason else "no evidence for the choice"
    return None if measured and reason else "no alternative it was chosen over, and no measured reason"


def _reasoned(reader: Reader, text: str, tested: bool | None = None) -> bool:
    """Whether a line says why: a reason, not what for ("to segment the players" or "for the final numbers" is
    the use), a consequence ("..., so the cut-off is set lower"), a test, or a clause after a colon or a dash;
    ``tested`` when the caller has already read the test."""
    sentence = reader.sentence(text)
    tokens = sentence.tokens
    return (
        any(_gives_reason(reader, sentence, start, term) for start, _, term in reader.reasons.find(tokens))
        or any(c.reason for c in reader.choices(text))
        or reader.consequence.any(tokens)
        or (_tested(reader, sentence) if tested is None else tested)
        or _explained(reader, sentence)
    )


def _tested(reader: Reader, sentence: Sentence) -> bool:
    """A test that backs the choice: "after a sweep of five values", "a 3-fold search showed"; not the
    experiments a method was used for ("for all experiments"), nor the test that is itself the choice ("Went with
    5-fold cross-validation")."""
    tokens = sentence.tokens
    chosen = " ".join(c.chosen.lower() for c in reader.choices(sentence.text))
    for start, end, _ in reader.matcher(reader.vocabulary.choice.evidence).find(tokens):
        before = [t.key for t in tokens[max(0, start - 3) : start]]
        if any(w in ("all", "every", "each", "for") for w in before):
            continue
        if chosen and sentence.span(start, end).lower() in chosen:
            continue
        if _heads(reader, sentence, start, end):
            continue
        return True
    return False


def _heads(reader: Reader, sentence: Sentence, start: int, end: int) -> bool:
    """Whether a test heads the line as what was done, not what showed it: only its modifiers before it ("Five-fold
    cross-validation with early stopping", "Stratified 5-fold cross-validation was applied"), and after it no
    verb, or a verb that puts a method to work in the passive; not "A 3-fold search showed depth 6 was best"."""
    tokens, pos = sentence.tokens, reader.pos(sentence)
    if any(pos[k] in (VERB, BASE) or not tokens[k].is_word for k in range(start)):
        return False
    # with a reason of its own the line is a defended scheme ("Five-fold cross-validation split by yard, so
    # neighbouring hives never sit on both sides"), read as before
    if reader.consequence.any(tokens) or any(
        _gives_reason(reader, sentence, at, term) for at, _, term in reader.reasons.find(tokens)
    ):
        return False
    acts = reader.matcher(reader.vocabulary.choice.method_verbs)
    for k in sentence.clause_of(start):
        if k < end or not tokens[k].is_word or tokens[k].key in BE_FORMS:
            continue
        if pos[k] == VERB or (pos[k] == PART and not any(t.key in BE_FORMS for t in tokens[max(end, k - 2) : k])):
            return False  # a verb of its own: the test showed something
        if pos[k] == PART and acts.at(tokens, k) is None:
            return False
    return True


def _gives_reason(reader: Reader, sentence: Sentence, start: int, term: tuple[str, ...]) -> bool:
    """A word of reason that says why: not "to" or "for" of a use ("to segment the players"), nor the "as" of a
    role ("fed in as 384 extra columns"); "as" gives a reason when a clause follows ("as it handles ...")."""
    if term in defence.PURPOSE:
        return False
    if term == ("as",):
        after = sentence.tokens[start + 1 : start + 3]
        grammar = reader.words.grammar
        return any(
            t.key in grammar.pronouns or t.key in grammar.first_person or t.key in grammar.auxiliaries for t in after
        )
    return True


def _explained(reader: Reader, sentence: Sentence) -> bool:
    """A colon or a dash after the choice that opens a clause of its own ("...: it put Easter a week late"),
    not the colon of "Model: X", a part and what it is, nor a clause that only says what was left out
    ("Settled on hive-level models; apiary-level ones were set aside": the alternative, not why)."""
    tokens = sentence.tokens
    for k, token in enumerate(tokens[:-2]):
        if token.text in (":", "—", "–", ";", "-") and k > 1:  # a lone "-" is a dash; "roll-out" is one word
            rest = tokens[k + 1 :]
            rejected = reader.matcher(reader.vocabulary.choice.negative).any(rest) and not reader.reasons.any(rest)
            return len(tokens) - k > 3 and not rejected
    return False


def _names_alternative(reader: Reader, text: str) -> bool:
    """Whether a decision's own words name the option it was weighed against ("X, not Y", "X rather than Y",
    "X instead of Y", "X over Y")."""
    tokens = reader.sentence(text).tokens
    return set_against(tokens) or reader.alternatives.any(tokens) or any(c.alternative for c in reader.choices(text))


def _supposed(reader: Reader, sentence: Sentence) -> bool:
    """A choice supposed, not made: a gerund opening the line with "would" or "could" as its verb ("Picking five
    trams at random would hit 0.06": a baseline said as what an act would score)."""
    tokens = sentence.tokens
    if not tokens or "VBG" not in reader.words.tags(tokens[0]):
        return False
    return any(tokens[k].key in ("would", "could", "might") for k in sentence.clause_of(0))


def _others(reader: Reader, sentence: Sentence) -> bool:
    """A choice someone else made: "The vendor's model was built in a rush"."""
    return any(others_possessive(reader, token) for token in sentence.tokens[:4])


def _given(reader: Reader, sentence: Sentence) -> bool:
    """A choice the brief or the client made: "as the brief asked", "the client's own definition"."""
    return reader.matcher(reader.vocabulary.choice.givens).any(sentence.tokens)


def _names_part(reader: Reader, sentence: Sentence) -> bool:
    """ "Model: LightGBM", "The backbone is EfficientNet-B3": a design part said to be a named thing."""
    tokens = sentence.tokens
    parts = reader.matcher(reader.vocabulary.choice.parts)
    start = 1 if tokens and tokens[0].key in reader.words.grammar.determiners else 0
    hit = parts.at(tokens, start) if start < len(tokens) else None
    if hit is None:
        return False
    after = start + hit[1]
    if after < len(tokens) and tokens[after].text == ":":
        return True
    if not (after < len(tokens) and tokens[after].key in ("is", "was", "are", "were") and after + 1 < len(tokens)):
        return False
    # "The backbone is EfficientNet-B3" names the part; "The classifier is correct on 99 in 100" judges it
    return "JJ" not in reader.words.tags(tokens[after + 1])


def _acts(reader: Reader, sentence: Sentence) -> bool:
    """A verb of choosing, of putting a method to work or of leaving out, as the main verb of the first clause:
    opening the line ("Used CatBoost for the final model", "Oversampled the rare class"), after the speaker
    ("We will use ResNet50", "I decided to drop the IDs") or in the passive ("Gradient boosting was used",
    "one of the two has to be dropped", "are not taken into account")."""
    tokens, pos = sentence.tokens, reader.pos(sentence)
    grammar = reader.words.grammar
    choosing = reader.vocabulary.choice
    acts = [reader.matcher(words) for words in (choosing.verbs, choosing.method_verbs, choosing.negative)]
    clause = [k for k in sentence.clause_of(0) if k < 10]
    for k in clause:
        hits = [m.at(tokens, k) if tokens[k].is_word else None for m in acts]
        if all(h is None for h in hits):
            continue
        leaving = hits[2]
        after = tokens[k + leaving[1]] if leaving is not None and k + leaving[1] < len(tokens) else None
        if after is not None and after.key in ("that", "whether") and hits[0] is None and hits[1] is None:
            continue  # "We cannot rule out that the effect reflects who answered": a claim weighed, nothing left out
        if k == 0 or all(not t.is_word for t in tokens[:k]):
            if _capability(reader, tokens, k):
                continue
            return True
        before = [t.key for t in tokens[max(0, k - 4) : k]]
        speaker = any(w in grammar.first_person for w in before)
        participle = pos[k] == PART or "VBN" in reader.words.tags(tokens[k])
        passive = any(w in BE_FORMS for w in before[-3:]) and participle
        if speaker or passive or (participle and _shorthand(reader, sentence, k)):
            return True
    return False


def _capability(reader: Reader, tokens: list[Token], k: int) -> bool:
    """Whether the verb opening a line heads a label ("Scale - 3,000 departures a night"), says what the system
    does in the present, with no object ("Scales to a launch week's volume", "Runs on the shared server"), or
    names the tool it was done in ("Fitted in Stan, 4 chains"): no act of choosing in any of them."""
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if after is None:
        return False
    if not after.is_word and after.text in (":", "-", "–", "—"):
        return True
    tags = reader.words.tags(tokens[k])
    if "VBZ" in tags and not tags & {"VBD", "VBN"} and after.key in reader.words.grammar.prepositions:
        return True
    # "Fitted in Stan", "Built in PyTorch", "Trained in 4 minutes": the tool or the time it took, not a method
    named = tokens[k + 2] if k + 2 < len(tokens) else None
    return after.key == "in" and named is not None and (named.text[:1].isupper() or named.is_number)


def _shorthand(reader: Reader, sentence: Sentence, k: int) -> bool:
    """A passive written as a slide's shorthand, a noun phrase and the participle at ``k`` ("Missing values filled
    with the median", "Outliers removed"): not a sentence opened by an article, where the participle after the
    noun modifies it ("A model trained to 2023 scores ..."), nor one with a verb of its own after the participle
    ("Rotas built from the forecast would cut ...")."""
    tokens, pos = sentence.tokens, reader.pos(sentence)
    grammar = reader.words.grammar
    if k > 3 or tokens[0].key in grammar.determiners:
        return False
    if not all(t.is_word and pos[j] in (NOUN, "J", "F") for j, t in enumerate(tokens[:k])):
        return False
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if after is not None and (after.is_number or after.key in grammar.determiners):
        return False  # "the bonus campaign kept ~1 in 4 drivers": a past tense with its object, what happened
    return not any(j > k and (pos[j] == VERB or tokens[j].key in grammar.modals) for j in sentence.clause_of(k))


_APART = frozenset({"own", "separate", "distinct", "different"})


def _kept_apart(sentence: Sentence) -> bool:
    """Values kept apart as a category of their own ("the 'maybe' answers were kept as their own class", "coded
    as a separate level", "Missing survey kept as its own indicator rather than imputed")."""
    tokens = sentence.tokens
    return any(t.key == "as" and any(u.key in _APART for u in tokens[k + 1 : k + 4]) for k, t in enumerate(tokens))


def _on_data(reader: Reader, sentence: Sentence) -> bool:
    """An act on the data, not a method: a verb followed by "on" and what it was done on ("Trained on 14
    months of orders", "Trained only on 2023"), or values kept apart as a category of their own."""
    tokens, pos = sentence.tokens, reader.pos(sentence)
    if _kept_apart(sentence):
        return True
    for k, token in enumerate(tokens[:4]):
        if token.key == "on" and k > 0 and pos[k - 1] in (VERB, BASE, PART, "F"):
            rest = tokens[k + 1 : k + 4]
            return any(t.is_number for t in rest) or (bool(rest) and pos[k + 1] in (NOUN, NUM))
    return False


def defended_methods(outline: Outline, config: Config) -> set[str]:
    """The methods the talk defends somewhere (a decision with its alternative and reason, or a defended line)."""
    reader = reader_for(config)
    defended: set[str] = set()
    for _, slide in main_slides(outline, config):
        texts = [
            " ".join(t for t in (d.decision, d.rationale, d.alternative, d.why_rejected) if t)
            for d in slide.decisions
            if d.alternative and d.rationale
        ]
        # a title can defend one as well: "LightGBM over logistic regression: 0.05 more PR-AUC at an 8 ms p99"
        lines = [*flat_points(slide.points), *([slide.title] if slide.title else [])]
        texts += [t for t in lines if undefended(reader, t) is None]
        for text in texts:
            defended.update(" ".join(term) for _, _, term in reader.methods.find(reader.sentence(text).tokens))
    return defended


def rationale_backed(reader: Reader, decision: Decision) -> bool:
    """Whether a decision's rationale stands without its alternative (defence.rationale_stands), its test read here."""
    said = reader.sentence(decision.rationale or "")
    return defence.rationale_stands(reader, decision, _tested(reader, said))


def check_decisions(slide: Slide, index: int, config: Config, defended: set[str], flagged: set[str]) -> list[Finding]:
    """C006 for one slide: its `decisions:` and the lines that state a choice."""
    reader = reader_for(config)
    found = []
    for decision in slide.decisions:
        # the option weighed may be written into the decision itself: "Split by winter, not by ewe", "A quarterly
        # list rather than a live score"; its rationale then says why it won
        inline = not decision.alternative and _names_alternative(reader, decision.decision)
        # a rationale that measures its case stands without the road not taken, as a line that does would; so
        # does the reason values were kept apart as a category, which is no choice of method
        apart = bool(decision.rationale) and _on_data(reader, reader.sentence(decision.decision))
        backed = rationale_backed(reader, decision)
        inline = inline or (not decision.alternative and (backed or apart))
        missing = [
            name
            for name, value in (("rationale", decision.rationale), ("alternative", decision.alternative or inline))
            if not value
        ]
        # a rationale that measures the choice against its alternative, or names the case it answers, already says
        # what the alternative lost on ("slope 0.98 against 0.91 on the validation year", "the offer email goes out
        # once a week" for weekly batch scoring over real time)
        answered = backed or defence.rationale_names_the_case(reader, decision.rationale)
        if decision.alternative and not decision.why_rejected and not answered:
            missing.append("why_rejected")
        if missing:
            found.append(
                config.finding(
                    "C006",
                    f"the decision {quote(decision.decision, 50)} has no {', '.join(missing)}; say why you chose "
                    "it and what you chose it over: `rationale:` what measured the difference (a number against the "
                    "alternative), `alternative:` the option you weighed, `why_rejected:` what it lost on.",
                    slide=index,
                )
            )
    for text in flat_points(slide.points):
        if text in flagged or not is_decision(reader, text, slide.kind == "methodology"):
            continue
        sentence = reader.sentence(text)
        named = {" ".join(term) for _, _, term in reader.methods.find(sentence.tokens)}
        chosen = bool(reader.choices(text)) or _names_part(reader, sentence)
        if not chosen and named and named <= defended:
            continue  # a method the talk defends elsewhere, named again to describe the design
        if not chosen and any(
            defence.restates(reader, sentence, d) for d in slide.decisions if d.alternative and d.rationale
        ):
            continue  # the design in words, beside the decision that defends it on the same slide
        lacks = undefended(reader, text)
        if lacks and _reasoned(reader, text) and (slide.kind != "methodology" or defence.names_the_case(reader, text)):
            # away from the methodology a choice made in passing needs only its reason; on it, a reason that
            # names the case ("so each one can be explained to a customer"), not habit or a general virtue
            lacks = None
        if lacks:
            found.append(
                config.finding(
                    "C006",
                    f"{quote(text)} states a choice with {lacks}; say what you compared it with and what showed "
                    'it was better, e.g. "Chose X over Y: 0.05 higher recall at the same precision".',
                    slide=index,
                )
            )
    return found
