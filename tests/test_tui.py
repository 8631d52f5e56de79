"""The rehearsal app driven by Pilot with a fake clock: pace states, revisits, pause, overtime, end screen."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from deckbuilder.tui.app import RehearseApp
from deckbuilder.tui.screens import EndScreen, HelpScreen
from deckbuilder.tui.widgets import PaceBadge, SlideTimer, TalkClock

from .conftest import FakeClock, rehearse_app

SIZE = (100, 30)
WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def make_app(deck_path: Path, db: Path, clock: FakeClock) -> RehearseApp:
    app: RehearseApp = rehearse_app(deck_path, db, clock)
    return app


def classes(app: RehearseApp, widget: type[Any]) -> set[str]:
    return set(app.screen.query_one(widget).classes)


async def test_pacing_states_at_chosen_times(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        assert "waiting" in classes(app, PaceBadge)
        await pilot.press("space")  # the clock starts on slide 1
        clock.advance(5)
        await pilot.press("right")  # slide 2 scheduled at 0:10, reached at 0:05
        assert "on_track" in classes(app, PaceBadge)
        await pilot.press("n")  # slide 3 scheduled at 0:45, reached at 0:05
        app.redraw()
        assert "ahead" in classes(app, PaceBadge)
        assert str(app.screen.query_one(PaceBadge).render()) == "finishing ~0:40 early"
        clock.advance(160)  # 2:45, slide 3 should have ended at 2:25
        app.redraw()
        assert "behind" in classes(app, PaceBadge)
        assert str(app.screen.query_one(PaceBadge).render()) == "0:20 behind"  # no double negative
        assert "over" in classes(app, SlideTimer)


async def test_revisits_accumulate_and_pause_holds_across_slides(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = make_app(churn_pptx, db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(10)
        await pilot.press("right")
        clock.advance(20)
        await pilot.press("left")  # back to slide 1
        clock.advance(4)
        await pilot.press("p")
        await pilot.press("right")  # paused: moving does not count time
        clock.advance(100)
        await pilot.press("right")
        clock.advance(100)
        assert app.coach.status().paused and app.coach.status().talk_s == 34
        await pilot.press("p")
        clock.advance(6)
        await pilot.press("q", "q")  # q asks first; the second q stops
    rows = sqlite3.connect(db).execute("SELECT idx, seconds FROM visits ORDER BY id").fetchall()
    assert rows == [(1, 10.0), (2, 20.0), (1, 4.0), (3, 6.0)]
    assert app.coach.summary().slides[0].actual_s == 14


async def test_last_minutes_alert_and_overtime(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(600)  # 10:00 of 12:00 left 2:00
        app.redraw()
        assert "alert" in classes(app, TalkClock)
        clock.advance(200)
        app.redraw()
        assert "overtime" in classes(app, PaceBadge) and "overtime" in classes(app, TalkClock)
        assert "1:20 over" in str(app.screen.query_one(TalkClock).render())
        clock.advance(60)
        app.redraw()
        assert "2:20 over" in str(app.screen.query_one(TalkClock).render())


async def test_end_screen_numbers(churn_pptx: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        for seconds in (10, 35, 161, 120, 120, 115, 110, 110):  # slide 3 runs 1:01 over
            clock.advance(seconds)
            await pilot.press("right")
        clock.advance(20)
        await pilot.press("right")  # leaving the last slide finishes
        assert isinstance(app.screen, EndScreen)
        summary = app.screen.summary
        assert [round(r.actual_s) for r in summary.slides] == [10, 35, 161, 120, 120, 115, 110, 110, 20]
        assert summary.cut_first[0].slide.index == 3 and round(summary.cut_first[0].over_s) == 61
        # The 0:20 on the backup slide is questions, not the talk: 13:01 spoken, 1:01 over, the backup apart.
        assert round(summary.total_s) == 781 and round(summary.backup_s) == 20
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "1:01 over" in text and "Cut content, do not speak faster" in text
        assert "Plus 0:20 on backup slides" in text
    assert app.coach.completed


async def test_help_opens_and_closes(churn_pptx: Path, tmp_path: Path) -> None:
    app = make_app(churn_pptx, tmp_path / "h.db", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def _snapshot_app(churn_pptx: Path, tmp_path: Path, steps: list[tuple[float, str]]) -> RehearseApp:
    clock = FakeClock()
    app = make_app(churn_pptx, tmp_path / "h.db", clock)

    async def drive(pilot: Any) -> None:
        for seconds, key in steps:
            clock.advance(seconds)
            await pilot.press(key)
        app.redraw()
        await pilot.pause()
        app.final_pace = app.coach.status().pace  # type: ignore[attr-defined]

    app.drive = drive  # type: ignore[attr-defined]
    return app


@pytest.mark.parametrize(
    ("name", "steps", "size"),
    [
        ("on_track", [(0, "space"), (8, "right"), (35, "right")], SIZE),
        ("behind", [(0, "space"), (8, "right"), (30, "right"), (150, "s")], SIZE),
        ("overtime", [(0, "space"), (500, "right"), (300, "right")], SIZE),
        ("end", [(0, "space"), (12, "right"), (40, "right"), (95, "f"), (0, "y")], SIZE),
        # Small terminals: the clock, the badge and a coloured slide timer stay; notes and titles give way.
        ("behind", [(0, "space"), (8, "right"), (30, "right"), (150, "s")], (80, 24)),
        ("behind", [(0, "space"), (8, "right"), (30, "right"), (150, "s")], (60, 20)),
        ("end", [(0, "space"), (12, "right"), (40, "right"), (95, "f"), (0, "y")], (80, 24)),
        ("end", [(0, "space"), (12, "right"), (40, "right"), (95, "f"), (0, "y")], (60, 20)),
        # A large terminal: the big clock and the notes use the room; nothing stretches oddly.
        ("behind", [(0, "space"), (8, "right"), (30, "right"), (150, "s")], (140, 40)),
    ],
    ids=[
        "on_track",
        "behind",
        "overtime",
        "end",
        "behind-80x24",
        "behind-60x20",
        "end-80x24",
        "end-60x20",
        "behind-140x40",
    ],
)
def test_snapshots(
    snap_compare: Any, churn_pptx: Path, tmp_path: Path, name: str, steps: list[Any], size: tuple[int, int]
) -> None:
    app = _snapshot_app(churn_pptx, tmp_path, steps)
    assert snap_compare(app, terminal_size=size, run_before=app.drive)  # type: ignore[attr-defined]
    if name != "end":
        assert app.final_pace == name  # type: ignore[attr-defined]
