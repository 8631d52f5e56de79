"""Any .pptx is read safely; a file that is not a usable deck gets one line and exit 2."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deckbuilder.rehearse import deck_reader as deckfile
from deckbuilder.rehearse.deck_reader import read_deck

from .conftest import EXAMPLES, ROOT, layouts_with

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")


def foreign_deck(path: Path) -> Path:
    """Write a deck from python-pptx's default template, as another tool would."""
    prs = Presentation()
    for title, bullets, notes in (
        ("Why churn matters", ["8% a month"], "open strong"),
        ("What we found", ["62% caught", "sub"], ""),
        ("Appendix: tuning", ["details"], ""),
    ):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for extra in bullets[1:]:
            para = body.add_paragraph()
            para.text, para.level = extra, 1
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    prs.save(str(path))
    return path


def test_reads_a_deck_it_did_not_make(tmp_path: Path) -> None:
    deck = read_deck(foreign_deck(tmp_path / "other.pptx"))
    assert [s.title for s in deck.slides] == ["Why churn matters", "What we found", "Appendix: tuning"]
    assert list(deck.slides[1].points) == [(0, "62% caught"), (1, "sub")]
    assert deck.slides[0].notes == "open strong"
    assert deck.source == "none" and deck.plan is None
    assert all(s.budget_s is None and s.kind is None for s in deck.timed().slides)
    assert deckfile.looks_like_backup(deck.slides[2].title)


def test_inspect_foreign_deck(tmp_path: Path, run_cli: Any) -> None:
    result = run_cli("inspect", foreign_deck(tmp_path / "other.pptx"))
    assert result.exit_code == 0
    assert "no budgets in this deck" in result.stdout and "Why churn matters" in result.stdout


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "make", "fragment"),
    [
        ("text", lambda p: p.write_text("hello"), "not a .pptx file"),
        ("encrypted", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64), "password"),
        ("damaged", lambda p: p.write_bytes(b"PK\x03\x04garbage"), "damaged"),
        ("other zip", lambda p: _zip(p, {"a.txt": b"x"}), "not a PowerPoint presentation"),
        (
            "no slides",
            lambda p: _zip(
                p,
                {
                    "ppt/presentation.xml": b'<p:presentation xmlns:p="'
                    b'http://schemas.openxmlformats.org/presentationml/2006/main"/>'
                },
            ),
            "has no slides",
        ),
        ("bad xml", lambda p: _zip(p, {"ppt/presentation.xml": b"<oops"}), "damaged"),
    ],
)
def test_unusable_files_exit_2(tmp_path: Path, run_cli: Any, name: str, make: Any, fragment: str) -> None:
    path = tmp_path / "deck.pptx"
    make(path)
    result = run_cli("inspect", path)
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) <= 2


def test_absurd_unpacked_size_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Any) -> None:
    path = _zip(tmp_path / "bomb.pptx", {"ppt/presentation.xml": b"<x/>", "ppt/big.bin": b"\0" * 100_000})
    monkeypatch.setenv("DECK_LAYOUTS", str(layouts_with(tmp_path, deck_unpacked_bytes=50_000)))
    result = run_cli("inspect", path)
    assert result.exit_code == 2 and "too large" in result.stderr


def test_missing_deck(tmp_path: Path, run_cli: Any) -> None:
    result = run_cli("inspect", tmp_path / "nope.pptx")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_budgets_from_notes_when_the_plan_part_is_gone(tmp_path: Path, run_cli: Any) -> None:
    built = tmp_path / "churn.pptx"
    assert run_cli("build", EXAMPLES[1], "-o", built).exit_code == 0
    stripped = tmp_path / "stripped.pptx"
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(stripped, "w") as dst:
        for item in src.infolist():
            if item.filename != "docProps/custom.xml":
                dst.writestr(item, src.read(item.filename))
    deck = read_deck(stripped)
    assert deck.source == "notes"
    assert deck.timed().slides[5].budget_s == 115 and deck.timed().slides[5].kind == "results"


def _convert(src: Path, fmt: str, outdir: Path) -> Path:
    assert SOFFICE is not None
    outdir.mkdir(exist_ok=True)
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
        check=True,
        capture_output=True,
        timeout=240,
        env={"HOME": str(outdir), "PATH": "/usr/bin:/bin"},
    )
    return outdir / (src.stem + "." + fmt.split(":")[0])


@needs_soffice
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_libreoffice_renders_every_slide_and_keeps_the_plan(example: Path, tmp_path: Path, run_cli: Any) -> None:
    built = tmp_path / f"{example.parent.name}.pptx"
    assert run_cli("build", example, "-o", built).exit_code == 0
    pdf = _convert(built, "pdf", tmp_path / "pdf")
    pages = pdf.read_bytes().count(b"/Type /Page\n") + pdf.read_bytes().count(b"/Type/Page\n")
    if not pages:
        import re

        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    slides = len(Presentation(str(built)).slides)
    assert pages == slides
    resaved = _convert(built, "pptx", tmp_path / "resaved")
    original, again = read_deck(built), read_deck(resaved)
    assert again.source == "embedded"
    assert [s.budget_s for s in again.timed().slides] == [s.budget_s for s in original.timed().slides]
    assert [s.title for s in again.slides] == [s.title for s in original.slides]


@needs_soffice
def test_reads_a_deck_saved_by_libreoffice(tmp_path: Path) -> None:
    resaved = _convert(foreign_deck(tmp_path / "other.pptx"), "pptx", tmp_path / "lo")
    deck = read_deck(resaved)
    assert [s.title for s in deck.slides] == ["Why churn matters", "What we found", "Appendix: tuning"]


def test_core_reader_imports_nothing_heavy() -> None:
    source = (ROOT / "deckbuilder/rehearse/deck_reader.py").read_text()
    assert "import pptx" not in source and "from pptx" not in source
