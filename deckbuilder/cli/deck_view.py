"""Show a deck to a person as `deck rehearse` will see it: titles, kinds, budgets, notes (through text_table)."""

from __future__ import annotations

from deckbuilder.core.text.display import one_line
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.deck_format import notes_body
from deckbuilder.rehearse.deck_reader import Deck

from .text_table import Cell, echo, echo_lines, style, table

_SOURCES = {
    "embedded": "budgets from the plan embedded by deck build",
    "notes": "budgets read from the timing line of the speaker notes",
    "none": "no budgets in this deck: rehearse with --duration or --plan",
}


def print_deck(deck: Deck) -> None:
    """Print the slides of a deck as `deck rehearse` will see them."""
    total = fmt(deck.plan.duration_s) if deck.plan is not None else "no duration"
    echo(style(one_line(deck.title), bold=True) + f"  ({len(deck.slides)} slides, {total})")
    echo(style(_SOURCES[deck.source], dim=True))
    header = ("#", "kind", "title", "budget", "points", "notes")
    rows: list[list[Cell]] = [[Cell(h, bold=True) for h in header]]
    for slide, timed in zip(deck.slides, deck.timed().slides, strict=True):
        words = len(notes_body(slide.notes).split())
        rows.append(
            [
                Cell(str(slide.index)),
                Cell(one_line(timed.kind or "-")),
                Cell(one_line(slide.title)),
                Cell(fmt(timed.budget_s) if timed.budget_s is not None else "-"),
                Cell(str(len(slide.points))),
                Cell(f"{words} words" if words else "-"),  # how much there is to say; --json carries the text
            ]
        )
    echo_lines(table(rows, [True, False, False, True, True, True], fold=2))
