"""Time `deck plan` against `python -c "import yaml"`, and deck's commands against an earlier checkout.

Each round runs both commands one after the other, alternating which goes first, so a busy machine slows both
alike; a ratio is the median of the rounds' ratios. Goal: `deck plan` on the churn example at most 5x
`import yaml` (a linter's speed: deck plan is run on every save).

--against DIR pairs this checkout with another one (say the last landed commit:
`git worktree add /tmp/base <rev>`), run with the same Python and DIR first on PYTHONPATH, for `deck plan`,
`deck --help`, a cold `deck build` and `deck rehearse --help`: each should be no slower (ratio <= 1).
--importtime prints the ten slowest imports of `deck plan` (cumulative, from `python -X importtime`).

Run: .venv/bin/python bench/plan_speed.py [--runs 15] [--against DIR] [--importtime]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import checkout_env, deck_command, paired

ROOT = Path(__file__).resolve().parent.parent
CHURN = ROOT / "examples" / "churn" / "outline.yaml"
GOAL = 5.0


def importtime(top: int = 10) -> list[tuple[int, str]]:
    """Return the ``top`` imports of `deck plan` by cumulative microseconds."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "deckbuilder", "plan", str(CHURN)], capture_output=True, text=True
    )
    rows = []
    for line in proc.stderr.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)", line)
        if found:
            rows.append((int(found[1]), found[2]))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another checkout to pair deck's commands with")
    parser.add_argument("--importtime", action="store_true", help="print the ten slowest imports of deck plan")
    args = parser.parse_args()
    env = checkout_env(os.environ)

    floor, plan, ratio = paired([sys.executable, "-c", "import yaml"], deck_command("plan", str(CHURN)), args.runs, env)
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f'python -c "import yaml"          {floor * 1000:7.1f} ms')
    print(f"deck plan churn                  {plan * 1000:7.1f} ms  {ratio:.2f}x ({verdict} the goal of {GOAL:g}x)")

    from deckbuilder import load_outline, plan_talk

    outline = load_outline(CHURN)
    start = time.perf_counter()
    for _ in range(100):
        load_outline(CHURN)
    load = (time.perf_counter() - start) / 100
    start = time.perf_counter()
    for _ in range(100):
        plan_talk(outline)
    per = (time.perf_counter() - start) / 100
    print(f"in-process: load {load * 1000:.2f} ms, plan and checks {per * 1000:.2f} ms")

    if args.importtime:
        print("slowest imports of deck plan (cumulative, -X importtime):")
        for micros, name in importtime():
            print(f"  {micros / 1000:7.1f} ms  {name}")

    if args.against:
        other = checkout_env(os.environ, args.against)
        work = Path(tempfile.mkdtemp(prefix="deck-bench-"))
        here_cache, there_cache = work / "here", work / "there"
        build_env, other_build = (
            {**env, "DECK_CACHE_DIR": str(here_cache)},
            {**other, "DECK_CACHE_DIR": str(there_cache)},
        )

        def clear() -> None:
            shutil.rmtree(here_cache, ignore_errors=True)
            shutil.rmtree(there_cache, ignore_errors=True)

        print(f"against {args.against} (ratio = this checkout / that one; at most 1 is no slower):")
        cases: list[tuple[str, list[str], dict[str, str], dict[str, str]]] = [
            ("deck plan churn", deck_command("plan", str(CHURN)), env, other),
            ("deck --help", deck_command("--help"), env, other),
            ("deck rehearse --help", deck_command("rehearse", "--help"), env, other),
            (
                "deck build churn (cold)",
                deck_command("build", str(CHURN), "-o", str(work / "d.pptx")),
                build_env,
                other_build,
            ),
        ]
        for name, cmd, mine, theirs in cases:
            before = clear if "build" in name else None
            there, here, ratio = paired(cmd, cmd, args.runs, theirs, before=before, env_b=mine)
            print(f"  {name:<26} {here * 1000:7.1f} ms here, {there * 1000:7.1f} ms there: {ratio:.2f}x")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
