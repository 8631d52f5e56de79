"""Time `deck build` on the churn example against the floor, warm rebuilds, pandoc, and peak memory.

Run: .venv/bin/python bench/build_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import median_wall

ROOT = Path(__file__).resolve().parent.parent
CHURN = ROOT / "examples" / "churn" / "outline.yaml"
MEMORY = (
    "import resource, sys\n"
    "from deckbuilder.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print('PEAK_KB', own + worker, own, worker, file=sys.stderr)\n"
)
PANDOC_MD = """---
title: Catching churn before it happens
---

# 8% of subscribers leave each month

- Rank accounts by risk of cancelling
- Judged by PR-AUC

# Login trend predicts churn

![](feature.png)

# LightGBM ranks churners best

| Model | PR-AUC |
|---|---|
| LightGBM | 0.43 |
| Random forest | 0.38 |
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="deck-bench-"))
    cache = work / "cache"
    env = {**os.environ, "DECK_CACHE_DIR": str(cache)}
    deck = [sys.executable, "-m", "deckbuilder", "build", str(CHURN), "-o", str(work / "deck.pptx")]

    floor = median_wall([sys.executable, str(ROOT / "bench" / "minimal_build.py"), str(work / "floor.pptx")], runs, env)
    cold = median_wall(deck, runs, env, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    warm = median_wall(deck, runs, env)
    print(f"floor: bare python-pptx + matplotlib script   {floor:6.2f} s")
    print(
        f"deck build, cold (3 figures drawn)           {cold:6.2f} s   ratio {cold / floor:.2f}x the floor (goal 1.1x)"
    )
    print(f"deck build, warm (figures from the cache)    {warm:6.2f} s   (goal under 0.5 s)")
    if shutil.which("pandoc"):
        (work / "talk.md").write_text(PANDOC_MD.replace("feature.png", str(work / "feature.png")))
        # pandoc places a picture but draws no chart: give it one the build already drew
        shutil.copy(next(cache.glob("*.png")), work / "feature.png")
        pandoc = median_wall(["pandoc", str(work / "talk.md"), "-o", str(work / "pandoc.pptx")], runs, env)
        print(f"pandoc, comparable markdown deck             {pandoc:6.2f} s   (no figures drawn, no fitting, no plan)")
    else:
        print("pandoc: not installed here, not measured")
    shutil.rmtree(cache, ignore_errors=True)
    for label in ("cold", "warm"):
        proc = subprocess.run([sys.executable, "-c", MEMORY, *deck[3:]], capture_output=True, text=True, env=env)
        total, own, worker = (int(v) / 1024 for v in proc.stderr.split("PEAK_KB")[-1].split()[:3])
        print(
            f"peak memory, {label} build                      {total:6.0f} MB  (goal under 150 MB; "
            f"main {own:.0f} MB + figure worker {worker:.0f} MB, both counted)"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
