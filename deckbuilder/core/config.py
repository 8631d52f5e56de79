"""Load the talk template (kinds, budgets, share targets, limits) from layouts/."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).resolve().parent


def layouts_dir() -> Path:
    """Return the folder of data files, inside the wheel or beside the source tree."""
    for candidate in (_HERE.parent / "layouts", _HERE.parent.parent / "layouts"):
        if (candidate / "template.yaml").is_file():
            return candidate
    raise FileNotFoundError(
        "deck's data folder 'layouts/' is missing; reinstall deck (pip install --force-reinstall deck)"
    )


def load_data(name: str) -> Any:
    """Parse one YAML data file from layouts/."""
    with open(layouts_dir() / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass(frozen=True)
class KindRule:
    """How the planner treats one slide kind."""

    name: str
    label: str
    weight_s: float
    fixed_s: int | None
    main: bool
    section: str


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

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of the share (its check code is internal)."""
        shape = asdict(self)
        del shape["code"]
        return shape


@dataclass(frozen=True)
class ShareRule:
    """A time share of the main talk, with its target and bounds in whole percents."""

    name: str
    label: str
    kinds: tuple[str, ...]
    code: str
    target_pct: int | None
    min_pct: int | None
    max_pct: int | None

    def measure(self, seconds_by_kind: dict[str, float], main_s: float) -> Share:
        """Return this section's share of ``main_s`` given the time spent on each kind."""
        seconds = sum(seconds_by_kind.get(kind, 0) for kind in self.kinds)
        return Share(
            self.name,
            self.code,
            self.label,
            seconds,
            share_pct(seconds, main_s),
            self.target_pct,
            self.min_pct,
            self.max_pct,
        )


@dataclass(frozen=True)
class Limits:
    """The numeric bounds of the time rules."""

    duration_min_s: int
    duration_max_s: int
    main_slides_min: int
    main_slides_max: int
    slide_min_s: int
    decided_to_observed_min: float


@dataclass(frozen=True)
class Template:
    """The whole talk template."""

    reference_duration_s: int
    kinds: dict[str, KindRule]
    shares: dict[str, ShareRule]
    limits: Limits
    audiences: dict[str, str]

    def kinds_in_section(self, section: str) -> set[str]:
        """Return the kinds whose time counts in ``section``."""
        return {k.name for k in self.kinds.values() if k.section == section}


@cache
def load_template() -> Template:
    """Return the template from layouts/template.yaml (read once per process)."""
    raw = load_data("template.yaml")
    kinds = {
        name: KindRule(
            name=name,
            label=str(spec["label"]),
            weight_s=float(spec.get("weight_s", 0)),
            fixed_s=spec.get("fixed_s"),
            main=bool(spec["main"]),
            section=str(spec["section"]),
        )
        for name, spec in raw["kinds"].items()
    }
    shares = {
        name: ShareRule(
            name=name,
            label=str(spec["label"]),
            kinds=tuple(spec["kinds"]),
            code=str(spec["code"]),
            target_pct=spec.get("target_pct"),
            min_pct=spec.get("min_pct"),
            max_pct=spec.get("max_pct"),
        )
        for name, spec in raw["shares"].items()
    }
    return Template(
        reference_duration_s=int(raw["reference_duration_s"]),
        kinds=kinds,
        shares=shares,
        limits=Limits(**raw["limits"]),
        audiences={str(k): str(v) for k, v in raw["audiences"].items()},
    )
