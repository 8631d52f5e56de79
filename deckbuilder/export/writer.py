"""Write the .pptx with python-pptx: open the template, choose layouts, compose, save atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from pptx import Presentation
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout
from pptx.util import Inches

from deckbuilder.core.outline import Outline
from deckbuilder.core.planner import Plan
from deckbuilder.core.theme import Theme, template_file
from deckbuilder.errors import DeckError
from deckbuilder.export import shapes
from deckbuilder.export import slides as compose
from deckbuilder.export.geometry import Page
from deckbuilder.export.planpart import embed_plan, plan_payload
from deckbuilder.export.render import Pictures
from deckbuilder.files.atomic import write_atomically


def _open_template(template: Path | None) -> PresentationT:
    path = template or template_file()
    try:
        prs = Presentation(str(path))
    except FileNotFoundError:
        raise DeckError(f"no such template: {path}") from None
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a deck
        raise DeckError(
            f"{path} is not a PowerPoint template ({type(exc).__name__})",
            hint="give a .pptx or .potx saved by PowerPoint, Keynote or LibreOffice",
        ) from None
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
    plan: Plan,
    out: Path,
    page: Page,
    pictures: Pictures,
    *,
    template: Path | None,
    date_text: str,
) -> list[str]:
    """Compose and save the deck; return notes on layouts that fell back."""
    theme = page.theme
    prs = _open_template(template)
    # Geometry is drawn for our 16:9 page and stretched to the template's page.
    page.sx = int(prs.slide_width or Inches(theme.page[0])) / Inches(theme.page[0])
    page.sy = int(prs.slide_height or Inches(theme.page[1])) / Inches(theme.page[1])
    layouts, notes = _layouts(prs, theme, company=template is not None)
    _compose(prs, outline, plan, page, layouts, date_text)
    for slide, _, figure, box in page.pictures:
        png, pixels = pictures.get(figure, box)
        shapes.add_picture(slide, box, png, pixels)
    prs.core_properties.title = outline.title
    prs.core_properties.author = outline.presenter or ""
    prs.core_properties.subject = outline.subtitle or ""
    embed_plan(prs, plan_payload(plan.as_dict()))
    save_atomically(prs, out)
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
    prs: PresentationT, outline: Outline, plan: Plan, page: Page, layouts: dict[str, SlideLayout], date_text: str
) -> None:
    for spec, planned in zip(outline.slides, plan.slides, strict=True):
        slide = prs.slides.add_slide(layouts["title" if spec.kind == "title" else "default"])
        if spec.kind == "title":
            compose.cover(slide, outline, planned, page, date_text)
        else:
            compose.content(slide, spec, planned, page)
            compose.slide_number(slide, page, planned.index)
        compose.write_notes(slide, planned, spec.notes)


def save_atomically(prs: PresentationT, out: Path) -> None:
    """Save through a temporary file in the same folder, so ``out`` is never half-written."""
    write_atomically(out, prs.save)
