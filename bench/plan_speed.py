"""Time `deck plan` on the examples: whole command, imports, and the planning itself.

Run: .venv/bin/python bench/plan_speed.py [--runs 15]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from common import median_wall

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/outline.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    py = sys.executable
    floor = median_wall([py, "-c", "pass"], runs)
    print(f"python start (floor)          {floor * 1000:7.1f} ms")
    for example in EXAMPLES:
        name = example.parent.name
        whole = median_wall([py, "-m", "deckbuilder", "plan", str(example)], runs)
        as_json = median_wall([py, "-m", "deckbuilder", "plan", "--json", str(example)], runs)
        print(f"deck plan {name:<12}        {whole * 1000:7.1f} ms  ({whole / floor:.1f}x python start)")
        print(f"deck plan --json {name:<12} {as_json * 1000:7.1f} ms")

    from deckbuilder import load_outline, plan_talk

    for example in EXAMPLES:
        outline = load_outline(example)
        start = time.perf_counter()
        for _ in range(200):
            plan_talk(outline)
        per = (time.perf_counter() - start) / 200
        start = time.perf_counter()
        for _ in range(50):
            load_outline(example)
        load = (time.perf_counter() - start) / 50
        print(f"in-process {example.parent.name:<12} load {load * 1000:6.2f} ms, plan+checks {per * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
