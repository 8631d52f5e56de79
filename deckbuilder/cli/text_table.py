"""Plain text tables and wrapped lines, styled with click: every table the commands print (plan, history,
compare, inspect), with one set of width rules.

Not Rich: `deck plan` is run from an editor on each save, where Rich's start-up was a sixth of the command's
time, and a table here needs no more than columns, one column that wraps or ones that shorten, and colour.
Text reaching here is already made visible (`display.visible`): click.style adds codes around it, never in it.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence

import click

GAP = "  "  # between columns


class Cell:
    """A table cell: its text and how it is styled (click.style's fg, bold, dim)."""

    __slots__ = ("bold", "dim", "fg", "text")

    def __init__(self, text: str, fg: str | None = None, bold: bool = False, dim: bool = False) -> None:
        self.text, self.fg, self.bold, self.dim = text, fg, bold, dim

    def styled(self, text: str) -> str:
        return style(text, self.fg, self.bold, self.dim)


def style(text: str, fg: str | None = None, bold: bool = False, dim: bool = False) -> str:
    """Return ``text`` with click's colour codes around it (none when there is no style or no text)."""
    if not (fg or bold or dim) or not text:
        return text
    return click.style(text, fg=fg, bold=bold or None, dim=dim or None)


def width() -> int:
    """Return the columns to print in: $COLUMNS, else the terminal's, else 80 (shutil's rule, without its import)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def cells(text: str) -> int:
    """Return how many terminal columns ``text`` takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrap(text: str, room: int) -> list[str]:
    """Return ``text`` broken at spaces into lines of at most ``room`` columns; a longer word is cut."""
    room = max(room, 1)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cells(word) > room:  # a word longer than the line: fold it
            if line:
                lines.append(line)
                line = ""
            cut = room
            while cells(word[:cut]) > room:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if not line:
            line = word
        elif cells(line) + 1 + cells(word) <= room:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def shorten(text: str, room: int) -> str:
    """Return ``text`` cut to at most ``room`` columns, ending in "…" when it was cut."""
    if cells(text) <= room:
        return text
    cut = max(room - 1, 0)
    while cut and cells(text[:cut]) > room - 1:
        cut -= 1
    return text[:cut].rstrip() + "…" if room > 0 else ""


def _pad(text: str, size: int, right: bool) -> str:
    space = " " * max(size - cells(text), 0)
    return space + text if right else text + space


def table(
    rows: Sequence[Sequence[Cell]],
    right: Sequence[bool],
    fold: int | None = None,
    total: int | None = None,
    gap: str = GAP,
    cut: Sequence[int] = (),
    least: int = 5,
) -> list[str]:
    """Return the lines of a table: columns as wide as their widest cell, ``right`` ones right-aligned.

    When the table is wider than ``total`` columns (the terminal's by default), column ``fold`` narrows and its
    cells wrap onto more lines, or the ``cut`` columns narrow (the widest first, to ``least``) and their cells
    end in "…", each row keeping to one line; the other columns keep their width."""
    total = width() if total is None else total
    widths = [max((cells(row[i].text) for row in rows), default=0) for i in range(len(right))]
    used = sum(widths) + len(gap) * (len(widths) - 1)
    if fold is not None:
        widths[fold] = max(min(widths[fold], total - (used - widths[fold])), 12)
    while used > total and cut:
        widest = max(cut, key=lambda i: widths[i])
        if widths[widest] <= least:
            break
        widths[widest] -= 1
        used -= 1
    lines: list[str] = []
    for row in rows:
        parts = [
            wrap(c.text, widths[i]) if i == fold else [shorten(c.text, widths[i]) if i in cut else c.text]
            for i, c in enumerate(row)
        ]
        for n in range(max(len(p) for p in parts)):
            out = []
            for i, (cell, part) in enumerate(zip(row, parts, strict=True)):
                text = part[n] if n < len(part) else ""
                last = i == len(row) - 1
                padded = text if last and not right[i] else _pad(text, widths[i], right[i])
                out.append(cell.styled(padded) if text else padded)
            lines.append(gap.join(out).rstrip())
    return lines


def echo(line: str = "") -> None:
    """Print one line, in colour only on a terminal and never when NO_COLOR is set."""
    click.echo(line, color=False if os.environ.get("NO_COLOR") else None)


def echo_lines(lines: Sequence[str]) -> None:
    """Print lines, each as `echo` does."""
    for line in lines:
        echo(line)


def say(text: str, fg: str | None = None, bold: bool = False, dim: bool = False) -> None:
    """Print a sentence wrapped to the terminal's width, each line styled."""
    for line in wrap(text, width()):
        echo(style(line, fg, bold, dim))
