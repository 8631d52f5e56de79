"""Findings: what a check says about the talk, and the rule book behind them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from deckbuilder.core.config import load_data


class Severity(StrEnum):
    """How much a finding matters; only errors fail `deck plan`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 0 for errors, 1 for warnings, 2 for info (for sorting)."""
        return ("error", "warning", "info").index(self.value)


@dataclass(frozen=True)
class Rule:
    """One check code as documented in layouts/rules.yaml."""

    code: str
    severity: Severity
    title: str
    why: str
    fix: str
    audience: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the rule."""
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    """One thing a check found, on one slide (1-based) or on the whole talk."""

    code: str
    severity: Severity
    message: str
    slide: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the finding."""
        return asdict(self)


@cache
def rules() -> dict[str, Rule]:
    """Return every rule by code, read from layouts/rules.yaml."""
    raw = load_data("rules.yaml")
    return {
        code: Rule(
            code=code,
            severity=Severity(spec["severity"]),
            title=str(spec["title"]),
            why=str(spec["why"]),
            fix=str(spec["fix"]),
            audience=spec.get("audience"),
        )
        for code, spec in raw.items()
    }


def finding(code: str, message: str, slide: int | None = None) -> Finding:
    """Build a finding whose severity comes from the rule book."""
    return Finding(code=code, severity=rules()[code].severity, message=message, slide=slide)
