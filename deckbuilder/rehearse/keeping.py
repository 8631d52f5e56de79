"""Keep a run the history refused (read-only, full, locked to the end): the whole run as JSON beside the deck,
else in the current folder, else in the temporary folder; named so it never replaces a file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from deckbuilder.core.timing.kept import KeptRun
from deckbuilder.files.atomic import create_unique


def keep(run: KeptRun, beside: Path) -> Path:
    """Write ``run`` next to the file ``beside`` (the deck, or the outline drilled); return where it went.

    OSError when no folder would take it."""
    stamp = "".join(c if c.isalnum() else "-" for c in run.started_at[:19])
    name = f"{beside.stem}-{run.kind}-{stamp}.json"
    data = run.to_json().encode("utf-8")
    failure: OSError | None = None
    for folder in (beside.resolve().parent, Path.cwd(), Path(tempfile.gettempdir())):
        try:
            return create_unique(folder / name, data)
        except OSError as exc:
            failure = exc
    assert failure is not None
    raise failure
