"""Write the .pptx with python-pptx: open the template, choose layouts, compose, save atomically."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from pptx import Presentation
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout
from pptx.util import Inches

from deckbuilder.core.config import InputLimits
from deckbuilder.core.deck_format import plan_payload
from deckbuilder.core.outline import Outline
from deckbuilder.core.talk import TalkPlan
from deckbuilder.core.theme import Theme
from deckbuilder.errors import DeckError
from deckbuilder.export import shapes
from deckbuilder.export import slides as compose
from deckbuilder.export.doc_properties import embed_plan
from deckbuilder.export.geometry import Canvas
from deckbuilder.export.render import Pictures
from deckbuilder.files.atomic import write_atomically
from deckbuilder.files.reading import check_zip, read_bounded

_TEMPLATE_TYPE = b"presentationml.template.main+xml"
_PRESENTATION_TYPE = b"presentationml.presentation.main+xml"


def _template_bytes(path: Path, limits: InputLimits) -> bytes:
    """Return the template as a .pptx in memory, checked for size first (a .potx becomes a .pptx)."""
    if not path.exists():
        raise DeckError(f"no such template: {path}")
    data = read_bounded(path, limits.template_bytes, "template", "template_bytes")
    with check_zip(path, limits.deck_parts, limits.template_bytes, "PowerPoint template") as archive:
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
        if _TEMPLATE_TYPE not in types:
            return data
        # A .potx differs from a .pptx only in its main part's content type.
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                part = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    part = part.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
                copy.writestr(info, part)
        return out.getvalue()


def _open_template(template: Path | None, theme: Theme, limits: InputLimits) -> PresentationT:
    path = template or theme.template
    data = _template_bytes(path, limits)
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a deck
        raise DeckError(
            f"{path} is not a PowerPoint template ({type(exc).__name__})",
            hint="give a .pptx or .potx saved by PowerPoint, Keynote or LibreOffice",
        ) from None
    if not len(prs.slide_layouts):
        raise DeckError(f"{path} has no slide layouts to build on", hint="save a template with at least one layout")
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
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
            return layout, None if i == 0 else f"no layout named '{wanted}'; used '{layout.name}'"
    titled = [
        layout
        for layout in prs.slide_layouts
        if any(ph.placeholder_format.type in (1, 3) for ph in cast(Any, layout).placeholders)
    ]
    layout = titled[0] if titled else prs.slide_layouts[0]
    others = [f for f in fallbacks if f.lower() != wanted.lower()]
    tried = f" (nor {', '.join(others)})" if others else ""
    return layout, f"no layout named '{wanted}'{tried}; used '{layout.name}'"


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
    prs = _open_template(template, theme, canvas.config.limits)
    layouts, notes = _layouts(prs, theme, company=template is not None)
    _compose(prs, outline, plan, canvas, layouts, date_text)
    for slide, _, figure, box in canvas.pictures:
        png, pixels = pictures.get(figure, box)
        shapes.add_picture(slide, box, png, pixels)
    prs.core_properties.title = outline.title
    prs.core_properties.author = outline.presenter or ""
    prs.core_properties.subject = outline.subtitle or ""
    embed_plan(prs, plan_payload(plan))
    save_atomically(prs, out, inputs, replace_read_only)
    return notes


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
