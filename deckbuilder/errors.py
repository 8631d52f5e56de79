"""Error types that point the user at the file, line and key to change."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


@dataclass
class DeckError(Exception):
    """Report unusable input: where it is, what is wrong and what to do."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    key_path: str | None = None
    hint: str | None = None
    exit_code: int = EXIT_BAD_INPUT

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def location(self) -> str:
        """Return "file:line:col" with whatever parts are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """Return the one-paragraph message shown to the user."""
        where = self.location() if self.file or self.line is not None else ""
        if self.key_path:
            where += f" ({self.key_path})" if where else self.key_path
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.render()


class StoreRefused(Exception):
    """A write the rehearsal history refused: why, in the user's words, and what to do about it.

    ``reason`` is one of locked (another program holds it: worth trying again), read-only, full, damaged and
    unwritable; ``what`` completes "the rehearsal history ..." ("is read-only").
    """

    def __init__(self, reason: str, what: str, hint: str) -> None:
        super().__init__(what)
        self.reason, self.what, self.hint = reason, what, hint

    @property
    def passing(self) -> bool:
        """Whether waiting may cure it (another program's lock); read-only, full and damaged stay so."""
        return self.reason == "locked"
