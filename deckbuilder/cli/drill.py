"""`deck drill`: the panel's questions, made from the talk, listed or answered against the clock."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deckbuilder.core.text.display import one_line, visible
from deckbuilder.core.text.durations import format_duration
from deckbuilder.errors import EXIT_BAD_INPUT, DeckError

from .common import DB_OPTION, config, echo_json, friendly, open_history, say_refused, talk_of


def _kinds(value: str | None, known: dict[str, str]) -> list[str] | None:
    from deckbuilder.core.outline.fields import unknown_choice

    if not value:
        return None
    kinds = [k.strip().lower().replace("-", "_") for k in value.split(",") if k.strip()]
    aliases = {"stress_test": "stress", "clarify": "clarification"}
    kinds = [aliases.get(k, k) for k in kinds]
    for kind in kinds:
        if kind not in known:
            raise DeckError(f"--kind: {unknown_choice('question kind', kind, tuple(known))}")
    return kinds


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--count", default=8, show_default=True, type=click.IntRange(1, 100), help="Questions in the drill.")
@click.option("--kind", "kinds", metavar="KINDS", help="Only these kinds, comma-separated (e.g. challenge,depth).")
@click.option(
    "--seed", type=click.IntRange(0, 2**31 - 1), help="Repeat a drill: the same seed asks the same questions."
)
@click.option("--list", "as_list", is_flag=True, help="Print the question bank (kind, slide, question) and exit.")
@click.option("--json", "as_json", is_flag=True, help="With --list: print the bank as JSON.")
@DB_OPTION
@friendly
def drill(
    source: Path, count: int, kinds: str | None, seed: int | None, as_list: bool, as_json: bool, db: Path | None
) -> None:
    """Answer the panel's questions about your talk, two minutes each.

    The questions come from the talk itself: every rejected alternative of
    a decision is challenged, every metric is probed for its baseline and
    spread, the error analysis and next steps are pushed further, and
    stress questions (drift, ten times the data, a latency budget, a
    regulator) close it. Five kinds: clarification, challenge, extension,
    depth, stress. The drill takes the kinds in turn.

    Each question has a 2:00 countdown (amber at 1:30, red past 2:00).
    Tick the STAR-T shape as you answer: 1 situation, 2 thought process,
    3 action, 4 result, 5 trade-off. Score yourself w/o/g (weak, ok, good),
    then n for the next question or s to skip. Every answer is saved as it
    ends, beside your rehearsals; `deck history DECK --drills` lists them.

    \b
    Examples:
      deck drill examples/churn/outline.yaml --list
      deck drill talk.pptx
      deck drill talk.pptx --count 4 --kind challenge,depth
      deck drill talk.pptx --seed 7                      the same drill again
      deck drill talk.yaml --list --json | jq '.[].question'
    """
    from deckbuilder.core.slides.questions import build_bank, choose

    settings = config()
    rules = settings.drill
    wanted = _kinds(kinds, rules.kinds)
    talk, ident = talk_of(source, settings)
    from deckbuilder.core.reading.reader import reader_for

    bank = [q for q in build_bank(talk, rules, reader_for(settings)) if wanted is None or q.kind in wanted]
    if not bank:
        raise DeckError(
            f"no {'questions' if wanted is None else ' or '.join(wanted) + ' questions'} come from this talk",
            file=str(source),
            hint="add decisions with an alternative, metrics with a baseline, or an error analysis slide",
        )
    if as_list:
        if as_json:
            echo_json([q.as_dict() for q in bank])
            return
        for q in bank:
            click.echo(f"{q.kind}\t{q.slide or '-'}\t{visible(one_line(q.text, 600))}")
        return
    if as_json:
        raise DeckError("--json goes with --list", hint="deck drill TALK --list --json")
    if not (sys.stdin.isatty() and sys.stderr.isatty()):  # Textual draws on stderr and reads stdin
        raise DeckError(
            "deck drill needs a terminal to show the questions and read your keys",
            hint="run it in a terminal window, or print the questions with --list",
        )
    import random
    import time

    from deckbuilder.rehearse.drill import Drill
    from deckbuilder.tui.drill import DrillApp

    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    questions = choose(bank, count, seed)
    history = open_history(db)
    where = visible(str(history.path))
    session = Drill(questions, rules, ident, history, time.monotonic, seed, keep_beside=source)
    app = DrillApp(session, talk.title, settings.pace.redraw_s, f"saved to {where}", history.probe(), settings.terminal)
    try:
        app.run()
    finally:
        session.close()
        session.flush()
        history.close()
    summary = session.summary()
    mean = "" if summary.mean_s is None else f", mean answer {format_duration(summary.mean_s)}"  # as the screen says
    figures = f"{len(summary.answered)} of {summary.asked} answered{mean}"
    cause = session.refused
    if cause is None:
        click.echo(f"drill {session.drill_id} saved: {figures}, in {where}; again with --seed {seed}")
        sys.exit(app.return_code or 0)
    again = f" --db {visible(str(db))}" if db else ""
    say_refused("drill", "drill", session.drill_id, where, figures, cause, session.kept, session.lost, again)
    sys.exit(app.return_code or EXIT_BAD_INPUT)
