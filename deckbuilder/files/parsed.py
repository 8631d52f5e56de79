"""Settings files parsed once per content: the parsed data is kept as JSON beside deck's other caches.

`deck plan` runs on every save and reads eight YAML files of layouts/ each time; parsing them took 12 ms,
reading their JSON takes well under one. The key is the file's bytes, so an edited file is parsed again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from deckbuilder.files.atomic import store_quietly

FORMAT = "1"  # bump when what a parse returns changes shape, so old entries are not read


def cached_reader(parse: Callable[[Path], Any], folder: Path, kind: str) -> Callable[[Path], Any]:
    """Return ``parse`` with its results kept in ``folder``; ``kind`` names the parser (yaml, ...) in the key."""

    def read(path: Path) -> Any:
        try:
            key = hashlib.sha256(f"{FORMAT}:{kind}:".encode() + path.read_bytes()).hexdigest()[:32]
        except OSError:
            return parse(path)  # the parser says what is wrong with the file
        entry = folder / f"{key}.json"
        try:
            return json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        value = parse(path)
        try:
            text = json.dumps(value)
        except (TypeError, ValueError):
            return value
        if json.loads(text) == value:  # only what JSON gives back unchanged is kept
            store_quietly(entry, text.encode("utf-8"))
        return value

    return read
