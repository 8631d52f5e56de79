"""Writes the history could not take yet (another program holds the database, or it cannot be written at all):
kept in order, each with the run it belongs to, and retried."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from deckbuilder.errors import StoreRefused

PATIENCE_S = 0.25  # how long a key press may wait for a busy database before moving on
RETRY_S = 2.0  # how often the apps try again the writes a busy history refused
END_PATIENCE_S = 10.0  # how long the last write of a run waits for a busy history before the run is kept in a file


class PendingWrites:
    """A queue of writes, tried in order; a history that refuses leaves them waiting instead of losing them."""

    def __init__(self) -> None:
        self.entries: list[tuple[object, Callable[[], None]]] = []  # (the run it belongs to, the write)
        self.refused: StoreRefused | None = None  # why the history last refused, until a write goes through

    @property
    def waiting(self) -> list[Callable[[], None]]:
        """Return the writes still waiting, oldest first."""
        return [action for _, action in self.entries]

    @property
    def error(self) -> str:
        """Return what the history said the last time it refused ("" when all is written)."""
        return self.refused.what if self.refused is not None else ""

    def add(self, action: Callable[[], None], run: object = None) -> bool:
        """Queue ``action`` (a write of ``run``) behind what already waits, and try them all."""
        self.entries.append((run, action))
        return self.flush()

    def flush(self) -> bool:
        """Write what waits, in order; return True when nothing waits any more."""
        while self.entries:
            try:
                self.entries[0][1]()
            except StoreRefused as refused:
                self.refused = refused
                return False
            except sqlite3.Error as exc:  # a recorder that does not say why
                self.refused = StoreRefused("unwritable", f"cannot be written ({exc})", "")
                return False
            self.entries.pop(0)
        self.refused = None
        return True

    def holds(self, run: object) -> bool:
        """Whether writes of ``run`` still wait."""
        return any(owner is run for owner, _ in self.entries)

    def drop(self, run: object) -> None:
        """Forget the writes of ``run`` (kept elsewhere now), so they are never written twice."""
        self.entries = [(owner, action) for owner, action in self.entries if owner is not run]
