"""The deck commands: build a .pptx from an outline, and inspect any .pptx."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deckbuilder.core.text.display import visible
from deckbuilder.errors import EXIT_FINDINGS

from .common import ALLOW_OUTSIDE, config, echo_json, friendly, parse_codes


@click.command()
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
@click.option(
    "--force", is_flag=True, help="Build even when the plan has an error finding, or the output is read-only."
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Redraw every figure instead of reusing cached pictures, and write the deck even when nothing changed.",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Never report these codes or prefixes.")
@click.option("--pdf", "with_pdf", is_flag=True, help="Also write a PDF beside the deck (needs LibreOffice).")
@ALLOW_OUTSIDE
@friendly
def build(
    outline: Path,
    output: Path | None,
    template: Path | None,
    force: bool,
    no_cache: bool,
    ignore: tuple[str, ...],
    with_pdf: bool,
    allow_outside: bool,
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
      deck build talk.yaml --pdf                  talk.pptx and talk.pdf, for the panel
    """
    import datetime as dt
    import time

    from deckbuilder.checks import plan_talk
    from deckbuilder.core.outline.loader import load_outline
    from deckbuilder.core.rules.findings import Severity, keep

    started = time.perf_counter()
    settings = config()
    inputs: list[Path] = []
    talk_outline = load_outline(outline, settings, allow_outside=allow_outside, inputs=inputs)
    ignored = parse_codes(ignore, settings)
    talk = plan_talk(talk_outline, settings, ignore=ignored)
    if talk.findings:
        from .plan_view import findings_view
        from .text_table import echo_lines

        echo_lines(findings_view(talk))
    if any(f.severity is Severity.ERROR for f in talk.findings) and not force:
        click.echo("deck: not built: fix the error above, or pass --force to build anyway", err=True)
        sys.exit(EXIT_FINDINGS)
    stops = [f for f in talk.findings if f.stops_build]
    if stops and not force:
        where = ", ".join(sorted({str(f.slide) for f in stops if f.slide is not None}, key=int)) or "a slide"
        code = stops[0].code
        click.echo(
            f"deck: not built: slide {where} would show the panel {settings.rules[code].title} ({code} above); "
            "change it as the finding says, or pass --force to build anyway",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)
    from deckbuilder.core.text.durations import spoken_date
    from deckbuilder.export.build import build_deck
    from deckbuilder.export.cache import FigureCache
    from deckbuilder.files.places import deck_cache_dir

    out = output or outline.with_suffix(".pptx")
    pdf = out.with_suffix(".pdf")
    if with_pdf:
        from deckbuilder.files.atomic import check_output

        check_output(pdf, inputs, force)  # before the build: a PDF that cannot be written stops it early
    cache = FigureCache(None if no_cache else deck_cache_dir())
    result = build_deck(
        talk_outline,
        talk,
        out,
        template=template,
        cache=cache,
        # The outline's own date wins; else today, said the same way.
        date_text="" if talk_outline.date else spoken_date(dt.date.today().isoformat()),
        progress=lambda message: click.echo(f"  {visible(message)}", err=True),
        config=settings,
        inputs=inputs,
        replace_read_only=force,
    )
    # The check already reported what does not fit our page; a company template's page may differ.
    fresh = [f for f in result.findings if f not in talk.findings]
    result.findings = keep(fresh, [s.ignore for s in talk_outline.slides], ignore=ignored)
    for note in result.layout_notes:
        click.echo(f"  template: {visible(note)}", err=True)
    for note in cache.notes:
        click.echo(f"  cache: {visible(note)}", err=True)
    if result.findings:
        from .plan_view import findings_view
        from .text_table import echo_lines

        echo_lines(findings_view(talk, result.findings))
    every = [*talk.findings, *result.findings]
    warnings = sum(1 for f in every if f.severity is Severity.WARNING)
    notes = sum(1 for f in every if f.severity is Severity.INFO)
    said = f"{warnings} warning(s), {notes} note(s)"
    cached = result.figures - result.rendered
    if result.up_to_date:
        click.echo(
            f"{visible(str(out))} is up to date: nothing it is made from changed since it was written "
            f"({result.slides} slides, {said}); --no-cache writes it again"
        )
    else:
        click.echo(
            f"wrote {visible(str(out))}: {result.slides} slides, {result.charts} chart(s), {result.figures} "
            f"picture(s) ({result.rendered} drawn, {cached} from cache), {said}, "
            f"{time.perf_counter() - started:.1f} s"
        )
    if with_pdf:
        from deckbuilder.export.pdf import write_pdf

        click.echo("  making the PDF with LibreOffice", err=True)
        write_pdf(out, pdf, inputs, force)
        click.echo(f"wrote {visible(str(pdf))}")


@click.command()
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

    info = read_deck(deck, config())
    if as_json:
        echo_json(info.as_dict())
        return
    from .deck_view import print_deck

    print_deck(info)
