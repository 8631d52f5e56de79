"""The rules of listening to a rehearsal as data (layouts/listen.yaml): speech, pauses, syllables, spotting, and
how written numbers are said. Plain data, so the Config can type its field without loading any audio library."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, eq=False, repr=False)
class SpokenRules:
    """How a written number is said: the words, and the marks written around a number."""

    digits: tuple[str, ...]  # 0 to 9
    teens: tuple[str, ...]  # 10 to 19
    tens: tuple[str, ...]  # 20, 30, ... 90
    hundred: str
    after_hundred: tuple[str, ...]  # what may join a hundred to the rest ("" or "and": one hundred and twenty)
    point: str
    minus: tuple[str, ...]
    leading_zero: tuple[str, ...]  # how the 0 of "0.43" may be said; "" when it is left out
    scales: tuple[tuple[str, int], ...]  # word and power of ten, largest first
    years: tuple[int, int]  # four digits in this range may be a year, said in pairs ("nineteen ninety")
    decimal_scales_from: int  # 2400000 may be said "two point four million" from this power of ten up
    scale_marks: dict[str, int]  # "M" -> 6
    units_after: dict[str, tuple[str, ...]]  # "%" -> ("percent",)
    currency_before: dict[str, tuple[str, ...]]  # "$" -> ("dollars", "")


@dataclass(frozen=True, eq=False, repr=False)
class ListenRules:
    """Everything listening decides by (layouts/listen.yaml)."""

    sample_rate: int
    frame_s: float
    resync_s: float  # sound this much later than the samples before it follows a gap the system dropped
    vad_mode: int
    min_speech_s: float  # shorter voice bursts are noise
    voice_above_noise_db: float  # a frame is speech only this far above the room's noise
    pause_min_s: float  # shorter silences are part of speaking
    long_pause_s: float  # the advice counts pauses at least this long
    rate_min_speech_s: float  # with less speech than this a visit has no rate
    fast_wpm: float  # a slide spoken this fast or faster ran fast ...
    fast_ratio: float  # ... and so did one at this many times the speaker's own pace
    band_hz: tuple[float, float]
    smooth_s: float
    dip_db: float
    above_noise_db: float
    below_speech_db: float
    syllables_per_word: float
    ratio_min_words: int  # a slide's own text gives its syllables a word from this many words up
    said_max_per_phone: float
    min_phones: int  # a number whose forms are all shorter than this is not listened for
    spot_beam: float
    max_forms: int
    spoken: SpokenRules


def _words(items: Any, name: str, count: int | None = None) -> tuple[str, ...]:
    words = tuple(str(item) for item in items)
    if count is not None and len(words) != count:
        raise ValueError(f"listen.yaml spoken.{name}: needs {count} words, has {len(words)}")
    return words


def parse_spoken(raw: dict[str, Any]) -> SpokenRules:
    """Read the `spoken` part of listen.yaml."""
    scales = tuple(sorted(((str(w), int(p)) for w, p in raw["scales"].items()), key=lambda s: -s[1]))
    return SpokenRules(
        digits=_words(raw["digits"], "digits", 10),
        teens=_words(raw["teens"], "teens", 10),
        tens=_words(raw["tens"], "tens", 8),
        hundred=str(raw["hundred"]),
        after_hundred=tuple(str(w or "") for w in raw["after_hundred"]),
        point=str(raw["point"]),
        minus=_words(raw["minus"], "minus"),
        leading_zero=_words(raw["leading_zero"], "leading_zero"),
        scales=scales,
        years=(int(raw["years"][0]), int(raw["years"][1])),
        decimal_scales_from=int(raw["decimal_scales_from"]),
        scale_marks={str(mark): int(power) for mark, power in raw["scale_marks"].items()},
        units_after={str(mark): _words(said, mark) for mark, said in raw["units_after"].items()},
        currency_before={str(mark): _words(said, mark) for mark, said in raw["currency_before"].items()},
    )


def parse_listen_rules(raw: dict[str, Any]) -> ListenRules:
    """Read listen.yaml."""
    syllables, spotting, advice = raw["syllables"], raw["spotting"], raw["advice"]
    low, high = (float(hz) for hz in syllables["band_hz"])
    rules = ListenRules(
        sample_rate=int(raw["sample_rate"]),
        frame_s=float(raw["frame_s"]),
        resync_s=float(raw["resync_s"]),
        vad_mode=int(raw["vad_mode"]),
        min_speech_s=float(raw["min_speech_s"]),
        voice_above_noise_db=float(raw["voice_above_noise_db"]),
        pause_min_s=float(raw["pause_min_s"]),
        long_pause_s=float(raw["long_pause_s"]),
        rate_min_speech_s=float(raw["rate_min_speech_s"]),
        fast_wpm=float(advice["fast_wpm"]),
        fast_ratio=float(advice["fast_ratio"]),
        band_hz=(low, high),
        smooth_s=float(syllables["smooth_s"]),
        dip_db=float(syllables["dip_db"]),
        above_noise_db=float(syllables["above_noise_db"]),
        below_speech_db=float(syllables["below_speech_db"]),
        syllables_per_word=float(syllables["syllables_per_word"]),
        ratio_min_words=int(syllables["ratio_min_words"]),
        said_max_per_phone=float(spotting["said_max_per_phone"]),
        min_phones=int(spotting["min_phones"]),
        spot_beam=float(spotting["beam"]),
        max_forms=int(spotting["max_forms"]),
        spoken=parse_spoken(raw["spoken"]),
    )
    if not 0 <= rules.vad_mode <= 3:
        raise ValueError("listen.yaml vad_mode: must be 0 to 3")
    if not 0 < low < high < rules.sample_rate / 2:
        raise ValueError("listen.yaml syllables.band_hz: needs two frequencies under half the sample rate")
    return rules
