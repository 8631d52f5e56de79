"""In a real pseudo-terminal: kills and signals mid-talk, and a database another program locks."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

RIGHT = b"\x1b[C"
ALT_ON, ALT_OFF = b"\x1b[?1049h", b"\x1b[?1049l"


def _rows(db: Path) -> list[tuple[int, float]]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(db, timeout=0.1)
        return [(int(i), float(s)) for i, s in con.execute("SELECT idx, seconds FROM visits ORDER BY id")]
    except sqlite3.OperationalError:  # the app has not created its tables yet, or it is locked
        return []


def _wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("the app did not get there in time")


class Terminal:
    """`deck rehearse` in a 100x30 pseudo-terminal, with everything it writes collected."""

    def __init__(
        self, deck: Path, db: Path, command: tuple[str, ...] = ("rehearse",), extra_env: dict[str, str] | None = None
    ) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "DECK_HISTORY": str(db), "COLUMNS": "100", "LINES": "30"}
        env.update(extra_env or {})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "deckbuilder", *command, str(deck)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen.extend(chunk)

    def press(self, key: bytes) -> None:
        os.write(self.master, key)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def _talk(term: Terminal, db: Path, slides: int) -> None:
    """Start the clock and leave ``slides`` slides, each after a moment, waiting for each visit to be stored."""
    _wait_for(lambda: b"starts" in term.screen)  # the first frame is drawn
    term.press(b" ")
    _wait_for(lambda: db.exists())
    for expected in range(1, slides + 1):
        time.sleep(0.25)  # let the slide's timer run so the visit has a length
        term.press(RIGHT)
        _wait_for(lambda n=expected: len(_rows(db)) >= n)


def test_sigkill_mid_talk_keeps_completed_visits(churn_pptx: Path, tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    term = Terminal(churn_pptx, db)
    try:
        _talk(term, db, 3)
        time.sleep(0.2)
        os.kill(term.proc.pid, signal.SIGKILL)
        term.proc.wait(timeout=10)
    finally:
        term.close()
    rows = _rows(db)
    assert [i for i, _ in rows][:3] == [1, 2, 3] and [i for i, _ in rows][3:] in ([], [4])  # 4: a checkpoint
    assert all(seconds > 0.1 for _, seconds in rows)
    finished = sqlite3.connect(db).execute("SELECT finished FROM rehearsals").fetchall()
    assert finished == [(0,)]  # killed mid-talk: kept, and not marked finished


def test_sigkill_loses_at_most_a_checkpoint_and_the_next_start_restores_the_terminal(
    churn_pptx: Path, tmp_path: Path
) -> None:
    import shutil

    from .conftest import ROOT

    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    rules = layouts / "rehearsal.yaml"
    rules.write_text(rules.read_text().replace("checkpoint_s: 5", "checkpoint_s: 0.5"))
    db = tmp_path / "history.sqlite3"
    term = Terminal(churn_pptx, db, extra_env={"DECK_LAYOUTS": str(layouts)})
    try:
        _talk(term, db, 1)  # slide 1 done; now on slide 2, its visit open
        time.sleep(2.0)
        _wait_for(lambda: [i for i, _ in _rows(db)] == [1, 2])  # the open visit, checkpointed
        os.kill(term.proc.pid, signal.SIGKILL)  # nothing can catch this one
        term.proc.wait(timeout=10)
    finally:
        term.close()
    open_seconds = _rows(db)[1][1]
    assert open_seconds >= 1.4  # 2 s on the slide, less at most one 0.5 s checkpoint interval
    again = Terminal(churn_pptx, db, extra_env={"DECK_LAYOUTS": str(layouts)})
    try:
        _wait_for(lambda: b"was stopped without closing" in again.screen)
        again.press(b"q")
    finally:
        again.close()
    screen = bytes(again.screen)
    said = screen.find(b"was stopped without closing")
    assert screen.find(ALT_OFF) < said  # restored before it says so
    assert -1 < screen.find(b"\x1b[?7h") < said  # line wrap back on: the notice is not cut at the right edge
    ended = sqlite3.connect(db).execute("SELECT finished, ended_at IS NOT NULL FROM rehearsals").fetchone()
    assert ended == (0, 1)  # closed as unfinished, so it is said once


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_ends_the_run_like_q(churn_pptx: Path, tmp_path: Path, number: int) -> None:
    db = tmp_path / "history.sqlite3"
    term = Terminal(churn_pptx, db)
    try:
        _talk(term, db, 2)
        time.sleep(0.3)  # on slide 3: this visit is still open when the signal comes
        os.kill(term.proc.pid, number)
        code = term.proc.wait(timeout=15)
        time.sleep(0.2)  # the last bytes of the restored screen
    finally:
        term.close()
    assert code == 128 + number  # 143, 129, 130 as shells expect
    rows = _rows(db)
    assert [i for i, _ in rows] == [1, 2, 3]  # the open visit was saved too
    finished, total = sqlite3.connect(db).execute("SELECT finished, total_s FROM rehearsals").fetchone()
    assert finished == 0 and total == pytest.approx(sum(s for _, s in rows), abs=0.05)
    screen = bytes(term.screen)
    assert screen.rfind(ALT_OFF) > screen.rfind(ALT_ON) > -1  # the terminal left the alternate screen


def test_a_database_locked_for_five_seconds_loses_nothing(churn_pptx: Path, tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    term = Terminal(churn_pptx, db)
    try:
        _talk(term, db, 1)
        other = sqlite3.connect(db, timeout=5)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the history ...
        locked_at = time.monotonic()
        for _ in range(2):
            time.sleep(0.4)
            term.press(RIGHT)
        _wait_for(lambda: b"history locked by another program" in term.screen, timeout=10)
        time.sleep(max(5.0 - (time.monotonic() - locked_at), 0))
        other.rollback()  # ... for five seconds, then lets go
        other.close()
        _wait_for(lambda: len(_rows(db)) >= 3, timeout=10)
        time.sleep(0.3)
        term.press(RIGHT)
        _wait_for(lambda: len(_rows(db)) >= 4)
        time.sleep(0.3)
        term.press(b"f")  # on slide 5 of 9 it asks, and the run is kept as unfinished
        _wait_for(lambda: b"End the talk here?" in term.screen)
        term.press(b"y")
        ended = "SELECT ended_at IS NOT NULL, finished FROM rehearsals"
        _wait_for(lambda: sqlite3.connect(db).execute(ended).fetchone() == (1, 0))
    finally:
        term.close()
    rows = _rows(db)
    assert [i for i, _ in rows] == [1, 2, 3, 4, 5]  # every visit, each on its own slide, in order
    assert all(seconds > 0.1 for _, seconds in rows)
