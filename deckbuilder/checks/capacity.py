"""Capacity findings: C004 (too many figures) and C010 (more text than the slide holds)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from deckbuilder.checks.text import decision_texts, flat_points, main_slides, quote
from deckbuilder.core.config import load_data
from deckbuilder.core.findings import Finding, finding
from deckbuilder.core.outline import Slide

if TYPE_CHECKING:
    from deckbuilder.core.config import Template
    from deckbuilder.core.outline import Outline
    from deckbuilder.core.planner import Plan


@dataclass(frozen=True)
class Room:
    """How much text one slide layout holds."""

    points: int
    point_chars: int
    total_chars: int


@cache
def capacity() -> dict[str, Any]:
    """Return layouts/capacity.yaml."""
    data: dict[str, Any] = load_data("capacity.yaml")
    return data


def layout_of(slide: Slide) -> str:
    """Return the layout a slide's content needs: 'split' beside a figure or table, else 'text'."""
    return "split" if slide.figure is not None or slide.table is not None else "text"


def text_size(slide: Slide) -> int:
    """Return the characters of body text a slide shows (metrics counted as callouts)."""
    body = sum(len(t) for t in flat_points(slide.points)) + sum(len(t) + 12 for t in decision_texts(slide))
    return body + len(slide.metrics) * int(capacity()["metric_chars"])


def check(outline: Outline, plan: Plan, template: Template) -> list[Finding]:
    """Return C004 and C010 findings."""
    cap = capacity()
    found: list[Finding] = []
    figures = [i for i, s in main_slides(outline) if s.figure is not None]
    if len(figures) > cap["max_figures"]:
        found.append(
            finding(
                "C004",
                f"{len(figures)} figures in the talk (slides {', '.join(map(str, figures))}); keep the "
                f"{cap['max_figures']} that carry a decision and move the rest to the appendix.",
            )
        )
    for index, slide in enumerate(outline.slides, start=1):
        found.extend(_overflow(slide, index, cap))
    return found


def _overflow(slide: Slide, index: int, cap: dict[str, Any]) -> list[Finding]:
    name = layout_of(slide)
    room = Room(**cap["layouts"][name])
    beside = " beside the figure" if name == "split" else ""
    points = list(flat_points(slide.points))
    if slide.title and len(slide.title) > cap["title_chars"]:
        return [
            finding(
                "C010",
                f"the title has {len(slide.title)} characters, over the {cap['title_chars']} that fit on two "
                "lines; keep the finding and its number, drop the rest.",
                slide=index,
            )
        ]
    if slide.figure is not None and slide.table is not None:
        return [
            finding(
                "C010",
                "a figure and a table on one slide leave neither readable; move one to its own slide or the appendix.",
                slide=index,
            )
        ]
    if len(points) > room.points:
        return [
            finding(
                "C010",
                f"{len(points)} points{beside}, over the {room.points} that fit; keep the strongest and move "
                "the rest to the speaker notes.",
                slide=index,
            )
        ]
    for text in points:
        if len(text) > room.point_chars:
            return [
                finding(
                    "C010",
                    f"the point {quote(text, 50)} runs to {len(text)} characters (at most {room.point_chars}"
                    f"{beside}); split it or cut it to its claim.",
                    slide=index,
                )
            ]
    size = text_size(slide)
    if size > room.total_chars:
        return [
            finding(
                "C010",
                f"about {size} characters of text{beside}, over the {room.total_chars} that fit at reading "
                "size; move detail to the speaker notes.",
                slide=index,
            )
        ]
    return []
