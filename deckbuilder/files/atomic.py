"""Write a file through a temporary sibling, so the old file survives any failure half way; never onto an input."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from deckbuilder.errors import DeckError

from .reading import same_file


def check_output(out: Path, inputs: Iterable[Path] = (), replace_read_only: bool = False) -> None:
    """Refuse an output that is one of the inputs, is not a regular file, or is read-only (unless told)."""
    for source in inputs:
        if (out.exists() and same_file(out, source)) or out.resolve() == source.resolve():
            raise DeckError(
                f"{out} is an input of this command; writing there would destroy it",
                hint="choose another output name with -o",
            )
    try:
        info = out.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DeckError(f"cannot write {out}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise DeckError(f"{out} is not a regular file (a folder, pipe or device); deck writes only files there")
    if not info.st_mode & 0o222 and not replace_read_only:
        raise DeckError(f"{out} is read-only; deck leaves it alone", hint="pass --force to replace it anyway")


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(name)}\.(\d+)\.[^.]+\.tmp$")


def _remove_stale(folder: Path, name: str) -> None:
    """Remove temporary files of ours that a killed process left beside ``name``."""
    pattern = _temp_pattern(name)
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = pattern.match(entry.name)
            if match is None:
                continue
            try:
                os.kill(int(match.group(1)), 0)
            except ProcessLookupError:
                entry.unlink(missing_ok=True)  # its writer is gone
            except (OSError, OverflowError):
                continue


def resolve_output(out: Path) -> Path:
    """Return the file an output path names: a symlink's target (so the rename replaces the file, never the
    link), refused when that is a device, a pipe, or a process's descriptor (`-o /dev/stdout`)."""
    if not out.is_symlink():
        return out
    target = out.resolve()
    special = str(target).startswith(("/dev/", "/proc/")) or str(target) in ("/dev", "/proc")
    if special or (target.exists() and not target.is_file()):
        raise DeckError(
            f"{out} leads to {target}, which is not a regular file (a device, pipe or terminal); "
            "deck writes only files there",
            hint="give a file name with -o, e.g. -o talk.pptx",
        )
    return target


def write_atomically(
    out: Path,
    write: Callable[[BinaryIO], None],
    inputs: Iterable[Path] = (),
    replace_read_only: bool = False,
    digest: bool = False,
) -> tuple[str, int] | None:
    """Call ``write`` on a temporary file beside ``out``, then move it into place; with ``digest``, return the
    SHA-256 and the size of the bytes moved there (read back from the temporary file, which only this process
    writes)."""
    out = resolve_output(out)
    check_output(out, inputs, replace_read_only)
    folder = out.parent if str(out.parent) else Path(".")
    _remove_stale(folder, out.name)
    try:
        # The pid in the name lets a later write tell a live writer's file from a dead one's.
        import tempfile  # here: its import (random, shutil) is more than `deck plan` may spend

        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DeckError(f"cannot write in {folder.resolve()}: {exc.strerror}") from None
    written = None
    try:
        with os.fdopen(fd, "w+b") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
            if digest:
                written = _digest(handle)
        os.chmod(tmp, _mode_for(out))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def _digest(handle: BinaryIO) -> tuple[str, int]:
    import hashlib  # here: only a build that keeps a record hashes what it wrote

    handle.seek(0)
    hashed, size = hashlib.sha256(), 0
    for block in iter(lambda: handle.read(1 << 20), b""):
        hashed.update(block)
        size += len(block)
    return hashed.hexdigest(), size


def _mode_for(out: Path) -> int:
    """Return the replaced file's permissions, or the usual ones for a new file (temp files are private)."""
    try:
        return out.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def create_new(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``; never replace a file that exists."""
    try:
        # "x" creates the file only if it does not exist, so nothing is ever clobbered.
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except FileExistsError:
        raise DeckError(f"{path} already exists; choose another name or move it away first") from None
    except OSError as exc:
        raise DeckError(f"cannot write {path}: {exc.strerror}") from None


def store_quietly(path: Path, data: bytes) -> None:
    """Write a cache entry atomically, making its folder; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def create_unique(path: Path, data: bytes, tries: int = 100) -> Path:
    """Write ``data`` to ``path``, or to ``name-2``, ``name-3``... when that exists; return the file written.

    The bytes go to a temporary file first and are linked into place, so the file appears whole or not at all,
    and an existing file is never replaced. OSError when the folder cannot be written."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        for n in range(1, tries + 1):
            target = path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")
            try:
                os.link(tmp, target)  # fails when the name is taken: nothing is ever replaced
            except FileExistsError:
                continue
            return target
        raise FileExistsError(f"{path} and {tries - 1} numbered names beside it all exist")
    finally:
        Path(tmp).unlink(missing_ok=True)
