"""Talks spoken by espeak-ng for the listening tests: slides of known words at a known rate, with pauses of known
length, in a WAV made in a temporary folder (never stored). The truth of every figure comes from how the talk
was put together and from the clean synthetic signal, never from the code under test."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

RATE = 22050  # espeak-ng's own rate: the listener has to convert it, as it would a phone's recording
VOICE = "en-us"
EDGE = 0.004  # of full scale: quieter samples at a clip's ends are the synthesiser's silence
NOISE = 0.002  # of full scale, a quiet room's hiss under the whole talk (about 35 dB under the speech)
HAVE_TOOLS = shutil.which("espeak-ng") is not None


def need_espeak() -> None:
    """Skip a test where espeak-ng is missing, except in CI, whose .ci/run installs it: there it fails."""
    if HAVE_TOOLS:
        return
    if os.environ.get("CI"):
        pytest.fail("espeak-ng is missing: .ci/run should have installed it")
    pytest.skip("needs espeak-ng (.ci/run installs it)")


@dataclass(frozen=True)
class Slide:
    """One slide's speech: its parts (``pause_s`` of silence between them), "{n}" where the key number goes.
    The speaker says it as ``said_as``, or ``instead`` in its place when it is left out (``said`` False)."""

    parts: tuple[str, ...]
    key: str  # as written on the slide
    said_as: str
    said: bool = True
    instead: str = ""
    pause_s: float = 0.0

    def speech(self) -> tuple[str, ...]:
        """Return the parts as spoken."""
        number = self.said_as if self.said else self.instead
        return tuple(" ".join(part.replace("{n}", number).split()) for part in self.parts)

    def notes(self) -> str:
        """Return the speaker's notes: the whole script, the number as written on the slide."""
        return " ".join(self.parts).replace("{n}", self.key)


@dataclass
class Truth:
    """What a slide visit holds, by construction."""

    slide: int
    start_s: float
    end_s: float
    words: int
    speech: list[tuple[float, float]] = field(default_factory=list)  # spans of the clips on the talk's time
    key: str = ""
    said: bool = False

    @property
    def speech_s(self) -> float:
        return sum(b - a for a, b in self.speech)

    @property
    def wpm(self) -> float:
        return self.words / self.speech_s * 60

    def pauses(self, shortest: float) -> list[float]:
        """Return the silences of the visit at least ``shortest`` long, edges included."""
        edges = [self.start_s, *[x for span in self.speech for x in span], self.end_s]
        gaps = [edges[i + 1] - edges[i] for i in range(0, len(edges), 2)]
        return [g for g in gaps if g >= shortest]


def speak(text: str, wpm: int, voice: str = VOICE) -> np.ndarray:
    """Return ``text`` spoken by espeak-ng at ``wpm``, float samples at RATE, silent ends trimmed."""
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(wpm), "--stdout", text], capture_output=True, check=True
    ).stdout
    data = np.frombuffer(wav[44:], dtype="<i2").astype(np.float64) / 32768.0  # espeak writes a 44-byte header
    loud = np.flatnonzero(np.abs(data) > EDGE)
    return data[loud[0] : loud[-1] + 1]


def longest_inner_gap(clip: np.ndarray) -> float:
    """Return the longest run of 10 ms frames under EDGE inside a clip, in seconds."""
    frame = RATE // 100
    n = len(clip) // frame
    quiet = np.abs(clip[: n * frame]).reshape(n, frame).max(axis=1) < EDGE
    longest = run = 0
    for q in quiet:
        run = run + 1 if q else 0
        longest = max(longest, run)
    return longest / 100


@dataclass
class Talk:
    """A whole spoken talk: the WAV, and where every visit begins and what it holds."""

    path: Path
    seconds: float
    visits: list[Truth]


def make_talk(
    slides: list[Slide],
    wpm: int,
    folder: Path,
    gaps: list[float],
    boundary_at: list[float],
    lead_s: float = 1.0,
    seed: int = 7,
    noise: float = NOISE,
    voice: str = VOICE,
) -> Talk:
    """Speak ``slides`` at ``wpm`` with ``gaps[i]`` seconds of silence after slide i; the speaker moves to the
    next slide ``boundary_at[i]`` of the way into that gap. Writes talk.wav (16-bit, RATE) in ``folder``."""
    pieces: list[np.ndarray] = [np.zeros(int(lead_s * RATE))]
    now = lead_s
    visits: list[Truth] = []
    for index, slide in enumerate(slides):
        truth = Truth(index, 0.0 if index == 0 else -1.0, -1.0, 0, key=slide.key, said=slide.said)
        for part_index, part in enumerate(slide.speech()):
            if part_index:
                pieces.append(np.zeros(int(slide.pause_s * RATE)))
                now += int(slide.pause_s * RATE) / RATE
            clip = speak(part, wpm, voice)
            assert longest_inner_gap(clip) < 0.9, "espeak-ng paused inside a sentence longer than a breath"
            pieces.append(clip)
            truth.speech.append((now, now + len(clip) / RATE))
            now += len(clip) / RATE
            truth.words += len(part.split())
        visits.append(truth)
        gap = int(gaps[index] * RATE)
        pieces.append(np.zeros(gap))
        move = now + boundary_at[index] * gap / RATE
        truth.end_s = move  # the next visit starts when the speaker moves on
        now += gap / RATE
    for previous, visit in itertools.pairwise(visits):
        visit.start_s = previous.end_s
    signal = np.concatenate(pieces)
    signal = signal + np.random.default_rng(seed).normal(0.0, noise, len(signal))
    pcm = np.clip(np.round(signal * 32767), -32768, 32767).astype("<i2")
    path = folder / "talk.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return Talk(path, len(signal) / RATE, visits)


# A churn take-home: what the candidate says on each slide. Four numbers are left out (one of them for a
# different number), and six slides hold a pause of two seconds or more between their sentences.
TALK = [
    Slide(
        (
            "We were asked to predict which customers will cancel their subscription in the next quarter, "
            "so the retention team can call them first.",
            "Today about {n} of customers leave every quarter, and each one costs the company a year of revenue.",
        ),
        "6%",
        "six percent",
        pause_s=2.5,
    ),
    Slide(
        (
            "The data covers two years of accounts from the billing system. After removing duplicates and test "
            "accounts we kept {n} active customers with their usage and support history.",
        ),
        "120,000",
        "one hundred and twenty thousand",
    ),
    Slide(
        (
            "Our gradient boosted model reached a recall of {n} on the held out months.",
            "That is well above the simple rule the team uses today, and it holds across all regions.",
        ),
        "0.43",
        "zero point four three",
        pause_s=3.0,
    ),
    Slide(
        (
            "Customers who called support twice in a month were {n} more likely to leave. This was the strongest "
            "signal we found, stronger than price or contract length.",
        ),
        "62%",
        "sixty two percent",
        said=False,
        instead="forty percent",
    ),
    Slide(
        (
            "If the retention team calls the top tenth of the list, we expect to save about {n} in yearly revenue.",
            "The calls cost far less than the accounts they keep.",
        ),
        "$2.4M",
        "two point four million dollars",
        pause_s=2.0,
    ),
    Slide(
        (
            "Compared with random outreach, the model finds churners {n} as often. We checked this on a later "
            "month that the model never saw during training.",
        ),
        "5.4x",
        "five point four times",
        said=False,
        instead="several times",
    ),
    Slide(
        (
            "The baseline of predicting that nobody leaves scores an accuracy of {n},",
            "which sounds good but catches no churners at all. Accuracy is the wrong measure for this problem.",
        ),
        "0.91",
        "zero point nine one",
        pause_s=4.0,
    ),
    Slide(
        (
            "We chose a threshold that keeps precision at {n}, so most of the people the team calls are really "
            "at risk. Lower thresholds would flood the team with calls.",
        ),
        "0.7",
        "zero point seven",
        said=False,
        instead="a high level",
    ),
    Slide(
        (
            "The main limits are the short history for new customers and the missing data from the old billing system.",
            "Both bias the model toward long standing accounts, so new customers are scored {n} less well.",
        ),
        "15%",
        "fifteen percent",
        said=False,
        instead="somewhat",
        pause_s=2.2,
    ),
    Slide(
        (
            "Next we would test the list with the retention team for three months, measure how many of the "
            "{n} customers on it stay, and retrain the model every quarter as behaviour changes.",
        ),
        "4,500",
        "four thousand five hundred",
    ),
]
GAPS = [2.0, 1.5, 3.0, 2.4, 1.2, 2.0, 3.5, 1.8, 2.6, 1.5]  # silence after each slide
MOVE = [0.5, 0.3, 0.2, 0.5, 0.8, 0.2, 0.7, 0.4, 0.7, 0.5]  # how far into it the speaker moves on
