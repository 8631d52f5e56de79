"""Jupyter notebooks, read with nbformat and never executed: markdown cells, and the figures and tables of outputs."""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import warnings
from html.parser import HTMLParser
from typing import Any

from deckbuilder.errors import DeckError

from .markdown import ImageLoader, read_markdown
from .source import Figure, Printout, Section, TableData, Writeup, clean

MAX_HTML_TABLE = 200_000  # characters of one HTML output looked at for a DataFrame table
MAX_PRINTOUT = 4_000  # characters of one cell's printed text kept: a metric is printed in a line, not a log
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}
# Outputs deck cannot put on a slide, by the name the summary gives them.
OTHER_OUTPUTS = {
    "application/vnd.plotly.v1+json": "Plotly chart",
    "application/vnd.vegalite.v4+json": "Altair chart",
    "application/vnd.vegalite.v5+json": "Altair chart",
    "application/vnd.bokehjs_exec.v0+json": "Bokeh chart",
    "image/svg+xml": "SVG figure",
}
# A cell whose last line shows raw data (df.head(), df.describe(), df.info(), df[mask]) prints a dump, not a finding.
_DUMP = re.compile(
    r"(?:\.(?:head|tail|sample|describe|info|dtypes|isnull\(\)\.sum|isna\(\)\.sum|value_counts|nunique)\b[^\n]*"
    r"|^[A-Za-z_]\w*\[[^\n]*\]|^(?:df\w*|data\w*|raw\w*|train\w*|test\w*|[xX]_?\w*))\s*$",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"^\s*#+\s*(.+?)\s*$", re.MULTILINE)


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


_LONG_DECIMAL = re.compile(r"-?\d+\.\d+")


def rounded(cell: str, figures: int) -> str:
    """Return a printed number with more than ``figures`` decimals at ``figures`` significant figures
    (16.501740430938508 as 16.50), never with more decimals than printed; any other cell as it is."""
    if not _LONG_DECIMAL.fullmatch(cell):
        return cell
    written = len(cell.split(".")[1])
    value = float(cell)
    if written <= figures:
        return cell
    if value == 0:
        return "0"
    decimals = min(written, max(0, figures - 1 - math.floor(math.log10(abs(value)))))
    return f"{value:.{decimals}f}"


def html_table(html: str, where: str, figures: int = 0) -> TableData | None:
    """Return a DataFrame's HTML table, its default 0, 1, 2 ... index dropped; None when it is not a table.

    With ``figures``, the numbers printed to the last digit of a float are rounded (see `rounded`)."""
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
    shown = [[rounded(cell, figures) for cell in row] for row in body] if figures else body
    return TableData(header, shown, where, rounded_to=figures if shown != body else 0)


_COLUMNS = re.compile(r"\s{2,}")


def plain_table(text: str, where: str, figures: int = 0) -> TableData | None:
    """Return a DataFrame printed as text (columns two spaces apart, an index first) as a table; None when the
    text is not one. Rows that leave cells empty (a classification report's "accuracy" line) are left out."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines() if line.strip()]
    if len(lines) < 2 or len(lines) > 60 or any(len(line) > 300 for line in lines):
        return None
    header = _COLUMNS.split(lines[0].strip())
    rows = [_COLUMNS.split(line.strip()) for line in lines[1:]]
    if not any(c for c in header) or not rows:
        return None
    if all(len(r) == len(header) + 1 for r in rows):
        header = ["", *header]
    body = [r for r in rows if len(r) == len(header)]
    if len(body) < 1 or len(body) < len(rows) / 2 or len(header) < 2:
        return None
    numeric = sum(1 for r in body for c in r[1:] if re.fullmatch(r"-?\d[\d,]*(\.\d+)?(e[-+]?\d+)?%?", c))
    if numeric < len(body):
        return None  # words in columns: a printed sentence or a listing, not a table of numbers
    shown = [[rounded(cell, figures) for cell in row] for row in body] if figures else body
    return TableData(header, shown, where, rounded_to=figures if shown != body else 0)


def _text(value: Any) -> str:
    """Return a notebook field as text: Jupyter stores text as a string or a list of lines (anything else is junk)."""
    if isinstance(value, list):
        return "".join(v for v in value if isinstance(v, str))
    return value if isinstance(value, str) else ""


def _last_statement(code: str) -> str:
    """Return a cell's last line of code (comments and blank lines left out), or ""."""
    lines = [line.strip() for line in code.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return lines[-1] if lines else ""


def is_dump(code: str) -> bool:
    """Return whether a cell's last line only shows raw data (a head(), describe() or a bare frame)."""
    last = _last_statement(code)
    return bool(last) and bool(_DUMP.search(last))


def comments(code: str) -> list[str]:
    """Return a code cell's comment lines (what the author said the code does), commented-out code left out."""
    found = []
    for match in _COMMENT.finditer(code[:20_000]):
        text = clean(match.group(1).lstrip("# "))
        if len(text.split()) >= 2 and not re.search(r"[=()\[\]]|^(?:import|from|def|for|if|print)\b", text):
            found.append(text)
    return found


def _parse(text: str) -> Any:
    """Return a notebook as version-4 JSON. A version-4 file is read as plain JSON: nbformat's schema
    validation takes longer than everything else (17 s for 300,000 cells) and deck reads only cells, sources
    and outputs, each checked for its type where it is used. Older formats go through nbformat's converter."""
    data = json.loads(text)
    if isinstance(data, dict) and data.get("nbformat") == 4 and isinstance(data.get("cells"), list):
        return data
    import nbformat

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat warns about ids and minor versions; the content is what counts
        return nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]


def read_notebook(text: str, name: str, writeup: Writeup, load_image: ImageLoader, figures: int = 0) -> None:
    """Add a notebook's sections to ``writeup``: headings from markdown cells, figures and tables from outputs."""
    try:
        notebook = _parse(text)
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
        if not isinstance(cell, dict):
            writeup.skipped.append(f"{where}: not a notebook cell")
            continue
        kind = cell.get("cell_type")
        if kind == "markdown":
            loader = _with_attachments(cell.get("attachments") or {}, load_image, writeup)
            read_markdown(_text(cell.get("source", "")), where, writeup, loader, place="")
        elif kind == "code":
            outputs = cell.get("outputs")
            listed = outputs if isinstance(outputs, list) else []
            _outputs(listed, _text(cell.get("source", "")), where, writeup, figures)


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


def _outputs(outputs: list[Any], code: str, where: str, writeup: Writeup, figures: int) -> None:
    if not writeup.sections:
        writeup.sections.append(Section("", 0, where))
    section = writeup.sections[-1]
    section.code.extend(comments(code))
    # The markdown right above a figure speaks for it only when nothing else came between them.
    context = section.paragraphs[-1] if section.paragraphs and not section.figures else section.heading
    printed = []
    for output in outputs:
        if isinstance(output, dict) and output.get("output_type") == "stream" and output.get("name") != "stderr":
            printed.append(_text(output.get("text", "")))
        data = output.get("data") if isinstance(output, dict) else None
        if not isinstance(data, dict):
            continue
        if "text/plain" in data and not any(m in data for m in (*IMAGE_TYPES, "text/html", *OTHER_OUTPUTS)):
            plain = _text(data["text/plain"])
            table = plain_table(plain, where, figures)
            if table is not None and not is_dump(code):
                section.tables.append(table)
            printed.append(plain)
        for mime, suffix in IMAGE_TYPES.items():
            if mime in data:
                try:
                    raw = base64.b64decode(_text(data[mime]), validate=False)
                except (binascii.Error, ValueError):
                    raw = b""
                if not raw:
                    writeup.skipped.append(f"{where}: a figure whose data is not base64 image data")
                    break
                section.figures.append(Figure(raw, suffix, "", context, where, code=code[:20_000]))
                break
        else:
            other = next((name for mime, name in OTHER_OUTPUTS.items() if mime in data), None)
            html = _text(data.get("text/html", ""))
            if other is None and "plotly" in html[:5_000].lower():
                other = OTHER_OUTPUTS["application/vnd.plotly.v1+json"]
            if other is not None:
                writeup.not_imported[other] = writeup.not_imported.get(other, 0) + 1
            elif html:
                table = html_table(html, where, figures)
                if table is not None and table.columns and table.columns[0].endswith(":"):
                    writeup.skipped.append(f"{where}: a status printout ({table.columns[0]} ...), not a result")
                elif table is not None and is_dump(code):
                    writeup.skipped.append(f"{where}: a data dump ({clean(_last_statement(code))[:60]}), not a result")
                elif table is not None:
                    section.tables.append(table)
    text = "\n".join(p for p in printed if p.strip())[:MAX_PRINTOUT]
    if text.strip():
        section.printouts.append(Printout(text, code[:20_000], where))
