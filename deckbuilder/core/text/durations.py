"""Parse and format talk durations ("12m", "11:30", "690s", "11m30s", 12) and say a date as a cover does."""

from __future__ import annotations

import datetime as dt
import math
import re

_UNITS = {
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"^(?:(\d+):)??(\d+):([0-5]\d)$")  # m:ss, or h:mm:ss
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")

EXAMPLES = '"12m", "12:00", "720s", "11m30s" or a bare number of minutes'


NO_TALK_S = 7 * 24 * 3600  # past a week a number is a typo, whatever the limits in layouts/ say


class DurationError(ValueError):
    """Raised when a duration cannot be read."""


def parse_duration(value: object) -> int:
    """Return the number of whole seconds that ``value`` spells."""
    if isinstance(value, bool):
        raise DurationError(f"expected a duration such as {EXAMPLES}, got {value!r}")
    if isinstance(value, (int, float)):
        try:
            return _from_minutes(float(value), value)
        except OverflowError:  # an int past a float's range
            return _from_minutes(math.inf, value)
    if not isinstance(value, str):
        raise DurationError(f"expected a duration such as {EXAMPLES}, got {value!r}")
    text = value.strip().lower()
    if _NUMBER.match(text):
        return _from_minutes(float(text), value)
    clock = _CLOCK.match(text)
    if clock:
        hours, minutes, seconds = (int((part or "0")[:12]) for part in clock.groups())  # past 12 digits: too long
        if hours and minutes > 59:
            raise DurationError(f"cannot read {value!r} as a duration; minutes run to 59 in h:mm:ss")
        return _whole((hours * 60 + minutes) * 60 + seconds, value)
    compact = text.replace(" ", "")
    parts = _PART.findall(text)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise DurationError(f"cannot read {value!r} as a duration; write {EXAMPLES}")
    total = 0.0
    for number, unit in parts:
        if unit not in _UNITS:
            raise DurationError(f"unknown time unit {unit!r} in {value!r}; use h, m or s")
        total += float(number) * _UNITS[unit]
    return _whole(total, value)


def bounded_duration(value: object, most_s: int) -> int:
    """Return ``value`` in seconds, refused past ``most_s`` (limit duration_max_s): the one rule for a time."""
    seconds = parse_duration(value)
    if seconds > most_s:
        raise DurationError(
            f"{seconds // 3600} h or more is longer than any talk; at most {most_s // 3600} h "
            "(limit duration_max_s in layouts/limits.yaml)"
        )
    return seconds


def talk_duration(value: object, most_s: int) -> int:
    """Return a talk's length in seconds: above zero and at most ``most_s``, wherever it is given
    (an outline's `duration:`, `deck new --duration`, `deck import --duration`)."""
    seconds = bounded_duration(value, most_s)
    if seconds <= 0:
        raise DurationError(TALK_ABOVE_ZERO)
    return seconds


TALK_ABOVE_ZERO = "the talk needs a duration above zero, e.g. 12m"


def _from_minutes(minutes: float, original: object) -> int:
    if math.isnan(minutes) or minutes < 0:
        raise DurationError(f"a duration must be a positive number of minutes, got {_short(original)}")
    return _whole(minutes * 60, original)


def _whole(seconds: float, original: object) -> int:
    if seconds < 0:
        raise DurationError(f"a duration cannot be negative: {original!r}")
    if not math.isfinite(seconds) or seconds > NO_TALK_S:
        raise DurationError(f"{_short(original)} is longer than any talk; write {EXAMPLES}")
    return round(seconds)


def _short(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4,300-digit limit for text
        return "a number of thousands of digits"
    return text if len(text) <= 24 else text[:21] + "..."


def format_duration(seconds: float) -> str:
    """Return ``seconds`` as m:ss (or h:mm:ss), with a sign when negative."""
    sign = "-" if seconds < 0 else ""
    whole = round(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def spell_duration(seconds: int) -> str:
    """Return ``seconds`` the way an outline writes it: "12m", "11m30s", "45s"."""
    minutes, secs = divmod(int(seconds), 60)
    if not minutes:
        return f"{secs}s"
    return f"{minutes}m" + (f"{secs}s" if secs else "")


def format_signed(seconds: float) -> str:
    """Return a difference such as "+0:45" or "-1:10"."""
    text = format_duration(seconds)
    if text.lstrip("-") == "0:00":
        return "0:00"
    return text if text.startswith("-") else "+" + text


def spoken_date(text: str | None) -> str:
    """Return an outline's date as a cover says it: 2026-12-01 as "1 December 2026"; other text as written."""
    if not text:
        return ""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {day:%B %Y}"
