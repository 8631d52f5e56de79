"""Every character the coach and the drill draw is readable: at least 4.5:1 against what it is drawn on (WCAG AA
for text; 3:1 for rules and bar tracks, which are not text), in 24-bit colour and in a 256-colour terminal alike.

Checked on the cells Textual composes, in every state of the screens: the badge's colours, the big clock over
its budget, the banners, the boxes, the end screens and the history's messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color, ColorSystem
from textual._compositor import visible_screen_stack

from deckbuilder.core.rules.config import default_config
from deckbuilder.core.slides.questions import Question
from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.rehearse.drill import Drill
from deckbuilder.tui.app import RehearseApp
from deckbuilder.tui.drill import DrillApp

from .conftest import FakeClock

WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)
# Rules, borders, the timer bar and the scrollbar are drawn, not read: 3:1, as WCAG asks of a control's parts.
DECORATION = set("─│╍┄┈═║░▔▏▕╭╮╰╯┌┐└┘├┤┬┴┼▁▂▃▄▅▆▇█▉▊▋▌▍▎ ")


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _in_256(color: Color) -> tuple[int, int, int]:
    """The colour a 256-colour terminal shows for ``color`` (Rich's own downgrade, as Textual's output does)."""
    triplet = color.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def faults(app: Any, where: str) -> list[str]:
    """Return every drawn run of characters whose colours fall short, with what it is and by how much."""
    visible_screen_stack.set(list(app._background_screens))
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            text, style = segment.text, segment.style
            if not text.strip() or style is None:
                continue
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            if fg is None or bg is None or fg.triplet is None or bg.triplet is None:
                found.append(f"{where} row {y}: {text.strip()[:30]!r} has no definite colour ({fg}, {bg})")
                continue
            need = 3.0 if set(text) <= DECORATION else 4.5
            for system, pick in (("24-bit", lambda c: tuple(c.triplet)), ("256-colour", _in_256)):
                ratio = contrast(pick(fg), pick(bg))
                if ratio < need:
                    found.append(
                        f"{where} row {y} ({system}): {text.strip()[:30]!r} {fg.triplet.hex} on {bg.triplet.hex} "
                        f"is {ratio:.2f}:1, under {need}:1"
                    )
    return found


Step = Callable[[Any, FakeClock], Awaitable[None]]


async def _keys(pilot: Any, *keys: str) -> None:
    await pilot.press(*keys)


REHEARSAL_STATES: list[tuple[str, list[tuple[float, tuple[str, ...]]]]] = [
    ("waiting", []),
    ("on track", [(0, ("space",)), (8, ("right",))]),
    ("ahead", [(0, ("space",)), (5, ("right",)), (0, ("right",))]),
    ("behind, over the slide's budget", [(0, ("space",)), (8, ("right",)), (30, ("right",)), (150, ())]),
    ("paused", [(0, ("space",)), (10, ("p",))]),
    ("last minutes", [(0, ("space",)), (610, ())]),
    ("overtime", [(0, ("space",)), (500, ("right",)), (300, ())]),
    ("backup slide", [(0, ("space",)), (3, ("9", "enter")), (20, ())]),
    ("typed number", [(0, ("space", "4"))]),
    ("refused jump", [(0, ("space", "4", "2", "enter"))]),
    ("help", [(0, ("space", "question_mark"))]),
    ("asks before quitting", [(0, ("space",)), (5, ("q",))]),
    ("end, over time", [(0, ("space",)), (400, ("right",)), (400, ("f", "y"))]),
    ("end, within time", [(0, ("space",)), *[(60, ("right",))] * 9]),
    ("end, stopped early", [(0, ("space",)), (20, ("right",)), (20, ("q", "y"))]),
]


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
@pytest.mark.parametrize(("name", "steps"), REHEARSAL_STATES, ids=[n for n, _ in REHEARSAL_STATES])
async def test_every_rehearsal_screen_reads_at_4_5_to_1(
    churn_pptx: Path, tmp_path: Path, name: str, steps: list[Any], size: tuple[int, int]
) -> None:
    clock = FakeClock()
    deck = read_deck(churn_pptx)
    coach = Coach(deck, resolve(deck), History(tmp_path / "h.db"), clock=clock, wall=lambda: WALL)
    app = RehearseApp(coach, 0.05, "saved to h.db", "rehearsal 3 was stopped without closing (killed?)")
    async with app.run_test(size=size) as pilot:
        for seconds, keys in steps:
            clock.advance(seconds)
            if keys:
                await pilot.press(*keys)
        app.redraw()
        await pilot.pause()
        assert not faults(app, name)


LISTENING_STATES: list[tuple[str, list[tuple[float, tuple[str, ...]]]]] = [
    ("listening, waiting", []),
    ("listening, a rate", [(0, ("space",)), (8, ("right",)), (30, ())]),
    ("listening, paused", [(0, ("space",)), (10, ("p",))]),
    ("listened, end over time", [(0, ("space",)), (400, ("right",)), (400, ("f", "y"))]),
]


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
@pytest.mark.parametrize(("name", "steps"), LISTENING_STATES, ids=[n for n, _ in LISTENING_STATES])
async def test_every_listening_screen_reads_at_4_5_to_1(
    churn_pptx: Path, tmp_path: Path, name: str, steps: list[Any], size: tuple[int, int]
) -> None:
    from deckbuilder.rehearse.listening import Hearing

    from .listening import ScriptedListener, Spoken

    clock = FakeClock()
    deck = read_deck(churn_pptx)
    budgets = resolve(deck)
    listener = ScriptedListener(clock, {1: Spoken(wpm=190), 5: Spoken(says=())})
    hearing = Hearing.of(listener, deck, budgets.plan.slides, default_config().listen)
    coach = Coach(deck, budgets, History(tmp_path / "h.db"), clock=clock, wall=lambda: WALL, hearing=hearing)
    app = RehearseApp(coach, 0.05, "saved to h.db")
    async with app.run_test(size=size) as pilot:
        for seconds, keys in steps:
            clock.advance(seconds)
            if keys:
                await pilot.press(*keys)
        app.redraw()
        await pilot.pause()
        if not name.startswith("listened"):  # the talk screen says it listens
            assert "●" in str(app.screen.query_one("#big-label").render())
        else:
            assert "Your pace: " in "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert not faults(app, name)


async def test_the_history_messages_read_at_4_5_to_1(churn_pptx: Path, tmp_path: Path) -> None:
    import sqlite3

    clock = FakeClock()
    deck = read_deck(churn_pptx)
    history = History(tmp_path / "h.db")
    history.set_patience(0.01)
    coach = Coach(deck, resolve(deck), history, clock=clock, wall=lambda: WALL)
    coach.end_patience_s = 0.01
    app = RehearseApp(coach, 0.05, "saved to h.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        holder = sqlite3.connect(tmp_path / "h.db", isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        clock.advance(10)
        await pilot.press("right")
        app.retry_writes()
        await pilot.pause()
        assert not faults(app, "history locked")
        history.db.execute("PRAGMA query_only = 1")
        holder.execute("ROLLBACK")
        app.retry_writes()
        await pilot.pause()
        assert not faults(app, "history read-only")
        await pilot.press("q", "y")
        await pilot.pause()
        assert not faults(app, "end screen, run kept in a file")


DRILL_STATES: list[tuple[str, float, tuple[str, ...]]] = [
    ("question", 10, ("1", "3", "g")),
    ("amber", 95, ()),
    ("red", 130, ()),
    ("held", 20, ("space",)),
    ("help", 5, ("question_mark",)),
    ("end", 40, ("1", "n", "s", "n")),
]


@pytest.mark.parametrize("size", [(100, 30), (60, 20)], ids=["100x30", "60x20"])
@pytest.mark.parametrize(("name", "seconds", "keys"), DRILL_STATES, ids=[n for n, *_ in DRILL_STATES])
async def test_every_drill_screen_reads_at_4_5_to_1(
    tmp_path: Path, name: str, seconds: float, keys: tuple[str, ...], size: tuple[int, int]
) -> None:
    rules = default_config().drill
    questions = [
        Question(kind, 2, "Results", f"Why this {kind} question?") for kind in ("challenge", "depth", "stress")
    ]
    clock = FakeClock()
    from deckbuilder.core.timing.talk import DeckId

    drill = Drill(questions, rules, DeckId("t.pptx", "T", "f"), History(tmp_path / "h.db"), clock, 1)
    app = DrillApp(drill, "Catching churn", 0.05, "saved to h.db")
    async with app.run_test(size=size) as pilot:
        clock.advance(seconds)
        if keys:
            await pilot.press(*keys)
        app.redraw()
        await pilot.pause()
        assert not faults(app, name)
