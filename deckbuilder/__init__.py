"""deck: plan, build and rehearse a take-home presentation."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Names load on first use, so `deck history` or `deck rehearse` never pay for the outline's checks and config.
_EXPORTS = {
    "DeckError": "errors",
    "Finding": "core.rules.findings",
    "Severity": "core.rules.findings",
    "Outline": "core.outline.model",
    "Slide": "core.outline.model",
    "Plan": "core.timing.planner",
    "TimedSlide": "core.timing.talk",
    "TalkPlan": "core.timing.talk",
    "Config": "core.rules.config",
    "plan_talk": "checks",
    "format_duration": "core.text.durations",
    "parse_duration": "core.text.durations",
    "load_outline": "core.outline.loader",
    "parse_outline": "core.outline.loader",
}

__all__ = [
    "Config",
    "DeckError",
    "Finding",
    "Outline",
    "Plan",
    "Severity",
    "Slide",
    "TalkPlan",
    "TimedSlide",
    "__version__",
    "format_duration",
    "load_outline",
    "parse_duration",
    "parse_outline",
    "plan_talk",
]

if TYPE_CHECKING:
    from deckbuilder.checks import plan_talk
    from deckbuilder.core.outline.loader import load_outline, parse_outline
    from deckbuilder.core.outline.model import Outline, Slide
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.rules.findings import Finding, Severity
    from deckbuilder.core.text.durations import format_duration, parse_duration
    from deckbuilder.core.timing.planner import Plan
    from deckbuilder.core.timing.talk import TalkPlan, TimedSlide
    from deckbuilder.errors import DeckError


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'deckbuilder' has no attribute {name!r}")
