"""The coach's listening half (`deck rehearse --listen`): the listener told of every slide change and pause,
the figures of each visit handed back to be recorded, the slide's rate so far for the live screen, and what a
whole run's figures say for the end screen.

The listener itself is deckbuilder.listen, which the coach never imports: the command opens it and passes it in
as a `Listener` (the protocol below), so the rehearsal runs the same with or without the extra installed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from deckbuilder.core.rules.listen_rules import ListenRules
from deckbuilder.core.timing.deck_format import notes_body
from deckbuilder.core.timing.heard import Cause, Heard, OwnPace, added, causes, own_pace, ran_fast
from deckbuilder.core.timing.talk import TimedSlide

from .deck_reader import Deck
from .drill import content_of


class HeardVisit(Protocol):
    """One slide visit as the listener reports it."""

    @property
    def slide(self) -> int: ...  # 0-based

    @property
    def start_s(self) -> float: ...  # the clock time the coach gave when the visit began

    def record(self, long_pause_s: float) -> Heard: ...


class Listener(Protocol):
    """What the coach calls on the listener (deckbuilder.listen.Listener)."""

    @property
    def ended(self) -> bool: ...

    def start(self) -> None: ...

    def visit(
        self, slide: int | None, keys: Sequence[str] = (), at: float | None = None, text: str | None = None
    ) -> None: ...

    def pump(self) -> None: ...

    def current(self) -> HeardVisit | None: ...

    def finished(self) -> Sequence[HeardVisit]: ...

    def cut(self, at: float | None = None) -> Sequence[HeardVisit]: ...

    def stop(self, at: float | None = None) -> Sequence[HeardVisit]: ...


@dataclass(frozen=True)
class KeyNumber:
    """A number a slide shows that the speaker should say, and how the end screen names it."""

    written: str  # as the slide writes it: "0.43", "$2.4M"
    named: str  # "PR-AUC 0.43", "the baseline 0.08", "6% in the title"


_NUMBERISH = re.compile(r"^[-−+~≈]?[$£€]?\d")
_EDGE = ".,;:!?()[]\"'“”‘’"


def key_numbers(deck: Deck) -> tuple[tuple[KeyNumber, ...], ...]:
    """Return each slide's key numbers, as the deck records them: its metric callouts' values and baselines (read
    back from their lines, as the drill reads them), then the numbers of its title. A number appears once."""
    found = []
    for slide in content_of(deck).slides:
        keys: dict[str, KeyNumber] = {}
        for metric in slide.metrics:
            for written, named in ((metric.value, f"{metric.metric} {metric.value}"),
                                   (metric.baseline, f"the baseline {metric.baseline}")):  # fmt: skip
                if written and written.isprintable() and written not in keys:
                    keys[written] = KeyNumber(written, named)
        for word in slide.title.split():
            bare = word.strip(_EDGE)
            if _NUMBERISH.match(bare) and bare.isprintable() and bare not in keys:
                keys[bare] = KeyNumber(bare, f"{bare} in the title")
        found.append(tuple(keys.values()))
    return tuple(found)


class Hearing:
    """One sitting's listening: the listener, the slides' key numbers and notes, and what each run heard."""

    LIVE_EVERY_S = 1.0  # the open visit's figures are worked out this often, not at every redraw

    def __init__(
        self, listener: Listener, keys: tuple[tuple[KeyNumber, ...], ...], notes: tuple[str, ...], rules: ListenRules
    ) -> None:
        self.listener, self.keys, self.notes, self.rules = listener, keys, notes, rules
        self.heard: dict[int, list[Heard]] = {}  # this run's visits, by 0-based slide
        self.started = False
        self._owners: dict[tuple[float, int], float] = {}  # a visit's start and slide -> the coach's visit
        self._live: tuple[float, int, Heard | None] | None = None  # when, for which slide, what
        self._listening = False  # a slide visit is open (not paused, not between runs)

    @classmethod
    def of(cls, listener: Listener, deck: Deck, slides: Sequence[TimedSlide], rules: ListenRules) -> Hearing:
        """Return the hearing of ``deck``'s slides (timed as ``slides``) by ``listener``: the numbers of the talk's
        own slides are listened for, not those of backup slides (shown for questions, if at all)."""
        keys = tuple(k if s.main else () for k, s in zip(key_numbers(deck), slides, strict=True))
        return cls(listener, keys, tuple(notes_body(s.notes) for s in deck.slides), rules)

    def hear(self, now: float, slide: int | None, visit_start_s: float = 0.0) -> None:
        """From ``now`` what is said belongs to ``slide`` (0-based; None: paused or between runs), to the coach's
        visit that began at ``visit_start_s`` on the talk clock."""
        if slide is None and not self._listening:
            return
        if not self.started:
            self.listener.start()
            self.started = True
        if slide is None:
            self.listener.visit(None, at=now)
        else:
            keys = [k.written for k in self.keys[slide]]
            self.listener.visit(slide, keys, at=now, text=self.notes[slide])
            self._owners[(now, slide)] = visit_start_s
        self._listening = slide is not None
        self._live = None

    def pump(self, store: Callable[[int, float, Heard], None]) -> None:
        """Hear what came in, and hand every visit that is over to ``store`` (slide, coach visit start, figures)."""
        self.listener.pump()
        self._store(self.listener.finished(), store)

    def end_run(self, now: float, store: Callable[[int, float, Heard], None]) -> None:
        """The run ended at ``now``: its last visits are judged on what was heard and handed to ``store``."""
        if self.started:
            self._store(self.listener.cut(at=now), store)
        self._listening = False

    def new_run(self) -> None:
        """Forget the figures of the run that ended (they are recorded); the next run starts empty."""
        self.heard = {}
        self._live = None

    def close(self) -> None:
        """Stop listening for good (the microphone is released, a kept recording written)."""
        self.listener.stop()

    def _store(self, visits: Sequence[HeardVisit], store: Callable[[int, float, Heard], None]) -> None:
        for visit in visits:
            slide = visit.slide
            visit_start = self._owners.pop((visit.start_s, slide), 0.0)
            figures = visit.record(self.rules.long_pause_s)
            if figures.seconds <= 0:  # a slide passed without a moment on it, as the coach keeps no such visit
                continue
            self.heard.setdefault(slide, []).append(figures)
            self._live = None
            store(slide, visit_start, figures)

    def live(self, now: float, slide: int) -> Heard | None:
        """Return what this run heard on ``slide`` so far, its open visit included (worked out once a second)."""
        if self._live is not None and self._live[1] == slide and now - self._live[0] < self.LIVE_EVERY_S:
            return self._live[2]
        done = list(self.heard.get(slide, []))
        current = self.listener.current() if self._listening else None
        if current is not None and current.slide == slide:
            done.append(current.record(self.rules.long_pause_s))
        figures = added(done)
        self._live = (now, slide, figures)
        return figures

    @property
    def ended(self) -> bool:
        """Whether the recording played has come to its end (a microphone never does)."""
        return self.started and self.listener.ended


@dataclass(frozen=True)
class HeardRun:
    """What a run's listening says, for the end screen."""

    slides: tuple[Heard | None, ...]  # by 0-based slide, its visits added up
    pace: OwnPace | None  # the speaker's own pace over the talk's main slides
    causes: tuple[Cause, ...]  # why each slide over its budget ran over
    fast: tuple[tuple[TimedSlide, float], ...]  # slides spoken fast, with their rate
    unsaid: tuple[tuple[TimedSlide, KeyNumber], ...]  # key numbers of main slides never heard
    rules: ListenRules

    def wpm(self, slide: int) -> float | None:
        """Return a slide's rate (0-based), or None when it was not heard long enough to tell."""
        figures = self.slides[slide]
        return None if figures is None else figures.wpm(self.rules.rate_min_speech_s)


def judge_run(
    slides: Sequence[TimedSlide],
    actuals: Sequence[float],
    hearing: Hearing,
    tolerance_s: float,
) -> HeardRun:
    """Return what the run ``hearing`` holds says: the speaker's pace, why slides ran over, which ran fast, and
    the key numbers left unsaid."""
    rules = hearing.rules
    heard = tuple(added(hearing.heard.get(i, [])) for i in range(len(slides)))
    spoken = [(s, h) for s, h in zip(slides, heard, strict=True) if s.main and s.budget_s is not None]
    pace = own_pace((h for _, h in spoken if h is not None), rules.rate_min_speech_s)
    rows = [(s, a, h) for s, a, h in zip(slides, actuals, heard, strict=True) if s.main]
    why = causes(rows, pace, tolerance_s, rules.rate_min_speech_s) if pace is not None else []
    fast = ran_fast(spoken, pace, rules.rate_min_speech_s, rules.fast_wpm, rules.fast_ratio) if pace else []
    unsaid = []
    for i, (slide, figures) in enumerate(zip(slides, heard, strict=True)):
        if slide.main and figures is not None:
            unsaid += [(slide, key) for key in hearing.keys[i] if key.written in figures.missed]
    return HeardRun(heard, pace, tuple(why), tuple(fast), tuple(unsaid), rules)
