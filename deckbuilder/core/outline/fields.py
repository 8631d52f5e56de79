"""The kinds of value an outline's keys hold: each checks a YAML value and describes itself in JSON Schema.

The outline's parts (model.py) declare a kind per field; `parts.parse_part` walks a mapping with them and
collects every problem with its place, so one run reports all of them. Hand-written instead of a model library: the
checks are a few dozen lines, and `deck plan` is run on every save, where a library's start-up was half its time.
"""

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from deckbuilder.core.text.durations import EXAMPLES, TALK_ABOVE_ZERO, DurationError, bounded_duration
from deckbuilder.core.text.numerals import DECIMAL, NOT_FINITE, WHOLE, read_number

Loc = tuple[str | int, ...]


class _Bad:
    """The result of a value that did not check; its problem is already recorded."""


BAD: Any = _Bad()


class Problem(NamedTuple):
    """One thing wrong in an outline, at a key path."""

    loc: Loc
    message: str
    hint: str | None = None
    at_key: bool = False  # point at the key itself (an unknown key), not at its value


class Choices(Protocol):
    """What the template lets a slide kind and an audience be."""

    @property
    def kinds(self) -> Any: ...  # pragma: no cover

    @property
    def audiences(self) -> Any: ...  # pragma: no cover

    def is_backup(self, kind: str | None) -> bool: ...  # pragma: no cover


class Checker:
    """Collects the problems of one outline, checked against a template's kinds, the duration limit and the
    largest number a slide shows (limits duration_max_s and number_max)."""

    def __init__(self, template: Choices, duration_max_s: int, number_max: float = 1e15) -> None:
        self.template = template
        self.duration_max_s = duration_max_s
        self.number_max = number_max
        self.problems: list[Problem] = []

    def fail(self, loc: Loc, message: str, hint: str | None = None, at_key: bool = False) -> Any:
        self.problems.append(Problem(loc, message, hint, at_key))
        return BAD


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """Return the closest of ``choices`` to ``word``, if any is close."""
    import difflib  # here: only an outline with a mistake needs a suggestion, and `deck plan` runs on every save

    lowered = {c.lower(): c for c in choices}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def unknown_choice(what: str, value: str, choices: tuple[str, ...], close: str | None = None) -> str:
    """Return "unknown <what> 'x'; did you mean 'y'?" or, with nothing close, the list of choices."""
    close = close or suggest(value, choices)
    if close:
        return f"unknown {what} '{value}'; did you mean '{close}'?"
    return f"unknown {what} '{value}'; use one of {', '.join(choices)}"


def shown(value: object, most: int = 40) -> str:
    """Return a value as a message quotes it, cut short: a 5,000-digit number is not repeated back whole."""
    try:
        # A number written as text is quoted bare, as the outline has it: "got 0", not "got '0'".
        text = value.strip() if isinstance(value, str) and DECIMAL.fullmatch(value.strip()) else repr(value)
    except ValueError:  # an int past Python's 4,300-digit limit for text
        return "a number of thousands of digits"
    return text if len(text) <= most else text[: most - 3] + "..."


def given(value: object) -> str:
    """Return ", got 'x'" for a scalar; a list or mapping is not repeated back."""
    return "" if isinstance(value, (dict, list)) else f", got {shown(value)}"


class Kind:
    """A kind of value: `check` returns the value as the outline holds it, or BAD after recording why.

    Plain classes with slots, not dataclasses: there are a dozen, and `deck plan` pays for each class made."""

    __slots__ = ()

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        raise NotImplementedError

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


class Text(Kind):
    """Text, stripped; numbers allowed where they read as text (a table's column name)."""

    __slots__ = ("min_length", "numbers_as_text")

    def __init__(self, min_length: int = 0, numbers_as_text: bool = False) -> None:
        self.min_length = min_length
        self.numbers_as_text = numbers_as_text

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        if self.numbers_as_text and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return c.fail(loc, f"expected text{given(value)}")
        value = value.strip()
        if len(value) < self.min_length:
            return c.fail(loc, "expected some text, found an empty value")
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.min_length:
            out["minLength"] = self.min_length
        return out


_CODE = r"[A-Z]\d{3}"


class Code(Text):
    """A check's code (C002, T004), as `ignore:` lists them."""

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        text = super().check(c, value, loc)
        if text is BAD or re.fullmatch(_CODE, text):
            return text
        message = f"'{text}' is not a check code; codes look like C002 or T004"
        return c.fail(loc, message, "`deck rules` lists every code")

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{_CODE}$"}


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class Date(Text):
    """A date such as 2026-12-01, or any text ("next Tuesday"); a date that cannot be (2026-02-30) is refused."""

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        text = super().check(c, value.isoformat() if isinstance(value, dt.date) else value, loc)
        shape = _ISO_DATE.fullmatch(text) if text is not BAD else None
        if shape is not None:
            try:
                dt.date(*(int(part) for part in shape.groups()))
            except ValueError as exc:
                return c.fail(loc, f"{text} is not a date on the calendar ({exc})", "write the date as year-month-day")
        return text


class Listed(Text):
    """Text that must be one of the template's names (a slide kind, an audience)."""

    __slots__ = ("names", "what")

    def __init__(self, *, what: str, names: str) -> None:
        super().__init__()
        self.what = what  # how a message names it: "slide kind"
        self.names = names  # the template's attribute holding the allowed names

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        text = super().check(c, value, loc)
        allowed = tuple(getattr(c.template, self.names))
        if text is BAD or text in allowed:
            return text
        close = suggest(text.replace("-", "_").replace(" ", "_"), allowed) if self.names == "kinds" else None
        return c.fail(loc, unknown_choice(self.what, text, allowed, close))


def too_large(value: object, most: float) -> str:
    """Return the message for a number past ``most``: more than a slide can show."""
    return (
        f"{shown(value)} is past what a slide can show (at most {most:,.0f} either side of zero; "
        "limit number_max in layouts/limits.yaml)"
    )


class Number(Kind):
    """A number, with optional bounds."""

    __slots__ = ("ge", "le")

    def __init__(self, ge: float | None = None, le: float | None = None) -> None:
        self.ge = ge
        self.le = le

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        number = read_number(value)
        if number is None or math.isnan(number):
            return c.fail(loc, f"expected a number{given(value)}")
        return self.bounded(c, number, value, loc)

    def bounded(self, c: Checker, number: float, value: object, loc: Loc, drawn: bool = True) -> Any:
        """Return ``number`` when it is within the bounds, else BAD with the bound it breaks; a ``drawn`` one (a
        value the slide shows) also within the largest number a slide can show."""
        if self.ge is not None and number < self.ge:
            return c.fail(loc, f"input should be greater than or equal to {self.ge:g}, got {shown(value)}")
        if self.le is not None and number > self.le:
            return c.fail(loc, f"input should be less than or equal to {self.le:g}, got {shown(value)}")
        if drawn and abs(number) > c.number_max:
            return c.fail(loc, too_large(value, c.number_max))
        return number

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number"}
        if self.ge is not None:
            out["minimum"] = self.ge
        if self.le is not None:
            out["maximum"] = self.le
        return out


class Whole(Number):
    """A whole number (2, 2.0 or "2")."""

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        text = value.strip() if isinstance(value, str) else ""
        if WHOLE.fullmatch(text):  # exact, however large (a row number, never drawn): "12", "+3", a 400-digit one
            return self.bounded(c, int(text), value, loc, drawn=False)
        if isinstance(value, int) and not isinstance(value, bool):
            return self.bounded(c, value, value, loc, drawn=False)
        number = read_number(value)
        if number is None or not math.isfinite(number) or not number.is_integer():
            return c.fail(loc, f"expected a whole number{given(value)}")
        return self.bounded(c, int(number), value, loc, drawn=False)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {**super().schema(defs), "type": "integer"}


_TRUE = {"true", "yes", "on", "y", "t", "1"}
_FALSE = {"false", "no", "off", "n", "f", "0"}


class Flag(Kind):
    """Yes or no."""

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = value.strip().lower() if isinstance(value, str) else None
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        return c.fail(loc, f"expected true or false{given(value)}")

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Kind):
    """One of a fixed set of words."""

    __slots__ = ("options",)

    def __init__(self, options: tuple[str, ...]) -> None:
        self.options = options

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        if isinstance(value, str) and value.strip() in self.options:
            return value.strip()
        expected = " or ".join([", ".join(f"'{o}'" for o in self.options[:-1]), f"'{self.options[-1]}'"])
        close = suggest(value, self.options) if isinstance(value, str) else None
        message = f"'{value}' is not allowed here; expected {expected}"
        return c.fail(loc, message + (f"; did you mean '{close}'?" if close else ""))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"enum": list(self.options), "type": "string"}


class Scalar(Kind):
    """A number or text, kept as written (0.50 stays 0.50); an ``amount`` that is a number must be one a slide
    can show (a metric's value, which the deck compares and scales)."""

    __slots__ = ("amount",)

    def __init__(self, amount: bool = False) -> None:
        self.amount = amount

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            what = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else shown(value)
            return c.fail(loc, f"expected a number or text, got {what}")
        if self.amount and isinstance(value, str) and NOT_FINITE.fullmatch(value.strip()):
            return c.fail(loc, f"{value.strip()} is not a number a talk can use", "write a finite number")
        if self.amount and (number := read_number(value)) is not None and abs(number) > c.number_max:
            return c.fail(loc, too_large(value, c.number_max))
        if isinstance(value, str):
            return value.strip()
        try:
            return float(value)
        except OverflowError:
            return c.fail(loc, too_large(value, c.number_max))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": ["number", "string"]}


class Duration(Kind):
    """A duration in whole seconds, written as "12m", "12:00" (m:ss), "1:05:00" (h:mm:ss), "720s" or minutes."""

    __slots__ = ("above_zero",)

    def __init__(self, above_zero: bool = False) -> None:
        self.above_zero = above_zero

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        try:
            seconds = bounded_duration(value, c.duration_max_s)
        except DurationError as exc:
            return c.fail(loc, str(exc))
        if self.above_zero and seconds <= 0:
            return c.fail(loc, TALK_ABOVE_ZERO)
        return seconds

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*((\d+:)?\d+:[0-5]\d|(\d+(\.\d+)?\s*[a-z]*\s*)+)\s*$"},
                {"type": "number", "minimum": 0},
            ],
            "description": f"a duration: {EXAMPLES}",
        }


class Maybe(Kind):
    """The kind, or nothing (YAML's null)."""

    __slots__ = ("inner",)

    def __init__(self, inner: Kind) -> None:
        self.inner = inner

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        return None if value is None else self.inner.check(c, value, loc)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [self.inner.schema(defs), {"type": "null"}]}


class ListOf(Kind):
    """A list of one kind."""

    __slots__ = ("item", "min_length")

    def __init__(self, item: Kind, min_length: int = 0) -> None:
        self.item = item
        self.min_length = min_length

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        if not isinstance(value, list):
            return c.fail(loc, f"expected a list (lines starting with '- '){given(value)}")
        if len(value) < self.min_length:
            return c.fail(loc, "expected at least one item")
        items = [self.item.check(c, item, (*loc, i)) for i, item in enumerate(value)]
        return BAD if any(item is BAD for item in items) else items

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema(defs)}
        if self.min_length:
            out["minItems"] = self.min_length
        return out


_COLUMN = ListOf(Scalar())


class Columns(Kind):
    """A chart's data: columns of numbers or text by name, or the name of a CSV file beside the outline."""

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        if isinstance(value, str):
            return value.strip()
        if not isinstance(value, dict):
            return c.fail(loc, f"expected columns of values (a mapping) or a CSV file{given(value)}")
        checked = {str(name): _COLUMN.check(c, values, (*loc, name)) for name, values in value.items()}
        return BAD if any(v is BAD for v in checked.values()) else checked

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "object", "additionalProperties": _COLUMN.schema(defs)},
                {"type": "string"},
            ]
        }
