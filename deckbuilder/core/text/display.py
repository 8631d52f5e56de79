"""Text from a file, made safe to show: no terminal escapes, no bidirectional overrides, no invisible controls.

Every view (the CLI's tables, the TUI, error messages) passes the user's text through `visible` and hands
it to Rich or Textual as a Text object, never as markup.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x9b alone starts a terminal sequence), and the
# bidirectional overrides that can make text read differently from what it holds.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PICTURES = {i: chr(0x2400 + i) for i in range(0x20)} | {0x7F: "\u2421"}


def _picture(match: re.Match[str]) -> str:
    return _PICTURES.get(ord(match.group()), "\ufffd")


def visible(text: str) -> str:
    """Return ``text`` with every control character shown as a symbol (ESC as ␛) instead of obeyed."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str, limit: int = 200) -> str:
    """Return ``text`` made visible, on one line and at most ``limit`` characters (for titles in tables)."""
    flat = " ".join(text[: limit * 4].split())
    return visible(flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…")


def excerpt(text: str, limit: int = 40) -> str:
    """Return ``text`` on one line and at most ``limit`` characters, cut after a whole word ("..."), to quote
    the user's words in a message."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 3]
    cut = head.rfind(" ")
    return (head[:cut] if cut > limit // 2 else head).rstrip(" ,;:-") + "..."


def json_safe(text: str) -> str:
    """Return JSON text whose C1 controls are escaped too (json escapes only C0), for a terminal to print."""
    return re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)


def spreadsheet_safe(cell: str) -> str:
    """Return a CSV cell a spreadsheet will not run as a formula (leading =, +, -, @, tab or CR)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
