"""deck: plan, build and rehearse a take-home presentation."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names load on first use, so `deck history` or `deck rehearse` never pay for pydantic's start-up.
_EXPORTS = {
    "DeckError": "errors",
    "Finding": "findings",
    "Severity": "findings",
    "Outline": "outline",
    "Slide": "outline",
    "Plan": "planner",
    "PlannedSlide": "planner",
    "plan_talk": "planner",
    "format_duration": "durations",
    "parse_duration": "durations",
    "load_outline": "loader",
    "parse_outline": "loader",
}

__all__ = [
    "DeckError",
    "Finding",
    "Outline",
    "Plan",
    "PlannedSlide",
    "Severity",
    "Slide",
    "__version__",
    "format_duration",
    "load_outline",
    "parse_duration",
    "parse_outline",
    "plan_talk",
]

if TYPE_CHECKING:
    from .durations import format_duration, parse_duration
    from .errors import DeckError
    from .findings import Finding, Severity
    from .loader import load_outline, parse_outline
    from .outline import Outline, Slide
    from .planner import Plan, PlannedSlide, plan_talk


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'deckbuilder' has no attribute {name!r}")
