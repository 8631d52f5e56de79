"""Measure what the content and panel checks add to `deck plan`, cold and warm.

Cold: a fresh process loads the word lists, compiles the patterns and runs
every check once, with layouts/ parsed from YAML (what the first `deck plan`
pays, and what the 50 ms budget is judged on). Cached: the same, reading
layouts/ through the parsed-settings cache the CLI keeps (what every later
`deck plan` pays). Warm: the checks alone, repeated.

Run: .venv/bin/python bench/checks_speed.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/outline.yaml"))

COLD = """
import json, sys, time
import deckbuilder.checks as checks
from deckbuilder import load_outline, plan_talk
from deckbuilder.core.rules.config import default_config
if sys.argv[2:] == ["cached"]:
    from deckbuilder.cli.common import config as cli_config
    config = cli_config()
else:
    config = default_config()
outline = load_outline(sys.argv[1], config)
everything = checks.CHECKS
checks.CHECKS = (checks.time.check,)
t0 = time.perf_counter(); plan = plan_talk(outline, config); t1 = time.perf_counter()
for check in everything[1:]:
    check(outline, plan, config)
t2 = time.perf_counter()
print(json.dumps({"time_only": t1 - t0, "content_cold": t2 - t1}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    import os
    import tempfile

    from deckbuilder import load_outline, plan_talk

    cache = tempfile.mkdtemp(prefix="deck-bench-cache-")
    env = {**os.environ, "DECK_CACHE_DIR": cache}

    def median_cold(example: Path, *how: str) -> float:
        colds = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", COLD, str(example), *how], capture_output=True, text=True, check=True, env=env
            ).stdout
            colds.append(json.loads(out))
        return statistics.median(c["content_cold"] for c in colds) * 1000

    import atexit
    import shutil

    atexit.register(shutil.rmtree, cache, True)
    for example in EXAMPLES:
        cold = median_cold(example)
        cached = median_cold(example, "cached")  # the first run fills the cache; the median is of later ones
        outline = load_outline(example)
        loops = 200
        import time

        t0 = time.perf_counter()
        for _ in range(loops):
            plan_talk(outline)
        warm = (time.perf_counter() - t0) / loops * 1000
        print(
            f"{example.parent.name:<10} content+panel checks, cold (word lists loaded and compiled): "
            f"{cold:6.2f} ms = {cold / 50:.0%} of the 50 ms budget;  with the settings cache: {cached:5.2f} ms;  "
            f"whole plan warm: {warm:5.2f} ms"
        )


if __name__ == "__main__":
    main()
