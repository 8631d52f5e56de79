"""Show a deck to a person as `deck rehearse` will see it: titles, kinds, budgets, notes."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from deckbuilder.core.text.display import one_line
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.deck_format import notes_body
from deckbuilder.rehearse.deck_reader import Deck

_SOURCES = {
    "embedded": "budgets from the plan embedded by deck build",
    "notes": "budgets read from the timing line of the speaker notes",
    "none": "no budgets in this deck: rehearse with --duration or --plan",
}


def print_deck(deck: Deck, console: Console) -> None:
    """Print the slides of a deck as `deck rehearse` will see them."""
    total = fmt(deck.plan.duration_s) if deck.plan is not None else "no duration"
    console.print(Text(one_line(deck.title), style="bold"), Text(f" ({len(deck.slides)} slides, {total})"))
    console.print(Text(_SOURCES[deck.source], style="dim"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    columns = (("#", "right"), ("kind", "left"), ("title", "left"), ("budget", "right"), ("points", "right"),
               ("notes", "right"))  # fmt: skip
    for name, justify in columns:
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for slide, timed in zip(deck.slides, deck.timed().slides, strict=True):
        budget = fmt(timed.budget_s) if timed.budget_s is not None else "-"
        words = len(notes_body(slide.notes).split())
        notes = f"{words} words" if words else "-"  # how much there is to say; --json carries the text
        table.add_row(str(slide.index), one_line(timed.kind or "-"), one_line(slide.title), budget,
                      str(len(slide.points)), notes)  # fmt: skip
    console.print(table)
