"""Where the rehearsal history lives: cheap to ask, so `deck plan` can look before it imports the store."""

from __future__ import annotations

import os
from pathlib import Path

from deckbuilder.files.places import user_data_dir

ENV = "DECK_HISTORY"


def default_path() -> Path:
    """Return the database file: $DECK_HISTORY, else deck's folder in the user data directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    return own_path()


def own_path() -> Path:
    """Return deck's own place for the history in the user data directory (the one folder deck creates)."""
    return user_data_dir() / "deck" / "history.sqlite3"
