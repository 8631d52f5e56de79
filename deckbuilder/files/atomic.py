"""Write a file through a temporary sibling, so the old file survives any failure half way."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from deckbuilder.errors import DeckError


def write_atomically(out: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` on a temporary file beside ``out``, then move it into place."""
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DeckError(f"cannot write in {folder.resolve()}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(out))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
