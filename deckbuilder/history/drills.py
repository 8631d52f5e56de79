"""The drills of a deck as the history holds them: answered, skipped, mean answer time and coverage by kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from deckbuilder.core.timing.talk import DeckId

from .store import History


@dataclass(frozen=True)
class DrillRun:
    """One recorded drill."""

    id: int
    started_at: str
    finished: bool
    asked: int
    answered: int
    skipped: int
    mean_s: float | None
    long: int  # answers past the target time
    kinds: dict[str, int]  # answered questions by kind

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at,
            "finished": self.finished,
            "asked": self.asked,
            "answered": self.answered,
            "skipped": self.skipped,
            "mean_answer_s": None if self.mean_s is None else round(self.mean_s, 1),
            "long_answers": self.long,
            "answered_by_kind": self.kinds,
        }


def find_drills(store: History, deck: DeckId, kinds: list[str], target_s: float) -> list[DrillRun]:
    """Return the drills of a deck, newest first, every kind of ``kinds`` counted (zero when never answered)."""
    heads = store.drills_of(deck)
    answers: dict[int, list[tuple[str, float, bool]]] = {drill: [] for drill, *_ in heads}
    for drill, kind, seconds, _ticked, _score, skipped in store.answers_of(list(answers)):
        answers[drill].append((kind, seconds, skipped))
    runs = []
    for drill, started, finished, asked in heads:
        done = [(kind, s) for kind, s, skipped in answers[drill] if not skipped]
        # Every kind of the rules, then any a later questions.yaml renamed: those answers still count.
        counted = dict.fromkeys(kinds, 0) | Counter(kind for kind, _ in done)
        runs.append(
            DrillRun(
                id=drill,
                started_at=started,
                finished=finished,
                asked=asked,
                answered=len(done),
                skipped=len(answers[drill]) - len(done),
                mean_s=sum(s for _, s in done) / len(done) if done else None,
                long=sum(1 for _, s in done if s > target_s),
                kinds=counted,
            )
        )
    return runs[::-1]
