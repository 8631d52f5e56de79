"""How a written number is said: "0.43" -> "zero point four three", "point four three"; "$2.4M" -> "two point
four million dollars". The words and the marks come from layouts/listen.yaml (SpokenRules); the usual form is
first. Pure text: no audio library is needed to ask what a number sounds like."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from deckbuilder.core.rules.listen_rules import SpokenRules


@dataclass(frozen=True)
class Written:
    """A number as written, taken apart: sign, digits before and after the point, and the marks around it."""

    negative: bool
    whole: str  # digits before the point, commas removed ("" for ".43")
    decimals: str  # digits after the point
    grouped: bool  # written with thousands commas ("1,200"), so never read as a year
    scale: int  # power of ten of a mark such as "M" (0 when none)
    unit: str  # the mark after it ("%", "x"), "" when none
    currency: str  # the mark before it ("$"), "" when none


def _alternation(marks: object) -> str:
    return "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))  # type: ignore[call-overload]


@cache
def _pattern(rules: SpokenRules) -> re.Pattern[str]:
    currency, scales, units = (
        _alternation(rules.currency_before),
        _alternation(rules.scale_marks),
        _alternation(rules.units_after),
    )
    return re.compile(
        rf"(?P<sign>[-−])?(?P<currency>{currency})?(?P<sign2>[-−])?"
        r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<decimals>\d+))?"
        rf"\s?(?P<scale>{scales})?\s?(?P<unit>{units})?"
    )


def parse_written(text: str, rules: SpokenRules) -> Written | None:
    """Return ``text`` taken apart as a number, or None when it is not one number."""
    match = _pattern(rules).fullmatch(text.strip())
    if match is None or not (match["whole"] or match["decimals"]):
        return None
    whole = match["whole"] or ""
    return Written(
        negative=bool(match["sign"] or match["sign2"]),
        whole=whole.replace(",", ""),
        decimals=match["decimals"] or "",
        grouped="," in whole,
        scale=rules.scale_marks[match["scale"]] if match["scale"] else 0,
        unit=match["unit"] or "",
        currency=match["currency"] or "",
    )


def cardinal(number: int, rules: SpokenRules) -> list[str]:
    """Return the usual words of a whole number: 62 -> sixty two, 1200 -> one thousand two hundred."""
    return cardinals(number, rules)[0]


def cardinals(number: int, rules: SpokenRules) -> list[list[str]]:
    """Return every way ``rules`` say a whole number, the usual first ("one hundred and twenty" too)."""
    if number < 10:
        return [[rules.digits[number]]]
    if number < 20:
        return [[rules.teens[number - 10]]]
    if number < 100:
        tens, ones = divmod(number, 10)
        return [[rules.tens[tens - 2]] + ([rules.digits[ones]] if ones else [])]
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = [rules.digits[hundreds], rules.hundred]
        if not rest:
            return [head]
        joins = [[join] if join else [] for join in rules.after_hundred]
        return [[*head, *join, *tail] for join in joins for tail in cardinals(rest, rules)]
    for word, power in rules.scales:
        if number >= 10**power:
            high, rest = divmod(number, 10**power)
            tails = cardinals(rest, rules) if rest else [[]]
            return [[*head, word, *tail] for head in cardinals(high, rules) for tail in tails]
    raise ValueError(f"{number} is larger than the largest scale word can say")  # pragma: no cover


def _digits(digits: str, rules: SpokenRules) -> list[str]:
    return [rules.digits[int(d)] for d in digits]


def _whole_forms(whole: str, grouped: bool, rules: SpokenRules) -> list[list[str]]:
    """Every usual way to say the digits before the point."""
    number = int(whole or "0")
    forms = cardinals(number, rules)
    if 1100 <= number < 10000 and number % 100 == 0 and number % 1000:
        forms.append([*cardinal(number // 100, rules), rules.hundred])  # twelve hundred
    first, last = rules.years
    if not grouped and first <= number <= last and number % 100 >= 10:
        forms.append(cardinal(number // 100, rules) + cardinal(number % 100, rules))  # twenty twenty four
    return forms


def _scaled(number: int, rules: SpokenRules) -> list[list[str]]:
    """A round large number said as a short decimal and a scale word: 2400000 -> two point four million."""
    forms = []
    for word, power in rules.scales:
        if power < rules.decimal_scales_from:
            break
        high, rest = divmod(number, 10**power)
        if high and rest and rest % 10 ** (power - 1) == 0:
            forms.append([*cardinal(high, rules), rules.point, *_digits(str(rest // 10 ** (power - 1)), rules), word])
            break
    return forms


def _number_forms(written: Written, rules: SpokenRules) -> list[list[str]]:
    """The forms of the number itself, scale word included, without sign or unit."""
    scale_words = [w for w, p in rules.scales if p == written.scale] if written.scale else []
    if written.scale and not scale_words:
        return []  # a mark whose power of ten has no word
    forms: list[list[str]] = []
    decimals = written.decimals
    for said_decimals in dict.fromkeys([decimals, decimals.rstrip("0")]):
        after = [rules.point, *_digits(said_decimals, rules)] if said_decimals else []
        if written.whole in ("", "0") and said_decimals:
            forms.extend(([lead] if lead else []) + after for lead in rules.leading_zero)
        else:
            forms.extend(whole + after for whole in _whole_forms(written.whole, written.grouped, rules))
    if not decimals and not written.scale:
        forms.extend(_scaled(int(written.whole), rules))
    return [form + scale_words for form in forms]


def spoken_forms(text: str, rules: SpokenRules, limit: int | None = None) -> tuple[str, ...]:
    """Return the ways a written number is said, the usual first ("62%" -> "sixty two percent"); none when
    ``text`` is not one number."""
    written = parse_written(text, rules)
    if written is None:
        return ()
    signs = [[word] for word in rules.minus] if written.negative else [[]]
    units = [said.split() for said in rules.units_after[written.unit]] if written.unit else [[]]
    currencies = [said.split() for said in rules.currency_before[written.currency]] if written.currency else [[]]
    forms = [
        " ".join(sign + number + unit + currency)
        for number, sign, unit, currency in itertools.product(_number_forms(written, rules), signs, units, currencies)
    ]
    unique = tuple(dict.fromkeys(form for form in forms if form))
    return unique[:limit] if limit is not None else unique
