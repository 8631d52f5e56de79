"""Slide drafts -> the text of a commented outline: every guess marked `# guessed:` for the candidate to review."""

from __future__ import annotations

import json
import math
from typing import Any

import yaml

from deckbuilder.core.outline import cell_number

from .assemble import Draft, Imported


def scalar(value: Any) -> str:
    """Return ``value`` as one YAML scalar (quoted when YAML would read it as something else)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=math.inf, default_flow_style=True)
    text = text.removesuffix("\n...\n").rstrip("\n")
    if "\n" in text:  # one line always: a JSON string, every non-ASCII character escaped, is YAML too
        return json.dumps(str(value), ensure_ascii=True)
    return text


def as_written(cell: str) -> str:
    """Return a cell as YAML that reads back as written: 0.43 stays a number, 0.50 stays the text "0.50"."""
    value = cell_number(cell)
    if value is not None and cell.strip() == scalar(value) and "," not in cell:
        return cell.strip()
    return scalar(cell)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _slide(draft: Draft, figures: dict[int, str], lines: list[str]) -> None:
    lines.append("")
    lines.append(f"  # guessed: {draft.kind}, from {_comment(draft.why)}")
    lines.append(f"  - kind: {draft.kind}")
    if draft.title_why:
        lines.append(f"    # guessed: title from {_comment(draft.title_why)}")
    lines.append(f"    title: {scalar(draft.title)}")
    if draft.metrics:
        lines.append("    # guessed: metrics from the sentences that state them with a baseline; check each number")
        lines.append("    metrics:")
        for m in draft.metrics:
            entry = [f"name: {scalar(m.name)}", f"value: {as_written(m.value)}", f"baseline: {as_written(m.baseline)}"]
            if m.baseline_label:
                entry.append(f"baseline_label: {scalar(m.baseline_label)}")
            if m.lower_is_better:
                entry.append("lower_is_better: true")
            lines.append("      - {" + ", ".join(entry) + "}")
    if draft.decisions:
        lines.append("    # guessed: decisions from list items that give a reason and an alternative")
        lines.append("    decisions:")
        for choice, rationale, alternative, why in draft.decisions:
            lines.append(f"      - decision: {scalar(choice)}")
            lines.append(f"        rationale: {scalar(rationale)}")
            lines.append(f"        alternative: {scalar(alternative)}")
            if why:
                lines.append(f"        why_rejected: {scalar(why)}")
    if draft.points:
        lines.append("    points:")
        lines.extend(f"      - {scalar(p)}" for p in draft.points)
    if draft.figure is not None:
        lines.append(
            f"    # guessed: the figure from {_comment(draft.figure.where)}; its title should say what it shows"
        )
        lines.append("    figure:")
        lines.append("      chart: image")
        lines.append(f"      title: {scalar(draft.figure_title)}")
        lines.append(f"      path: {scalar(figures[id(draft.figure)])}")
    if draft.table is not None:
        table = draft.table
        lines.append(f"    # guessed: the table from {_comment(table.where)}")
        lines.append("    table:")
        lines.append("      columns: [" + ", ".join(scalar(c or "-") for c in table.columns) + "]")
        lines.append("      rows:")
        for row in table.rows:
            lines.append("        - [" + ", ".join(as_written(c) for c in row) + "]")
        if draft.best_row is not None:
            lines.append(f"      best_row: {draft.best_row}  # guessed: the marked or best-scoring row")
    if draft.notes:
        lines.append(f"    notes: {scalar(' '.join(draft.notes))}")


def outline_text(result: Imported, figures: dict[int, str], duration: str, audience: str | None, sources: str) -> str:
    """Return the commented outline of an import; ``figures`` maps each saved figure to its path."""
    lines = [
        f"# Imported by `deck import` from {sources}.",
        '# Every guess is marked "# guessed:". Check them, make each title the slide\'s finding, then:',
        "#   deck plan <this file>",
    ]
    for missing in result.missing:
        lines.append(f"# missing: {missing}")
    lines.append(f"title: {scalar(result.title)}")
    if result.presenter:
        lines.append(f"presenter: {scalar(result.presenter)}")
    lines.append(f"duration: {scalar(duration)}")
    if audience:
        lines.append(f"audience: {scalar(audience)}")
    lines.append("slides:")
    lines.append("  - kind: title")
    for draft in result.slides:
        _slide(draft, figures, lines)
    return "\n".join(lines) + "\n"
