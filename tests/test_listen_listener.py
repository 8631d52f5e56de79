"""The listener as the coach drives it: visits told as they happen, pumped by a timer on the injected clock,
figures reported once each visit is over and heard; privacy (nothing written unless asked) and the extra."""

from __future__ import annotations

import json
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np
import pytest

from deckbuilder.core.rules.config import default_config
from deckbuilder.errors import DeckError

from .conftest import PYTHON
from .speech import GAPS, MOVE, RATE, TALK, Slide, Talk, make_talk, need_espeak, speak

CONFIG = default_config()
SHORT = TALK[2:5]  # a pause inside, a number left out, money


class FakeClock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Talk:
    need_espeak()
    return make_talk(SHORT, 150, tmp_path_factory.mktemp("talk"), GAPS[2:5], MOVE[2:5])


def fast(talk: Talk, slides: list[Slide], **options: object) -> list:
    from deckbuilder.listen import open_listener

    listener = open_listener(talk.path, CONFIG, lambda: 0.0, realtime=False, **options)  # type: ignore[arg-type]
    listener.start()
    for truth, slide in zip(talk.visits, slides, strict=True):
        listener.visit(truth.slide, [slide.key], at=truth.start_s, text=slide.notes())
    listener.pump()
    return listener.stop(at=talk.visits[-1].end_s)


def test_in_real_time_the_coach_gets_each_visit_once_it_is_heard_and_as_if_read_at_once(talk: Talk) -> None:
    from deckbuilder.listen import open_listener

    clock = FakeClock(1000.0)
    listener = open_listener(talk.path, CONFIG, clock)
    assert listener.current() is None
    listener.start()
    reported: list = []
    when: dict[int, float] = {}
    shown, step = 0, CONFIG.pace.redraw_s
    while clock.now - 1000.0 < talk.visits[-1].end_s:
        while shown < len(SHORT) and clock.now - 1000.0 >= talk.visits[shown].start_s:
            listener.visit(shown, [SHORT[shown].key], text=SHORT[shown].notes())  # at the clock's now
            shown += 1
        listener.pump()
        live = listener.current()
        assert live is not None and live.slide == shown - 1 and live.keys == ()
        for figures in listener.finished():
            reported.append(figures)
            when[figures.slide] = clock.now - 1000.0
        clock.now += step
    reported += listener.stop()
    assert [f.slide for f in reported] == [0, 1, 2]
    for slide in (0, 1):  # reported once the next pause could no longer be part of it, and soon after
        settled = talk.visits[slide].end_s + CONFIG.listen.pause_min_s
        assert settled <= when[slide] <= settled + 4 * step
    at_once = fast(talk, SHORT)
    for live, read in zip(reported, at_once, strict=True):
        assert abs(live.start_s - 1000.0 - read.start_s) <= step
        assert live.heard.speech_s == pytest.approx(read.heard.speech_s, abs=2 * step)
        assert live.heard.syllables == pytest.approx(read.heard.syllables, abs=2)
        assert [k.said for k in live.keys] == [k.said for k in read.keys]


def test_the_open_visit_grows_and_a_paused_talk_belongs_to_no_slide(talk: Talk) -> None:
    from deckbuilder.listen import open_listener

    clock = FakeClock()
    listener = open_listener(talk.path, CONFIG, clock)
    listener.start()
    listener.visit(0, ["0.43"])
    clock.now = 2.0
    listener.pump()
    early = listener.current()
    clock.now = 6.0
    listener.pump()
    later = listener.current()
    assert early is not None and later is not None
    assert early.heard.seconds == pytest.approx(2.0) and later.heard.seconds == pytest.approx(6.0)
    assert 0 < early.heard.speech_s < later.heard.speech_s
    listener.visit(None)  # paused
    assert listener.current() is None
    clock.now = 9.0
    listener.visit(1, ["$2.4M"])
    clock.now = 12.0
    listener.pump()
    done = listener.stop()
    assert [(f.slide, round(f.start_s, 1), round(f.end_s, 1)) for f in done] == [(0, 0.0, 6.0), (1, 9.0, 12.0)]
    another = open_listener(talk.path, CONFIG, clock)
    another.visit(0, at=10.0)
    with pytest.raises(ValueError, match="order"):
        another.visit(1, at=9.0)


def test_a_number_too_short_to_listen_for_is_neither_said_nor_missed(talk: Talk) -> None:
    from deckbuilder.listen import open_listener

    listener = open_listener(talk.path, CONFIG, lambda: 0.0, realtime=False)
    listener.start()
    listener.visit(0, ["10", "0.43", "62%"], at=0.0)
    listener.pump()
    (figures,) = listener.stop(at=talk.visits[0].end_s)
    assert [k.said for k in figures.keys] == [None, True, False]
    assert figures.keys[0].forms == () and figures.keys[1].forms == ("zero point four three", "point four three")
    assert figures.missed() == ("62%",)


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_nothing_heard_is_written_anywhere_unless_asked(
    talk: Talk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path) | _files(talk.path.parent)
    fast(talk, SHORT)
    assert _files(tmp_path) | _files(talk.path.parent) == before


def test_kept_audio_is_what_was_heard_and_never_the_recording_itself(talk: Talk, tmp_path: Path) -> None:
    kept = tmp_path / "kept.wav"
    fast(talk, SHORT, keep_audio=kept)
    with wave.open(str(kept)) as heard:
        assert (heard.getnchannels(), heard.getsampwidth(), heard.getframerate()) == (1, 2, 16000)
        assert heard.getnframes() / 16000 == pytest.approx(talk.seconds, abs=0.05)
    with pytest.raises(DeckError, match="input"):
        fast(talk, SHORT, keep_audio=talk.path)
    assert talk.path.stat().st_size > 0


def test_scores_read_as_the_search_itself_judges_them(talk: Talk, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spotter turns pocketsphinx's detections into powers of ten; the search's own threshold agrees."""
    from deckbuilder.listen import spotting
    from deckbuilder.listen.sources import WavSource

    source = WavSource(talk.path, lambda: 0.0, realtime=False)
    source.open(CONFIG.listen.sample_rate)
    sound = [c.samples.tobytes() for c in source.read() if c.start_s < talk.visits[0].end_s]
    form = spotting.Spotter(CONFIG.listen).form("zero point four three")
    assert form is not None

    def matches(threshold: float) -> list[spotting.Match]:
        monkeypatch.setattr(spotting, "THRESHOLD", threshold)
        spotter = spotting.Spotter(CONFIG.listen)
        spotter.begin([form])
        for pcm in sound:
            spotter.feed(pcm)
        return spotter.end()

    best = matches(1e-250)[0].score * form.phones  # powers of ten, for the whole form
    assert best < CONFIG.listen.said_max_per_phone * form.phones  # it was said
    assert matches(10 ** -(best + 0.2))
    assert not matches(10 ** -(best - 0.2))


def test_without_the_extra_one_error_names_the_install_command() -> None:
    script = (
        "import sys, json\n"
        "sys.modules['pocketsphinx'] = None\n"
        "from deckbuilder.errors import DeckError\n"
        "from deckbuilder.core.rules.config import default_config\n"
        "from deckbuilder.listen import open_listener\n"
        "try:\n"
        "    open_listener(None, default_config(), lambda: 0.0)\n"
        "except DeckError as error:\n"
        "    print(json.dumps(error.render()))\n"
    )
    proc = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, check=True)
    message = json.loads(proc.stdout)
    assert message == (
        "listening needs pocketsphinx, which is not installed\n"
        "  hint: install deck's listening extra: pip install 'deck[listen]'"
    )


def test_asking_whether_listening_works_loads_no_audio_library() -> None:
    script = (
        "import sys, json\n"
        "import deckbuilder.listen, deckbuilder.listen.spoken\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, check=True)
    loaded = json.loads(proc.stderr.splitlines()[-1])
    assert not [m for m in loaded if m.split(".")[0] in ("numpy", "pocketsphinx", "sounddevice")]


class Chunks:
    """A source that delivers given chunks at once, as a microphone whose blocks carry the clock's stamps."""

    path = None

    def __init__(self, chunks: list[tuple[float, np.ndarray]]) -> None:
        self.chunks = chunks

    def open(self, rate: int) -> None:
        pass

    def read(self) -> list:
        from deckbuilder.listen.sources import Chunk

        chunks, self.chunks = [Chunk(at, samples) for at, samples in self.chunks], []
        return chunks

    def done(self) -> bool:
        return not self.chunks

    def close(self) -> None:
        pass


def spoken_pcm(text: str) -> np.ndarray:
    from deckbuilder.listen.resample import Resampler
    from deckbuilder.listen.sources import to_pcm

    return to_pcm(Resampler(RATE, 16000)(speak(text, 150)))


def blocks(pcm: np.ndarray, start: float, jitter: float = 0.0) -> list[tuple[float, np.ndarray]]:
    size = 1600
    return [
        (start + i / 16000 + (jitter if (i // size) % 2 else 0.0), pcm[i : i + size]) for i in range(0, len(pcm), size)
    ]


def test_sound_the_system_dropped_is_heard_as_silence_so_later_sound_stays_on_time(talk: Talk) -> None:
    from deckbuilder.listen.listener import Listener

    words = spoken_pcm("We kept the active customers with their usage and support history.")
    seconds = len(words) / 16000
    # Blocks are stamped up to 50 ms late (a busy machine); three seconds of sound are lost in between.
    source = Chunks(blocks(words, 0.0, jitter=0.05) + blocks(words, seconds + 3.0, jitter=0.05))
    listener = Listener(source, CONFIG.listen, lambda: 0.0)
    listener.start()
    listener.visit(0, at=0.0)
    listener.visit(1, at=seconds + 1.5)
    listener.pump()
    first, second = listener.stop(at=2 * seconds + 3.0)
    assert first.heard.speech_s == pytest.approx(seconds, abs=0.3)
    assert second.heard.speech_s == pytest.approx(seconds, abs=0.3)
    assert first.heard.pauses == (pytest.approx(1.5, abs=0.3),)  # half the lost gap each
    assert second.heard.pauses == (pytest.approx(1.5, abs=0.3),)


def test_visits_never_heard_are_still_reported(talk: Talk) -> None:
    from deckbuilder.listen import open_listener

    listener = open_listener(talk.path, CONFIG, lambda: 0.0, realtime=False)
    listener.visit(0, ["0.43"], at=0.0)
    (figures,) = listener.stop(at=5.0)
    assert figures.heard.seconds == 5.0 and figures.heard.speech_s == 0 and figures.keys[0].said is False


class Waiting(Chunks):
    """A microphone opened before the talk: it delivers what it hears whenever it is read, started or not."""

    def prepare(self, rate: int) -> None:
        pass


def test_a_microphone_opened_before_the_talk_is_heard_while_waiting_and_nothing_piles_up(talk: Talk) -> None:
    from deckbuilder.listen.listener import Listener

    words = spoken_pcm("We kept the active customers with their usage and support history.")
    seconds = len(words) / 16000
    source = Waiting(blocks(np.zeros(16000 * 30, dtype=np.int16), 0.0))  # half a minute of a quiet room
    listener = Listener(source, CONFIG.listen, lambda: 0.0)
    listener.prepare()
    listener.pump()  # the coach's redraw, before the first key
    assert source.chunks == [] and listener._heard_until() == pytest.approx(30.0)
    source.chunks = blocks(words, 30.0)
    listener.start()
    listener.visit(0, at=30.0)
    listener.pump()
    (figures,) = listener.stop(at=30.0 + seconds)
    assert figures.start_s == 30.0 and figures.heard.speech_s == pytest.approx(seconds, abs=0.3)


def test_cutting_a_run_reports_its_visits_and_keeps_hearing_for_the_next(talk: Talk) -> None:
    from deckbuilder.listen import open_listener

    listener = open_listener(talk.path, CONFIG, lambda: 0.0, realtime=False)
    listener.start()
    first, second = talk.visits[0], talk.visits[1]
    listener.visit(0, [SHORT[0].key], at=first.start_s, text=SHORT[0].notes())
    (ended,) = listener.cut(at=first.end_s)  # the run ends on slide 1 (the coach's f, q or R)
    assert (ended.slide, ended.start_s, ended.end_s) == (0, first.start_s, first.end_s)
    assert ended.heard.speech_s == pytest.approx(first.speech_s, abs=0.5) and ended.keys[0].said is True
    assert listener.finished() == []  # reported once
    listener.visit(1, [SHORT[1].key], at=second.start_s, text=SHORT[1].notes())  # the next run, on slide 2
    (next_run,) = listener.stop(at=second.end_s)
    assert (next_run.slide, next_run.start_s) == (1, second.start_s)
    assert next_run.heard.speech_s == pytest.approx(second.speech_s, abs=0.5)
