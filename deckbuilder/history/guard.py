"""Look before writing: whether a database is deck's rehearsal history, of a schema this deck knows, and sound.

A file that fails is refused as it was found; nothing here writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deckbuilder.errors import DeckError

from .location import ENV
from .migrations import SCHEMA_VERSION, TABLES

# The columns that hold numbers, checked before deck writes anything to a database it opens (text there means
# the file was edited by hand or damaged, and deck refuses it as it found it).
NUMBER_COLUMNS = {
    "rehearsals": ("duration_s", "total_s", "finished", "listened"),
    "planned_slides": ("idx", "budget_s", "start_s", "main"),
    "visits": ("idx", "budget_s", "talk_start_s", "seconds", "open"),
    "drills": ("asked", "seed", "finished"),
    "answers": ("position", "slide", "seconds", "score"),
    "heard": (
        "idx", "visit_start_s", "seconds", "speech_s", "pauses", "long_pauses", "longest_pause_s", "syllables", "words",
    ),
}  # fmt: skip


def state(db: sqlite3.Connection) -> tuple[int, set[str]]:
    """Return the database's schema version and its tables."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    tables = {str(row[0]) for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return version, tables


def damage(db: sqlite3.Connection, tables: set[str], columns: bool = True) -> str | None:
    """Return what is wrong with a database's pages (or number ``columns``), or None when it is sound."""
    check = db.execute("PRAGMA quick_check(1)").fetchone()
    if check is None or check[0] != "ok":
        return f"its pages are damaged ({' '.join(str(check[0]).split())[:100] if check else 'no answer'})"
    if not columns:
        return None
    for table, names in NUMBER_COLUMNS.items():
        if table not in tables:
            continue
        present = {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")}
        for column in (c for c in names if c in present):
            bad = db.execute(
                f"SELECT {column} FROM {table} WHERE typeof({column}) NOT IN ('integer', 'real', 'null') LIMIT 1"
            ).fetchone()
            if bad is not None:
                return f"{table}.{column} holds {str(bad[0])[:40]!r}, not a number"
    return None


def refuse_foreign(path: Path, version: int, tables: set[str]) -> None:
    """Raise DeckError for a database that is not deck's, or was written by a newer deck."""
    ours = "rehearsals" in tables
    if tables and not ours:
        raise DeckError(
            "is not a deck rehearsal history (it holds other tables); deck leaves it untouched",
            file=str(path),
            hint=f"point deck at its own file with --db or ${ENV}",
        )
    if version > SCHEMA_VERSION:
        raise DeckError(
            f"the rehearsal history was written by a newer deck (schema {version}, this deck knows {SCHEMA_VERSION})",
            file=str(path),
            hint="upgrade deck: pip install --upgrade deck",
        )
    if (version and not ours) or version < 0 or tables - TABLES - {"sqlite_sequence"}:
        raise DeckError(
            "is not a deck rehearsal history (it holds other tables); deck leaves it untouched",
            file=str(path),
            hint=f"point deck at its own file with --db or ${ENV}",
        )


def connect_read_only(path: Path, immutable: bool = False) -> sqlite3.Connection:
    """Open ``path`` so that nothing can change it: no write, no WAL checkpoint (``immutable``: not even the
    WAL's index is touched, for a folder deck may not write in)."""
    # A path, never a URI: "#" and "?" in a file name are part of the name.
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, timeout=1)


def look(path: Path) -> bool:
    """Raise DeckError unless the file at ``path`` is a sound deck history this deck can open, looking through a
    read-only connection: a file deck refuses is left byte for byte as it was, its WAL unmerged. Return False
    when another program's lock kept it from looking (the caller looks once it holds the database), or when a
    writer was killed inside a transaction: its rollback journal can only be replayed by a writer, and a reader
    that looks before it is replayed sees half a transaction (the caller looks once it has been)."""
    journal = path.with_name(path.name + "-journal")
    if journal.is_file() and journal.stat().st_size > 0:
        return False
    db = connect_read_only(path)
    try:
        version, tables = state(db)
    except sqlite3.OperationalError as exc:
        db.close()
        if _busy(exc):
            return False  # another program is writing it: the read-write open waits its turn, then looks
        # No index for the WAL and no right to make one (a folder deck may not write in): the file alone.
        db = connect_read_only(path, immutable=True)
        version, tables = state(db)
    try:
        refuse_foreign(path, version, tables)
        found = damage(db, tables)
    finally:
        db.close()
    refuse_damage(path, found)
    return True


def _busy(exc: sqlite3.Error) -> bool:
    return str(getattr(exc, "sqlite_errorname", "")).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def refuse_damage(path: Path, found: str | None) -> None:
    """Raise DeckError naming what ``damage`` found, if it found anything."""
    if found is not None:
        raise DeckError(
            f"the rehearsal history is damaged: {found}; deck leaves it as it is",
            file=str(path),
            hint=f"move it aside to keep it, or point deck at another file with --db or ${ENV}",
        )
