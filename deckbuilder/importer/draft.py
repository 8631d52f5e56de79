"""One slide of an imported outline as it is drafted, and the whole import's result."""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims import FoundDecision, FoundMetric
from .mapping import Mapped
from .source import Figure, TableData


@dataclass
class Draft:
    """One slide of the imported outline, with the guesses behind it."""

    kind: str
    title: str
    why: str  # why this kind
    title_why: str
    where: str
    points: list[str] = field(default_factory=list)
    metrics: list[FoundMetric] = field(default_factory=list)
    decisions: list[FoundDecision] = field(default_factory=list)
    figure: Figure | None = None
    figure_title: str = ""
    figure_why: str = ""
    table: TableData | None = None
    best_row: int | None = None
    notes: list[str] = field(default_factory=list)
    todo: str | None = None  # a placeholder for a part the write-up does not have
    told: list[str] = field(default_factory=list)  # what the summary must say moved to the notes


@dataclass
class Imported:
    """The drafts in talk order, what was left out, and what the template still needs."""

    title: str
    presenter: str | None
    slides: list[Draft]
    left_out: list[str]
    missing: list[str]  # the kinds that became placeholders
    mapping: list[Mapped]
    not_imported: dict[str, int]
    title_why: str = ""  # where the talk's title came from
