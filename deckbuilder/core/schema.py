"""Build the JSON Schema of the outline for editors and validators."""

from __future__ import annotations

from typing import Any

from deckbuilder.core.config import Config, default_config
from deckbuilder.core.outline import Outline, Point

_POINT = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Point"}]}


def _swap_points(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("x-deck") == "point":
            return dict(_POINT)
        return {key: _swap_points(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_swap_points(item) for item in node]
    return node


def outline_schema(config: Config | None = None) -> dict[str, Any]:
    """Return the outline's JSON Schema (draft 2020-12)."""
    schema = _swap_points(Outline.model_json_schema())
    defs = schema.setdefault("$defs", {})
    point = _swap_points(Point.model_json_schema())
    point.pop("$defs", None)
    defs["Point"] = point
    template = (config or default_config()).template
    defs["Slide"]["properties"]["kind"]["enum"] = list(template.kinds)
    schema["properties"]["audience"] = {
        "anyOf": [{"enum": list(template.audiences)}, {"type": "null"}],
        "description": "the panel to tune the checks for",
        "default": None,
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "deck outline"
    return dict(schema)
