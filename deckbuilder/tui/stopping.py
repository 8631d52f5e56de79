"""Ending a run the way `q` does, whatever ends it: what was done is saved, the terminal restored, and the exit
code is the shell's (130 for Ctrl+C, 128 + n for a signal)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import App, ScreenStackError
from textual.binding import Binding

from deckbuilder.core.rules.config import default_config
from deckbuilder.core.rules.settings import TerminalColours
from deckbuilder.core.text.display import visible
from deckbuilder.errors import StoreRefused
from deckbuilder.rehearse.pending import RETRY_S

from .palette import ALERT, CAUTION, MUTED, NAME, ansi_theme, textual_theme

STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


def catch_stop_signals(stop: Callable[[int], None]) -> list[int]:
    """Call ``stop(signal number)`` on SIGTERM, SIGHUP or SIGINT; return the numbers caught (to release later)."""
    loop = asyncio.get_running_loop()
    caught = []
    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, stop, int(number))
            caught.append(int(number))
    return caught


def release_signals(numbers: list[int]) -> None:
    """Give the signals back to Python's defaults."""
    loop = asyncio.get_running_loop()
    for number in numbers:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.remove_signal_handler(number)


class RunApp(App[None]):
    """An app around one run (a rehearsal, a drill) kept in the history as it happens.

    However it ends (q, Ctrl+C, SIGTERM, SIGHUP, or the app closing) the run is ended and saved by ``end_run``;
    Ctrl+C exits 130 and a signal 128 + its number, as shells expect. Writes a busy history refused are
    retried every few seconds by ``retry_writes``.
    """

    # Ctrl+C stops the run (saved, unfinished) instead of Textual's "press Ctrl+Q" notice.
    BINDINGS = [Binding("ctrl+c", "interrupt", "Stop", show=False, priority=True)]

    def __init__(self, colours: TerminalColours | None = None) -> None:
        super().__init__()
        self._signals: list[int] = []
        colours = colours or default_config().terminal
        self.register_theme(textual_theme(colours))
        self.theme = NAME
        # Set without its watcher, which would restyle the whole app once more after the first frame.
        ansi = ansi_theme(colours)
        self.set_reactive(App.ansi_theme_dark, ansi)
        self._refresh_truecolor_filter(ansi)

    def showing(self, screen: object) -> bool:
        """Whether ``screen`` is on top; False once the app is shutting down and its screens are gone."""
        try:
            return self.screen is screen
        except ScreenStackError:  # a timer can fire after the last screen is popped
            return False

    def end_run(self) -> None:
        """Save what was done and close the run (each app says how)."""
        raise NotImplementedError

    def retry_writes(self) -> None:
        """Try again to save what a busy history refused (each app says how, and shows it)."""

    def on_mount(self) -> None:
        # Textual calls this after the subclass's own on_mount.
        self.set_interval(RETRY_S, self.retry_writes)
        if not self.is_headless:
            self._signals = catch_stop_signals(self.stop_on_signal)

    def on_unmount(self) -> None:
        self.end_run()
        release_signals(self._signals)

    def stop_on_signal(self, number: int) -> None:
        """End the run as `q` does and exit with 128 + the signal's number."""
        self.end_run()
        self.exit(return_code=128 + number)

    def action_interrupt(self) -> None:
        """Ctrl+C: stop now, keep what was done, exit 130."""
        self.end_run()
        self.exit(return_code=130)


def store_line(refused: StoreRefused | None, waiting: int, foreseen: StoreRefused | None = None) -> Text | None:
    """Return what the screen says while the history refuses writes (None when it takes them): a lock is waited
    out; a history that cannot be written at all is named for what it is, and the run will go to a file."""
    if waiting and refused is not None and refused.passing:  # waited out, and short enough for 60 columns
        return Text(f"history {refused.what.removeprefix('is ')}: {waiting} waiting", style=f"bold {CAUTION}")
    cause = refused if waiting and refused is not None else foreseen
    if cause is None:
        return None
    # Short enough for 60 columns: the end screen names the file.
    return Text(
        f"NOT SAVING: history {cause.what.removeprefix('is ')}; run kept in a file at end", style=f"bold {ALERT}"
    )


def kept_line(refused: StoreRefused | None, kept: Path | None, lost: str, saved_to: str) -> Text:
    """Return where the run went: the history, or the file that keeps it (never "saved" for what was not)."""
    if refused is None:
        return Text(visible(saved_to), style=MUTED)
    if kept is not None:
        return Text(
            f"NOT saved: the history {refused.what}. The whole run is kept in {visible(str(kept))}; "
            f"once the history can be written: deck history --restore {visible(str(kept))}",
            style=f"bold {ALERT}",
        )
    return Text(
        f"NOT saved: the history {refused.what}, and no file could be written either ({visible(lost)}): "
        "what this screen shows is all that is left of the run",
        style=f"bold {ALERT}",
    )
