"""Judge a deck as LibreOffice draws it: every drawn line against the frame of the shape it belongs to.

The deck is converted to PDF by LibreOffice and read back with poppler's `pdftotext -bbox-layout`, which gives
every drawn line's box in points. A line belongs to the shape whose text holds all its words; it must lie inside
that shape's frame, and every frame inside the slide.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

from deckbuilder.core.rules.config import default_config

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOHTML = shutil.which("pdftohtml")
# pdftotext's line box is the font's whole box, about 1.3 times the size, taller than the 1.2 pitch a line is
# given: a line may pass its slot by that overhang (0.08 of the box) and a point of rounding, and no more.
OVERHANG = 0.08
PT_PER_EMU = 72 / 914400
_WORD = re.compile(r"[\w%$.,:;'’()+±/]+")  # a hyphen splits words: LibreOffice may break a line there


@dataclass(frozen=True)
class Frame:
    """A shape's frame on the slide, in points, and the words it holds."""

    name: str
    left: float
    top: float
    right: float
    bottom: float
    words: frozenset[str]
    drawing: bool  # a chart or picture: its tick labels are numbers no text holds


@dataclass(frozen=True)
class Line:
    """One line LibreOffice drew, in points."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip(".,:;()").lower() for w in _WORD.findall(text) if w.strip(".,:;()"))


def to_pdf(decks: list[Path], outdir: Path) -> list[Path]:
    """Convert ``decks`` with LibreOffice (one start for all) and return their PDFs."""
    assert SOFFICE is not None
    profile = outdir / "profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(outdir), *map(str, decks)],
        check=True, capture_output=True, timeout=400,
    )  # fmt: skip
    return [outdir / (deck.stem + ".pdf") for deck in decks]


def drawn_lines(pdf: Path) -> list[list[Line]]:
    """Return every drawn line of every page."""
    assert PDFTOTEXT is not None
    xml = subprocess.run([PDFTOTEXT, "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iterfind(".//h:line", ns):
            text = " ".join(w.text or "" for w in line.iterfind("h:word", ns))
            box = [float(line.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(text, *box))
        pages.append(lines)
    return pages


def drawn_words(pdf: Path) -> list[list[Line]]:
    """Return every drawn word of every page, with its own box (a rotated word's box is taller than wide)."""
    assert PDFTOTEXT is not None
    xml = subprocess.run([PDFTOTEXT, "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = []
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = [float(word.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append(Line(word.text or "", *box))
        pages.append(words)
    return pages


_BODY = default_config().theme.regions["body"]


def drawn_sizes(pdf: Path) -> set[int]:
    """Return every type size, in points, the PDF draws text at (its fonts as poppler lists them)."""
    assert PDFTOHTML is not None
    xml = subprocess.run([PDFTOHTML, "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)], check=True, capture_output=True)
    return {int(size) for size in re.findall(rb'<fontspec [^>]*size="(\d+)"', xml.stdout)}


BODY_IN = (_BODY.left, _BODY.top, _BODY.width, _BODY.height)  # the body region of layouts/slides.yaml


def largest_empty_band(deck: Path, pdf: Path) -> list[tuple[float, float]]:
    """Return, slide by slide, the tallest empty band of the body in inches, as drawn, and how tall the content of
    its column is: within each column of content (text as its drawn lines reach, a chart, table, picture or callout
    as its frame), the gaps between the body's top, the content and the body's bottom."""
    top, height = BODY_IN[1] * 72, BODY_IN[3] * 72
    bottom = top + height
    result = []
    for lines, shapes in zip(drawn_lines(pdf), frames(deck), strict=True):
        boxes = []
        for frame in shapes:
            if frame.name.startswith(("Title", "Slide Number", "Backup", "Cover", "Reference")):
                continue
            if frame.drawing or frame.name.startswith(("Metric", "Table")):
                boxes.append((frame.left, frame.top, frame.right, frame.bottom))
                continue
            own = [ln for ln in lines if _words(ln.text) and _words(ln.text) <= frame.words and _inside(ln, frame)]
            if own:
                boxes.append((min(n.left for n in own), min(n.top for n in own), max(n.right for n in own),
                              max(n.bottom for n in own)))  # fmt: skip
        boxes = [(a, max(b, top), c, min(d, bottom)) for a, b, c, d in boxes if min(d, bottom) > max(b, top)]
        columns: list[list[tuple[float, float, float, float]]] = []
        for box in sorted(boxes):  # content whose spans across overlap is one column
            column = next((c for c in columns if any(box[0] < o[2] - 2 and box[2] > o[0] + 2 for o in c)), None)
            if column is None:
                columns.append([box])
            else:
                column.append(box)
        worst, used = (height, 0.0) if not columns else (-1.0, 0.0)
        for column in columns:
            reached, gap, filled = top, 0.0, 0.0
            for _, start, _, end in sorted(column, key=lambda b: b[1]):
                gap, filled = max(gap, start - reached), filled + max(0.0, end - max(start, reached))
                reached = max(reached, end)
            gap = max(gap, bottom - reached)
            if gap > worst:
                worst, used = gap, filled
        result.append((worst / 72, used / 72))
    return result


def frames(deck: Path) -> list[list[Frame]]:
    """Return every shape's frame of every slide, with the words it holds."""
    prs = Presentation(str(deck))
    slides = []
    for slide in prs.slides:
        found = []
        for shape in slide.shapes:
            if shape.left is None:
                continue
            text = ""
            if shape.has_text_frame:
                text = shape.text_frame.text
            elif shape.has_table:
                text = " ".join(c.text for row in shape.table.rows for c in row.cells)
            elif shape.has_chart:
                chart = shape.chart
                parts = [str(c) for plot in chart.plots for c in plot.categories]
                parts += [s.name for plot in chart.plots for s in plot.series]
                text = " ".join(parts) + " " + " ".join(re.findall(r"<a:t>([^<]*)</a:t>", chart._chartSpace.xml))
            left, top = shape.left * PT_PER_EMU, shape.top * PT_PER_EMU
            found.append(
                Frame(
                    shape.name,
                    left,
                    top,
                    left + shape.width * PT_PER_EMU,
                    top + shape.height * PT_PER_EMU,
                    _words(text),
                    shape.has_chart or shape.shape_type == 13,
                )
            )
        slides.append(found)
    return slides


def _inside(line: Line, frame: Frame) -> bool:
    t = 1.0 + OVERHANG * (line.bottom - line.top)
    return (
        line.left >= frame.left - t
        and line.right <= frame.right + t
        and line.top >= frame.top - t
        and line.bottom <= frame.bottom + t
    )


def _how_far(line: Line, frame: Frame) -> str:
    gaps = {
        "below": line.bottom - frame.bottom,
        "right of": line.right - frame.right,
        "above": frame.top - line.top,
        "left of": frame.left - line.left,
    }
    side, gap = max(gaps.items(), key=lambda item: item[1])
    return f"{gap:.0f} pt {side}"


def strays(deck: Path, pdf: Path, margin_pt: float = 0.0) -> list[str]:
    """Return, for every drawn line outside its shape's frame and every frame off the slide or past the side
    margins, what and where."""
    prs = Presentation(str(deck))
    width, height = prs.slide_width * PT_PER_EMU, prs.slide_height * PT_PER_EMU
    problems = []
    for number, (lines, shapes) in enumerate(zip(drawn_lines(pdf), frames(deck), strict=True), start=1):
        for frame in shapes:
            if frame.left < 0 or frame.top < 0 or frame.right > width + 0.5 or frame.bottom > height + 0.5:
                problems.append(f"slide {number}: frame {frame.name!r} leaves the slide")
            elif frame.left < margin_pt - 0.5 or frame.right > width - margin_pt + 0.5:
                problems.append(f"slide {number}: frame {frame.name!r} is in the side margin")
        for line in lines:
            words = _words(line.text)
            if not words:
                continue
            # A chart draws numbers no text holds (its ticks), and a number it draws may also be in a text.
            owners = [f for f in shapes if words <= f.words and not f.drawing] + [f for f in shapes if f.drawing]
            if not owners:
                problems.append(f"slide {number}: {line.text!r} belongs to no shape")
            elif not any(_inside(line, f) for f in owners):
                nearest = min(owners, key=lambda f: abs(f.top - line.top))
                problems.append(f"slide {number}: {line.text!r} is {_how_far(line, nearest)} {nearest.name!r}")
    return problems
