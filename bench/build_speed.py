"""Time `deck build` on the churn example against the native floor, in paired runs, and its peak memory.

The floor is `floor_native.py` (../shared/bench/, or $DECK_FLOOR): a hand-written python-pptx script that
makes the same slides with native charts. Each timed round runs the floor and deck one after the other,
alternating which goes first, so a busy machine slows both alike; the ratio is the median of the rounds'.
Goals: cold build at most 1.3x the floor, warm at most 0.8x, peak memory under 150 MB.

cold: an empty cache. warm: the same talk built again, cache kept (deck finds the deck up to date and
writes nothing). edited: a slide title changes before every build, cache kept: the whole deck is written,
with the figures the edit did not touch from the cache.

Run: .venv/bin/python bench/build_speed.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import paired

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    floor_script = Path(os.environ.get("DECK_FLOOR", ROOT.parent / "shared" / "bench" / "floor_native.py"))
    if not floor_script.is_file():
        sys.exit(f"no floor script at {floor_script}; set DECK_FLOOR to floor_native.py")
    work = Path(tempfile.mkdtemp(prefix="deck-bench-"))
    cache = work / "cache"
    env = {**os.environ, "DECK_CACHE_DIR": str(cache)}
    deck = [sys.executable, "-m", "deckbuilder", "build", str(CHURN), "-o", str(work / "deck.pptx")]
    floor = [sys.executable, str(floor_script), str(CHURN), str(work / "floor.pptx")]

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    f_cold, d_cold, r_cold = paired(floor, deck, runs, env, before=clear)
    _f_warm, d_warm, r_warm = paired(floor, deck, runs, env)
    talk = work / "talk"
    shutil.copytree(CHURN.parent, talk)
    text = (talk / "outline.yaml").read_text(encoding="utf-8")
    edits = iter(range(10_000))

    def edit() -> None:  # a new word in the first slide's title before each run (the floor reads it too)
        changed = text.replace("title: ", f"title: Draft {next(edits)} ", 2)
        (talk / "outline.yaml").write_text(changed, encoding="utf-8")

    edited = [*deck[:4], str(talk / "outline.yaml"), *deck[5:]]
    floor_edited = [*floor[:2], str(talk / "outline.yaml"), *floor[3:]]
    _f_edit, d_edit, r_edit = paired(floor_edited, edited, runs, env, before=edit)
    print(f"floor: floor_native.py (python-pptx, native charts)   {f_cold:6.3f} s")
    print(
        f"deck build, cold (empty cache)                        {d_cold:6.3f} s   {r_cold:.2f}x the floor (goal 1.3x)"
    )
    print(
        f"deck build, warm (unchanged: up to date)              {d_warm:6.3f} s   {r_warm:.2f}x the floor (goal 0.8x)"
    )
    print(f"deck build, edited (a title changed, cache kept)      {d_edit:6.3f} s   {r_edit:.2f}x the floor")
    clear()
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
