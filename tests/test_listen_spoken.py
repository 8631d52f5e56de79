"""How written numbers are said (layouts/listen.yaml `spoken`): the forms keyword spotting listens for."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.listen.spoken import parse_written, spoken_forms

RULES = default_config().listen.spoken


@pytest.mark.parametrize(
    ("written", "forms"),
    [
        ("0.43", ("zero point four three", "point four three")),
        ("62%", ("sixty two percent",)),
        ("$2.4M", ("two point four million dollars", "two point four million")),
        ("5.4x", ("five point four times", "five point four x")),
        ("0.80", ("zero point eight zero", "point eight zero", "zero point eight", "point eight")),
        ("1,200", ("one thousand two hundred", "twelve hundred")),
        ("2024", ("two thousand twenty four", "twenty twenty four")),
        ("120,000", ("one hundred twenty thousand", "one hundred and twenty thousand")),
        ("-3%", ("minus three percent", "negative three percent")),
        ("12k", ("twelve thousand",)),
        ("+4.5pp", ()),  # a plus sign is not how deck writes a number
        ("1.5bn", ("one point five billion",)),
        (
            "$2,400,000",
            (
                "two million four hundred thousand dollars",
                "two million four hundred thousand",
                "two point four million dollars",
                "two point four million",
            ),
        ),
        ("€310", ("three hundred ten euros", "three hundred ten", "three hundred and ten euros")),
        ("0.5pp", ("zero point five percentage points", "zero point five points", "point five percentage points")),
    ],
)
def test_written_numbers_are_said_as_people_say_them(written: str, forms: tuple[str, ...]) -> None:
    assert spoken_forms(written, RULES)[: len(forms)] == forms
    if forms:
        assert len(spoken_forms(written, RULES)) >= len(forms)


@pytest.mark.parametrize("text", ["", "abc", "1e5", "3.", "12 monkeys", "v2", "4.5.6", "$", "%", "1,00"])
def test_what_is_not_one_number_has_no_spoken_form(text: str) -> None:
    assert parse_written(text, RULES) is None
    assert spoken_forms(text, RULES) == ()


def test_the_limit_keeps_the_usual_forms_first() -> None:
    every = spoken_forms("$2,400,000", RULES)
    assert spoken_forms("$2,400,000", RULES, limit=2) == every[:2]


# An evaluator of spoken numbers written for the test, to read every form back.
WORDS = {w: i for i, w in enumerate(RULES.digits)} | {w: 10 + i for i, w in enumerate(RULES.teens)}
WORDS |= {w: 20 + 10 * i for i, w in enumerate(RULES.tens)}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
UNITS = {"percent", "times", "x", "percentage", "points", "dollars", "pounds", "euros"}


def _whole(words: list[str]) -> int:
    pair = len(words) in (2, 3) and all(w in WORDS for w in words) and min(WORDS[w] for w in words[:2]) >= 10
    if pair:
        return WORDS[words[0]] * 100 + sum(WORDS[w] for w in words[1:])  # twenty twenty four
    total = current = 0
    for word in words:
        if word in WORDS:
            current += WORDS[word]
        elif word == "hundred":
            current *= 100
        elif word in SCALES:
            total, current = total + current * SCALES[word], 0
        else:
            assert word == "and", word
    return total + current


def read_back(form: str) -> Decimal:
    words = [w for w in form.split() if w not in UNITS]
    sign = -1 if words and words[0] in ("minus", "negative") else 1
    words = words[1:] if sign < 0 else words
    scale = 1
    if words and words[-1] in SCALES and "point" in words:
        scale, words = SCALES[words[-1]], words[:-1]
    if "point" in words:
        at = words.index("point")
        decimals = "".join(str(WORDS[w]) for w in words[at + 1 :])
        value = Decimal(f"{_whole(words[:at]) if at else 0}.{decimals}")
    else:
        value = Decimal(_whole(words))
    return sign * value * scale


MARKS = st.sampled_from(["", "%", "x", "pp"])
MONEY = st.sampled_from(["", "$", "£", "€"])


@st.composite
def written_numbers(draw: st.DrawFn) -> tuple[str, Decimal]:
    whole = draw(st.integers(min_value=0, max_value=999_999_999_999))
    decimals = draw(st.sampled_from(["", "5", "43", "08", "125", "70"]))
    grouped = draw(st.booleans()) and whole >= 1000
    text = f"{whole:,}" if grouped else str(whole)
    if decimals:
        text += "." + decimals
    scale, value = "", Decimal(f"{whole}.{decimals or 0}")
    if draw(st.booleans()) and whole < 1000:
        scale = draw(st.sampled_from(["k", "M", "bn"]))
        value *= {"k": 10**3, "M": 10**6, "bn": 10**9}[scale]
    negative = draw(st.booleans())
    return (("-" if negative else "") + draw(MONEY) + text + scale + draw(MARKS)), -value if negative else value


@given(written_numbers())
def test_every_form_says_the_number_written(case: tuple[str, Decimal]) -> None:
    written, value = case
    forms = spoken_forms(written, RULES)
    assert forms, written
    vocabulary = set(WORDS) | set(SCALES) | UNITS | {"hundred", "point", "and", "minus", "negative"}
    for form in forms:
        assert set(form.split()) <= vocabulary, form
        assert read_back(form) == value, (written, form)


def test_the_words_are_data(tmp_path: Path) -> None:
    folder = tmp_path / "layouts"
    shutil.copytree(default_config().folder, folder)
    listen = yaml.safe_load((folder / "listen.yaml").read_text(encoding="utf-8"))
    listen["spoken"]["units_after"]["%"] = ["per cent", "percent"]
    listen["spoken"]["leading_zero"] = ["oh", "nought"]
    (folder / "listen.yaml").write_text(yaml.safe_dump(listen), encoding="utf-8")
    rules = Config(folder).listen.spoken
    assert spoken_forms("0.5%", rules) == (
        "oh point five per cent",
        "oh point five percent",
        "nought point five per cent",
        "nought point five percent",
    )


def test_a_word_list_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "layouts"
    shutil.copytree(default_config().folder, folder)
    listen = yaml.safe_load((folder / "listen.yaml").read_text(encoding="utf-8"))
    listen["spoken"]["tens"] = listen["spoken"]["tens"][:-1]
    (folder / "listen.yaml").write_text(yaml.safe_dump(listen), encoding="utf-8")
    with pytest.raises(ValueError, match=r"spoken\.tens: needs 8 words"):
        Config(folder).listen  # noqa: B018
