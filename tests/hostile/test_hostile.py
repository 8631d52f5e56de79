"""Hostile inputs (made by generate.py at test time) get exit 2 with one clear line, or a clean exit 0 when
merely odd: no traceback, no escape byte reaching the terminal, within time and memory bounds."""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import subprocess
import tempfile
import time
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
        "DECK_HISTORY": str(FOLDER / "history.db"),
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


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case) -> None:
    started = time.perf_counter()
    proc = run(case)
    seconds = time.perf_counter() - started
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == case.exit, f"exit {proc.returncode}\n{err[-1500:]}"
    assert "Traceback" not in err and "internal error" not in err, err[-1500:]
    for stream in (proc.stdout, proc.stderr):
        assert b"\x1b" not in stream and b"\xc2\x9b" not in stream, "an escape reached the terminal"
    for text in case.says:
        assert text in out + err, f"{text!r} not in the output:\n{(out + err)[-1500:]}"
    assert seconds < case.seconds, f"took {seconds:.1f} s"
    if case.after is not None:
        assert case.after() is None, case.after()
    if proc.returncode == 2:
        lines = [line for line in err.splitlines() if line.startswith("deck:")]
        assert len(lines) == 1, err  # one message, naming what to change
    if case.args[:1] == ["import"]:
        assert_imports_load(FOLDER)
