"""deck: plan, build and rehearse a take-home presentation."""

from __future__ import annotations

from .durations import format_duration, parse_duration
from .errors import DeckError
from .findings import Finding, Severity
from .loader import load_outline, parse_outline
from .outline import Outline, Slide
from .planner import Plan, PlannedSlide, plan_talk

__version__ = "0.1.0"

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
