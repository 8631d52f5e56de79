"""Widgets of the rehearsal screen: clocks, pace badge, the slide's timer bar, the slide itself.

Each widget remembers what it last drew and skips an update that would draw the same thing, so an idle
tick writes almost nothing to the terminal (it matters over SSH).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Digits

from deckbuilder.core.text.display import one_line, visible
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.deck_format import notes_body
from deckbuilder.core.timing.talk import TimedSlide
from deckbuilder.rehearse.deck_reader import DeckSlide
from deckbuilder.rehearse.pacing import Status

from .palette import ALERT, CAUTION, GOOD, MUTED

PACE_TEXT = {
    "waiting": "Space or → starts",
    "on_track": "on track",
    "ahead": "ahead",
    "behind": "behind",
    "overtime": "OVERTIME",
    "backup": "backup slide",
}
BAR_STYLE = {"ok": GOOD, "near": CAUTION, "over": f"bold {ALERT}"}
MIN_BAR = 8  # narrower than this, the bar gives way to a word that carries its colour


class Cached(Widget):
    """A widget that repaints only itself, and only when what it shows has changed.

    (Static.update asks for a new layout of the screen each time, which repaints the neighbours too.)
    """

    _key: Any = None
    _content: Any = ""
    _width = 0

    def render(self) -> Any:
        return self._content

    def draw(self, key: Any, content: Any) -> None:
        if key == self._key:
            return
        self._key, self._content = key, content
        width = len(content.plain) if isinstance(content, Text) else 0
        # Only a widget sized by its text needs a new layout, and only when the text's length changed.
        self.refresh(layout=self.styles.width is not None and self.styles.width.is_auto and width != self._width)
        self._width = width


class TalkClock(Cached):
    """The talk clock against the total, the time left (or over), the projected end and the time of day."""

    listening: Text | None = None  # on a screen too narrow for the big clock's label, the listening line is here

    def show(self, status: Status, wall: dt.datetime) -> None:
        """Redraw from ``status``; parts drop from the right when the screen is narrow."""
        # The clock sizes itself to its text: its room is the screen less the badge and a glimpse of the title.
        screen = self.screen.size.width or 80
        room = screen - (18 if self.screen.has_class("tiny") else 24 + 16) - 4
        parts: list[tuple[str, str]] = [(fmt(status.talk_s), "bold"), (f" / {fmt(status.duration_s)}", "")]
        if self.listening is not None:  # that it listens comes before the rest: the microphone is on
            parts.append(("  " + self.listening.plain, CAUTION))
        if status.overtime_s > 0:
            parts.append((f"  {fmt(status.overtime_s)} over", f"bold {ALERT}"))
        else:
            parts.append((f"  {fmt(status.remaining_s)} left", f"bold {CAUTION}" if status.alert else ""))
        if status.backup_s >= 1:  # questions on backup slides: apart from the talk, never its overtime
            parts.append((f"  +{fmt(status.backup_s)} on backup", MUTED))
        if status.paused:
            parts.append(("  PAUSED", "bold reverse"))
        if status.started and not status.finished and status.projected_s > status.talk_s:
            parts.append((f"  projected {fmt(status.projected_s)}", MUTED))
        parts.append((f"  time {wall:%H:%M}", MUTED))  # the time of day, said so beside talk lengths
        text, used = Text(), 0
        for part, style in parts:
            if used + len(part) > room and used:
                break
            text.append(part, style=style)
            used += len(part)
        self.draw((text.plain, status.alert, status.overtime_s > 0), text)
        self.set_class(status.alert, "alert")
        self.set_class(status.overtime_s > 0, "overtime")


class PaceBadge(Cached):
    """Ahead, on track, behind or overtime, in seconds and colour."""

    def show(self, status: Status) -> None:
        """Redraw from ``status``."""
        for pace in PACE_TEXT:
            self.set_class(status.pace == pace, pace)
        if status.pace == "ahead":  # in words, no double signs: "finishing ~0:40 early", "1:12 behind"
            label = f"finishing ~{fmt(status.delta_s)} early"
        elif status.pace == "behind":
            label = f"{fmt(-status.delta_s)} behind"
        elif status.pace == "overtime":
            label = f"{PACE_TEXT['overtime']} +{fmt(status.overtime_s)}"
        else:
            label = PACE_TEXT[status.pace]
        self.draw(label, label)


class BigClock(Digits):
    """This slide's time left in large digits, or its overrun (alert colour): readable from a step back.

    It changes once a second at most, and repaints only then (the digits are several lines of the screen).
    """

    label = ""  # what the digits are, in words, for the label beside them

    def show(self, status: Status) -> None:
        """Redraw from ``status``: the slide's budget less its time, a "+" overrun, or the talk clock."""
        budget = status.slide_budget_s
        if not status.started:
            text, state = fmt(budget or 0), "waiting"
        elif budget:
            left = budget - status.slide_s
            text, state = (fmt(left), "ok") if left >= 0 else ("+" + fmt(-left), "over")
        elif status.on_backup:  # a backup slide has no budget: the time on it, which is not the talk's
            text, state = fmt(status.slide_s), "backup"
        else:  # a slide of the talk the plan gave no budget: the talk's clock
            text, state = fmt(status.talk_s), "backup"
        if status.alert and state == "ok":
            state = "alert"
        if state == "over":
            self.label = "over this slide's budget"
        else:
            self.label = (
                "left on this slide"
                if budget
                else "on this backup slide, apart from the talk"
                if status.on_backup
                else "talk clock (no budget for this slide)"
            )
        if text != self.value:
            self.update(text)
        for name in ("waiting", "ok", "over", "backup", "alert"):
            self.set_class(state == name, name)


class SlideTimer(Cached):
    """This slide's time over all its visits, against its own budget: a coloured bar, or a coloured word."""

    def show(self, status: Status) -> None:
        """Redraw from ``status``, fitting the bar to the width the screen gives it."""
        budget = status.slide_budget_s
        for bar in BAR_STYLE:
            self.set_class(status.bar == bar, bar)
        # The seconds are the big clock's; the timer shows the budget and how much of it is used, so it repaints
        # when its bar grows a cell, not every second.
        if not budget:
            text = Text("no budget for this slide")
            self.draw(text.plain, text)
            return
        text = Text(fmt(budget), style="bold")
        text.append(" budget ")
        style = BAR_STYLE[status.bar]
        over = f" +{fmt(status.slide_s - budget)} over" if status.bar == "over" else ""
        width = (self.size.width or 40) - len(text.plain) - len(over) - 1
        if width >= MIN_BAR:
            filled = min(int(width * status.slide_s / budget), width)
            text.append("█" * filled, style=style)
            text.append("░" * (width - filled), style=MUTED)
            text.append(over, style=f"bold {ALERT}")
        else:  # no room for a bar: the state in a word, in the bar's colour
            word = {"ok": " ok", "near": " NEAR", "over": f" OVER +{fmt(status.slide_s - budget)}"}[status.bar]
            text.append(word, style=style)
        self.draw(text.plain, text)


class SlideView(Cached):
    """The current slide: number, kind, title and as many points as the pane shows, then "+N more"."""

    def show(self, slide: TimedSlide, content: DeckSlide, count: int) -> None:
        """Redraw for ``slide``; wrapped points keep their hanging indent."""
        width, height = self.size.width or 60, self.size.height or 12
        head = Text()
        head.append(f"Slide {slide.index}/{count}", style="bold")
        if slide.kind:
            head.append(f"  ·  {one_line(slide.kind.replace('_', ' '))}", style="italic")
        title = one_line(content.title)
        room = height - 1 - _lines(title, width)
        points = Table.grid(padding=(0, 1))
        points.add_column(no_wrap=True)
        points.add_column(overflow="fold")
        shown = 0
        for level, point in content.points:
            indent = 2 * (level + 1) + 2
            need = _lines(visible(point), max(width - indent, 1))
            last = shown == len(content.points) - 1
            if need > room - (0 if last else 1):  # keep a line for "+N more"
                break
            points.add_row("  " * (level + 1) + "•", Text(visible(point)))
            room -= need
            shown += 1
        more = len(content.points) - shown
        if more > 0:
            points.add_row("", Text(f"+{more} more", style=MUTED))
        self.draw((slide.index, width, height), Group(head, Text(title, style="bold"), points))


def _lines(text: str, width: int) -> int:
    return max(math.ceil(len(text) / max(width, 1)), 1)


class NotesView(Cached):
    """The speaker notes of the current slide."""

    def show(self, content: DeckSlide) -> None:
        """Redraw for a slide, without the timing line deck build puts first."""
        body = notes_body(content.notes)
        self.draw(body, Text(visible(body) or "no notes for this slide", style="" if body else MUTED))


class NextUp(Cached):
    """The title of the slide after this one."""

    def show(self, nxt: DeckSlide | None, backup_follows: bool = False) -> None:
        """Redraw with the next slide, or the end of the talk (the backup slides after it are not the talk)."""
        # "After this", not "Next:": a foreign deck's slide may well be titled "Next: ..." or "Next steps".
        if backup_follows:
            label = "After this: end of the talk (backup slides follow)"
        else:
            label = f"After this: {one_line(nxt.title)}" if nxt else "After this: end of the talk (→ finishes)"
        self.draw(label, Text(label))


def listening_text(coach: Any, status: Status, short: bool = False) -> Text:
    """Return what the screen says of listening: that it listens (or the recording is over, or the clock is
    paused), and the slide's speaking rate so far once it has heard enough to tell; ``short`` for the top line of a
    narrow screen ("● 148 wpm")."""
    hearing = coach.hearing
    if hearing.ended:
        return Text("● recording over", style=CAUTION)
    if status.paused:
        return Text("● paused" if short else "● paused: not heard", style=CAUTION)
    heard = coach.heard_now() if status.started and not status.finished else None
    wpm = heard.wpm(hearing.rules.rate_min_speech_s) if heard is not None else None
    if short and wpm is not None:
        return Text(f"● {wpm:.0f} wpm", style=CAUTION)
    return Text("● listening" + (f" · {wpm:.0f} wpm" if wpm is not None else ""), style=CAUTION)
