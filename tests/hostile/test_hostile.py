"""Hostile inputs (made by generate.py at test time) get exit 2 with one clear line, or a clean exit 0 when
merely odd: no traceback, no escape byte reaching the terminal, within time and memory bounds."""

from __future__ import annotations

import atexit
import functools
import os
import resource
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import PYTHON, assert_imports_load
from .generate import Case, cases

FOLDER = Path(tempfile.mkdtemp(prefix="deck-hostile-"))
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)
CASES = cases(FOLDER)
MEMORY = 3 * 2**30  # address space of the child: a bounded read never needs more


def _limits(seconds: float) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    cpu = int(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def run(case: Case) -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        "DECK_CACHE_DIR": str(FOLDER / "cache"),
        # Each case its own default history: cases run side by side and must not wait on each other's locks.
        "DECK_HISTORY": str(FOLDER / f"history-{CASES.index(case)}.db"),
        "OPENBLAS_NUM_THREADS": "1",
    }
    return subprocess.run(
        [PYTHON, "-m", "deckbuilder", *case.args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=case.seconds * 3 + 10,
        preexec_fn=lambda: _limits(case.seconds),
    )


def test_every_class_is_covered() -> None:
    names = " ".join(c.name for c in CASES)
    for word in (
        "onto",
        "markup",
        "escape",
        "database",
        "FIFO",
        "3 GB",
        "PNG",
        "1 MB",
        "nesting",
        "YAML",
        "duration",
        "embedded plan",
        "template",
        "out of the folder",
        "terminal",
    ):
        assert word in names, word


@dataclass(frozen=True)
class Outcome:
    proc: subprocess.CompletedProcess[bytes]
    seconds: float
    after: str | None  # the case's own check, run as soon as its command ended


def _outcome(case: Case) -> Outcome:
    started = time.perf_counter()
    proc = run(case)
    seconds = time.perf_counter() - started
    return Outcome(proc, seconds, case.after() if case.after is not None else None)


@functools.cache
def outcomes() -> dict[str, Outcome]:
    """Run every case once, one per core at a time (each in its own files), and keep what happened."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        done = dict(zip((c.name for c in CASES), pool.map(_outcome, CASES), strict=True))
    return done


def test_case_names_are_unique() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case) -> None:
    outcome = outcomes()[case.name]
    proc, seconds = outcome.proc, outcome.seconds
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    expected = (0, 2) if case.exit is None else (case.exit,)
    assert proc.returncode in expected, f"exit {proc.returncode}\n{err[-1500:]}"
    assert "Traceback" not in err and "internal error" not in err, err[-1500:]
    for stream in (proc.stdout, proc.stderr):
        assert b"\x1b" not in stream and b"\xc2\x9b" not in stream, "an escape reached the terminal"
    for text in case.says:
        assert text in out + err, f"{text!r} not in the output:\n{(out + err)[-1500:]}"
    assert seconds < case.seconds, f"took {seconds:.1f} s"
    assert outcome.after is None, outcome.after
    if proc.returncode == 2:
        lines = [line for line in err.splitlines() if line.startswith("deck:")]
        assert len(lines) == 1, err  # one message, naming what to change


def test_every_imported_outline_loads() -> None:
    outcomes()
    assert assert_imports_load(FOLDER) >= sum(1 for c in CASES if c.args[:1] == ["import"] and c.exit == 0)
