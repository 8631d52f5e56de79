"""The headline metrics of a write-up: every number it measures, ranked, the best three as the results slide's
callouts, each with the baseline the write-up states for it (in its sentence, in another, in a printed cell or a
table's baseline row).

A number the candidate wrote in prose outranks one a cell printed, which outranks a table's best row; a number
in the results or the conclusions outranks one in the methods; one with a baseline outranks one without; a
difference ("improved by 0.04"), a training score, and a statement of the baseline's own score are never the
headline; among equals the later one wins (a write-up ends on its final model).
"""

from __future__ import annotations

from dataclasses import dataclass

from deckbuilder.core.reading.quantities import Measure, with_baselines

from .claims import Claims, FoundMetric

PROSE, PRINTOUT, TABLE = "prose", "printout", "table"
_SOURCE = {PROSE: 3.0, PRINTOUT: 2.0, TABLE: 1.5}
_KIND = {"results": 3.0, "summary": 3.0, "next_steps": 1.5, "error_analysis": 1.0, "methodology": 1.0,
         "approach": 0.0, "eda": -0.5, "problem": -0.5}  # fmt: skip
_TEST_WORDS = ("test", "holdout", "hold-out", "validation", "unseen", "final", "overall", "cross-validation", "cv")
_TRAIN_WORDS = ("train", "training", "in-sample", "fit")
_BEST = 1.5  # a printed number that is its metric's best in the write-up
_OPTIONS = 6  # numbers offered when the candidate is asked which is the headline


@dataclass
class Candidate:
    """A number the write-up measures, where it stands, and how it was found."""

    measure: Measure | None  # None for a table's row
    metric: FoundMetric | None  # a table's row, already in outline form
    where: str
    source: str
    kind: str | None  # the kind of the section it stands in
    order: int  # its place in the write-up
    first_in_cell: bool = False  # the first number a cell printed


def score(candidate: Candidate, total: int) -> float:
    """How much a number reads as the write-up's headline (see the module's docstring). The part of the talk a
    printed number stands in says little (a notebook prints under any heading), so only prose earns it."""
    measure = candidate.measure
    points = _SOURCE[candidate.source] + 0.75 * candidate.order / max(1, total)
    if candidate.source != PRINTOUT:
        points += _KIND.get(candidate.kind or "", 0.0)
    elif candidate.first_in_cell:
        points += 0.5  # a cell prints its main metric first
    if candidate.metric is not None and candidate.metric.baseline:
        points += 2.0
    if measure is None:
        return points
    if measure.baseline is not None:
        points += 2.0
    if measure.generic:
        points -= 1.0
    if measure.relative:
        points -= 2.0
    words = measure.sentence.lower()
    if any(w in words for w in _TEST_WORDS):
        points += 0.75
    if any(f" {w} " in f" {words} " for w in _TRAIN_WORDS) and not any(w in words for w in _TEST_WORDS):
        points -= 2.0
    return points


def _best_printed(candidates: list[Candidate], claims: Claims) -> set[int]:
    """Return the printed numbers that are their metric's best in the write-up (test-set lines, when a line names
    the test set): a notebook prints every model's score, and the one it settles on scores best."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        measure = candidate.measure
        if candidate.source == PRINTOUT and measure is not None and usable(candidate) and measure.metric:
            groups.setdefault(claims.key(measure.metric), []).append(candidate)
    best: set[int] = set()
    for group in groups.values():
        tested = [c for c in group if c.measure and "test" in c.measure.sentence.lower()]
        pool = tested or group
        lower = pool[0].measure is not None and pool[0].measure.lower_is_better
        values = [(c.measure.value.fraction(), c) for c in pool if c.measure is not None]
        chosen = min(values, key=lambda v: v[0])[1] if lower else max(values, key=lambda v: v[0])[1]
        best.add(id(chosen))
    return best


def usable(candidate: Candidate) -> bool:
    measure = candidate.measure
    return measure is None or not (measure.change or measure.is_baseline or measure.conditional)


@dataclass(frozen=True)
class Headline:
    """The callouts, and where the write-up's prose and its printed output disagree about one of them."""

    callouts: list[FoundMetric]
    disagreements: list[str]
    ranked: list[FoundMetric]  # the best-ranked numbers, one per metric and value, for the candidate to pick from


def _same(written: Measure, printed: Measure) -> bool:
    """Whether prose states a printed number as written or rounded ("80%" for 0.8019, "0.93" for 0.934)."""
    places = written.value.decimals + (2 if written.value.percent and not printed.value.percent else 0)
    return round(printed.value.fraction(), places + 0) == round(written.value.fraction(), places)


def _echoes(written: Candidate, printed: Candidate) -> bool:
    a, b = written.measure, printed.measure
    return a is not None and b is not None and a.metric == b.metric and _same(a, b)


def headline(candidates: list[Candidate], claims: Claims, most: int = 3) -> Headline:
    """Return up to ``most`` callouts: the best-ranked number of each metric, best first, each given the
    baseline the write-up states for its metric anywhere when its own sentence states none. A number the prose
    states and a cell printed is the same number, said in the writer's words: the printed copy steps aside."""
    measures = [c.measure for c in candidates if c.measure is not None]
    based = dict(zip(map(id, measures), with_baselines(measures), strict=True))
    total = len(candidates)
    best = _best_printed(candidates, claims)
    printed = [c for c in candidates if c.source == PRINTOUT and c.measure is not None and usable(c)]
    prose = [c for c in candidates if c.source == PROSE and c.measure is not None and usable(c)]
    # "an accuracy of 80%" says a printed 0.8019 in the writer's words: the printed copy steps aside
    echoed = {id(p) for written in prose for p in printed if _echoes(written, p)}
    ranked = sorted(
        (c for c in candidates if usable(c) and id(c) not in echoed),
        key=lambda c: -(score(c, total) + _BEST * (id(c) in best)),
    )
    chosen: list[FoundMetric] = []
    disagreements: list[str] = []
    keys: set[str] = set()
    options: dict[tuple[str, str], FoundMetric] = {}
    for candidate in ranked[: _OPTIONS * 3]:
        if len(options) < _OPTIONS and candidate.measure is not None:
            found = claims.found(based[id(candidate.measure)], candidate.where)
            options.setdefault((claims.key(found.name), found.value), found)
    for candidate in ranked:
        if candidate.measure is not None:
            found = claims.found(based[id(candidate.measure)], candidate.where)
        elif candidate.metric is not None:
            found = candidate.metric
        else:
            continue
        key = claims.key(found.name)
        if key in keys:
            continue
        keys.add(key)
        chosen.append(found)
        if candidate.measure is not None and candidate.source in (PROSE, PRINTOUT):
            disagreements += _disagreement(candidate, prose if candidate.source == PRINTOUT else printed)
        if len(chosen) >= most:
            break
    return Headline(chosen, disagreements, list(options.values()))


def _disagreement(chosen: Candidate, others: list[Candidate]) -> list[str]:
    """Say so when the other kind of source (prose or printed output) states the same metric and never the
    chosen number: one of them is stale, and the candidate should know which before the panel asks."""
    measure = chosen.measure
    if measure is None or not measure.metric:
        return []
    same = [o for o in others if o.measure is not None and o.measure.metric == measure.metric]
    if not same or any(_same(measure, o.measure) or _same(o.measure, measure) for o in same if o.measure is not None):
        return []
    other = same[0]
    assert other.measure is not None
    said = "says" if chosen.source == PROSE else "printed"
    told = "printed" if chosen.source == PROSE else "says"
    return [
        f"{chosen.where} {said} {measure.metric} {measure.value.text}; {other.where} {told} "
        f"{other.measure.value.text}: check which the talk should give"
    ]
