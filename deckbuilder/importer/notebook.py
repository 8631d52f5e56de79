"""Jupyter notebooks, read with nbformat and never executed: markdown cells, and the figures and tables of outputs."""

from __future__ import annotations

import base64
import binascii
import warnings
from html.parser import HTMLParser
from typing import Any

from deckbuilder.errors import DeckError

from .markdown import ImageLoader, read_markdown
from .source import Figure, Section, TableData, Writeup, clean

MAX_HTML_TABLE = 200_000  # characters of one HTML output looked at for a DataFrame table
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}


class _TableParser(HTMLParser):
    """The first <table> of a DataFrame's HTML: header row and body rows, as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._tables += 1
        elif self._tables == 1 and tag == "tr":
            self._row = []
        elif self._tables == 1 and tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(clean("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if any(self._row):
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_table(html: str, where: str) -> TableData | None:
    """Return a DataFrame's HTML table, its default 0, 1, 2 ... index dropped; None when it is not a table."""
    if "<table" not in html[:MAX_HTML_TABLE]:
        return None
    reader = _TableParser()
    reader.feed(html[:MAX_HTML_TABLE])
    rows = [r for r in reader.rows if r]
    if len(rows) < 2:
        return None
    # pandas writes the index name in a second header row with empty cells; keep the first header.
    header, body = rows[0], [r for r in rows[1:] if len(r) == len(rows[0]) or len(r) == len(rows[0]) + 1]
    if body and len(body[0]) == len(header) + 1:
        header = ["", *header]
    body = [r for r in body if len(r) == len(header)]
    if not body:
        return None
    if not header[0] and [r[0] for r in body] == [str(i) for i in range(len(body))]:
        header, body = header[1:], [r[1:] for r in body]
    return TableData(header, body, where)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def read_notebook(text: str, name: str, writeup: Writeup, load_image: ImageLoader) -> None:
    """Add a notebook's sections to ``writeup``: headings from markdown cells, figures and tables from outputs."""
    import nbformat

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about ids and minor versions; the content is what counts
            notebook = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
    except RecursionError:
        raise DeckError("is nested too deeply to be a notebook", file=name) from None
    except Exception as exc:  # nbformat raises JSON, validation and reader errors of many types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DeckError(
            f"is not a Jupyter notebook deck can read ({clean(first)[:160]})",
            file=name,
            hint="save it again from Jupyter, or export it to Markdown and import that",
        ) from None
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise DeckError("is not a Jupyter notebook deck can read (it has no cells)", file=name)
    for number, cell in enumerate(cells, start=1):
        where = f"{name} cell {number}"
        kind = cell.get("cell_type")
        if kind == "markdown":
            loader = _with_attachments(cell.get("attachments") or {}, load_image, writeup)
            read_markdown(_text(cell.get("source", "")), where, writeup, loader, place="")
        elif kind == "code":
            _outputs(cell.get("outputs") or [], where, writeup)


def _with_attachments(attachments: Any, load_image: ImageLoader, writeup: Writeup) -> ImageLoader:
    """Return a loader that finds `attachment:name.png` images in the cell itself (pasted into Jupyter)."""

    def load(src: str, where: str) -> Figure | None:
        if not src.startswith("attachment:"):
            return load_image(src, where)
        found = attachments.get(src.removeprefix("attachment:")) if isinstance(attachments, dict) else None
        for mime, suffix in IMAGE_TYPES.items():
            if isinstance(found, dict) and mime in found:
                try:
                    return Figure(base64.b64decode(_text(found[mime])), suffix, "", "", where)
                except (binascii.Error, ValueError):
                    break
        writeup.skipped.append(f"{where}: the pasted image {src[:60]} is missing or not a PNG or JPEG")
        return None

    return load


def _outputs(outputs: list[Any], where: str, writeup: Writeup) -> None:
    if not writeup.sections:
        writeup.sections.append(Section("", 0, where))
    section = writeup.sections[-1]
    for output in outputs:
        data = output.get("data") if isinstance(output, dict) else None
        if not isinstance(data, dict):
            continue
        for mime, suffix in IMAGE_TYPES.items():
            if mime in data:
                try:
                    raw = base64.b64decode(_text(data[mime]), validate=False)
                except (binascii.Error, ValueError):
                    writeup.skipped.append(f"{where}: a figure whose data is not base64")
                    break
                context = section.paragraphs[-1] if section.paragraphs else section.heading
                section.figures.append(Figure(raw, suffix, "", context, where))
                break
        else:
            if "text/html" in data:
                table = html_table(_text(data["text/html"]), where)
                if table is not None:
                    section.tables.append(table)
