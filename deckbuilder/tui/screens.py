"""Screens of the rehearsal coach: the talk, the help, the quit question, and the end-of-talk report."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from deckbuilder.core.text.display import one_line, visible
from deckbuilder.errors import StoreRefused
from deckbuilder.rehearse.pacing import Summary

from .end_view import summary_table, verdict
from .palette import ALERT, MUTED
from .stopping import store_line
from .widgets import BigClock, NextUp, NotesView, PaceBadge, SlideTimer, SlideView, TalkClock, listening_text

if TYPE_CHECKING:
    from deckbuilder.rehearse.coach import Coach
    from deckbuilder.rehearse.listening import HeardRun

# Below these sizes the talk screen drops what matters least first: notes, then the talk's title, then the
# footer and the source line (docs: the clock and the pace badge always stay, then the slide timer).
NARROW_COLS, TINY_COLS, SHORT_ROWS = 78, 66, 22
DIGITS = [Binding(str(d), f"app.digit('{d}')", show=False) for d in range(10)]


class TalkScreen(Screen[None]):
    """The presenter's view while talking."""

    BINDINGS = [
        Binding("right,space,pagedown,enter,n", "app.next_slide", "Next", key_display="→/Space"),
        Binding("left,pageup,backspace", "app.prev_slide", "Back", key_display="←"),
        Binding("s", "app.start", "Start", show=False),
        Binding("p,b,full_stop", "app.pause", "Pause", key_display="p/b"),
        Binding("f", "app.finish", "Finish"),
        Binding("q", "app.quit_early", "Quit"),
        Binding("R", "app.restart", "Restart", show=False),
        Binding("escape", "app.forget", "", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        *DIGITS,
    ]

    def __init__(self, coach: Coach, notice: str = "", foreseen: StoreRefused | None = None) -> None:
        super().__init__()
        self.coach, self.notice, self.foreseen = coach, notice, foreseen
        self._shown_slide = -1
        self._big_label = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(Text(one_line(self.coach.deck.title)), id="talk-title")
            yield TalkClock(id="talk-clock")
            yield PaceBadge(id="pace")
        yield Static(Text("PAUSED  ·  p or b resumes", style="bold"), id="paused")
        with Horizontal(id="middle"):
            with Vertical(id="slide-pane"):
                with Horizontal(id="clock-row"):
                    yield BigClock("0:00", id="big-clock")
                    yield Static(id="big-label")
                yield SlideTimer(id="slide-timer")
                yield SlideView(id="slide")
            yield NotesView(id="notes")
        yield NextUp(id="next")
        yield Static(id="source")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.coach.hearing is not None, "listening")
        self.show_store()
        self.redraw()

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.set_class(width < NARROW_COLS, "narrow")
        self.set_class(width < TINY_COLS, "tiny")
        self.set_class(height < SHORT_ROWS, "short")
        self.call_after_refresh(self.redraw, True)

    def tick(self) -> None:
        """Redraw what moves with the clock: the clocks, the badge and this slide's timer (not its text)."""
        status = self.coach.status()
        if status.slide != self._shown_slide:
            self.show_slide()
        # Said on the screen all along when listening: beside the big clock, or in the top line when it is narrow.
        tiny = self.has_class("tiny")
        heard = listening_text(self.coach, status, short=tiny) if self.coach.hearing is not None else None
        self.query_one(TalkClock).listening = heard if tiny else None
        self.query_one(TalkClock).show(status, self.coach.wall())
        self.query_one(PaceBadge).show(status)
        self.query_one(SlideTimer).show(status)
        self.query_one(BigClock).show(status)
        self.set_class(status.paused, "paused")
        label = Text(self.query_one(BigClock).label, style=MUTED)
        if heard is not None:
            label = Text("\n").join([label, heard])
        if label.plain != self._big_label:
            self._big_label = label.plain
            self.query_one("#big-label", Static).update(label)

    def redraw(self, force: bool = False) -> None:
        """Redraw everything (after a key, or a resize when ``force``)."""
        if force:
            self._shown_slide = -1
        self.tick()

    def show_slide(self) -> None:
        """Show the current slide's text, notes and the next slide's title."""
        coach = self.coach
        index, count = coach.session.current, len(coach.slides)
        self._shown_slide = index
        self.query_one(SlideView).show(coach.slides[index], coach.content(index), count)
        self.query_one(NotesView).show(coach.content(index))
        after = coach.content(index + 1) if index + 1 < count else None
        talk_ends = after is not None and not coach.slides[index + 1].main and coach.slides[index].main
        self.query_one(NextUp).show(after, backup_follows=talk_ends and coach.slides[index + 1].budget_s is None)

    def show_typed(self, typed: str, error: bool = False) -> None:
        """Show the slide number being typed (Enter jumps to it), or why it cannot be jumped to."""
        if not typed:
            self.show_store()
            return
        source = self.query_one("#source", Static)
        if error:
            source.update(Text(typed, style=f"bold {ALERT}"))
        else:
            source.update(Text(f"go to slide {typed}_   Enter jumps, Esc forgets", style="bold"))
        source.set_class(True, "saying")  # shown even on a short screen

    def show_store(self) -> None:
        """Show where the budgets came from; or that the history refuses writes, and what becomes of the run;
        or, until the clock starts, what the start found (a run that was killed)."""
        coach = self.coach
        line = store_line(coach.refused, len(coach.unsaved), self.foreseen)
        if line is None and self.notice and coach.session.started_at is None:
            line = Text(visible(self.notice), style="bold")
        source = self.query_one("#source", Static)
        source.update(line or Text(visible(coach.budgets.source)))
        source.set_class(line is not None, "saying")  # shown even on a short screen


class HelpScreen(ModalScreen[None]):
    """The keys, in a box; any key closes it and does nothing else."""

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        for key, what in (
            # One line a key even at 60 columns: the box must fit a small terminal whole.
            ("→ Space n", "next slide (the first starts the clock)"),
            ("← Backspace", "previous slide; its time adds up"),
            ("3 Enter", "jump to slide 3 (forgotten after 3 s)"),
            ("s", "start the clock without moving"),
            ("p b .", "pause or resume"),
            ("f", "finish: where the time went (asks early)"),
            ("q", "stop here (asks); kept as unfinished"),
            ("R", "start again (asks mid-talk)"),
            ("Ctrl+C", "stop at once, keeping what you did"),
            ("?", "this help"),
        ):
            keys.add_row(Text(key, style="bold"), what)
        with Vertical(id="help-box"):
            yield Static(Text("Keys", style="bold"))
            yield Static(keys)
            yield Static(Text("any key closes this; the clock keeps running", style=MUTED))

    def on_key(self, event: events.Key) -> None:
        # The key only closes the box: it must not also move a slide or quit the talk.
        event.stop()
        event.prevent_default()
        self.dismiss()


class ConfirmQuit(ModalScreen[bool]):
    """Ask before a key that ends or throws away the run in progress; y or Enter (or the key again) confirm,
    any other key goes on. The texts are plain text, never markup."""

    def __init__(
        self,
        question: str = "Stop the rehearsal here?",
        detail: str = "What you did is kept, marked unfinished.",
        key: str = "q",
        action: str = "stop and see the times",
    ) -> None:
        super().__init__()
        self.question, self.detail, self.key, self.action = question, detail, key, action

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static(Text(self.question, style="bold"))
            yield Static(Text(self.detail))
            yield Static(Text(f"{self.key}, y or Enter: {self.action}   ·   any other key: go on", style=MUTED))

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(event.key in (self.key, "y", "enter"))


class EndScreen(Screen[None]):
    """Where the time went, once the talk is over. Enter does nothing here: a double press must not close it."""

    BINDINGS = [
        Binding("r", "app.report", "Pacing report"),
        Binding("R", "app.restart", "Rehearse again"),
        Binding("q,escape", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        summary: Summary,
        stopped_at: int,
        unshown: frozenset[int],
        completed: bool,
        saved: Text,
        short_below_s: float,
        heard: HeardRun | None = None,
    ) -> None:
        super().__init__()
        self.summary, self.stopped_at, self.completed, self.saved = summary, stopped_at, completed, saved
        self.unshown, self.short_below_s, self.heard = unshown, short_below_s, heard

    def tell(self, message: str) -> None:
        """Show a line at the top (where the pacing picture was written)."""
        self.query_one("#end-saved", Static).update(Text(visible(message), style="bold"))

    def compose(self) -> ComposeResult:
        state = "" if self.completed else "  (unfinished)"
        short_below = self.short_below_s
        with VerticalScroll(id="end"):
            yield Static(Text(f"Where the time went{state}", style="bold"), id="end-title")
            # First, so it is seen without scrolling: where the run was saved, and the report's result.
            yield Static(self.saved + Text("   ·   r: pacing report   R: again", style=MUTED), id="end-saved")
            yield Static(
                verdict(self.summary, self.stopped_at, len(self.unshown), self.completed, short_below, self.heard),
                id="end-verdict",
            )
            whole = self.completed and not self.unshown
            yield Static(summary_table(self.summary, self.unshown, whole, self.heard), id="end-table")
        yield Static(Text("more below: ↓ or PgDn scrolls", style="bold"), id="end-more")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._say_if_it_scrolls)
        self.watch(self.query_one("#end", VerticalScroll), "scroll_y", self._say_if_it_scrolls, init=False)

    def on_resize(self, event: events.Resize) -> None:
        if self.heard is not None:  # a listened run's columns fit the width
            whole = self.completed and not self.unshown
            table = summary_table(self.summary, self.unshown, whole, self.heard, event.size.width)
            self.query_one("#end-table", Static).update(table)
        self.call_after_refresh(self._say_if_it_scrolls)

    def _say_if_it_scrolls(self) -> None:
        """Say that the screen goes on below the fold, on a screen too short for all of it, until it is scrolled to
        its end."""
        with contextlib.suppress(NoMatches):
            hint = self.query_one("#end-more", Static)
            end = self.query_one("#end", VerticalScroll)
            hint.display = end.scroll_y < end.max_scroll_y
