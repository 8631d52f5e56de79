"""A PDF of the built deck, through LibreOffice when it is installed (panels often ask for one ahead of time)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from deckbuilder.errors import DeckError
from deckbuilder.files.atomic import write_atomically

OFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_S = 180


def find_office() -> str | None:
    """Return the LibreOffice command on this machine, if any."""
    return next((found for name in OFFICE_NAMES if (found := shutil.which(name))), None)


def write_pdf(deck: Path, out: Path, inputs: Iterable[Path] = (), replace_read_only: bool = False) -> None:
    """Convert ``deck`` to ``out`` with LibreOffice, headless; the previous PDF survives any failure."""
    office = find_office()
    if office is None:
        raise DeckError(
            f"wrote {deck}, but no PDF: LibreOffice is not installed (deck looks for soffice or libreoffice)",
            hint="install LibreOffice (e.g. apt install libreoffice-impress), or save as PDF from PowerPoint",
        )
    with tempfile.TemporaryDirectory(prefix="deck-pdf-") as work:
        folder = Path(work)
        # A profile of its own, so a LibreOffice the user has open neither blocks nor takes the conversion.
        profile = (folder / "profile").as_uri()
        command = [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        command += ["--outdir", str(folder), str(deck.resolve())]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, env={**os.environ, "HOME": work})
        except subprocess.TimeoutExpired:
            raise DeckError(f"wrote {deck}, but LibreOffice took over {TIMEOUT_S} s to make the PDF") from None
        except OSError as exc:
            raise DeckError(f"wrote {deck}, but LibreOffice could not start: {exc.strerror}") from None
        made = folder / (deck.stem + ".pdf")
        if done.returncode != 0 or not made.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise DeckError(f"wrote {deck}, but LibreOffice made no PDF ({said[-1][:160] if said else 'no message'})")
        data = made.read_bytes()

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    write_atomically(out, write, inputs, replace_read_only)
