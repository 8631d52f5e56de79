"""Write the .pptx with python-pptx: open the template, choose layouts, compose, save atomically."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from pptx import Presentation
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout
from pptx.util import Inches

from deckbuilder.core.outline.model import Outline
from deckbuilder.core.rules.config import InputLimits
from deckbuilder.core.rules.theme import Theme
from deckbuilder.core.text.display import excerpt, one_line
from deckbuilder.core.timing.deck_format import plan_payload
from deckbuilder.core.timing.talk import TalkPlan
from deckbuilder.errors import DeckError
from deckbuilder.export import shapes
from deckbuilder.export import slides as compose
from deckbuilder.export.doc_properties import embed_plan
from deckbuilder.export.geometry import Canvas
from deckbuilder.export.render import Pictures
from deckbuilder.files.atomic import write_atomically
from deckbuilder.files.reading import check_zip, read_bounded

# Main-part types that make a file a template or let it carry macros; the deck is always a plain presentation.
_TEMPLATE_TYPES = (
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)
_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_MACRO_PART = re.compile(r"(?:^|/)vba\w*\.(?:bin|xml)$", re.IGNORECASE)
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*/>")


def _template_bytes(path: Path, limits: InputLimits, notes: list[str]) -> bytes:
    """Return the template as a plain .pptx in memory, checked for size first: a .potx or a macro-enabled file
    becomes a .pptx, and its macros and links to outside files are left out (said in ``notes``)."""
    if not path.exists():
        raise DeckError(f"no such template: {path}")
    data = read_bounded(path, limits.template_bytes, "template", "template_bytes")
    parts, limit = limits.deck_parts, limits.template_bytes
    with check_zip(path, parts, limit, "PowerPoint template", limits.deck_part_bytes, data) as archive:
        infos = archive.infolist()
        macros = [i for i in infos if _MACRO_PART.search(i.filename)]
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
        rels = {i.filename: archive.read(i) for i in infos if i.filename.endswith(".rels")}
        external = sum(r.count(b'TargetMode="External"') for r in rels.values())
        if not (macros or external or any(t in types for t in _TEMPLATE_TYPES)):
            return data
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


def _open_template(template: Path | None, theme: Theme, limits: InputLimits, notes: list[str]) -> PresentationT:
    path = template or theme.template
    data = _template_bytes(path, limits, notes)
    try:
        prs = Presentation(io.BytesIO(data))
    except MemoryError:
        raise DeckError(
            f"{path} needs more memory to open than a template should",
            hint="save the template again from PowerPoint, without embedded media",
        ) from None
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a deck
        raise DeckError(
            f"{path} is not a PowerPoint template ({type(exc).__name__})",
            hint="give a .pptx or .potx saved by PowerPoint, Keynote or LibreOffice",
        ) from None
    if not len(prs.slide_layouts):
        raise DeckError(f"{path} has no slide layouts to build on", hint="save a template with at least one layout")
    try:
        width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    except (ValueError, TypeError, OverflowError):
        width = height = 0  # a size that is not a number is no size: refused below
    if not (Inches(1) <= width <= Inches(56) and Inches(1) <= height <= Inches(56)):
        raise DeckError(
            f"{path} has a slide size of {width / 914400:.2f} x {height / 914400:.2f} in; PowerPoint allows 1 to 56 in",
            hint="set the slide size in the template (Design > Slide Size) and save it again",
        )
    # A company template may come with sample slides; the deck starts empty.
    id_list = prs.slides._sldIdLst
    for sld in list(id_list):
        prs.part.drop_rel(sld.rId)
        id_list.remove(sld)
    return prs


def choose_layout(prs: PresentationT, wanted: str, fallbacks: tuple[str, ...]) -> tuple[SlideLayout, str | None]:
    """Return the layout named ``wanted`` (any case), else a fallback, and a note when it fell back."""
    by_name = {layout.name.strip().lower(): layout for layout in prs.slide_layouts}
    for i, name in enumerate((wanted, *fallbacks)):
        layout = by_name.get(name.lower())
        if layout is not None:
            return layout, None if i == 0 else f"no layout named '{wanted}'; used '{one_line(layout.name, 60)}'"
    titled = [
        layout
        for layout in prs.slide_layouts
        if any(ph.placeholder_format.type in (1, 3) for ph in cast(Any, layout).placeholders)
    ]
    layout = titled[0] if titled else prs.slide_layouts[0]
    others = [f for f in fallbacks if f.lower() != wanted.lower()]
    tried = f" (nor {', '.join(others)})" if others else ""
    return layout, f"no layout named '{wanted}'{tried}; used '{one_line(layout.name, 60)}'"


def write_deck(
    outline: Outline,
    plan: TalkPlan,
    out: Path,
    canvas: Canvas,
    pictures: Pictures,
    *,
    template: Path | None,
    date_text: str,
    inputs: Iterable[Path] = (),
    replace_read_only: bool = False,
) -> list[str]:
    """Compose and save the deck; return notes on layouts that fell back."""
    theme = canvas.page.theme
    found: list[str] = []
    prs = _open_template(template, theme, canvas.config.limits, found)
    layouts, notes = _layouts(prs, theme, company=template is not None)
    notes = found + notes
    _compose(prs, outline, plan, canvas, layouts, date_text)
    for slide, _, figure, box in canvas.pictures:
        if figure.native:
            from deckbuilder.export.charts import add_chart  # python-pptx's chart data only for a talk with charts

            add_chart(slide, box, figure, theme, canvas.config.glyphs)
            canvas.charts += 1
            continue
        png, pixels = pictures.get(figure, box)
        shapes.add_picture(slide, box, png, pixels)
    prs.core_properties.title = _property(outline.title)
    prs.core_properties.author = _property(outline.presenter or "")
    prs.core_properties.subject = _property(outline.subtitle or "")
    embed_plan(prs, plan_payload(plan))
    save_atomically(prs, out, inputs, replace_read_only)
    return notes


def _property(text: str) -> str:
    """Return ``text`` as a document property holds it: at most 255 characters (the slide keeps it whole)."""
    return text if len(text) <= 255 else excerpt(text, 255)


def _layouts(prs: PresentationT, theme: Theme, company: bool) -> tuple[dict[str, SlideLayout], list[str]]:
    notes: list[str] = []
    layouts: dict[str, SlideLayout] = {}
    for kind in ("title", "default"):
        wanted = theme.layouts[kind]
        layout, note = choose_layout(prs, wanted, theme.fallbacks.get(wanted, ()))
        layouts[kind] = layout
        if note and company:
            notes.append(f"{'title slides' if kind == 'title' else 'content slides'}: {note}")
    return layouts, notes


def _compose(
    prs: PresentationT,
    outline: Outline,
    plan: TalkPlan,
    canvas: Canvas,
    layouts: dict[str, SlideLayout],
    date_text: str,
) -> None:
    for spec, timed in zip(outline.slides, plan.slides, strict=True):
        slide = prs.slides.add_slide(layouts["title" if spec.kind == "title" else "default"])
        if spec.kind == "title":
            compose.cover(slide, outline, timed, canvas, date_text)
        else:
            compose.content(slide, spec, timed, canvas)
            compose.slide_number(slide, canvas, timed.index)
        compose.write_notes(slide, timed, spec.notes)


def save_atomically(
    prs: PresentationT, out: Path, inputs: Iterable[Path] = (), replace_read_only: bool = False
) -> None:
    """Save through a temporary file in the same folder, so ``out`` is never half-written."""
    write_atomically(out, prs.save, inputs, replace_read_only)
