"""The pieces of a choice in a sentence: the phrase a verb names, its reason (after a marker, before the
choice, around it), the road not taken, the subject of a passive. choices.py reads the act of choosing and
puts these pieces together.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import PUNCT
from .words import ADJ, BASE, NOUN, PART, VERB

MAX_WORDS = 14  # a choice, reason or alternative longer than this is not a phrase a slide can hold
_PURPOSE = frozenset({"to", "so", "in"})  # "to avoid leakage", "so that ...", "in order to ...": kept with the reason


class ChoicePhrases:
    """Reads the phrases around an act of choosing in one sentence (and the sentences beside it)."""

    def _first_word(self) -> int:
        return next((k for k, t in enumerate(self.tokens) if t.is_word), -1)

    def __init__(
        self, reader: Lexicon, sentence: Sentence, before: Sentence | None = None, after: Sentence | None = None
    ) -> None:
        self.reader = reader
        self.sentence = sentence
        self.before = before  # the sentences around it, for "Therefore I used X" and "... This is because Y"
        self.after = after
        self.tokens = sentence.tokens
        self.words = reader.words
        self.pos = reader.pos(sentence)

    # --- the pieces --------------------------------------------------------------------------------------
    def _stop(self, i: int, clause: bool = False) -> bool:
        """Whether a phrase that runs on from before ``i`` ends at token ``i``: a noun phrase at a verb, a
        marker or punctuation (a list "X, Y and Z" runs on); a clause (a reason) only at a marker or a stop."""
        token = self.tokens[i]
        if token.kind == PUNCT and token.text in (".", ";", ":", "!", "?", "—"):
            return True
        if token.text == ",":
            return clause or not self._list_goes_on(i)
        if token.kind == PUNCT and token.text in ("-", "–") and i > 0 and token.start > self.tokens[i - 1].end:
            return True
        if self._alternative_at(i) or (not clause and self._reason_at(i)):
            return True
        if clause:
            return False
        if token.key == "as":
            # "X as the learning algorithm": a role ends the choice; "X such as Y" gives examples of it
            return not (i > 0 and self.tokens[i - 1].key == "such")
        if token.key == "for":
            return True  # "Random forest for this problem": what it is for is not what was chosen
        grammar = self.words.grammar
        personal = token.key in ("it", "they", "he", "she", "them", "it's", "there's")
        personal = personal or token.key in grammar.first_person or token.key in grammar.second_person
        demonstrative = token.key in ("this", "these", "those") and i + 1 < len(self.tokens) and self.pos[i + 1] == VERB
        if personal or demonstrative:
            return True  # "... this critical value it will mean": a new subject starts a new clause
        if token.key in self.words.grammar.subordinators and token.key not in ("that", "who"):
            return True
        return self._verb_here(i)

    def _verb_here(self, i: int) -> bool:
        """Whether token ``i`` is a finite verb in its place."""
        return self.pos[i] == VERB

    def _list_goes_on(self, i: int) -> bool:
        """Whether the comma at ``i`` sits inside a list: an "and" or "or" comes before the phrase ends."""
        for token in self.tokens[i + 1 : i + 12]:
            if token.key in ("and", "or", "&"):
                return True
            if token.kind == PUNCT and token.text != ",":
                return False
            if self.pos[self.tokens.index(token)] == VERB:
                return False
        return False

    def _reason_as(self, i: int) -> bool:
        """ "as" gives a reason when a clause follows it ("as it is faster"), not a role ("as the metric")."""
        for k in range(i + 1, min(i + 5, len(self.tokens))):
            if self.pos[k] == VERB or self.tokens[k].key in self.words.grammar.auxiliaries:
                return True
            if self.tokens[k].kind == PUNCT or self.tokens[k].key in self.words.grammar.subordinators:
                return False
        return False

    def _reason_at(self, i: int) -> tuple[int, int] | None:
        hit = self.reader.reasons.at(self.tokens, i)
        if hit is None:
            return None
        term, span = hit
        if term == ("as",) and (not self._reason_as(i) or (i > 0 and self.tokens[i - 1].key == "such")):
            return None
        if term == ("to",) and (i + 1 >= len(self.tokens) or self.pos[i + 1] != BASE):
            return None  # "to" before a noun is a direction ("switched to CatBoost"), not a purpose
        if term == ("for",):
            after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
            if (
                after is None
                or after.key in ("this", "that", "the", "each", "every", "all", "a", "an")
                or after.is_number
            ):
                return None  # "for this task", "for each user": not why
        return i, i + span

    def _alternative_at(self, i: int) -> tuple[int, int] | None:
        hit = self.reader.alternatives.at(self.tokens, i)
        if hit is None:
            return None
        term, span = hit
        if term == ("not",) and (
            i + 1 >= len(self.tokens) or self.pos[i + 1] not in (NOUN, ADJ) or self.tokens[i + 1].key == "only"
        ):
            return None  # "not only", "not used": no alternative
        if term == ("than",):
            return None  # "than" compares results; the outcome reader takes it
        after = self.tokens[i + span] if i + span < len(self.tokens) else None
        if term == ("over",) and after is not None:
            later = self.tokens[i + span + 1].key if i + span + 1 < len(self.tokens) else ""
            if (
                after.key in ("fitting", "fit", "fitted", "time")
                or after.is_number
                or (after.key == "the" and later in ("years", "course", "period", "past", "last", "next", "whole"))
            ):
                return None  # "over fitting" is overfitting; "over time", "over 5 folds", "over the years"
        return i, i + span

    def phrase(self, start: int, clause: bool = False, article: bool = False) -> tuple[str, int]:
        """Return the phrase from ``start`` up to its end, and where it ends; leading articles dropped unless
        ``article`` ("instead of a random split" keeps its "a")."""
        end = start
        depth = 0
        while end < len(self.tokens):
            token = self.tokens[end]
            if token.text == "(":
                depth += 1
            elif token.text == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and end > start and self._stop(end, clause):
                break
            end += 1
        begin = start
        dropped = ("of",) if article or clause else ("the", "a", "an", "of")  # a reason keeps its "the"
        while begin < end and (self.tokens[begin].key in dropped or self.tokens[begin].kind == PUNCT):
            begin += 1
        return _clean(self.sentence.span(begin, end)), end

    def reason_after(self, i: int, strong: bool = True) -> str:
        """Return the reason given from token ``i`` on: after the first reason marker before the sentence ends;
        for a weak verb an infinitive counts only when its verb is one of intent ("to avoid", not "to train")."""
        for k in range(i, len(self.tokens)):
            if self.tokens[k].text in (".", ";", "!", "?"):
                break
            found = self._reason_at(k)
            if found is not None and not strong and self.tokens[found[0]].key == "to" and found[1] - found[0] == 1:
                verb = self.tokens[found[1]] if found[1] < len(self.tokens) else None
                if verb is None or not self.words.lemmas(verb) & self.reader.vocabulary.choice.purposes:
                    continue
            if found is not None:
                start = found[0] if self.tokens[found[0]].key in _PURPOSE else found[1]
                text, _ = self.phrase(start, clause=True)
                return text
        return ""

    def _outside_brackets(self, start: int, k: int) -> bool:
        depth = 0
        for token in self.tokens[start:k]:
            depth += token.text in "([" if token.kind == PUNCT else 0
            depth -= token.text in ")]" if token.kind == PUNCT else 0
        return depth <= 0

    def reason_before(self, v: int) -> str:
        """Return a reason the sentence gives before the choice: "Since X, we start with Y"; "X, so I chose Y"."""
        tokens = self.tokens
        first = self._first_word()
        if first >= 0 and tokens[first].key == "to" and first + 1 < len(tokens) and self.pos[first + 1] == BASE:
            comma = next(
                (k for k in range(first, v) if tokens[k].text == "," and self._outside_brackets(first, k)), None
            )
            end = (
                comma
                if comma is not None
                else next((k for k in range(first + 2, v) if tokens[k].key in self.words.grammar.first_person), None)
            )
            if end is not None:
                return _clean(self.sentence.span(first, end))  # "To remove the collinearity, I used PCA"
        fronted = self.reader.reasons_before.at(tokens, first) if first >= 0 else None
        if fronted is not None:
            # "Since X, we start with Y"; "Given that X we choose Y": the reason runs to the comma or the subject
            grammar = self.words.grammar
            comma = next((k for k in range(first, v) if tokens[k].text == ","), None)
            subject = next((k for k in range(v - 1, first, -1) if tokens[k].key in grammar.first_person), None)
            end = comma if comma is not None else subject
            if end is not None and end > first + fronted[1]:
                return _clean(self.sentence.span(first + fronted[1], end))
        for k in range(v - 1, 0, -1):
            hit = self.reader.consequence.at(tokens, k)
            if hit is not None and tokens[k - 1].text in (",", ";"):
                return _clean(self.sentence.span(first, k - 1))
        return ""

    def alternative_after(self, i: int) -> str:
        return self._alternative(i)[0]

    def _alternative(self, i: int) -> tuple[str, str]:
        """Return the alternative named from token ``i`` on, and what it lacks when a "which" clause says so
        ("rather than a logistic regression, which would need those interactions written by hand")."""
        for k in range(i, len(self.tokens)):
            if self.tokens[k].text in (".", ";", "!", "?"):
                break
            found = self._alternative_at(k)
            if found is not None:
                text, end = self.phrase(found[1], article=True)
                why = ""
                which = end + 1 if end < len(self.tokens) and self.tokens[end].text == "," else end
                if which < len(self.tokens) and self.tokens[which].key == "which":
                    why, _ = self.phrase(which + 1, clause=True)
                return text, why
        return "", ""

    def subject_before(self, v: int) -> str:
        """Return the noun phrase a passive or an outcome verb at ``v`` is about: the clause's first noun
        phrase, an aside between commas skipped ("the regression tree, with the tuned hyperparameters, will be
        chosen")."""
        grammar = self.words.grammar
        k = v - 1
        while k >= 0 and (
            self.tokens[k].key in grammar.auxiliaries
            or self.tokens[k].key in grammar.modals
            or self.tokens[k].key in ("also", "then", "finally", "eventually", "ultimately", "clearly", "only")
            or self.tokens[k].key in ("to", "need", "needs", "needed", "not")  # "has to be dropped", "not taken"
        ):
            k -= 1
        end = k + 1
        start = end
        while start > 0:
            token = self.tokens[start - 1]
            if token.text in (".", ";", ":", "!", "?") or (token.key in grammar.subordinators and token.key != "that"):
                break
            if token.key == "end" and start >= 3 and self.tokens[start - 2].key == "the":
                break  # "in the end X worked best"
            if token.key in grammar.conjunctions and any(
                self.pos[j] in (VERB, PART) for j in range(max(0, start - 5), start - 1)
            ):
                break  # "Temp was kept and atemp was dropped": the second clause has a subject of its own
            start -= 1
        while start < end and (
            self.tokens[start].kind == PUNCT or self.tokens[start].key in ("in", "so", "and", "but")
        ):
            start += 1
        if start < end and self.tokens[start].key in grammar.prepositions:
            # "During model building any one of the variables": the subject follows the opening phrase
            opens = next(
                (
                    j
                    for j in range(start + 1, end)
                    if self.tokens[j].key in grammar.determiners or self.tokens[j].key == "one"
                ),
                None,
            )
            if opens is not None:
                start = opens
        while start < end and self.tokens[start].key in ("the", "a", "an", "that", "this", "these", "those"):
            start += 1
        comma = next((c for c in range(start, end) if self.tokens[c].text == ","), None)
        if comma is not None and not any(self.pos[c] == NOUN for c in range(start, comma)):
            start = comma + 1  # "Therefore, X is used": the connective before the comma is not the subject
            comma = next((c for c in range(start, end) if self.tokens[c].text == ","), None)
        if comma is not None and comma > start:
            end = comma  # the first noun phrase: "the regression tree"
        return _clean(self.sentence.span(start, end))

    # --- the acts ----------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:-–*_`'\"")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    if '"' in text and not (text.startswith('"') and text.endswith('"')):
        text = text.replace('"', "")  # quotes cut at the phrase's edges: 'Casual" and "Registered'
    elif text.count('"') == 2:
        text = text[1:-1]
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _short(text: str, words: int = 20) -> str:
    """A reason from a neighbouring sentence: at most ``words`` words, cut at a clause."""
    text = text.strip().rstrip(".")
    parts = text.split()
    if len(parts) <= words:
        return text
    cut = " ".join(parts[:words])
    for mark in (";", ",", " - "):
        if mark in cut:
            return cut.rsplit(mark, 1)[0]
    return cut
