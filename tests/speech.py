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


@dataclass(frozen=True)
class Said:
    """What the speaker says on one slide of a take: its sentences at ``wpm``, ``pause_s`` between them, and
    ``after_s`` of silence before the next slide (the speaker moves on half way into it)."""

    parts: tuple[str, ...]
    wpm: int = 150
    pause_s: float = 0.0
    after_s: float = 1.5


def make_take(slides: list[Said], folder: Path, lead_s: float = 1.0) -> tuple[Path, list[float]]:
    """Speak ``slides`` into take.wav in ``folder``; return it and when the speaker moves to each next slide."""
    pieces: list[np.ndarray] = [np.zeros(int(lead_s * RATE))]
    now, moves = lead_s, []
    for said in slides:
        for index, part in enumerate(said.parts):
            if index:
                pieces.append(np.zeros(int(said.pause_s * RATE)))
                now += int(said.pause_s * RATE) / RATE
            clip = speak(part, said.wpm)
            pieces.append(clip)
            now += len(clip) / RATE
        gap = int(said.after_s * RATE)
        pieces.append(np.zeros(gap))
        moves.append(now + 0.5 * gap / RATE)
        now += gap / RATE
    signal = np.concatenate(pieces)
    signal = signal + np.random.default_rng(7).normal(0.0, NOISE, len(signal))
    pcm = np.clip(np.round(signal * 32767), -32768, 32767).astype("<i2")
    path = folder / "take.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return path, moves


# The churn deck (examples/churn) rehearsed as a 2:30 talk: slide 4 said slowly with long pauses (over its
# budget with words that fit it), slide 5 fast, slide 6 leaves out both baselines, slide 7 says far more than
# its budget holds.
CHURN_TAKE = [
    Said(("Thank you for having me.",)),
    Said(("Eight percent of subscribers leave each month, about two point four million dollars of revenue a year.",)),
    Said(
        (
            "We framed this as a ranking problem, because the retention team can only call a few hundred accounts "
            "a month.",
            "We aggregated events to the account, measured trends rather than levels, and ranked accounts instead "
            "of classifying them.",
            "We skipped deep models, because the data covers only two years and the team needs to explain every call.",
        ),
        pause_s=1.2,
        after_s=2.0,
    ),
    Said(
        (
            "A falling login rate is the strongest warning sign.",
            "It comes well ahead of the plan or the region of the customer.",
            "The support tickets matter too, but less than we expected.",
            "Price changes barely move the ranking at all.",
        ),
        wpm=105,
        pause_s=4.0,
    ),
    Said(
        (
            "LightGBM ranks churners best and it trains four times faster than a random forest. We compared it with "
            "a logistic regression, a random forest and a simple rule that the team uses today, and the gradient "
            "boosted model was the best on every fold, while the simple rule was far behind, which answers the "
            "question of whether we tried something simpler before reaching for a bigger model.",
        ),
        wpm=190,
    ),
    Said(
        (
            "At thirty percent precision the model finds sixty two percent of next month's churners.",
            "The PR AUC is zero point four three across five folds, and the result is stable from fold to fold.",
        ),
        pause_s=1.0,
    ),
    Said(
        (
            "The model misses new accounts, which have too little history to show a trend. For accounts younger "
            "than three months the recall drops sharply, because the features that drive the model are trends over "
            "the last month and a new account has no last month to speak of. This matters because new accounts are "
            "where the onboarding team could act early, and a missed churner costs far more than a wasted call. We "
            "looked at the errors one by one and found that most of them are accounts that signed up during a "
            "promotion, left before their second bill, and never logged in after the first week, so the signal is "
            "there but the model never sees it in time.",
        ),
    ),
    Said(
        (
            "Next we would add the first onboarding signals for new accounts, then test the save rate with the "
            "retention team.",
            "Each step has a reason and an order, and I am happy to take your questions.",
        ),
        pause_s=1.0,
        after_s=1.0,
    ),
]
