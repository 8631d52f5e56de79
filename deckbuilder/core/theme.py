"""Load the deck's theme and slide geometry from layouts/ (pure data, no heavy imports)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from deckbuilder.core.config import layouts_dir, load_data


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    def below(self, used: float, gap: float = 0.0) -> Box:
        """Return what is left of the box under ``used`` inches (and a gap)."""
        cut = min(self.height, used + gap)
        return Box(self.left, self.top + cut, self.width, max(self.height - cut, 0.0))

    def scaled(self, sx: float, sy: float) -> Box:
        """Return the box stretched to another page size."""
        return Box(self.left * sx, self.top * sy, self.width * sx, self.height * sy)


@dataclass(frozen=True)
class Theme:
    """Palette, type, sizes and geometry of the deck."""

    font: str
    measure_font: Path
    measure_font_bold: Path
    palette: dict[str, str]
    series: tuple[str, ...]
    sizes: dict[str, Any]
    line_spacing: float
    paragraph_space: float
    figure: dict[str, Any]
    page: tuple[float, float]
    regions: dict[str, Box]
    metric_height: float
    metric_gap: float
    decision_gap: float
    layouts: dict[str, str]
    fallbacks: dict[str, tuple[str, ...]]

    def color(self, name: str) -> str:
        """Return a palette colour as RRGGBB."""
        return self.palette[name]

    def size_range(self, name: str) -> tuple[int, int]:
        """Return (largest, smallest) point sizes for a kind of text."""
        largest, smallest = self.sizes[name]
        return int(largest), int(smallest)

    def fingerprint(self) -> dict[str, Any]:
        """Return what a rendered figure depends on, for the figure cache key."""
        return {"palette": self.palette, "series": self.series, "figure": self.figure, "font": self.font}


def font_file(name: str) -> Path:
    """Find a DejaVu font file shipped with matplotlib, without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("matplotlib is not installed; reinstall deck")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf" / name


@cache
def load_theme() -> Theme:
    """Return the theme from layouts/theme.yaml and layouts/slides.yaml."""
    theme = load_data("theme.yaml")
    geometry = load_data("slides.yaml")
    return Theme(
        font=str(theme["font"]),
        measure_font=font_file(theme["measure_font"]),
        measure_font_bold=font_file(theme["measure_font_bold"]),
        palette={k: str(v) for k, v in theme["palette"].items()},
        series=tuple(str(c) for c in theme["series"]),
        sizes=dict(theme["sizes"]),
        line_spacing=float(theme["line_spacing"]),
        paragraph_space=float(theme["paragraph_space"]),
        figure=dict(theme["figure"]),
        page=(float(geometry["page"]["width"]), float(geometry["page"]["height"])),
        regions={name: Box(**box) for name, box in geometry["regions"].items()},
        metric_height=float(geometry["metric_height"]),
        metric_gap=float(geometry["metric_gap"]),
        decision_gap=float(geometry["decision_gap"]),
        layouts={k: str(v) for k, v in geometry["layouts"].items()},
        fallbacks={k: tuple(v) for k, v in geometry["fallbacks"].items()},
    )


def template_file() -> Path:
    """Return the bundled 16:9 template."""
    return layouts_dir() / "deck.pptx"
