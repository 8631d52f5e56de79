"""What a chart marks for the slide it is on: the level the slide's words read it against, and the category
they name.

A callout that says "$2.40, against the $1.00 break-even" over a chart of returns, or a title that cites "a
capacity of 4,000", relies on a line the chart must draw; a title about "hill routes" over bars for flat,
rolling and hill routes is about one bar, which the chart shows in the accent colour. What the outline sets
(`reference:`, `highlight:`) is kept as written, and a figure's own `baseline:` is its reference; only what it
leaves unset is found here.
"""

from __future__ import annotations

import re

from deckbuilder.core.outline.model import Figure, Metric, Outline, Reference, Slide
from deckbuilder.core.rules.theme import Theme
from deckbuilder.core.slides.callout import shown

_NUMBER = re.compile(r"[-+]?[$£€]?\d[\d,]*(?:\.\d+)?%?")
_WORD = re.compile(r"[\w+%$£€.-]+")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "twelve": "12",
}  # fmt: skip


def number_in(text: str) -> float | None:
    """Return the number a text writes ("$2.40", "18%", "1,200", 0.43), or None."""
    match = _NUMBER.fullmatch(str(text).strip())
    if match is None:
        return None
    return float(re.sub(r"[$£€,%]", "", match.group()))


def _values(figure: Figure) -> list[float]:
    data = figure.data if isinstance(figure.data, dict) else {}
    return [float(v) for name in list(data)[1:] for v in data[name] if isinstance(v, (int, float))]


def _close(a: float, b: float, values: list[float]) -> bool:
    """Return whether two numbers are the same to the precision the chart writes its values with."""
    decimals = max((len(f"{v:g}".partition(".")[2]) for v in values), default=0)
    return bool(abs(a - b) <= max(0.5 * 10.0**-decimals, 1e-9) + 1e-9)


def _from_callout(metric: Metric, values: list[float], about: set[str], skip: frozenset[str]) -> Reference | None:
    """Return the callout's baseline as a reference when its value is one of the chart's numbers and its name
    shares a word with what the chart says it shows (``about``: its column, title and axes), so the chart shows
    the callout's measure, in the same unit or as percentages of its fractions. A value alone can match by
    chance: a Brier score of 0.11 is not the 11% of a chart of scrap rates."""
    value, baseline = number_in(str(metric.value)), number_in(str(metric.baseline))
    if value is None or baseline is None or metric.baseline is None or not about & set(_stems(metric.name, skip)):
        return None
    for factor in (1.0, 100.0):
        if any(_close(value * factor, v, values) for v in values):
            label = metric.baseline_label or "baseline"
            return Reference(value=baseline * factor, label=f"{label} ({shown(metric, metric.baseline)})")
    return None


def _from_title(title: str, values: list[float], words: tuple[str, ...]) -> Reference | None:
    """Return a level the title names with its number ("a capacity of 4,000", "the 5% target")."""
    names = "|".join(re.escape(w) for w in words)
    pattern = re.compile(
        rf"\b(?P<word>{names})\b(?:\s+(?:of|at|is|was|=))?\s+(?:about\s+|around\s+)?(?P<after>{_NUMBER.pattern})"
        rf"|(?P<before>{_NUMBER.pattern})\s+(?:[\w-]+\s+)?(?P<word2>{names})\b",
        re.IGNORECASE,
    )
    top = max((abs(v) for v in values), default=0.0)
    for match in pattern.finditer(title):
        text = match.group("after") or match.group("before")
        level = number_in(text)
        if level is None or not top or not 0 < abs(level) <= top * 3:
            continue
        word = match.group("word") or match.group("word2")
        return Reference(value=level, label=f"{word.lower()} ({text})")
    return None


def _parity(figure: Figure, values: list[float], theme: Theme) -> Reference | None:
    """Return the level 1.0 for a chart of ratios ("actual cost / expected cost", "predicted over actual") whose
    values sit either side of it: what each bar is read against, though no text names it."""
    names = [str(n) for n in (figure.data if isinstance(figure.data, dict) else {})][1:]
    said = " ".join([figure.xlabel or "", figure.ylabel or "", *names]).lower()
    ratio = any(re.search(rf"(?:^|\s){re.escape(w)}(?:\s|$)", said) for w in theme.ratio_words)
    if ratio and values and min(values) < 1.0 < max(values) * 1.05 and max(values) < 3.0:
        return Reference(value=1.0, label=theme.parity_label)
    return None


def _stem(word: str) -> str:
    word = _NUMBER_WORDS.get(word.lower(), word.lower()).rstrip("+")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stems(text: str, skip: frozenset[str]) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.replace("-", " - ")) if w.lower() not in skip and w != "-"]


def named_category(labels: list[str], texts: list[str], skip: frozenset[str], against: frozenset[str]) -> str | None:
    """Return the one category the first of ``texts`` that names any names first: every word of its label is in
    the text before it compares ("than", "ahead of": what follows is what the category beats); None when a text
    names more than half the categories, or two at once (then no one of them is the point)."""
    for text in texts:
        # "more than 30%" is a quantity, not a comparison: a comparison word before a number does not cut.
        words = "|".join(map(re.escape, sorted(against)))
        head = re.split(rf"\b(?:{words})\b(?!\s+[~≈$£€]?\d)", text, maxsplit=1, flags=re.I)[0]
        said = _stems(head, skip)
        named = []
        for label in labels:
            own = _stems(label, skip)
            if own and all(w in said for w in own):
                named.append((max(said.index(w) for w in own), label))  # named once all its words are
        if named and len(named) <= len(labels) // 2:
            named.sort()
            if len(named) == 1 or named[0][0] != named[1][0]:
                return named[0][1]
    return None


def marked(outline: Outline, theme: Theme) -> Outline:
    """Return the outline with each bar and line chart's reference and highlight found where the outline left
    them unset (see the module's docstring)."""
    slides = [_mark(slide, theme) for slide in outline.slides]
    return outline if all(a is b for a, b in zip(slides, outline.slides, strict=True)) else outline.but(slides=slides)


def _mark(slide: Slide, theme: Theme) -> Slide:
    figure = slide.figure
    if figure is None or figure.chart not in ("bar", "barh", "line") or not isinstance(figure.data, dict):
        return slide
    data, values = figure.data, _values(figure)
    skip = theme.grammar.determiners | theme.grammar.prepositions | frozenset({"and", "or", "to", "a", "the"})
    changes: dict[str, object] = {}
    if figure.reference is None and len(data) == 2 and values:
        said = " ".join([*list(data)[1:], figure.title, figure.xlabel or "", figure.ylabel or ""])
        about = set(_stems(said, skip))
        # A baseline the figure gives is the level its bars are read against, as a PR curve's is (0 is the axis).
        found = Reference(value=figure.baseline, label=f"baseline ({figure.baseline:g})") if figure.baseline else None
        found = found or next(
            (r for m in slide.metrics if (r := _from_callout(m, values, about, skip)) is not None), None
        )
        found = found or _from_title(slide.title or "", values, theme.reference_words)
        found = found or _parity(figure, values, theme)
        if found is not None:
            changes["reference"] = found
    if not figure.highlight and figure.chart != "line" and len(data) == 2:
        labels = [f"{v:g}" if isinstance(v, float) else str(v) for v in data[next(iter(data))]]
        texts = [slide.title or "", *(m.name for m in slide.metrics)]
        against = frozenset(theme.comparison_words)
        category = named_category(labels, texts, skip, against) if len(labels) >= 3 else None
        if category is not None:
            changes["highlight"] = [category]
    return slide.but(figure=figure.but(**changes)) if changes else slide
