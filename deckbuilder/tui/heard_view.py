"""What the end screen says of a listened run (`deck rehearse --listen`): the speaker's pace, why each slide
that ran over did (said too much for its budget: cut; said it slowly or with long pauses: practise), which
slides ran fast, and the key numbers never said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from deckbuilder.core.text.display import visible
from deckbuilder.core.text.durations import format_duration as fmt

from .palette import ALERT, CAUTION, GOOD, MUTED

if TYPE_CHECKING:
    from deckbuilder.rehearse.listening import HeardRun


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def heard_advice(heard: HeardRun) -> Text:
    """Return the listening part of the end screen."""
    text = Text()
    rules = heard.rules
    if heard.pace is None:
        spoken = sum(h.speech_s for h in heard.slides if h is not None)
        text.append("Listening: ", style="bold")
        text.append(f"heard {fmt(spoken)} of speech, too little to tell your pace.\n")
    else:
        text.append("Your pace: ", style="bold")
        text.append(
            f"{heard.pace.wpm:.0f} words a minute while speaking, speaking {heard.pace.speaking:.0%} of the time"
        )
        if heard.pace.wpm >= rules.fast_wpm:  # the whole talk runs fast, not one slide
            text.append(f": fast for a talk (past {rules.fast_wpm:.0f}); slow down throughout", style=f"bold {CAUTION}")
        text.append(".\n")
    long_s = f"{rules.long_pause_s:g} s"
    for cause in heard.causes:
        slide = cause.slide
        text.append(f"Slide {slide.index} (+{fmt(cause.over_s)}): ", style="bold")
        if cause.cut:
            text.append(
                f"said about {cause.words_over} words more than its {fmt(slide.budget_s or 0)} holds at your pace: "
            )
            text.append("cut.\n", style=f"bold {ALERT}")
            continue
        pauses = _plural(cause.heard.long_pauses, "pause")
        if cause.wpm is not None:
            text.append(f"spoke at {cause.wpm:.0f} words a minute with {pauses} over {long_s}: ")
        else:
            text.append(f"spoke for {fmt(cause.heard.speech_s)} of its time with {pauses} over {long_s}: ")
        text.append("practise this slide.\n", style=f"bold {CAUTION}")
    if heard.fast:
        text.append("Ran fast: ", style="bold")
        text.append(", ".join(f"slide {slide.index} ({wpm:.0f} wpm)" for slide, wpm in heard.fast))
        text.append(". A panel needs time to take in a number: slow down there.\n")
    elif heard.pace is not None:
        text.append("No slide ran fast.\n", style=GOOD)
    for slide, key in heard.unsaid:
        text.append(f"Slide {slide.index}: ", style="bold")
        text.append(f"{visible(key.named)} was not said.\n", style=CAUTION)
    return text


def heard_cells(heard: HeardRun, slide: int) -> list[Text]:
    """Return the end table's listening cells of a slide (0-based): speech, silence, the longest pause, words a
    minute."""
    figures = heard.slides[slide]
    if figures is None:
        return [Text("-", style=MUTED)] * 4
    wpm = heard.wpm(slide)
    fast = wpm is not None and any(s.index == slide + 1 for s, _ in heard.fast)
    return [
        Text(fmt(figures.speech_s)),
        Text(fmt(figures.silence_s)),
        Text(f"{figures.longest_pause_s:.0f}s" if figures.pauses else "-"),
        Text("-" if wpm is None else f"{wpm:.0f}", style=CAUTION if fast else ""),
    ]
