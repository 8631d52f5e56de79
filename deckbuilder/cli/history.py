"""The history commands: history, compare and report over what `deck rehearse` and `deck drill` recorded, and
putting back a run the history could not take (`deck history --restore`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from deckbuilder.core.text.display import one_line, visible
from deckbuilder.errors import DeckError

from .common import DB_OPTION, config, echo_json, friendly, open_history, talk_of


def _history_of(deck: Path, db: Path | None) -> tuple[Any, Any, list[Any]]:
    from deckbuilder.history.analysis import find_runs
    from deckbuilder.rehearse.deck_reader import read_deck

    info = read_deck(deck, config())
    history = open_history(db)
    return info, history, find_runs(history, info.identity(), config().pace.rehearsed_share)


def _where(db: Path | None) -> None:
    """Print the history file this command would use, and why that one."""
    from deckbuilder.history.location import ENV, default_path, own_path

    path = db or default_path()
    if db:
        source = "--db"
    elif path != own_path():
        source = f"${ENV}"
    else:
        source = "the default for this user"
    if path.is_file():
        state = "exists"
    elif path.parent.is_dir() or path == own_path():  # deck makes its own folder when it first records
        state = "not created yet"
    else:
        state = "its folder does not exist"
    click.echo(f"{visible(str(path))}  ({source}; {state})")


def _no_history(deck: Path) -> None:
    click.echo(f"no rehearsals recorded for {visible(str(deck))} yet; run: deck rehearse {visible(str(deck))}")


@click.command()
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option(
    "--where", is_flag=True, help="Print where the rehearsal history is kept (--db, $DECK_HISTORY or the default)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the rehearsals as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Write every recorded slide visit as CSV to standard output.")
@click.option("--all", "show_all", is_flag=True, help="List every rehearsal, not only the newest 20.")
@click.option("--label", metavar="TEXT", help='Name a rehearsal (the newest, or --run N), e.g. "with Q&A"; "" clears.')
@click.option(
    "--run",
    "run_id",
    type=int,
    metavar="N",
    help="Show rehearsal N slide by slide, with what --listen heard; with --label, the run to name [default: the "
    "newest].",
)
@click.option("--delete", "delete_id", type=int, metavar="N", help="Remove rehearsal N after asking.")
@click.option("--yes", is_flag=True, help="Do not ask before --delete.")
@click.option(
    "--drills", is_flag=True, help="List the question drills (`deck drill`); DECK may then be the outline too."
)
@click.option(
    "--restore",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Put back a run the history could not take (the .json file deck kept beside the deck).",
)
@DB_OPTION
@friendly
def history(
    deck: Path | None,
    where: bool,
    restore: Path | None,
    drills: bool,
    as_json: bool,
    as_csv: bool,
    show_all: bool,
    label: str | None,
    run_id: int | None,
    delete_id: int | None,
    yes: bool,
    db: Path | None,
) -> None:
    """List the rehearsals of a deck, newest first, with a trend.

    The deck is known again after a rebuild (same file), after a move or a
    rename (same slide titles, or the same talk from deck build). A run that
    was cut short is marked unfinished; its total is what its visits add up to.

    \b
    Examples:
      deck history talk.pptx
      deck history talk.pptx --json
      deck history talk.pptx --csv > visits.csv
      deck history talk.pptx --run 7                   run 7 slide by slide
      deck history talk.pptx --label "with Q&A"        names the newest run
      deck history talk.pptx --delete 3                asks, then removes run 3
      deck history talk.pptx --drills                  the question drills
      deck history --where                             where the history is kept
      deck history --restore talk-rehearsal-2026-12-01T20-00-00.json
    """
    if where:
        _where(db)
        return
    if restore is not None:
        _restore(restore, db)
        return
    if deck is None:
        raise DeckError(
            "give the deck whose rehearsals to list", hint="deck history talk.pptx (or: deck history --where)"
        )
    if drills:
        talk, ident = talk_of(deck, config())  # the deck, or the outline drilled before it was built
        _list_drills(talk.title, ident, open_history(db), deck, as_json)
        return
    info, store, runs = _history_of(deck, db)
    if label is not None or delete_id is not None:
        _edit_runs(deck, store, runs, label, run_id, delete_id, yes)
        return
    least = config().listen.rate_min_speech_s
    if as_csv:
        from deckbuilder.history.analysis import csv_text

        click.echo(csv_text(runs, store, least), nl=False)
        return
    if as_json:
        from deckbuilder.history.analysis import trend
        from deckbuilder.history.listened import heard_json

        tolerance = config().pace.ran_over_s
        echo_json(
            {
                "deck": str(deck),
                "trend": trend(runs),
                "rehearsals": [{**r.as_dict(tolerance), **heard_json(r, least)} for r in runs],
            }
        )
        return
    if not runs:
        _no_history(deck)
        return
    if run_id is not None:
        _show_run(deck, runs, run_id)
        return
    from .history_view import print_runs

    print_runs(info.title, runs, config().pace.ran_over_s, None if show_all else 20, least)


def _show_run(deck: Path, runs: list[Any], run_id: int) -> None:
    """Print one rehearsal slide by slide: budget, time, and what listening heard on each slide."""
    found = next((r for r in runs if r.id == run_id), None)
    if found is None:
        raise DeckError(f"no rehearsal {run_id} for {visible(str(deck))}", hint="`deck history` lists them")
    from .history_view import print_run

    settings = config()
    print_run(found, settings.pace.ran_over_s, settings.listen)


def _restore(kept_file: Path, db: Path | None) -> None:
    """Write a run kept out of the history back into it (the history in use: --db, $DECK_HISTORY, the default)."""
    from deckbuilder.core.text.durations import format_duration
    from deckbuilder.core.timing.deck_format import FormatError
    from deckbuilder.core.timing.kept import MAX_KEPT_BYTES, read_kept
    from deckbuilder.files.reading import check_regular, read_bounded, size_text

    size = check_regular(kept_file, "kept run")
    if size > MAX_KEPT_BYTES:  # deck writes a few KB: a file this size was not written by it
        raise DeckError(f"is {size_text(size)}, so it is no run deck kept (those are a few KB)", file=str(kept_file))
    data = read_bounded(kept_file, MAX_KEPT_BYTES, "kept run", "MAX_KEPT_BYTES")
    try:
        run = read_kept(data.decode("utf-8"), config().template)
    except UnicodeDecodeError:
        raise DeckError("is not a kept run of deck's (not UTF-8 text)", file=str(kept_file)) from None
    except FormatError as exc:
        raise DeckError(f"is not a run deck can restore: {exc}", file=str(kept_file)) from None
    # Into the history this command uses (--db, $DECK_HISTORY, the default), never a path the file names.
    store = open_history(db)
    try:
        ident, completed = store.restore(run)
    finally:
        store.close()
    if run.history and Path(run.history).resolve() != store.path.resolve():
        click.echo(f"note: it was meant for {visible(run.history)}; restored into the history in use, below")
    how = "completed (it held only part of it)" if completed else "added"
    if run.plan is not None:
        state = "finished" if run.end is not None and run.end.finished else "unfinished"
        total = format_duration(run.end.total_s if run.end is not None else 0)
        visits = f"{len(run.visits)} slide visit{'' if len(run.visits) == 1 else 's'}"
        what = f"rehearsal {ident} ({state}: {visits}, {total} of "
        what += f"{format_duration(run.plan.duration_s)})"
    else:
        what = f"drill {ident} ({sum(not a.skipped for a in run.answers)} of {run.asked} answered)"
    click.echo(f"{what} {how} in {visible(str(store.path))}; {visible(str(kept_file))} may be deleted now")


def _list_drills(title: str, ident: Any, store: Any, deck: Path, as_json: bool) -> None:
    from deckbuilder.history.drills import find_drills

    rules = config().drill
    found = find_drills(store, ident, list(rules.kinds), rules.target_s)
    if as_json:
        echo_json({"deck": str(deck), "drills": [d.as_dict() for d in found]})
        return
    if not found:
        click.echo(f"no drills recorded for {visible(str(deck))} yet; run: deck drill {visible(str(deck))}")
        return
    from .history_view import print_drills

    print_drills(title, found, rules.kinds)


def _edit_runs(
    deck: Path, store: Any, runs: list[Any], label: str | None, run_id: int | None, delete_id: int | None, yes: bool
) -> None:
    by_id = {r.id: r for r in runs}
    wanted = delete_id if delete_id is not None else run_id if run_id is not None else (runs[0].id if runs else None)
    if wanted is None or wanted not in by_id:
        raise DeckError(
            f"no rehearsal {wanted if wanted is not None else ''} for {deck}".strip(), hint="`deck history` lists them"
        )
    if delete_id is not None:
        run = by_id[delete_id]
        if not yes and not _confirmed(f"Remove rehearsal {run.id} of {run.started_at[:16]} and its visits?"):
            click.echo("nothing removed")
            return
        store.delete(run.id)
        click.echo(f"removed rehearsal {run.id}")
        return
    store.set_label(wanted, label or None)
    click.echo(f"rehearsal {wanted} " + (f"is now labelled {one_line(label or '')!r}" if label else "has no label"))


def _confirmed(question: str) -> bool:
    """Ask on the terminal; with no terminal to ask on (a script, a pipe), refuse rather than guess."""
    if not sys.stdin.isatty():
        raise DeckError(
            "--delete asks before it removes a rehearsal, and there is no terminal to ask on; nothing was removed",
            hint="add --yes to remove it without asking",
        )
    try:
        return click.confirm(question, default=False)
    except click.Abort:  # Ctrl+D or Ctrl+C at the question
        return False


@click.command()
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("runs", nargs=-1, type=int)
@DB_OPTION
@friendly
def compare(deck: Path, runs: tuple[int, ...], db: Path | None) -> None:
    """Compare two rehearsals slide by slide (default: the last two).

    \b
    Examples:
      deck compare talk.pptx
      deck compare talk.pptx 3 7
    """
    from deckbuilder.history.analysis import compare as compare_runs

    info, _, found = _history_of(deck, db)
    if len(runs) not in (0, 2):
        raise DeckError("give two rehearsal numbers, or none for the last two", hint="`deck history` lists them")
    by_id = {r.id: r for r in found}
    note = ""
    if runs:
        missing = [str(r) for r in runs if r not in by_id]
        if missing:
            raise DeckError(f"no rehearsal {', '.join(missing)} for {deck}", hint="`deck history` lists them")
        a, b = by_id[runs[0]], by_id[runs[1]]
    elif len(found) < 2:
        click.echo(f"{visible(str(deck))} has {len(found)} rehearsal(s); comparing needs two")
        return
    else:
        from deckbuilder.history.analysis import default_pair

        from .text_table import say

        pair, note = default_pair(found)
        say(note)
        if pair is None:  # nothing fit to compare by itself: say so, and how to ask for any two
            say(f"to compare two runs anyway, name them: deck compare {visible(str(deck))} A B")
            return
        a, b = pair
    from .history_view import print_compare

    print_compare(a, b, compare_runs(info.timed(), a, b, config().pace.ran_over_s))


@click.command()
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PNG or SVG to write [default: the deck's name with -pacing.png].",
)
@click.option("--last", default=5, show_default=True, type=click.IntRange(1, 20), help="Rehearsals to show.")
@DB_OPTION
@friendly
def report(deck: Path, output: Path | None, last: int, db: Path | None) -> None:
    """Draw budget against actual per slide over the last rehearsals.

    The title states what the data shows, e.g. which slide runs over,
    in how many rehearsals and by how much.

    \b
    Examples:
      deck report talk.pptx
      deck report talk.pptx -o pacing.svg --last 3
    """
    info, store, found = _history_of(deck, db)
    if not found:
        _no_history(deck)
        return
    out = output or deck.with_name(deck.stem + "-pacing.png")
    if out.suffix.lower() not in (".png", ".svg"):
        raise DeckError(f"cannot write {out.name}: use a .png or .svg name")
    from deckbuilder.history.chart import write_report

    numbers = write_report(store, info.identity(), info.timed(), out, last, config())
    click.echo(f"wrote {visible(str(out))}: {one_line(numbers.finding)}")
    if numbers.unfinished_only:
        click.echo("  no finished rehearsal yet: the chart shows the newest, unfinished one")
    elif numbers.left_out_text():
        click.echo(f"  {numbers.left_out_text()}; the chart shows whole runs of one length")
    if numbers.gone:
        click.echo(f"  {numbers.gone} slide(s) no longer in the deck are drawn last, as 'gone'")
