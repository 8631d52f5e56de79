"""Build a deck: start the figures drawing, then write the slides while they render."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from deckbuilder.core.outline.model import Outline
from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.timing.talk import TalkPlan
from deckbuilder.export.cache import FigureCache
from deckbuilder.export.geometry import Canvas, figure_boxes, page_scale
from deckbuilder.export.render import Pictures
from deckbuilder.files.atomic import check_output

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build wrote and what it found."""

    path: Path
    slides: int
    figures: int  # pictures: the outline's images and the figures drawn with matplotlib
    rendered: int
    charts: int = 0  # native charts
    findings: list[Finding] = field(default_factory=list)
    layout_notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def build_deck(
    outline: Outline,
    plan: TalkPlan,
    out: Path,
    *,
    template: Path | None = None,
    cache: FigureCache | None = None,
    date_text: str = "",
    progress: Progress | None = None,
    clock: Callable[[], float] = time.perf_counter,
    config: Config | None = None,
    inputs: Iterable[Path] = (),
    replace_read_only: bool = False,
) -> BuildResult:
    """Write the deck for ``outline`` to ``out``; the previous file survives any failure.

    ``inputs`` are the files the deck is made from: ``out`` may be none of them.
    """
    started = clock()
    config = config or default_config()
    inputs = [*inputs, *([template] if template else [])]
    check_output(out, inputs, replace_read_only)  # before any work, so a wrong -o fails at once
    canvas = Canvas(config, config.page(*page_scale(config, template)), own_template=template is None)
    pictures = Pictures(config.theme, config.glyphs, cache or FigureCache(None), progress, config.limits)
    # Figures start drawing before python-pptx is even imported; the slides are composed meanwhile.
    pictures.start(figure_boxes(outline, plan, canvas.page))
    try:
        from deckbuilder.export.writer import write_deck

        notes = write_deck(
            outline,
            plan,
            out,
            canvas,
            pictures,
            template=template,
            date_text=date_text,
            inputs=inputs,
            replace_read_only=replace_read_only,
        )
    finally:
        pictures.close()
    return BuildResult(
        path=out,
        slides=len(outline.slides),
        figures=pictures.total,
        rendered=pictures.rendered,
        charts=canvas.charts,
        findings=canvas.findings,
        layout_notes=notes,
        seconds=clock() - started,
    )
