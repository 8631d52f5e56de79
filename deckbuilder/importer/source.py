"""What a write-up holds once parsed, whatever its format: sections of paragraphs, lists, tables and figures.

Every text that enters a section passes `clean` (or `plain_text`, which also drops markup) first, so the
emitter and the outline's comments only ever see printable, single-line text.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

# Controls an outline refuses (all but tab and newline), bidirectional overrides, lone surrogates and
# Unicode noncharacters: imported text is data, and none of these belongs on a slide.
_NONCHARACTERS = "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
# U+2028/2029 and NEL break a line in YAML and in a terminal: they become spaces like any other break.
_BREAKS = re.compile("[\u2028\u2029\x85]")
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_BREAK_TAG = re.compile(r"<br\s*/?>|</?p>|</?div[^>]*>|</li>", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.[\w-]+\.\S+", re.IGNORECASE)
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\\w$])\$(?=\S)([^$\n]{1,200}?)(?<=\S)\$(?![\w$])")
_LATEX_WORDS = {"times": "×", "cdot": "·", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "approx": "≈",
                "pm": "±", "sim": "~", "neq": "≠", "alpha": "α", "beta": "β", "lambda": "λ", "sigma": "σ",
                "mu": "μ", "sum": "Σ", "in": "∈", "rightarrow": "→", "to": "→", "%": "%"}  # fmt: skip
# A footnote marker: [^1], ^1, or a digit glued after a figure's unit ("37.6 % 2" as a PDF export writes it).
_FOOTNOTE = re.compile(r"\[\^\w+\]|\^\d+\b|(?<=[%)])\s?\d\b(?!\s*[\w%.])")


def clean(text: str) -> str:
    """Return text with control characters and noncharacters dropped and white space made single spaces."""
    return " ".join(_CONTROL.sub("", _BREAKS.sub(" ", text)).split())


def _latex(match: re.Match[str]) -> str:
    body = match.group(1) or match.group(2) or ""
    body = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", body)
    body = re.sub(r"\\(?:text|mathrm|mathbf|textbf|mathit|operatorname)\{([^{}]*)\}", r"\1", body)
    body = re.sub(r"\\([A-Za-z]+|%)", lambda m: _LATEX_WORDS.get(m.group(1), m.group(1)), body)
    return body.replace("{", "").replace("}", "").replace("\\", "")


def plain_text(text: str) -> str:
    """Return a write-up's text as a slide shows it: no HTML tags, math as plain text, no e-mail or web address."""
    text = _BREAK_TAG.sub(" ", text)
    text = html.unescape(_TAG.sub("", text)) if "<" in text or "&" in text else text
    text = _MATH.sub(_latex, text) if "$" in text else text
    text = _URL.sub("", _EMAIL.sub("", text))
    text = _FOOTNOTE.sub("", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)  # what a removed link or address leaves behind
    return clean(text).strip(" ,;")


@dataclass
class Figure:
    """A picture: PNG or JPEG bytes, with its caption when the write-up gave one."""

    data: bytes
    suffix: str  # ".png" or ".jpg"
    caption: str
    context: str  # the nearest text before it, for a title when there is no caption
    where: str
    code: str = ""  # the notebook code that drew it, read for its meaning (titles, plot calls)

    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class TableData:
    columns: list[str]
    rows: list[list[str]]
    where: str
    bold_rows: set[int] = field(default_factory=set)  # 0-based rows the write-up marked (bold)
    rounded_to: int = 0  # significant figures its printed numbers were rounded to (a notebook's float64 output)


@dataclass
class Printout:
    """What a notebook cell printed (its text output), with the code that printed it: where a metric measured
    in code shows its number ("Mean accuracy on the test data: 0.80"), or a bare number a metric call returned."""

    text: str
    code: str
    where: str


@dataclass
class Section:
    """A heading and what follows it up to the next heading."""

    heading: str
    level: int  # 1-6; 0 for text before the first heading
    where: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # top-level list items (children folded in)
    tables: list[TableData] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    code: list[str] = field(default_factory=list)  # notebook code comments: cues for the kind, never slide text
    printouts: list[Printout] = field(default_factory=list)  # text a notebook's code printed: measured numbers
    prompt: list[str] = field(default_factory=list)  # paragraphs and items in the assignment's words, set aside

    def empty(self) -> bool:
        return not (self.paragraphs or self.items or self.tables or self.figures)


@dataclass
class Writeup:
    """Every section of every file, in order, and what the files say about the talk itself."""

    title: str | None = None
    presenter: str | None = None
    sections: list[Section] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what could not be taken, in words
    not_imported: dict[str, int] = field(default_factory=dict)  # outputs of a kind deck cannot show, counted
