"""Keep rendered figures on disk, keyed by what they show and how, so rebuilds skip matplotlib."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

ENV = "DECK_CACHE_DIR"
RENDER_VERSION = 2  # bump when figures.py draws differently, so cached pictures are redrawn


def default_dir() -> Path:
    """Return the cache folder: $DECK_CACHE_DIR, else the user cache directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("deck", appauthor=False)) / "figures"


def figure_key(spec: dict[str, Any]) -> str:
    """Return a stable hash of everything a rendered figure depends on."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FigureCache:
    """A folder of PNGs named by their key; a missing or unwritable folder only costs speed."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> bytes | None:
        """Return the cached PNG for ``key``, if any."""
        if self.folder is None:
            return None
        try:
            return (self.folder / f"{key}.png").read_bytes()
        except OSError:
            return None

    def put(self, key: str, png: bytes) -> None:
        """Store ``png`` under ``key`` atomically; failures are ignored."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            import tempfile  # here: only a drawn picture is stored

            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(png)
            os.replace(tmp, self.folder / f"{key}.png")
        except OSError:
            pass
