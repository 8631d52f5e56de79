"""Time `deck import`'s questions: from the command's start, in a pseudo-terminal, to the first question drawn
(reading the write-up, ranking the guesses and starting the screen), and from Enter to the next question.

Run: .venv/bin/python bench/review_speed.py [--runs 7] [WRITEUP ...]   (default: the churn report in tests/)
The goal is a first question in under 1 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from common import deck_command

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "writeups" / "drafts" / "churn_report.md"


def _read_until(master: int, needle: bytes, seen: bytearray, limit: float = 20.0) -> None:
    deadline = time.perf_counter() + limit
    while needle not in seen:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{needle!r} never drawn")
        seen += os.read(master, 65536)


def measure(writeups: list[Path]) -> tuple[float, float]:
    """Return seconds to the first question and from Enter to the second."""
    with tempfile.TemporaryDirectory() as tmp:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "DECK_CACHE_DIR": tmp}
        start = time.perf_counter()
        proc = subprocess.Popen(
            deck_command("import", *map(str, writeups), "-o", str(Path(tmp) / "talk.yaml")),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        seen = bytearray()
        try:
            _read_until(master, b"Question 1 of", seen)
            first = time.perf_counter() - start
            seen.clear()
            t0 = time.perf_counter()
            os.write(master, b"\r")
            _read_until(master, b"Question 2 of", seen)
            return first, time.perf_counter() - t0
        finally:
            proc.kill()
            proc.wait()
            os.close(master)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("writeups", nargs="*", type=Path, default=[REPORT])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    measure(args.writeups)  # warms the bytecode and file caches
    firsts, keys = zip(*(measure(args.writeups) for _ in range(args.runs)), strict=True)
    print(f"first question drawn      {1000 * statistics.median(firsts):6.0f} ms  (goal under 1000 ms)")
    print(f"Enter to the next question {1000 * statistics.median(keys):5.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
