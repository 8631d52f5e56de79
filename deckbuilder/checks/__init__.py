"""Run every check over a planned talk and keep the findings not silenced."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from deckbuilder.checks import audience, capacity, numbers, time, titles, wording
from deckbuilder.core.findings import Finding, rules

if TYPE_CHECKING:
    from deckbuilder.core.config import Template
    from deckbuilder.core.outline import Outline
    from deckbuilder.core.planner import Plan

Check = Callable[["Outline", "Plan", "Template"], list[Finding]]
CHECKS: tuple[Check, ...] = (
    time.check,
    titles.check,
    numbers.check,
    wording.check,
    capacity.check,
    audience.check,
)


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Return True when ``code`` starts with one of ``patterns`` (C, C0, C002)."""
    return any(code.startswith(p.upper()) for p in patterns)


def unknown_codes(patterns: Iterable[str]) -> list[str]:
    """Return the patterns that match no known rule code."""
    codes = list(rules())
    return [p for p in patterns if not any(c.startswith(p.upper()) for c in codes)]


def run_checks(
    outline: Outline,
    plan: Plan,
    template: Template,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Return the findings of every check, filtered and in reading order."""
    found: list[Finding] = []
    for check in CHECKS:
        found.extend(check(outline, plan, template))
    return keep(found, outline, select=select, ignore=ignore)


def keep(
    found: Iterable[Finding], outline: Outline, *, select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Finding]:
    """Return the findings that survive --select, --ignore and each slide's `ignore:`, in reading order."""
    select, ignore = tuple(select), tuple(ignore)
    kept = []
    for item in found:
        if select and not matches(item.code, select):
            continue
        if ignore and matches(item.code, ignore):
            continue
        if item.slide is not None and matches(item.code, outline.slides[item.slide - 1].ignore):
            continue
        kept.append(item)
    kept.sort(key=lambda f: (f.slide or 0, f.severity.rank, f.code))
    return kept
