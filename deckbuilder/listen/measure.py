"""The figures of a stretch of talk from its frames: where the speaker spoke and paused, and how many syllables
(so words) they said. Pure arithmetic on two arrays, one value a frame: the voice detector's yes/no and the
loudness of the voice band in dB."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from deckbuilder.core.rules.listen_rules import ListenRules

Flags = npt.NDArray[np.bool_]
Levels = npt.NDArray[np.float32]
Runs = list[tuple[int, int]]  # [start, end) in frames


def runs_of(flags: Flags) -> Runs:
    """Return the [start, end) frame ranges where ``flags`` is true."""
    padded = np.concatenate([[False], flags, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def speaking(flags: Flags, levels: Levels, noise_db: float, rules: ListenRules) -> Runs:
    """Return the stretches of speaking. A burst of voice is dropped when it is too short to be speech, or never
    louder than the room's hiss (where the detector hears voice now and then); silences too short to be a pause
    are bridged (a breath or a sentence break is part of speaking)."""
    shortest = round(rules.min_speech_s / rules.frame_s)
    bridged = round(rules.pause_min_s / rules.frame_s)
    loud = noise_db + rules.voice_above_noise_db
    merged: Runs = []
    for start, end in runs_of(flags):
        if end - start < shortest or float(levels[start:end].max()) < loud:
            continue
        if merged and start - merged[-1][1] < bridged:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def context(rules: ListenRules) -> int:
    """Return how many frames beyond a stretch's ends decide what it holds (a pause or a breath at an edge)."""
    return round((rules.pause_min_s + rules.min_speech_s) / rules.frame_s) + 1


def clip(runs: Runs, start: int, end: int) -> Runs:
    """Return ``runs`` cut to [start, end)."""
    return [(max(a, start), min(b, end)) for a, b in runs if b > start and a < end]


def syllable_peaks(levels: Levels, spoken: Flags, noise_db: float, rules: ListenRules) -> list[int]:
    """Return the frames where a syllable's nucleus is: a loudness peak while speaking, well above the room's
    noise and not far under the speech's median loudness, with a dip of at least ``dip_db`` between it and the
    previous nucleus (else the two are one syllable)."""
    width = max(round(rules.smooth_s / rules.frame_s), 1)
    if len(levels) < max(width, 3) or not spoken.any():
        return []
    smooth = np.convolve(levels.astype(np.float64), np.ones(width) / width, mode="same")
    floor = max(noise_db + rules.above_noise_db, float(np.median(smooth[spoken])) - rules.below_speech_db)
    middle = smooth[1:-1]
    rising = (middle >= smooth[:-2]) & (middle > smooth[2:])
    candidates = np.flatnonzero(rising & spoken[1:-1] & (middle >= floor)) + 1
    kept: list[int] = []
    for peak in candidates.tolist():
        if kept:
            previous = kept[-1]
            dip = float(smooth[previous : peak + 1].min())
            if dip > min(smooth[previous], smooth[peak]) - rules.dip_db:
                if smooth[peak] > smooth[previous]:
                    kept[-1] = peak  # one syllable: keep its louder top
                continue
        kept.append(peak)
    return kept


@dataclass(frozen=True)
class Stretch:
    """What was heard over one stretch of frames (a slide visit, or the open visit so far)."""

    seconds: float
    speech_s: float
    pauses: tuple[float, ...]  # every silence of at least pause_min_s, in order, in seconds
    syllables: int
    words: float
    wpm: float | None  # words a minute of speaking; None with too little speech to tell

    @property
    def silence_s(self) -> float:
        """Return the seconds without speech."""
        return max(self.seconds - self.speech_s, 0.0)

    @property
    def longest_pause_s(self) -> float:
        """Return the longest pause (0 when there was none)."""
        return max(self.pauses, default=0.0)

    def pauses_over(self, seconds: float) -> int:
        """Return how many pauses lasted at least ``seconds``."""
        return sum(pause >= seconds for pause in self.pauses)


def measure(
    flags: Flags,
    levels: Levels,
    start: int,
    end: int,
    noise_db: float,
    rules: ListenRules,
    syllables_per_word: float,
) -> Stretch:
    """Return the figures of frames [start, end) of a session's arrays; frames around it are context, so a
    pause or a syllable cut by the edge is judged as a whole before it is cut."""
    around = context(rules)
    low, high = max(start - around, 0), min(end + around, len(flags))
    runs = [(a + low, b + low) for a, b in speaking(flags[low:high], levels[low:high], noise_db, rules)]
    inside = clip(runs, start, end)
    speech = sum(b - a for a, b in inside)
    edges = [start, *[x for run in inside for x in run], end]
    gaps = [(edges[i + 1] - edges[i]) * rules.frame_s for i in range(0, len(edges), 2)]
    pauses = tuple(round(g, 2) for g in gaps if g >= rules.pause_min_s)
    spoken = np.zeros(high - low, dtype=bool)
    for a, b in runs:
        spoken[a - low : b - low] = True
    peaks = syllable_peaks(levels[low:high], spoken, noise_db, rules)
    syllables = sum(start <= p + low < end for p in peaks)
    words = syllables / syllables_per_word
    speech_s = speech * rules.frame_s
    wpm = words / speech_s * 60 if speech_s >= rules.rate_min_speech_s else None
    return Stretch((end - start) * rules.frame_s, speech_s, pauses, syllables, words, wpm)
