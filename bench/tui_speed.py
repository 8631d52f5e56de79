"""Time the rehearsal coach: launch to first drawn frame (in a pseudo-terminal) and key press to redraw.

--against DIR runs the same measures on another checkout (say the last landed commit, `git worktree add
/tmp/base <rev>`), alternating run by run, and prints both with their ratios (at most 1: no slower).

--listen runs this checkout's coach listening (`--audio`, a take of the churn talk spoken by espeak-ng and
playing from the first key): with --against, the other checkout runs without listening, so the ratios are what
listening costs the coach against the coach as it was.

--warm S waits S seconds on the first slide after the first key before pressing (both checkouts alike), so a
listening coach has heard a while (its figures grow with the talk) when the keys come.

Run: .venv/bin/python bench/tui_speed.py [--runs 7] [--against DIR] [--listen] [--warm 30]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from common import checkout_env, deck_command

ROOT = Path(__file__).resolve().parent.parent
CHURN = ROOT / "examples" / "churn" / "outline.yaml"


def _read_until(master: int, needle: bytes, seen: bytearray) -> None:
    while needle not in seen:
        seen += os.read(master, 65536)


def _spawn(
    deck: Path, db: Path, checkout: Path | None = None, extra: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[bytes], int]:
    """Start `deck rehearse` in a 100x30 pseudo-terminal; return the process and the terminal's master end.

    ``checkout`` runs another copy of deck (see common.checkout_env)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**checkout_env(os.environ, checkout), "TERM": "xterm-256color", "DECK_HISTORY": str(db)}
    proc = subprocess.Popen(
        deck_command("rehearse", str(deck), *extra),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    return proc, master


def measure(
    deck: Path, db: Path, presses: int, checkout: Path | None = None, extra: tuple[str, ...] = (), warm: float = 0.0
) -> tuple[float, list[float]]:
    """Launch `deck rehearse` in a pseudo-terminal; return seconds to the first frame and per-key redraws.

    A key's time runs from writing its bytes to the terminal until the frame showing the new slide
    number has been written back: input parsing, the handler, layout and rendering included.
    """
    start = time.perf_counter()
    proc, master = _spawn(deck, db, checkout, extra)
    seen = bytearray()
    try:
        _read_until(master, b"starts", seen)  # the pace badge's text is in the first frame
        launch = time.perf_counter() - start
        os.write(master, b" ")
        _read_until(master, b"on track", seen)
        if warm:
            _drain_for(master, warm)
        keys = []
        slide = 1
        for i in range(presses):
            forward = (i // 4) % 2 == 0
            slide += 1 if forward else -1
            seen.clear()
            t0 = time.perf_counter()
            os.write(master, b"\x1b[C" if forward else b"\x1b[D")
            _read_until(master, f"Slide {slide}/".encode(), seen)
            keys.append(time.perf_counter() - t0)
        return launch, keys
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def _drain_for(master: int, seconds: float) -> None:
    """Read (and drop) what the coach writes for ``seconds``, so its output never blocks it."""
    import select

    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if select.select([master], [], [], left)[0]:
            os.read(master, 65536)


def idle_bytes(
    deck: Path, db: Path, seconds: float = 5.0, checkout: Path | None = None, extra: tuple[str, ...] = ()
) -> float:
    """Return the bytes per second the coach writes to the terminal while the presenter talks on one slide."""
    import select

    proc, master = _spawn(deck, db, checkout, extra)
    seen = bytearray()
    try:
        _read_until(master, b"starts", seen)
        os.write(master, b" ")
        _read_until(master, b"on track", seen)
        os.write(master, b"\x1b[C\x1b[C")  # slide 3, a 1:29 slide of the talk proper (the title has 0:10)
        _read_until(master, b"Slide 3/", seen)
        time.sleep(0.5)  # let the frame after the key settle
        while select.select([master], [], [], 0)[0]:
            os.read(master, 65536)
        written, end = 0, time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if select.select([master], [], [], left)[0]:
                written += len(os.read(master, 65536))
        return written / seconds
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout to compare with, run by run")
    parser.add_argument("--listen", action="store_true", help="this checkout's coach listens to a recording")
    parser.add_argument("--warm", type=float, default=0.0, help="seconds on the first slide before the presses")
    args = parser.parse_args()
    runs = args.runs
    work = Path(tempfile.mkdtemp(prefix="deck-tui-"))
    deck = work / "churn.pptx"
    subprocess.run(
        [sys.executable, "-m", "deckbuilder", "build", str(CHURN), "-o", str(deck)],
        check=True,
        capture_output=True,
        env={**os.environ, "DECK_CACHE_DIR": str(work / "cache")},
    )
    extra: tuple[str, ...] = ()
    if args.listen:
        sys.path.insert(0, str(ROOT))
        from tests.speech import CHURN_TAKE, make_take

        take, _ = make_take(CHURN_TAKE, work)
        extra = ("--audio", str(take))
        print(f"listening to {take.name} ({len(CHURN_TAKE)} slides spoken by espeak-ng), from the first key")
    if args.against is not None:
        _compare(deck, work, runs, args.against, extra, args.warm)
        return
    results = [measure(deck, work / f"h{i}.db", 16, extra=extra, warm=args.warm) for i in range(runs)]
    frames = [launch for launch, _ in results]
    print(
        f"launch to first frame: median {statistics.median(frames) * 1000:.0f} ms, "
        f"worst {max(frames) * 1000:.0f} ms over {runs} runs (goal under 1000 ms)"
    )
    latency = [k for _, keys in results for k in keys]
    print(
        f"key press to redraw: median {statistics.median(latency) * 1000:.1f} ms, p95 {_p95(latency) * 1000:.1f} ms, "
        f"worst {max(latency) * 1000:.1f} ms over {len(latency)} presses (goal under 50 ms)"
    )
    idle = [idle_bytes(deck, work / f"idle{i}.db", extra=extra) for i in range(3)]
    print(f"terminal output while idle on a slide: median {statistics.median(idle):.0f} bytes/s over 3 runs of 5 s")


def _compare(deck: Path, work: Path, runs: int, other: Path, extra: tuple[str, ...] = (), warm: float = 0.0) -> None:
    """Measure this checkout (with ``extra`` arguments) and ``other`` alternately, run by run, and print both with
    their ratios."""
    got: dict[str, list[tuple[float, list[float]]]] = {"here": [], "there": []}
    for i in range(runs):
        for name in ("here", "there") if i % 2 == 0 else ("there", "here"):
            checkout, args = (None, extra) if name == "here" else (other, ())
            got[name].append(measure(deck, work / f"{name}{i}.db", 16, checkout, args, warm))
    idle: dict[str, list[float]] = {"here": [], "there": []}
    for i in range(3):
        for name in ("here", "there") if i % 2 == 0 else ("there", "here"):
            checkout, args = (None, extra) if name == "here" else (other, ())
            idle[name].append(idle_bytes(deck, work / f"idle-{name}{i}.db", checkout=checkout, extra=args))
    if extra:
        print("here: listening (" + " ".join(extra[:1]) + "); there: not listening")
    for name in ("here", "there"):
        keys = [k for _, ks in got[name] for k in ks]
        print(
            f"  {name}: key to redraw, run medians (ms): "
            + ", ".join(f"{statistics.median(ks) * 1000:.1f}" for _, ks in got[name])
            + f"; all {len(keys)} presses"
        )
    print(f"this checkout against {other} ({runs} alternating runs each; ratio at most 1 is no slower)")
    rows = []
    for name in ("here", "there"):
        frames = [launch for launch, _ in got[name]]
        keys = [k for _, ks in got[name] for k in ks]
        rows.append((statistics.median(frames), statistics.median(keys), _p95(keys), statistics.median(idle[name])))
    labels = ("first frame (median)", "key to redraw (median)", "key to redraw (p95)")
    for column, label in enumerate(labels):
        here, there = rows[0][column], rows[1][column]
        print(f"  {label:<24} {here * 1000:7.1f} ms here, {there * 1000:7.1f} ms there: {here / there:.2f}x")
    here, there = rows[0][3], rows[1][3]
    print(f"  {'idle output':<24} {here:7.0f} B/s here, {there:7.0f} B/s there: {here / there:.2f}x")


if __name__ == "__main__":
    main()
