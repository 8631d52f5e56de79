"""Durations are read in every form the outline allows and printed as m:ss."""

from __future__ import annotations

import pytest

from deckbuilder.core.text.durations import (
    DurationError,
    format_duration,
    format_signed,
    parse_duration,
    spell_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("12m", 720),
        ("12:00", 720),
        ("720s", 720),
        ("11m30s", 690),
        ("11m 30s", 690),
        (12, 720),
        (11.5, 690),
        ("12", 720),
        ("12 min", 720),
        ("45s", 45),
        ("1:05", 65),
        ("0.5m", 30),
        ("1h", 3600),
        (" 12M ", 720),
    ],
)
def test_parse_accepts_every_documented_form(text: object, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["twelve", "12x", "12:75", "", "m12", True, None, [1], "-3m", -2])
def test_parse_rejects_nonsense(text: object) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


def test_format_round_trips() -> None:
    assert format_duration(720) == "12:00"
    assert format_duration(65) == "1:05"
    assert format_duration(-70) == "-1:10"
    assert format_duration(3725) == "1:02:05"
    assert format_signed(45) == "+0:45"
    assert format_signed(-45) == "-0:45"
    for seconds in (45, 60, 690, 720):
        assert parse_duration(spell_duration(seconds)) == seconds
