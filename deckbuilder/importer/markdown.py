"""Markdown write-ups, parsed with markdown-it-py (CommonMark plus pipe tables)."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .source import Figure, Section, TableData, Writeup, clean

ImageLoader = Callable[[str, str], Figure | None]  # (src, where) -> the picture, or None (told in skipped)
_AUTHOR = re.compile(r"^(?:author|by|presenter|name|candidate)\s*[:\-–]\s*(?P<name>[^|]{2,60})$", re.IGNORECASE)


def parser() -> MarkdownIt:
    # No HTML: a write-up's raw HTML is shown as text, never interpreted.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _plain(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return clean("".join(parts))


def _images(inline: Token) -> list[tuple[str, str]]:
    found = []
    for child in inline.children or []:
        if child.type == "image":
            alt = clean("".join(c.content for c in child.children or []))
            title = clean(str(child.attrGet("title") or ""))
            found.append((str(child.attrGet("src") or ""), title or alt))
    return found


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


class _Reader:
    def __init__(self, name: str, writeup: Writeup, load_image: ImageLoader, place: str = "line") -> None:
        self.name, self.writeup, self.load_image, self.place = name, writeup, load_image, place

    def where(self, line: int) -> str:
        return f"{self.name} {self.place} {line}" if self.place == "line" else self.name

    def section(self) -> Section:
        if not self.writeup.sections:
            self.writeup.sections.append(Section("", 0, self.where(1)))
        return self.writeup.sections[-1]

    def read(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "heading_open":
                self._heading(int(token.tag[1:]), _plain(tokens[i + 1]), _line(token))
                i += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                i = self._list(tokens, i)
            elif token.type == "table_open":
                i = self._table(tokens, i)
            elif token.type == "paragraph_open":
                self._paragraph(tokens[i + 1], _line(token))
                i += 3
            else:
                i += 1

    def _heading(self, level: int, text: str, line: int) -> None:
        if level == 1 and self.writeup.title is None and not any(s.level for s in self.writeup.sections):
            self.writeup.title = text
        self.writeup.sections.append(Section(text, level, self.where(line)))

    def _paragraph(self, inline: Token, line: int) -> None:
        section = self.section()
        text = _plain(inline)
        author = _AUTHOR.match(text)
        if author and self.writeup.presenter is None and len(self.writeup.sections) <= 2:
            self.writeup.presenter = clean(author["name"])
            return
        for src, caption in _images(inline):
            figure = self.load_image(src, self.where(line))
            if figure is not None:
                figure.caption = caption
                figure.context = section.paragraphs[-1] if section.paragraphs else section.heading
                section.figures.append(figure)
        if text:
            section.paragraphs.append(text)

    def _list(self, tokens: list[Token], start: int) -> int:
        depth, i = 0, start
        section = self.section()
        while i < len(tokens):
            token = tokens[i]
            if token.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                if depth == 0:
                    return i + 1
            elif token.type == "inline" and depth == 1 and tokens[i - 2].type == "list_item_open":
                text = _plain(token)
                if text:
                    section.items.append(text)
                for src, caption in _images(token):
                    figure = self.load_image(src, self.where(_line(tokens[i - 1])))
                    if figure is not None:
                        figure.caption, figure.context = caption, text
                        section.figures.append(figure)
            i += 1
        return i

    def _table(self, tokens: list[Token], start: int) -> int:
        rows: list[list[str]] = []
        bold: set[int] = set()
        row: list[str] = []
        strong = False
        i = start
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                row, strong = [], False
            elif token.type == "inline":
                row.append(_plain(token))
                strong = strong or any(c.type == "strong_open" for c in token.children or [])
            elif token.type == "tr_close":
                if strong and rows:
                    bold.add(len(rows) - 1)
                rows.append(row)
            i += 1
        if len(rows) >= 2:
            width = len(rows[0])
            body = [(r + [""] * width)[:width] for r in rows[1:]]
            self.section().tables.append(TableData(rows[0], body, self.where(_line(tokens[start])), bold))
        return i + 1


def read_markdown(text: str, name: str, writeup: Writeup, load_image: ImageLoader, place: str = "line") -> None:
    """Add the sections of a Markdown text to ``writeup``; ``place`` is "line", or "" for a notebook cell."""
    _Reader(name, writeup, load_image, place).read(parser().parse(text))
