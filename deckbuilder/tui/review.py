"""`deck import`'s questions before it writes: one guess at a time, its candidates numbered with where each
came from; Enter keeps the guess, a digit picks another, n says none of them.

The screen takes plain questions (`Ask`) and returns one answer a question (an option's index, or NONE), so it
knows nothing of the importer: the CLI turns the importer's questions into these and the answers back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from deckbuilder.core.text.display import one_line, visible

NONE = -1
_SHOWN = 9  # options a question shows: one digit picks each


@dataclass(frozen=True)
class Ask:
    prompt: str
    options: tuple[tuple[str, str], ...]  # (what, where it came from)
    guess: int = 0


class ReviewApp(App[list[int] | None]):
    """Ask each question in turn; the answers are the app's return value (the guesses when it is left early
    with q, None when Ctrl+C stops the import before anything is written)."""

    CSS_PATH = Path(__file__).with_name("review.tcss")
    TITLE = "deck import"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("enter,y", "keep", "Keep the guess"),
        Binding("n", "none", "None of them"),
        Binding("left,b", "previous", "Back"),
        Binding("q,escape", "done", "Write with the guesses"),
        Binding("ctrl+c", "stop", "Stop: write nothing", show=False, priority=True),
        *(Binding(str(k), f"pick({k})", show=False) for k in range(1, _SHOWN + 1)),
    ]

    def __init__(self, asks: list[Ask]) -> None:
        super().__init__()
        self.asks = asks
        self.answers = [a.guess for a in asks]
        self.at = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static(id="progress")
            yield Static(id="prompt")
            with VerticalScroll(id="options"):
                yield Static(id="choices")
            yield Static(id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        ask = self.asks[self.at]
        width = max(24, self.size.width - 14)  # the screen's padding and the "> 1  " before each option
        self.query_one("#progress", Static).update(
            Text(f"Question {self.at + 1} of {len(self.asks)} (the guess is marked; Enter keeps it)", style="dim")
        )
        self.query_one("#prompt", Static).update(Text(visible(ask.prompt), style="bold"))
        choices = Text()
        for k, (what, where) in enumerate(ask.options[:_SHOWN]):
            chosen = self.answers[self.at] == k
            choices.append(f"{'>' if chosen else ' '} {k + 1}  ", style="bold" if chosen else "")
            choices.append(one_line(what, width) + "\n", style="bold" if chosen else "")
            choices.append(f"      {one_line(where, width)}\n", style="dim")
        none = self.answers[self.at] == NONE
        choices.append(f"{'>' if none else ' '} n  none of these\n", style="bold" if none else "dim")
        self.query_one("#choices", Static).update(choices)
        self.query_one("#hint", Static).update(
            Text("Enter keeps · 1-9 picks · n none · ← back · q writes with the guesses", style="dim")
        )

    def _answer(self, value: int) -> None:
        self.answers[self.at] = value
        if self.at + 1 >= len(self.asks):
            self.exit(self.answers)
            return
        self.at += 1
        self.show()

    def action_keep(self) -> None:
        self._answer(self.answers[self.at])

    def action_none(self) -> None:
        self._answer(NONE)

    def action_pick(self, number: int) -> None:
        if number <= len(self.asks[self.at].options[:_SHOWN]):
            self._answer(number - 1)

    def action_previous(self) -> None:
        if self.at > 0:
            self.at -= 1
            self.show()

    def action_done(self) -> None:
        self.exit(self.answers)

    def action_stop(self) -> None:
        self.exit(None)
