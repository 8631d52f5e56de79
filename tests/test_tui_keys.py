"""The rehearsal's keys and verdicts, driven by Pilot with a fake clock: each case is a bug a presenter hit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from deckbuilder.tui.app import RehearseApp
from deckbuilder.tui.screens import ConfirmQuit, EndScreen, HelpScreen, TalkScreen
from deckbuilder.tui.widgets import NextUp, PaceBadge, TalkClock

from .conftest import FakeClock, rehearse_app

SIZE = (100, 30)
WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def make_app(deck_path: Path, db: Path, clock: FakeClock) -> RehearseApp:
    app: RehearseApp = rehearse_app(deck_path, db, clock)
    return app


def screen_text(app: RehearseApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_help_closes_on_any_key_and_the_key_does_nothing_else(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for key in ("q", "question_mark", "right", "escape"):
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            assert isinstance(app.screen, TalkScreen), key
            assert app.coach.session.current == 0 and not app.coach.closed, key  # nothing moved or quit


async def test_the_clock_keeps_running_under_the_help_box(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.press("question_mark")
        clock.advance(75)
        app.redraw()
        assert str(app.talk.query_one(TalkClock).render()).startswith("1:15 / 12:00")


async def test_q_asks_before_stopping_and_the_end_screen_shows_the_unfinished_run(
    churn_pptx: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = make_app(churn_pptx, db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")  # any other key goes on
        assert isinstance(app.screen, TalkScreen) and not app.coach.closed
        await pilot.press("q", "q")
        assert isinstance(app.screen, EndScreen)
        assert "(unfinished)" in screen_text(app)
        await pilot.press("enter", "enter")  # a double Enter must not close "Where the time went"
        assert isinstance(app.screen, EndScreen)
    assert sqlite3.connect(db).execute("SELECT finished, total_s FROM rehearsals").fetchone() == (0, 20.0)


async def test_ctrl_c_stops_at_once_keeping_what_was_done(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = make_app(churn_pptx, db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(7)
        await pilot.press("ctrl+c")
    assert app.return_code == 130
    assert sqlite3.connect(db).execute("SELECT idx, seconds FROM visits").fetchall() == [(1, 7.0)]


async def test_a_talk_far_shorter_than_its_slot_is_called_short(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for _ in range(9):
            clock.advance(1)
            await pilot.press("right")
        text = screen_text(app)
        # nine slides at a second each; the last is a backup slide, so the talk took 0:08
        assert "0:08 for a 12:00 talk: 11:52 short" in text and "within time" not in text


async def test_finishing_early_says_which_slides_were_not_given(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for seconds in (10, 35, 100):
            clock.advance(seconds)
            await pilot.press("right")
        clock.advance(60)
        await pilot.press("f")  # before the last main slide it asks
        assert isinstance(app.screen, ConfirmQuit) and "4 main slide(s) not shown" in screen_text(app)
        await pilot.press("y")
        text = screen_text(app)
        assert "Stopped on slide 4 of 9: 4 main slide(s) not shown" in text
        assert "within time" not in text and "Methodology + results" not in text  # no shares of half a talk


async def test_going_back_on_schedule_is_not_behind(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for seconds in (10, 35, 100):  # slides 1-3 exactly on budget: now at 2:25 on slide 4
            clock.advance(seconds)
            await pilot.press("right")
        await pilot.press("left", "left")  # back to slide 2, whose window closed at 0:45
        app.redraw()
        assert "on_track" in app.screen.query_one(PaceBadge).classes


async def test_a_backup_slide_has_no_pace(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.press("9", "enter")  # the appendix slide, long before its "start"
        app.redraw()
        assert app.coach.session.current == 8
        assert str(app.screen.query_one(PaceBadge).render()) == "backup slide"


async def test_jump_to_a_slide_by_number(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")  # jumping also starts the clock
        assert app.coach.session.current == 4 and app.coach.session.started_at is not None
        await pilot.press("4", "2", "enter")
        assert app.coach.session.current == 4
        assert "no slide 42; the deck has 9" in str(app.screen.query_one("#source").render())
        await pilot.press("3", "escape", "right")  # Esc forgets the number; → is an ordinary next
        assert app.coach.session.current == 5


async def test_b_and_full_stop_pause_as_clickers_send_them(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for key in ("b", "full_stop"):
            await pilot.press(key)
            assert app.coach.status().paused
            await pilot.press(key)
            assert not app.coach.status().paused


async def test_restart_keeps_the_run_and_begins_another(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = make_app(churn_pptx, db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(12)
        await pilot.press("right")
        await pilot.press("R")  # mid-talk it asks first
        assert isinstance(app.screen, ConfirmQuit) and app.coach.session.started_at is not None
        await pilot.press("x")  # any other key goes on
        assert app.coach.session.current == 1
        await pilot.press("R", "y")
        assert app.coach.session.started_at is None and app.coach.session.current == 0
        await pilot.press("space")
        clock.advance(5)
        await pilot.press("f", "y")  # ended on slide 1: kept, but not as a whole talk
        await pilot.press("R")  # from the end screen it starts again at once
        assert isinstance(app.screen, TalkScreen)
    rows = sqlite3.connect(db).execute("SELECT id, finished, total_s FROM rehearsals ORDER BY id").fetchall()
    assert rows == [(1, 0, 12.0), (2, 0, 5.0)]


async def test_a_locked_history_loses_no_visit_and_credits_each_to_its_slide(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = make_app(churn_pptx, db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(10)
        await pilot.press("right")
        other = sqlite3.connect(db, timeout=0)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the database
        for seconds in (30, 89):
            clock.advance(seconds)
            await pilot.press("right")
        assert len(app.coach.unsaved) == 2
        app.retry_writes()
        assert "history locked by another program: 2 waiting" in str(app.screen.query_one("#source").render())
        other.rollback()  # ... and lets it go
        app.retry_writes()
        assert not app.coach.unsaved
        clock.advance(40)
        await pilot.press("right")
    rows = sqlite3.connect(db).execute("SELECT idx, seconds FROM visits ORDER BY id").fetchall()
    assert rows == [(1, 10.0), (2, 30.0), (3, 89.0), (4, 40.0)]


async def test_narrow_terminals_keep_the_clock_badge_and_a_coloured_timer(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("space")
        clock.advance(10)
        await pilot.press("right")
        clock.advance(47)  # slide 2 has 0:35: 0:12 over
        app.redraw()
        await pilot.pause()
        timer = app.screen.query_one("#slide-timer")
        assert "over" in timer.classes
        assert "+0:12" in str(timer.render())
        assert str(app.screen.query_one(TalkClock).render()).startswith("0:57 / 12:00")
        assert app.screen.query_one(PaceBadge).region.width > 0
        assert not app.screen.query_one("#notes").display  # notes give way first


async def test_a_typed_slide_number_expires_and_backspace_clears_only_it(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "right")  # on slide 2
        await pilot.press("7")
        clock.advance(4)  # a stray digit, then a pause longer than 3 s
        app.redraw()
        assert "go to slide" not in screen_text(app)
        await pilot.press("right")  # an ordinary next, not a jump to slide 7
        assert app.coach.session.current == 2
        await pilot.press("7", "backspace")  # Backspace clears the number and does not go back
        assert app.coach.session.current == 2 and app.typed == ""
        await pilot.press("5", "p")  # any other key forgets it too (here: pause)
        assert app.typed == "" and app.coach.session.paused_at is not None
        await pilot.press("p", "5", "enter")  # typed and confirmed at once: a jump
        assert app.coach.session.current == 4


async def test_the_end_screen_says_when_it_scrolls_and_help_fits_a_small_terminal(
    churn_pptx: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("space", "question_mark")
        box = app.screen.query_one("#help-box")
        assert box.region.height <= 20 and box.region.width <= 60
        assert box.region.height <= 16  # ten keys on one line each, the title, the closing line, the frame
        await pilot.press("escape")
        for _ in range(9):
            clock.advance(70)
            await pilot.press("right")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert app.screen.query_one("#end-more").display  # 9 rows and the verdict do not fit 20 lines
    app = make_app(churn_pptx, tmp_path / "h2.db", FakeClock())
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("space", *["right"] * 9)
        await pilot.pause()
        assert not app.screen.query_one("#end-more").display  # all of it on screen: no hint


async def test_paused_is_a_banner_and_the_last_main_slide_says_the_talk_ends(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "p")
        banner = app.screen.query_one("#paused")
        assert banner.display and banner.region.width == SIZE[0]  # across the whole screen
        await pilot.press("p")
        assert not app.screen.query_one("#paused").display
        await pilot.press("8", "enter")  # the last main slide; a backup slide follows
        app.redraw()
        assert str(app.screen.query_one(NextUp).render()) == "After this: end of the talk (backup slides follow)"
