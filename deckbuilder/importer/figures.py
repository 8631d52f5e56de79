"""What a figure shows, read from the code that drew it: its title for the slide, and its rank for the talk."""

from __future__ import annotations

import re

from deckbuilder.core.import_rules import ImportRules

from .source import Figure, clean, plain_text

# Titles a plotting call sets, in the order a reader trusts them: the figure's own, then an axis's.
_TITLE_CALLS = re.compile(
    r"""(?:suptitle|set_title|\.title|title\s*=)\s*\(?\s*[fFrRbBuU]{0,2}(?P<q>["'])(?P<text>[^"'\n]{3,120})(?P=q)""",
)
_CALL = re.compile(r"(?:\.|\b)(?P<name>[a-z][a-z0-9_]*(?:plot|curve|matrix|importance|chart|display|heatmap|hist)"
                   r"[a-z0-9_]*)\s*\(", re.IGNORECASE)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def code_title(code: str) -> str:
    """Return the title the plotting code gives its figure ("Confusion Matrix for Random Forest"), or ""."""
    found = [m["text"] for m in _TITLE_CALLS.finditer(code)]
    # A title built from a variable ("AUC: {auc}") keeps its words; one that is only a variable says nothing.
    texts = [clean(_PLACEHOLDER.sub("", t)).strip(" :-,") for t in found]
    texts = [t for t in texts if len(t.split()) >= 2 or (t and t[0].isupper() and len(t) > 4)]
    if len(texts) > 1 and "suptitle" in code:
        suptitle = re.search(r"suptitle\s*\(\s*[fFrR]?([\"'])([^\"'\n]{3,120})\1", code)
        if suptitle:
            return clean(suptitle.group(2))
    return texts[0] if texts else ""


def code_words(code: str) -> str:
    """Return what a figure's code names: its plotting calls ("varimp plot") and its comments."""
    calls = [m["name"].replace("_", " ") for m in _CALL.finditer(code)]
    return " ".join([*calls, *re.findall(r"#\s*(.+)", code)])


def caption(figure: Figure, rules: ImportRules) -> tuple[str, str]:
    """Return a figure's label and where it came from: its caption, its code's title, a code comment, or ""."""
    if len(figure.caption.split()) >= 2:
        return plain_text(figure.caption), "its caption"
    title = code_title(figure.code)
    if title:
        return title, "the title its code sets"
    comment = next(
        (
            clean(c.lstrip("# "))
            for c in re.findall(r"^\s*#+\s*(.+)$", figure.code, re.MULTILINE)
            if len(c.split()) >= 2 and not re.search(r"[=()\[\]]", c)
        ),
        "",
    )
    signal = next((label for label, pattern in rules.figure_signals if pattern.search(figure.code)), "")
    if signal:
        return signal, "what its code computes"
    if comment:
        return comment[:1].upper() + comment[1:], "the comment above its code"
    call = next((m["name"] for m in _CALL.finditer(figure.code) if not m["name"].startswith("subplot")), "")
    if call:
        return call.replace("_", " ").capitalize(), "the plotting call that drew it"
    return "", ""


def rank(figure: Figure, label: str, rules: ImportRules) -> int:
    """Return how early a figure belongs in the talk: 0 for a result curve or matrix, higher for descriptions."""
    text = " ".join([label, figure.caption, code_words(figure.code)]).lower()
    for place, pattern in enumerate(rules.figure_meaning):
        if pattern.search(text):
            return place
    return len(rules.figure_meaning)
