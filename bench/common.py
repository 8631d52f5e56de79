"""Shared by the benchmarks: the median wall time of a command over several runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

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


def wall(cmd: list[str], env: Mapping[str, str] | None = None) -> float:
    """Return the seconds one run of ``cmd`` takes."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def paired(
    a: list[str],
    b: list[str],
    runs: int,
    env: Mapping[str, str] | None = None,
    before: Callable[[], object] | None = None,
    env_b: Mapping[str, str] | None = None,
) -> tuple[float, float, float]:
    """Return (median a, median b, median of b/a per round), alternating which runs first.

    Each round runs both, one after the other, so a busy machine slows both alike; ``env_b`` runs b in
    another environment (an earlier checkout on PYTHONPATH)."""
    env_b = env_b if env_b is not None else env
    for cmd, cmd_env in ((a, env), (b, env_b)):  # warms the bytecode and file caches
        subprocess.run(cmd, check=True, capture_output=True, env=cmd_env)
    times_a, times_b, ratios = [], [], []
    for round_ in range(runs):
        got: dict[str, float] = {}
        for name in ("a", "b") if round_ % 2 == 0 else ("b", "a"):
            if before is not None:
                before()
            got[name] = wall(a, env) if name == "a" else wall(b, env_b)
        times_a.append(got["a"])
        times_b.append(got["b"])
        ratios.append(got["b"] / got["a"])
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def deck_command(*args: str) -> list[str]:
    """Return `deck ARGS` run by this Python; -P keeps the working directory off sys.path, so PYTHONPATH
    decides which checkout of deck runs (see checkout_env)."""
    return [sys.executable, "-P", "-m", "deckbuilder", *args]


def checkout_env(base: Mapping[str, str], checkout: Path | None = None) -> dict[str, str]:
    """Return ``base`` to run this checkout of deck, or ``checkout`` (another one, first on PYTHONPATH)."""
    env = {k: v for k, v in base.items() if k != "PYTHONPATH"}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout.resolve())
    return env
