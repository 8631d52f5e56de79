"""`deck import`: start the outline from the write-up or notebooks the candidate already has."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from deckbuilder.core.text.display import one_line
from deckbuilder.errors import EXIT_OK, DeckError

from .common import config, friendly


@click.command(name="import")
@click.argument("writeups", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("talk.yaml"),
    show_default=True,
    help="The outline to write; its figures go in figures/ beside it.",
)
@click.option("--duration", default="12m", show_default=True, help="Length of the talk (12m, 11:30, 690s).")
@click.option("--audience", default=None, help="The panel: faang, startup, research, consulting, fintech.")
@click.option("--force", is_flag=True, help="Replace an existing outline and figures of the same names.")
@click.option(
    "--yes",
    "-y",
    is_flag=True,
    help="Take every best guess without asking (as when the input is not a terminal).",
)
@friendly
def import_(
    writeups: tuple[Path, ...], output: Path, duration: str, audience: str | None, force: bool, yes: bool
) -> None:
    """Start an outline from your write-up: Markdown reports and Jupyter notebooks.

    Sections go to the talk template's parts by what their sentences are
    about (steps still to do -> next steps, where the model fails -> error
    analysis), then by their headings (Findings -> results, Modeling ->
    methodology); the assignment's own words (its instructions to you) are
    set aside. The headline numbers become metric callouts with the
    baseline the write-up states, read from its prose, its printed notebook
    output and its tables; choices with their reasons become decisions.
    Each slide's title is the section's sentence that reads most as a
    finding. Tables, images and notebook figures are kept (figures saved in
    figures/ beside the outline). The talk keeps 7-8 main slides and a
    handful of figures; the rest become appendix slides. Notebooks are
    read, never run.

    In a terminal, deck asks before it writes: which number is the
    headline, whether each decision is yours, which section is the next
    steps and the error analysis. Enter keeps a guess, a digit picks
    another, n says none; --yes (or input that is not a terminal) takes
    every guess.

    The outline always has the template's parts in order; a part the
    write-up lacks becomes a placeholder slide with a `todo:` line, which
    `deck plan` reports (C013) until you write it. Every guess is marked
    `# guessed:`. The summary lists what became a metric, a decision, a
    figure or a placeholder, and what was left out and why; then the
    outline is planned as `deck plan` would. The exit code is 0 once the
    outline is written, whatever the plan finds.

    \b
    Examples:
      deck import report.md
      deck import README.md analysis.ipynb modelling.ipynb -o talk.yaml
      deck import notebook.ipynb --duration 15m --audience faang
      deck import report.md -o talk.yaml --force      replace an earlier import
      deck import README.md notebook.ipynb --yes      take every guess, ask nothing
    """
    from deckbuilder.core.text.durations import DurationError, talk_duration
    from deckbuilder.importer.run import import_writeups

    settings = config()
    try:
        talk_duration(duration, settings.limits.duration_max_s)
    except DurationError as exc:
        raise DeckError(f"--duration: {exc}") from None
    if audience is not None and audience not in settings.template.audiences:
        from deckbuilder.core.outline.fields import unknown_choice

        raise DeckError(f"--audience: {unknown_choice('audience', audience, tuple(settings.template.audiences))}")
    inputs = list(writeups)
    _check_target(output, inputs, force)
    result = import_writeups(inputs, output, settings, duration.strip(), audience)
    if result.questions and not yes and sys.stdin.isatty() and sys.stdout.isatty():
        answers = _ask(result.questions)
        result = import_writeups(inputs, output, settings, duration.strip(), audience, answers)
    _write(result, output, inputs, force)
    _summary(result.imported, output, len(result.figures), settings)
    from deckbuilder.checks import plan_talk
    from deckbuilder.core.outline.loader import load_outline
    from deckbuilder.core.rules.findings import Severity

    talk = plan_talk(load_outline(output, settings), settings)
    from .plan_view import print_plan

    click.echo("")
    print_plan(talk, settings.template.limits.decided_to_observed_min)
    # The import did its job once the outline is written: placeholders (C013) are errors for `deck build`,
    # not a failed import, so a script can go on to edit the outline.
    if any(f.severity is Severity.ERROR for f in talk.findings):
        click.echo(f"the outline is written; fix the errors above before `deck build` ({one_line(str(output), 200)})")
    sys.exit(EXIT_OK)


def _ask(questions: list[Any]) -> Any:
    """Ask the candidate about the import's guesses in the review screen; return their answers."""
    from deckbuilder.importer.review import Answers
    from deckbuilder.tui.review import Ask, ReviewApp

    asks = [Ask(q.prompt, tuple((o.text, o.source) for o in q.options), q.guess) for q in questions]
    choices = ReviewApp(asks).run()
    if choices is None:
        raise DeckError("stopped before writing anything", hint="run it again, or with --yes to take every guess")
    return Answers.from_choices(questions, choices)


def _check_target(output: Path, inputs: list[Path], force: bool) -> None:
    from deckbuilder.files.atomic import check_output

    if output.suffix.lower() not in (".yaml", ".yml"):
        raise DeckError(f"the outline must be a .yaml file, not {output.name}", hint="-o talk.yaml")
    if output.exists() and not force:
        raise DeckError(
            "exists already; deck import never overwrites an outline you may have edited",
            file=str(output),
            hint="choose another name with -o, or replace it with --force",
        )
    check_output(output, inputs, replace_read_only=force)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)  # `-o talk/talk.yaml` makes the folder
    except OSError as exc:
        raise DeckError(f"cannot create the folder: {exc.strerror}", file=str(output.parent)) from None


def _write(result: Any, output: Path, inputs: list[Path], force: bool) -> None:
    from deckbuilder.files.atomic import write_atomically

    # Look at every figure before writing any: an import either writes everything or nothing of its own.
    todo = []
    for path, data in result.figures:
        if path.exists():
            same = path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
            if same:
                continue
            if not force:
                raise DeckError(
                    "exists already with other content; deck import never overwrites it",
                    file=str(path),
                    hint="move it, import with another -o folder, or replace it with --force",
                )
        todo.append((path, data))
    for path, data in todo:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DeckError(f"cannot create the folder: {exc.strerror}", file=str(path.parent)) from None
        write_atomically(path, _writer(data), inputs, replace_read_only=force)
    write_atomically(output, _writer(result.text.encode("utf-8")), inputs, replace_read_only=force)


def _writer(data: bytes) -> Any:
    def write(handle: Any) -> None:
        handle.write(data)

    return write


def _summary(imported: Any, output: Path, figures: int, settings: Any) -> None:
    template, rules = settings.template, settings.importing
    main = [d for d in imported.slides if template.is_main(d.kind)]
    click.echo(
        f"wrote {one_line(str(output), 300)}: {len(imported.slides) + 1} slides ({len(main)} in the talk), "
        f"{figures} figure(s)"
    )
    for mapped in imported.mapping:
        if mapped.section.empty() and not mapped.section.heading:
            continue
        label = mapped.kind or ("left out" if mapped.skip else "notes of the slide before")
        if mapped.section.level == 1 and mapped.section.heading == imported.title and mapped.section.empty():
            label = "the talk's title"
        heading = one_line(mapped.section.heading or "(before the first heading)", 50)
        click.echo(f"  {one_line(mapped.section.where, 40):<40} {heading:<50} -> {label}")
    for number, draft in enumerate(imported.slides, start=2):
        for metric in draft.metrics:
            label = f" ({one_line(metric.baseline_label, 40)})" if metric.baseline_label else ""
            click.echo(
                f"  metric (slide {number}): {one_line(metric.name, 30)} {one_line(metric.value, 20)} against "
                f"{one_line(metric.baseline, 20)}{label}"
            )
        for choice in draft.decisions:
            said = f" over {one_line(choice.alternative, 50)}" if choice.alternative else ""
            said += (
                f" (because {one_line(choice.rationale, 50)})" if choice.rationale and not choice.alternative else ""
            )
            click.echo(f"  decision (slide {number}): {one_line(choice.decision, 50)}{said}")
        if draft.figure is not None and template.is_main(draft.kind):
            click.echo(
                f"  figure (slide {number}): {one_line(draft.figure_title, 60)} from {one_line(draft.figure.where, 60)}"
            )
    backup = [d for d in imported.slides if d.kind == "appendix"]
    if backup:
        click.echo(
            f"  appendix: {len(backup)} slide(s) kept for questions (at most {rules.appendix_slides}: model "
            "comparisons first, then the figures that show results)"
        )
    for text in (t for draft in imported.slides for t in draft.told):
        click.echo(f"  moved: {one_line(text, 160)}")
    for text in imported.left_out:
        click.echo(f"  left out: {one_line(text, 160)}")
    for kind, count in imported.not_imported.items():
        click.echo(f"  not imported: {count} {one_line(kind, 40)}(s); export them as PNG and link them to import them")
    for number, draft in enumerate(imported.slides, start=2):
        if draft.todo:
            click.echo(f"  placeholder (slide {number}, {draft.kind}): {one_line(draft.todo, 120)}")
    click.echo(
        f"review every '# guessed:' line in {one_line(str(output), 200)}, write the placeholders, then: "
        f"deck build {one_line(str(output), 200)}"
    )
