"""Screens of the rehearsal coach: the talk, the help, and the end-of-talk report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from deckbuilder.core.display import one_line, visible
from deckbuilder.core.durations import format_duration as fmt
from deckbuilder.core.durations import format_signed
from deckbuilder.rehearse.pacing import Summary
from deckbuilder.tui.widgets import NextUp, NotesView, PaceBadge, SlideTimer, SlideView, TalkClock

if TYPE_CHECKING:
    from deckbuilder.rehearse.coach import Coach


class TalkScreen(Screen[None]):
    """The presenter's view while talking."""

    BINDINGS = [
        Binding("right,space,pagedown,enter,n", "app.next_slide", "Next", key_display="→/Space"),
        Binding("left,pageup,backspace", "app.prev_slide", "Back", key_display="←"),
        Binding("s", "app.start", "Start", show=False),
        Binding("p", "app.pause", "Pause"),
        Binding("f", "app.finish", "Finish"),
        Binding("q", "app.quit_early", "Quit"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, coach: Coach) -> None:
        super().__init__()
        self.coach = coach

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(Text(one_line(self.coach.deck.title)), id="talk-title")
            yield TalkClock(id="talk-clock")
            yield PaceBadge(id="pace")
        with Horizontal(id="middle"):
            with Vertical(id="slide-pane"):
                yield SlideTimer(id="slide-timer")
                yield SlideView(id="slide")
            yield NotesView(id="notes")
        yield NextUp(id="next")
        yield Static(Text(visible(self.coach.budgets.source)), id="source")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Read the clock once and redraw every widget from it."""
        coach = self.coach
        status = coach.status()
        count, index = len(coach.slides), status.slide
        self.query_one(TalkClock).show(status)
        self.query_one(PaceBadge).show(status)
        self.query_one(SlideView).show(coach.slides[index], coach.content(index), count)
        self.query_one(SlideTimer).show(status)
        self.query_one(NotesView).show(coach.content(index))
        self.query_one(NextUp).show(coach.content(index + 1) if index + 1 < count else None)


class HelpScreen(ModalScreen[None]):
    """The keys, in a box; any key closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        for key, what in (
            ("→  Space  PgDn  Enter  n", "next slide (the first press starts the clock)"),
            ("←  PgUp  Backspace", "previous slide; its time keeps adding up"),
            ("s", "start the clock without moving"),
            ("p", "pause or resume (holds across slide changes)"),
            ("f", "finish the talk and see where the time went"),
            ("q", "quit now; what you did is kept as unfinished"),
            ("?", "this help"),
        ):
            keys.add_row(Text(key, style="bold"), what)
        with Vertical(id="help-box"):
            yield Static(Text("Keys", style="bold"))
            yield Static(keys)
            yield Static(Text("Esc or ? closes this", style="dim"))

    def on_key(self) -> None:
        self.dismiss()


def summary_table(summary: Summary) -> Table:
    """Return per-slide budget, actual and difference."""
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    columns: list[tuple[str, JustifyMethod]] = [
        ("#", "right"),
        ("slide", "left"),
        ("budget", "right"),
        ("actual", "right"),
        ("diff", "right"),
    ]
    for name, justify in columns:
        table.add_column(
            name, justify=justify, overflow="ellipsis", no_wrap=True, max_width=46 if name == "slide" else None
        )
    for row in summary.slides:
        slide = row.slide
        budget = fmt(slide.budget_s) if slide.budget_s is not None else "-"
        diff = Text("")
        if slide.budget_s is not None:
            diff = Text(format_signed(row.over_s), style="red" if row.over_s > summary.ran_over_s else "green")
        table.add_row(str(slide.index), Text(one_line(slide.title)), budget, fmt(row.actual_s), diff)
    total_diff = Text(format_signed(summary.over_s), style="bold red" if summary.over_s > 0 else "bold green")
    table.add_row("", Text("total", style="bold"), fmt(summary.duration_s), fmt(summary.total_s), total_diff)
    return table


def verdict(summary: Summary) -> Text:
    """Return the total against the duration, the shares, and the slides to cut first."""
    text = Text()
    if summary.over_s > 0:
        text.append(
            f"{fmt(summary.total_s)} for a {fmt(summary.duration_s)} talk: {fmt(summary.over_s)} over.\n",
            style="bold red",
        )
    else:
        text.append(f"{fmt(summary.total_s)} for a {fmt(summary.duration_s)} talk: within time.\n", style="bold green")
    for share in summary.shares:
        text.append(f"{share.label}: {share.pct}% ({share.bounds()})", style="" if share.ok else "yellow")
        text.append("  ok\n" if share.ok else "  off target\n", style="green" if share.ok else "yellow")
    if summary.cut_first:
        text.append("\nCut content first from: ", style="bold")
        text.append(", ".join(f"slide {r.slide.index} (+{fmt(r.over_s)})" for r in summary.cut_first))
        text.append("\nCut content, do not speak faster: the panel hears rushing as nerves.\n")
    else:
        text.append("\nNo slide ran over its budget.\n", style="green")
    return text


class EndScreen(Screen[None]):
    """Where the time went, once the talk is over."""

    BINDINGS = [
        Binding("r", "app.report", "Pacing report"),
        Binding("q,escape,enter", "app.quit", "Quit"),
    ]

    def __init__(self, summary: Summary, saved_to: str) -> None:
        super().__init__()
        self.summary, self.saved_to = summary, saved_to

    def tell(self, message: str) -> None:
        """Show a line under the report (where the pacing picture was written)."""
        self.query_one("#end-saved", Static).update(Text(visible(message), style="bold"))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end"):
            yield Static(Text("Where the time went", style="bold"), id="end-title")
            yield Static(summary_table(self.summary), id="end-table")
            yield Static(verdict(self.summary), id="end-verdict")
            yield Static(
                Text(self.saved_to + "   ·   r draws the pacing report over your rehearsals", style="dim"),
                id="end-saved",
            )
        yield Footer()
