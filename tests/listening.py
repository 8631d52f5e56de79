"""A listener that hears a script instead of sound, for tests of the coach, the history and the plan: each slide
is spoken at a set rate for a set share of its time, with pauses of set lengths, and says the numbers the script
names. It keeps deckbuilder.listen's calls (start, visit, pump, current, finished, cut, stop), so the coach drives
it as it drives the real one; tests/test_listen_rehearsal.py drives the real one on speech from espeak-ng."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from deckbuilder.core.timing.heard import Heard


@dataclass(frozen=True)
class Spoken:
    """How a slide is spoken: words a minute while speaking, the share of its time spent speaking, the pauses in
    it (seconds), and which of its numbers are said (None: all of them)."""

    wpm: float = 150.0
    speaking: float = 0.85
    pauses: tuple[float, ...] = ()
    says: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Figures:
    slide: int
    start_s: float
    end_s: float
    keys: tuple[str, ...]
    spoken: Spoken

    def record(self, long_pause_s: float) -> Heard:
        seconds = self.end_s - self.start_s
        speech = seconds * self.spoken.speaking
        said = self.keys if self.spoken.says is None else tuple(k for k in self.keys if k in self.spoken.says)
        return Heard(
            seconds,
            speech,
            len(self.spoken.pauses),
            sum(p >= long_pause_s for p in self.spoken.pauses),
            max(self.spoken.pauses, default=0.0),
            round(speech / 60 * self.spoken.wpm * 1.4),
            speech / 60 * self.spoken.wpm,
            said,
            tuple(k for k in self.keys if k not in said),
        )


@dataclass
class ScriptedListener:
    """Hears each slide (0-based) as ``script`` says, on the injected clock; visits are reported when the next
    one begins (the real listener waits a little longer, for the sound after a visit's end)."""

    clock: Callable[[], float]
    script: dict[int, Spoken] = field(default_factory=dict)
    told: list[tuple[int | None, tuple[str, ...], float]] = field(default_factory=list)
    started: bool = False
    stopped: bool = False
    ended: bool = False
    _open: tuple[int, tuple[str, ...], float] | None = None
    _done: list[Figures] = field(default_factory=list)

    def start(self) -> None:
        self.started = True

    def visit(
        self, slide: int | None, keys: Sequence[str] = (), at: float | None = None, text: str | None = None
    ) -> None:
        when = self.clock() if at is None else at
        self.told.append((slide, tuple(keys), when))
        if self._open is not None:
            opened, opened_keys, start = self._open
            self._done.append(Figures(opened, start, when, opened_keys, self.script.get(opened, Spoken())))
        self._open = None if slide is None else (slide, tuple(keys), when)

    def pump(self) -> None:
        pass

    def current(self) -> Figures | None:
        if self._open is None:
            return None
        slide, _, start = self._open
        return Figures(slide, start, self.clock(), (), self.script.get(slide, Spoken()))

    def finished(self) -> list[Figures]:
        done, self._done = self._done, []
        return done

    def cut(self, at: float | None = None) -> list[Figures]:
        self.visit(None, at=at)
        return self.finished()

    def stop(self, at: float | None = None) -> list[Figures]:
        self.stopped = True
        return self.cut(at)
