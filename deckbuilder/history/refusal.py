"""Why the rehearsal history refused a write, in the user's words: one reading of SQLite's error codes for the
store, the rehearsal and the drill (which only see `StoreRefused`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deckbuilder.errors import StoreRefused

from .location import ENV


def refusal(exc: sqlite3.Error, path: Path) -> StoreRefused:
    """Return what a failed write of the history at ``path`` means, and what the user can do."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    other = f"or point deck at another file with --db or ${ENV}"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
        return StoreRefused(
            "locked",
            "is locked by another program",
            "finish the rehearsal or drill that is recording into it, or close the program holding it",
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in str(exc):
        return StoreRefused("read-only", "is read-only", f"make it writable (chmod u+w {path}), {other}")
    if name == "SQLITE_FULL" or "full" in str(exc):
        return StoreRefused("full", "is full (no room left on its disk)", f"free some disk space, {other}")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StoreRefused("damaged", "is damaged", f"move it aside to keep it, {other}")
    return StoreRefused("unwritable", f"cannot be written ({exc})", f"check its disk and folder, {other}")
