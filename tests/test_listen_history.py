"""What --listen heard, after the run: kept in the history (schema 7; a history from before stays readable, by
`deck plan` without being changed), shown by `deck history` (--run, --json), drawn by `deck report`, and the
speaker's own rate that `deck plan` works each slide's material needs at."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from deckbuilder import load_outline
from deckbuilder.core.rules.config import default_config
from deckbuilder.core.timing.estimate import notes_s, shown_s
from deckbuilder.core.timing.planner import plan
from deckbuilder.history.analysis import find_runs, pacing
from deckbuilder.history.chart import draw, rates_of
from deckbuilder.history.migrations import MIGRATIONS
from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.rehearse.listening import Hearing

from .conftest import ROOT, FakeClock
from .listening import ScriptedListener, Spoken

CONFIG = default_config()
WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)
CHURN = ROOT / "examples/churn/outline.yaml"
TIMES = (10, 35, 100, 120, 120, 115, 110, 110)  # each main slide of the churn talk given its budget


@pytest.fixture
def deck(churn_pptx: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "talk.pptx"
    shutil.copy(churn_pptx, copy)
    return copy


def rehearse(
    deck: Path,
    db: Path,
    script: dict[int, Spoken] | None,
    times: tuple[float, ...] = TIMES,
    finish: bool = True,
    duration_s: int | None = None,
) -> None:
    """Record one run of ``deck`` into ``db``, listened to as ``script`` says (None: not listened to)."""
    info = read_deck(deck)
    budgets = resolve(info, duration_s=duration_s)
    clock = FakeClock()
    hearing = None
    if script is not None:
        hearing = Hearing.of(ScriptedListener(clock, script), info, budgets.plan.slides, CONFIG.listen)
    history = History(db)
    coach = Coach(info, budgets, history, clock=clock, wall=lambda: WALL, config=CONFIG, hearing=hearing)
    coach.start()
    for seconds in times:
        clock.advance(seconds)
        coach.next()
    if finish:
        coach.finish()
    else:
        coach.quit()
    history.close()


def old_history(path: Path, deck: Path) -> None:
    """Write a history as deck wrote it before it listened (schema 6), with one finished run."""
    db = sqlite3.connect(path)
    for version in range(1, 7):
        for statement in MIGRATIONS[version]:
            db.execute(statement)
    db.execute("PRAGMA user_version = 6")
    info = read_deck(deck)
    ident, talk = info.identity(), resolve(info).plan
    db.execute(
        "INSERT INTO rehearsals (deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at, ended_at,"
        " finished, total_s) VALUES (?, ?, ?, ?, 'embedded', '2026-11-01T20:00:00', '2026-11-01T20:12:00', 1, 720)",
        (ident.path, ident.title, ident.fingerprint, talk.duration_s),
    )
    for s in talk.slides:
        db.execute(
            "INSERT INTO planned_slides (rehearsal_id, idx, title, kind, budget_s, slide_key, main, start_s)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (s.index, s.title, s.kind, s.budget_s, s.key, int(s.main), s.start_s),
        )
        db.execute(
            "INSERT INTO visits (rehearsal_id, idx, title, budget_s, talk_start_s, seconds, started_at, slide_key)"
            " VALUES (1, ?, ?, ?, 0, ?, '2026-11-01T20:00:00', ?)",
            (s.index, s.title, s.budget_s, s.budget_s or 0, s.key),
        )
    db.commit()
    db.close()


def test_a_history_from_before_listening_is_read_as_it_is_then_migrated(
    deck: Path, tmp_path: Path, run_cli: Any
) -> None:
    db = tmp_path / "old.db"
    old_history(db, deck)
    before = db.read_bytes()
    store = History.read_only(db)  # as `deck plan` reads it: never migrated, never written
    assert store is not None
    runs = find_runs(store, read_deck(deck).identity())
    store.close()
    assert db.read_bytes() == before
    assert [(r.id, r.finished, r.total_s, r.listened, r.heard) for r in runs] == [(1, True, 720.0, False, {})]
    listed = run_cli("history", deck, "--db", db)  # deck history migrates it to schema 7
    assert listed.exit_code == 0 and "wpm" not in listed.stdout
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone() == (7,)
    shown = run_cli("history", deck, "--db", db, "--run", "1")
    assert "Not listened to: rehearse with --listen" in shown.stdout
    rehearse(deck, db, {})
    runs = find_runs(History(db), read_deck(deck).identity())
    assert [(r.id, r.listened) for r in runs] == [(2, True), (1, False)]


def test_a_tampered_figure_is_a_message_not_a_crash(deck: Path, tmp_path: Path, run_cli: Any) -> None:
    db = tmp_path / "h.db"
    rehearse(deck, db, {})
    with sqlite3.connect(db) as con:
        con.execute("UPDATE heard SET said = ? WHERE idx = 2", ("x" * 60,))
    result = run_cli("history", deck, "--db", db)
    assert result.exit_code == 2 and "the numbers a visit heard holds" in result.output
    with sqlite3.connect(db) as con:
        con.execute("UPDATE heard SET said = '', words = 'many' WHERE idx = 2")
    result = run_cli("history", deck, "--db", db)
    assert result.exit_code == 2 and "heard.words holds 'many', not a number" in result.output


def test_history_shows_each_slide_of_a_listened_run(deck: Path, tmp_path: Path, run_cli: Any) -> None:
    db = tmp_path / "h.db"
    rehearse(deck, db, None)
    # Slide 4 is said slowly with two long pauses; the results slide leaves out both baselines.
    script = {3: Spoken(wpm=100, speaking=0.7, pauses=(4.0, 3.5)), 5: Spoken(says=("0.43", "62%", "30%"))}
    rehearse(deck, db, script)
    listed = run_cli("history", deck, "--db", db)
    lines = listed.stdout.splitlines()
    assert "wpm" in lines[1]
    # The run's pace over the main slides (2 to 8): 150 a minute while speaking 85% of the time, but slide 4,
    # 100 a minute over its 84 s of speech.
    speech = [seconds * 0.85 for seconds in TIMES[1:]]
    speech[2] = 120 * 0.7
    words = sum(s / 60 * 150 for s in speech) - speech[2] / 60 * 50
    pace = words / sum(speech) * 60
    assert lines[2].startswith("2 ") and lines[2].split()[-1] == f"{pace:.0f}"
    assert "slide by slide: --run 2" in listed.stdout
    shown = run_cli("history", deck, "--db", db, "--run", "2").stdout
    row4 = next(line for line in shown.splitlines() if line.startswith("4 "))
    assert row4.split()[-5:] == ["1:24", "0:36", "4", "s", "100"]  # speech, silence, longest pause, wpm
    row6 = next(line for line in shown.splitlines() if line.startswith("6 "))
    assert row6.endswith("0.08 10%")
    assert f"Your pace: {pace:.0f} words a minute" in shown
    data = json.loads(run_cli("history", deck, "--db", db, "--json").stdout)
    newest, older = data["rehearsals"]
    assert older == {**older, "listened": False} and "heard" not in older
    assert newest["listened"] is True and newest["wpm"] == round(pace)
    sixth = next(h for h in newest["heard"] if h["slide"] == 6)
    assert sixth["numbers_said"] == ["0.43", "62%", "30%"] and sixth["numbers_not_said"] == ["0.08", "10%"]
    assert sixth["speech_s"] == round(115 * 0.85, 1) and sixth["wpm"] == 150


def test_the_report_draws_the_rates_under_the_times(deck: Path, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    rehearse(deck, db, None)
    rehearse(deck, db, {4: Spoken(wpm=190)})
    info = read_deck(deck)
    numbers = pacing(info.timed(), find_runs(History(db), info.identity()), 5, CONFIG.pace.ran_over_s)
    rates = rates_of(numbers, CONFIG.listen)
    assert rates.rows[0] == [None] * len(numbers.slides)  # the older run was not listened to
    assert [None if v is None else round(v) for v in rates.rows[1]] == [150, 150, 150, 150, 190, 150, 150, 150]
    # The speaker's pace over the newest run, and fast from 1.2 times it (past 170).
    assert rates.pace is not None and 150 < rates.pace < 160 and rates.fast_wpm == pytest.approx(1.2 * rates.pace)
    figure = draw(numbers, CONFIG.theme, rates)
    assert len(figure.axes) == 2 and figure.axes[1].get_ylabel().startswith("words a minute")
    drawn = [t.get_text() for t in figure.axes[1].texts]
    assert drawn == ["150"] * 4 + ["190"] + ["150"] * 3  # the newest run's rate over each slide
    assert len(draw(numbers, CONFIG.theme).axes) == 1  # without rates, the picture is as before


def test_plan_works_the_material_at_the_speakers_own_rate_from_whole_listened_runs(
    deck: Path, tmp_path: Path, run_cli: Any
) -> None:
    db = tmp_path / "h.db"
    fast = dict.fromkeys(range(9), Spoken(wpm=175))
    slow = dict.fromkeys(range(9), Spoken(wpm=100))
    rehearse(deck, db, fast)
    rehearse(deck, db, fast)
    rehearse(deck, db, slow, finish=False, times=TIMES[:4])  # unfinished: left out
    rehearse(deck, db, slow, duration_s=600, times=tuple(t * 600 / 720 for t in TIMES))  # another length: left out
    rehearse(deck, db, slow, times=(10, 35, 5, 120, 120, 115, 110, 110))  # clicked past slide 3: left out
    result = run_cli("plan", CHURN, "--db", db)
    assert "at your rate of 175 words a minute" in result.stdout
    assert "your speaking rate: 175 words a minute (listened rehearsals #1, #2)" in " ".join(result.stdout.split())
    data = json.loads(run_cli("plan", CHURN, "--db", db, "--json").stdout)
    assert data["rehearsals"]["speaking_rate"] == {"wpm": 175.0, "speaking_share": 0.85, "runs": [1, 2]}
    outline = load_outline(CHURN)
    model = CONFIG.time_model
    for slide, entry in zip(outline.slides, data["slides"], strict=True):
        walk = (model.title_s if slide.title else 0) + (model.figure_s if slide.figure is not None else 0)
        spoken = max(shown_s(slide, model), notes_s(slide, model) * model.notes_share + walk)
        assert entry["needs_s"] == math.ceil(spoken * 140 / 175 / 5) * 5
    assert data["needs_at_wpm"] == 175
    assert plan(outline).needs_s != tuple(e["needs_s"] for e in data["slides"])  # the model's 140 gives more
    plain = run_cli("plan", CHURN, "--db", db, "--no-history")
    assert (
        "your rate" not in plain.stdout
        and json.loads(run_cli("plan", CHURN, "--no-history", "--json").stdout)["needs_at_wpm"] is None
    )
