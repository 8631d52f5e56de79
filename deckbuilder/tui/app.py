"""The rehearsal coach app: keys call the coach, a timer asks the screen to redraw from the clock."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.css.query import NoMatches

from deckbuilder.errors import DeckError
from deckbuilder.history.store import History
from deckbuilder.tui.screens import EndScreen, HelpScreen, TalkScreen

if TYPE_CHECKING:
    from deckbuilder.rehearse.coach import Coach


class RehearseApp(App[None]):
    """Time each slide against its budget while the presenter talks."""

    CSS_PATH = Path(__file__).with_name("rehearse.tcss")
    TITLE = "deck rehearse"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, coach: Coach, redraw_s: float, saved_to: str) -> None:
        super().__init__()
        self.coach, self.redraw_s, self.saved_to = coach, redraw_s, saved_to
        self.talk = TalkScreen(coach)
        self._alerted = False

    def on_mount(self) -> None:
        self.push_screen(self.talk)
        # The timer only asks for a redraw; elapsed time is always read from the clock, so nothing drifts.
        self.set_interval(self.redraw_s, self.redraw)

    def redraw(self) -> None:
        """Redraw the talk screen, and ring once when the last minutes begin."""
        # The timer can still fire while the app shuts down and its screens are gone.
        if not self.screen_stack or self.screen is not self.talk or self.coach.closed or not self.talk.is_mounted:
            return
        try:
            self.talk.redraw()
        except NoMatches:  # the app is shutting down and the widgets are already gone
            return
        if self.coach.status().alert and not self._alerted:
            self._alerted = True
            self.bell()

    def action_next_slide(self) -> None:
        self.coach.next()
        self._after_move()

    def action_prev_slide(self) -> None:
        self.coach.back()
        self._after_move()

    def action_start(self) -> None:
        self.coach.start()
        self.talk.redraw()

    def action_pause(self) -> None:
        self.coach.pause()
        self.talk.redraw()

    def action_finish(self) -> None:
        if self.coach.session.started_at is None:
            return
        self.coach.finish()
        self._show_end()

    def action_quit_early(self) -> None:
        self.coach.quit()
        self.exit()

    def action_report(self) -> None:
        """Draw the pacing report of this deck's rehearsals beside the deck (matplotlib loads only now)."""
        screen = self.screen
        store = self.coach.history
        if not isinstance(screen, EndScreen) or not isinstance(store, History):
            return
        from deckbuilder.history.chart import write_report

        deck = self.coach.deck
        out = deck.path.with_name(deck.path.stem + "-pacing.png")
        try:
            numbers = write_report(store, deck.identity(), deck.timed(), out, 5, self.coach.config)
        except (OSError, DeckError) as exc:
            screen.tell(f"could not write the report: {exc}")
            return
        screen.tell(f"wrote {out}: {numbers.finding}")

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def _after_move(self) -> None:
        if self.coach.closed:
            self._show_end()
        else:
            self.talk.redraw()

    def _show_end(self) -> None:
        self.switch_screen(EndScreen(self.coach.summary(), self.saved_to))
