"""Text -> tokens: words, numbers with their unit, dates, symbols and punctuation, each with its place.

A number keeps what it was written as ("0.50" stays "0.50"), its value, its unit ("%", "x", "pp" or a currency)
and its decimals, so a slide can show it as the writer did and the reader can compare it with another.
"""

import re
from typing import NamedTuple

from deckbuilder.core.rules.vocabulary import key

WORD, NUMBER, DATE, PUNCT, SYMBOL = "word", "number", "date", "punct", "symbol"

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9}
_UNITS = {"%": "%", "percent": "%", "per cent": "%", "pp": "pp", "p.p.": "pp", "x": "x", "×": "x"}
# "a 1.8-point MAE": points joined to their number by a hyphen are the number's unit
_UNITS |= {f"{dash}{word}": "pp" for dash in "-–" for word in ("point", "points")}
_TOKEN = re.compile(
    r"""
    (?P<date>\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b)
  | (?P<number>
        (?P<approx>[~≈]\s?)?
        (?P<cur>[$€£¥]\s?)?
        (?P<sign>(?<![\w.,])[-+−])?
        (?P<num>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:e[-+]?\d+)?|\.\d+)
        (?P<unit>\s?(?:%|percent\b|per\scent\b|pp\b|p\.p\.)|x\b|\s?×|\s?(?:k|mn|bn|m|b)\b|\s(?:thousand|million|billion)\b|[-–]points?\b)?
        (?![\w@]|[-–][^\W\d_])
    )
  | (?P<word>
        \d+(?:st|nd|rd|th)\b
      | \d+[-–]?[a-z][\w'’]*(?:-[\w']+)*
      | [^\W\d_](?:[^\W_]|['’][^\W\d_]|[-–@^.](?=[^\W_])|[²³%](?![\w]))*
    )
  | (?P<pm>\+/-|\+-(?=\s?\d)|±)
  | (?P<arrow>->|=>|[→⟶➝])
  | (?P<punct>\.\.\.|[.!?;:,()\[\]{}"“”‘’'…—–-])
  | (?P<symbol>[^\s\w])
    """,
    re.VERBOSE | re.IGNORECASE,
)


class Token(NamedTuple):
    """One token of a text: a named tuple, since a talk's reading makes thousands (a tenth of a dataclass's cost)."""

    text: str  # as written
    key: str  # lower case, hyphens folded, possessive 's dropped (see vocabulary.key)
    kind: str  # WORD, NUMBER, DATE, PUNCT, SYMBOL ("→" is a SYMBOL whose key is "->")
    start: int
    end: int
    value: float = 0.0  # a number's value as written, without its scale (62 for "62%", 2.4 for "$2.4M")
    unit: str = ""  # "%", "pp", "x", or a currency sign
    scale: float = 1.0  # 1e6 for "2.4M"
    decimals: int = 0
    approx: bool = False  # "~0.8", "≈ 1.0"

    @property
    def is_word(self) -> bool:
        return self.kind == WORD

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    @property
    def number(self) -> str:
        """A number as a slide shows it: its digits, unit and scale as written, without "~"."""
        return self.text.lstrip("~≈ ")


def _number(match: re.Match[str], text: str) -> Token:
    num = match["num"]
    raw = num.replace(",", "")
    sign = -1.0 if match["sign"] in ("-", "−") else 1.0
    unit_text = (match["unit"] or "").strip().lower()
    unit = _UNITS.get(unit_text, "")
    scale = _SCALE.get(unit_text, 1.0)
    if match["cur"]:
        unit = match["cur"].strip()
    try:
        value = sign * float(raw)
    except ValueError:  # an exponent too large for a float is still a number as written
        value = sign * float("inf")
    decimals = len(raw.split(".")[1].split("e")[0]) if "." in raw else 0
    start = match.start("number")
    return Token(
        text=text[start : match.end("number")].strip(),
        key=raw,
        kind=NUMBER,
        start=start,
        end=match.end("number"),
        value=value,
        unit=unit,
        scale=scale,
        decimals=decimals,
        approx=bool(match["approx"]),
    )


# "it's" is "it is", not a possessive: kept whole so the reader sees the verb in it.
_CONTRACTED = frozenset({"it's", "that's", "there's", "here's", "what's", "he's", "she's", "who's", "where's", "let's"})


def _possessive(folded: str) -> bool:
    """Whether a folded word ends as a possessive ("today's", "analysts'"), not a contraction ("it's")."""
    return folded not in _CONTRACTED and folded.endswith(("'s", "s'")) and len(folded) > 3


def _word_key(word: str) -> str:
    folded = key(word)
    if not _possessive(folded):
        return folded
    return folded[:-2] if folded.endswith("'s") else folded[:-1]  # "analysts'" -> "analysts"


def is_possessive(token: Token) -> bool:
    """Whether a word is a possessive ("today's", "the rule's", "analysts'"), not a contraction ("it's")."""
    return token.kind == WORD and _possessive(key(token.text))


_UNITS_SPELLED = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {w: float(v) for v, w in enumerate(_UNITS_SPELLED.split(" "))} | {
    "thirty": 30.0,
    "forty": 40.0,
    "fifty": 50.0,
    "sixty": 60.0,
    "seventy": 70.0,
    "eighty": 80.0,
    "ninety": 90.0,
}
_WORD_UNITS = {"points": "pp", "percent": "%", "pp": "pp", "times": "x", "fold": "x"}
_WHOLES = {"hundred": 100.0, "thousand": 1000.0, "million": 1e6}
NUMBER_WORDS = frozenset(_NUMBER_WORDS) | frozenset(_WHOLES)  # numbers written as words


def spelled_value(token: Token) -> float | None:
    """The value of a number written as a word ("nine" 9, "hundred" 100), or None."""
    return _NUMBER_WORDS.get(token.key, _WHOLES.get(token.key)) if token.kind == WORD else None


_YEARS = (1900, 2100)  # a bare whole number in this range is a year


def is_number_word(token: Token) -> bool:
    """A number written as a word: "six", "twenty", "hundred"."""
    return token.kind == WORD and token.key in NUMBER_WORDS


def is_year(token: Token) -> bool:
    """A bare whole number a year could be ("2027", "in 2019"): a date names a period, it measures nothing. A
    year is never written with a thousands separator: "1,900 episodes" is a count."""
    return (
        token.kind == NUMBER
        and not (token.unit or token.decimals or token.approx)
        and "," not in token.text
        and token.scale == 1.0
        and _YEARS[0] <= token.value <= _YEARS[1]
    )


def _spelled(tokens: list[Token]) -> list[Token]:
    """A number written as a word before its unit ("six points", "three times") is a number."""
    for k, token in enumerate(tokens[:-1]):
        unit = _WORD_UNITS.get(tokens[k + 1].key)
        if token.kind == WORD and token.key in _NUMBER_WORDS and unit is not None:
            tokens[k] = Token(token.text, token.key, NUMBER, token.start, token.end, _NUMBER_WORDS[token.key], unit)
    return tokens


def _ranged(tokens: list[Token]) -> list[Token]:
    """The first number of a range written with its unit once ("29-32%", "$2-3M") takes the unit and scale of
    the second."""
    for k in range(len(tokens) - 2):
        first, dash, second = tokens[k], tokens[k + 1], tokens[k + 2]
        if (
            first.kind == NUMBER
            and second.kind == NUMBER
            and dash.text in ("-", "–")
            and first.end == dash.start
            and dash.end == second.start
            and not first.unit
            and second.unit
        ):
            tokens[k] = first._replace(unit=second.unit, scale=second.scale)
    return tokens


def tokenize(text: str) -> list[Token]:
    """Return the tokens of ``text``; an underscore joins nothing (``R2_test`` reads as "R2 test")."""
    text = text.replace("_", " ")
    tokens = []
    for match in _TOKEN.finditer(text):
        group = match.lastgroup
        if match["number"] is not None:
            tokens.append(_number(match, text))
        elif group == "word":
            word = match.group()
            tokens.append(Token(word, _word_key(word), WORD, match.start(), match.end()))
        elif group == "date":
            tokens.append(Token(match.group(), match.group(), DATE, match.start(), match.end()))
        elif group == "pm":
            tokens.append(Token(match.group(), "±", SYMBOL, match.start(), match.end()))
        elif group == "arrow":
            tokens.append(Token(match.group(), "->", SYMBOL, match.start(), match.end()))
        elif group is not None:
            kind = PUNCT if group == "punct" else SYMBOL
            tokens.append(Token(match.group(), match.group(), kind, match.start(), match.end()))
    return _ranged(_spelled(tokens))
