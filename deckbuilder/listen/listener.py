"""Listen to a rehearsal: sound from a source, cut into frames, each frame tagged with the slide visit it falls
in; figures per visit (speech, pauses, rate) and whether the slide's key numbers were said.

The coach tells the listener when a visit starts (`visit`) and pumps it (`pump`) from its timer; the listener
reads no clock of its own but the injected one. Sound is heard and let go a chunk at a time (what stays is a
yes/no and a loudness for every 10 ms); it is written nowhere unless `keep_audio` names a file."""

from __future__ import annotations

import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from pocketsphinx import Vad

from deckbuilder.core.rules.listen_rules import ListenRules
from deckbuilder.core.timing.heard import Heard
from deckbuilder.files.atomic import check_output, write_atomically

from .measure import Stretch, context, measure
from .sources import AudioSource, Clock, Pcm
from .spoken import spoken_forms
from .spotting import Form, Match, Spotter
from .wording import syllables_and_words


@dataclass(frozen=True)
class KeyHeard:
    """One of a slide's key numbers: as written, the forms listened for, and whether one was said."""

    written: str
    said: bool | None  # None: too short a number to listen for ("ten")
    form: str | None  # the form that matched best
    score: float  # its score in powers of ten per phone (inf when no form matched at all)
    forms: tuple[str, ...]


@dataclass(frozen=True)
class VisitFigures:
    """Everything heard during one visit of one slide."""

    slide: int
    start_s: float  # clock times
    end_s: float
    heard: Stretch
    keys: tuple[KeyHeard, ...]

    def missed(self) -> tuple[str, ...]:
        """Return the key numbers that were not said."""
        return tuple(key.written for key in self.keys if key.said is False)

    def record(self, long_pause_s: float) -> Heard:
        """Return the figures as the history keeps them (pauses counted, not listed; numbers said or missed)."""
        heard = self.heard
        return Heard(
            heard.seconds,
            heard.speech_s,
            len(heard.pauses),
            heard.pauses_over(long_pause_s),
            heard.longest_pause_s,
            heard.syllables,
            heard.words,
            tuple(key.written for key in self.keys if key.said),
            self.missed(),
        )


@dataclass
class _Visit:
    slide: int | None  # None: sound heard off any slide (before the talk, while paused)
    keys: tuple[str, ...]
    start_s: float
    ratio: float  # syllables a word
    end_s: float | None = None
    matches: list[Match] | None = None  # set when its spotting ended, best first
    reported: bool = False


class Listener:
    """The listening half of a rehearsal, fed by one audio source."""

    def __init__(
        self,
        source: AudioSource,
        rules: ListenRules,
        clock: Clock,
        keep_audio: Path | None = None,
        syllables_per_word: float | None = None,
    ) -> None:
        self.source, self.rules, self.clock = source, rules, clock
        self.keep_audio = keep_audio
        self.syllables_per_word = syllables_per_word or rules.syllables_per_word
        self.frame = round(rules.frame_s * rules.sample_rate)
        self.vad = Vad(rules.vad_mode, rules.sample_rate, rules.frame_s)
        self.spotter = Spotter(rules)
        self._visits: list[_Visit] = []
        self._starts: list[float] = []
        self._flags = bytearray()
        self._levels = np.zeros(0, dtype=np.float32)
        self._level_blocks: list[np.ndarray] = []
        self._origin: float | None = None  # clock time of frame 0
        self._pending: Pcm = np.zeros(0, dtype=np.int16)  # samples short of a whole frame
        self._previous: Pcm = np.zeros(self.frame, dtype=np.int16)  # the last frame, for overlapping windows
        self._spotting: int | None = None  # index of the visit whose forms the spotter listens for
        self._settled = 0  # visits before this index are reported without waiting for sound after them (`cut`)
        self._kept: list[Pcm] = []
        self._forms: dict[str, tuple[Form, ...]] = {}
        self.started = self.stopped = self.prepared = False
        low, high = rules.band_hz
        bins = np.fft.rfftfreq(2 * self.frame, 1 / rules.sample_rate)
        self._band = (bins >= low) & (bins <= high)
        self._window = np.hanning(2 * self.frame)

    # --- the coach's calls ---------------------------------------------------------------------------------
    def prepare(self) -> None:
        """Make sure listening can start, before the coach takes the screen: a recording is checked, a microphone
        opened now (PortAudio may print warnings of its own as it starts; they must not land on the coach's
        screen). Raises DeckError saying what is wrong."""
        if self.prepared:
            return
        if self.keep_audio is not None:
            check_output(self.keep_audio, [self.source.path] if self.source.path else [])
        self.source.prepare(self.rules.sample_rate)
        self.prepared = True

    def start(self) -> None:
        """Start hearing: a recording starts playing now (a microphone prepared earlier is already hearing)."""
        if self.started:
            return
        if not self.prepared and self.keep_audio is not None:
            check_output(self.keep_audio, [self.source.path] if self.source.path else [])
        self.source.open(self.rules.sample_rate)
        self.started = True

    @property
    def ended(self) -> bool:
        """Whether the source has nothing more to play (the end of a recording)."""
        return self.started and self.source.done()

    def visit(
        self, slide: int | None, keys: Sequence[str] = (), at: float | None = None, text: str | None = None
    ) -> None:
        """From ``at`` (clock time, now by default) what is heard belongs to a visit of ``slide`` (0-based), whose
        key numbers (as written: "0.43", "62%") are listened for; None means no slide (paused, or the talk over).
        ``text``, what the slide's notes say, tells how many syllables its words have."""
        when = self.clock() if at is None else at
        if self._visits and self._visits[-1].end_s is None:
            if when < self._visits[-1].start_s:
                raise ValueError("visits must be given in the order they happen")
            self._visits[-1].end_s = when
        self._visits.append(_Visit(slide, tuple(keys), when, self.ratio_of(text)))
        self._starts.append(when)

    def pump(self) -> None:
        """Hear everything the source has delivered so far (a microphone prepared before the talk starts is heard
        from then on: what it hears before the first visit tells the room's noise, and none piles up unheard)."""
        if not (self.started or self.prepared) or self.stopped:
            return
        while True:
            chunks = self.source.read()
            if not chunks:
                return
            for chunk in chunks:
                self._hear(chunk.start_s, chunk.samples)

    def current(self) -> VisitFigures | None:
        """Return the figures of the open visit so far (keys not judged yet), or None off any slide."""
        if not self._visits or self._visits[-1].end_s is not None or self._visits[-1].slide is None:
            return None
        visit = self._visits[-1]
        return self._figures(visit, self._heard_until(), ())

    def finished(self) -> list[VisitFigures]:
        """Return the visits that are over and fully heard, each once, in order."""
        done = []
        heard = self._heard_until()
        for index, visit in enumerate(self._visits):
            if visit.reported or visit.end_s is None or visit.slide is None:
                continue
            settled = (
                self.stopped or index < self._settled or heard >= visit.end_s + context(self.rules) * self.rules.frame_s
            )
            if not settled or visit.matches is None:
                break  # later visits wait, so they come out in order
            visit.reported = True
            done.append(self._figures(visit, visit.end_s, self._judge(visit)))
        return done

    def stop(self, at: float | None = None) -> list[VisitFigures]:
        """Stop hearing at ``at`` (now by default): hear what is left, end the open visit, close the source (and
        write the kept audio, if asked); return the visits not reported yet."""
        if self.stopped:
            return []
        when = self.clock() if at is None else at
        if self._visits and self._visits[-1].end_s is None:
            self._visits[-1].end_s = when
        if self.started:
            self.pump()
        if self.started or self.prepared:  # a microphone prepared is capturing, started or not
            self.source.close()
        self._spot_until(len(self._visits))
        self.stopped = True
        if self.keep_audio is not None and self.started:
            self._write_kept(self.keep_audio)
        return self.finished()

    def cut(self, at: float | None = None) -> list[VisitFigures]:
        """End a run at ``at`` (now by default) and keep hearing for the next one (the coach's restart): what is
        heard from now on belongs to no slide until the next ``visit``; return the run's visits not reported yet,
        judged on what has been heard so far."""
        if self.stopped:
            return []
        self.visit(None, at=at)
        self.pump()
        self._spot_until(len(self._visits) - 1)
        self._settled = len(self._visits) - 1
        return self.finished()

    def ratio_of(self, text: str | None) -> float:
        """Return the syllables a word of ``text`` as said, or the listener's own figure when it is too short
        to tell (or not given)."""
        if text:
            syllables, words = syllables_and_words(text, self.spotter.decoder.lookup_word, self.rules.spoken)
            if words >= self.rules.ratio_min_words:
                return syllables / words
        return self.syllables_per_word

    # --- hearing --------------------------------------------------------------------------------------------
    def _heard_until(self) -> float:
        if self._origin is None:
            return -np.inf
        return self._origin + len(self._flags) * self.rules.frame_s

    def _hear(self, start_s: float, samples: Pcm) -> None:
        if self._origin is None:
            self._origin = start_s
        if self.keep_audio is not None:
            self._kept.append(samples)
        expected = self._heard_until() + len(self._pending) / self.rules.sample_rate
        gap = start_s - expected
        if gap > self.rules.resync_s:  # the system dropped sound: the gap is silence, so frames stay on time
            samples = np.concatenate([np.zeros(round(gap * self.rules.sample_rate), dtype=np.int16), samples])
        samples = np.concatenate([self._pending, samples])
        whole = len(samples) // self.frame
        self._pending = samples[whole * self.frame :]
        if whole:
            self._frames(samples[: whole * self.frame].reshape(whole, self.frame))

    def _frames(self, frames: Pcm) -> None:
        first = len(self._flags)
        self._flags.extend(int(self.vad.is_speech(f.tobytes())) for f in frames)
        # Loudness of the voice band over two frames (20 ms), one value per frame.
        windows = np.concatenate([np.vstack([self._previous, frames[:-1]]), frames], axis=1).astype(np.float64)
        self._previous = frames[-1].copy()
        power = (np.abs(np.fft.rfft(windows * self._window, axis=1)) ** 2)[:, self._band].sum(axis=1)
        self._level_blocks.append((10 * np.log10(power + 1.0)).astype(np.float32))
        self._route(first, frames)

    def _route(self, first: int, frames: Pcm) -> None:
        """Hand each frame to the spotting of the visit it falls in."""
        assert self._origin is not None
        times = self._origin + (first + np.arange(len(frames))) * self.rules.frame_s
        owners = np.searchsorted(np.asarray(self._starts), times, side="right") - 1
        for owner in np.unique(owners).tolist():
            self._spot_until(owner)
            if owner >= 0 and owner == self._spotting:
                self.spotter.feed(frames[owners == owner].tobytes())

    def _spot_until(self, owner: int) -> None:
        """End the spotting of visits before ``owner``; start that visit's."""
        if self._spotting is not None and self._spotting < owner:
            self._visits[self._spotting].matches = self.spotter.end()
            self._spotting = None
        for index in range(owner):  # visits no frame fell in (too short, or with no slide)
            if self._visits[index].matches is None and index != self._spotting:
                self._visits[index].matches = []
        if 0 <= owner < len(self._visits) and self._spotting is None and self._visits[owner].matches is None:
            visit = self._visits[owner]
            forms = [f for key in visit.keys for f in self._forms_of(key)] if visit.slide is not None else []
            self.spotter.begin(forms)
            self._spotting = owner

    def _forms_of(self, written: str) -> tuple[Form, ...]:
        if written not in self._forms:
            texts = spoken_forms(written, self.rules.spoken, self.rules.max_forms)
            forms = (self.spotter.form(text) for text in texts)
            self._forms[written] = tuple(f for f in forms if f is not None and f.phones >= self.rules.min_phones)
        return self._forms[written]

    # --- figures --------------------------------------------------------------------------------------------
    def _arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._level_blocks:
            self._levels = np.concatenate([self._levels, *self._level_blocks])
            self._level_blocks = []
        return np.frombuffer(bytes(self._flags), dtype=np.uint8).astype(bool), self._levels

    def _frame_at(self, when: float) -> int:
        assert self._origin is not None
        return min(max(round((when - self._origin) / self.rules.frame_s), 0), len(self._flags))

    def noise_floor(self) -> float:
        """Return the room's loudness in the voice band (dB): the median of the frames without voice."""
        flags, levels = self._arrays()
        quiet = levels[~flags]
        return float(np.median(quiet)) if len(quiet) else float(np.percentile(levels, 5)) if len(levels) else 0.0

    def _figures(self, visit: _Visit, end_s: float, keys: tuple[KeyHeard, ...]) -> VisitFigures:
        assert visit.slide is not None
        if self._origin is None:
            empty = Stretch(max(end_s - visit.start_s, 0.0), 0.0, (), 0, 0.0, None)
            return VisitFigures(visit.slide, visit.start_s, end_s, empty, keys)
        flags, levels = self._arrays()
        start, end = self._frame_at(visit.start_s), self._frame_at(end_s)
        heard = measure(flags, levels, start, end, self.noise_floor(), self.rules, visit.ratio)
        return VisitFigures(visit.slide, visit.start_s, end_s, heard, keys)

    def _judge(self, visit: _Visit) -> tuple[KeyHeard, ...]:
        """Return each key number as said or not. Matches are taken best first, each stretch of speech going to
        one key only: where 0.82 was said, the baseline 0.84 also matches, less well, and is not said there."""
        owner = {f.text: written for written in visit.keys for f in self._forms_of(written)}
        best: dict[str, Match] = {}
        taken: list[Match] = []
        for match in visit.matches or []:
            written = owner.get(match.text)
            if written is None or (written in best and best[written] in taken):
                continue
            best.setdefault(written, match)
            if match.score <= self.rules.said_max_per_phone and not any(match.overlaps(t) for t in taken):
                best[written] = match
                taken.append(match)
        return tuple(
            KeyHeard(
                written,
                (match is not None and match in taken) if self._forms_of(written) else None,
                match.text if match else None,
                match.score if match else float("inf"),
                tuple(f.text for f in self._forms_of(written)),
            )
            for written in visit.keys
            for match in [best.get(written)]
        )

    # --- keeping ----------------------------------------------------------------------------------------------
    def _write_kept(self, path: Path) -> None:
        samples = np.concatenate(self._kept) if self._kept else np.zeros(0, dtype=np.int16)
        rate = self.rules.sample_rate

        def write(handle: BinaryIO) -> None:
            with wave.open(handle, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(rate)
                out.writeframes(samples.astype("<i2").tobytes())

        write_atomically(path, write, [self.source.path] if self.source.path else [])
        self._kept = []
