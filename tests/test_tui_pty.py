"""In a real pseudo-terminal: drive the app with keys, kill it with SIGKILL, find every finished visit stored."""

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
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

RIGHT = b"\x1b[C"


def _rows(db: Path) -> list[tuple[int, float]]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(db)
        return [(int(i), float(s)) for i, s in con.execute("SELECT idx, seconds FROM visits ORDER BY id")]
    except sqlite3.OperationalError:  # the app has not created its tables yet
        return []


def _wait_for(predicate: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("the app did not get there in time")


def test_sigkill_mid_talk_keeps_completed_visits(churn_pptx: Path, tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "DECK_HISTORY": str(db), "COLUMNS": "100", "LINES": "30"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "deckbuilder", "rehearse", str(churn_pptx)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    screen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        _wait_for(lambda: b"starts" in screen)  # the first frame is drawn
        os.write(master, b" ")  # start the clock
        _wait_for(lambda: db.exists())
        for expected in (1, 2, 3):
            time.sleep(0.2)  # let the slide's timer run so the visit has a length
            os.write(master, RIGHT)
            _wait_for(lambda n=expected: len(_rows(db)) >= n)
        time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    rows = _rows(db)
    assert [i for i, _ in rows] == [1, 2, 3]
    assert all(seconds > 0.1 for _, seconds in rows)
    finished = sqlite3.connect(db).execute("SELECT finished FROM rehearsals").fetchall()
    assert finished == [(0,)]  # killed mid-talk: kept, and not marked finished
