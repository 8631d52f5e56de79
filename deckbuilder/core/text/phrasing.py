"""A decision's reason and rejected alternative as sentences on a slide: "because ...", "instead of ...".

Candidates write reasons as clauses ("the target is rare"), noun phrases ("best PR-AUC"), bare verb phrases
("trains in 12 s"), purposes ("to avoid leakage") or coordinations of these. The grammar here tells them apart
by their first words' closed classes (determiners, pronouns, prepositions, auxiliaries) and verb endings, and
makes each a sentence; where it cannot, the line keeps the candidate's words under a label, never a broken
sentence.
"""

import re
from typing import Any, NamedTuple

BECAUSE, PURPOSE, WHY = "because ", "in order to ", "Why: "
INSTEAD_OF, CHOSEN_OVER = "instead of ", "Chosen over: "
REJECTED_BECAUSE = ": "
REASON_STARTS = (BECAUSE, PURPOSE, WHY)
ALTERNATIVE_STARTS = (INSTEAD_OF, CHOSEN_OVER)

_VOWELS = "aeiou"
# Tried only where a run of space starts (the look-behind), so a run of 32,000 spaces is read once, not once
# from each of its spaces (22 s).
_COORDINATION = re.compile(r",?(?<!\s)\s+\b(and|but)\s+")
_NUMBER = re.compile(r"^[~≈$£€]?\d")
_COUNT = re.compile(r"^\d[\d,.]*%?$")  # a count or amount on its own, not "5-fold"


# Read once, never changed: a named tuple, for the reason core/rules/settings.py gives.
class Grammar(NamedTuple):
    """The closed word classes phrases are told apart by (`decision_grammar` in layouts/slides.yaml)."""

    superlatives: frozenset[str]
    comparatives: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    prepositions: frozenset[str]
    auxiliaries: frozenset[str]
    plural_auxiliaries: frozenset[str]
    subordinators: frozenset[str]
    irregular_past: frozenset[str]
    verbs: frozenset[str]


def parse_grammar(raw: dict[str, Any]) -> Grammar:
    """Read the grammar's word classes from `decision_grammar`."""
    classes: dict[str, frozenset[str]] = {}
    for name in Grammar._fields:
        odd = [w for w in raw[name] if not isinstance(w, str)]
        if odd:  # YAML reads a bare no, on or off as a boolean: the word must be quoted
            raise ValueError(f"slides.yaml: decision_grammar.{name} has {odd[0]!r}, not a word; quote it")
        classes[name] = frozenset(w.lower() for w in raw[name])
    return Grammar(**classes)


def _is_name(word: str, known: str) -> bool:
    """Return whether a capitalised word is a name or acronym (LightGBM, PR-AUC, Optuna), not a sentence start."""
    core = word.strip("\"'(“‘")
    if not core[:1].isupper():
        return False
    if any(c.isupper() or c.isdigit() for c in core[1:]):
        return True
    # A capitalised word the talk also writes mid-sentence ("tuned with Optuna") is a name.
    return len(core) > 1 and re.search(rf"[a-z,;]\s+{re.escape(core)}\b", known) is not None


def joined(text: str, known: str) -> str:
    """Return text to follow "because" or "instead of": lower case first, unless it starts with a name."""
    first = text.split(" ", 1)[0]
    return text if _is_name(first, known) else text[:1].lower() + text[1:]


def gerund(verb: str) -> str:
    """Return a verb's -ing form: keep -> keeping, use -> using, drop -> dropping, tie -> tying."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    syllables = len(re.findall(f"[{_VOWELS}]+", verb))
    if (
        syllables == 1
        and len(verb) >= 3
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    ):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _words(text: str) -> list[str]:
    return [w.strip(",;:()\"'").lower() for w in text.split()]


def _starts_phrase(word: str, g: Grammar) -> bool:
    """Return whether a word opens a noun phrase or object: a determiner, pronoun or number."""
    return word in g.determiners or word in g.pronouns or _NUMBER.match(word) is not None


def _may_be_s_verb(word: str) -> bool:
    """Return whether a word could be a verb in -s ("trains", "needs"): not "this", "class", "bonus" or "as"."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _is_present_verb(words: list[str], g: Grammar) -> bool:
    """Return whether a phrase opens with a verb in -s ("trains in", "handles missing", "needs no")."""
    if len(words) < 2 or not _may_be_s_verb(words[0]):
        return False
    after = words[1]
    return _starts_phrase(after, g) or after in g.prepositions or after.endswith("ing")


def _is_past_verb(words: list[str], g: Grammar) -> bool:
    """Return whether a phrase opens with a past verb and its object ("scored 0.43", "beat the baseline")."""
    first = words[0]
    if len(words) < 2 or not (first in g.irregular_past or first.endswith("ed")):
        return False
    return _starts_phrase(words[1], g) or words[1] in g.prepositions


def _predicate(text: str, g: Grammar) -> str | None:
    """Return what the choice did or was, to follow "it": "had the best PR-AUC", "was fast enough to tune"."""
    words = _words(text)
    if not words:
        return None
    first = words[1] if words[0] == "the" and len(words) > 1 else words[0]
    if first in g.superlatives:
        return "had the " + text.removeprefix("the ").removeprefix("The ")
    after = words[1] if len(words) > 1 else ""
    if first in g.comparatives:
        return ("was " if after in ("than", "to", "enough", "") else "had ") + text
    if after in ("enough", "to") and first not in g.prepositions and not _starts_phrase(first, g):
        return "was " + text  # an adjective with its complement: "easy to explain", "fast enough"
    if first in g.auxiliaries or _is_present_verb(words, g) or _is_past_verb(words, g):
        return text
    return None


def _coordinated(text: str, g: Grammar) -> str | None:
    """Return "it had the best PR-AUC and was fast enough to tune" when every coordinated part is a predicate."""
    pieces = _COORDINATION.split(text)
    if len(pieces) < 3:
        return None
    parts, links = pieces[0::2], pieces[1::2]
    predicates = [_predicate(part.strip(), g) for part in parts]
    if any(p is None for p in predicates):
        return None
    sentence = "it " + str(predicates[0])
    for link, predicate in zip(links, predicates[1:], strict=True):
        sentence += f" {link} {predicate}"
    return sentence


def reason_line(text: str, known: str, g: Grammar) -> str:
    """Return a decision's reason as the line under it: "because ...", "in order to ...", or "Why: ..."."""
    text = joined(text.strip().rstrip("."), known)
    words = _words(text)
    if not words:
        return WHY + text
    if words[0] in g.subordinators and len(words) > 1:
        return BECAUSE + joined(text.split(" ", 1)[1], known)
    if words[0] == "to" and len(words) > 1 and not _starts_phrase(words[1], g):
        return PURPOSE + text.split(" ", 1)[1]
    coordinated = _coordinated(text, g)
    if coordinated is not None:
        return BECAUSE + coordinated
    first = words[1] if words[0] == "the" and len(words) > 1 else words[0]
    if first in g.comparatives and (words[1:2] or [""])[0] not in ("than", "to", "enough", ""):
        return BECAUSE + "of its " + text  # "because of its lower latency"
    predicate = _predicate(text, g)
    if predicate is not None:
        return BECAUSE + "it " + predicate
    head = _words(re.split(r"[,;]", text, maxsplit=1)[0])  # the subject's own clause, not one after a comma
    opens_clause = len(head) > 1 and _is_clause(head, g, loose=True)
    if not opens_clause and (words[0] in g.prepositions or _NUMBER.match(words[0]) or words[0].endswith("ing")):
        return WHY + text  # a quantity or an activity, with no one doing it: no sentence to make
    return BECAUSE + text  # a clause: "the target is rare"


def _is_clause(words: list[str], g: Grammar, loose: bool = False) -> bool:
    """Return whether a phrase has a subject and a finite verb ("we could keep them", "the team keeps its").

    Loose, a verb in -s may also take a preposition ("training drops from 5 hours"): right for a reason, where a
    clause is what people write, too eager for an alternative ("separate models per station")."""
    if words[0] in g.pronouns:
        return True
    for i in range(1, len(words) - 1):
        if words[i] in g.auxiliaries or words[i] in g.plural_auxiliaries:
            return True
        word, after = words[i], words[i + 1]
        takes = _starts_phrase(after, g) or (loose and after in g.prepositions)
        if _may_be_s_verb(word) and words[i - 1] not in g.determiners and words[i - 1] not in g.prepositions and takes:
            return True
    return False


def alternative_phrase(text: str, known: str, g: Grammar) -> tuple[str, str]:
    """Return how an alternative is introduced ("instead of " or "Chosen over: ") and its words."""
    text = text.strip().rstrip(".")
    words = _words(text)
    if words[:2] == ["instead", "of"]:
        text, words = text.split(" ", 2)[2], words[2:]
    if not words:
        return CHOSEN_OVER, text
    if words[0] == "to" and len(words) > 1 and not _starts_phrase(words[1], g):
        text, words = text.split(" ", 1)[1], words[1:]
        rest = text.split(" ", 1)[1] if len(words) > 1 else ""
        return INSTEAD_OF, (gerund(words[0]) + " " + rest).strip()
    if _is_name(text.split(" ", 1)[0], known):
        return INSTEAD_OF, text
    first, after = words[0], (words[1:2] or [""])[0]
    bare = not first.endswith(("ed", "ing", "s")) and not _starts_phrase(first, g) and first not in g.prepositions
    # A determiner or pronoun after the first word makes it a verb ("keep them", "use a"); a preposition, an
    # adverb or a count does only after a verb of the trade ("tune by hand", "train 600 models").
    loose = after in g.prepositions or after.endswith("ly") or _COUNT.match(after) is not None
    objected = (after in g.determiners or after in g.pronouns) or (first in g.verbs and loose)
    if bare and objected:
        rest = text.split(" ", 1)[1] if len(words) > 1 else ""
        return INSTEAD_OF, (gerund(first) + " " + rest).strip()
    if _is_clause(words, g):
        return CHOSEN_OVER, text
    return INSTEAD_OF, joined(text, known)


def alternative_line(text: str, why: str, known: str, g: Grammar) -> str:
    """Return the line under a decision that names what it was chosen over, and why that was rejected."""
    start, phrase = alternative_phrase(text, known, g)
    rejected = REJECTED_BECAUSE + joined(why, known) if why else ""
    return start + phrase + rejected
