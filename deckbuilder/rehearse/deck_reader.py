"""Read any .pptx safely into its slides (title, points, notes) and the time plan it carries, if any."""

from __future__ import annotations

import dataclasses
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.rules.settings import InputLimits, Template
from deckbuilder.core.text.measure import NO_BREAK, NO_BREAK_HYPHEN
from deckbuilder.core.text.typography import plain
from deckbuilder.core.timing.deck_format import PLAN_PROPERTY, FormatError, notes_body, parse_payload, read_notes_header
from deckbuilder.core.timing.talk import DeckId, TalkPlan, TimedSlide, fingerprint, schedule
from deckbuilder.errors import DeckError
from deckbuilder.files.reading import check_regular, size_text

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_DECORATION = re.compile(r"^(slide number|backup tag|footer|date|accent)", re.IGNORECASE)
_BACKUP = re.compile(r"\b(appendix|backup|back-up|extra|reserve)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DeckSlide:
    """One slide as read from the file: what it shows. Its timing is in Deck.plan."""

    index: int
    title: str
    points: tuple[tuple[int, str], ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Deck:
    """What `deck rehearse` needs from a deck: the slides and, when the deck carries one, its time plan."""

    path: Path
    title: str
    slides: tuple[DeckSlide, ...]
    plan: TalkPlan | None = None  # aligned with slides; source "embedded" or "notes"

    @property
    def source(self) -> str:
        """Return where the deck's budgets come from: embedded, notes or none."""
        return self.plan.source if self.plan is not None else "none"

    def timed(self) -> TalkPlan:
        """Return the deck's plan, or its slides with no budgets when it carries none."""
        if self.plan is not None:
            return self.plan
        return TalkPlan(self.title, 0, tuple(untimed(s) for s in self.slides), "none")

    def identity(self) -> DeckId:
        """Return who this deck is in the rehearsal history."""
        titles = fingerprint(s.title for s in self.slides)
        return DeckId(str(self.path.resolve()), self.title, titles, self.source == "embedded")

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape `deck inspect --json` prints."""
        timed = self.plan.slides if self.plan is not None else (None,) * len(self.slides)
        return {
            "path": str(self.path),
            "title": self.title,
            "duration_s": self.plan.duration_s if self.plan is not None else None,
            "budgets_from": self.source,
            "slides": [
                {
                    "index": s.index,
                    "title": s.title,
                    "kind": t.kind if t else None,
                    "budget_s": t.budget_s if t else None,
                    "points": len(s.points),
                    "notes": notes_body(s.notes),  # the presenter's words, without deck's timing line
                }
                for s, t in zip(self.slides, timed, strict=True)
            ],
        }


def looks_like_backup(title: str) -> bool:
    """Return True for a slide titled like an appendix or backup slide."""
    return bool(_BACKUP.search(title))


def _fail(path: Path, message: str, hint: str | None = None) -> DeckError:
    return DeckError(message, file=str(path), hint=hint)


def _open(path: Path, limits: InputLimits) -> zipfile.ZipFile:
    size = check_regular(path, ".pptx")
    if size > limits.deck_bytes:
        raise _fail(
            path,
            f"is {size_text(size)}; the limit for a deck is {size_text(limits.deck_bytes)} (deck_bytes in "
            "layouts/limits.yaml)",
        )
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
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail(path, f"is damaged and cannot be opened ({exc})") from None
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > limits.deck_parts or unpacked > limits.deck_unpacked_bytes:
        archive.close()
        raise _fail(
            path,
            f"holds {len(infos)} parts that unpack to {size_text(unpacked)}, too large to be a real deck "
            "(limits deck_parts and deck_unpacked_bytes in layouts/limits.yaml)",
        )
    return archive


class _Refused(Exception):
    """A part deck will not read: it declares entities, or nests deeper than any real deck."""


def parse_part(data: bytes, max_depth: int) -> ET.Element:
    """Parse one XML part with document types refused (so no entity expansion, no billion laughs) and its
    depth bounded (no walk made quadratic by a crafted nesting)."""
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    probe = data.decode("utf-16", "replace").encode("utf-8") if utf16 else data
    if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
        raise _Refused(
            "declares a document type or entities, which no PowerPoint part does (entity expansion is refused)"
        )
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    root: ET.Element | None = None
    depth = 0
    for offset in range(0, len(data), 1 << 16):
        parser.feed(data[offset : offset + (1 << 16)])
        for event, element in parser.read_events():  # type: ignore[misc]  # typeshed: (event, element) pairs
            if event == "start":
                depth += 1
                if root is None and isinstance(element, ET.Element):
                    root = element
                if depth > max_depth:
                    raise _Refused(
                        f"nests elements over {max_depth} deep, which no real deck does (limit deck_xml_depth)"
                    )
            else:
                depth -= 1
    parser.close()
    if root is None:
        raise ET.ParseError("no element found")
    return root


class _Package:
    """The parts of an open deck, each parsed once however often the deck refers to it."""

    def __init__(self, archive: zipfile.ZipFile, path: Path, limits: InputLimits) -> None:
        self.archive, self.path, self.limits = archive, path, limits
        self._parsed: dict[str, ET.Element | None] = {}

    def xml(self, name: str) -> ET.Element | None:
        if name not in self._parsed:
            self._parsed[name] = self._read(name)
        return self._parsed[name]

    def _read(self, name: str) -> ET.Element | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > self.limits.deck_part_bytes:
            raise _fail(
                self.path, f"part {name} is {size_text(info.file_size)}, too large to read (limit deck_part_bytes)"
            )
        try:
            root = parse_part(self.archive.read(info), self.limits.deck_xml_depth)
        except (ET.ParseError, zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError) as exc:
            raise _fail(self.path, f"part {name} is damaged ({exc})") from None
        except _Refused as exc:
            raise _fail(self.path, f"part {name} {exc}") from None
        return root

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        result: dict[str, tuple[str, str]] = {}
        if root is None:
            return result
        for rel in root.findall("rel:Relationship", NS):
            target = rel.get("Target", "")
            resolved = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
            result[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolved)
        return result


_TEXT, _BREAK = f"{{{NS['a']}}}t", f"{{{NS['a']}}}br"


def _paragraphs(shape: ET.Element) -> list[tuple[int, str]]:
    result = []
    for para in shape.findall(".//a:p", NS):
        # A line break inside a paragraph (a title set on two lines) reads as a space.
        pieces = [" " if node.tag == _BREAK else node.text or "" for node in para.iter() if node.tag in (_TEXT, _BREAK)]
        # A no-break space or hyphen reads as the one it shows; a typographic quote as the straight one typed.
        text = plain("".join(pieces).replace(NO_BREAK, " ").replace(NO_BREAK_HYPHEN, "-")).strip()
        if text:
            ppr = para.find("a:pPr", NS)
            raw = ppr.get("lvl", "0") if ppr is not None else "0"
            level = min(int(raw), 8) if raw.isdigit() and len(raw) < 3 else 0  # a damaged level is level 0
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


def _read_slide(package: _Package, part: str, index: int) -> DeckSlide:
    root = package.xml(part)
    if root is None:
        raise _fail(package.path, f"slide {index} is missing from the file ({part})")
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
    for rel_type, target in package.rels(part).values():
        if rel_type == "notesSlide":
            notes_root = package.xml(target)
            if notes_root is not None:
                for shape in notes_root.iter(f"{{{NS['p']}}}sp"):
                    if _placeholder_type(shape) == "body":
                        notes = "\n".join(text for _, text in _paragraphs(shape))
    return DeckSlide(index=index, title=title or f"Slide {index}", points=tuple(points), notes=notes)


def _embedded_plan(package: _Package) -> str | None:
    root = package.xml("docProps/custom.xml")
    if root is None:
        return None
    for prop in root.findall("cp:property", NS):
        if prop.get("name") == PLAN_PROPERTY:
            return "".join(prop.itertext())
    return None


def read_deck(path: str | Path, config: Config | None = None) -> Deck:
    """Read ``path`` into a Deck, raising DeckError (exit 2) for anything that is not a usable .pptx."""
    path = Path(path)
    config = config or default_config()
    template, limits = config.template, config.limits
    with _open(path, limits) as archive:
        package = _Package(archive, path, limits)
        pres = package.xml("ppt/presentation.xml")
        if pres is None:
            raise _fail(path, "is a zip archive but not a PowerPoint presentation")
        rels = package.rels("ppt/presentation.xml")
        listed = pres.findall("p:sldIdLst/p:sldId", NS)
        if len(listed) > limits.deck_slides:
            raise _fail(
                path,
                f"lists {len(listed)} slides; deck reads at most {limits.deck_slides} (limit deck_slides)",
            )
        slides: list[DeckSlide] = []
        for sld in listed:
            rid = sld.get(f"{{{NS['r']}}}id", "")
            if rid in rels:
                slides.append(_read_slide(package, rels[rid][1], len(slides) + 1))
        if not slides:
            raise _fail(path, "has no slides")
        core = package.xml("docProps/core.xml")
        title = ""
        if core is not None:
            node = core.find("dc:title", NS)
            title = (node.text or "").strip() if node is not None else ""
        payload = _embedded_plan(package)
    plan = None
    if payload is not None:
        try:
            embedded = parse_payload(payload, template)
        except FormatError as exc:
            raise _fail(
                path,
                f"the time plan stored in the deck ({PLAN_PROPERTY}) {exc}",
                hint="rebuild the deck with `deck build`, or rehearse with --plan outline.yaml",
            ) from None
        plan = _align(embedded, slides)
        title = embedded.title or title
    else:
        plan = _from_notes(slides, title or slides[0].title, template)
    return Deck(path=path, title=title or slides[0].title, slides=tuple(slides), plan=plan)


def untimed(slide: DeckSlide) -> TimedSlide:
    """A slide no plan knows: no budget, part of the talk unless titled like a backup."""
    return TimedSlide(slide.index, slide.title, None, None, None, not looks_like_backup(slide.title))


def _align(embedded: TalkPlan, slides: list[DeckSlide]) -> TalkPlan:
    entries = list(embedded.slides)
    by_title = {e.title.strip(): e for e in entries}
    timed = []
    for slide in slides:
        # Titles match even when slides were moved; the position is the fallback.
        entry = by_title.get(slide.title.strip())
        if entry is None and slide.index <= len(entries):
            entry = entries[slide.index - 1]
        if entry is None:
            timed.append(untimed(slide))
        else:
            timed.append(dataclasses.replace(entry, index=slide.index, title=slide.title))
    return TalkPlan(embedded.title, embedded.duration_s, schedule(timed), "embedded")


def _from_notes(slides: list[DeckSlide], title: str, template: Template) -> TalkPlan | None:
    timed, found = [], False
    for slide in slides:
        timing = read_notes_header(slide.notes.split("\n", 1)[0])
        if timing is None:
            timed.append(untimed(slide))
            continue
        found = True
        budget = None if template.is_backup(timing.kind) else timing.seconds
        timed.append(TimedSlide(slide.index, slide.title, timing.kind, budget, None, template.is_main(timing.kind)))
    duration = sum(s.budget_s or 0 for s in timed)
    if not found or duration <= 0:
        return None
    return TalkPlan(title, duration, schedule(timed), "notes")
