"""Where the rehearsal history lives: cheap to ask, so `deck plan` can look before it imports the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "DECK_HISTORY"


def default_path() -> Path:
    """Return the database file: $DECK_HISTORY, else deck's folder in the user data directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    return own_path()


def own_path() -> Path:
    """Return deck's own place for the history in the user data directory (the one folder deck creates)."""
    return user_data_dir() / "deck" / "history.sqlite3"


def user_data_dir() -> Path:
    """Return the user's data directory as platformdirs finds it, without its import on Linux and macOS.

    `deck plan` asks on every save whether a history exists; platformdirs' import (tempfile, random,
    compression modules) took longer than the question. Windows asks the shell, so it keeps platformdirs."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    if sys.platform.startswith("win"):
        from platformdirs import user_data_dir as platform_data_dir

        return Path(platform_data_dir(appauthor=False))
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(xdg) if xdg else Path.home() / ".local" / "share"
