"""Shared by the benchmarks: the median wall time of a command over several runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping

# An installed deck runs from compiled bytecode; a shell with PYTHONDONTWRITEBYTECODE set would make every
# timed run recompile every module from source and measure the compiler instead.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def median_wall(
    cmd: list[str], runs: int, env: Mapping[str, str] | None = None, before: Callable[[], object] | None = None
) -> float:
    """Return the median seconds ``cmd`` takes, calling ``before`` ahead of each run (after one untimed run)."""
    if before is not None:
        before()
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # warms the bytecode and file caches
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
