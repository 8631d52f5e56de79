"""The arithmetic of listening, on frames made by hand: speech and pauses from the voice detector's yes/no, and
syllables from the loudness of the voice band."""

from __future__ import annotations

import numpy as np
import pytest

from deckbuilder.core.rules.config import default_config
from deckbuilder.listen.measure import measure, speaking, syllable_peaks

RULES = default_config().listen
NOISE = 40.0  # dB of the room
FRAME = RULES.frame_s


def frames(*spans: tuple[float, float], seconds: float) -> tuple[np.ndarray, np.ndarray]:
    """Return voice flags and loudness for speech over ``spans`` (seconds), the room elsewhere."""
    count = round(seconds / FRAME)
    flags = np.zeros(count, dtype=bool)
    levels = np.full(count, NOISE, dtype=np.float32)
    for start, end in spans:
        flags[round(start / FRAME) : round(end / FRAME)] = True
        levels[round(start / FRAME) : round(end / FRAME)] = NOISE + 30
    return flags, levels


def seconds(runs: list[tuple[int, int]]) -> list[tuple[float, float]]:
    return [(round(a * FRAME, 2), round(b * FRAME, 2)) for a, b in runs]


def test_breaths_are_part_of_speaking_and_a_second_of_silence_is_a_pause() -> None:
    flags, levels = frames((1.0, 3.0), (3.9, 6.0), (7.0, 9.0), seconds=10)
    assert seconds(speaking(flags, levels, NOISE, RULES)) == [(1.0, 6.0), (7.0, 9.0)]


def test_clicks_and_the_hiss_the_detector_calls_voice_are_not_speech() -> None:
    flags, levels = frames((1.0, 3.0), (4.0, 4.05), seconds=8)
    flags[round(5.0 / FRAME) : round(6.0 / FRAME)] = True  # "voice" no louder than the room
    levels[round(5.0 / FRAME) : round(6.0 / FRAME)] = NOISE + 3
    assert seconds(speaking(flags, levels, NOISE, RULES)) == [(1.0, 3.0)]


def test_a_visit_has_its_speech_its_silence_and_its_pauses_edges_included() -> None:
    flags, levels = frames((2.0, 5.0), (7.5, 10.0), seconds=12)
    heard = measure(flags, levels, 0, 1200, NOISE, RULES, 1.4)
    assert heard.seconds == pytest.approx(12.0)
    assert heard.speech_s == pytest.approx(5.5)
    assert heard.silence_s == pytest.approx(6.5)
    assert heard.pauses == (2.0, 2.5, 2.0)
    assert heard.longest_pause_s == 2.5
    assert heard.pauses_over(2.5) == 1


def test_a_breath_at_a_slide_change_is_judged_whole_before_it_is_cut() -> None:
    # The speaker clicks on 0.3 s into a 0.6 s breath: both visits are speaking up to the click.
    flags, levels = frames((0.0, 5.0), (5.6, 10.0), seconds=10)
    first = measure(flags, levels, 0, 530, NOISE, RULES, 1.4)
    second = measure(flags, levels, 530, 1000, NOISE, RULES, 1.4)
    assert (first.speech_s, first.pauses) == (pytest.approx(5.3), ())
    assert (second.speech_s, second.pauses) == (pytest.approx(4.7), ())


def test_too_little_speech_has_no_rate() -> None:
    flags, levels = frames((1.0, 1.0 + RULES.rate_min_speech_s - 0.5), seconds=10)
    assert measure(flags, levels, 0, 1000, NOISE, RULES, 1.4).wpm is None


def syllables(count: int, dip_db: float, seconds_each: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """Return loudness rising and falling ``count`` times by ``dip_db``, all of it speech."""
    per = round(seconds_each / FRAME)
    shape = (1 - np.cos(np.linspace(0, 2 * np.pi, per, endpoint=False))) / 2  # 0 .. 1 .. 0
    levels = np.concatenate([np.zeros(20), np.tile(NOISE + 30 - dip_db + dip_db * shape, count), np.zeros(20)])
    levels = np.maximum(levels, NOISE).astype(np.float32)
    spoken = np.zeros(len(levels), dtype=bool)
    spoken[20:-20] = True
    return levels, spoken


@pytest.mark.parametrize("count", [1, 5, 12])
def test_each_rise_and_fall_of_loudness_is_a_syllable(count: int) -> None:
    levels, spoken = syllables(count, dip_db=12)
    assert len(syllable_peaks(levels, spoken, NOISE, RULES)) == count


def test_a_dip_too_shallow_does_not_split_a_syllable() -> None:
    levels, spoken = syllables(6, dip_db=RULES.dip_db / 2)
    assert len(syllable_peaks(levels, spoken, NOISE, RULES)) == 1


def test_peaks_in_the_room_noise_or_outside_speech_are_not_syllables() -> None:
    levels, spoken = syllables(5, dip_db=12)
    assert syllable_peaks(levels, np.zeros_like(spoken), NOISE, RULES) == []
    assert syllable_peaks(levels, spoken, NOISE + 30, RULES) == []  # a room as loud as the voice
    assert syllable_peaks(levels[:2], spoken[:2], NOISE, RULES) == []


def test_words_and_rate_come_from_syllables_and_the_syllables_a_word() -> None:
    levels, spoken = syllables(40, dip_db=12, seconds_each=0.25)  # 40 syllables in 10 s of speech
    flags = spoken.copy()
    heard = measure(flags, levels, 0, len(flags), NOISE, RULES, 1.6)
    assert heard.syllables == 40
    assert heard.words == pytest.approx(25)
    assert heard.speech_s == pytest.approx(10.0)
    assert heard.wpm == pytest.approx(150)
