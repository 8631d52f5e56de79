"""Write the commented starter outline that `deck new` gives a new user."""

from __future__ import annotations

import os
from pathlib import Path

from deckbuilder.core.config import layouts_dir, load_template
from deckbuilder.core.durations import DurationError, parse_duration, spell_duration
from deckbuilder.core.outline import unknown_choice
from deckbuilder.errors import DeckError


def starter_text(path: str, duration: str, audience: str | None) -> str:
    """Return the starter outline for ``duration`` and ``audience``."""
    try:
        seconds = parse_duration(duration)
    except DurationError as exc:
        raise DeckError(f"--duration: {exc}") from None
    if seconds <= 0:
        raise DeckError("--duration must be above zero, e.g. 12m")
    audiences = load_template().audiences
    if audience is not None and audience not in audiences:
        raise DeckError("--audience: " + unknown_choice("audience", audience, tuple(audiences)))
    text = (layouts_dir() / "starter.yaml").read_text(encoding="utf-8")
    line = f"audience: {audience}         # {audiences[audience]}\n" if audience else ""
    return text.replace("{path}", path).replace("{duration}", spell_duration(seconds)).replace("{audience}", line)


def write_starter(path: Path, duration: str, audience: str | None) -> None:
    """Create ``path`` with the starter outline; never overwrite a file."""
    text = starter_text(str(path), duration, audience)
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
