"""When a step happens: the times a sentence names ("next month", "weeks 1-6", "before the roll-out", "then",
"Q3"), and whether it defers to no time at all ("eventually", "when there is bandwidth").

A time is read by its shape, from the words of `time` in layouts/reading.yaml: a unit of time with a number or a
relative word beside it, a numbered step, an event a step comes before or after, a word of order that is not
naming a noun ("first, ..." but not "first model"), or a date. A time is relative (a plan's: "next quarter",
"then") or absolute ("Q1 2022", "2019"); a chart's title names absolute periods, a plan relative ones.
"""

from typing import NamedTuple

from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import Token, is_number_word, is_year, spelled_value, tokenize
from .words import NOUN, Matcher


class Time(NamedTuple):
    start: int  # the token the time starts at
    relative: bool  # a plan's time ("next month", "then"), not a calendar period ("Q1 2022")


def times(reader: Lexicon, sentence: Sentence) -> list[Time]:
    """Return the times a sentence names, in order."""
    tokens = sentence.tokens
    pos = reader.pos(sentence)
    found: list[Time] = []
    units, numbered, relative = reader.time("units"), reader.time("numbered"), reader.time("relative")
    events, sequence, dates = reader.time("events"), reader.time("sequence"), reader.time("dates")
    capitalised = reader.time("capitalised")
    k = 0
    while k < len(tokens):
        token = tokens[k]
        near_before = range(max(0, k - 2), k)
        if token.is_number:
            if is_year(token) and not (k > 0 and numbered.at(tokens, k - 1)):
                found.append(Time(k, relative=False))  # "2027", "in 2027"
            k += 1
            continue
        if not token.is_word:
            k += 1
            continue
        date = dates.at(tokens, k) or (capitalised.at(tokens, k) if k > 0 and token.text[:1].isupper() else None)
        # "Sundays", "summers": days that recur, no date of the plan
        end = k + date[1] if date is not None and (date[1] > 1 or token.key == date[0][0]) else 0
        if not end and _date_range(reader, token):
            end = k + 1  # "Jan-Mar", "Q3–Q4"
        if end:
            found.append(Time(k, relative=False))  # "Q3", "by Friday", "over the summer", "by end of May"
            k = end
            continue
        end = _end(numbered, tokens, k)
        if end and end < len(tokens) and (tokens[end].is_number or spelled_value(tokens[end]) is not None):
            found.append(Time(k, relative=False))  # "Step 2", "weeks 1-6", "day 1", "week 14", "milestone two"
            k = end + 1
            continue
        end = _end(units, tokens, k)
        if end and any(relative.at(tokens, j) is not None for j in near_before):
            found.append(Time(min(near_before), relative=True))  # "next month", "this quarter"
            k = end
            continue
        if end and _ahead_ordinal(reader, tokens, k):
            # "in the first fortnight", "during the second sprint", "First month in production: ..."
            start = k - 3 if k == 3 else k - 1
            if not found or found[-1].start != start:  # "first quarter" may already be read as a time
                found.append(Time(start, relative=True))
            k = end
            continue
        counted = [j for j in near_before if tokens[j].is_number or _spelled(tokens[j])]
        if end and counted:
            # "in two sprints" is a time from now; "the first two weeks" or "12 months of data" a period
            ahead = counted[0] > 0 and reader.time("ahead").at(tokens, counted[0] - 1) is not None
            found.append(Time(counted[0], relative=ahead))
            k = end
            continue
        end = _end(events, tokens, k)
        # "before the roll-out", "once the pilot ends", "pilot after", "after 500 scored jobs"; not "before 2027"
        if end and (end >= len(tokens) or not is_year(tokens[end])):
            found.append(Time(k, relative=True))
            k = end
            continue
        if k == 0 and token.key in ("when", "if", "once") and _threshold(tokens):
            found.append(Time(k, relative=True))  # a trigger: "When the new sensors cover 20% of the pipes, ..."
            k += 1
            continue
        end = _end(sequence, tokens, k)
        # "the first week", "next steps": before a noun the word names it, it orders nothing
        adjective = end - k == 1 and reader.time("orders").at(tokens, k) is not None
        if end and not (adjective and end < len(tokens) and pos[end] == NOUN and tokens[end].is_word):
            found.append(Time(k, relative=True))  # "first, ...", "then a pilot", "now"; not "first model"
            k = end
            continue
        k += 1
    return found


def _threshold(tokens: list[Token]) -> bool:
    """Whether a condition opening a step names a measured level (a share or a count, not a year) before its
    comma: a trigger the step waits for, as a date is one."""
    clause = next((tokens[:k] for k, t in enumerate(tokens) if t.text == ","), tokens)
    return any(t.is_number and not is_year(t) for t in clause)


def _date_range(reader: Lexicon, token: Token) -> bool:
    """A range of dates written as one word: "Jan-Mar", "Q3–Q4"."""
    parts = token.text.lower().replace("–", "-").split("-")
    if len(parts) != 2 or not all(parts):
        return False
    dates = reader.time("dates")
    return all(dates.at(tokenize(part), 0) is not None for part in parts)


def _ahead_ordinal(reader: Lexicon, tokens: list[Token], k: int) -> bool:
    """A unit at ``k`` counted from now by an ordinal, opening the line as a plan's step does: "In the first
    fortnight: ...", "During the first month, ...", or heading it ("First month in production: ..."); elsewhere
    ("session lengths in the first week", "First week of data is noisy") it is as likely a period of the data."""
    orders = reader.time("orders")
    if k == 1 and orders.at(tokens, 0) is not None:
        return any(t.text == ":" for t in tokens[k + 1 : k + 5])
    return (
        k == 3
        and orders.at(tokens, k - 1) is not None
        and tokens[k - 2].key == "the"
        and reader.time("ahead").at(tokens, k - 3) is not None
    )


_SOME = frozenset({"a", "few", "couple"})  # "a few weeks", "a couple of sprints": a count without a number


def _spelled(token: Token) -> bool:
    return is_number_word(token) or token.key in _SOME


def _end(matcher: Matcher, tokens: list[Token], k: int) -> int:
    """Where a term of ``matcher`` that starts at token ``k`` ends; 0 when none starts there."""
    hit = matcher.at(tokens, k)
    return k + hit[1] if hit is not None else 0


def open_ended(reader: Lexicon, sentence: Sentence) -> bool:
    """Whether a sentence defers to no time: "eventually", "down the road", or a condition on resources ("when
    there is bandwidth", "if time allows", "as and when they become available")."""
    tokens = sentence.tokens
    ahead = reader.time("ahead")
    for start, _, _ in reader.time("open_ended").find(tokens):
        # after "within", "in", "over": a span of time ("within one day"), not "one day" some day
        if start > 0 and ahead.at(tokens, start - 1) is not None:
            continue
        return True
    conditions, resources = reader.time("conditions"), reader.time("resources")
    for k in range(len(tokens)):
        if conditions.at(tokens, k) is None:
            continue
        clause = [j for j in range(k + 1, min(k + 8, len(tokens))) if sentence.same_clause(j, k)]
        # "if the gap exceeds 2 times": a multiple after its number, no time to spare
        if any(resources.at(tokens, j) is not None and not tokens[j - 1].is_number for j in clause):
            return True
    return False
