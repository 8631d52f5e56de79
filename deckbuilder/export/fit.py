"""Measure text with real font metrics and find the largest size at which it fits its box."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

_REFERENCE = 100  # measure at 100 pt and scale: one font object serves every size


@dataclass(frozen=True)
class Para:
    """A paragraph to fit: its text, bullet level (None for no bullet) and relative size."""

    text: str
    level: int | None = None
    bold: bool = False
    scale: float = 1.0
    space_before: float = 0.0  # in multiples of the size
    color: str = "text"  # a palette name; measuring ignores it


@dataclass(frozen=True)
class Fit:
    """The chosen size and whether the text fits at it."""

    size: int
    fits: bool
    height_in: float


@cache
def _font(path: Path) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), _REFERENCE)


@cache
def _reference_width(text: str, font: Path) -> float:
    return float(_font(font).getlength(text))


def text_width(text: str, size: float, font: Path) -> float:
    """Return the width of ``text`` in points at ``size`` (widths scale linearly, so one measure serves all)."""
    return _reference_width(text, font) * size / _REFERENCE


def count_lines(text: str, size: float, width_pt: float, font: Path) -> int:
    """Return how many lines ``text`` wraps to in ``width_pt`` (greedy word wrap, as PowerPoint does)."""
    lines = 0
    for raw in text.split("\n") or [""]:
        words = raw.split()
        lines += 1
        current = 0.0
        space = text_width(" ", size, font)
        for word in words:
            w = text_width(word, size, font)
            if current and current + space + w > width_pt:
                lines += 1
                current = w
                # a single word wider than the line wraps by characters
                while current > width_pt:
                    lines += 1
                    current -= width_pt
            else:
                current = current + space + w if current else w
                while current > width_pt:
                    lines += 1
                    current -= width_pt
    return lines


BULLET_INDENT_IN = 0.32  # hanging indent of a bullet, per level
INSET_IN = 0.05  # text box inner margin on every side


def block_height(
    paras: list[Para],
    size: float,
    width_in: float,
    regular: Path,
    bold: Path,
    line_spacing: float,
    paragraph_space: float,
) -> float:
    """Return the height in inches that ``paras`` take at ``size`` in a box ``width_in`` wide."""
    total_pt = 0.0
    for para in paras:
        psize = size * para.scale
        indent = 0.0 if para.level is None else BULLET_INDENT_IN * (para.level + 1)
        width_pt = (width_in - indent - 2 * INSET_IN) * 72
        lines = count_lines(para.text, psize, max(width_pt, 1.0), bold if para.bold else regular)
        total_pt += lines * psize * line_spacing + psize * (paragraph_space + para.space_before)
    return total_pt / 72 + 2 * INSET_IN


def fit_size(
    paras: list[Para],
    width_in: float,
    height_in: float,
    sizes: tuple[int, int],
    regular: Path,
    bold: Path,
    line_spacing: float,
    paragraph_space: float,
) -> Fit:
    """Return the largest size from ``sizes[0]`` down to ``sizes[1]`` at which ``paras`` fit."""
    largest, smallest = sizes
    height = 0.0
    for size in range(largest, smallest - 1, -1):
        height = block_height(paras, size, width_in, regular, bold, line_spacing, paragraph_space)
        if height <= height_in:
            return Fit(size, True, height)
    return Fit(smallest, False, height)
