"""What the history's listened runs say (`deck rehearse --listen`): each slide's figures, the speaker's own pace
for `deck plan`, and what was heard on each visit for the CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deckbuilder.core.timing.heard import Heard, OwnPace, own_pace

from .analysis import Run, same_length


def main_heard(run: Run) -> list[Heard]:
    """Return what was heard on each main slide of a run that has a budget (the talk proper)."""
    return [run.heard[s.key] for s in run.slides if s.main and s.budget_s is not None and s.key in run.heard]


def run_pace(run: Run, least_speech_s: float) -> OwnPace | None:
    """Return the speaker's pace over a listened run's main slides (None when it heard too little)."""
    return own_pace(main_heard(run), least_speech_s) if run.listened else None


def heard_on_every_slide(run: Run) -> bool:
    """Whether listening heard every main slide of a run (it was listened to from start to end)."""
    main = [s for s in run.slides if s.main and s.budget_s is not None]
    return run.listened and bool(main) and all(s.key in run.heard for s in main)


@dataclass(frozen=True)
class SpeakerPace:
    """The speaker's own pace, from their listened rehearsals of a talk's length, and which runs gave it."""

    pace: OwnPace
    used: list[int]  # oldest first

    def describe(self) -> str:
        """Return the pace and its runs in a line."""
        runs = ", ".join(f"#{i}" for i in self.used)
        return f"your speaking rate: {self.pace.wpm:.0f} words a minute (listened rehearsals {runs})"

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape `deck plan --json` prints."""
        return {"wpm": round(self.pace.wpm, 1), "speaking_share": round(self.pace.speaking, 3), "runs": self.used}


def speaker_pace(runs: list[Run], duration_s: float, least_speech_s: float, last: int = 3) -> SpeakerPace | None:
    """Return the speaker's pace over the last ``last`` whole rehearsals of the talk's length (finished, every main
    slide spoken, as `deck plan`'s rehearsed times take them) that were listened to on every main slide."""
    kept, _, _ = same_length(runs, duration_s)
    chosen = [r for r in kept if heard_on_every_slide(r)][:last]
    pace = own_pace((h for r in chosen for h in main_heard(r)), least_speech_s)
    if pace is None:
        return None
    return SpeakerPace(pace, [r.id for r in chosen][::-1])


def slide_figures(run: Run, least_speech_s: float) -> list[dict[str, Any]]:
    """Return what was heard on each slide of a listened run, for `deck history --json`."""
    rows = []
    for slide in run.slides:
        heard = run.heard.get(slide.key)
        if heard is None:
            continue
        wpm = heard.wpm(least_speech_s)
        rows.append(
            {
                "slide": slide.index,
                "title": slide.title,
                "speech_s": round(heard.speech_s, 1),
                "silence_s": round(heard.silence_s, 1),
                "pauses": heard.pauses,
                "long_pauses": heard.long_pauses,
                "longest_pause_s": round(heard.longest_pause_s, 1),
                "words": round(heard.words),
                "wpm": None if wpm is None else round(wpm),
                "numbers_said": list(heard.said),
                "numbers_not_said": list(heard.missed),
            }
        )
    return rows


def heard_json(run: Run, least_speech_s: float) -> dict[str, Any]:
    """Return what `deck history --json` adds to a run: whether it was listened to, its pace and each slide's
    figures."""
    if not run.listened:
        return {"listened": False}
    pace = run_pace(run, least_speech_s)
    return {
        "listened": True,
        "wpm": None if pace is None else round(pace.wpm),
        "heard": slide_figures(run, least_speech_s),
    }
