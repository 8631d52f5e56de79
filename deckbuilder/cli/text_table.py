"""Plain text tables and wrapped lines, styled with click: what `deck plan` prints on every save.

Rich draws the other commands' tables; `deck plan` is run from an editor on each save, where Rich's start-up
was a sixth of the command's time, and its tables need no more than columns, one wrapping column and colour.
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


def _pad(text: str, size: int, right: bool) -> str:
    space = " " * max(size - cells(text), 0)
    return space + text if right else text + space


def table(
    rows: Sequence[Sequence[Cell]],
    right: Sequence[bool],
    fold: int | None = None,
    total: int | None = None,
    gap: str = GAP,
) -> list[str]:
    """Return the lines of a table: columns as wide as their widest cell, ``right`` ones right-aligned.

    When the table is wider than ``total`` columns (the terminal's by default), column ``fold`` narrows and its
    cells wrap onto more lines; the others keep their width."""
    total = width() if total is None else total
    widths = [max((cells(row[i].text) for row in rows), default=0) for i in range(len(right))]
    if fold is not None:
        others = sum(w for i, w in enumerate(widths) if i != fold) + len(gap) * (len(widths) - 1)
        widths[fold] = max(min(widths[fold], total - others), 12)
    lines: list[str] = []
    for row in rows:
        parts = [wrap(c.text, widths[i]) if i == fold else [c.text] for i, c in enumerate(row)]
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
