"""Write the .pptx with python-pptx: open the template, choose layouts, compose, save atomically."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from pptx import Presentation
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout
from pptx.util import Inches

from deckbuilder.core.outline.model import Outline
from deckbuilder.core.rules.settings import InputLimits
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
from deckbuilder.export.template import Template, plain_presentation
from deckbuilder.files.atomic import write_atomically


def _open_template(template: Template, limits: InputLimits, notes: list[str], company: bool) -> PresentationT:
    path = template.path
    data = plain_presentation(template, limits, notes)
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
    if company:  # deck's own template is whole; a company's may have lost a part on the way
        _check_references(prs, path)
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


_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"  # r:id, r:embed ...


def _check_references(prs: PresentationT, path: Path) -> None:
    """Refuse a template whose parts name a part it does not hold (a layout or master left out of the zip):
    python-pptx drops the link on reading and fails with a KeyError when the part is first used."""
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        named = (v for node in element.iter() for k, v in node.attrib.items() if k.startswith(_RELATIONSHIPS))
        for rid in named:
            if str(rid) not in part.rels:
                raise DeckError(
                    f"{path} is damaged: its part {one_line(str(part.partname), 80)} refers to a part the file does "
                    f"not hold ({one_line(str(rid), 20)})",
                    hint="open the template in PowerPoint or LibreOffice and save it again",
                )


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
    template: Template,
    company: bool,
    date_text: str,
    inputs: Iterable[Path] = (),
    replace_read_only: bool = False,
) -> tuple[list[str], tuple[str, int]]:
    """Compose and save the deck; return notes on layouts that fell back, and the SHA-256 and size of the bytes
    saved."""
    theme = canvas.page.theme
    found: list[str] = []
    prs = _open_template(template, canvas.config.limits, found, company)
    layouts, notes = _layouts(prs, theme, company=company)
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
    return notes, save_atomically(prs, out, inputs, replace_read_only)


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
) -> tuple[str, int]:
    """Save through a temporary file in the same folder, so ``out`` is never half-written; return the SHA-256
    and the size of the bytes saved."""
    written = write_atomically(out, prs.save, inputs, replace_read_only, digest=True)
    assert written is not None
    return written
