"""Time `deck build` on talks at the documented sizes: a table of 1,000 rows, and a line chart of 100,000 CSV
rows (the csv_rows limit) drawn both as a native chart and as a picture. Work must grow linearly with the rows:
each size is also built at half its rows, and the ratio of the two times past deck's start-up (a `deck build`
of the same talk without the big slide) should be about 2, never 4 (quadratic) or more.

Goal: every build of the full size within 10 s on this 2-core machine (a 500-row table took 87 s and a
25,000-point line chart 38 s natively, 82 s as a picture, before this bench existed).

Run: .venv/bin/python bench/bounded_work.py [--runs 3] [--against DIR] [--timeout 120]
--against DIR runs the same builds with another checkout of deck first on PYTHONPATH; a build past
--timeout seconds is reported as such.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from common import checkout_env, deck_command

SLIDES = """slides:
  - {kind: problem, title: Churn costs $2.4M a year}
  - {kind: methodology, title: Trend features beat static ones by 12%}
  - {kind: results, title: The model ranks churners 5x better than random}
  - {kind: error_analysis, title: New accounts are where it fails}
  - {kind: next_steps, title: "Next week: onboarding; next quarter: a live test"}
"""


def table_talk(folder: Path, rows: int) -> Path:
    lines = "".join(f"        - [Account {i}, {i * 37 % 997}, {i % 9}.5]\n" for i in range(rows))
    path = folder / f"table{rows}.yaml"
    path.write_text(
        f"title: Scores\nduration: 12m\n{SLIDES}  - kind: appendix\n    title: Every account, scored\n"
        f"    table:\n      columns: [Account, Score, Weeks]\n      rows:\n{lines}"
    )
    return path


def line_talk(folder: Path, rows: int, render: str) -> Path:
    import math
    import random

    data = folder / f"line{rows}.csv"
    if not data.exists():
        noise = random.Random(rows)
        data.write_text(
            "day,visits\n"
            + "".join(f"d{i},{100 + 50 * math.sin(i * 12 / rows) + noise.gauss(0, 5):.2f}\n" for i in range(rows))
        )
    path = folder / f"line{rows}-{render}.yaml"
    path.write_text(
        f"title: Visits\nduration: 12m\n{SLIDES}  - kind: eda\n    title: Visits follow the season\n"
        f"    figure: {{chart: line, render: {render}, title: Visits follow the season, data: {data.name}}}\n"
    )
    return path


def build_time(talk: Path, env: Mapping[str, str], runs: int, timeout: float) -> float | None:
    """Return the median seconds of `deck build --no-cache` of ``talk``; None past ``timeout``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            subprocess.run(
                deck_command("build", str(talk), "-o", str(talk.with_suffix(".pptx")), "--no-cache"),
                check=True,
                capture_output=True,
                env=env,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout to time the same builds with")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="deck-bounded-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    checkouts = [("this checkout", checkout_env(os.environ))]
    if args.against:
        checkouts.append((str(args.against), checkout_env(os.environ, args.against)))
    base = folder / "base.yaml"
    base.write_text(f"title: Scores\nduration: 12m\n{SLIDES}")
    cases = [
        ("table", 1000, lambda n: table_talk(folder, n)),
        ("line, native chart", 100_000, lambda n: line_talk(folder, n, "native")),
        ("line, picture", 100_000, lambda n: line_talk(folder, n, "picture")),
    ]
    for name, env in checkouts:
        env = {**env, "DECK_CACHE_DIR": str(folder / "cache"), "DECK_HISTORY": str(folder / "history.db")}
        start_up = build_time(base, env, args.runs, args.timeout) or 0.0
        print(f"{name}: deck build without the big slide {start_up:.2f} s")
        for label, rows, make in cases:
            full = build_time(make(rows), env, args.runs, args.timeout)
            half = build_time(make(rows // 2), env, args.runs, args.timeout)
            if full is None or half is None:
                print(f"  {label:20} {rows:>7,} rows: over {args.timeout:.0f} s")
                continue
            growth = (full - start_up) / max(half - start_up, 1e-3)
            verdict = "meets" if full <= 10 else "misses"
            print(
                f"  {label:20} {rows:>7,} rows {full:6.2f} s ({verdict} the 10 s goal); "
                f"{rows // 2:>7,} rows {half:6.2f} s; growth past start-up {growth:.2f}x for 2x the rows"
            )


if __name__ == "__main__":
    main()
