"""The history database survives a kill at any moment of its creation or migration, and two first opens at once."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from deckbuilder.history.store import MIGRATIONS, SCHEMA_VERSION, History

from .conftest import PYTHON

# The child imports first, says so, then opens the database when told: the kill lands inside the open.
CHILD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from deckbuilder.history.store import History\n"
    "print('ready', flush=True)\n"
    "sys.stdin.readline()\n"
    "History(Path(sys.argv[1])).close()\n"
    "print('done', flush=True)\n"
)


def _kill_during_open(db: Path, delay_s: float) -> bool:
    """Start an open of ``db`` and SIGKILL it after ``delay_s``; return True if the kill landed first."""
    proc = subprocess.Popen([PYTHON, "-c", CHILD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == "ready"
    proc.stdin.write("go\n")
    proc.stdin.flush()
    time.sleep(delay_s)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return "done" not in out


def _version_one(db: Path, rehearsals: int) -> None:
    con = sqlite3.connect(db)
    for statement in MIGRATIONS[1]:
        con.execute(statement)
    for r in range(1, rehearsals + 1):
        con.execute(
            "INSERT INTO rehearsals (id, deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at)"
            " VALUES (?, 'x.pptx', 'T', 'f', 720, 'embedded', '2026-01-01')",
            (r,),
        )
        con.execute(
            "INSERT INTO visits (rehearsal_id, idx, title, budget_s, talk_start_s, seconds, started_at)"
            " VALUES (?, 1, 'Intro', 30, 0, 25, '2026-01-01')",
            (r,),
        )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


def _opens_whole(db: Path) -> sqlite3.Connection:
    History(db).close()  # opens (finishing any migration) without an error
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    return con


def test_a_kill_during_the_first_open_never_spoils_the_database(tmp_path: Path) -> None:
    rng = random.Random(16)
    landed = 0
    for i in range(50):
        db = tmp_path / f"new-{i}.db"
        landed += _kill_during_open(db, rng.uniform(0, 0.012))
        con = _opens_whole(db)
        assert con.execute("SELECT COUNT(*) FROM rehearsals").fetchone() == (0,)
        con.close()
    assert landed >= 5, f"only {landed} of 50 kills landed inside an open"  # they did, not only after


def test_a_kill_during_a_migration_keeps_every_record(tmp_path: Path) -> None:
    rng = random.Random(61)
    landed = 0
    for i in range(50):
        db = tmp_path / f"old-{i}.db"
        _version_one(db, rehearsals=40)
        landed += _kill_during_open(db, rng.uniform(0, 0.012))
        con = _opens_whole(db)
        assert con.execute("SELECT COUNT(*) FROM rehearsals").fetchone() == (40,)
        assert con.execute("SELECT COUNT(*), SUM(seconds) FROM visits WHERE slide_key = 'Intro'").fetchone() == (
            40,
            1000,
        )
        con.close()
    assert landed >= 5, f"only {landed} of 50 kills landed inside a migration"


def test_two_first_opens_at_once_both_succeed(tmp_path: Path) -> None:
    for i in range(10):
        db = tmp_path / f"race-{i}.db"
        procs = [
            subprocess.Popen([PYTHON, "-c", CHILD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outs = [proc.communicate()[0] for proc in procs]
        assert [proc.returncode for proc in procs] == [0, 0] and all("done" in out for out in outs)
        _opens_whole(db).close()
