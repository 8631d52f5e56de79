"""What every `deck` command shares: error handling, the console, code lists, the --db option."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from deckbuilder.errors import EXIT_INTERNAL, DeckError

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn DeckError into one message on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DeckError as exc:
            click.echo(f"deck: {exc.render()}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("deck: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            if os.environ.get("DECK_DEBUG"):
                raise
            click.echo(
                f"deck: internal error: {type(exc).__name__}: {exc}\n"
                "  this is a bug in deck; run again with DECK_DEBUG=1 for details and report it",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def make_console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def parse_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    from deckbuilder.checks import unknown_codes

    codes = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    bad = unknown_codes(codes)
    if bad:
        raise DeckError(f"unknown check code(s): {', '.join(bad)}", hint="`deck rules` lists every code")
    return codes


DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rehearsal history file [default: $DECK_HISTORY, else the user data folder].",
)
