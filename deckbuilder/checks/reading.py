"""What the number checks read with the sentence reader: a line's levels and the ones nothing compares."""

from __future__ import annotations

from deckbuilder.core.reading.quantities import Measure
from deckbuilder.core.reading.reader import Reader, reader_for

__all__ = ["levels", "reader_for", "uncompared"]


def levels(reader: Reader, text: str) -> list[Measure]:
    """Return the metric levels a line states: not a difference ("improved by 0.04"), not a condition ("flags
    when precision stays above 80%"), not the baseline's own score."""
    return [m for m in reader.measures_in([text]) if not (m.change or m.is_baseline or m.conditional)]


def uncompared(reader: Reader, text: str) -> list[Measure]:
    """Return the levels of a line that nothing compares: no baseline, no ratio or relative, and no other
    level of the line compared (a line that compares its headline may name a second metric in passing), and
    no second level of its own metric beside it."""
    found = levels(reader, text)
    if any(m.baseline is not None or m.compared for m in found):
        return []
    found = [m for m in found if not m.relative]  # "11% of bookings are no-shows": a share of something named
    # two levels of one metric in a line compare each other: "PR-AUC 0.41 for boosting and 0.37 for the GLM",
    # "ROC-AUC barely separates the models (0.90 to 0.92)"
    named = [m.metric for m in found if m.metric]
    lacking = [m for m in found if m.metric and named.count(m.metric) == 1]
    return [] if lacking and _bracketed_pairs(reader, found) else lacking


def _bracketed_pairs(reader: Reader, found: list[Measure]) -> bool:
    """Whether a bracket after a line's levels gives each its counterpart, in order: "sensitivity 0.94,
    specificity 0.75 (0.95 and 0.81 internally)". A spread in the bracket ("95% CI 0.58-0.66") pairs nothing."""
    for sentence in {m.sentence for m in found}:
        tokens = reader.sentence(sentence).tokens
        opened = next((k for k, t in enumerate(tokens) if t.text == "("), None)
        if opened is None:
            continue
        closed = next((k for k in range(opened, len(tokens)) if tokens[k].text == ")"), len(tokens))
        inside = tokens[opened + 1 : closed]
        numbers = [t for t in inside if t.is_number]
        before = {m.metric for m in found if m.sentence == sentence and m.position < opened}
        spread = reader.spread_terms.any(inside) or any(t.key == "±" for t in inside)
        if len(numbers) >= 2 and len(numbers) == len(before) and not spread:
            return True
    return False
