"""Slide drafts -> the text of a commented outline: every guess marked `# guessed:` for the candidate to review.

Every value goes through PyYAML's emitter, which quotes it for the context it stands in (a flow row of a table
needs more quoting than a plain line), so no cell, title or name can change the outline's shape. `run.py` then
reads the text back with deck's own loader before anything is written.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from deckbuilder.core.outline.model import cell_number

from .draft import Draft, Imported
from .source import clean

_WIDTH = math.inf  # one line a value: a wrapped scalar would still load, but reads worse


def value_of(cell: str) -> float | int | str:
    """Return a cell as the YAML value that reads back as written: 0.43 a number, "0.50" and "1,200" text."""
    text = cell.strip()
    number = cell_number(text)
    if number is None or "," in text or text.endswith("%"):
        return text
    value: float | int = int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    return value if _flow(value) == text else text


def _flow(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=_WIDTH, default_flow_style=True)
    return text.removesuffix("\n...\n").rstrip("\n")


def _block(key: str, value: Any, indent: int) -> list[str]:
    """Return ``key: value`` as YAML lines at ``indent`` spaces (lists of scalars as block lists)."""
    text = yaml.safe_dump({key: value}, allow_unicode=True, width=_WIDTH, sort_keys=False, default_flow_style=False)
    return [" " * indent + line for line in text.rstrip("\n").split("\n")]


def _comment(text: str, indent: int) -> str:
    return " " * indent + "# " + clean(text)


def _metric(m: Any) -> dict[str, Any]:
    percent = m.value.endswith("%") and (m.baseline.endswith("%") or not m.baseline)
    if percent:  # shown as percentages, with the lift computed from the fractions
        value: Any = round(float(m.value.rstrip("%")) / 100, 6)
        base: Any = round(float(m.baseline.rstrip("%")) / 100, 6) if m.baseline else None
    else:
        value, base = value_of(m.value), value_of(m.baseline) if m.baseline else None
    entry: dict[str, Any] = {"name": m.name, "value": value}
    if base is not None:
        entry["baseline"] = base
    if m.baseline_label:
        entry["baseline_label"] = m.baseline_label
    if m.spread:
        spread = value_of(m.spread.rstrip("%"))
        entry["spread"] = round(float(spread) / 100, 6) if percent and isinstance(spread, float | int) else spread
    if m.lower_is_better:
        entry["lower_is_better"] = True
    if percent:
        entry["format"] = "percent"
    return entry


def _slide(draft: Draft, figures: dict[int, str]) -> list[str]:
    if draft.todo:
        head = f"placeholder: {draft.why}; deck plan reports it (C013) until you write it and delete `todo:`"
    else:
        head = f"guessed: {draft.kind}, from {draft.why}"
    lines = ["", _comment(head, 2), f"  - kind: {draft.kind}"]
    if draft.title_why and not draft.todo:
        lines.append(_comment(f"guessed: title from {draft.title_why}", 4))
    lines += _block("title", draft.title, 4)
    if draft.todo:
        lines += _block("todo", draft.todo, 4)
    if draft.metrics:
        lines.append(_comment("guessed: metrics with the baseline the write-up states; check each number", 4))
        lines += _block("metrics", [_metric(m) for m in draft.metrics], 4)
    if draft.decisions:
        lines.append(_comment("guessed: decisions from what the write-up chose, why, and over what", 4))
        entries = []
        for d in draft.decisions:
            entry = {"decision": d.decision, "rationale": d.rationale, "alternative": d.alternative}
            if d.why_rejected:
                entry["why_rejected"] = d.why_rejected
            entries.append(entry)
        lines += _block("decisions", entries, 4)
    if draft.points:
        lines += _block("points", draft.points, 4)
    if draft.figure is not None:
        why = f", {draft.figure_why}" if draft.figure_why else ""
        lines.append(_comment(f"guessed: the figure from {draft.figure.where}{why}", 4))
        lines += _block("figure", {"chart": "image", "title": draft.figure_title, "path": figures[id(draft.figure)]}, 4)
    if draft.table is not None:
        table = draft.table
        lines.append(_comment(f"guessed: the table from {table.where}", 4))
        lines.append("    table:")
        lines += _block("columns", [c or "-" for c in table.columns], 6)
        lines.append("      rows:")
        lines += [f"        - {_flow([value_of(c) for c in row])}" for row in table.rows]
        if draft.best_row is not None:
            lines.append(_comment("guessed: the marked or best-scoring row", 6))
            lines += _block("best_row", draft.best_row, 6)
    if draft.notes:
        lines += _block("notes", " ".join(draft.notes), 4)
    return lines


def outline_text(result: Imported, figures: dict[int, str], duration: str, audience: str | None, sources: str) -> str:
    """Return the commented outline of an import; ``figures`` maps each saved figure to its path."""
    lines = [
        _comment(f"Imported by `deck import` from {sources}.", 0),
        '# Every guess is marked "# guessed:". Check them, make each title the slide\'s finding, write the',
        "# placeholder slides (todo:), then run: deck plan <this file>",
    ]
    if result.title_why:
        lines.append(_comment(f"guessed: the talk's title from {result.title_why}", 0))
    lines += _block("title", result.title, 0)
    if result.presenter:
        lines += _block("presenter", result.presenter, 0)
    lines += _block("duration", duration, 0)
    if audience:
        lines += _block("audience", audience, 0)
    lines += ["slides:", "  - kind: title"]
    for draft in result.slides:
        lines += _slide(draft, figures)
    return "\n".join(lines) + "\n"
