"""Listening to a rehearsal, offline: per slide visit, seconds of speech and of silence, pauses, words and the
speaking rate, and whether the slide's key numbers were said.

An optional part of deck (`pip install 'deck[listen]'`): it needs numpy and pocketsphinx (whose English model
ships inside its package), and sounddevice with the system's PortAudio for the microphone. This module imports
none of them, so a deck without the extra can still ask (`require`) and say how to install it; `spoken` is
plain text and needs nothing.

The coach's calls, per run (all times on the coach's own clock):
    listener = open_listener(audio, config, clock, keep_audio=None, deck_text=notes_of_all_slides)
    listener.prepare()                                          # before the screen is taken: a microphone opens,
                                                                # a recording is checked
    listener.start()                                            # when the talk clock starts
    listener.visit(slide, keys=("0.43", "62%"), text=notes)    # at every slide change; visit(None) on pause,
                                                                # visit(slide, ...) again on resume
    listener.pump(); listener.current(); listener.finished()    # from the redraw timer: hear, live figures,
                                                                # the visits over (each once, in order)
    listener.cut()                                              # a run ends (the coach may start another):
                                                                # its visits not yet reported
    listener.stop()                                             # the sitting ends: the visits not yet reported
A slide visited twice (or split by a pause) has two visits; add their figures up per slide.
Nothing heard is written anywhere unless ``keep_audio`` names a WAV file to keep it in.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuilder.errors import DeckError

if TYPE_CHECKING:
    from deckbuilder.core.rules.config import Config

    from .listener import Listener

INSTALL = "pip install 'deck[listen]'"
NEEDED = ("numpy", "pocketsphinx")
MICROPHONE = ("sounddevice",)


def missing(microphone: bool = False) -> list[str]:
    """Return the Python packages listening needs that are not installed."""
    absent = []
    for name in NEEDED + (MICROPHONE if microphone else ()):
        try:
            importlib.import_module(name)
        except ImportError:
            absent.append(name)
        except OSError:  # sounddevice is there but the system's PortAudio is not: the source says so itself
            continue
    return absent


def require(microphone: bool = False) -> None:
    """Raise one clear error, naming the install command, when listening cannot work here."""
    absent = missing(microphone)
    if absent:
        names = " and ".join([", ".join(absent[:-1]), absent[-1]] if len(absent) > 1 else absent)
        raise DeckError(
            f"listening needs {names}, which {'is' if len(absent) == 1 else 'are'} not installed",
            hint=f"install deck's listening extra: {INSTALL}",
        )


def open_listener(
    audio: Path | None,
    config: Config,
    clock: Callable[[], float],
    *,
    keep_audio: Path | None = None,
    realtime: bool = True,
    device: int | str | None = None,
    deck_text: str | None = None,
) -> Listener:
    """Return a listener on the microphone (``audio`` None) or on a WAV recording played in real time by
    ``clock`` (or as fast as it can be read: ``realtime=False``). ``deck_text``, the notes of the whole deck,
    tells how many syllables the speaker's words have where a slide's own notes are too short to tell."""
    require(microphone=audio is None)
    from .listener import Listener
    from .sources import AudioSource, MicrophoneSource, WavSource

    source: AudioSource = WavSource(audio, clock, realtime) if audio is not None else MicrophoneSource(clock, device)
    listener = Listener(source, config.listen, clock, keep_audio=keep_audio)
    if deck_text:
        listener.syllables_per_word = listener.ratio_of(deck_text)
    return listener
