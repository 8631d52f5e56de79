"""A run the history could not take, kept as JSON beside the deck, both ways: the rehearsal or drill exactly as
deck would have recorded it. The coach and the drill write it when the history refuses them; `deck history
--restore` reads it back into the history. A file from elsewhere is input like any other: every field checked.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from typing import Any

from deckbuilder.core.rules.settings import Template

from .deck_format import FormatError, parse_payload, plan_payload, strict_json
from .heard import Heard
from .talk import DeckId, TalkPlan

KEPT_FORMAT = 2  # 2 adds what listening heard (`listened`, `heard`); files of format 1 are still read
READ_FORMATS = (1, KEPT_FORMAT)
MAX_KEPT_BYTES = 20_000_000  # a kept run is a few KB: a larger file is not one (fixed; docs/limits.md)
MAX_TEXT = 10_000  # characters of any text field: titles, questions, paths
MAX_ITEMS = 100_000  # visits of a rehearsal, answers of a drill
MAX_SECONDS = 10**7  # about four months: past this a time is no rehearsal's
MAX_KEYS = 100  # key numbers of one slide visit


@dataclass(frozen=True)
class KeptVisit:
    """One stay on one slide (1-based ``index``), as the history stores it."""

    index: int
    talk_start_s: float
    seconds: float
    started_at: str


@dataclass(frozen=True)
class KeptHeard:
    """What listening heard over one visit of slide ``index`` (1-based), as the history stores it: the coach's
    visit it belongs to is the one that began at ``visit_start_s`` on the talk clock."""

    index: int
    visit_start_s: float
    heard: Heard

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the kept file."""
        return {
            "index": self.index,
            "visit_start_s": self.visit_start_s,
            **{**vars(self.heard), "said": list(self.heard.said), "missed": list(self.heard.missed)},
        }


@dataclass(frozen=True)
class KeptAnswer:
    """One answer of a drill, as the history stores it."""

    position: int
    kind: str
    slide: int | None
    question: str
    seconds: float
    ticked: tuple[int, ...]
    score: int | None
    skipped: bool
    started_at: str


@dataclass(frozen=True)
class KeptEnd:
    """How a run ended: finished or not, its total (a rehearsal's talk time; 0 for a drill), when."""

    finished: bool
    total_s: float
    ended_at: str


@dataclass(frozen=True)
class KeptRun:
    """A rehearsal (``plan`` and ``visits``) or a drill (``asked``, ``seed`` and ``answers``) kept out of the
    history, with why and where it should have gone. ``saved_as`` is the history's id when part of it got there."""

    kind: str  # rehearsal or drill
    deck: DeckId
    started_at: str
    end: KeptEnd | None
    history: str
    why: str
    saved_as: int | None = None
    plan: TalkPlan | None = None
    visits: tuple[KeptVisit, ...] = ()
    heard: tuple[KeptHeard, ...] = ()
    listened: bool = False
    asked: int = 0
    seed: int | None = None
    answers: tuple[KeptAnswer, ...] = ()

    def to_json(self) -> str:
        """Return the run as indented JSON, readable and restorable."""
        data: dict[str, Any] = {
            "deck_kept_run": KEPT_FORMAT,
            "kind": self.kind,
            "why": self.why,
            "history": self.history,
            "saved_as": self.saved_as,
            "deck": {
                "path": self.deck.path,
                "title": self.deck.title,
                "fingerprint": self.deck.fingerprint,
                "embedded": self.deck.embedded,
            },
            "started_at": self.started_at,
            "end": None if self.end is None else vars(self.end),
        }
        if self.plan is not None:
            data["plan"] = json.loads(plan_payload(self.plan))
            data["budgets_from"] = self.plan.source
            data["visits"] = [vars(v) for v in self.visits]
            data["listened"] = self.listened
            data["heard"] = [h.as_dict() for h in self.heard]
        else:
            data["asked"], data["seed"] = self.asked, self.seed
            data["answers"] = [{**vars(a), "ticked": list(a.ticked)} for a in self.answers]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_kept(text: str, template: Template) -> KeptRun:
    """Return the run a kept file holds, or raise FormatError saying which field is wrong."""
    try:
        data = strict_json(text)
    except RecursionError:
        raise FormatError("is nested too deeply to be a kept run") from None
    except ValueError as exc:  # bad JSON, or a number of thousands of digits
        raise FormatError(f"is not a kept run of deck's ({str(exc)[:80]})") from None
    if not isinstance(data, dict) or data.get("deck_kept_run") not in READ_FORMATS:
        raise FormatError(f'is not a kept run of deck\'s (no "deck_kept_run": {KEPT_FORMAT})')
    kind = _choice(data, "kind", ("rehearsal", "drill"))
    deck = _record(data, "deck")
    ident = DeckId(_text(deck, "path"), _text(deck, "title"), _text(deck, "fingerprint"), _flag(deck, "embedded"))
    end = data.get("end")
    ending = None
    if end is not None:
        end = _record(data, "end")
        ending = KeptEnd(_flag(end, "finished"), _number(end, "total_s"), _text(end, "ended_at"))
    saved_as = data.get("saved_as")
    base = KeptRun(
        kind,
        ident,
        _text(data, "started_at"),
        ending,
        _text(data, "history"),
        _text(data, "why"),
        None if saved_as is None else _whole(data, "saved_as", 1, 2**62),
    )
    if kind == "rehearsal":
        plan = parse_payload(json.dumps(_record(data, "plan")), template)
        plan = TalkPlan(plan.title, plan.duration_s, plan.slides, _text(data, "budgets_from"))
        visits = tuple(_visit(item, n, len(plan.slides)) for n, item in enumerate(_items(data, "visits"), start=1))
        if data["deck_kept_run"] == 1:  # kept before deck listened
            return dataclasses.replace(base, plan=plan, visits=visits)
        heard = tuple(_heard(item, n, len(plan.slides)) for n, item in enumerate(_items(data, "heard"), start=1))
        listened = _flag(data, "listened")
        return dataclasses.replace(base, plan=plan, visits=visits, heard=heard, listened=listened)
    seed = data.get("seed")
    return dataclasses.replace(
        base,
        asked=_whole(data, "asked", 0, MAX_ITEMS),
        seed=None if seed is None else _whole(data, "seed", 0, 2**62),
        answers=tuple(_answer(item, n) for n, item in enumerate(_items(data, "answers"), start=1)),
    )


def _visit(item: object, n: int, slides: int) -> KeptVisit:
    entry = _record({"visit": item}, "visit", f"visit {n}")
    return KeptVisit(
        _whole(entry, "index", 1, slides, f"visit {n}"),
        _number(entry, "talk_start_s", f"visit {n}"),
        _number(entry, "seconds", f"visit {n}"),
        _text(entry, "started_at", f"visit {n}"),
    )


def _heard(item: object, n: int, slides: int) -> KeptHeard:
    where = f"heard {n}"
    entry = _record({"heard": item}, "heard", where)
    keys = []
    for name in ("said", "missed"):
        value = entry.get(name)
        if not isinstance(value, list) or len(value) > MAX_KEYS:
            raise FormatError(f"{where}: {name} is not a list of at most {MAX_KEYS} numbers as written")
        keys.append(tuple(_key({name: k}, name, where) for k in value))
    heard = Heard(
        _number(entry, "seconds", where),
        _number(entry, "speech_s", where),
        _whole(entry, "pauses", 0, MAX_ITEMS, where),
        _whole(entry, "long_pauses", 0, MAX_ITEMS, where),
        _number(entry, "longest_pause_s", where),
        _whole(entry, "syllables", 0, 10 * MAX_SECONDS, where),
        _number(entry, "words", where),
        keys[0],
        keys[1],
    )
    return KeptHeard(_whole(entry, "index", 1, slides, where), _number(entry, "visit_start_s", where), heard)


def _key(data: dict[str, Any], key: str, where: str) -> str:
    """A key number as written: a short text of one word (the history keeps a visit's numbers space-separated)."""
    value = data.get(key)
    if not isinstance(value, str) or not 0 < len(value) <= 40 or any(c.isspace() for c in value):
        raise FormatError(f"{where}: {key} holds {str(value)[:40]!r}, not a number as written")
    return value


def _answer(item: object, n: int) -> KeptAnswer:
    where = f"answer {n}"
    entry = _record({"answer": item}, "answer", where)
    ticked = entry.get("ticked")
    if not isinstance(ticked, list) or len(ticked) > 20:
        raise FormatError(f"{where}: ticked is not a short list of numbers")
    slide, score = entry.get("slide"), entry.get("score")
    return KeptAnswer(
        _whole(entry, "position", 1, MAX_ITEMS, where),
        _text(entry, "kind", where),
        None if slide is None else _whole(entry, "slide", 1, 10**6, where),
        _text(entry, "question", where),
        _number(entry, "seconds", where),
        tuple(_whole({"ticked": t}, "ticked", 1, 20, where) for t in ticked),
        None if score is None else _whole(entry, "score", 0, 10, where),
        _flag(entry, "skipped", where),
        _text(entry, "started_at", where),
    )


def _record(data: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise FormatError(f"{where or key} is not a record")
    return value


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise FormatError(f"{key} is not a list of at most {MAX_ITEMS} entries")
    return value


def _text(data: dict[str, Any], key: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise FormatError(f"{where + ': ' if where else ''}{key} is not a text of at most {MAX_TEXT} characters")
    return value


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = data.get(key)
    if value not in choices:
        raise FormatError(f"{key} is {str(value)[:30]!r}, not one of {', '.join(choices)}")
    return str(value)


def _flag(data: dict[str, Any], key: str, where: str = "") -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise FormatError(f"{where + ': ' if where else ''}{key} is not true or false")
    return value


def _number(data: dict[str, Any], key: str, where: str = "") -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FormatError(f"{where + ': ' if where else ''}{key} is not a number of seconds")
    if isinstance(value, int) and not 0 <= value <= MAX_SECONDS:  # ints past float range too
        raise FormatError(f"{where + ': ' if where else ''}{key} is outside 0 to {MAX_SECONDS} seconds")
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        raise FormatError(f"{where + ': ' if where else ''}{key} is {value!r}, outside 0 to {MAX_SECONDS} seconds")
    return float(value)


def _whole(data: dict[str, Any], key: str, least: int, most: int, where: str = "") -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise FormatError(f"{where + ': ' if where else ''}{key} is not a whole number from {least} to {most}")
    return value
