"""Writes the history could not take yet (another program holds the database): kept in order and retried."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

PATIENCE_S = 0.25  # how long a key press may wait for a busy database before moving on
RETRY_S = 2.0  # how often the apps try again the writes a busy history refused


class PendingWrites:
    """A queue of writes, tried in order; a busy database leaves them waiting instead of losing them."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[], None]] = []
        self.error = ""  # what the database said the last time it refused

    def add(self, action: Callable[[], None]) -> bool:
        """Queue ``action`` behind what already waits, and try them all."""
        self.waiting.append(action)
        return self.flush()

    def flush(self) -> bool:
        """Write what waits, in order; return True when nothing waits any more."""
        while self.waiting:
            try:
                self.waiting[0]()
            except sqlite3.Error as exc:
                self.error = str(exc)
                return False
            self.waiting.pop(0)
        self.error = ""
        return True
