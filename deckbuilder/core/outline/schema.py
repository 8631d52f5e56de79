"""Build the JSON Schema of the outline for editors and validators, from the kinds its fields declare."""

from __future__ import annotations

from typing import Any

from deckbuilder.core.outline.model import Outline
from deckbuilder.core.outline.parts import part_schema
from deckbuilder.core.rules.config import Config, default_config


def outline_schema(config: Config | None = None) -> dict[str, Any]:
    """Return the outline's JSON Schema (draft 2020-12)."""
    defs: dict[str, Any] = {}
    schema = part_schema(Outline, defs)
    template = (config or default_config()).template
    defs["Slide"]["properties"]["kind"]["enum"] = list(template.kinds)
    schema["properties"]["audience"] = {
        "anyOf": [{"enum": list(template.audiences)}, {"type": "null"}],
        "description": "the panel to tune the checks for",
        "default": None,
    }
    schema["$defs"] = dict(sorted(defs.items()))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "deck outline"
    return schema
