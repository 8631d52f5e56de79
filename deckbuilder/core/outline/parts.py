"""Parts of the outline (a slide, a metric) read field by field with their kinds, and described as JSON Schema.

A part is a dataclass whose fields carry `spec(kind, doc)` metadata (model.py); `parse_part` checks a mapping
against it and collects every problem with its place, `part_schema` writes the same fields as JSON Schema.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from deckbuilder.core.outline.fields import BAD, Checker, Kind, Loc, given, suggest


class Part(Kind):
    """A nested part of the outline (a slide, a metric), checked field by field; ``before`` may reshape it.

    ``part`` is the class, or a function returning it for a part that holds itself (a point's sub-points)."""

    __slots__ = ("before", "part")

    def __init__(
        self, part: type[Any] | Callable[[], type[Any]], before: Callable[[object], object] | None = None
    ) -> None:
        self.part = part
        self.before = before

    @property
    def cls(self) -> type[Any]:
        return self.part if isinstance(self.part, type) else self.part()

    def check(self, c: Checker, value: object, loc: Loc) -> Any:
        if self.before is not None:
            try:
                value = self.before(value)
            except ValueError as exc:
                return c.fail(loc, str(exc))
        return parse_part(self.cls, value, c, loc)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        name = self.cls.__name__
        if name not in defs:
            defs[name] = {}  # reserved first: a part may hold itself (a point's sub-points)
            defs[name] = part_schema(self.cls, defs)
        ref = {"$ref": f"#/$defs/{name}"}
        if self.before is not None:  # written as text alone, or as the full mapping
            return {"anyOf": [{"type": "string"}, ref]}
        return ref


def spec(kind: Kind, doc: str | None = None) -> dict[str, Any]:
    """Return a dataclass field's metadata: the kind of value it holds and its description."""
    return {"kind": kind, "doc": doc}


_MISSING = dataclasses.MISSING


def parse_part(part: type[Any], value: object, c: Checker, loc: Loc) -> Any:
    """Check ``value`` as a mapping of ``part``'s fields; return the part, or BAD with every problem recorded."""
    if not isinstance(value, dict):
        return c.fail(loc, f"expected a mapping of keys{given(value)}")
    fields = dataclasses.fields(part)
    names = [f.name for f in fields]
    bad = False
    found: dict[str, Any] = {}
    for f in fields:
        if f.name in value:
            checked = f.metadata["kind"].check(c, value[f.name], (*loc, f.name))
            bad = bad or checked is BAD
            found[f.name] = checked
        elif f.default is _MISSING and f.default_factory is _MISSING:
            c.fail((*loc, f.name), f"missing required key '{f.name}'", MISSING_HINTS.get(f.name))
            bad = True
    for key in value:
        if key not in names:
            close = suggest(str(key), names)
            message = f"unknown key '{key}'" + (f"; did you mean '{close}'?" if close else "")
            c.fail((*loc, key), message, "keys allowed here: " + ", ".join(names), at_key=True)
            bad = True
    if bad:
        return BAD
    made = part(**found)
    if hasattr(made, "finish"):  # a part whose fields are read together (a chart's columns, by its chart)
        made = made.finish(c, loc)
        if made is BAD:
            return BAD
    problem = made.problem(c.template) if hasattr(made, "problem") else None
    return c.fail(loc, problem) if problem else made


MISSING_HINTS = {
    "duration": "add e.g. `duration: 12m` for a 12-minute talk",
    "title": "state the takeaway, e.g. `title: 8% monthly churn costs $2.4M a year`",
    "slides": "list the slides under `slides:`; `deck new` writes a starter",
    "kind": "add `kind:` (problem, approach, methodology, results, error_analysis, next_steps ...)",
}


def part_schema(part: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON Schema of one part of the outline, its nested parts added to ``defs``."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(part):
        prop = dict(f.metadata["kind"].schema(defs))
        if f.metadata.get("doc"):
            prop["description"] = f.metadata["doc"]
        if f.default is not _MISSING:
            prop["default"] = f.default
        elif f.default_factory is not _MISSING:
            prop["default"] = f.default_factory()
        else:
            required.append(f.name)
        properties[f.name] = prop
    out: dict[str, Any] = {
        "additionalProperties": False,
        "description": (part.__doc__ or "").strip(),
        "properties": properties,
        "title": part.__name__,
        "type": "object",
    }
    if required:
        out["required"] = required
    return out
