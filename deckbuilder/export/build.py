"""Build a deck: start the figures drawing, then write the slides while they render."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import deckbuilder
from deckbuilder.core.outline.model import Outline
from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.rules.findings import Finding, Severity
from deckbuilder.core.slides.chart_marks import marked
from deckbuilder.core.timing.talk import TalkPlan
from deckbuilder.export.cache import RENDER_VERSION, FigureCache, figure_key, file_hash
from deckbuilder.export.geometry import Canvas, figure_boxes, page_scale
from deckbuilder.export.render import Pictures
from deckbuilder.export.template import Template, read_template
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
    up_to_date: bool = False  # nothing the deck is made from changed since it was written: not written again


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
    # The template is checked and read once, before it is hashed or measured: what is built is what was hashed.
    base = read_template(template or config.theme.template, config.limits)
    cache = cache or FigureCache(None)
    records = cache.records(config.limits.cache_record_bytes)
    key = build_key(outline, plan, base if template else None, date_text, config) if records is not None else ""
    if records is not None and (done := records.unchanged(out, key)) is not None:
        unchanged = _from_record(out, done, clock() - started)
        if unchanged is not None:
            return unchanged
    # The level each chart's slide reads it against, and the category it names (core.slides.chart_marks).
    outline = marked(outline, config.theme)
    canvas = Canvas(
        config, config.page(*page_scale(config, base.page if template else None)), own_template=template is None
    )
    pictures = Pictures(config.theme, config.glyphs, cache, progress, config.limits)
    # Figures start drawing before python-pptx is even imported; the slides are composed meanwhile.
    pictures.start(figure_boxes(outline, plan, canvas.page))
    try:
        from deckbuilder.export.writer import write_deck

        notes, written = write_deck(
            outline,
            plan,
            out,
            canvas,
            pictures,
            template=base,
            company=template is not None,
            date_text=date_text,
            inputs=inputs,
            replace_read_only=replace_read_only,
        )
    finally:
        pictures.close()
    result = BuildResult(
        path=out,
        slides=len(outline.slides),
        figures=pictures.total,
        rendered=pictures.rendered,
        charts=canvas.charts,
        findings=canvas.findings,
        layout_notes=notes,
    )
    if records is not None:
        summary = dataclasses.asdict(result)
        summary["path"] = str(out)
        records.put(out, key, summary, written)  # the hash of the bytes this build wrote, not of what is there now
    result.seconds = clock() - started
    return result


def build_key(outline: Outline, plan: TalkPlan, template: Template | None, date_text: str, config: Config) -> str:
    """Return the hash of everything a deck is made from: the outline as read (its CSV data included), the
    plan, the bytes of its images and template, the layouts/ folder, the date on the cover and deck's code."""
    images = [
        file_hash(Path(s.figure.path)) for s in outline.slides if s.figure is not None and s.figure.path is not None
    ]
    layouts = sorted((p.name, file_hash(p)) for p in config.folder.iterdir() if p.is_file())
    package = Path(deckbuilder.__file__).parent
    stats = {str(p.relative_to(package)): p.stat() for p in package.rglob("*.py")}
    code = sorted((name, st.st_size, st.st_mtime_ns) for name, st in stats.items())
    spec: dict[str, Any] = {
        "outline": dataclasses.asdict(outline),
        "plan": dataclasses.asdict(plan),
        "images": images,
        "template": hashlib.sha256(template.data).hexdigest() if template is not None else None,
        "date": date_text,
        "layouts": layouts,
        "deck": [deckbuilder.__version__, RENDER_VERSION, code],
    }
    return figure_key(spec)


def _from_record(out: Path, record: dict[str, Any], seconds: float) -> BuildResult | None:
    """Return the result a build recorded, or None when the record cannot be read back (then build again)."""
    try:
        findings = [
            Finding(str(f["code"]), Severity(f["severity"]), str(f["message"]), f.get("slide"))
            for f in record.get("findings", [])
        ]
        return BuildResult(
            path=out,
            slides=int(record.get("slides", 0)),
            figures=int(record.get("figures", 0)),
            rendered=0,
            charts=int(record.get("charts", 0)),
            findings=findings,
            layout_notes=[str(n) for n in record.get("layout_notes", [])],
            seconds=seconds,
            up_to_date=True,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
