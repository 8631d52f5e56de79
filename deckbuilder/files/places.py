"""The user's data and cache folders, as platformdirs finds them, without its import on Linux and macOS.

`deck plan` asks on every save whether a history exists, and `deck build` where its cache is; platformdirs'
import (tempfile, random, the compression modules) took longer than either question. Windows asks the shell
for its folders, so there platformdirs answers."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    """Return the folder for the user's data (deck keeps its history in a `deck` folder inside)."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    if sys.platform.startswith("win"):
        from platformdirs import user_data_dir as platform_dir

        return Path(platform_dir(appauthor=False))
    return _xdg("XDG_DATA_HOME", Path.home() / ".local" / "share")


def user_cache_dir() -> Path:
    """Return the folder for the user's caches (deck keeps its pictures and build records in a `deck` folder)."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    if sys.platform.startswith("win"):
        from platformdirs import user_cache_dir as platform_dir

        return Path(platform_dir(appauthor=False))
    return _xdg("XDG_CACHE_HOME", Path.home() / ".cache")


def _xdg(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value) if value else default


CACHE_ENV = "DECK_CACHE_DIR"


def deck_cache_dir() -> Path:
    """Return deck's cache folder: $DECK_CACHE_DIR, else a `deck` folder in the user's caches.

    It holds the pictures drawn for decks, what each deck was built from (builds/) and the settings of
    layouts/ as parsed (settings/); deleting it only costs time."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    own = user_cache_dir() / "deck"
    return own / "Cache" if sys.platform.startswith("win") else own  # Windows keeps caches apart from data
