"""Measure text with the measuring font's advance widths (layouts/glyph_widths.json) and fit it to a box.

Pure Python, so the C010 check and the exporter use the same numbers. Widths ignore kerning, which
only ever makes text narrower: a text measured to fit does fit.
"""

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

BULLET_INDENT_IN = 0.32  # hanging indent of a bullet, per level
INSET_IN = 0.05  # text box inner margin on every side


@dataclass(frozen=True, eq=False)
class Glyphs:
    """Advance widths per character, in thousandths of the font size."""

    regular: dict[str, int]
    bold: dict[str, int]
    default: int
    units: float
    _natural: dict[tuple[str, bool], int] = field(default_factory=dict, repr=False)

    def narrowed(self, ratio: float) -> "Glyphs":
        """Return these widths run ``ratio`` as wide: the measuring font's, taken to the font a deck shows."""
        # the cache holds each text's width in font units, the same whatever the ratio: one cache for both
        return Glyphs(self.regular, self.bold, self.default, self.units / ratio, self._natural)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Return the width of ``text`` in points at ``size``."""
        key = (text, bold)
        units = self._natural.get(key)
        if units is None:
            table, default = (self.bold if bold else self.regular), self.default
            units = sum(table.get(char, default) for char in text)
            if len(self._natural) < 50_000:  # fitting tries each size: measure each text once
                self._natural[key] = units
        return units * size / self.units


def parse_glyphs(raw: dict[str, object]) -> Glyphs:
    """Return the Glyphs of a parsed glyph_widths.json."""
    regular, bold = raw["regular"], raw["bold"]
    assert isinstance(regular, dict) and isinstance(bold, dict)
    return Glyphs(
        regular={str(k): int(v) for k, v in regular.items()},
        bold={str(k): int(v) for k, v in bold.items()},
        default=int(str(raw["default"])),
        units=int(str(raw["units_per_em"])),
    )


@dataclass(frozen=True)
class Para:
    """A paragraph to fit: its text, bullet level (None for no bullet) and relative size."""

    text: str
    level: int | None = None
    bold: bool = False
    smaller: int = 0  # steps down the type scale from the block's size (a decision's reason: one step)
    space_before: float = 0.0  # in multiples of the size
    color: str = "text"  # a palette name; measuring ignores it


class Fit(NamedTuple):
    """The chosen size, whether the text fits at it, and its height."""

    size: int
    fits: bool
    height_in: float


# Read once, never changed: a named tuple, for the reason core/rules/settings.py gives.
class Typesetting(NamedTuple):
    """What the measure needs besides the text: glyph widths and the line and paragraph spacing."""

    glyphs: Glyphs
    line_spacing: float
    paragraph_space: float
    scale: tuple[int, ...]  # the type scale, largest first
    least: int = 0  # a paragraph set smaller than its block (a decision's reason) never goes under this

    def size_of(self, para: Para, size: float) -> float:
        """Return the size ``para`` is set at in a block set at ``size``."""
        return step_down(self.scale, size, para.smaller, self.least)


def scale_steps(scale: tuple[int, ...], largest: int, smallest: int) -> list[int]:
    """Return the type scale's sizes from ``largest`` down to ``smallest``: the sizes text may shrink through."""
    return [s for s in scale if smallest <= s <= largest]


def step_down(scale: tuple[int, ...], size: float, steps: int, least: float = 0) -> float:
    """Return the size ``steps`` steps below ``size`` on the type scale (the scale's smallest at most), never under
    ``least`` unless ``size`` is."""
    if not steps:
        return size
    below = [s for s in scale if s < size and s >= least]
    return float(below[min(steps, len(below)) - 1]) if below else size


NO_BREAK = "\u00a0"  # a no-break space: drawn as a space, never a line break
_BREAKS = re.compile(r"[ \t\r\f\v]+")  # every space but the no-break one (str.split() would break at it too)


def words_of(line: str) -> list[str]:
    """Return the words a line may break between: a no-break space keeps its two words one."""
    return [w for w in _BREAKS.split(line) if w]


NO_BREAK_HYPHEN = "\u2011"  # drawn as a hyphen, never a line break: "PR-AUC", "at-risk" stay whole
_HYPHENATED = re.compile(r"(?<=\w)-(?=\w)")


def kept_together(text: str, pairs: re.Pattern[str]) -> str:
    """Return ``text`` with a no-break space inside each pair that must share a line ("8 a.m.", "about $2.4M"),
    and a no-break hyphen inside each hyphenated term ("PR-AUC", "out-of-home"), which renderers would break."""
    return _HYPHENATED.sub(NO_BREAK_HYPHEN, pairs.sub(lambda m: m.group().replace(" ", NO_BREAK), text))


def wrap(
    text: str, size: float, width_pt: float, glyphs: Glyphs, bold: bool = False, break_words: bool = True
) -> list[str]:
    """Return the lines ``text`` wraps to in ``width_pt`` (greedy, as PowerPoint does); a word wider than the line
    is split, as PowerPoint does, unless ``break_words`` is off (a chart label: the word overhangs instead)."""
    lines: list[str] = []
    space = glyphs.width(" ", size, bold)
    for raw in text.split("\n"):
        current, used = "", 0.0
        for word in words_of(raw):
            w = glyphs.width(word, size, bold)
            if current and used + space + w <= width_pt:
                current, used = f"{current} {word}", used + space + w
                continue
            if current:
                lines.append(current)
            if break_words and w > width_pt and len(word) > 1:  # a word wider than the line breaks by characters
                *full, word = _broken(word, size, width_pt, glyphs, bold)
                lines.extend(full)
                w = glyphs.width(word, size, bold)
            current, used = word, w
        lines.append(current)
    return lines


def _broken(word: str, size: float, width_pt: float, glyphs: Glyphs, bold: bool) -> list[str]:
    """Return ``word`` cut into lines that each fit ``width_pt`` (at least one character a line), in one walk
    along it: a 32,000-character word is measured once, not once per line."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for i, char in enumerate(word):
        advance = glyphs.width(char, size, bold)
        if used + advance > width_pt and i > start:
            pieces.append(word[start:i])
            start, used = i, 0.0
        used += advance
    pieces.append(word[start:])
    return pieces


EXACT_LINES = 40  # past this many lines a text cannot fit any slide: its count is estimated, not wrapped


def para_lines(para: Para, size: float, width_in: float, setting: Typesetting) -> int:
    """Return how many lines ``para`` takes at ``size`` in a box ``width_in`` wide."""
    indent = 0.0 if para.level is None else BULLET_INDENT_IN * (para.level + 1)
    width_pt = max((width_in - indent - 2 * INSET_IN) * 72, 1.0)
    psize = setting.size_of(para, size)
    natural = setting.glyphs.width(para.text, psize, para.bold)
    if natural > width_pt * EXACT_LINES:  # a runaway text: the natural width bounds the count from below
        return math.ceil(natural / width_pt)
    return len(wrap(para.text, psize, width_pt, setting.glyphs, para.bold))


def block_height(paras: list[Para], size: float, width_in: float, setting: Typesetting) -> float:
    """Return the height in inches that ``paras`` take at ``size`` in a box ``width_in`` wide."""
    total_pt = 0.0
    for para in paras:
        psize = setting.size_of(para, size)
        lines = para_lines(para, size, width_in, setting)
        total_pt += lines * psize * setting.line_spacing + psize * (setting.paragraph_space + para.space_before)
    return total_pt / 72 + 2 * INSET_IN


def fit_size(paras: list[Para], width_in: float, height_in: float, sizes: tuple[int, int], setting: Typesetting) -> Fit:
    """Return the largest size of the type scale from ``sizes[0]`` down to ``sizes[1]`` at which ``paras`` fit:
    text shrinks by whole steps of the scale, never to a size between them."""
    largest, smallest = sizes
    height = 0.0
    size = largest
    fits = False
    steps = scale_steps(setting.scale, largest, smallest) or [largest]
    for size in steps:
        height = block_height(paras, size, width_in, setting)
        # A word wider than its line would be broken mid-word by PowerPoint: that size does not fit either.
        fits = height <= height_in and words_fit(paras, size, width_in, setting)
        if fits:
            break
    return Fit(size, fits, height)


def words_fit(paras: list[Para], size: float, width_in: float, setting: Typesetting) -> bool:
    """Return whether every word of ``paras`` fits on its line at ``size`` (so none is broken inside)."""
    return too_wide(paras, size, width_in, setting) is None


def too_wide(paras: list[Para], size: float, width_in: float, setting: Typesetting) -> str | None:
    """Return the first word of ``paras`` wider than its line at ``size``, if any."""
    for para in paras:
        indent = 0.0 if para.level is None else BULLET_INDENT_IN * (para.level + 1)
        room = (width_in - indent - 2 * INSET_IN) * 72
        psize = setting.size_of(para, size)
        for word in words_of(para.text[:2000]):
            if setting.glyphs.width(word, psize, para.bold) > room:
                return word
    return None
