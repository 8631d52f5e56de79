"""The panel's questions for `deck drill`: a bank made from the talk's own content by templates in layouts/.

Pure: the bank is built from `TalkContent`, which the CLI makes from an outline (`from_outline`) or the
drill reader makes from a deck's slide text. The templates, kinds, checklist and answer times are data in
layouts/questions.yaml.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.rules.drill_rules import DrillRules, Entry, placeholders
from deckbuilder.core.slides.callout import shown, spread_text
from deckbuilder.core.slides.slide_text import known_text
from deckbuilder.core.text.display import one_line
from deckbuilder.core.text.phrasing import Grammar, alternative_phrase


@dataclass(frozen=True)
class DecisionText:
    decision: str
    rationale: str = ""
    alternative: str = ""
    why_rejected: str = ""


@dataclass(frozen=True)
class MetricText:
    metric: str
    value: str
    baseline: str = ""
    baseline_label: str = ""
    spread: str = ""


@dataclass(frozen=True)
class SlideContent:
    """What a slide says, as text: enough to ask about it."""

    number: int  # 1-based, as the deck numbers it
    title: str
    kind: str | None
    points: tuple[str, ...] = ()
    decisions: tuple[DecisionText, ...] = ()
    metrics: tuple[MetricText, ...] = ()


@dataclass(frozen=True)
class TalkContent:
    title: str
    slides: tuple[SlideContent, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Question:
    """One question of the bank: its kind, the slide it comes from (None: the whole talk) and its text."""

    kind: str
    slide: int | None
    slide_title: str
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "slide": self.slide, "slide_title": self.slide_title, "question": self.text}


def _clean(text: str, limit: int) -> str:
    # One line, no trailing full stop: the value sits inside a sentence of the template.
    return one_line(text, limit).rstrip(" .;:")


def _shown(metric: Any, value: object) -> str:
    # As the callout shows it (18% for a `format: percent` metric), so outline and deck ask alike.
    return "" if value is None else shown(metric, value)


def from_outline(outline: Any, grammar: Grammar) -> TalkContent:
    """Return what an outline's slides say (numbers as deck shows them), numbered as `deck build` numbers them."""
    slides = []
    for number, slide in enumerate(outline.slides, start=1):
        known = known_text(slide)  # the alternative is phrased as the deck writes it, so both ask alike
        slides.append(
            SlideContent(
                number=number,
                title=slide.title or outline.title,
                kind=slide.kind,
                points=tuple(p.text for p in slide.points),
                decisions=tuple(
                    DecisionText(
                        d.decision,
                        d.rationale or "",
                        alternative_phrase(d.alternative, known, grammar)[1] if d.alternative else "",
                        d.why_rejected or "",
                    )
                    for d in slide.decisions
                ),
                metrics=tuple(
                    MetricText(
                        m.name, _shown(m, m.value), _shown(m, m.baseline), m.baseline_label or "", spread_text(m)
                    )
                    for m in slide.metrics
                ),
            )
        )
    return TalkContent(outline.title, tuple(slides))


def _items(entry: Entry, talk: TalkContent, reader: Reader) -> list[tuple[SlideContent | None, dict[str, str]]]:
    if entry.source == "talk":
        return [(None, {"talk": talk.title})]
    found: list[tuple[SlideContent | None, dict[str, str]]] = []
    for slide in talk.slides:
        if entry.slide_kinds and slide.kind not in entry.slide_kinds:
            continue
        if entry.needs == "comparison" and not _compares(slide, reader):
            continue  # "fair to the losing option?" asks nothing of a slide where nothing lost
        base = {"title": slide.title}
        if entry.source == "slide":
            found.append((slide, {**base, "metric": _metric_named(slide, reader)}))
        elif entry.source == "point":
            points = [p for p in slide.points if entry.needs != "definition" or _defines(p, reader)]
            found.extend((slide, {**base, "point": p}) for p in points)
        elif entry.source == "decision":
            found.extend((slide, {**base, **vars(d)}) for d in slide.decisions)
        elif entry.source == "metric":
            found.extend((slide, {**base, **vars(m)}) for m in slide.metrics)
    return found


def _metric_named(slide: SlideContent, reader: Reader) -> str:
    """The metric a slide names: its first metric card, else the first metric its title or points name."""
    if slide.metrics:
        return slide.metrics[0].metric
    for text in (slide.title, *slide.points):
        for _, _, term in reader.metric_terms.find(reader.sentence(text).tokens):
            metric = reader.metric_by_term.get(term)
            if metric is not None and metric.kind != "generic":
                return metric.name
    return ""


def _compares(slide: SlideContent, reader: Reader) -> bool:
    """Whether a slide weighs options against each other: a decision with its alternative, a choice over
    another, one thing beating another, or a measure against a baseline."""
    if any(d.alternative for d in slide.decisions) or any(m.baseline for m in slide.metrics):
        return True
    texts = (slide.title, *slide.points)
    if any(c.alternative for c in reader.choices_in(texts)):
        return True
    if any(m.baseline is not None or m.compared for m in reader.measures_in(texts)):
        return True
    return any(reader.beat.any(reader.sentence(t).tokens) or reader.than.any(reader.sentence(t).tokens) for t in texts)


def _defines(point: str, reader: Reader) -> bool:
    """Whether a point says what counts (a label, a target, a threshold of meaning), which "what exactly counts,
    and who decided that?" can ask about: not a capacity or an amount ("200 alerts a day") nor a choice of
    metric ("judged by recall at 80% precision")."""
    tokens = reader.sentence(point).tokens
    if reader.metric_terms.any(tokens) or reader.choices(point):
        return False
    units = reader.time("units")
    for k, token in enumerate(tokens):
        # an amount per period is a capacity or a volume: "200 customers a week", "40 alerts per day"
        after = tokens[k + 1 : k + 5]
        if token.is_number and any(
            t.key in ("a", "an", "per", "each", "every") and j + 1 < len(after) and units.at(after, j + 1) is not None
            for j, t in enumerate(after)
        ):
            return False
    return True


def _fits(slot: str, text: str, rules: DrillRules) -> bool:
    """Return whether ``text`` reads right in its slot: an alternative names a thing (not "them" or "keeping it"),
    a next step is an action (not an assumption). A text that does not fit leaves its slot empty, so the
    template that needs it gives way to the next one."""
    words = [w.strip(".,;:!?\"'()").lower() for w in text.split()]
    if slot == "alternative":
        # a pronoun near its start points back to nothing in a question ("keeping them for the holidays")
        content = [w for w in words if w and w not in rules.pronouns]
        return bool(words) and not any(w in rules.pronouns for w in words[:3]) and (len(words) > 3 or (
            len(content) >= 2) or (len(words) == 1 and content == words))  # fmt: skip
    if slot == "point":  # "We assume ...", "Assuming ...": the sentence is about an assumption, not a step
        head = " ".join(words[:2])
        return not any(head.startswith(w) or f" {w} " in f" {head} " for w in rules.not_a_step)
    return True


def build_bank(talk: TalkContent, rules: DrillRules, reader: Reader) -> list[Question]:
    """Return every question the templates make from the talk, grouped by kind in the panel's order; the
    sentence reader says what a slide's words are (the metric it names, whether it compares, what a point is)."""
    bank: dict[str, list[Question]] = {kind: [] for kind in rules.kinds}
    seen: set[str] = set()
    for entry in rules.entries:
        for slide, values in _items(entry, talk, reader):
            filled = {k: _clean(v, rules.max_text) for k, v in values.items() if v and v.strip() and _fits(k, v, rules)}
            text = next((t for t in entry.texts if set(placeholders(t)) <= set(filled)), None)
            if text is None:
                continue
            question = text.format(**filled)
            if question in seen:
                continue
            seen.add(question)
            where = slide.number if slide else None
            bank[entry.kind].append(Question(entry.kind, where, _clean(slide.title, 80) if slide else "", question))
    return [q for kind in rules.kinds for q in bank[kind]]


def choose(bank: list[Question], count: int, seed: int | None, kinds: list[str] | None = None) -> list[Question]:
    """Pick ``count`` questions, taking the kinds in turn so a short drill still covers them all.

    The same seed gives the same drill; within a kind the order is shuffled.
    """
    rng = random.Random(seed)
    wanted = [q for q in bank if kinds is None or q.kind in kinds]
    by_kind: dict[str, list[Question]] = {}
    for question in wanted:
        by_kind.setdefault(question.kind, []).append(question)
    for pile in by_kind.values():
        rng.shuffle(pile)
    order = list(by_kind)
    rng.shuffle(order)
    picked: list[Question] = []
    while len(picked) < count and any(by_kind.values()):
        for kind in order:
            if by_kind[kind] and len(picked) < count:
                picked.append(by_kind[kind].pop())
    return picked
