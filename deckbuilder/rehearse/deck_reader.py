"""Read any .pptx safely into its slides (title, text, notes) and the plan `deck build` embedded."""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from deckbuilder.core.durations import format_duration, parse_duration
from deckbuilder.errors import DeckError

PLAN_PROPERTY = "deck_plan"
MAX_FILE = 300 * 1024 * 1024
MAX_UNPACKED = 1024 * 1024 * 1024
MAX_XML = 64 * 1024 * 1024
NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_NOTES_HEADER = re.compile(r"^(?P<budget>\d+:\d\d) budget, starts at \d+:\d\d(?: · (?P<kind>[a-z_]+))?")
BACKUP_HEADER = "backup slide, after the talk · appendix"
_DECORATION = re.compile(r"^(slide number|backup tag|footer|date|accent)", re.IGNORECASE)
_BACKUP = re.compile(r"\b(appendix|backup|back-up|extra|reserve)\b", re.IGNORECASE)


@dataclass
class DeckSlide:
    """One slide as read from the file."""

    index: int
    title: str
    kind: str | None = None
    budget_s: int | None = None
    points: list[tuple[int, str]] = field(default_factory=list)
    notes: str = ""
    id: str | None = None  # the outline's `id:`, carried by the embedded plan

    @property
    def key(self) -> str:
        """Return what identifies this slide across rebuilds: its id, else its title."""
        return self.id or self.title.strip()

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape `deck inspect --json` prints."""
        return {
            "index": self.index,
            "title": self.title,
            "kind": self.kind,
            "budget_s": self.budget_s,
            "notes": bool(self.notes.strip()),
        }


@dataclass
class Deck:
    """What `deck rehearse` needs from a deck."""

    path: Path
    title: str
    slides: list[DeckSlide]
    duration_s: int | None = None
    source: str = "none"  # where the budgets came from: embedded, notes, none

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape `deck inspect --json` prints."""
        return {
            "path": str(self.path),
            "title": self.title,
            "duration_s": self.duration_s,
            "budgets_from": self.source,
            "slides": [s.as_dict() for s in self.slides],
        }


def notes_header(budget_s: int, start_s: int, kind: str) -> str:
    """Return the timing line `deck build` puts first in a slide's notes (and this module reads back)."""
    if kind == "appendix":
        return BACKUP_HEADER
    return f"{format_duration(budget_s)} budget, starts at {format_duration(start_s)} · {kind}"


def notes_body(notes: str) -> str:
    """Return the presenter's notes without the timing line."""
    first, _, rest = notes.partition("\n")
    stripped = first.strip()
    return rest.strip() if _NOTES_HEADER.match(stripped) or stripped == BACKUP_HEADER else notes.strip()


def looks_like_backup(title: str) -> bool:
    """Return True for a slide titled like an appendix or backup slide."""
    return bool(_BACKUP.search(title))


def _fail(path: Path, message: str, hint: str | None = None) -> DeckError:
    return DeckError(message, file=str(path), hint=hint)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DeckError(f"no such file: {path}") from None
    except OSError as exc:
        raise DeckError(f"cannot read {path}: {exc.strerror}") from None
    if path.is_dir():
        raise _fail(path, "is a folder, not a .pptx file")
    if size > MAX_FILE:
        raise _fail(path, f"is {size // 2**20} MiB; deck reads decks up to {MAX_FILE // 2**20} MiB")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(
            path,
            "is password-protected or in the old .ppt format",
            hint="save it as .pptx without a password (File > Save As in PowerPoint or LibreOffice)",
        )
    if not head.startswith(b"PK"):
        raise _fail(path, "is not a .pptx file (not a zip archive)", hint="give the .pptx that `deck build` wrote")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fail(path, f"is damaged and cannot be opened ({exc})") from None
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        archive.close()
        raise _fail(path, f"would unpack to {unpacked // 2**20} MiB, too large to be a real deck")
    return archive


def _xml(archive: zipfile.ZipFile, name: str, path: Path) -> ET.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML:
        raise _fail(path, f"part {name} is {info.file_size // 2**20} MiB, too large to read")
    try:
        return ET.fromstring(archive.read(info))
    except (ET.ParseError, zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
        raise _fail(path, f"part {name} is damaged ({exc})") from None


def _rels(archive: zipfile.ZipFile, part: str, path: Path) -> dict[str, tuple[str, str]]:
    folder, name = posixpath.split(part)
    root = _xml(archive, posixpath.join(folder, "_rels", name + ".rels"), path)
    result: dict[str, tuple[str, str]] = {}
    if root is None:
        return result
    for rel in root.findall("rel:Relationship", NS):
        target = rel.get("Target", "")
        resolved = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
        result[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolved)
    return result


def _paragraphs(shape: ET.Element) -> list[tuple[int, str]]:
    result = []
    for para in shape.findall(".//a:p", NS):
        text = "".join(t.text or "" for t in para.iter(f"{{{NS['a']}}}t")).strip()
        if text:
            ppr = para.find("a:pPr", NS)
            level = int(ppr.get("lvl", "0")) if ppr is not None else 0
            result.append((level, text))
    return result


def _is_decoration(shape: ET.Element) -> bool:
    props = shape.find("p:nvSpPr/p:cNvPr", NS)
    return props is not None and bool(_DECORATION.match(props.get("name", "")))


def _placeholder_type(shape: ET.Element) -> str | None:
    ph = shape.find(".//p:nvPr/p:ph", NS)
    if ph is None:
        return None
    return ph.get("type", "body")


def _read_slide(archive: zipfile.ZipFile, part: str, index: int, path: Path) -> DeckSlide:
    root = _xml(archive, part, path)
    if root is None:
        raise _fail(path, f"slide {index} is missing from the file ({part})")
    title = ""
    points: list[tuple[int, str]] = []
    for shape in root.iter(f"{{{NS['p']}}}sp"):
        kind = _placeholder_type(shape)
        paras = _paragraphs(shape)
        if kind in ("title", "ctrTitle") and not title:
            title = " ".join(text for _, text in paras)
        elif kind in ("sldNum", "dt", "ftr") or _is_decoration(shape):
            continue
        else:
            points.extend((level, text) for level, text in paras if not text.isdigit())
    if not title and points:
        title = points.pop(0)[1]
    notes = ""
    for rel_type, target in _rels(archive, part, path).values():
        if rel_type == "notesSlide":
            notes_root = _xml(archive, target, path)
            if notes_root is not None:
                for shape in notes_root.iter(f"{{{NS['p']}}}sp"):
                    if _placeholder_type(shape) == "body":
                        notes = "\n".join(text for _, text in _paragraphs(shape))
    return DeckSlide(index=index, title=title or f"Slide {index}", points=points, notes=notes)


def _embedded_plan(archive: zipfile.ZipFile, path: Path) -> dict[str, Any] | None:
    root = _xml(archive, "docProps/custom.xml", path)
    if root is None:
        return None
    for prop in root.findall("cp:property", NS):
        if prop.get("name") == PLAN_PROPERTY:
            text = "".join(prop.itertext())
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                return None
            return data if isinstance(data, dict) and isinstance(data.get("slides"), list) else None
    return None


def read_deck(path: str | Path) -> Deck:
    """Read ``path`` into a Deck, raising DeckError (exit 2) for anything that is not a usable .pptx."""
    path = Path(path)
    with _open(path) as archive:
        pres = _xml(archive, "ppt/presentation.xml", path)
        if pres is None:
            raise _fail(path, "is a zip archive but not a PowerPoint presentation")
        rels = _rels(archive, "ppt/presentation.xml", path)
        slides = []
        for number, sld in enumerate(pres.findall("p:sldIdLst/p:sldId", NS), start=1):
            rid = sld.get(f"{{{NS['r']}}}id", "")
            if rid in rels:
                slides.append(_read_slide(archive, rels[rid][1], number, path))
        if not slides:
            raise _fail(path, "has no slides")
        core = _xml(archive, "docProps/core.xml", path)
        title = ""
        if core is not None:
            node = core.find("dc:title", NS)
            title = (node.text or "").strip() if node is not None else ""
        deck = Deck(path=path, title=title or slides[0].title, slides=slides)
        plan = _embedded_plan(archive, path)
    if plan is not None:
        _apply_plan(deck, plan)
    else:
        _apply_notes(deck)
    return deck


def _apply_plan(deck: Deck, plan: dict[str, Any]) -> None:
    entries = [e for e in plan["slides"] if isinstance(e, dict)]
    by_title = {str(e.get("title", "")).strip(): e for e in entries}
    for slide in deck.slides:
        # Titles match even when slides were moved; the position is the fallback.
        entry = by_title.get(slide.title.strip())
        if entry is None and slide.index <= len(entries):
            entry = entries[slide.index - 1]
        if entry is not None:
            slide.kind = entry.get("kind")
            slide.id = str(entry["id"]) if entry.get("id") else None
            budget = entry.get("budget_s")
            slide.budget_s = int(budget) if isinstance(budget, (int, float)) else None
    duration = plan.get("duration_s")
    deck.duration_s = int(duration) if isinstance(duration, (int, float)) else None
    if plan.get("title"):
        deck.title = str(plan["title"])
    deck.source = "embedded"


def _apply_notes(deck: Deck) -> None:
    found = False
    for slide in deck.slides:
        first = slide.notes.split("\n", 1)[0].strip()
        match = _NOTES_HEADER.match(first)
        if match:
            found = True
            slide.kind = match.group("kind")
            slide.budget_s = parse_duration(match.group("budget"))
    if found:
        deck.duration_s = sum(s.budget_s or 0 for s in deck.slides)
        deck.source = "notes"
