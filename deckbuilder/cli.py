"""The `deck` command: parse arguments, call the library, print, set the exit code."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, DeckError

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


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    from .checks import unknown_codes

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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="deck")
def main() -> None:
    """Plan, build and rehearse a 10-15 minute take-home presentation.

    \b
    Start here:
      deck new talk.yaml          write a starter outline to edit
      deck plan talk.yaml         check the timing and content of the talk
    """


@main.command()
@click.argument("outline", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option("--select", multiple=True, metavar="CODES", help="Only report these codes or prefixes (e.g. T,C002).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Never report these codes or prefixes (e.g. C002).")
@friendly
def plan(outline: Path, as_json: bool, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Give every slide a time budget and review the talk.

    Exits 0 when nothing must be fixed, 1 when a finding is an error,
    2 when the outline cannot be read.

    \b
    Examples:
      deck plan examples/churn/outline.yaml
      deck plan talk.yaml --json
      deck plan talk.yaml --ignore C002,T001
    """
    from .findings import Severity
    from .loader import load_outline
    from .planner import plan_talk
    from .template import load_template

    talk = plan_talk(load_outline(outline), select=_codes(select), ignore=_codes(ignore))
    if as_json:
        click.echo(json.dumps(talk.as_dict(), indent=2, ensure_ascii=False))
    else:
        from .planview import print_plan

        print_plan(talk, _console(), load_template().limits.decided_to_observed_min)
    failed = any(f.severity is Severity.ERROR for f in talk.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
@click.argument("outline", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the deck [default: the outline's name with .pptx].",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your company's .pptx to take the master and layouts from.",
)
@click.option("--force", is_flag=True, help="Build even when the plan has an error finding.")
@click.option("--no-cache", is_flag=True, help="Redraw every figure instead of reusing cached pictures.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Never report these codes or prefixes.")
@friendly
def build(
    outline: Path, output: Path | None, template: Path | None, force: bool, no_cache: bool, ignore: tuple[str, ...]
) -> None:
    """Plan the outline and write it as a 16:9 PowerPoint deck.

    The deck has editable text and tables, figures drawn from your data,
    speaker notes that start with each slide's budget, and the time plan
    that `deck rehearse` reads back. An error finding stops the build
    (unless --force); the previous deck is left untouched on any failure.

    \b
    Examples:
      deck build examples/churn/outline.yaml
      deck build talk.yaml -o interview.pptx --template company.pptx
    """
    import datetime as dt
    import time

    from .findings import Severity
    from .loader import load_outline
    from .planner import plan_talk

    started = time.perf_counter()
    talk_outline = load_outline(outline)
    talk = plan_talk(talk_outline, ignore=_codes(ignore))
    if talk.findings:
        from .planview import findings_view

        _console().print(findings_view(talk))
    if any(f.severity is Severity.ERROR for f in talk.findings) and not force:
        click.echo("deck: not built: fix the error above, or pass --force to build anyway", err=True)
        sys.exit(EXIT_FINDINGS)
    from .export.build import build_deck
    from .export.cache import FigureCache, default_dir

    out = output or outline.with_suffix(".pptx")
    result = build_deck(
        talk_outline,
        talk,
        out,
        template=template,
        cache=FigureCache(None if no_cache else default_dir()),
        date_text=talk_outline.date or f"{dt.date.today():%-d %B %Y}",
        progress=lambda message: click.echo(f"  {message}", err=True),
    )
    from .checks import keep

    result.findings = keep(result.findings, talk_outline, ignore=_codes(ignore))
    for note in result.layout_notes:
        click.echo(f"  template: {note}", err=True)
    if result.findings:
        from .planner import Plan
        from .planview import findings_view

        _console().print(findings_view(Plan(talk.title, talk.duration_s, talk.slides, [], 0, 0, 0, 0, result.findings)))
    warnings = sum(1 for f in [*talk.findings, *result.findings] if f.severity is not Severity.ERROR)
    cached = result.figures - result.rendered
    click.echo(
        f"wrote {out}: {result.slides} slides, {result.figures} figures ({result.rendered} drawn, {cached} from "
        f"cache), {warnings} warning(s), {time.perf_counter() - started:.1f} s"
    )


@main.command()
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print what was read as JSON.")
@friendly
def inspect(deck: Path, as_json: bool) -> None:
    """Show what `deck rehearse` will use from a deck: titles, kinds, budgets, notes.

    Works on any .pptx; budgets come from the plan `deck build` embedded,
    or from the timing line at the top of each slide's notes.

    \b
    Examples:
      deck inspect examples/churn/outline.pptx
      deck inspect talk.pptx --json
    """
    from .deckfile import read_deck

    info = read_deck(deck)
    if as_json:
        click.echo(json.dumps(info.as_dict(), indent=2, ensure_ascii=False))
        return
    from .planview import print_deck

    print_deck(info, _console())


@main.command()
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--duration", default=None, help="Talk length to spread evenly when the deck has no plan (12m).")
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

    Budgets come from the plan `deck build` embedded in the deck; else from
    --plan; else --duration spread evenly (slides titled Appendix or Backup
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

    from .coach import Coach, open_history, resolve_budgets
    from .deckfile import read_deck
    from .durations import DurationError, format_duration, parse_duration
    from .pacing import pace_rules

    try:
        duration_s = parse_duration(duration) if duration else None
        alert_s = parse_duration(alert) if alert else None
    except DurationError as exc:
        raise DeckError(f"--duration/--alert: {exc}") from None
    info = read_deck(deck)
    plan = None
    if plan_file is not None:
        from .loader import load_outline
        from .planner import plan_talk

        plan = plan_talk(load_outline(plan_file))
    budgets = resolve_budgets(info, plan, str(plan_file or ""), duration_s)
    history = open_history(db)
    coach = Coach(info, budgets, history, clock=time.monotonic, alert_last_s=alert_s)
    from .tui.app import RehearseApp

    try:
        RehearseApp(coach, pace_rules().redraw_s, f"saved to {history.path}").run()
    finally:
        coach.quit()
        history.close()
    if coach.rehearsal is None:
        click.echo("the clock never started; nothing was recorded")
        return
    done = "finished" if coach.completed else "unfinished"
    summary = coach.summary()
    click.echo(
        f"rehearsal {coach.rehearsal} saved ({done}): {len(coach.session.visits)} slide visits, "
        f"{format_duration(summary.total_s)} of {format_duration(summary.duration_s)}, in {history.path}"
    )


def _history_of(deck: Path, db: Path | None) -> tuple[Any, Any, list[Any]]:
    from .coach import open_history
    from .deckfile import read_deck
    from .report import find_runs

    info = read_deck(deck)
    history = open_history(db)
    return info, history, find_runs(history, info)


def _no_history(deck: Path) -> None:
    click.echo(f"no rehearsals recorded for {deck} yet; run: deck rehearse {deck}")


@main.command()
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the rehearsals as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Write every recorded slide visit as CSV to standard output.")
@click.option("--all", "show_all", is_flag=True, help="List every rehearsal, not only the newest 20.")
@DB_OPTION
@friendly
def history(deck: Path, as_json: bool, as_csv: bool, show_all: bool, db: Path | None) -> None:
    """List the rehearsals of a deck, newest first, with a trend.

    The deck is known again after a rebuild (same file), after a move or a
    rename (same slide titles, or the same talk from deck build).

    \b
    Examples:
      deck history talk.pptx
      deck history talk.pptx --json
      deck history talk.pptx --csv > visits.csv
    """
    info, store, runs = _history_of(deck, db)
    if as_csv:
        from .report import csv_text

        click.echo(csv_text(runs, store), nl=False)
        return
    if as_json:
        from .report import trend

        click.echo(
            json.dumps(
                {"deck": str(deck), "trend": trend(runs), "rehearsals": [r.as_dict() for r in runs]},
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not runs:
        _no_history(deck)
        return
    from .historyview import print_runs

    print_runs(info.title, runs, _console(), None if show_all else 20)


@main.command()
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
    from .report import compare as compare_runs

    info, _, found = _history_of(deck, db)
    if len(runs) not in (0, 2):
        raise DeckError("give two rehearsal numbers, or none for the last two", hint="`deck history` lists them")
    by_id = {r.id: r for r in found}
    if runs:
        missing = [str(r) for r in runs if r not in by_id]
        if missing:
            raise DeckError(f"no rehearsal {', '.join(missing)} for {deck}", hint="`deck history` lists them")
        a, b = by_id[runs[0]], by_id[runs[1]]
    elif len(found) < 2:
        click.echo(f"{deck} has {len(found)} rehearsal(s); comparing needs two")
        return
    else:
        b, a = found[0], found[1]
    from .historyview import print_compare

    print_compare(a, b, compare_runs(info, a, b), _console())


@main.command()
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
    from .report import pacing

    info, _, found = _history_of(deck, db)
    if not found:
        _no_history(deck)
        return
    out = output or deck.with_name(deck.stem + "-pacing.png")
    if out.suffix.lower() not in (".png", ".svg"):
        raise DeckError(f"cannot write {out.name}: use a .png or .svg name")
    from .reportfig import save

    numbers = pacing(info, found, last)
    save(numbers, out)
    click.echo(f"wrote {out}: {numbers.finding}")


@main.command()
@click.argument("path", default="outline.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--duration", default="12m", show_default=True, help="Length of the talk (12m, 11:30, 690s).")
@click.option(
    "--audience", default=None, help="Tune the checks for a panel: faang, startup, research, consulting, fintech."
)
@friendly
def new(path: Path, duration: str, audience: str | None) -> None:
    """Write a commented starter outline of the take-home template.

    Refuses to overwrite an existing file.

    \b
    Examples:
      deck new talk.yaml
      deck new talk.yaml --duration 15m --audience startup
    """
    from .starter import write_starter

    write_starter(path, duration, audience)
    click.echo(f"wrote {path}; edit it, then run: deck plan {path}")


@main.command()
@click.argument("codes", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the rules as JSON.")
@friendly
def rules(codes: tuple[str, ...], as_json: bool) -> None:
    """List every check: its code, severity, why it matters and a fix.

    \b
    Examples:
      deck rules            all checks
      deck rules C002 T     one check and all time checks
      deck rules --json
    """
    from .checks import matches
    from .findings import rules as rule_book

    wanted = _codes(codes)
    chosen = [r for r in rule_book().values() if not wanted or matches(r.code, wanted)]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in chosen], indent=2, ensure_ascii=False))
        return
    from .planview import print_rules

    print_rules(chosen, _console())


@main.command()
@friendly
def schema() -> None:
    """Print the JSON Schema of the outline format, for editors.

    \b
    Example (VS Code with the YAML extension, or any yaml-language-server):
      deck schema > outline.schema.json
      # then put this first line in the outline:
      # yaml-language-server: $schema=outline.schema.json
    """
    from .schema import outline_schema

    click.echo(json.dumps(outline_schema(), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
