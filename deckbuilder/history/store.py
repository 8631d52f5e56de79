"""The SQLite store of rehearsals: one row per slide visit, committed as it happens."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deckbuilder.errors import DeckError
from deckbuilder.rehearse.pacing import PaceSlide, Visit

ENV = "DECK_HISTORY"
SCHEMA_VERSION = 2

# Each entry moves the database from version N-1 to N; a later release appends, never edits.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE rehearsals (
            id INTEGER PRIMARY KEY,
            deck_path TEXT NOT NULL,
            deck_title TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            duration_s REAL NOT NULL,
            budgets_from TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            finished INTEGER NOT NULL DEFAULT 0,
            total_s REAL
        )""",
        """CREATE TABLE planned_slides (
            rehearsal_id INTEGER NOT NULL REFERENCES rehearsals(id),
            idx INTEGER NOT NULL,
            title TEXT NOT NULL,
            kind TEXT,
            budget_s REAL,
            PRIMARY KEY (rehearsal_id, idx)
        )""",
        """CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            rehearsal_id INTEGER NOT NULL REFERENCES rehearsals(id),
            idx INTEGER NOT NULL,
            title TEXT NOT NULL,
            budget_s REAL,
            talk_start_s REAL NOT NULL,
            seconds REAL NOT NULL,
            started_at TEXT NOT NULL
        )""",
        "CREATE INDEX visits_by_rehearsal ON visits(rehearsal_id)",
        "CREATE INDEX rehearsals_by_deck ON rehearsals(fingerprint, deck_path)",
    ),
    # 2: a slide's identity across rebuilds (the outline's id, else its title).
    2: (
        "ALTER TABLE planned_slides ADD COLUMN slide_key TEXT",
        "ALTER TABLE visits ADD COLUMN slide_key TEXT",
        "UPDATE planned_slides SET slide_key = title WHERE slide_key IS NULL",
        "UPDATE visits SET slide_key = title WHERE slide_key IS NULL",
        "CREATE INDEX visits_by_key ON visits(rehearsal_id, slide_key)",
    ),
}


def default_path() -> Path:
    """Return the database file: $DECK_HISTORY, else deck's folder in the user data directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("deck", appauthor=False)) / "history.sqlite3"


def fingerprint(titles: Iterable[str]) -> str:
    """Return a short hash of a deck's slide titles, to know a deck again after it moved."""
    return hashlib.sha256("\n".join(t.strip().lower() for t in titles).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class DeckId:
    """Who a rehearsal belongs to."""

    path: str
    title: str
    fingerprint: str


class History:
    """Open (creating or migrating) the rehearsal database; never overwrite one it cannot read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=5)
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DeckError(
                f"the rehearsal history is damaged or not a deck database ({exc})",
                file=str(path),
                hint=f"move it aside to keep it, or point deck at another file with --db or ${ENV}",
            ) from None
        except OSError as exc:
            raise DeckError(f"cannot open the rehearsal history: {exc.strerror}", file=str(path)) from None
        if version > SCHEMA_VERSION:
            self.db.close()
            raise DeckError(
                f"the rehearsal history was written by a newer deck (schema {version}, this deck knows "
                f"{SCHEMA_VERSION})",
                file=str(path),
                hint="upgrade deck: pip install --upgrade deck",
            )
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
            self._migrate(version)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise DeckError(f"the rehearsal history cannot be used ({exc})", file=str(path)) from None

    def _migrate(self, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.db:
                for statement in MIGRATIONS[target]:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {target}")

    def begin(
        self, deck: DeckId, slides: list[PaceSlide], duration_s: float, budgets_from: str, started_at: str
    ) -> int:
        """Record a new rehearsal and its planned slides; return its id."""
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO rehearsals (deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (deck.path, deck.title, deck.fingerprint, duration_s, budgets_from, started_at),
            )
            rehearsal = int(cursor.lastrowid or 0)
            self.db.executemany(
                "INSERT INTO planned_slides (rehearsal_id, idx, title, kind, budget_s, slide_key)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(rehearsal, s.index, s.title, s.kind, s.budget_s, s.key or s.title) for s in slides],
            )
        return rehearsal

    def record(self, rehearsal: int, visit: Visit, slide: PaceSlide, started_at: str) -> None:
        """Store one finished visit and commit it at once."""
        with self.db:
            self.db.execute(
                "INSERT INTO visits (rehearsal_id, idx, title, budget_s, talk_start_s, seconds, started_at, slide_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rehearsal,
                    slide.index,
                    slide.title,
                    slide.budget_s,
                    visit.talk_start_s,
                    visit.seconds,
                    started_at,
                    slide.key or slide.title,
                ),
            )

    def end(self, rehearsal: int, finished: bool, total_s: float, ended_at: str) -> None:
        """Mark the rehearsal finished or not, with its total talk time."""
        with self.db:
            self.db.execute(
                "UPDATE rehearsals SET finished = ?, total_s = ?, ended_at = ? WHERE id = ?",
                (int(finished), total_s, ended_at, rehearsal),
            )

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
