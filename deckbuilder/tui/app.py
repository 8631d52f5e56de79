"""The rehearsal coach app: keys call the coach, a timer asks the screen to redraw the clocks from the clock."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.css.query import NoMatches

from deckbuilder.errors import DeckError, StoreRefused
from deckbuilder.history.store import History
from deckbuilder.tui.screens import ConfirmQuit, EndScreen, HelpScreen, TalkScreen
from deckbuilder.tui.stopping import RunApp, kept_line

if TYPE_CHECKING:
    from deckbuilder.rehearse.coach import Coach


class RehearseApp(RunApp):
    """Time each slide against its budget while the presenter talks."""

    CSS_PATH = Path(__file__).with_name("rehearse.tcss")
    TITLE = "deck rehearse"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self, coach: Coach, redraw_s: float, saved_to: str, notice: str = "", foreseen: StoreRefused | None = None
    ) -> None:
        super().__init__(coach.config.terminal)
        self.coach, self.redraw_s, self.saved_to = coach, redraw_s, saved_to
        # Said on the talk screen: what the last start found (a killed run), and a history that will refuse.
        self.talk = TalkScreen(coach, notice, foreseen)
        self.typed = ""  # a slide number being typed, to jump to with Enter
        self.typed_at = 0.0  # when its last digit came (or a jump was refused), on the coach's clock
        self.refused = False  # "no slide 12" is on screen, until the next key or the same wait
        self._alerted = False

    def on_mount(self) -> None:
        # Installed, so the talk screen survives the end screen and a restart can return to it.
        self.install_screen(self.talk, "talk")
        self.push_screen("talk")
        # The timer only asks for a redraw; elapsed time is always read from the clock, so nothing drifts.
        self.set_interval(self.redraw_s, self.redraw)
        self.set_interval(self.coach.config.pace.checkpoint_s, self.coach.checkpoint)

    def end_run(self) -> None:
        # However the app ends, the open visit is saved and the run closed.
        self.coach.quit()

    def redraw(self) -> None:
        """Redraw the clocks of the talk screen (also under the help box), and ring once for the last minutes."""
        # Heard even between runs (the end screen), so a microphone's sound never piles up unheard.
        self.coach.listen()
        # The timer can still fire while the app shuts down and its screens are gone.
        if self.talk not in self.screen_stack or self.coach.closed or not self.talk.is_mounted:
            return
        try:
            self._typed_number()  # a number typed and left is forgotten, its prompt too
            self.talk.tick()
        except NoMatches:  # the app is shutting down and the widgets are already gone
            return
        if self.coach.status().alert and not self._alerted:
            self._alerted = True
            self.bell()

    def retry_writes(self) -> None:
        """Try again to save what a busy history refused, and say how it went."""
        if self.coach.unsaved:
            self.coach.flush()
            if self.talk.is_mounted and not self.coach.closed:
                with contextlib.suppress(NoMatches):
                    self.talk.show_store()

    # --- keys ----------------------------------------------------------------------------------
    def _typed_number(self) -> str:
        """Return the slide number being typed, forgetting it once it waited too long (a stray digit must not
        turn the next → into a jump minutes later)."""
        if (self.typed or self.refused) and self.coach.clock() - self.typed_at > self.coach.config.pace.typed_number_s:
            self.action_forget()
        return self.typed

    def action_next_slide(self) -> None:
        if self._typed_number():
            self.action_jump()
            return
        self._drop_typed()
        self.coach.next()
        self._after_move()

    def action_prev_slide(self) -> None:
        if self._typed_number():  # Backspace (or ←) while typing clears the number, and only that
            self.action_forget()
            return
        self._drop_typed()
        self.coach.back()
        self._after_move()

    def action_digit(self, digit: str) -> None:
        """Collect a slide number; Enter jumps to it, Escape forgets it, and so does a wait or another key."""
        self._typed_number()
        self.refused = False
        if len(self.typed) < 3:
            self.typed += digit
        self.typed_at = self.coach.clock()
        self.talk.show_typed(self.typed)

    def _drop_typed(self) -> None:
        """Any key that is not a digit or a jump forgets a slide number being typed."""
        if self.typed or self.refused:
            self.action_forget()

    def action_forget(self) -> None:
        self.typed, self.refused = "", False
        self.talk.show_typed("")

    def action_jump(self) -> None:
        number, self.typed = int(self.typed or "0"), ""
        self.talk.show_typed("")
        if 1 <= number <= len(self.coach.slides):
            self.coach.jump(number)
            self._after_move()
        else:  # said until the next key, or as long as a typed number waits
            self.talk.show_typed(f"no slide {number}; the deck has {len(self.coach.slides)}", error=True)
            self.refused, self.typed_at = True, self.coach.clock()

    def action_start(self) -> None:
        self._drop_typed()
        self.coach.start()
        self.talk.redraw()

    def action_pause(self) -> None:
        self._drop_typed()
        self.coach.pause()
        self.talk.redraw()

    def action_finish(self) -> None:
        self._drop_typed()
        if self.coach.session.started_at is None:
            return
        unshown = self.coach.unshown()
        if not unshown:
            self.coach.finish()
            self._show_end()
            return
        # Ending before the last main slide is not a whole talk: ask, and keep it as unfinished.
        detail = f"{len(unshown)} main slide(s) not shown yet; the run is kept as unfinished."
        self.push_screen(ConfirmQuit("End the talk here?", detail, "f", "end it"), self._finish_confirmed)

    def _finish_confirmed(self, end: bool | None) -> None:
        if end:
            self.coach.finish()
            self._show_end()

    def action_quit_early(self) -> None:
        """Ask before stopping: a stray q must not end a rehearsal."""
        self._drop_typed()
        if self.coach.session.started_at is None:
            self.exit()
            return
        self.push_screen(ConfirmQuit(), self._confirmed)

    def _confirmed(self, stop: bool | None) -> None:
        if stop:
            self.coach.quit()
            self._show_end()

    def action_restart(self) -> None:
        """Keep this run as it stands and start a fresh one on slide 1, clock waiting; ask mid-talk."""
        session = self.coach.session
        if session.started_at is not None and not session.finished and self.screen is self.talk:
            detail = "This run is kept, marked unfinished, and a new one starts on slide 1."
            self.push_screen(ConfirmQuit("Start again?", detail, "R", "start again"), self._restart_confirmed)
            return
        self._restart()

    def _restart_confirmed(self, again: bool | None) -> None:
        if again:
            self._restart()

    def _restart(self) -> None:
        self.coach.restart()
        self._alerted = False
        if self.screen is not self.talk:
            self.switch_screen("talk")
        self.talk.show_slide()
        self.talk.redraw()

    def action_report(self) -> None:
        """Draw the pacing report of this deck's rehearsals beside the deck (matplotlib loads only now)."""
        screen = self.screen
        store = self.coach.history
        if not isinstance(screen, EndScreen) or not isinstance(store, History):
            return
        from deckbuilder.history.chart import write_report

        self.coach.flush()
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
            self.talk.show_slide()
            self.talk.redraw()

    def _show_end(self) -> None:
        summary = self.coach.summary()
        short = summary.duration_s * self.coach.config.pace.too_short_ratio
        unshown = frozenset(slide.index for slide in self.coach.unshown())
        saved, heard = self._saved_line(), self.coach.judged()
        end = EndScreen(summary, self.coach.session.current, unshown, self.coach.completed, saved, short, heard)
        self.switch_screen(end)

    def _saved_line(self) -> Text:
        log = self.coach.runs[-1] if self.coach.runs else None
        if log is None:
            return kept_line(None, None, "", self.saved_to)
        return kept_line(log.refused, log.kept, log.lost, self.saved_to)
