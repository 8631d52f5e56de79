"""The rehearsal commands: rehearse, and history, compare and report over what was recorded."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from deckbuilder.core.text.display import one_line, visible
from deckbuilder.core.text.durations import format_duration
from deckbuilder.errors import DeckError

from .common import DB_OPTION, config, echo_json, friendly, open_history, talk_of


@click.command()
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--duration",
    default=None,
    help="Talk length (12m): rescales the deck's plan, or is spread evenly when the deck has none.",
)
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The outline the deck was built from, to take budgets from.",
)
@DB_OPTION
@click.option("--alert", default=None, help="Warn when this much of the talk is left [default: 2m].")
@friendly
def rehearse(deck: Path, duration: str | None, plan_file: Path | None, db: Path | None, alert: str | None) -> None:
    """Rehearse a deck with a timer for every slide against its own budget.

    Budgets come from --plan when you give it (slides matched by id, then
    title); else from the plan `deck build` embedded in the deck; else from
    --duration spread evenly (slides titled Appendix or Backup
    get none). The clock starts at the first Space or →. Every slide visit
    is saved as it happens, so a rehearsal cut short keeps what was done.

    \b
    Keys: → Space PgDn Enter n next · ← PgUp Backspace back · p pause
          f finish · q quit · ? help

    \b
    Examples:
      deck rehearse examples/churn/outline.pptx
      deck rehearse someone-elses.pptx --duration 12m
      deck rehearse talk.pptx --plan talk.yaml --alert 3m
    """
    import time

    from deckbuilder.core.text.durations import DurationError, format_duration, parse_duration, talk_duration
    from deckbuilder.rehearse.budgets import resolve
    from deckbuilder.rehearse.coach import Coach
    from deckbuilder.rehearse.deck_reader import read_deck

    try:
        most = config().limits.duration_max_s
        duration_s = talk_duration(duration, most) if duration else None  # the rule an outline's duration obeys
        alert_s = parse_duration(alert) if alert else None
    except DurationError as exc:
        raise DeckError(f"--duration/--alert: {exc}") from None
    if not (sys.stdin.isatty() and sys.stderr.isatty()):  # Textual draws on stderr and reads stdin
        raise DeckError(
            "deck rehearse needs a terminal to show the timer and read your keys",
            hint="run it in a terminal window, not with its input or its error output redirected",
        )
    settings = config()
    info = read_deck(deck, settings)
    outline_plan = None
    if plan_file is not None:
        from deckbuilder.checks import plan_talk
        from deckbuilder.core.outline.loader import load_outline

        outline_plan = plan_talk(load_outline(plan_file, settings), settings)
    budgets = resolve(info, outline_plan, str(plan_file or ""), duration_s, settings.time_model.budget_step_s)
    for warning in budgets.warnings:
        click.echo(f"deck: {visible(warning)}", err=True)
    history = open_history(db)
    _after_a_kill(history)
    coach = Coach(info, budgets, history, clock=time.monotonic, alert_last_s=alert_s, config=settings)
    from deckbuilder.tui.app import RehearseApp

    app = RehearseApp(coach, settings.pace.redraw_s, f"saved to {visible(str(history.path))}")
    try:
        app.run()
    finally:
        coach.quit()
        coach.flush()
        history.close()
    code = app.return_code or 0  # 128 + the signal that stopped it, 130 for Ctrl+C
    if coach.session.started_at is None:
        click.echo("the clock never started; nothing was recorded")
        sys.exit(code)
    done = "finished" if coach.completed else "unfinished"
    summary = coach.summary()
    if coach.unsaved:
        click.echo(
            f"deck: {len(coach.unsaved)} record(s) of this rehearsal could not be saved: the history stayed busy "
            f"({visible(coach.store_error)}); {visible(str(history.path))} holds the rest",
            err=True,
        )
    click.echo(
        f"rehearsal {coach.rehearsal or '-'} saved ({done}): {len(coach.session.visits)} slide visits, "
        f"{format_duration(summary.total_s)} of {format_duration(summary.duration_s)}, in {visible(str(history.path))}"
    )
    sys.exit(code)


def _history_of(deck: Path, db: Path | None) -> tuple[Any, Any, list[Any]]:
    from deckbuilder.history.analysis import find_runs
    from deckbuilder.rehearse.deck_reader import read_deck

    info = read_deck(deck, config())
    history = open_history(db)
    return info, history, find_runs(history, info.identity())


# What a killed full-screen app leaves switched on: the alternate screen, mouse tracking, a hidden cursor.
_TERMINAL_RESET = "\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?25h"


def _after_a_kill(history: Any) -> None:
    """When the last rehearsal was killed (SIGKILL, a crash), put the terminal back as it was and say what the
    checkpoint saved; the run is closed as unfinished."""
    killed = history.killed()
    if killed is None:
        return
    if sys.stderr.isatty():
        sys.stderr.write(_TERMINAL_RESET)
        sys.stderr.flush()
    rehearsal, seconds = killed
    click.echo(
        f"deck: rehearsal {rehearsal} was stopped without closing (killed?); the terminal is restored and "
        f"{format_duration(seconds)} of it was saved, up to its last checkpoint; it is kept as unfinished",
        err=True,
    )


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
@click.option("--run", "run_id", type=int, metavar="N", help="The rehearsal --label names (default: the newest).")
@click.option("--delete", "delete_id", type=int, metavar="N", help="Remove rehearsal N after asking.")
@click.option("--yes", is_flag=True, help="Do not ask before --delete.")
@click.option(
    "--drills", is_flag=True, help="List the question drills (`deck drill`); DECK may then be the outline too."
)
@DB_OPTION
@friendly
def history(
    deck: Path | None,
    where: bool,
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
      deck history talk.pptx --label "with Q&A"        names the newest run
      deck history talk.pptx --delete 3                asks, then removes run 3
      deck history talk.pptx --drills                  the question drills
      deck history --where                             where the history is kept
    """
    if where:
        _where(db)
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
    if as_csv:
        from deckbuilder.history.analysis import csv_text

        click.echo(csv_text(runs, store), nl=False)
        return
    if as_json:
        from deckbuilder.history.analysis import trend

        echo_json(
            {
                "deck": str(deck),
                "trend": trend(runs),
                "rehearsals": [r.as_dict(config().pace.ran_over_s) for r in runs],
            }
        )
        return
    if not runs:
        _no_history(deck)
        return
    from .history_view import print_runs

    print_runs(info.title, runs, config().pace.ran_over_s, None if show_all else 20)


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
        click.echo(f"  {numbers.left_out_text()}; the chart shows finished runs of one length")
    if numbers.gone:
        click.echo(f"  {numbers.gone} slide(s) no longer in the deck are drawn last, as 'gone'")
