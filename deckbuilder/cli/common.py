"""What every `deck` command shares: error handling, the console, code lists, the --db option."""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from deckbuilder.core.text.display import json_safe, visible
from deckbuilder.errors import EXIT_INTERNAL, DeckError

if TYPE_CHECKING:
    from deckbuilder.core.rules.config import Config

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn DeckError into one message on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _exit_cleanly_on_signals()
        try:
            return func(*args, **kwargs)
        except DeckError as exc:
            click.echo(f"deck: {visible(exc.render())}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            # The reader went away (`deck drill --list | head`): stop quietly, as other command-line tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("deck: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            if os.environ.get("DECK_DEBUG"):
                raise
            click.echo(
                f"deck: internal error: {type(exc).__name__}: {visible(str(exc))}\n"
                "  this is a bug in deck; run again with DECK_DEBUG=1 for details and report it",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def echo_json(data: Any) -> None:
    """Print ``data`` as indented JSON that no terminal can take for a control sequence."""
    import json

    click.echo(json_safe(json.dumps(data, indent=2, ensure_ascii=False)))


def _raise_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _exit_cleanly_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into an exit that unwinds, so temporary files are removed on the way out."""
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _raise_exit)


def config() -> Config:
    """Return the settings every command reads from layouts/ (or $DECK_LAYOUTS), parsed files kept in the cache."""
    from deckbuilder.core.rules.config import default_config

    return default_config(_settings_reader())


@functools.cache
def _settings_reader() -> Callable[[Path], Any]:
    """Return the one reader of layouts/ files for this process (one reader, so one Config)."""
    from deckbuilder.core.rules.config import read_yaml
    from deckbuilder.files.parsed import cached_reader
    from deckbuilder.files.places import deck_cache_dir

    def note(message: str) -> None:
        click.echo(f"  cache: {visible(message)}", err=True)

    # Every file of layouts/ holds a mapping; a cached value of another kind is a damaged entry.
    return cached_reader(read_yaml, deck_cache_dir() / "settings", "yaml", dict, note)


def loaded() -> None:
    """Say that the command's code is loaded: the cyclic collector resumes, with everything that exists now frozen
    out of its walks.

    `deck` pauses the collector while a command starts (cli.run). What a start allocates, modules, classes and
    settings, lives until exit; walking it over and over for nothing costs `deck plan`, which runs on every save,
    about a tenth of its time (bench/plan_speed.py). A library caller, or a test, never has the collector paused,
    and this does nothing for it."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def parse_codes(values: tuple[str, ...], settings: Config) -> tuple[str, ...]:
    """Return the check codes of --select/--ignore/`deck rules`, refusing ones no rule has."""
    from deckbuilder.core.rules.findings import unknown_codes

    codes = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    bad = unknown_codes(codes, settings.rules)
    if bad:
        raise DeckError(f"unknown check code(s): {', '.join(bad)}", hint="`deck rules` lists every code")
    return codes


ALLOW_OUTSIDE = click.option(
    "--allow-outside",
    is_flag=True,
    help="Let the outline name data files and images outside its own folder.",
)

DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rehearsal history file [default: $DECK_HISTORY, else the user data folder].",
)


# Shared by `deck rehearse`, `deck history` and `deck drill` (here, so those commands do not import each other).
def open_history(db: Path | None) -> Any:
    """Open the history database given with --db, else the default one."""
    from deckbuilder.history.location import default_path, own_path
    from deckbuilder.history.store import History

    path = db or default_path()
    return History(path, make_folder=path == own_path())  # only deck's own folder is made without asking


def say_refused(
    run: str,
    whole: str,
    ident: int | None,
    where: str,
    figures: str,
    cause: Any,
    kept: Path | None,
    lost: str,
    again: str,
) -> None:
    """Say on stderr that the history refused a ``run`` ("rehearsal", "drill") numbered ``ident``: where the
    ``whole`` of it ("run", "drill") is kept and how to put it back, or that it is lost."""
    part = f"; {run} {ident} there holds only part of it" if ident else ""
    if kept is not None:
        shown = visible(str(kept))
        click.echo(
            f"deck: {where}: the rehearsal history {cause.what}, so this {run} ({figures}) was not saved there"
            f"{part}; the whole {whole} is kept in {shown}\n  hint: {cause.hint}, then: deck history --restore "
            f"{shown}{again}",
            err=True,
        )
    else:
        click.echo(
            f"deck: {where}: the rehearsal history {cause.what}, and the {whole} could not be kept in a file either "
            f"({visible(lost)}): this {run} ({figures}) is lost\n  hint: {cause.hint}",
            err=True,
        )


def talk_of(source: Path, settings: Any) -> tuple[Any, Any]:
    """Return (what the talk says, who it is in the history) from an outline or a deck."""
    from deckbuilder.core.timing.talk import DeckId, fingerprint

    suffix = source.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from deckbuilder.core.outline.loader import load_outline
        from deckbuilder.core.slides.questions import from_outline

        talk = from_outline(load_outline(source, settings), settings.theme.grammar)
        # A deck built from this outline carries its talk title, so its drills are found from either.
        ident = DeckId(str(source.resolve()), talk.title, fingerprint(s.title for s in talk.slides), True)
        return talk, ident
    if suffix == ".pptx":
        from deckbuilder.rehearse.deck_reader import read_deck
        from deckbuilder.rehearse.drill import content_of

        deck = read_deck(source, settings)
        return content_of(deck, settings.importing), deck.identity()
    raise DeckError(
        f"cannot drill from a {suffix or 'file without an extension'}",
        file=str(source),
        hint="give the outline (.yaml) or the deck (.pptx)",
    )
