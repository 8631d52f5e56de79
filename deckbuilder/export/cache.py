"""Keep rendered figures on disk, keyed by what they show and how, so rebuilds skip matplotlib; and what each
deck was last built from, so building an unchanged talk again writes nothing.

An entry is checked like any input before it is used: a regular file within its size, whole (a picture's every
chunk, a record's every field), else it is set aside with a note and made again. A damaged cache only ever
costs time, never a valid build."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

from deckbuilder.files.atomic import store_quietly
from deckbuilder.files.reading import Unusable, read_cached

RENDER_VERSION = 5  # bump when figures.py draws differently, so cached pictures are redrawn
_PNG = b"\x89PNG\r\n\x1a\n"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def figure_key(spec: dict[str, Any]) -> str:
    """Return a stable hash of everything a rendered figure depends on."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def whole_png(data: bytes) -> bool:
    """Return whether ``data`` is a PNG with every chunk present and matching its checksum, ending in IEND
    (a picture cut short by a crash or a full disk is not)."""
    if not data.startswith(_PNG):
        return False
    at = len(_PNG)
    while at + 12 <= len(data):
        length: int = struct.unpack_from(">I", data, at)[0]
        kind, end = data[at + 4 : at + 8], at + 12 + length
        if end > len(data):
            return False
        crc: int = struct.unpack_from(">I", data, end - 4)[0]
        if zlib.crc32(data[at + 4 : end - 4]) != crc:
            return False
        if kind == b"IEND":
            return end == len(data)
        at = end
    return False


class FigureCache:
    """A folder of PNGs named by their key; a missing or unwritable folder only costs speed. ``notes`` says
    which entries were found damaged (and made again)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.notes: list[str] = []

    def get(self, key: str, most: int) -> bytes | None:
        """Return the cached PNG for ``key``, if one of at most ``most`` bytes is there whole."""
        if self.folder is None:
            return None
        path = self.folder / f"{key}.png"
        try:
            data = read_cached(path, most)
        except Unusable as exc:
            self.damaged("a cached picture", str(exc))
            return None
        if data is None:
            return None
        if not whole_png(data):
            self.damaged("a cached picture", "it is incomplete")
            return None
        return data

    def put(self, key: str, png: bytes) -> None:
        """Store ``png`` under ``key`` atomically; failures are ignored."""
        if self.folder is not None:
            store_quietly(self.folder / f"{key}.png", png)

    def damaged(self, what: str, why: str) -> None:
        """Note an entry that cannot be used (``what`` it is, and ``why``); it is made again and replaced."""
        self.notes.append(f"{what} in deck's cache was damaged ({why}); it is made again")

    def records(self, most: int) -> BuildRecords | None:
        """Return the records of what decks were built from, kept beside the pictures, each at most ``most``
        bytes; None without a cache."""
        return None if self.folder is None else BuildRecords(self.folder / "builds", most, self)


class BuildRecords:
    """For each deck written, the key of everything it was made from and the hash of the bytes written.

    A deck is up to date when both still match: the same outline, data, images, template, settings and deck
    code, and a file holding the bytes this build wrote (an edited or replaced deck, or one another build wrote
    over since, is built again)."""

    def __init__(self, folder: Path, most: int, cache: FigureCache) -> None:
        self.folder, self.most, self.cache = folder, most, cache

    def record_path(self, out: Path) -> Path:
        """Return the file holding what ``out`` was last built from."""
        return self.folder / f"{hashlib.sha256(str(out.resolve()).encode('utf-8')).hexdigest()[:32]}.json"

    def unchanged(self, out: Path, key: str) -> dict[str, Any] | None:
        """Return what was recorded when ``out`` was built from ``key``, if the file still holds what was written."""
        path = self.record_path(out)
        try:
            data = read_cached(path, self.most)
        except Unusable as exc:
            self.cache.damaged(f"the build record of {out.name}", str(exc))
            return None
        if data is None:
            return None
        record = _record(data)
        if record is None:
            self.cache.damaged(f"the build record of {out.name}", "not a record deck wrote")
            return None
        if record["key"] != key:
            return None  # made from something else: a record, not a damaged one
        try:
            if out.stat().st_size != record["bytes"]:  # another file there: no need to read it to know
                return None
            return record if record["sha256"] == file_hash(out) else None
        except OSError:
            return None

    def put(self, out: Path, key: str, summary: dict[str, Any], written: tuple[str, int]) -> None:
        """Record that ``out`` holds the bytes ``written`` (their SHA-256 and size), built from ``key``; failures
        are ignored."""
        sha, size = written
        try:
            text = json.dumps({**summary, "key": key, "sha256": sha, "bytes": size}, allow_nan=False)
        except ValueError:
            return
        store_quietly(self.record_path(out), text.encode("utf-8"))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a record holds")


def _record(data: bytes) -> dict[str, Any] | None:
    """Return a build record whose every field has the type deck writes, else None."""
    try:
        record = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    key, sha = record.get("key"), record.get("sha256")
    if not (isinstance(key, str) and isinstance(sha, str) and _SHA256.fullmatch(sha)):
        return None
    counts = [record.get(name, 0) for name in ("slides", "figures", "charts")]
    if not (type(record.get("bytes")) is int and record["bytes"] >= 0):
        return None
    if not all(type(n) is int and 0 <= n <= 1_000_000 for n in counts):
        return None
    findings, notes = record.get("findings", []), record.get("layout_notes", [])
    if not (isinstance(findings, list) and all(_finding(f) for f in findings)):
        return None
    if not (isinstance(notes, list) and all(isinstance(n, str) for n in notes)):
        return None
    return record


def _finding(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    slide = entry.get("slide")
    texts = (entry.get("code"), entry.get("severity"), entry.get("message"))
    return all(isinstance(t, str) for t in texts) and (slide is None or (type(slide) is int and slide >= 0))


def file_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
