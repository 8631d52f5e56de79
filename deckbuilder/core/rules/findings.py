"""Findings: what a check says about the talk, and the rule book behind them."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, NamedTuple


class Severity(StrEnum):
    """How much a finding matters; only errors fail `deck plan`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 0 for errors, 1 for warnings, 2 for info (for sorting)."""
        return ("error", "warning", "info").index(self.value)


# Read once, never changed: a named tuple, for the reason core/rules/settings.py gives.
class Rule(NamedTuple):
    """One check code as documented in layouts/rules.yaml."""

    code: str
    severity: Severity
    title: str
    why: str
    fix: str
    audience: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the rule."""
        return self._asdict()


@dataclass(frozen=True)
class Finding:
    """One thing a check found, on one slide (1-based) or on the whole talk."""

    code: str
    severity: Severity
    message: str
    slide: int | None = None
    # a warning that `deck build` treats as an error (needs --force): the speaker undermining their own work in
    # words the panel would read on a slide
    stops_build: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the finding (`stops_build` only where it is true)."""
        shape = asdict(self)
        if not self.stops_build:
            del shape["stops_build"]
        return shape


def parse_rules(raw: dict[str, Any]) -> dict[str, Rule]:
    """Return every rule by code from a parsed rules.yaml."""
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


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Return True when ``code`` starts with one of ``patterns`` (C, C0, C002)."""
    return any(code.startswith(p.upper()) for p in patterns)


def unknown_codes(patterns: Iterable[str], rules: dict[str, Rule]) -> list[str]:
    """Return the patterns that match no known rule code."""
    return [p for p in patterns if not any(matches(c, (p,)) for c in rules)]


def keep(
    found: Iterable[Finding],
    slide_ignores: list[list[str]] | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Return the findings that survive --select, --ignore and each slide's `ignore:`, in reading order."""
    select, ignore = tuple(select), tuple(ignore)
    kept = []
    for item in found:
        if select and not matches(item.code, select):
            continue
        if ignore and matches(item.code, ignore):
            continue
        if item.slide is not None and slide_ignores and matches(item.code, slide_ignores[item.slide - 1]):
            continue
        kept.append(item)
    kept.sort(key=lambda f: (f.slide or 0, f.severity.rank, f.code))
    return kept
