"""How well `--listen` hears: the test talk (tests/speech.py, ten slides spoken by espeak-ng with pauses of known
length) at several rates, heard as fast as it can be read; per rate, the speaking seconds' and the rate's errors,
the pauses of 2 s or more found, and the key numbers judged right (said, or left out).

Run: .venv/bin/python bench/listen_accuracy.py [--rates 120 150 180] [--noise 0.002] [--voice en-us]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deckbuilder.core.rules.config import default_config  # noqa: E402
from deckbuilder.listen import open_listener  # noqa: E402
from tests.speech import GAPS, MOVE, NOISE, TALK, VOICE, make_talk  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", type=int, nargs="+", default=[120, 150, 180])
    parser.add_argument("--noise", type=float, default=NOISE, help="the room's hiss, a share of full scale")
    parser.add_argument("--voice", default=VOICE, help="an espeak-ng voice, e.g. en-us+f3 or en-gb")
    args = parser.parse_args()
    config = default_config()
    print("wpm  speech err s (mean/max)  rate err % (mean/max)  pauses >=2 s found  keys right")
    for wpm in args.rates:
        with tempfile.TemporaryDirectory() as folder:
            talk = make_talk(TALK, wpm, Path(folder), GAPS, MOVE, noise=args.noise, voice=args.voice)
            notes = " ".join(s.notes() for s in TALK)
            listener = open_listener(talk.path, config, lambda: 0.0, realtime=False, deck_text=notes)
            listener.start()
            for truth, slide in zip(talk.visits, TALK, strict=True):
                listener.visit(truth.slide, [slide.key], at=truth.start_s, text=slide.notes())
            listener.pump()
            figures = listener.stop(at=talk.visits[-1].end_s)
        speech = [abs(f.heard.speech_s - t.speech_s) for t, f in zip(talk.visits, figures, strict=True)]
        rate = [abs((f.heard.wpm or 0) / t.wpm - 1) * 100 for t, f in zip(talk.visits, figures, strict=True)]
        wanted = found = 0
        for truth, got in zip(talk.visits, figures, strict=True):
            heard = list(got.heard.pauses)
            for pause in truth.pauses(2.0):
                wanted += 1
                close = [p for p in heard if abs(p - pause) <= 0.3]
                if close:
                    found += 1
                    heard.remove(close[0])
        right = sum(f.keys[0].said is t.said for t, f in zip(talk.visits, figures, strict=True))
        print(
            f"{wpm:>3}  {statistics.mean(speech):10.2f} / {max(speech):4.2f}"
            f"  {statistics.mean(rate):12.1f} / {max(rate):4.1f}"
            f"  {found:>11} of {wanted:<5}  {right:>4} of {len(figures)}"
        )


if __name__ == "__main__":
    main()
