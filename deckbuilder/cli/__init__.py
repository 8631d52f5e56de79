"""The `deck` command: parse arguments, call the library, print, set the exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from deckbuilder import __version__
from deckbuilder.cli.common import friendly, make_console, parse_codes
from deckbuilder.errors import EXIT_FINDINGS, EXIT_OK


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
    from deckbuilder.core.config import load_template
    from deckbuilder.core.findings import Severity
    from deckbuilder.core.loader import load_outline
    from deckbuilder.core.planner import plan_talk

    talk = plan_talk(load_outline(outline), select=parse_codes(select), ignore=parse_codes(ignore))
    if as_json:
        click.echo(json.dumps(talk.as_dict(), indent=2, ensure_ascii=False))
    else:
        from deckbuilder.cli.plan_view import print_plan

        print_plan(talk, make_console(), load_template().limits.decided_to_observed_min)
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

    from deckbuilder.core.findings import Severity
    from deckbuilder.core.loader import load_outline
    from deckbuilder.core.planner import plan_talk

    started = time.perf_counter()
    talk_outline = load_outline(outline)
    ignored = parse_codes(ignore)
    talk = plan_talk(talk_outline, ignore=ignored)
    if talk.findings:
        from deckbuilder.cli.plan_view import findings_view

        make_console().print(findings_view(talk))
    if any(f.severity is Severity.ERROR for f in talk.findings) and not force:
        click.echo("deck: not built: fix the error above, or pass --force to build anyway", err=True)
        sys.exit(EXIT_FINDINGS)
    from deckbuilder.export.build import build_deck
    from deckbuilder.export.cache import FigureCache, default_dir

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
    from deckbuilder.checks import keep

    result.findings = keep(result.findings, talk_outline, ignore=ignored)
    for note in result.layout_notes:
        click.echo(f"  template: {note}", err=True)
    if result.findings:
        from deckbuilder.cli.plan_view import findings_view

        make_console().print(findings_view(talk, result.findings))
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
    from deckbuilder.rehearse.deck_reader import read_deck

    info = read_deck(deck)
    if as_json:
        click.echo(json.dumps(info.as_dict(), indent=2, ensure_ascii=False))
        return
    from deckbuilder.cli.plan_view import print_deck

    print_deck(info, make_console())


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
    from deckbuilder.core.starter import write_starter

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
    from deckbuilder.checks import matches
    from deckbuilder.core.findings import rules as rule_book

    wanted = parse_codes(codes)
    chosen = [r for r in rule_book().values() if not wanted or matches(r.code, wanted)]
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in chosen], indent=2, ensure_ascii=False))
        return
    from deckbuilder.cli.plan_view import print_rules

    print_rules(chosen, make_console())


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
    from deckbuilder.core.schema import outline_schema

    click.echo(json.dumps(outline_schema(), indent=2))


from deckbuilder.cli.rehearse import rehearsal_commands  # noqa: E402 - registered after `main` exists

for _command in rehearsal_commands.commands.values():
    main.add_command(_command)

if __name__ == "__main__":  # pragma: no cover
    main()
