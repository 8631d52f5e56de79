"""Widgets of the rehearsal screen: clocks, pace badge, the slide's timer bar, the slide itself."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from deckbuilder.core.deck_format import notes_body
from deckbuilder.core.display import one_line, visible
from deckbuilder.core.durations import format_duration as fmt
from deckbuilder.core.durations import format_signed
from deckbuilder.core.talk import TimedSlide
from deckbuilder.rehearse.deck_reader import DeckSlide
from deckbuilder.rehearse.pacing import Status

PACE_TEXT = {
    "waiting": "Space or → starts",
    "on_track": "on track",
    "ahead": "ahead",
    "behind": "behind",
    "overtime": "OVERTIME",
}


class TalkClock(Static):
    """The talk clock against the total, with the time left (or over)."""

    def show(self, status: Status) -> None:
        """Redraw from ``status``."""
        text = Text()
        text.append(fmt(status.talk_s), style="bold")
        text.append(f" / {fmt(status.duration_s)}")
        if status.overtime_s > 0:
            text.append(f"   {fmt(status.overtime_s)} over", style="bold red")
        else:
            text.append(f"   {fmt(status.remaining_s)} left", style="bold yellow" if status.alert else "")
        if status.paused:
            text.append("   PAUSED", style="bold reverse")
        self.update(text)
        self.set_class(status.alert, "alert")
        self.set_class(status.overtime_s > 0, "overtime")


class PaceBadge(Static):
    """Ahead, on track, behind or overtime, in seconds and colour."""

    def show(self, status: Status) -> None:
        """Redraw from ``status``."""
        for pace in PACE_TEXT:
            self.set_class(status.pace == pace, pace)
        if status.pace in ("ahead", "behind"):
            self.update(f"{format_signed(status.delta_s)} {PACE_TEXT[status.pace]}")
        elif status.pace == "overtime":
            self.update(f"{PACE_TEXT['overtime']} +{fmt(status.overtime_s)}")
        else:
            self.update(PACE_TEXT[status.pace])


class SlideTimer(Static):
    """This slide's time over all its visits, against its own budget, as a bar."""

    WIDTH = 30

    def show(self, status: Status) -> None:
        """Redraw from ``status``."""
        budget = status.slide_budget_s
        text = Text(fmt(status.slide_s), style="bold")
        if not budget:
            text.append("  no budget for this slide")
            self.update(text)
            return
        text.append(f" / {fmt(budget)}  ")
        filled = min(int(self.WIDTH * status.slide_s / budget), self.WIDTH)
        style = {"ok": "green", "near": "dark_orange", "over": "bold red"}[status.bar]
        text.append("█" * filled, style=style)
        text.append("░" * (self.WIDTH - filled), style="grey42")
        if status.bar == "over":
            text.append(f"  +{fmt(status.slide_s - budget)} over", style="bold red")
        self.update(text)
        for bar in ("ok", "near", "over"):
            self.set_class(status.bar == bar, bar)


class SlideView(Static):
    """The current slide: number, kind, title and points."""

    MAX_POINTS = 10

    def show(self, slide: TimedSlide, content: DeckSlide, count: int) -> None:
        """Redraw for ``slide``; wrapped points keep their hanging indent."""
        head = Text()
        head.append(f"Slide {slide.index}/{count}", style="bold")
        if slide.kind:
            head.append(f"  ·  {one_line(slide.kind.replace('_', ' '))}", style="italic")
        points = Table.grid(padding=(0, 1))
        points.add_column(no_wrap=True)
        points.add_column(overflow="fold")
        for level, point in content.points[: self.MAX_POINTS]:
            points.add_row("  " * (level + 1) + "•", Text(visible(point)))
        more = len(content.points) - self.MAX_POINTS
        if more > 0:
            points.add_row("", Text(f"… {more} more", style="dim"))
        self.update(Group(head, Text(one_line(content.title), style="bold"), points))


class NotesView(Static):
    """The speaker notes of the current slide."""

    def show(self, content: DeckSlide) -> None:
        """Redraw for a slide, without the timing line deck build puts first."""
        body = notes_body(content.notes)
        self.update(Text(visible(body) or "no notes for this slide", style="" if body else "dim"))


class NextUp(Static):
    """The title of the slide after this one."""

    def show(self, nxt: DeckSlide | None) -> None:
        """Redraw with the next slide, or the end of the talk."""
        self.update(Text(f"Next: {one_line(nxt.title)}" if nxt else "Next: end of the talk (→ finishes)"))
