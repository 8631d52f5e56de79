"""A metric callout's text, both ways: written on the slide, read back from a deck.

The first line is the number (with its spread) and the metric's name; the second says how it compares
with its baseline, as a person would say it: "240x", "5.4x" or "+12%" on the baseline.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from deckbuilder.core.outline.model import as_number, cell_number

NAME_GAP = "  "  # between the number and the metric's name on the first line
SPREAD = " ± "
NO_BASELINE = "no baseline given"
X_FROM = 1.25  # lifts from here are said as "5.4x"; smaller ones as a percentage


def number_text(value: object) -> str:
    """Return a number as the outline wrote it (text stays text; 0.5 shows as 0.5, 12.0 as 12)."""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def times(lift: float) -> str:
    """Return a lift as people say it: 240x, 12x, 5.4x, 1.3x."""
    if lift >= 10:
        return f"{lift:.0f}x"
    return f"{lift:.1f}".removesuffix(".0") + "x"


def shown(metric: Any, value: object) -> str:
    """Return one of a metric's numbers as the slide shows it: as written, or as a percentage for `format: percent`."""
    number = as_number(value)
    if metric.format == "percent" and number is not None:
        return f"{round(number * 100, 6):g}%"
    return number_text(value)


def _decimals(text: str) -> int | None:
    """Return how many decimals a shown number has ("0.43" 2, "18%" 0), or None when it is not a number."""
    match = re.fullmatch(r"[-+]?[$£€]?\d[\d,]*(?:\.(\d+))?%?", text.strip())
    return None if match is None else len(match.group(1) or "")


def spread_text(metric: Any) -> str:
    """Return a metric's spread as its callout shows it: to the value's precision ("0.43 ± 0.01", not "0.43 ±
    0.012", whose last digit the value does not have); a spread that would round to nothing there stays as written."""
    if metric.spread is None:
        return ""
    value, spread = shown(metric, metric.value), shown(metric, metric.spread)
    places, number = _decimals(value), _decimals(spread)
    if places is not None and number is not None and number > places:
        exact = Decimal(re.sub(r"[^\d.]", "", spread)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if exact:
            spread = re.sub(r"[\d.]+", f"{exact:f}", spread, count=1)
    return spread


def value_text(metric: Any) -> str:
    """Return the callout's number, with its spread when given."""
    value = shown(metric, metric.value)
    return value + SPREAD + spread_text(metric) if metric.spread is not None else value


def _points(metric: Any) -> float | None:
    """Return value minus baseline in percentage points when both are percentages; None otherwise."""
    if metric.format == "percent":
        value, baseline = as_number(metric.value), as_number(metric.baseline)
        return None if value is None or baseline is None else (value - baseline) * 100
    written = str(metric.value).strip(), str(metric.baseline).strip()
    if all(w.endswith("%") for w in written):
        value, baseline = (cell_number(w) for w in written)
        return None if value is None or baseline is None else value - baseline
    return None


def _point_text(points: float) -> str:
    size = abs(points)
    amount = f"{size:.0f}" if size >= 10 else f"{size:.1f}".removesuffix(".0")
    return f"{amount} point" + ("" if amount == "1" else "s")


def against(base: str, label: str | None, nouns: frozenset[str] = frozenset()) -> str:
    """Return the baseline as a callout names it: "the 0.08 random ranking baseline"; "the 0.37 base rate" when
    the label already names a level (`baseline_nouns`); "the 1-2 star rule (47%)" when the label has numbers of
    its own, which would run into the baseline's."""
    if not label:
        return f"the {base} baseline"
    if any(c.isdigit() for c in label):
        return f"the {label} ({base})"
    if label.split()[-1].lower().strip("'’") in nouns:
        return f"the {base} {label}"
    return f"the {base} {label} baseline"


def lift_text(metric: Any, nouns: frozenset[str] = frozenset()) -> str:
    """Return the callout's second line: "5.4x the 0.08 random baseline", "13 points below the 31% baseline".

    A change between two percentages is said in points, where "42% below 31%" could be read either way."""
    if metric.baseline is None:
        return NO_BASELINE
    named = against(shown(metric, metric.baseline), metric.baseline_label, nouns)
    lift = metric.lift()
    points = _points(metric)
    if points is not None and (lift is None or metric.lower_is_better or lift < X_FROM):
        return f"{_point_text(points)} {'above' if points > 0 else 'below'} {named}"
    if lift is None:
        return f"against {named}"
    if metric.lower_is_better:
        value, baseline = as_number(metric.value), as_number(metric.baseline)
        assert value is not None and baseline is not None  # lift() found both
        drop = (baseline - value) / baseline
        return f"{drop:.0%} below {named}" if drop >= 0 else f"{-drop:.0%} above {named}"
    if lift >= X_FROM:
        return f"{times(lift)} {named}"
    return f"{lift - 1:+.0%} on {named}"


_FIRST = re.compile(rf"^(?P<value>\S+?)(?:{SPREAD}(?P<spread>\S+))?{NAME_GAP}(?P<name>\S.*)$")
_SECOND = re.compile(
    r"^(?:\S+(?: points?)?(?: below| above| on)? the|against(?: the)?) "
    r"(?:(?P<named>.+) \((?P<last>[^()\s]+)\)|(?P<base>\S+)(?: (?P<label>.*?))?(?: baseline)?)$"
)


def read_callout(first: str, second: str) -> dict[str, str] | None:
    """Return the metric, value, spread, baseline and label of a callout's two lines, or None if they are not one."""
    top, bottom = _FIRST.match(first), _SECOND.match(second)
    if top is None or not (bottom is not None or second == NO_BASELINE):
        return None
    found = {"metric": top["name"], "value": top["value"], "spread": top["spread"] or ""}
    if bottom is not None:
        base, label = (bottom["last"], bottom["named"]) if bottom["last"] else (bottom["base"], bottom["label"])
        found |= {"baseline": base, "baseline_label": label or ""}
    return found
