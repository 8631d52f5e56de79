"""The coach opens decks that deck build did not make: pandoc's, LibreOffice's, python-pptx's default."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder.rehearse.budgets import resolve as resolve_budgets
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.tui.app import RehearseApp
from deckbuilder.tui.widgets import SlideView

from .conftest import FakeClock

MARKDOWN = """---
title: Catching churn early
---

# Churn costs 8% of revenue a month

- Rank accounts by risk
- Judged by PR-AUC

::: notes
Open with the money.
:::

# The model finds 62% of churners

- At 30% precision

# Appendix: tuning

- learning rate 0.05
"""


def default_template_deck(path: Path) -> Path:
    prs = Presentation()
    for title in ("Churn costs 8% of revenue a month", "The model finds 62% of churners", "Backup: tuning"):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = "a point"
    prs.save(str(path))
    return path


def pandoc_deck(path: Path) -> Path:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (CI installs it)")
    source = path.with_suffix(".md")
    source.write_text(MARKDOWN)
    subprocess.run([pandoc, str(source), "-o", str(path)], check=True, capture_output=True, timeout=120)
    return path


def libreoffice_deck(path: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (CI installs it)")
    original = default_template_deck(path.parent / "original.pptx")
    outdir = path.parent / "lo"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pptx", "--outdir", str(outdir), str(original)],
        check=True,
        capture_output=True,
        timeout=240,
        env={"HOME": str(outdir), "PATH": "/usr/bin:/bin"},
    )
    return outdir / "original.pptx"


@pytest.mark.parametrize(
    "make", [default_template_deck, pandoc_deck, libreoffice_deck], ids=["python-pptx", "pandoc", "libreoffice"]
)
async def test_rehearse_a_foreign_deck(make: object, tmp_path: Path) -> None:
    path = make(tmp_path / "deck.pptx")  # type: ignore[operator]
    deck = read_deck(path)
    titles = [s.title for s in deck.slides]
    assert any("62% of churners" in t for t in titles)
    budgets = resolve_budgets(deck, duration_s=600)
    assert budgets.plan.slides[-1].budget_s is None  # the appendix or backup slide gets no budget
    assert sum(s.budget_s or 0 for s in budgets.plan.slides) == 600
    clock = FakeClock()
    app = RehearseApp(Coach(deck, budgets, None, clock=clock), redraw_s=0.05, saved_to="")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("right")
        assert app.coach.session.current == 1
        assert app.screen.query_one(SlideView).is_mounted
    assert [round(s) for s in app.coach.session.totals[:1]] == [30]
