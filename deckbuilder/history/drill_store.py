"""The question drills' part of the history: one row a drill, one an answer, committed as each ends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from deckbuilder.core.timing.talk import DeckId

from .records import Records


class DrillRecords(Records):
    """Drills and their answers (History is one of these)."""

    def begin_drill(self, deck: DeckId, asked: int, seed: int | None, started_at: str) -> int:
        """Record a new drill of ``asked`` questions; return its id."""
        with self._writing():
            return self._begin_drill(deck, asked, seed, started_at)

    def _begin_drill(
        self, deck: DeckId, asked: int, seed: int | None, started_at: str, drill: int | None = None
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO drills (id, deck_path, deck_title, fingerprint, embedded, asked, seed, started_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (drill, deck.path, deck.title, deck.fingerprint, int(deck.embedded), asked, seed, started_at),
        )
        return int(cursor.lastrowid or 0)

    def record_answer(self, drill: int, position: int, answer: Any, started_at: str) -> None:
        """Store one answer (a `rehearse.drill.Answer`) and commit it at once."""
        q = answer.question
        with self._writing():
            self._put_answer(
                drill, position, q.kind, q.slide, q.text, answer.seconds, answer.ticked, answer.score,
                answer.skipped, started_at,
            )  # fmt: skip

    def _put_answer(
        self,
        drill: int,
        position: int,
        kind: str,
        slide: int | None,
        question: str,
        seconds: float,
        ticked: tuple[int, ...],
        score: int | None,
        skipped: bool,
        started_at: str,
    ) -> None:
        self.db.execute(
            "INSERT INTO answers (drill_id, position, kind, slide, question, seconds, ticked, score, skipped,"
            " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (drill, position, kind, slide, question, seconds, ",".join(map(str, ticked)), score, int(skipped),
             started_at),
        )  # fmt: skip

    def end_drill(self, drill: int, finished: bool, ended_at: str) -> None:
        """Mark a drill ended."""
        with self._writing():
            self._end_drill(drill, finished, ended_at)

    def _end_drill(self, drill: int, finished: bool, ended_at: str) -> None:
        self.db.execute("UPDATE drills SET finished = ?, ended_at = ? WHERE id = ?", (int(finished), ended_at, drill))

    def _forget_drill(self, drill: int) -> None:
        self.db.execute("DELETE FROM answers WHERE drill_id = ?", (drill,))
        self.db.execute("DELETE FROM drills WHERE id = ?", (drill,))

    def drills_of(self, deck: DeckId) -> list[tuple[int, str, bool, int]]:
        """Return (id, started_at, finished, asked) of the drills of a deck (or its outline), oldest first."""
        return [
            (int(i), str(s), bool(f), int(self._number(a, "a drill's question count", allow_none=False) or 0))
            for i, s, f, a in self.db.execute(
                f"SELECT id, started_at, finished, asked FROM drills WHERE {self._MATCH.format(built='embedded')} "
                "ORDER BY id",
                self._deck_args(deck),
            )
        ]

    def answers_of(self, ids: list[int]) -> Iterator[tuple[int, str, float, str, int | None, bool]]:
        """Yield (drill, kind, seconds, ticked, score, skipped) of every answer of these drills, in order."""
        for drill, kind, seconds, ticked, score, skipped in self._in(
            "SELECT drill_id, kind, seconds, ticked, score, skipped FROM answers WHERE drill_id IN ({marks}) "
            "ORDER BY drill_id, position",
            ids,
        ):
            seconds_s = self._number(seconds, "an answer's time", allow_none=False) or 0.0
            yield (
                int(drill),
                str(kind),
                seconds_s,
                str(ticked),
                score if isinstance(score, int) else None,
                bool(skipped),
            )
