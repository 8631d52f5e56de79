"""Line breaks at phrase boundaries for text the deck sets with explicit breaks (titles, callout labels).

A greedy wrap breaks wherever the line runs out: "by a / third", "from 6.4% to / 3.1%". Here the lines are
chosen together: as many as a greedy wrap needs, each within the width, balanced in length, never after an
article, a determiner, a preposition or a number's first word, and best after a comma or before a conjunction.
The word lists are data (`line_breaks` and `decision_grammar` in layouts/slides.yaml).
"""

import re
from typing import Any, NamedTuple

from deckbuilder.core.text.measure import NO_BREAK, Glyphs, words_of, wrap

_NUMBER = re.compile(r"^[~≈$£€]?[-+]?\d[\d,.]*(?:[%xX]|[kKmMbB]n?)?$")
_AMOUNT = re.compile(r"^[~≈$£€]?[-+]?\d[\d,.]*(?:%|[xX]|[kKmMbB]n?)$|^[$£€]")  # a percentage, a sum, a multiple
_CLOSES_PHRASE = (",", ";", ":", "—", "–")
NEVER = 1e6  # the cost of a break no line may take while another choice exists


# Read once, never changed: a named tuple, for the reason core/rules/settings.py gives.
class BreakRules(NamedTuple):
    """Which words a line may not end on, and which words a line reads well starting with."""

    never_after: frozenset[str]  # articles, determiners, prepositions: they belong to the words after them
    number_words: frozenset[str]  # "six months", "a third": a number's first word stays with the rest
    good_before: frozenset[str]  # conjunctions and prepositions open a phrase: a line may well start there
    conjunctions: frozenset[str]  # open a clause: the only words a line after a bare number may start with
    prepositions: frozenset[str]  # a line after an amount ("30%", "$2.4M") may start with anything else
    determiners: frozenset[str]  # open a noun phrase: a weaker place to break than before a conjunction


def parse_breaks(raw: dict[str, Any], grammar: Any) -> BreakRules:
    """Return the break rules of `line_breaks`, with the grammar's determiners and prepositions."""
    words = {
        name: frozenset(str(w).lower() for w in raw[name]) for name in ("never_after", "number_words", "good_before")
    }
    return BreakRules(
        # ... and an auxiliary leans on the words after it too: "matches are / where" reads as a stumble.
        never_after=words["never_after"]
        | grammar.determiners
        | grammar.prepositions
        | grammar.auxiliaries
        | grammar.plural_auxiliaries,
        number_words=words["number_words"],
        # A determiner opens a noun phrase: a line may well start on one ("would cut / the time it takes").
        good_before=words["good_before"] | grammar.prepositions | grammar.subordinators | grammar.determiners,
        conjunctions=words["good_before"] | grammar.subordinators,
        prepositions=grammar.prepositions,
        determiners=grammar.determiners,
    )


def _bare(word: str, last: bool = False) -> str:
    """Return a word as the rules list it: lower case, no quotes or brackets; of words joined by a no-break
    space ("the\u00a0time"), the first, or with ``last`` the last."""
    parts = word.split(NO_BREAK)
    return (parts[-1] if last else parts[0]).strip("\"'“”‘’()").lower()


def is_number(word: str, rules: BreakRules) -> bool:
    """Return whether a word is a number or a number word ("12%", "$2.4M", "six", "third")."""
    bare = _bare(word, last=True)
    return bool(_NUMBER.match(bare)) or bare in rules.number_words


def break_cost(words: list[str], at: int, rules: BreakRules) -> float:
    """Return the cost of a line break before ``words[at]``: NEVER inside a phrase, negative where a phrase ends
    (a comma, a conjunction, a preposition or a determiner next), a little when it parts a determiner's noun
    phrase two words in ("the blind / spot", "every surprise / payoff")."""
    before, after = words[at - 1], words[at]
    if before.endswith(_CLOSES_PHRASE):
        return -2.0
    bare, following = _bare(before, last=True), _bare(after)
    if bare in rules.never_after:
        return NEVER
    number = is_number(before, rules)
    # A bare number counts the words after it ("five / days", "catch 18 / of the 31"); an amount ends its phrase
    # ("more than 30% / triples") unless a preposition carries it on ("6.4% / to 3.1%").
    amount = _AMOUNT.match(_bare(before, last=True)) is not None and following not in rules.prepositions
    if number and following not in rules.conjunctions and not amount:
        return NEVER
    if following in rules.conjunctions:
        return -1.0  # a new clause: the best place after a comma
    if following in rules.good_before:
        return -0.7 if following in rules.prepositions else -0.1  # a phrase opens; before a determiner, a tie-break
    if not number and at >= 2 and _bare(words[at - 2], last=True) in rules.never_after:
        return 1.5
    return 0.0


def phrase_lines(
    text: str, size: float, width_pt: float, glyphs: Glyphs, rules: BreakRules, bold: bool = False
) -> list[str]:
    """Return ``text`` set on as many lines as a greedy wrap needs in ``width_pt``, broken between phrases and
    balanced; a text that fits one line, or has a line break of its own, is wrapped greedily."""
    if "\n" in text or len(text) > 600:  # a title's length at most; past it, no choice of breaks can help
        return wrap(text, size, width_pt, glyphs, bold, break_words=False)
    greedy = wrap(text, size, width_pt, glyphs, bold, break_words=False)
    words = words_of(text)
    count = len(greedy)
    if count < 2 or len(words) > 60:
        return greedy
    widths = [glyphs.width(w, size, bold) for w in words]
    space = glyphs.width(" ", size, bold)
    target = (sum(widths) + space * (len(words) - 1)) / count
    # best[k][j]: the least cost of setting words[:j] on k lines, and where its last line starts.
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, 0)}] + [{} for _ in range(count)]
    for k in range(1, count + 1):
        for j in range(k, len(words) + 1):
            if k == count and j != len(words):
                continue
            for i, (cost, _) in best[k - 1].items():
                if i >= j:
                    continue
                line = sum(widths[i:j]) + space * (j - i - 1)
                if line > width_pt and j - i > 1:
                    continue
                ragged = ((line - target) / target) ** 2 * 10
                joint = break_cost(words, j, rules) if j < len(words) else 0.0
                total = cost + ragged + joint
                if j not in best[k] or total < best[k][j][0]:
                    best[k][j] = (total, i)
    if len(words) not in best[count]:
        return greedy
    lines, end = [], len(words)
    for k in range(count, 0, -1):
        start = best[k][end][1]
        lines.append(" ".join(words[start:end]))
        end = start
    return lines[::-1]
