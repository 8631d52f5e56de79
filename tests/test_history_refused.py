"""A history that cannot be written (read-only, full, locked to the end) is named for what it is, the run is kept
in a file beside the deck and named on screen, nothing says "saved" for what was not, the command exits non-zero,
and `deck history --restore` puts the run back."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.rules.config import default_config
from deckbuilder.core.slides.questions import build_bank, choose, from_outline
from deckbuilder.core.timing.talk import DeckId
from deckbuilder.errors import DeckError, StoreRefused
from deckbuilder.history.analysis import find_runs
from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.rehearse.drill import Drill
from deckbuilder.tui.app import RehearseApp
from deckbuilder.tui.screens import EndScreen

from .conftest import ROOT, FakeClock

SIZE = (100, 30)
WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def read_only(history: History) -> History:
    """The history as a read-only file behaves: SQLite refuses every write with SQLITE_READONLY."""
    history.db.execute("PRAGMA query_only = 1")
    return history


def screen_text(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


@pytest.fixture
def deck(churn_pptx: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "talk.pptx"
    shutil.copy(churn_pptx, copy)
    return copy


def test_each_refusal_is_named_for_what_it_is(deck: Path, tmp_path: Path) -> None:
    plan = resolve(read_deck(deck)).plan
    ident = read_deck(deck).identity()
    with pytest.raises(StoreRefused) as caught:
        read_only(History(tmp_path / "ro.db")).begin(ident, plan, "2026-12-01T20:00:00")
    assert caught.value.reason == "read-only" and caught.value.what == "is read-only" and "chmod" in caught.value.hint
    full = History(tmp_path / "full.db")
    pages = full.db.execute("PRAGMA page_count").fetchone()[0]
    full.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreRefused) as caught:
        for n in range(200):
            full.begin(ident, plan, f"2026-12-01T20:{n:02d}:00")
    assert caught.value.reason == "full" and "no room" in caught.value.what
    locked = History(tmp_path / "locked.db")
    locked.set_patience(0.05)
    holder = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreRefused) as caught:
        locked.begin(ident, plan, "2026-12-01T20:00:00")
    holder.execute("ROLLBACK")
    assert caught.value.reason == "locked" and caught.value.passing


async def test_a_short_screen_still_says_the_history_is_not_saving(deck: Path, tmp_path: Path) -> None:
    history = read_only(History(tmp_path / "h.db"))
    info = read_deck(deck)
    coach = Coach(info, resolve(info), history, clock=FakeClock(), wall=lambda: WALL)
    app = RehearseApp(coach, 0.05, "saved to h.db", foreseen=history.probe())
    async with app.run_test(size=(60, 20)):
        source = app.screen.query_one("#source")
        assert source.display and "NOT SAVING" in str(source.render())


def test_naming_a_run_in_a_read_only_history_says_read_only_not_busy(deck: Path, tmp_path: Path) -> None:
    history = History(tmp_path / "h.db")
    coach = Coach(read_deck(deck), resolve(read_deck(deck)), history, clock=FakeClock(), wall=lambda: WALL)
    coach.start()
    coach.quit()
    read_only(history)
    with pytest.raises(DeckError) as caught:
        history.set_label(1, "with Q&A")
    message = caught.value.render()
    assert "is read-only; nothing was changed" in message and "busy" not in message
    assert "finish the rehearsal" not in message and "chmod u+w" in message


async def test_a_read_only_history_keeps_the_run_in_a_file_beside_the_deck_and_never_says_saved(
    deck: Path, tmp_path: Path, run_cli: Any
) -> None:
    clock = FakeClock()
    history = read_only(History(tmp_path / "h.db"))
    info = read_deck(deck)
    coach = Coach(info, resolve(info), history, clock=clock, wall=lambda: WALL)
    app = RehearseApp(coach, 0.05, "saved to h.db", foreseen=history.probe())
    async with app.run_test(size=SIZE) as pilot:
        source = app.screen.query_one("#source")
        assert "NOT SAVING: history read-only; run kept in a file at end" in str(
            source.render()
        )  # said before the first key
        await pilot.press("space")
        for seconds in (10, 35, 100):
            clock.advance(seconds)
            await pilot.press("right")
        app.retry_writes()
        assert "NOT SAVING: history read-only; run kept in a file at end" in str(source.render())
        assert "busy" not in str(source.render()) and "kept in memory" not in str(source.render())
        clock.advance(20)
        await pilot.press("q", "y")
        assert isinstance(app.screen, EndScreen)
        text = screen_text(app)
        kept = coach.runs[-1].kept
        assert kept is not None and kept.parent == deck.parent and kept.name.startswith("talk-rehearsal-2026-12-01")
        assert f"NOT saved: the history is read-only. The whole run is kept in {kept}" in text
        assert "saved to" not in text
    assert not coach.pending.waiting  # kept once, never written twice
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert [v["seconds"] for v in data["visits"]] == [10, 35, 100, 20] and data["end"]["finished"] is False
    assert sqlite3.connect(tmp_path / "h.db").execute("SELECT count(*) FROM rehearsals").fetchone() == (0,)
    # The run goes back into a history that can be written, as recorded, once.
    other = tmp_path / "other.db"
    restored = run_cli("history", "--restore", kept, "--db", other)
    assert restored.exit_code == 0, restored.output
    assert "rehearsal 1 (unfinished: 4 slide visits, 2:45 of 12:00) added" in restored.output
    runs = find_runs(History(other), info.identity())
    assert [(r.total_s, r.finished) for r in runs] == [(165.0, False)]
    assert sorted(runs[0].actuals.values()) == [10.0, 20.0, 35.0, 100.0]
    again = run_cli("history", "--restore", kept, "--db", other)
    assert again.exit_code == 2 and "already in the history, as rehearsal 1" in again.output


def test_a_history_locked_to_the_end_is_kept_and_its_saved_part_completed_on_restore(
    deck: Path, tmp_path: Path, run_cli: Any
) -> None:
    db = tmp_path / "h.db"
    clock = FakeClock()
    info = read_deck(deck)
    coach = Coach(info, resolve(info), History(db), clock=clock, wall=lambda: WALL)
    coach.end_patience_s = 0.05
    coach.start()
    clock.advance(10)
    coach.next()  # begin and the first visit are in the history
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # then another program holds it to the end
    for seconds in (35, 100, 120, 120, 115, 110, 110):
        clock.advance(seconds)
        coach.next()
    coach.next()  # past the appendix: the talk is over
    log = coach.runs[-1]
    assert log.refused is not None and log.refused.reason == "locked" and log.kept is not None
    holder.execute("ROLLBACK")
    holder.close()
    result = run_cli("history", "--restore", log.kept, "--db", db)
    assert result.exit_code == 0 and "rehearsal 1 (finished: 8 slide visits, 12:00 of 12:00) completed" in " ".join(
        result.output.split()
    )
    runs = find_runs(History(db), info.identity())
    assert len(runs) == 1 and runs[0].finished and runs[0].total_s == 720


def test_a_drill_into_a_read_only_history_is_kept_and_restored(tmp_path: Path, run_cli: Any) -> None:
    outline = tmp_path / "talk.yaml"
    shutil.copy(ROOT / "examples/churn/outline.yaml", outline)
    settings = default_config()
    from deckbuilder.core.outline.loader import load_outline

    talk = from_outline(load_outline(ROOT / "examples/churn/outline.yaml", settings), settings.theme.grammar)
    questions = choose(build_bank(talk, settings.drill, Reader(settings)), 3, 7)
    ident = DeckId(str(outline.resolve()), talk.title, "f" * 16, True)
    clock = FakeClock()
    drill = Drill(questions, settings.drill, ident, read_only(History(tmp_path / "h.db")), clock, 7,
                  wall=lambda: "2026-12-01T20:00:00+00:00", keep_beside=outline)  # fmt: skip
    for seconds in (95, 127):
        clock.advance(seconds)
        drill.tick(1)
        drill.next()
    drill.stop()
    assert drill.refused is not None and drill.refused.reason == "read-only"
    assert drill.kept is not None and drill.kept.parent == tmp_path and drill.kept.name.startswith("talk-drill-")
    other = tmp_path / "other.db"
    result = run_cli("history", "--restore", drill.kept, "--db", other)
    assert result.exit_code == 0 and "drill 1 (2 of 3 answered) added" in result.output
    assert [d.answered for d in __import__("deckbuilder.history.drills", fromlist=["x"]).find_drills(
        History(other), ident, list(settings.drill.kinds), settings.drill.target_s)] == [2]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"deck_kept_run": 1, "kind": "rehearsal"}',
        '{"deck_kept_run": 1, "kind": "party"}',
        "[1, 2, 3]",
        '{"deck_kept_run": 1e999}',
    ],
)
def test_a_file_that_is_not_a_kept_run_is_refused_plainly(tmp_path: Path, run_cli: Any, text: str) -> None:
    bad = tmp_path / "run.json"
    bad.write_text(text, encoding="utf-8")
    result = run_cli("history", "--restore", bad, "--db", tmp_path / "h.db")
    assert result.exit_code == 2 and "internal error" not in result.output and "run.json" in result.output


def test_a_kept_run_with_an_impossible_visit_is_refused(deck: Path, tmp_path: Path, run_cli: Any) -> None:
    history = read_only(History(tmp_path / "h.db"))
    info = read_deck(deck)
    clock = FakeClock()
    coach = Coach(info, resolve(info), history, clock=clock, wall=lambda: WALL)
    coach.start()
    clock.advance(10)
    coach.next()
    coach.quit()
    kept = coach.runs[-1].kept
    assert kept is not None
    for field, value in (("index", 99), ("seconds", -5), ("seconds", "ten")):
        data = json.loads(kept.read_text(encoding="utf-8"))
        data["visits"][0][field] = value
        bad = tmp_path / f"bad-{field}.json"
        bad.write_text(json.dumps(data), encoding="utf-8")
        result = run_cli("history", "--restore", bad, "--db", tmp_path / "other.db")
        assert result.exit_code == 2 and f"visit 1: {field}" in result.output, result.output


def test_a_killed_run_in_a_read_only_history_is_said_without_a_crash(deck: Path, tmp_path: Path) -> None:
    history = History(tmp_path / "h.db")
    info = read_deck(deck)
    clock = FakeClock()
    coach = Coach(info, resolve(info), history, clock=clock, wall=lambda: WALL)
    coach.start()
    clock.advance(7)
    coach.checkpoint()  # then killed
    assert read_only(history).killed() == (1, 7.0)


def _make_read_only(path: Path) -> bool:
    """Make ``path`` a file this process cannot write, as a read-only history is to its user (root writes past
    permissions, so for root the file is made immutable); False when that cannot be done here."""
    if os.geteuid() != 0:
        os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return True
    done = (
        subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if shutil.which("chattr")
        else None
    )
    return done is not None and done.returncode == 0


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal and permissions")
def test_rehearse_on_a_read_only_history_exits_non_zero_and_names_the_kept_file(
    churn_pptx: Path, tmp_path: Path
) -> None:
    from .test_tui_pty import Terminal, _wait_for

    deck = tmp_path / "talk.pptx"
    shutil.copy(churn_pptx, deck)
    db = tmp_path / "history.sqlite3"
    History(db).close()
    if not _make_read_only(db):
        pytest.skip("cannot make a file read-only for this user here")
    try:
        term = Terminal(deck, db)
        try:
            _wait_for(lambda: b"NOT SAVING" in term.screen)
            term.press(b" ")
            time.sleep(0.5)
            term.press(b"\x1b[C")
            time.sleep(0.5)
            term.press(b"q")
            _wait_for(lambda: b"Stop the rehearsal here?" in term.screen)
            term.press(b"y")
            _wait_for(lambda: b"NOT saved" in term.screen)
            term.press(b"q")
            code = term.proc.wait(timeout=20)
        finally:
            term.close()
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=False)
    said = " ".join(bytes(term.screen).decode("utf-8", "replace").split())
    kept = sorted(tmp_path.glob("talk-rehearsal-*.json"))
    assert code == 2 and len(kept) == 1
    assert "the rehearsal history is read-only, so this rehearsal (unfinished: 2 slide visits" in said
    assert "the whole run is kept in" in said and kept[0].name in said and "deck history --restore" in said
    assert "saved (" not in said
    assert sqlite3.connect(db).execute("SELECT count(*) FROM rehearsals").fetchone() == (0,)
