"""The contract between `deck build` and the deck readers, both ways: the notes' timing line and the plan
embedded in the document properties. The exporter writes with these functions and the reader reads with them.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from deckbuilder.core.rules.settings import Template
from deckbuilder.core.text.durations import DurationError, format_duration, parse_duration
from deckbuilder.core.timing.talk import TalkPlan, TimedSlide

PLAN_PROPERTY = "deck_plan"
FORMAT_VERSION = 2  # 1: index, kind, title, budget_s, id; 2 adds main and start_s
BACKUP_HEADER = "backup slide, after the talk · appendix"
MAX_BUDGET_S = 24 * 3600  # nothing longer than a day is a talk: larger numbers mean a damaged plan
_NOTES_HEADER = re.compile(
    r"^(?P<budget>\d{1,5}:[0-5]\d) budget, starts at \d{1,5}:[0-5]\d(?: · (?P<kind>[a-z_]{1,40}))?"
)
_KIND = re.compile(r"^[a-z_]{1,40}$")


class FormatError(ValueError):
    """The embedded plan or a timing line is not what `deck build` writes."""


def notes_header(slide: TimedSlide) -> str:
    """Return the timing line `deck build` puts first in a slide's notes."""
    if slide.budget_s is None:
        return BACKUP_HEADER
    return f"{format_duration(slide.budget_s)} budget, starts at {format_duration(slide.start_s or 0)} · {slide.kind}"


def notes_text(slide: TimedSlide, notes: str | None) -> str:
    """Return a slide's speaker notes: the timing line first, then the presenter's notes."""
    head = notes_header(slide)
    return head + ("\n\n" + notes.strip() if notes and notes.strip() else "")


def notes_body(notes: str) -> str:
    """Return the presenter's notes without the timing line."""
    first, _, rest = notes.partition("\n")
    return rest.strip() if read_notes_header(first) is not None else notes.strip()


@dataclass(frozen=True)
class NotesTiming:
    """What a timing line says: the seconds it gives the slide (None for a backup slide) and its kind."""

    seconds: int | None
    kind: str | None


def read_notes_header(line: str) -> NotesTiming | None:
    """Return the timing a notes line carries, or None when the line is the presenter's own."""
    stripped = line.strip()
    if stripped == BACKUP_HEADER:
        return NotesTiming(None, "appendix")
    match = _NOTES_HEADER.match(stripped)
    if match is None:
        return None
    try:
        seconds = parse_duration(match.group("budget"))
    except DurationError:  # "99999:59 budget": shaped like deck's line, but no budget deck writes
        return None
    if seconds > MAX_BUDGET_S:
        return None
    return NotesTiming(seconds, match.group("kind"))


def plan_payload(talk: TalkPlan) -> str:
    """Return the compact JSON stored in the deck: the talk's duration and every slide's record."""
    slides = [
        {
            "index": s.index,
            "kind": s.kind,
            "title": s.title,
            "budget_s": s.budget_s,
            "start_s": s.start_s,
            "main": s.main,
            "id": s.id,
        }
        for s in talk.slides
    ]
    payload = {"version": FORMAT_VERSION, "title": talk.title, "duration_s": talk.duration_s, "slides": slides}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _no_constants(name: str) -> Any:
    raise FormatError(f"holds {name}, which is not a number")


def strict_json(text: str) -> Any:
    """Parse JSON that deck wrote: NaN and Infinity are refused as no number (FormatError); the caller turns
    RecursionError and ValueError into its own message."""
    return json.loads(text, parse_constant=_no_constants)


def parse_payload(text: str, template: Template) -> TalkPlan:
    """Read an embedded plan back into a TalkPlan, or raise FormatError saying what is wrong with it."""
    try:
        data = strict_json(text)
    except RecursionError:
        raise FormatError("is nested too deeply to be a plan") from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"is not valid JSON ({exc.msg} at character {exc.pos})") from None
    except ValueError:  # a number with more digits than Python converts (sys.int_info.default_max_str_digits)
        raise FormatError("holds a number with thousands of digits, which no plan has") from None
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        raise FormatError("has no list of slides")
    version = data.get("version", 1)
    if version not in (1, FORMAT_VERSION):
        raise FormatError(f"has format version {version!r}; this deck reads 1 and {FORMAT_VERSION}")
    duration = _seconds(data.get("duration_s"), "duration_s", allow_none=False)
    if not duration:
        raise FormatError("gives the talk no duration")
    title = data.get("title")
    slides = []
    for position, entry in enumerate(data["slides"], start=1):
        if not isinstance(entry, dict):
            raise FormatError(f"slide {position} is not a record")
        slides.append(_slide(entry, position, template))
    return TalkPlan(str(title) if isinstance(title, str) else "", int(duration or 0), tuple(slides), "embedded")


def _slide(entry: dict[str, Any], position: int, template: Template) -> TimedSlide:
    kind = entry.get("kind")
    if kind is not None and not (isinstance(kind, str) and _KIND.match(kind)):
        raise FormatError(f"slide {position} has a kind that is not a name")
    title, ident = entry.get("title", ""), entry.get("id")
    if not isinstance(title, str) or (ident is not None and not isinstance(ident, str)):
        raise FormatError(f"slide {position} has a title or id that is not text")
    budget = _seconds(entry.get("budget_s"), f"slide {position} budget_s")
    start = _seconds(entry.get("start_s"), f"slide {position} start_s")
    main = entry.get("main")
    if not isinstance(main, bool):  # version 1 did not store it: the template's flag decides
        main = template.is_main(kind) and not template.is_backup(kind)
    if template.is_backup(kind):
        budget = None
    return TimedSlide(position, title, kind, budget, start, main, False, ident or None)


def _seconds(value: object, name: str, allow_none: bool = True) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FormatError(f"{name} is not a number of seconds")
    if isinstance(value, int) and not 0 <= value <= MAX_BUDGET_S:  # ints past float range too
        raise FormatError(f"{name} is outside 0 to {MAX_BUDGET_S} seconds")
    if not math.isfinite(value) or value < 0 or value > MAX_BUDGET_S:
        raise FormatError(f"{name} is {value!r}, outside 0 to {MAX_BUDGET_S} seconds")
    return round(value)
