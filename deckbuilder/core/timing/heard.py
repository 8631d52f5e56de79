"""What listening heard on a slide, as the coach, the history and the kept-run file hold it, and what it says
about a slide that ran over: said too much for its budget at the speaker's pace (cut), or said it slowly or
with long pauses (practise). Pure arithmetic; `deck rehearse --listen` fills it (deckbuilder/listen)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from deckbuilder.core.timing.talk import TimedSlide


@dataclass(frozen=True)
class Heard:
    """The figures of one slide visit, or of several visits of one slide added up (`added`)."""

    seconds: float
    speech_s: float
    pauses: int  # silences of pause_min_s or more (listen.yaml)
    long_pauses: int  # of long_pause_s or more
    longest_pause_s: float
    syllables: int
    words: float  # syllables over the syllables a word of the slide's notes
    said: tuple[str, ...] = ()  # the slide's key numbers heard, as written ("0.43")
    missed: tuple[str, ...] = ()  # listened for and not heard

    @property
    def silence_s(self) -> float:
        """Return the seconds without speech."""
        return max(self.seconds - self.speech_s, 0.0)

    def wpm(self, least_speech_s: float) -> float | None:
        """Return the words a minute of speaking; None with less than ``least_speech_s`` of speech to tell."""
        return self.words / self.speech_s * 60 if self.speech_s >= least_speech_s and self.speech_s > 0 else None

    def __add__(self, other: Heard) -> Heard:
        """Add two visits of one slide: a number counts as said if either visit heard it."""
        said = tuple(dict.fromkeys(self.said + other.said))
        missed = tuple(k for k in dict.fromkeys(self.missed + other.missed) if k not in said)
        return Heard(
            self.seconds + other.seconds,
            self.speech_s + other.speech_s,
            self.pauses + other.pauses,
            self.long_pauses + other.long_pauses,
            max(self.longest_pause_s, other.longest_pause_s),
            self.syllables + other.syllables,
            self.words + other.words,
            said,
            missed,
        )


def added(visits: Iterable[Heard]) -> Heard | None:
    """Return the visits added up, or None when there are none."""
    total: Heard | None = None
    for visit in visits:
        total = visit if total is None else total + visit
    return total


@dataclass(frozen=True)
class OwnPace:
    """The speaker's own pace over a run (or several): words a minute of speaking, and the share of a slide's
    time they spend speaking (the rest is pauses, breaths and looking at the slide)."""

    wpm: float
    speaking: float

    def words_in(self, seconds: float) -> float:
        """Return how many words ``seconds`` of a slide hold at this pace."""
        return seconds * self.speaking * self.wpm / 60

    def seconds_for(self, words: float) -> float:
        """Return how long a slide takes to say ``words`` at this pace."""
        return words / (self.wpm / 60) / self.speaking if self.wpm > 0 and self.speaking > 0 else 0.0


def own_pace(heard: Iterable[Heard], least_speech_s: float) -> OwnPace | None:
    """Return the pace of these slides together (the talk's main slides), or None with too little speech."""
    total = added(heard)
    if total is None or total.seconds <= 0:
        return None
    wpm = total.wpm(least_speech_s)
    return None if wpm is None else OwnPace(wpm, total.speech_s / total.seconds)


@dataclass(frozen=True)
class Cause:
    """Why a slide ran over its budget, as far as listening tells."""

    slide: TimedSlide
    over_s: float
    heard: Heard
    cut: bool  # True: said more than the budget holds at the speaker's pace; False: said slowly or with pauses
    words_over: int  # words past what the budget holds at the speaker's pace (cut)
    wpm: float | None


def causes(
    rows: Sequence[tuple[TimedSlide, float, Heard | None]], pace: OwnPace, tolerance_s: float, least_speech_s: float
) -> list[Cause]:
    """Return, worst first, the cause of every slide that ran over its budget by more than ``tolerance_s`` and
    was heard: a slide whose words take longer than its budget at the speaker's own pace holds too much (cut);
    one whose words fit ran over by speaking slowly or pausing (practise)."""
    found = []
    for slide, actual_s, heard in rows:
        if slide.budget_s is None or heard is None or actual_s - slide.budget_s <= tolerance_s:
            continue
        needs_s = pace.seconds_for(heard.words)
        cut = needs_s > slide.budget_s + tolerance_s
        over_words = round(heard.words - pace.words_in(slide.budget_s))
        found.append(Cause(slide, actual_s - slide.budget_s, heard, cut, max(over_words, 0), heard.wpm(least_speech_s)))
    return sorted(found, key=lambda c: -c.over_s)


def fast_from(pace: OwnPace | None, fast_wpm: float, fast_ratio: float) -> float:
    """Return the rate from which a slide ran fast: ``fast_wpm``, or ``fast_ratio`` times the speaker's own pace
    when that is higher (a quick speaker is not told every slide ran fast; their pace itself is said)."""
    return max(fast_wpm, pace.wpm * fast_ratio) if pace is not None else fast_wpm


def ran_fast(
    rows: Sequence[tuple[TimedSlide, Heard | None]],
    pace: OwnPace,
    least_speech_s: float,
    fast_wpm: float,
    fast_ratio: float,
) -> list[tuple[TimedSlide, float]]:
    """Return (slide, words a minute) of the slides spoken fast (see `fast_from`), fastest first."""
    fast = []
    for slide, heard in rows:
        wpm = heard.wpm(least_speech_s) if heard is not None else None
        if wpm is not None and wpm >= fast_from(pace, fast_wpm, fast_ratio):
            fast.append((slide, wpm))
    return sorted(fast, key=lambda item: -item[1])
