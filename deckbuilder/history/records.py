"""What every part of the rehearsal history shares: the connection, one way to write (committed, or refused with
the reason), and stored values checked as they are read (a tampered file is a message, never a crash)."""

from __future__ import annotations

import contextlib
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from deckbuilder.core.timing.talk import DeckId
from deckbuilder.errors import DeckError

from .location import ENV
from .refusal import refusal

MAX_SLIDES = 10**6  # a slide number past this is no deck's: the file was edited or damaged


class Records:
    """The open history database at ``path``; History and its parts read and write through these."""

    path: Path
    db: sqlite3.Connection

    # A run belongs to a deck by its file, its slide titles, or (built by deck) its talk title; `{built}` is
    # the column that says the run was made on a deck from `deck build` (or its outline).
    _MATCH = "deck_path = :path OR fingerprint = :fingerprint OR (:embedded AND {built} AND deck_title = :title)"

    def set_patience(self, seconds: float) -> None:
        """Wait up to ``seconds`` for a database another program holds before a write gives up."""
        self.db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Commit what the block writes, or roll it back and raise StoreRefused saying why the history refused."""
        try:
            with self.db:
                yield
        except sqlite3.Error as exc:
            raise refusal(exc, self.path) from None

    @staticmethod
    def _deck_args(deck: DeckId) -> dict[str, object]:
        return {"path": deck.path, "fingerprint": deck.fingerprint, "embedded": int(deck.embedded), "title": deck.title}

    def _damaged(self, what: str, value: object, not_a: str) -> DeckError:
        return DeckError(
            f"the rehearsal history is damaged: {what} holds {str(value)[:30]!r}, not {not_a}",
            file=str(self.path),
            hint=f"move it aside to keep it, or point deck at another file with --db or ${ENV}",
        )

    def _number(self, value: object, what: str, allow_none: bool = True) -> float | None:
        """Return a stored number, or raise DeckError: text or infinity there means the file was tampered with."""
        if value is None and allow_none:
            return None
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and math.isfinite(value)
            and 0 <= value <= 10**9
        ):
            return float(value)
        raise self._damaged(what, value, "a number of seconds")

    def _index(self, value: object, what: str) -> int:
        """Return a stored slide number, or raise DeckError: infinity or text there means a tampered file."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_SLIDES:
            return value
        raise self._damaged(what, value, "a slide number")

    def _in(self, sql: str, ids: list[int]) -> Iterator[tuple[Any, ...]]:
        # SQLite caps the parameters of one statement; ask in chunks.
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            yield from self.db.execute(sql.format(marks=",".join("?" * len(part))), part)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
