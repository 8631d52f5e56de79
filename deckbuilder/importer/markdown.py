"""Markdown write-ups, parsed with markdown-it-py (CommonMark plus pipe tables)."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .source import Figure, Printout, Section, TableData, Writeup, clean, plain_text

ImageLoader = Callable[[str, str], Figure | None]  # (src, where) -> the picture, or None (told in skipped)
PartNamer = Callable[[str], bool]  # whether a line's words name a part of the talk ("Improvements")
BOLD_HEADING_WORDS = 5
_IMG_TAG = re.compile(r"<img\s[^>]*?src\s*=\s*[\"']([^\"'>]+)[\"'][^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\balt\s*=\s*[\"']([^\"'>]*)[\"']", re.IGNORECASE)
LEAD_WORDS = 8  # a paragraph this short that ends in ":" (or is all bold) introduces the list after it
_AUTHOR = re.compile(
    r"^(?:author|by|presenter|name|candidate|(?:submitted|prepared|written) by|maintainer)\s*[:\-–]\s*"
    r"(?P<name>[^|]{2,60})$",
    re.IGNORECASE,
)


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
    return plain_text("".join(parts))


def _all_bold(inline: Token) -> bool:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    return len(children) >= 3 and children[0].type == "strong_open" and children[-1].type == "strong_close"


def _images(inline: Token) -> list[tuple[str, str]]:
    """Return (src, caption) of the Markdown images and the HTML <img> tags of an inline run."""
    found = []
    for child in inline.children or []:
        if child.type == "image":
            alt = clean("".join(c.content for c in child.children or []))
            title = clean(str(child.attrGet("title") or ""))
            found.append((str(child.attrGet("src") or ""), title or alt))
    for tag in _IMG_TAG.finditer(inline.content if "<img" in inline.content.lower() else ""):
        described = _ALT.search(tag.group())
        found.append((tag.group(1).strip(), clean(described.group(1)) if described else ""))
    return found


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


class _Reader:
    def __init__(
        self, name: str, writeup: Writeup, load_image: ImageLoader, place: str, names_part: PartNamer | None
    ) -> None:
        self.name, self.writeup, self.load_image, self.place = name, writeup, load_image, place
        self.names_part = names_part
        self.lead: str | None = None  # the paragraph just read, when it introduces a list ("Negative predictors:")
        self.level = 0  # the level of the last real heading: a bold line that names a part stands one below it

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
            lead, self.lead = self.lead, None
            if token.type == "heading_open":
                self._heading(int(token.tag[1:]), _plain(tokens[i + 1]), _line(token))
                i += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                i = self._list(tokens, i, lead)
            elif token.type == "table_open":
                i = self._table(tokens, i)
            elif token.type == "paragraph_open":
                self._paragraph(tokens[i + 1], _line(token))
                i += 3
            elif token.type == "html_block":
                self._html(token)
                i += 1
            elif token.type in ("fence", "code_block"):
                self._fence(token)
                i += 1
            else:
                i += 1

    def _heading(self, level: int, text: str, line: int) -> None:
        if level == 1 and self.writeup.title is None and not any(s.level for s in self.writeup.sections):
            self.writeup.title = text
        self.writeup.sections.append(Section(text, level, self.where(line)))
        self.level = level

    def _paragraph(self, inline: Token, line: int) -> None:
        text = _plain(inline)
        if self._bold_heading(inline, text):
            # "**Improvements**" on a line of its own is how many write-ups head a part
            self.writeup.sections.append(Section(text, self.level + 1, self.where(line)))
            return
        section = self.section()
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
            words = len(text.split())
            if words <= LEAD_WORDS and (text.endswith(":") or _all_bold(inline)):
                self.lead = text

    def _bold_heading(self, inline: Token, text: str) -> bool:
        """A short all-bold line that names a part of the talk and ends without a colon or a full stop."""
        return (
            self.names_part is not None
            and _all_bold(inline)
            and len(text.split()) <= BOLD_HEADING_WORDS
            and not text.endswith((":", "."))
            and self.names_part(text)
        )

    def _fence(self, token: Token) -> None:
        """A code block: never slide text, but pasted output ("accuracy: 0.81") is where some write-ups put
        their numbers, so its text is kept as a printout to read metrics from."""
        text = token.content[:4_000]
        if token.info.strip().startswith("{"):
            return  # an R Markdown or Quarto chunk ("```{r}") is code; its output lives in the knitted file
        if text.strip() and self.place == "line":
            self.section().printouts.append(Printout(text, "", self.where(_line(token))))

    def _html(self, token: Token) -> None:
        """An HTML block (html is off, so it is text): its <img> tags are figures, its words a paragraph."""
        inline = Token("inline", "", 0, content=token.content, children=[Token("text", "", 0, content=token.content)])
        self._paragraph(inline, _line(token))

    def _list(self, tokens: list[Token], start: int, lead: str | None) -> int:
        depth, i = 0, start
        section = self.section()
        items: list[tuple[str, list[str]]] = []  # each top-level item and the text of the items under it
        while i < len(tokens):
            token = tokens[i]
            if token.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                if depth == 0:
                    i += 1
                    break
            elif token.type == "table_open":
                i = self._table(tokens, i)  # a table inside a list item ("3. Results:" then the table)
                continue
            elif token.type in ("fence", "code_block"):
                self._fence(token)
            elif token.type == "inline" and tokens[i - 2].type == "list_item_open":
                text = _plain(token)
                if depth == 1:
                    items.append((text, []))
                elif items and text:
                    items[-1][1].append(text)
                for src, caption in _images(token):
                    figure = self.load_image(src, self.where(_line(tokens[i - 1])))
                    if figure is not None:
                        figure.caption, figure.context = caption, text
                        section.figures.append(figure)
            i += 1
        texts = [_with_children(text, children) for text, children in items if text or children]
        section.items.extend(_under_lead(lead, texts, section))
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


def _with_children(text: str, children: list[str]) -> str:
    """Return a list item with the items under it: "Models: logistic regression, random forest"."""
    if not children:
        return text
    if not text:
        return "; ".join(children)
    joiner = " " if text.endswith(":") else ": "
    # Short items list names ("Models: logistic regression, random forest"); longer ones are clauses of their own.
    between = ", " if all(len(c.split()) <= 4 for c in children) else "; "
    return text.rstrip() + joiner + between.join(c.rstrip(".") for c in children)


def _under_lead(lead: str | None, items: list[str], section: Section) -> list[str]:
    """Keep a lead-in's meaning with its items: "Negative predictors: tenure, salary" (the sign stays)."""
    if lead is None or not items or not section.paragraphs or section.paragraphs[-1] != lead:
        return items
    label = lead.rstrip(": ").strip("*")
    section.paragraphs.pop()
    if sum(len(i) for i in items) <= 120 and all(len(i.split()) <= 6 for i in items):
        return [f"{label}: " + ", ".join(i.rstrip(".") for i in items)]
    # Long items keep the lead-in once, on the first: repeated on each it would be read as many points.
    return [f"{label}: {items[0]}", *items[1:]]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n){0,200}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_TITLE = re.compile(r"^title:[ \t]*(?P<q>[\"']?)(?P<title>.+?)(?P=q)[ \t]*$", re.MULTILINE)


def front_matter(text: str) -> str:
    """Return ``text`` with a leading YAML block (R Markdown, Quarto, Jekyll) blanked line for line, so line
    numbers still point into the file; its ``title:`` becomes the top heading. Left as it is, CommonMark
    reads the block as a rule and a heading made of every key."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return text
    title = _FRONT_TITLE.search(found.group("body"))
    lines = found.group().count("\n")
    heading = f"# {title.group('title').strip()}" if title else ""
    return heading + "\n" * max(lines, 1) + text[found.end() :]


def read_markdown(
    text: str,
    name: str,
    writeup: Writeup,
    load_image: ImageLoader,
    place: str = "line",
    names_part: PartNamer | None = None,
) -> None:
    """Add the sections of a Markdown text to ``writeup``; ``place`` is "line", or "" for a notebook cell;
    ``names_part`` says whether a bold line's words name a part of the talk, making it a heading."""
    if place == "line":
        text = front_matter(text)
    _Reader(name, writeup, load_image, place, names_part).read(parser().parse(text))
