"""The template a deck is built on, checked and read once before anything is hashed, measured or drawn from it:
a regular file within its size limit, a zip of few and small parts, its page size read from its own bytes."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from deckbuilder.core.rules.settings import InputLimits
from deckbuilder.errors import DeckError
from deckbuilder.export.geometry import EMU_PER_INCH
from deckbuilder.files.reading import check_zip, read_bounded

_PRESENTATION = "ppt/presentation.xml"
_SLIDE_SIZE = "{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz"
# Main-part types that make a file a template or let it carry macros; the deck is always a plain presentation.
_TEMPLATE_TYPES = (
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)
_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_MACRO_PART = re.compile(r"(?:^|/)vba\w*\.(?:bin|xml)$", re.IGNORECASE)
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*/>")


@dataclass(frozen=True, eq=False, repr=False)  # holds up to 100 MB of bytes: never compared or shown
class Template:
    """A template as read: its path, its bytes (what a build record hashes) and its page in inches, if it says."""

    path: Path
    data: bytes
    page: tuple[float, float] | None


def read_template(path: Path, limits: InputLimits) -> Template:
    """Return the template at ``path``, refused (exit 2) unless it is a regular file within template_bytes and a
    zip whose parts are few and small enough to open."""
    if not path.exists():
        raise DeckError(f"no such template: {path}", hint="check the path given to --template")
    data = read_bounded(path, limits.template_bytes, "template", "template_bytes")
    with _archive(path, data, limits) as archive:
        return Template(path, data, _page(path, archive))


def _archive(path: Path, data: bytes, limits: InputLimits) -> zipfile.ZipFile:
    return check_zip(
        path, limits.deck_parts, limits.template_bytes, "PowerPoint template", limits.deck_part_bytes, data
    )


def _page(path: Path, archive: zipfile.ZipFile) -> tuple[float, float] | None:
    """Return the template's slide size in inches, None when it says none (python-pptx then judges the file)."""
    try:
        xml = archive.read(_PRESENTATION)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise DeckError(f"{path} declares XML entities in its presentation part; a template never needs them")
    try:
        size = ET.fromstring(xml).find(_SLIDE_SIZE)
        if size is None:
            return None
        width, height = int(size.get("cx", "0")), int(size.get("cy", "0"))
    except (ET.ParseError, ValueError):
        return None  # python-pptx names what is wrong with the file
    if width <= 0 or height <= 0:
        return None
    return width / EMU_PER_INCH, height / EMU_PER_INCH


def plain_presentation(template: Template, limits: InputLimits, notes: list[str]) -> bytes:
    """Return the template as a plain .pptx: a .potx or a macro-enabled file becomes a .pptx, and its macros and
    links to outside files are left out (said in ``notes``)."""
    with _archive(template.path, template.data, limits) as archive:
        infos = archive.infolist()
        macros = [i for i in infos if _MACRO_PART.search(i.filename)]
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
        rels = {i.filename: archive.read(i) for i in infos if i.filename.endswith(".rels")}
        external = sum(r.count(b'TargetMode="External"') for r in rels.values())
        if not (macros or external or any(t in types for t in _TEMPLATE_TYPES)):
            return template.data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in infos:
                if info in macros:
                    continue
                part = rels[info.filename] if info.filename in rels else archive.read(info)
                if info.filename == "[Content_Types].xml":
                    for kind in _TEMPLATE_TYPES:
                        part = part.replace(kind, _MAIN_TYPE)
                    part = re.sub(rb"<(?:Override|Default)\b[^>]*vbaProject[^>]*/>", b"", part)
                elif info.filename in rels:
                    part = _inert_relationships(part)
                copy.writestr(info, part)
    if macros:
        notes.append(f"the template's macros ({len(macros)} part(s)) are left out; a deck carries no code")
    if external:
        notes.append(f"{external} link(s) to files outside the template are left out (they would load when opened)")
    return out.getvalue()


def _inert_relationships(rels: bytes) -> bytes:
    """Drop the macro relationship and point every external link at nothing."""

    def fix(match: re.Match[bytes]) -> bytes:
        rel = match.group()
        if b"vbaProject" in rel:
            return b""
        if b'TargetMode="External"' in rel:
            return re.sub(rb'Target="[^"]*"', b'Target="#"', rel)
        return rel

    return _RELATIONSHIP.sub(fix, rels)
