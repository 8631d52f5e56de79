"""The coach with a listener (`deck rehearse --listen`): told of every slide change and pause, each visit's
figures recorded as they are reported and kept with a run the history refuses, visits of one slide added up,
the advice that knows why a slide ran over, the key numbers a deck records. The listener here hears a script
(tests/listening.py); tests/test_listen_rehearsal.py runs the real one on speech."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from deckbuilder.core.rules.config import default_config
from deckbuilder.core.timing.heard import Heard, OwnPace, added, causes, fast_from, own_pace, ran_fast
from deckbuilder.core.timing.talk import TimedSlide
from deckbuilder.history.analysis import find_runs
from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.rehearse.listening import Hearing, key_numbers

from .conftest import FakeClock
from .listening import ScriptedListener, Spoken

CONFIG = default_config()
RULES = CONFIG.listen
WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)
SLIDE6 = ("0.43", "0.08", "62%", "10%", "30%")  # the churn deck's results slide, as the deck records them


@pytest.fixture
def deck(churn_pptx: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "talk.pptx"
    shutil.copy(churn_pptx, copy)
    return copy


def coach_on(deck: Path, history: Any, clock: FakeClock, script: dict[int, Spoken]) -> tuple[Coach, ScriptedListener]:
    info = read_deck(deck)
    budgets = resolve(info)
    listener = ScriptedListener(clock, script)
    hearing = Hearing.of(listener, info, budgets.plan.slides, RULES)
    coach = Coach(info, budgets, history, clock=clock, wall=lambda: WALL, config=CONFIG, hearing=hearing)
    return coach, listener


def test_the_deck_records_each_slides_key_numbers(churn_pptx: Path) -> None:
    keys = key_numbers(read_deck(churn_pptx))
    assert [k.written for k in keys[5]] == list(SLIDE6)
    assert [k.named for k in keys[5]][:2] == ["PR-AUC 0.43", "the baseline 0.08"]  # callouts first, as named
    assert [k.written for k in keys[1]] == ["8%", "$2.4M"]  # the title's numbers
    assert keys[2] == ()  # a title without numbers, no callouts


def test_the_listener_hears_every_change_and_pause_and_each_visit_is_recorded_as_it_is_reported(
    deck: Path, tmp_path: Path
) -> None:
    clock = FakeClock(1000.0)
    db = tmp_path / "h.db"
    coach, listener = coach_on(deck, History(db), clock, {})
    coach.start()
    clock.advance(10)
    coach.next()  # slide 2 at 1010
    coach.listen()
    heard = sqlite3.connect(db).execute("SELECT idx, visit_start_s, seconds FROM heard").fetchall()
    assert heard == [(1, 0.0, 10.0)]  # committed at once, before the run ends
    clock.advance(20)
    coach.next()  # slide 3 at 1030
    clock.advance(15)
    coach.pause()  # 1045: nothing heard belongs to a slide while paused
    clock.advance(60)
    coach.next()  # moving while paused tells the listener nothing
    clock.advance(5)
    coach.pause()  # 1110: resumed on slide 4
    clock.advance(40)
    coach.back()  # 1150: back to slide 3
    clock.advance(8)
    coach.quit()  # 1158
    keys = [k.written for k in key_numbers(read_deck(deck))[1]]
    assert listener.told == [
        (0, (), 1000.0),
        (1, tuple(keys), 1010.0),
        (2, (), 1030.0),
        (None, (), 1045.0),
        (3, (), 1110.0),
        (2, (), 1150.0),
        (None, (), 1158.0),
    ]
    rows = sqlite3.connect(db).execute("SELECT idx, visit_start_s, seconds FROM heard ORDER BY id").fetchall()
    # The talk clock leaves the pause out: slide 4's visit began at 45 s of talk, slide 3's second at 85 s.
    assert rows == [(1, 0.0, 10.0), (2, 10.0, 20.0), (3, 30.0, 15.0), (4, 45.0, 40.0), (3, 85.0, 8.0)]
    run = find_runs(History(db), read_deck(deck).identity())[0]
    assert (
        run.listened
        and run.heard["Behaviour over the last month predicts churn better than who the customer is"].seconds == 23.0
    )


def test_a_visit_split_by_a_pause_is_one_visit_in_the_csv_and_a_number_said_once_is_said(
    deck: Path, tmp_path: Path, run_cli: Any
) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    # Slide 6 says 0.43 and 62% on its first visit and the baseline 0.08 on its second.
    coach, listener = coach_on(deck, History(db), clock, {5: Spoken(says=("0.43", "62%"))})
    coach.start()
    coach.jump(6)
    clock.advance(30)
    coach.pause()
    clock.advance(30)
    coach.pause()
    clock.advance(20)
    coach.next()
    listener.script[5] = Spoken(says=("0.08",))
    clock.advance(5)
    coach.back()
    clock.advance(10)
    coach.quit()
    run = find_runs(History(db), read_deck(deck).identity())[0]
    results = run.heard["At 30% precision the model finds 62% of next month's churners"]
    assert results.seconds == 60.0 and results.said == ("0.43", "62%", "0.08")
    assert results.missed == ("10%", "30%")
    csv = run_cli("history", deck, "--db", db, "--csv").stdout.splitlines()
    header = csv[0].split(",")
    sixth = [dict(zip(header, line.split(","), strict=True)) for line in csv[1:] if line.split(",")[2] == "6"]
    # The first visit (paused half way) is one row whose heard figures add up both parts: 50 s, 42.5 s of speech.
    assert [(r["seconds"], r["speech_s"], r["numbers_said"]) for r in sixth] == [
        ("50.0", "42.5", "0.43 62%"),
        ("10.0", "8.5", "0.08"),
    ]


def test_a_restart_ends_the_runs_listening_and_the_next_run_is_heard_apart(deck: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    coach, listener = coach_on(deck, History(db), clock, {})
    coach.start()
    clock.advance(12)
    coach.restart()
    clock.advance(100)  # the end screen, then a new run
    coach.start()
    clock.advance(7)
    coach.next()
    coach.quit()
    rows = sqlite3.connect(db).execute("SELECT rehearsal_id, idx, seconds FROM heard ORDER BY id").fetchall()
    assert rows == [(1, 1, 12.0), (2, 1, 7.0)]  # slide 2, left the moment it came, has no visit to hear
    assert [t[0] for t in listener.told] == [0, None, 0, 1, None]
    assert not listener.stopped  # the microphone stays open for the sitting; the command stops it at the end
    coach.stop_listening()
    assert listener.stopped


def test_a_run_the_history_refuses_keeps_what_was_heard_and_restores_it(
    deck: Path, tmp_path: Path, run_cli: Any
) -> None:
    clock = FakeClock()
    history = History(tmp_path / "ro.db")
    history.db.execute("PRAGMA query_only = 1")
    coach, _ = coach_on(deck, history, clock, {5: Spoken(says=("0.43",))})
    coach.start()
    coach.jump(6)
    clock.advance(40)
    coach.quit()
    kept = coach.runs[-1].kept
    assert kept is not None
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert data["deck_kept_run"] == 2 and data["listened"] is True
    assert [(h["index"], h["seconds"], h["said"], h["missed"]) for h in data["heard"]] == [
        (6, 40.0, ["0.43"], ["0.08", "62%", "10%", "30%"]),
    ]
    other = tmp_path / "other.db"
    assert run_cli("history", "--restore", kept, "--db", other).exit_code == 0
    run = find_runs(History(other), read_deck(deck).identity())[0]
    assert run.listened and run.heard["At 30% precision the model finds 62% of next month's churners"].said == ("0.43",)


def test_a_kept_run_from_before_listening_still_restores(deck: Path, tmp_path: Path, run_cli: Any) -> None:
    clock = FakeClock()
    history = History(tmp_path / "ro.db")
    history.db.execute("PRAGMA query_only = 1")
    info = read_deck(deck)
    coach = Coach(info, resolve(info), history, clock=clock, wall=lambda: WALL, config=CONFIG)
    coach.start()
    clock.advance(20)
    coach.quit()
    assert coach.runs[-1].kept is not None
    data = json.loads(coach.runs[-1].kept.read_text(encoding="utf-8"))
    data["deck_kept_run"] = 1  # as deck wrote it before it listened
    del data["heard"], data["listened"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("history", "--restore", old, "--db", tmp_path / "other.db")
    assert result.exit_code == 0 and "rehearsal 1 (unfinished: 1 slide visit, 0:20 of 12:00) added" in result.output


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"said": ["two words"]}, "heard 1: said holds 'two words', not a number as written"),
        ({"pauses": -1}, "heard 1: pauses is not a whole number from 0 to 100000"),
        ({"speech_s": "ten"}, "heard 1: speech_s is not a number of seconds"),
        ({"index": 99}, "heard 1: index is not a whole number from 1 to 9"),
    ],
)
def test_a_kept_run_with_impossible_figures_is_refused(
    deck: Path, tmp_path: Path, run_cli: Any, change: dict[str, Any], said: str
) -> None:
    clock = FakeClock()
    history = History(tmp_path / "ro.db")
    history.db.execute("PRAGMA query_only = 1")
    coach, _ = coach_on(deck, history, clock, {})
    coach.start()
    clock.advance(20)
    coach.quit()
    assert coach.runs[-1].kept is not None
    data = json.loads(coach.runs[-1].kept.read_text(encoding="utf-8"))
    data["heard"][0].update(change)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("history", "--restore", bad, "--db", tmp_path / "other.db")
    assert result.exit_code == 2 and said in result.output and "Traceback" not in result.output


def slide(index: int, budget: int | None, main: bool = True) -> TimedSlide:
    return TimedSlide(index, f"slide {index}", "results", budget, 0, main)


def test_own_pace_and_the_cause_of_each_overrun_worked_by_hand() -> None:
    # Slides 1 and 2 at 150 words a minute, speaking 80% of the time: 96 s and 60 s of speech, 240 and 150 words.
    # Slide 3 holds 300 words spoken in 100 s (180 a minute) over 120 s; slide 4 says 100 words slowly (75 a
    # minute, 80 s of speech) with three long pauses, over 130 s.
    one = Heard(120, 96, 1, 0, 1.2, 336, 240)
    two = Heard(75, 60, 0, 0, 0.0, 210, 150)
    three = Heard(120, 100, 0, 0, 0.0, 420, 300)
    four = Heard(130, 80, 4, 3, 6.0, 140, 100)
    pace = own_pace([one, two, three, four], RULES.rate_min_speech_s)
    assert pace is not None
    # 790 words over 336 s of speech: 141.07 a minute; 336 of 445 s spent speaking.
    assert pace.wpm == pytest.approx(790 / 336 * 60) and pace.speaking == pytest.approx(336 / 445)
    rows = [
        (slide(1, 120), 120.0, one),
        (slide(2, 75), 75.0, two),
        (slide(3, 90), 120.0, three),
        (slide(4, 100), 130.0, four),
    ]
    found = causes(rows, pace, 2.0, RULES.rate_min_speech_s)
    assert [(c.slide.index, round(c.over_s), c.cut) for c in found] == [(3, 30, True), (4, 30, False)]
    # Slide 3: 90 s hold 90 * 336/445 * 141.07/60 = 159.8 words at this pace; 300 were said: 140 over.
    assert found[0].words_over == 140
    # Slide 4's 100 words take 56.3 s at this pace, inside its 100 s: the time went in slow speech and pauses.
    assert found[1].wpm == pytest.approx(75.0) and found[1].heard.long_pauses == 3
    # Fast: 180 a minute is past 170 and past 1.2 times 141.
    assert [(s.index, round(w)) for s, w in ran_fast([(s, h) for s, _, h in rows], pace, 5.0, 170, 1.2)] == [(3, 180)]
    # A speaker whose own pace is 160 runs fast from 192 on, not from 170.
    assert fast_from(OwnPace(160, 0.8), 170, 1.2) == pytest.approx(192)


def test_visits_add_up_and_a_number_said_in_any_visit_is_said() -> None:
    first = Heard(30, 25, 1, 0, 1.5, 80, 60, ("0.43",), ("0.08", "62%"))
    second = Heard(20, 10, 2, 1, 3.5, 30, 20, ("0.08",), ("62%",))
    total = added([first, second])
    assert total == Heard(50, 35, 3, 1, 3.5, 110, 80, ("0.43", "0.08"), ("62%",))
    assert total.silence_s == 15 and total.wpm(5.0) == pytest.approx(80 / 35 * 60)
    assert Heard(10, 4.9, 0, 0, 0, 20, 14).wpm(5.0) is None  # under 5 s of speech: no rate
    assert added([]) is None


def test_the_end_of_a_run_says_why_each_slide_ran_over_and_which_numbers_were_not_said(
    deck: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    script = {
        2: Spoken(wpm=150),  # slide 3 runs over holding too much
        3: Spoken(wpm=95, speaking=0.6, pauses=(4.0, 3.2, 1.1)),  # slide 4 over, said slowly
        5: Spoken(says=("0.43", "62%", "30%")),  # the baselines are not said
    }
    coach, _ = coach_on(deck, History(tmp_path / "h.db"), clock, script)
    coach.start()
    for seconds in (10, 35, 130, 150, 120, 115, 110, 110):  # budgets 10, 35, 100, 120, 120, 115, 110, 110
        clock.advance(seconds)
        coach.next()
    clock.advance(5)
    coach.next()
    judged = coach.judged()
    assert judged is not None and judged.pace is not None
    assert [(c.slide.index, c.cut) for c in judged.causes] == [(3, True), (4, False)]
    assert [(s.index, k.named) for s, k in judged.unsaid] == [(6, "the baseline 0.08"), (6, "the baseline 10%")]
    assert judged.fast == ()


@pytest.mark.parametrize(("size", "columns"), [((100, 30), 4), ((60, 20), 2)], ids=["100x30", "60x20"])
async def test_the_end_table_keeps_the_rate_and_the_pause_on_a_narrow_screen(
    deck: Path, tmp_path: Path, size: tuple[int, int], columns: int
) -> None:
    from deckbuilder.tui.app import RehearseApp

    clock = FakeClock()
    coach, _ = coach_on(deck, History(tmp_path / "h.db"), clock, {3: Spoken(wpm=100, pauses=(4.0,))})
    app = RehearseApp(coach, 0.05, "saved")
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        for _ in range(8):
            clock.advance(60)
            await pilot.press("right")
        await pilot.press("f")
        await pilot.pause()
        table = app.screen.query_one("#end-table")
        lines = [line.text.rstrip() for line in table.render_lines(table.region.reset_offset)]  # as drawn
        header = next(line for line in lines if "budget" in line)
        assert header.endswith("pause  wpm") and ("speech" in header) == (columns == 4)
        row4 = next(line for line in lines if line.lstrip().startswith("4 "))
        assert row4.endswith("4s  100") and len(row4) <= size[0]
