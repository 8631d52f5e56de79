"""What listening costs: the CPU time of hearing a talk in real time, as a share of one core (goal: under a quarter
of one core, so the coach's screen and the machine keep theirs).

The talk (tests/speech.py, spoken by espeak-ng) plays as a recording by the wall clock, as `--audio` does: the
listener is pumped every `redraw_s` (the coach's redraw), asked for the open visit's figures each time, told of
every slide change as the clock passes it, and asked for finished visits. The CPU time of this process over the
run is divided by the wall time. A microphone adds PortAudio's capture thread, which is not measured here.

Run: .venv/bin/python bench/listen_cost.py [--slides 10] [--wpm 150]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deckbuilder.core.rules.config import default_config  # noqa: E402
from deckbuilder.listen import open_listener  # noqa: E402
from tests.speech import GAPS, MOVE, TALK, make_talk  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=len(TALK), help="how many slides of the test talk to play")
    parser.add_argument("--wpm", type=int, default=150)
    args = parser.parse_args()
    config = default_config()
    slides = TALK[: args.slides]
    with tempfile.TemporaryDirectory() as folder:
        talk = make_talk(slides, args.wpm, Path(folder), GAPS, MOVE)
        notes = " ".join(s.notes() for s in slides)

        # As fast as it can be read: the cost of hearing one second of sound.
        fast = open_listener(talk.path, config, lambda: 0.0, realtime=False, deck_text=notes)
        cpu = time.process_time()
        fast.start()
        for truth, slide in zip(talk.visits, slides, strict=True):
            fast.visit(truth.slide, [slide.key], at=truth.start_s, text=slide.notes())
        fast.pump()
        fast.stop(at=talk.visits[-1].end_s)
        fast_cpu = time.process_time() - cpu

        # In real time, as the coach drives it.
        listener = open_listener(talk.path, config, time.monotonic, deck_text=notes)
        starts = [truth.start_s for truth in talk.visits]
        redraw = config.pace.redraw_s
        cpu, wall = time.process_time(), time.monotonic()
        listener.start()
        shown, reported = 0, 0
        while True:
            now = time.monotonic() - wall
            while shown < len(slides) and now >= starts[shown]:
                listener.visit(shown, [slides[shown].key], text=slides[shown].notes())
                shown += 1
            if now >= talk.visits[-1].end_s:
                break
            listener.pump()
            listener.current()
            reported += len(listener.finished())
            time.sleep(max(redraw - (time.monotonic() - wall - now), 0.0))
        reported += len(listener.stop())
        used, elapsed = time.process_time() - cpu, time.monotonic() - wall
    print(f"talk: {len(slides)} slides, {talk.seconds:.0f} s of sound at {args.wpm} words a minute")
    print(f"as fast as it can be read: {fast_cpu:.2f} s of CPU, {fast_cpu / talk.seconds:.3f} s per second of sound")
    print(f"in real time: {used:.2f} s of CPU over {elapsed:.1f} s, {reported} visits reported")
    print(f"share of one core: {used / elapsed:.1%} (goal: under 25%)")


if __name__ == "__main__":
    main()
