"""`deck import` as a library call: read the write-ups, map them, and return the outline text and its figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from deckbuilder.core.outline.loader import parse_outline
from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.import_rules import ImportRules
from deckbuilder.errors import EXIT_INTERNAL, DeckError
from deckbuilder.files.reading import read_bounded

from .assemble import Assembler
from .draft import Imported
from .emit import outline_text
from .markdown import ImageLoader, read_markdown
from .notebook import read_notebook
from .review import Answers, Question
from .source import Figure, Section, Writeup, clean

MARKDOWN = (".md", ".markdown", ".mdown", ".txt", ".rmd", ".qmd")  # R Markdown and Quarto are Markdown
MAGIC = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


@dataclass(frozen=True)
class ImportResult:
    text: str  # the outline
    figures: list[tuple[Path, bytes]]  # files to write beside the outline
    imported: Imported
    questions: list[Question]  # what the candidate may be asked about the guesses (review.py)


def image_suffix(data: bytes) -> str | None:
    """Return .png or .jpg for PNG or JPEG bytes, None for anything else."""
    return next((suffix for magic, suffix in MAGIC.items() if data.startswith(magic)), None)


@dataclass
class _Images:
    """The image files one import has read, each once, and how many bytes they hold in all."""

    read: dict[Path, bytes | None] = field(default_factory=dict)
    total: int = 0


def _loader(base: Path, config: Config, writeup: Writeup, images: _Images) -> ImageLoader:
    """Return the image loader of one write-up: files inside its folder only, each read once for the import."""
    folder = base.resolve()

    def load(src: str, where: str) -> Figure | None:
        shown = clean(src)[:80]
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
            writeup.skipped.append(f"{where}: the image {shown} is not a local file; download it to import it")
            return None
        path = (base / src.split("#")[0].split("?")[0]).resolve()
        if not path.is_relative_to(folder):
            writeup.skipped.append(
                f"{where}: the image {shown} is outside the write-up's folder; copy it into the folder to import it"
            )
            return None
        if path not in images.read:
            images.read[path] = _read_image(path, shown, where, config, writeup, images.total)
            images.total += len(images.read[path] or b"")
        data = images.read[path]
        return None if data is None else Figure(data, image_suffix(data) or ".png", "", "", where)

    return load


def _read_image(path: Path, shown: str, where: str, config: Config, writeup: Writeup, so_far: int) -> bytes | None:
    limits = config.limits
    try:
        data = read_bounded(path, limits.image_bytes, "image", "image_bytes")
    except DeckError as exc:
        writeup.skipped.append(f"{where}: the image {shown}: {exc.message}")
        return None
    if so_far + len(data) > limits.import_image_total_bytes:
        writeup.skipped.append(
            f"{where}: the image {shown}: the write-up's images pass the {limits.import_image_total_bytes // 1_000_000}"
            " MB one import reads (limit import_image_total_bytes)"
        )
        return None
    if image_suffix(data) is None:
        writeup.skipped.append(f"{where}: the image {shown} is not a PNG or JPEG (export it as PNG)")
        return None
    return data


def read_writeups(paths: list[Path], config: Config) -> Writeup:
    """Parse every write-up, in order, into one Writeup; a file deck cannot read gets one clear DeckError."""
    writeup = Writeup()
    limits = config.limits
    images = _Images()
    for path in paths:
        suffix = path.suffix.lower()
        name = path.name
        # What a file holds before its first heading is its own, never the last section of the file before it.
        writeup.sections.append(Section("", 0, name))
        if suffix == ".ipynb":
            data = read_bounded(path, limits.notebook_bytes, "notebook", "notebook_bytes")
            loader = _loader(path.parent, config, writeup, images)
            read_notebook(_decode(data, path), name, writeup, loader, config.importing.printout_figures)
        elif suffix in MARKDOWN:
            data = read_bounded(path, limits.writeup_bytes, "write-up", "writeup_bytes")
            read_markdown(
                _decode(data, path),
                name,
                writeup,
                _loader(path.parent, config, writeup, images),
                names_part=partial(_names_part, config.importing),
            )
        else:
            raise DeckError(
                f"cannot import a {suffix or 'file without an extension'}",
                file=str(path),
                hint="give Markdown (.md, .Rmd, .qmd) write-ups and Jupyter notebooks (.ipynb); "
                "export other formats to Markdown",
            )
    _drop_oversized(writeup, limits.image_bytes)
    return writeup


def _names_part(rules: ImportRules, words: str) -> bool:
    return rules.heading_kind(words)[0] not in (None, "skip")


def _drop_oversized(writeup: Writeup, most: int) -> None:
    """Leave out a figure larger than an outline may reference (limit image_bytes): a notebook stores its
    figures inside itself, so one can pass the notebook's limit and still be refused by `deck plan`."""
    for section in writeup.sections:
        kept = []
        for figure in section.figures:
            if len(figure.data) > most:
                writeup.skipped.append(
                    f"{figure.where}: a figure of {len(figure.data) // 1_000_000} MB, over the "
                    f"{most // 1_000_000} MB an outline's image may be (limit image_bytes); save it smaller"
                )
            else:
                kept.append(figure)
        section.figures = kept


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckError(
            "is not UTF-8 text", file=str(path), line=line, hint="save the file as UTF-8 and import it again"
        ) from None


def import_writeups(
    paths: list[Path],
    out: Path,
    config: Config,
    duration: str = "12m",
    audience: str | None = None,
    answers: Answers | None = None,
) -> ImportResult:
    """Return the outline for ``out`` made from ``paths``, and the figures to save in figures/ beside it;
    ``answers`` are the candidate's answers to the questions a first import asked."""
    writeup = read_writeups(paths, config)
    assembler = Assembler(config, answers)
    imported = assembler.build(writeup)
    if all(draft.todo for draft in imported.slides):
        names = ", ".join(p.name for p in paths)
        raise DeckError(
            f"found nothing to put on a slide in {names}: no section holds text, a table or a figure",
            hint="import the write-up with your sections (## Problem, ## Results ...), or the notebook whose "
            "markdown cells explain the work; or start from `deck new talk.yaml`",
        )
    figures: dict[int, str] = {}
    files: list[tuple[Path, bytes]] = []
    for draft in imported.slides:
        figure = draft.figure
        if figure is None:
            continue
        base = re.sub(r"[^a-z0-9]+", "-", figure.where.lower()).strip("-")[:60] or "figure"
        name = f"figures/{base}{figure.suffix}"
        while name in figures.values():
            name = f"figures/{base}-{len(figures) + 1}{figure.suffix}"
        figures[id(figure)] = name
        files.append((out.parent / name, figure.data))
    sources = ", ".join(clean(p.name) for p in paths)
    text = outline_text(imported, figures, duration, audience, sources)
    if len(text.encode("utf-8")) > config.limits.outline_bytes:
        raise DeckError(
            f"the write-up would make an outline of {len(text) // 1_000_000 or 1} MB, over the "
            f"{config.limits.outline_bytes // 1_000_000} MB an outline may be (limit outline_bytes)",
            hint="import the report and the one notebook that tells the story, not every notebook",
        )
    _self_check(text, out, config)
    order = {"headline": 0, "decision": 1}  # the headline first, then each decision, then the parts
    questions = sorted(assembler.asked.questions, key=lambda q: order.get(q.topic, 2))
    return ImportResult(text, files, imported, questions)


def _self_check(text: str, out: Path, config: Config) -> None:
    """Read the outline back with deck's own loader before anything is written: deck never writes what it
    cannot read. A failure here is deck's fault, so it is an internal error with the loader's message."""
    try:
        parse_outline(text, str(out), base_dir=out.parent, config=config, read_files=False)
    except DeckError as exc:
        raise DeckError(
            f"deck import made an outline its own loader refuses, so nothing was written: {exc.render()}",
            hint="this is a bug in deck; please report it with the write-up that caused it",
            exit_code=EXIT_INTERNAL,
        ) from None
