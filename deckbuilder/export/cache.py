"""Keep rendered figures on disk, keyed by what they show and how, so rebuilds skip matplotlib; and what each
deck was last built from, so building an unchanged talk again writes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from deckbuilder.files.atomic import store_quietly

RENDER_VERSION = 4  # bump when figures.py draws differently, so cached pictures are redrawn


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
        if self.folder is not None:
            store_quietly(self.folder / f"{key}.png", png)

    def records(self) -> BuildRecords | None:
        """Return the records of what decks were built from, kept beside the pictures; None without a cache."""
        return None if self.folder is None else BuildRecords(self.folder / "builds")


class BuildRecords:
    """For each deck written, the key of everything it was made from and the hash of the file as written.

    A deck is up to date when both still match: the same outline, data, images, template, settings and deck
    code, and a file nobody has changed since (an edited or replaced deck is built again)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def record_path(self, out: Path) -> Path:
        """Return the file holding what ``out`` was last built from."""
        return self.folder / f"{hashlib.sha256(str(out.resolve()).encode('utf-8')).hexdigest()[:32]}.json"

    def unchanged(self, out: Path, key: str) -> dict[str, Any] | None:
        """Return what was recorded when ``out`` was built from ``key``, if the file is still as written."""
        try:
            record = json.loads(self.record_path(out).read_text(encoding="utf-8"))
            if not isinstance(record, dict) or record.get("key") != key:
                return None
            return record if record.get("sha256") == file_hash(out) else None
        except (OSError, ValueError):
            return None

    def put(self, out: Path, key: str, summary: dict[str, Any]) -> None:
        """Record that ``out``, as it is now, was built from ``key``; failures are ignored."""
        try:
            record = {**summary, "key": key, "sha256": file_hash(out)}
        except OSError:
            return
        store_quietly(self.record_path(out), json.dumps(record).encode("utf-8"))


def file_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
