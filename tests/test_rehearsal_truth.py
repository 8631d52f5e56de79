"""What the rehearsal says about a run is true: a run that skipped the talk is unfinished, backup time is never
overtime, cut advice only for a run over its time, messages that clear, labels that do not stutter."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from pptx import Presentation
from textual.widgets import Static

from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.tui.app import RehearseApp
from deckbuilder.tui.palette import MUTED
from deckbuilder.tui.screens import EndScreen
from deckbuilder.tui.widgets import BigClock, NextUp, PaceBadge, TalkClock

from .conftest import FakeClock, rehearse_app

SIZE = (100, 30)
WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def screen_text(app: RehearseApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


def short_talk_app(deck_path: Path, db: Path, clock: FakeClock, duration_s: int = 120) -> RehearseApp:
    """The churn deck rehearsed as a `--duration 2m` talk."""
    deck = read_deck(deck_path)
    coach = Coach(deck, resolve(deck, duration_s=duration_s, step_s=5), History(db), clock=clock, wall=lambda: WALL)
    return RehearseApp(coach, redraw_s=0.05, saved_to="saved to history.sqlite3")


async def test_a_jump_from_the_first_slide_to_the_backup_slide_and_out_is_unfinished(
    churn_pptx: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = rehearse_app(churn_pptx, db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(4)
        await pilot.press("9", "enter")  # straight to the appendix slide
        clock.advance(2)
        await pilot.press("right")  # and out past it: the deck is over, the talk was never given
        assert isinstance(app.screen, EndScreen)
        text = screen_text(app)
        assert "(unfinished)" in text and "7 main slide(s) not shown" in text
        assert "within time" not in text
    assert not app.coach.completed
    assert sqlite3.connect(db).execute("SELECT finished FROM rehearsals").fetchone() == (0,)


async def test_time_on_a_backup_slide_is_never_overtime_on_the_live_screen(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = short_talk_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for seconds in (12, 12, 12, 12, 12, 12, 12, 15):  # the eight slides of the talk in 1:39 of a 2:00 slot
            clock.advance(seconds)
            await pilot.press("right")
        assert app.coach.session.current == 8  # the appendix: questions, after the talk
        clock.advance(31)
        app.redraw()
        await pilot.pause()
        status = app.coach.status()
        assert status.overtime_s == 0 and status.talk_s == 99 and status.backup_s == 31
        assert not status.alert  # the last minutes' alert is the talk's, not the questions'
        assert str(app.screen.query_one(PaceBadge).render()) == "backup slide"
        clock_line = str(app.screen.query_one(TalkClock).render())
        assert clock_line.startswith("1:39 / 2:00  0:21 left") and "+0:31 on backup" in clock_line
        assert "overtime" not in app.screen.query_one(TalkClock).classes
        assert app.screen.query_one(BigClock).value == "0:31"  # the time on this backup slide, not the talk's
        await pilot.press("right")  # past the last slide: the talk ends
        text = screen_text(app)
        assert "1:39 for a 2:00 talk" in text and "over" not in text.split("\n")[0]
        assert "Plus 0:31 on backup slides" in text


def test_a_killed_runs_total_leaves_out_its_backup_slides(churn_pptx: Path, tmp_path: Path) -> None:
    deck = read_deck(churn_pptx)
    history = History(tmp_path / "h.db")
    clock = FakeClock()
    coach = Coach(deck, resolve(deck), history, clock=clock, wall=lambda: WALL)
    coach.start()
    clock.advance(10)
    coach.next()
    clock.advance(20)
    coach.jump(9)  # to the appendix for a question
    clock.advance(40)
    coach.checkpoint()  # then the process is killed: no end is written
    history.close()
    killed = History(tmp_path / "h.db").killed()
    assert killed == (1, 30.0)  # 0:10 + 0:20 of talk; the 0:40 on the backup slide is not the talk


async def test_no_cut_advice_for_a_run_within_its_time(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = rehearse_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        # Slide 3 runs 0:30 over its 1:40; slides 4 and 5 give the time back: 11:45 for a 12:00 talk.
        for seconds in (10, 35, 130, 105, 100, 115, 110, 100):
            clock.advance(seconds)
            await pilot.press("right")
        await pilot.press("right")  # past the appendix
        text = screen_text(app)
        assert "11:45 for a 12:00 talk: within time" in text
        assert "Cut content" not in text
        assert "Went well: 7 of 8 slides within their budgets" in text
        assert "Where the time went: slide 3 (2:10 of 1:40), slide 6 (1:55 of 1:55)" in text
        assert "Over their own budgets: slide 3 (+0:30)" in text


async def test_no_cut_advice_for_a_run_stopped_early(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = rehearse_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for seconds in (10, 60):  # slide 2 runs 0:25 over, then the run stops
            clock.advance(seconds)
            await pilot.press("right")
        await pilot.press("q", "y")
        text = screen_text(app)
        assert "Cut content" not in text and "Went well" not in text
        assert "Where the time went so far: slide 2 (1:00 of 0:35), slide 1 (0:10 of 0:10)." in text
        assert "0:00 of" not in text  # slides never reached are not where the time went


async def test_a_run_over_its_time_gets_the_slides_to_cut(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = rehearse_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for seconds in (10, 35, 160, 120, 120, 115, 110, 110, 0):
            clock.advance(seconds)
            await pilot.press("right")
        text = screen_text(app)
        assert "1:00 over" in text and "Cut content first from: slide 3 (+1:00)" in text
        assert "Went well" not in text


async def test_a_refused_jump_is_said_until_the_next_key_or_a_wait(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = rehearse_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "1", "2", "enter")
        source = app.screen.query_one("#source")
        assert "no slide 12; the deck has 9" in str(source.render())
        clock.advance(4)
        app.redraw()
        assert "no slide 12" not in str(source.render())  # it goes after the same wait as a typed number
        await pilot.press("1", "2", "enter")
        assert "no slide 12" in str(source.render())
        await pilot.press("right")  # and with the next key
        assert "no slide 12" not in str(source.render()) and app.coach.session.current == 1


async def test_after_this_names_a_slide_titled_next_without_stuttering(tmp_path: Path) -> None:
    prs = Presentation()
    for title in ("Churn costs 8% of revenue", "The model finds 62% of churners", "Next: a pilot with the save team"):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = "a point"
    prs.save(str(tmp_path / "foreign.pptx"))
    deck = read_deck(tmp_path / "foreign.pptx")
    coach = Coach(deck, resolve(deck, duration_s=180), History(tmp_path / "h.db"), clock=FakeClock(), wall=lambda: WALL)
    app = RehearseApp(coach, redraw_s=0.05, saved_to="")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "right")
        label = str(app.screen.query_one(NextUp).render())
        assert label == "After this: Next: a pilot with the save team"
        assert "Next: Next" not in label


def test_the_exit_line_names_every_run_of_the_sitting(churn_pptx: Path, tmp_path: Path, capsys: Any) -> None:
    from deckbuilder.cli.rehearse import _say_runs

    deck = read_deck(churn_pptx)
    clock = FakeClock()
    coach = Coach(deck, resolve(deck), History(tmp_path / "h.db"), clock=clock, wall=lambda: WALL)
    coach.start()
    clock.advance(12)
    coach.next()
    coach.restart()  # R: the first run is kept, a second begins
    coach.start()
    clock.advance(5)
    coach.restart()  # and again; the third never starts its clock
    coach.quit()
    assert _say_runs(coach, "h.db", 720) is False
    out = capsys.readouterr().out
    assert "the clock never started" not in out
    assert "rehearsal 1 saved (unfinished: 1 slide visit, 0:12 of 12:00)" in out
    assert "rehearsal 2 saved (unfinished: 1 slide visit, 0:05 of 12:00)" in out


async def test_slides_a_run_never_showed_are_not_shown_as_under_budget(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = rehearse_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for seconds in (10, 60):
            clock.advance(seconds)
            await pilot.press("right")
        await pilot.press("q", "y")
        table = app.screen.query_one("#end-table", Static).content
        diffs = [str(cell) for cell in table.columns[4]._cells]  # type: ignore[union-attr]
        actuals = [str(cell) for cell in table.columns[3]._cells]  # type: ignore[union-attr]
        assert diffs[:3] == ["0:00", "+0:25", "-1:40"] and actuals[:3] == ["0:10", "1:00", "0:00"]
        assert diffs[3:8] == ["not shown"] * 5 and actuals[3:8] == ["-"] * 5  # never a green "-2:00"
        assert table.columns[4]._cells[-1].style == MUTED  # type: ignore[union-attr]  # the total: only so far


async def test_a_short_screen_still_says_a_refused_jump_and_what_it_types(churn_pptx: Path, tmp_path: Path) -> None:
    app = rehearse_app(churn_pptx, tmp_path / "h.db", FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        source = app.screen.query_one("#source")
        assert not source.display  # where the budgets came from gives way on a short screen
        await pilot.press("space", "1", "2")
        assert source.display and "go to slide 12" in str(source.render())
        await pilot.press("enter")
        assert source.display and "no slide 12" in str(source.render())
        await pilot.press("escape")
        assert not source.display
