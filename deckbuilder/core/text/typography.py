"""Slide text set the way slide tools set it: typographic quotes, apostrophes and dashes, and the pairs of words a
line must not break between kept on one line.

A straight ' or " typed in a YAML file reads as a typewriter's on a slide; PowerPoint and Keynote turn them into
’ “ ” as one types. Code quoted on a slide keeps its straight quotes: there they are the code.
"""

from __future__ import annotations

import re

from deckbuilder.core.text.measure import kept_together

_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})  # how each reads back as typed
# A call, an index, an assignment or a quoted argument: text that is code, whose quotes are part of it.
_CODE = re.compile(r"\w\(|\(['\"]|['\"]\)|\[['\"]|=\s*['\"(]|`|\w\.\w+\(")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=[\s,.;:!?)]|$)|'(?=\d\ds\b)")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_OPENING_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{“—–-]))'")
_OPENING_DOUBLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{‘—–-]))\"")


def curly(text: str) -> str:
    """Return ``text`` with typographic apostrophes and quotes ("it's" reads "it’s", 'full' reads ‘full’) and a
    spaced hyphen as the dash it stands for ("on purpose - user-level" reads "on purpose – user-level"), unless it
    reads as code."""
    if _CODE.search(text):
        return text
    text = _SPACED_HYPHEN.sub(" – ", text)
    if "'" not in text and '"' not in text:
        return text
    text = _APOSTROPHE.sub("’", text)
    text = _OPENING_SINGLE.sub("‘", text).replace("'", "’")
    return _OPENING_DOUBLE.sub("“", text).replace('"', "”")


def plain(text: str) -> str:
    """Return ``text`` with typographic quotes and dashes read back as the straight ones they were typed as."""
    return text.translate(_STRAIGHT)


LONGEST = 4000  # characters: no slide holds more in one text; a longer one is set as it is (C010 reports it)


def for_slide(text: str, pairs: re.Pattern[str]) -> str:
    """Return ``text`` as a slide sets it: typographic quotes, and the words a line must not part kept together.
    A runaway text (a megabyte on one line) is left as it is: it cannot fit, and setting it would only cost time."""
    if len(text) > LONGEST:
        return text
    return kept_together(curly(text), pairs)
