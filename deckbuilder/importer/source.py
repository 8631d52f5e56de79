"""What a write-up holds once parsed, whatever its format: sections of paragraphs, lists, tables and figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Controls an outline refuses (all but tab and newline), and bidirectional overrides: imported text is data.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Return text with control characters dropped and runs of white space made one space."""
    return " ".join(_CONTROL.sub("", text).split())


@dataclass
class Figure:
    """A picture: PNG or JPEG bytes, with its caption when the write-up gave one."""

    data: bytes
    suffix: str  # ".png" or ".jpg"
    caption: str
    context: str  # the nearest text before it, for a title when there is no caption
    where: str


@dataclass
class TableData:
    columns: list[str]
    rows: list[list[str]]
    where: str
    bold_rows: set[int] = field(default_factory=set)  # 0-based rows the write-up marked (bold)


@dataclass
class Section:
    """A heading and what follows it up to the next heading."""

    heading: str
    level: int  # 1-6; 0 for text before the first heading
    where: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # top-level list items
    tables: list[TableData] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.paragraphs or self.items or self.tables or self.figures)


@dataclass
class Writeup:
    """Every section of every file, in order, and what the files say about the talk itself."""

    title: str | None = None
    presenter: str | None = None
    sections: list[Section] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what could not be taken, in words
