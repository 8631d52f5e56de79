"""`deck rehearse --listen`/`--audio` whole: a take of the churn talk spoken by espeak-ng plays into the coach
through Textual Pilot on an injected clock, and the live screen, the end screen and the history say what was
heard; the command refuses what would stop listening (no extra, a recording it cannot play) in one message."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import wave
from pathlib import Path
from typing import Any

import pytest

from deckbuilder.core.rules.config import default_config
from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.rehearse.listening import Hearing
from deckbuilder.tui.app import RehearseApp
from deckbuilder.tui.screens import EndScreen

from .conftest import PYTHON, FakeClock
from .speech import CHURN_TAKE, make_take, need_espeak

CONFIG = default_config()
WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def screen_text(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


@pytest.fixture(scope="module")
def take(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float]]:
    need_espeak()
    return make_take(CHURN_TAKE, tmp_path_factory.mktemp("take"))


async def test_a_whole_rehearsal_heard_from_a_recording(
    churn_pptx: Path, take: tuple[Path, list[float]], tmp_path: Path
) -> None:
    from deckbuilder.listen import open_listener

    audio, moves = take
    clock = FakeClock(500.0)
    info = read_deck(churn_pptx)
    budgets = resolve(info, duration_s=150)  # 5, 10, 20, 25, 25, 25, 20, 20 and the backup slide
    listener = open_listener(audio, CONFIG, clock, deck_text=" ".join(s.notes for s in info.slides))
    listener.prepare()
    hearing = Hearing.of(listener, info, budgets.plan.slides, CONFIG.listen)
    db = tmp_path / "h.db"
    coach = Coach(info, budgets, History(db), clock=clock, wall=lambda: WALL, config=CONFIG, hearing=hearing)
    app = RehearseApp(coach, redraw_s=0.05, saved_to="saved to h.db")
    live: dict[int, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        label = app.screen.query_one("#big-label")
        assert "● listening" in str(label.render())  # said before the clock starts: the microphone would be on
        await pilot.press("space")
        start, step = clock.now, 0.2
        for number, move in enumerate(moves, start=1):
            while clock.now - start < move:
                clock.advance(step)
                app.redraw()
            live[number] = str(label.render())
            await pilot.press("right")
        clock.advance(1.0)
        app.redraw()
        await pilot.press("f")  # on the backup slide: every main slide was shown, the talk is whole
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        text = screen_text(app)
        heard = app.screen.heard
    coach.stop_listening()
    # The live screen gave the slide's rate once it had heard 5 s of speech, not before.
    assert live[1].endswith("● listening") and "wpm" in live[3] and "wpm" in live[5]
    assert heard is not None and heard.pace is not None
    # Slide 5 at 190 words a minute against about 150 elsewhere: fast; slide 4 at 105 with three 4 s pauses:
    # over its budget with words that fit it; slide 7 holds far more than its 20 s.
    rates = {i + 1: heard.wpm(i) for i in range(8)}
    assert rates[5] is not None and rates[4] is not None and rates[5] > 1.2 * heard.pace.wpm > rates[4]
    assert [s.index for s, _ in heard.fast] == [5]
    why = {c.slide.index: c for c in heard.causes}
    assert why[7].cut and not why[4].cut and why[4].heard.long_pauses == 3
    assert "Slide 4 (+" in text and "practise this slide." in text
    assert "Slide 7 (+" in text and "holds at your pace: cut." in text
    assert "Ran fast: slide 5 (" in text
    assert "Slide 6: the baseline 0.08 was not said." in text and "Slide 6: the baseline 10% was not said." in text
    assert "0.43" not in "".join(k.named for _, k in heard.unsaid)  # said as "zero point four three"
    # Recorded as heard, slide by slide, beside the visits.
    rows = sqlite3.connect(db).execute("SELECT idx, said, missed FROM heard ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert rows[1] == (2, "8% $2.4M", "") and rows[5] == (6, "0.43 62% 30%", "0.08 10%")
    assert rows[8] == (9, "", "")  # a backup slide's numbers are not listened for


async def test_listening_paused_hears_nothing_and_the_screen_says_so(
    churn_pptx: Path, take: tuple[Path, list[float]], tmp_path: Path
) -> None:
    from deckbuilder.listen import open_listener

    audio, _ = take
    clock = FakeClock()
    info = read_deck(churn_pptx)
    budgets = resolve(info, duration_s=150)
    hearing = Hearing.of(open_listener(audio, CONFIG, clock), info, budgets.plan.slides, CONFIG.listen)
    coach = Coach(info, budgets, History(tmp_path / "h.db"), clock=clock, wall=lambda: WALL, hearing=hearing)
    app = RehearseApp(coach, redraw_s=0.05, saved_to="saved")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("space", "right", "right")  # slide 3 from the start: its speech is slide 1 and 2's
        for _ in range(20):
            clock.advance(0.5)
            app.redraw()
        await pilot.press("p")
        app.redraw()
        # At 60 columns the label beside the big clock gives way: the top line says it.
        assert str(app.screen.query_one("#talk-clock").render()).startswith("0:10 / 2:30  ● paused  2:20 left")
        for _ in range(40):
            clock.advance(0.5)
            app.redraw()
        await pilot.press("p")
        for _ in range(10):
            clock.advance(0.5)
            app.redraw()
        await pilot.press("q", "q")
    coach.stop_listening()
    third = coach.runs[0].heard
    # Two stretches of slide 3 (10 s, then 5 s after the pause); the 20 s paused between belong to no slide.
    assert [(h.index, round(h.heard.seconds, 1)) for h in third] == [(3, 10.0), (3, 5.0)]


def run_deck(*args: str | Path, modules: str = "") -> subprocess.CompletedProcess[str]:
    """Run `deck` in a fresh interpreter (``modules``: Python run first, to hide a package)."""
    script = f"import sys\n{modules}\nfrom deckbuilder.cli import main\nsys.argv = ['deck', *sys.argv[1:]]\nmain()\n"
    return subprocess.run([PYTHON, "-c", script, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_without_the_extra_listen_says_how_to_install_it(churn_pptx: Path) -> None:
    result = run_deck("rehearse", churn_pptx, "--listen", modules="sys.modules['pocketsphinx'] = None")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "deck: listening needs pocketsphinx, which is not installed\n"
        "  hint: install deck's listening extra: pip install 'deck[listen]'\n"
    )


def float_wav(path: Path) -> Path:
    """A WAV of 32-bit floating-point samples (what some editors export)."""
    import struct

    data = struct.pack("<4f", 0.0, 0.1, -0.1, 0.0)
    fmt = struct.pack("<HHIIHH", 3, 1, 16000, 64000, 4, 32)
    path.write_bytes(
        b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(data)) + b"WAVE"
        + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    )  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda d: d / "missing.wav", "missing.wav: no such recording"),
        (lambda d: d, "is not a regular file; give the recording as a WAV file"),
        (lambda d: (d / "notes.wav").write_text("not sound") and d / "notes.wav", "cannot play this recording"),
        (lambda d: float_wav(d / "float.wav"), "its samples are not PCM (format 3"),
    ],
    ids=["missing", "folder", "text", "float"],
)
def test_a_recording_it_cannot_play_is_one_message(churn_pptx: Path, tmp_path: Path, make: Any, said: str) -> None:
    result = run_deck("rehearse", churn_pptx, "--audio", make(tmp_path))
    assert result.returncode == 2 and said in result.stderr
    assert result.stderr.startswith("deck: ") and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) <= 2  # the message, and a hint


def test_keeping_the_audio_needs_listening_and_never_overwrites_an_input(churn_pptx: Path, tmp_path: Path) -> None:
    wav = tmp_path / "take.wav"
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * 1600)
    result = run_deck("rehearse", churn_pptx, "--keep-audio", tmp_path / "kept.wav")
    assert (
        result.returncode == 2 and "--keep-audio is for listening" in result.stderr and "add --listen" in result.stderr
    )
    result = run_deck("rehearse", churn_pptx, "--audio", wav, "--keep-audio", wav)
    assert result.returncode == 2 and "writing there would destroy it" in result.stderr
    assert "name another file for --keep-audio" in result.stderr
    result = run_deck("rehearse", churn_pptx, "--audio", wav, "--keep-audio", tmp_path / "kept.mp3")
    assert result.returncode == 2 and "name it .wav" in result.stderr
    assert wav.stat().st_size == 44 + 3200
    # All is in order: the next thing it needs is a terminal.
    result = run_deck("rehearse", churn_pptx, "--audio", wav, "--keep-audio", tmp_path / "kept.wav")
    assert result.returncode == 2 and "needs a terminal" in result.stderr


def test_listening_changes_nothing_in_the_kept_json_of_a_run_not_listened_to(tmp_path: Path) -> None:
    from deckbuilder.core.timing.kept import KeptEnd, KeptRun, read_kept
    from deckbuilder.core.timing.talk import DeckId, TalkPlan, TimedSlide

    plan = TalkPlan("t", 60, (TimedSlide(1, "a", "results", 60, 0, True),), "embedded")
    run = KeptRun("rehearsal", DeckId("p", "t", "f"), "2026", KeptEnd(True, 60, "2026"), "h", "is read-only", plan=plan)
    data = json.loads(run.to_json())
    assert data["listened"] is False and data["heard"] == []
    assert read_kept(run.to_json(), CONFIG.template) == run
