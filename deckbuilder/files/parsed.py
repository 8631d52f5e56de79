"""Settings files parsed once per version: the parsed data is kept as JSON beside deck's other caches.

`deck plan` runs on every save and reads eight YAML files of layouts/ each time; parsing them took 12 ms,
reading their JSON takes well under one. An entry is known by the file's path, size and modification time,
as Python knows its bytecode, so an edited file is parsed again; the key is stored in the entry and checked.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = "1"  # bump when what a parse returns changes shape, so old entries are not read


def cached_reader(parse: Callable[[Path], Any], folder: Path, kind: str) -> Callable[[Path], Any]:
    """Return ``parse`` with its results kept in ``folder``; ``kind`` names the parser (yaml, ...) in the key."""

    def read(path: Path) -> Any:
        try:
            stat = path.stat()
        except OSError:
            return parse(path)  # the parser says what is wrong with the file
        key = f"{FORMAT}:{kind}:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        entry = folder / f"{zlib.crc32(key.encode('utf-8')):08x}.json"
        try:
            kept = json.loads(entry.read_text(encoding="utf-8"))
            if isinstance(kept, dict) and kept.get("key") == key:
                return kept["value"]
        except (OSError, ValueError, KeyError):
            pass
        value = parse(path)
        try:
            text = json.dumps({"key": key, "value": value})
        except (TypeError, ValueError):
            return value
        if json.loads(text)["value"] == value:  # only what JSON gives back unchanged is kept
            from deckbuilder.files.atomic import store_quietly

            store_quietly(entry, text.encode("utf-8"))
        return value

    return read
