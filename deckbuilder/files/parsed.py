"""Settings files parsed once per content: the parsed data is kept as JSON beside deck's other caches.

`deck plan` runs on every save and reads eight YAML files of layouts/ each time; parsing them took 12 ms,
reading their JSON takes well under one. An entry holds the text of the file it was parsed from and is used
only while the file still holds that text: an edit that keeps the file's size and time (an unzip, `cp -p`,
`rsync -t`) is parsed again. An entry is checked like any input (a regular file of bounded size, whole by its
checksum, of the shape the parser gives); a damaged one is set aside with a note and made again.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from deckbuilder.files.reading import Unusable, read_cached

FORMAT = "2"  # bump when what a parse returns, or an entry, changes shape, so old entries are not read


def cached_reader(
    parse: Callable[[Path], Any],
    folder: Path,
    kind: str,
    shape: type = object,
    note: Callable[[str], None] | None = None,
) -> Callable[[Path], Any]:
    """Return ``parse`` with its results kept in ``folder``; ``kind`` names the parser (yaml, ...) in an entry's
    name, ``shape`` is the type every parse returns, and ``note`` hears of damaged entries."""

    def read(path: Path) -> Any:
        try:
            source = path.read_bytes()
            text = source.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return parse(path)  # the parser says what is wrong with the file
        name = f"{FORMAT}:{kind}:{path.resolve()}"
        entry = folder / f"{zlib.crc32(name.encode('utf-8')):08x}.json"

        def damaged(why: str) -> None:
            if note is not None:
                note(f"the parsed copy of {path.name} in deck's cache was damaged ({why}); it is read again")

        kept = _entry(entry, name, text, shape, len(source), damaged)
        if kept is not _NONE:
            return kept
        value = parse(path)
        try:
            body = json.dumps({"name": name, "source": text, "value": value}, allow_nan=False)
        except (TypeError, ValueError):
            return value
        if json.loads(body)["value"] == value:  # only what JSON gives back unchanged is kept
            from deckbuilder.files.atomic import store_quietly

            store_quietly(entry, f"{zlib.crc32(body.encode('utf-8')):08x}\n{body}".encode())
        return value

    return read


_NONE: Any = object()  # no usable entry: parse the file


def _entry(entry: Path, name: str, text: str, shape: type, size: int, said: Callable[[str], None]) -> Any:
    """Return the value ``entry`` keeps for the file holding ``text``, or _NONE: missing, stale or damaged (said
    to ``said``)."""

    def damaged(why: str) -> Any:
        said(why)
        return _NONE

    try:
        data = read_cached(entry, 8 * size + 65_536)  # the file's text and its parse: a few times its size
    except Unusable as exc:
        return damaged(str(exc))
    if data is None:
        return _NONE
    check, _, body = data.partition(b"\n")
    if check != f"{zlib.crc32(body):08x}".encode("ascii"):
        return damaged("its checksum does not match")
    try:
        kept = json.loads(body.decode("utf-8"), parse_constant=_refuse)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return damaged("not JSON")
    if not (isinstance(kept, dict) and kept.get("name") == name and "value" in kept):
        return damaged("not a settings entry")
    if not isinstance(kept["value"], shape):
        return damaged("a value of the wrong kind")
    return kept["value"] if kept.get("source") == text else _NONE  # the file changed: parse it again


def _refuse(name: str) -> Any:
    raise ValueError(f"{name} is not in a settings entry")
