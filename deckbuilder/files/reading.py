"""Read a user's file within a size limit: regular files only, checked before a byte is read."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuilder.errors import DeckError

if TYPE_CHECKING:
    import zipfile


def size_text(value: int) -> str:
    """Return a byte count as people say it: "3.1 MB", "640 KB"."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} MB"
    return f"{value / 1000:.0f} KB" if value >= 1000 else f"{value} bytes"


def check_regular(path: Path, what: str) -> int:
    """Return the size of ``path``, or raise DeckError unless it is a regular file (not a FIFO, device, folder)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DeckError(f"no such file: {path}") from None
    except OSError as exc:
        raise DeckError(f"cannot read {path}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DeckError(f"{path} is a folder; give the {what} file")
    if not stat.S_ISREG(info.st_mode):
        raise DeckError(f"{path} is not a regular file (a pipe or a device); give the {what} as a file")
    return info.st_size


def read_bounded(path: Path, limit: int, what: str, limit_name: str) -> bytes:
    """Return the bytes of ``path``, refusing anything but a regular file of at most ``limit`` bytes."""
    size = check_regular(path, what)
    if size > limit:
        raise DeckError(
            f"{path} is {size_text(size)}; the limit for the {what} is {size_text(limit)} "
            f"({limit_name} in layouts/limits.yaml)",
        )
    try:
        with open(path, "rb", buffering=0) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DeckError(f"cannot read {path}: {exc.strerror}") from None
    if len(data) > limit:  # it grew while we looked
        raise DeckError(f"{path} is over {size_text(limit)}, the limit for the {what} ({limit_name})")
    return data


def same_file(a: Path, b: Path) -> bool:
    """Return True when ``a`` and ``b`` name one file (through links, relative paths or case)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def check_zip(
    path: Path, max_parts: int, max_unpacked: int, what: str, max_part: int | None = None, data: bytes | None = None
) -> zipfile.ZipFile:
    """Open ``path`` (or its ``data``, already read) as a zip whose parts are few and small enough to read, each
    at most ``max_part`` unpacked; the caller closes it."""
    import zipfile  # here: reading an outline, run on every save, opens no zip

    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DeckError(f"{path} is not a {what} ({exc})") from None
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > max_parts or unpacked > max_unpacked:
        archive.close()
        raise DeckError(
            f"{path} holds {len(infos)} parts that unpack to {size_text(unpacked)}; a {what} holds at most "
            f"{max_parts} parts and {size_text(max_unpacked)}, so this one is damaged or crafted"
        )
    largest = max(infos, key=lambda info: info.file_size, default=None)
    if max_part is not None and largest is not None and largest.file_size > max_part:
        archive.close()
        raise DeckError(
            f"{path} has a part ({largest.filename[:80]}) that unpacks to {size_text(largest.file_size)}; a {what} "
            f"part is at most {size_text(max_part)} (limit deck_part_bytes), so this one is damaged or crafted"
        )
    return archive


class Unusable(Exception):
    """A cache entry that is there but cannot be used: not a regular file, too large, or unreadable."""


def read_cached(path: Path, limit: int) -> bytes | None:
    """Return the bytes of a cache entry, or None when there is none; raise Unusable for anything else that
    stands there (a FIFO, a folder, a link, a file over ``limit`` bytes). Never blocks, never reads past
    ``limit``: a cache entry is checked like any input."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unusable(exc.strerror or type(exc).__name__) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unusable("not a regular file")
        if info.st_size > limit:
            raise Unusable(f"{size_text(info.st_size)}, over the {size_text(limit)} an entry may hold")
        with os.fdopen(os.dup(fd), "rb", buffering=0) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Unusable(exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Unusable(f"over the {size_text(limit)} an entry may hold")
    return data
