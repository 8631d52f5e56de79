"""Listening to speech: a ten-slide talk spoken by espeak-ng at 120, 150 and 180 words a minute, with pauses of
known length, heard through the same path as a recording (`--audio`), as fast as it can be read.

What every figure should be comes from how the talk was put together (tests/speech.py), never from the listener.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckbuilder.core.rules.config import default_config

from .speech import GAPS, MOVE, TALK, Slide, Talk, make_talk, need_espeak


@pytest.fixture(autouse=True)
def _espeak() -> None:
    need_espeak()


RULES = default_config().listen


def listen_to(talk: Talk) -> list:
    from deckbuilder.listen import open_listener

    listener = open_listener(
        talk.path, default_config(), lambda: 0.0, realtime=False, deck_text=" ".join(s.notes() for s in TALK)
    )
    listener.start()
    for truth, slide in zip(talk.visits, TALK, strict=True):
        listener.visit(truth.slide, [slide.key], at=truth.start_s, text=slide.notes())
    listener.pump()
    return listener.stop(at=talk.visits[-1].end_s)


@pytest.fixture(scope="module", params=[120, 150, 180], ids=lambda wpm: f"{wpm}wpm")
def heard(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Talk, list]:
    need_espeak()
    talk = make_talk(TALK, request.param, tmp_path_factory.mktemp("talk"), GAPS, MOVE)
    return talk, listen_to(talk)


def test_every_visit_is_reported_once_in_order(heard: tuple[Talk, list]) -> None:
    talk, figures = heard
    assert [f.slide for f in figures] == list(range(len(TALK)))
    assert [round(f.start_s, 3) for f in figures] == [round(t.start_s, 3) for t in talk.visits]


def test_speaking_seconds_within_half_a_second(heard: tuple[Talk, list]) -> None:
    talk, figures = heard
    for truth, got in zip(talk.visits, figures, strict=True):
        assert abs(got.heard.speech_s - truth.speech_s) <= 0.5, (truth.slide, got.heard.speech_s, truth.speech_s)
        visit_s = truth.end_s - truth.start_s
        assert got.heard.silence_s == pytest.approx(visit_s - got.heard.speech_s, abs=0.02)


def test_speaking_rate_within_fifteen_percent(heard: tuple[Talk, list]) -> None:
    talk, figures = heard
    for truth, got in zip(talk.visits, figures, strict=True):
        assert got.heard.wpm is not None
        assert abs(got.heard.wpm / truth.wpm - 1) <= 0.15, (truth.slide, got.heard.wpm, truth.wpm)


def test_every_pause_of_two_seconds_is_found(heard: tuple[Talk, list]) -> None:
    talk, figures = heard
    for truth, got in zip(talk.visits, figures, strict=True):
        found = list(got.heard.pauses)
        for want in truth.pauses(2.0):
            close = [p for p in found if abs(p - want) <= 0.3]
            assert close, (truth.slide, want, found)
            found.remove(close[0])
        # and no long pause where the speaker spoke
        every = truth.pauses(RULES.pause_min_s - 0.3)
        for extra in (p for p in found if p >= 2.0):
            assert any(abs(extra - p) <= 0.3 for p in every), (truth.slide, extra, every)
        longest = max(truth.pauses(0.0))
        if longest >= 2.0:
            assert got.heard.longest_pause_s == pytest.approx(longest, abs=0.3)
        # pauses over 3 s, as the advice counts them (a pause of 3.0 s may be heard as 2.95)
        assert len(truth.pauses(3.3)) <= got.heard.pauses_over(3.0) <= len(truth.pauses(2.7))


def test_key_numbers_said_or_left_out_are_judged_right(heard: tuple[Talk, list]) -> None:
    talk, figures = heard
    right = [got.keys[0].said is truth.said for truth, got in zip(talk.visits, figures, strict=True)]
    assert sum(right) >= 9, [(t.key, t.said, g.keys[0]) for t, g in zip(talk.visits, figures, strict=True)]
    assert sum(not t.said for t in talk.visits) == 4  # the talk really leaves numbers out


def test_a_slide_of_pure_silence_has_no_speech_and_no_rate(tmp_path: Path) -> None:
    quiet = [Slide(("Here is the only sentence of this talk, said once.",), "1%", "one percent")]
    talk = make_talk(quiet, 150, tmp_path, [6.0], [1.0], lead_s=5.0)
    from deckbuilder.listen import open_listener

    listener = open_listener(talk.path, default_config(), lambda: 0.0, realtime=False)
    listener.start()
    listener.visit(0, ["1%"], at=0.0)
    listener.visit(1, ["1%"], at=4.5)  # the speaker clicks on before speaking ...
    listener.visit(2, [], at=talk.visits[0].speech[0][1] + 0.5)  # ... and past the sentence into silence
    listener.pump()
    lead, spoken, silent = listener.stop(at=talk.seconds)
    assert lead.heard.speech_s == 0 and lead.heard.wpm is None and lead.heard.pauses == (4.5,)
    assert spoken.heard.speech_s == pytest.approx(talk.visits[0].speech_s, abs=0.3)
    assert silent.heard.speech_s == 0 and silent.heard.longest_pause_s == pytest.approx(silent.heard.seconds)
