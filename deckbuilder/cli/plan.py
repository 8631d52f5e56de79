"""The planning commands: plan, new, rules and schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from deckbuilder.core.text.display import visible
from deckbuilder.errors import EXIT_FINDINGS, EXIT_OK

from .common import ALLOW_OUTSIDE, DB_OPTION, config, echo_json, friendly, loaded, parse_codes


@click.command()
@click.argument("outline", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option("--select", multiple=True, metavar="CODES", help="Only report these codes or prefixes (e.g. T,C002).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Never report these codes or prefixes (e.g. C002).")
@click.option("--no-history", is_flag=True, help="Judge the budgets only, not the rehearsals of a deck built from it.")
@ALLOW_OUTSIDE
@DB_OPTION
@friendly
def plan(
    outline: Path,
    as_json: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    no_history: bool,
    allow_outside: bool,
    db: Path | None,
) -> None:
    """Give every slide a time budget and review the talk.

    Once you have rehearsed a deck built from the outline, the plan shows
    each slide's rehearsed time (the median of the last three finished
    rehearsals) and judges the shares and T011 on it; rehearsals with
    --listen give your own speaking rate, which what each slide's material
    needs is worked at. --no-history turns both off.

    Exits 0 when nothing must be fixed, 1 when a finding is an error,
    2 when the outline cannot be read.

    \b
    Examples:
      deck plan examples/churn/outline.yaml
      deck plan talk.yaml --json
      deck plan talk.yaml --ignore C002,T001
    """
    from deckbuilder.checks import plan_talk
    from deckbuilder.core.outline.loader import load_outline
    from deckbuilder.core.rules.findings import Severity

    from .plan_view import print_plan

    loaded()
    settings = config()
    talk_outline = load_outline(outline, settings, allow_outside=allow_outside)
    rehearsed, note = ({}, {}) if no_history else _rehearsed(talk_outline, settings, db)
    talk = plan_talk(
        talk_outline,
        settings,
        select=parse_codes(select, settings),
        ignore=parse_codes(ignore, settings),
        rehearsed=rehearsed,
        speaker_wpm=note.get("speaking_rate", {}).get("wpm"),
    )
    if as_json:
        echo_json({**talk.as_dict(), **({"rehearsals": note} if note else {})})
    else:
        print_plan(talk, settings.template.limits.decided_to_observed_min, str(note.get("said", "")))
    failed = any(f.severity is Severity.ERROR for f in talk.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _rehearsed(outline: Any, settings: Any, db: Path | None) -> tuple[dict[str, float], dict[str, Any]]:
    """Return the rehearsed time of each slide of a deck built from ``outline`` (read without writing), and what
    was used and left out, to be said: finished runs of the outline's length that spoke on every main slide."""
    from deckbuilder.history.location import default_path

    path = db or default_path()
    if not path.is_file():  # never rehearsed on this machine: nothing to import or read
        return {}, {}
    from deckbuilder.core.timing.planner import plan as time_only
    from deckbuilder.core.timing.talk import DeckId
    from deckbuilder.errors import DeckError
    from deckbuilder.history.analysis import find_runs, rehearsed_times
    from deckbuilder.history.listened import speaker_pace
    from deckbuilder.history.store import History

    store = History.read_only(path)
    if store is None:
        return {}, {}
    try:
        # Known as `deck history` knows a built deck: its talk title, or the same slide titles.
        timed = time_only(outline, settings)
        ident = DeckId("", outline.title, timed.fingerprint(), embedded=True)
        runs = find_runs(store, ident, settings.pace.rehearsed_share)
        found = rehearsed_times(runs, timed.duration_s)
        pace = speaker_pace(runs, timed.duration_s, settings.listen.rate_min_speech_s)
    except DeckError as exc:  # a damaged history never stops a plan, and is said
        said = f"rehearsed times left out: {exc.message}"
        return {}, {"said": visible(said), "error": visible(exc.message)}
    finally:
        store.close()
    if not runs:
        return {}, {}
    note: dict[str, Any] = {
        "said": found.describe(),
        "used": found.used,
        "left_out": {"unfinished": found.unfinished, "other_length": found.other_length, "skimmed": found.skimmed},
    }
    if pace is not None:  # heard with --listen: what each slide's material needs is worked at this rate
        note["speaking_rate"] = pace.as_dict()
        note["said"] = "; ".join(part for part in (found.describe(), pace.describe()) if part)
    return found.times, note


@click.command()
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
    from deckbuilder.core.outline.starter import starter_text
    from deckbuilder.files.atomic import create_new

    create_new(path, starter_text(str(path), duration, audience, config()))
    click.echo(f"wrote {visible(str(path))}; edit it, then run: deck plan {visible(str(path))}")


@click.command()
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
    from deckbuilder.core.rules.findings import matches

    settings = config()
    wanted = parse_codes(codes, settings)
    chosen = [r for r in settings.rules.values() if not wanted or matches(r.code, wanted)]
    if as_json:
        echo_json([r.as_dict() for r in chosen])
        return
    from .plan_view import print_rules

    print_rules(chosen)


@click.command()
@friendly
def schema() -> None:
    """Print the JSON Schema of the outline format, for editors.

    \b
    Example (VS Code with the YAML extension, or any yaml-language-server):
      deck schema > outline.schema.json
      # then put this first line in the outline:
      # yaml-language-server: $schema=outline.schema.json
    """
    from deckbuilder.core.outline.schema import outline_schema

    echo_json(outline_schema(config()))
