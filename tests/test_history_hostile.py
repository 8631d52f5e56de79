"""Histories deck refuses stay as they were, WAL and all; odd numbers in a history or a deck's notes are a
located message, never an internal error."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck

from .conftest import ROOT, FakeClock

CHURN = ROOT / "examples/churn/outline.yaml"


def digest(*paths: Path) -> list[str | None]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None for p in paths]


def database_with_unmerged_wal(folder: Path, name: str, table: str) -> Path:
    """Return another program's database whose last writes are still in its WAL (as after a crash)."""
    work = folder / f"work-{name}"
    db = sqlite3.connect(work)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute(f"CREATE TABLE {table} (x)")
    db.commit()
    for n in range(40):
        db.execute(f"INSERT INTO {table} VALUES (?)", (f"row {n} " * 20,))
        db.commit()
    # Copied while the writer still holds it: the copies are a database and a WAL nobody has merged.
    out = folder / name
    shutil.copy(work, out)
    shutil.copy(work.with_name(work.name + "-wal"), out.with_name(out.name + "-wal"))
    db.close()
    return out


def test_another_programs_database_and_its_wal_are_left_as_they_were(
    tmp_path: Path, churn_pptx: Path, run_cli: Any
) -> None:
    other = database_with_unmerged_wal(tmp_path, "notes.db", "notes")
    wal = other.with_name(other.name + "-wal")
    before = digest(other, wal)
    for args in (("history", churn_pptx), ("compare", churn_pptx), ("report", churn_pptx)):
        result = run_cli(*args, "--db", other)
        assert result.exit_code == 2 and "not a deck rehearsal history" in result.output
    assert digest(other, wal) == before  # not merged into the file, not removed
    assert not other.with_name(other.name + "-shm").exists()
    assert sqlite3.connect(other).execute("SELECT count(*) FROM notes").fetchone() == (40,)


def test_a_stray_wal_beside_a_database_deck_refuses_never_replaces_its_tables(
    tmp_path: Path, churn_pptx: Path, run_cli: Any
) -> None:
    mine = tmp_path / "mine.db"
    db = sqlite3.connect(mine)
    db.execute("CREATE TABLE contacts (name)")
    db.execute("INSERT INTO contacts VALUES ('Ada')")
    db.commit()
    db.close()
    stray = database_with_unmerged_wal(tmp_path, "stray.db", "elsewhere")
    shutil.copy(stray.with_name("stray.db-wal"), mine.with_name("mine.db-wal"))  # a WAL that is not its own
    before = digest(mine)
    result = run_cli("history", churn_pptx, "--db", mine)
    assert result.exit_code == 2, result.output
    assert digest(mine) == before
    mine.with_name("mine.db-wal").unlink()
    assert sqlite3.connect(mine).execute("SELECT name FROM contacts").fetchall() == [("Ada",)]


@pytest.fixture
def recorded(churn_pptx: Path, tmp_path: Path) -> tuple[Path, Path]:
    deck = read_deck(churn_pptx)
    db = tmp_path / "h.db"
    clock = FakeClock(0)
    coach = Coach(deck, resolve(deck), History(db), clock=clock)
    coach.start()
    for seconds in (10, 35, 100, 120, 120, 115, 110, 110):
        clock.advance(seconds)
        coach.next()
    coach.finish()
    return churn_pptx, db


@pytest.mark.parametrize("table", ["planned_slides", "visits"])
def test_an_infinite_slide_number_in_a_history_is_a_located_message(
    recorded: tuple[Path, Path], run_cli: Any, table: str
) -> None:
    deck, db = recorded
    edit = sqlite3.connect(db)
    edit.execute(f"UPDATE {table} SET idx = 9e999 WHERE idx = 3")  # SQLite keeps it as an infinite REAL
    edit.commit()
    edit.close()
    for args in (("history", deck), ("history", deck, "--csv"), ("compare", deck), ("report", deck)):
        result = run_cli(*args, "--db", db)
        assert result.exit_code in (0, 2), (args, result.output)
        assert "internal error" not in result.output
        if result.exit_code == 2:
            assert "damaged" in result.output and "not a slide number" in result.output
    planned = run_cli("plan", CHURN, "--db", db)
    assert planned.exit_code in (0, 1) and "internal error" not in planned.output


def test_a_notes_line_shaped_like_decks_with_a_huge_budget_is_the_presenters_text(
    churn_pptx: Path, tmp_path: Path, run_cli: Any
) -> None:
    prs = Presentation(str(churn_pptx))
    notes = prs.slides[2].notes_slide.notes_text_frame
    notes.paragraphs[0].runs[0].text = "99999:59 budget, starts at 99999:59 · results"
    # A deck without deck's embedded plan: its budgets come from the notes, as a foreign deck's would.
    prs.core_properties.title = "Churn"
    out = tmp_path / "huge.pptx"
    prs.save(str(out))
    result = run_cli("inspect", out)
    assert result.exit_code == 0 and "internal error" not in result.output
    deck = read_deck(out)
    assert all(s.budget_s is None or s.budget_s < 24 * 3600 for s in deck.timed().slides)
