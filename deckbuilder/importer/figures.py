"""What a figure shows, read from the code that drew it: its title for the slide, and its rank for the talk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckbuilder.core.rules.import_rules import ImportRules

from .notebook import comments
from .source import Figure, clean, plain_text

# Titles a plotting call sets. A figure's own (suptitle) is trusted over an axis's.
_SUPTITLE = re.compile(r"""suptitle\s*\(\s*[fFrRbBuU]{0,2}(?P<q>["'])(?P<text>[^"'\n]{3,120})(?P=q)""")
_TITLE_CALLS = re.compile(
    r"""(?:set_title|\.title|title\s*=)\s*\(?\s*[fFrRbBuU]{0,2}(?P<q>["'])(?P<text>[^"'\n]{3,120})(?P=q)""",
)
_CALL = re.compile(r"(?:\.|\b)(?P<name>[a-z][a-z0-9_]*(?:plot|curve|matrix|importance|chart|display|heatmap|hist)"
                   r"[a-z0-9_]*)\s*\(", re.IGNORECASE)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Meaning:
    """What a figure shows: its label (or ""), where the label came from, and how early it belongs in the talk."""

    label: str
    source: str
    rank: int


def code_title(code: str) -> str:
    """Return the title the plotting code gives its figure ("Confusion Matrix for Random Forest"), or ""."""
    for pattern in (_SUPTITLE, _TITLE_CALLS):
        for match in pattern.finditer(code):
            # A title built from a variable ("AUC: {auc}") keeps its words; one that is only a variable says nothing.
            text = clean(_PLACEHOLDER.sub("", match["text"])).strip(" :-,")
            if len(text.split()) >= 2 or (text[:1].isupper() and len(text) > 4):
                return text
    return ""


def _label(figure: Figure, rules: ImportRules) -> tuple[str, str]:
    """Return a figure's label and where it came from: its caption, its code's title, what its code computes,
    a code comment, or its plotting call; ("", "") when nothing says."""
    if len(figure.caption.split()) >= 2:
        return plain_text(figure.caption), "its caption"
    title = code_title(figure.code)
    if title:
        return title, "the title its code sets"
    signal = next((label for label, pattern in rules.figure_signals if pattern.search(figure.code)), "")
    if signal:
        return signal, "what its code computes"
    comment = next(iter(comments(figure.code)), "")
    if comment:
        return comment[:1].upper() + comment[1:], "the comment above its code"
    call = next((m["name"] for m in _CALL.finditer(figure.code) if not m["name"].startswith("subplot")), "")
    if call:
        return call.replace("_", " ").capitalize(), "the plotting call that drew it"
    return "", ""


def meaning(figure: Figure, rules: ImportRules) -> Meaning:
    """Return what a figure shows, read once: its label and its rank (0 for a result curve or matrix, higher
    for descriptions), matched in its label, caption, plotting calls and code comments."""
    label, source = _label(figure, rules)
    calls = [m["name"].replace("_", " ") for m in _CALL.finditer(figure.code)]
    text = " ".join([label, figure.caption, *calls, *comments(figure.code)]).lower()
    place = next(
        (i for i, pattern in enumerate(rules.figure_meaning) if pattern.search(text)), len(rules.figure_meaning)
    )
    return Meaning(label, source, place)
