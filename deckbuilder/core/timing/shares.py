"""Time shares of any list of timed slides: the plan's budgets, a rehearsal's actual times."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from deckbuilder.core.rules.settings import ShareRule, Template


def share_pct(part: float, whole: float) -> int:
    """Return ``part`` of ``whole`` as a whole percent, halves rounded up (as the reports print it)."""
    if whole <= 0:
        return 0
    return int(Fraction(part) * 100 / Fraction(whole) + Fraction(1, 2))


@dataclass(frozen=True)
class Share:
    """A section's share of the main talk time against its target."""

    name: str
    code: str
    label: str
    seconds: float
    pct: int
    target_pct: int | None
    min_pct: int | None
    max_pct: int | None

    @property
    def ok(self) -> bool:
        """Return True when the share is within its bounds."""
        if self.min_pct is not None and self.pct < self.min_pct:
            return False
        return self.max_pct is None or self.pct <= self.max_pct

    @property
    def too_high(self) -> bool:
        """Return True when the share is over its ceiling."""
        return self.max_pct is not None and self.pct > self.max_pct

    def bounds(self) -> str:
        """Return the bounds in words: "target 60%, at least 50%"."""
        parts = []
        if self.target_pct is not None:
            parts.append(f"target {self.target_pct}%")
        if self.min_pct is not None:
            parts.append(f"at least {self.min_pct}%")
        if self.max_pct is not None:
            parts.append(f"at most {self.max_pct}%")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the share (its check code is internal)."""
        shape = asdict(self)
        del shape["code"]
        return shape


def measure(rule: ShareRule, seconds_by_kind: dict[str, float], main_s: float) -> Share:
    """Return the share ``rule`` describes, given the main talk's time per kind."""
    seconds = sum(seconds_by_kind.get(kind, 0) for kind in rule.kinds)
    return Share(
        rule.name,
        rule.code,
        rule.label,
        seconds,
        share_pct(seconds, main_s),
        rule.target_pct,
        rule.min_pct,
        rule.max_pct,
    )


@dataclass(frozen=True)
class Split:
    """How the main talk's time divides: per share, and decided against observed."""

    main_s: float
    shares: tuple[Share, ...]
    decided_s: float
    observed_s: float


def split(timed: Iterable[tuple[str | None, float]], template: Template) -> Split:
    """Return the shares of the main talk, given (kind, seconds) of each main slide."""
    by_kind: dict[str, float] = {}
    for kind, seconds in timed:
        by_kind[kind or ""] = by_kind.get(kind or "", 0.0) + seconds
    main_s = sum(by_kind.values())
    decided = sum(by_kind.get(k, 0.0) for k in template.kinds_in_section("decided"))
    observed = sum(by_kind.get(k, 0.0) for k in template.kinds_in_section("observed"))
    shares = tuple(measure(rule, by_kind, main_s) for rule in template.shares.values())
    return Split(main_s, shares, decided, observed)
