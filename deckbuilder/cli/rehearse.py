"""`deck rehearse`: the coach in the terminal, and what became of each run of the sitting."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from deckbuilder.core.text.display import visible
from deckbuilder.core.text.durations import format_duration
from deckbuilder.errors import EXIT_BAD_INPUT, DeckError

from .common import DB_OPTION, config, friendly, open_history, say_refused


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
@click.option(
    "--listen",
    is_flag=True,
    help="Listen to the microphone, offline: each slide's speaking rate, pauses, and whether its key numbers were "
    "said (needs the extra: pip install 'deck[listen]').",
)
@click.option(
    "--audio",
    type=click.Path(path_type=Path),  # deck's own message for a folder or a device (WavSource.prepare)
    metavar="FILE",
    help="Listen to a WAV recording instead, played in real time from the first Space (implies --listen).",
)
@click.option(
    "--keep-audio",
    type=click.Path(path_type=Path),  # deck's own message for a folder (check_output)
    metavar="FILE",
    help="Keep what was heard in this WAV file (otherwise nothing heard is written anywhere).",
)
@click.option("--device", metavar="NAME|N", help="The microphone to listen to [default: the system's].")
@friendly
def rehearse(
    deck: Path,
    duration: str | None,
    plan_file: Path | None,
    db: Path | None,
    alert: str | None,
    listen: bool,
    audio: Path | None,
    keep_audio: Path | None,
    device: str | None,
) -> None:
    """Rehearse a deck with a timer for every slide against its own budget.

    Budgets come from --plan when you give it (slides matched by id, then
    title); else from the plan `deck build` embedded in the deck; else from
    --duration spread evenly (slides titled Appendix or Backup
    get none). The clock starts at the first Space or →. Every slide visit
    is saved as it happens, so a rehearsal cut short keeps what was done.

    With --listen (or --audio) it also hears each slide: seconds of speech
    and of silence, the longest pause, words a minute, and whether the
    numbers the slide shows were said. Nothing heard leaves the machine or
    is written to disk unless --keep-audio names a file.

    \b
    Keys: → Space PgDn Enter n next · ← PgUp Backspace back · p pause
          f finish · q quit · ? help

    \b
    Examples:
      deck rehearse examples/churn/outline.pptx
      deck rehearse someone-elses.pptx --duration 12m
      deck rehearse talk.pptx --plan talk.yaml --alert 3m
      deck rehearse talk.pptx --listen
      deck rehearse talk.pptx --audio take.wav
      deck rehearse talk.pptx --listen --keep-audio take.wav
    """
    import time

    from deckbuilder.core.text.durations import DurationError, parse_duration, talk_duration
    from deckbuilder.rehearse.budgets import resolve
    from deckbuilder.rehearse.coach import Coach
    from deckbuilder.rehearse.deck_reader import read_deck

    try:
        most = config().limits.duration_max_s
        duration_s = talk_duration(duration, most) if duration else None  # the rule an outline's duration obeys
        alert_s = parse_duration(alert) if alert else None
    except DurationError as exc:
        raise DeckError(f"--duration/--alert: {exc}") from None
    listening = listen or audio is not None
    if listening:
        _check_listening(deck, audio, keep_audio)
    elif keep_audio is not None or device is not None:
        option = "--keep-audio" if keep_audio is not None else "--device"
        raise DeckError(f"{option} is for listening", hint=f"add --listen (or --audio take.wav) to use {option}")
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
    hearing = _hearing(info, budgets, settings, audio, keep_audio, device, time.monotonic) if listening else None
    history = open_history(db)
    notice = _after_a_kill(history)
    coach = Coach(info, budgets, history, clock=time.monotonic, alert_last_s=alert_s, config=settings, hearing=hearing)
    from deckbuilder.tui.app import RehearseApp

    where = visible(str(history.path))
    app = RehearseApp(coach, settings.pace.redraw_s, f"saved to {where}", notice, history.probe())
    lost_audio = ""
    try:
        app.run()
    finally:
        coach.quit()
        coach.flush()
        history.close()
        try:
            coach.stop_listening()
        except (DeckError, OSError) as exc:  # the kept audio could not be written: said, after the runs
            lost_audio = exc.message if isinstance(exc, DeckError) else str(exc.strerror or exc)
    again = f" --db {visible(str(db))}" if db else ""  # the same history, when it was named
    refused = _say_runs(coach, where, budgets.plan.duration_s, again)
    if listening:
        refused = _say_audio(keep_audio, lost_audio) or refused
    # 128 + the signal that stopped it, 130 for Ctrl+C; else 2 when the history refused the run.
    sys.exit(app.return_code or (EXIT_BAD_INPUT if refused else 0))


def _say_audio(keep_audio: Path | None, lost: str) -> bool:
    """Say where what was heard went (nowhere, unless kept); return True when it could not be kept as asked."""
    if lost:
        click.echo(f"deck: {visible(str(keep_audio))}: what was heard could not be kept: {visible(lost)}", err=True)
        return True
    if keep_audio is not None and keep_audio.is_file():
        click.echo(f"what was heard is kept in {visible(str(keep_audio))}")
    else:
        click.echo("listened offline: only the figures were saved; no sound was written anywhere")
    return False


def _check_listening(deck: Path, audio: Path | None, keep_audio: Path | None) -> None:
    """Refuse, before anything starts, what would stop listening: the extra missing, a recording deck cannot play,
    a file to keep the audio in that is the deck or the recording."""
    from deckbuilder.files.atomic import check_output
    from deckbuilder.listen import require

    require(microphone=audio is None)
    if keep_audio is not None:
        if keep_audio.suffix.lower() != ".wav":
            raise DeckError(f"--keep-audio writes a WAV recording: name it .wav, not {visible(keep_audio.name)}")
        try:
            check_output(keep_audio, [deck, *([audio] if audio is not None else [])])
        except DeckError as exc:
            raise DeckError(f"--keep-audio: {exc.message}", hint="name another file for --keep-audio") from None
    if audio is not None:
        from deckbuilder.listen.sources import WavSource

        WavSource(audio, lambda: 0.0).prepare(0)  # one clear message for a file it cannot play


def _hearing(
    info: Any, budgets: Any, settings: Any, audio: Path | None, keep_audio: Path | None, device: str | None, clock: Any
) -> Any:
    """Open the listener (a microphone starts capturing now, before the coach takes the screen: PortAudio may
    print warnings of its own as it starts) and the coach's side of it."""
    from deckbuilder.core.timing.deck_format import notes_body
    from deckbuilder.listen import open_listener
    from deckbuilder.rehearse.listening import Hearing

    notes = " ".join(notes_body(s.notes) for s in info.slides)
    chosen = int(device) if device is not None and device.isdigit() else device
    listener = open_listener(audio, settings, clock, keep_audio=keep_audio, device=chosen, deck_text=notes)
    listener.prepare()
    return Hearing.of(listener, info, budgets.plan.slides, settings.listen)


def _say_runs(coach: Any, where: str, duration_s: float, again: str = "") -> bool:
    """Say what became of each run of the sitting (a restart makes several); return True when the history
    refused one (kept in a file, or lost), which is never called saved."""
    if not coach.runs:
        click.echo("the clock never started; nothing was recorded")
        return False
    refused = False
    for log in coach.runs:
        state = "finished" if log.end is not None and log.end.finished else "unfinished"
        total = format_duration(log.end.total_s if log.end is not None else 0)
        visits = f"{len(log.visits)} slide visit{'' if len(log.visits) == 1 else 's'}"
        figures = f"{state}: {visits}, {total} of {format_duration(duration_s)}"
        if log.saved:
            click.echo(f"rehearsal {log.rehearsal} saved ({figures}), in {where}")
            continue
        refused = True
        say_refused("rehearsal", "run", log.rehearsal, where, figures, log.refused, log.kept, log.lost, again)
    return refused


# What a killed full-screen app leaves switched on: the alternate screen, mouse tracking and focus reports,
# bracketed paste, the kitty keyboard mode, a hidden cursor, and line wrap switched off (without it, a long
# line written next is cut at the right edge, its end written over the last column).
_TERMINAL_RESET = (
    "\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1016l\x1b[?1004l\x1b[?2004l"
    "\x1b[?2048l\x1b[<u\x1b[0m\x1b[?7h\x1b[?25h"
)


def _after_a_kill(history: Any) -> str:
    """When the last rehearsal was killed (SIGKILL, a crash), put the terminal back as it was and say what the
    checkpoint saved, on the terminal and (returned) on the talk screen; the run is closed as unfinished."""
    killed = history.killed()
    if killed is None:
        return ""
    if sys.stderr.isatty():
        sys.stderr.write(_TERMINAL_RESET)
        sys.stderr.flush()
    rehearsal, seconds = killed
    kept = format_duration(seconds)
    click.echo(
        f"deck: rehearsal {rehearsal} was stopped without closing (killed?): {kept} of it was saved, up to its last "
        "checkpoint, and it is kept as unfinished; the terminal is restored",
        err=True,
    )
    return f"rehearsal {rehearsal} was killed: {kept} of it kept, to its last checkpoint, as unfinished"  # 80 columns
