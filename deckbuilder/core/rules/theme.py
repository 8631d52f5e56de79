"""Load the deck's theme and slide geometry from layouts/ (pure data, no heavy imports)."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from deckbuilder.core.text.breaks import BreakRules, parse_breaks
from deckbuilder.core.text.phrasing import Grammar, parse_grammar

_NUMBER_TEXT = r"[$€£]?\d[\d,.]*[%kKmMbB]?"


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    def below(self, used: float, gap: float = 0.0) -> "Box":
        """Return what is left of the box under ``used`` inches (and a gap)."""
        cut = min(self.height, used + gap)
        return Box(self.left, self.top + cut, self.width, max(self.height - cut, 0.0))

    def scaled(self, sx: float, sy: float) -> "Box":
        """Return the box stretched to another page size."""
        return Box(self.left * sx, self.top * sy, self.width * sx, self.height * sy)


# Read once, never changed: a named tuple, for the reason core/rules/settings.py gives.
class Theme(NamedTuple):
    """Palette, type, sizes and geometry of the deck."""

    template: Path  # the bundled 16:9 deck template
    font: str
    palette: dict[str, str]
    series: tuple[str, ...]
    sizes: dict[str, Any]
    scale: tuple[int, ...]  # the type scale: every text size of the deck is one of these, largest first
    most_sizes: int  # how many sizes the scale (so a deck) may have
    line_spacing: float
    table_banding: bool
    shown_font_ratio: float
    shown_font_most: float  # Arial's width against the measuring font's at the most, on running text
    title_font_ratio: float  # the widest a bold title line runs in Arial against the measure
    metric_least_width: float
    balance: dict[str, float]  # short: the share of its room under which text is balanced; drop: how far down
    table_air: float
    paragraph_space: float
    figure: dict[str, Any]
    page: tuple[float, float]
    regions: dict[str, Box]
    metric_height: float
    metric_gap: float
    text_column: dict[str, float]  # least, most: its width in inches; fill: the share of its height text may fill
    grammar: Grammar
    breaks: BreakRules  # where titles and callout labels break between lines
    reference_words: tuple[str, ...]  # a level a title names for its chart: break-even, capacity
    comparison_words: tuple[str, ...]  # after these, a title names what its subject is compared with
    ratio_words: tuple[str, ...]  # an axis or column naming a ratio, read against 1
    parity_label: str  # the name of that level on the chart
    baseline_nouns: frozenset[str]  # a callout's baseline label ending in one names the level itself
    keep_together: re.Pattern[str]  # a space a line must not break at (see `keep_together` in slides.yaml)
    max_points: dict[str, int]  # bullets a slide shows, by layout: text alone, or split beside a visual
    max_point_lines: int  # lines one bullet may wrap to
    layouts: dict[str, str]
    fallbacks: dict[str, tuple[str, ...]]

    def color(self, name: str) -> str:
        """Return a palette colour as RRGGBB."""
        return self.palette[name]

    def size_range(self, name: str) -> tuple[int, int]:
        """Return (largest, smallest) point sizes for a kind of text."""
        largest, smallest = self.sizes[name]
        return int(largest), int(smallest)

    @property
    def least_body(self) -> int:
        """Return the smallest size running text is set at: a decision's reason steps down to it, never under."""
        return min(self.size_range("body")[1], self.size_range("body_beside")[1])

    def fingerprint(self) -> dict[str, Any]:
        """Return what a rendered figure depends on, for the figure cache key."""
        return {"palette": self.palette, "series": self.series, "figure": self.figure, "font": self.font}


def _on_scale(theme: dict[str, Any]) -> None:
    """Raise ValueError for a text size that is not a step of the type scale, or a scale of too many sizes."""
    scale = {int(v) for v in theme["scale"]}
    most = int(theme["most_sizes"])
    if len(scale) > most:
        raise ValueError(f"theme.yaml: the type scale has {len(scale)} sizes; most_sizes allows {most}")
    sizes = {f"sizes.{k}": v for k, v in theme["sizes"].items()}
    sizes["figure.chart_size"] = theme["figure"]["chart_size"]
    for name, value in sizes.items():
        for size in value if isinstance(value, list) else [value]:
            if int(size) not in scale:
                steps = ", ".join(str(v) for v in sorted(scale))
                raise ValueError(f"theme.yaml: {name} has {size} pt, not a step of the type scale ({steps})")


def parse_theme(theme: dict[str, Any], geometry: dict[str, Any], folder: Path) -> Theme:
    """Return the Theme of a parsed theme.yaml and slides.yaml."""
    _on_scale(theme)
    grammar = parse_grammar(geometry["decision_grammar"])
    return Theme(
        template=folder / "deck.pptx",
        font=str(theme["font"]),
        palette={k: str(v) for k, v in theme["palette"].items()},
        series=tuple(str(c) for c in theme["series"]),
        sizes=dict(theme["sizes"]),
        scale=tuple(sorted((int(v) for v in theme["scale"]), reverse=True)),
        most_sizes=int(theme["most_sizes"]),
        line_spacing=float(theme["line_spacing"]),
        table_banding=bool(theme["table_banding"]),
        shown_font_ratio=float(theme["shown_font_ratio"]),
        shown_font_most=float(theme["shown_font_most"]),
        title_font_ratio=float(theme["title_font_ratio"]),
        metric_least_width=float(geometry["metric_least_width"]),
        balance={k: float(v) for k, v in theme["balance"].items()},
        table_air=float(theme["table_air"]),
        paragraph_space=float(theme["paragraph_space"]),
        figure=dict(theme["figure"]),
        page=(float(geometry["page"]["width"]), float(geometry["page"]["height"])),
        regions={name: Box(**box) for name, box in geometry["regions"].items()},
        metric_height=float(geometry["metric_height"]),
        metric_gap=float(geometry["metric_gap"]),
        text_column={k: float(v) for k, v in geometry["text_column"].items()},
        grammar=grammar,
        breaks=parse_breaks(geometry["line_breaks"], grammar),
        reference_words=tuple(str(w) for w in geometry["reference_words"]),
        comparison_words=tuple(str(w).lower() for w in geometry["comparison_words"]),
        ratio_words=tuple(str(w).lower() for w in geometry["ratio_words"]),
        parity_label=str(geometry["parity_label"]),
        baseline_nouns=frozenset(str(w).lower() for w in geometry["baseline_nouns"]),
        keep_together=_keep_together(geometry["keep_together"]),
        max_points={str(k): int(v) for k, v in geometry["max_points"].items()},
        max_point_lines=int(geometry["max_point_lines"]),
        layouts={k: str(v) for k, v in geometry["layouts"].items()},
        fallbacks={k: tuple(v) for k, v in geometry["fallbacks"].items()},
    )


def _keep_together(raw: dict[str, list[str]]) -> re.Pattern[str]:
    """Compile the word pairs a line must not break between: a number and its unit, a qualifier and its number."""
    units = "|".join(re.escape(str(u)) for u in sorted(raw["units"], key=len, reverse=True))
    before = "|".join(re.escape(str(w)) for w in sorted(raw["before_numbers"], key=len, reverse=True))
    # A percentage and the metric it measures ("12% PR-AUC"): a metric's name is written in capitals.
    metric = r"(?<=\d%) (?-i:[A-Z][A-Z0-9]*(?:-[A-Z0-9@]+)*)(?![\w-])"
    # An article and the word after it: "a / month" reads as a broken line anywhere on a slide.
    articles = "|".join(re.escape(str(w)) for w in raw["before_words"])
    short = rf"(?<![\w'’-])(?:{articles}) (?=\S)"
    return re.compile(
        rf"(?<=\d) (?:{units})(?!\w)|(?<!\w)(?:{before}) (?={_NUMBER_TEXT})|{metric}|{short}", re.IGNORECASE
    )
