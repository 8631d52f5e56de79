"""Numbers as people write them in an outline or a CSV: the text of a number, read strictly."""

from __future__ import annotations

import math
import re

# A number as YAML 1.2's core schema writes one: 12, -0.5, .5, 1e6, 2.5E-3 (no 1_000, no .inf, no 0x10).
DECIMAL = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


WHOLE = re.compile(r"[-+]?[0-9]{1,1000}")  # past 1,000 digits a row number is noise, and int() would be slow

# How YAML and spreadsheets spell a number that is none: .nan, .inf, -inf, NaN, Infinity.
NOT_FINITE = re.compile(r"[-+]?\.?(?:inf|infinity|nan)", re.IGNORECASE)


def read_number(value: object) -> float | None:
    """Return the number ``value`` holds: a number, or text written as one ("0.5", "12"); infinite when too large
    for a float (a 400-digit number); None for anything else (text, true, a list)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(value, str) and DECIMAL.fullmatch(text := value.strip()):
        return float(text)  # a float from text never overflows: past 1.8e308 it is inf
    return None
