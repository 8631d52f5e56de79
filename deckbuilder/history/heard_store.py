"""What `deck rehearse --listen` heard, in the history: one row per listened stretch of a slide visit (a pause
splits a visit), committed as the listener reports it; read back added up per slide or per visit."""

from __future__ import annotations

from collections.abc import Iterator

from deckbuilder.core.timing.heard import Heard
from deckbuilder.core.timing.talk import TimedSlide

from .records import Records

MAX_KEY = 40  # characters of a key number as written: longer text there is no number a slide showed


class HeardRecords(Records):
    """Listening's figures (History is one of these)."""

    listening: bool = True  # the history has the table (an older one read as it is has not)

    def hear(self, rehearsal: int, slide: TimedSlide, visit_start_s: float, heard: Heard) -> None:
        """Store what listening heard over (part of) a visit of ``slide`` and commit it at once."""
        with self._writing():
            self._put_heard(rehearsal, slide, visit_start_s, heard)

    def _put_heard(self, rehearsal: int, slide: TimedSlide, visit_start_s: float, heard: Heard) -> None:
        # A number as written has no space in it (deckbuilder.rehearse.listening), so spaces separate them.
        self.db.execute(
            "INSERT INTO heard (rehearsal_id, idx, slide_key, visit_start_s, seconds, speech_s, pauses, long_pauses,"
            " longest_pause_s, syllables, words, said, missed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rehearsal, slide.index, slide.key, visit_start_s, heard.seconds, heard.speech_s, heard.pauses,
             heard.long_pauses, heard.longest_pause_s, heard.syllables, heard.words, " ".join(heard.said),
             " ".join(heard.missed)),
        )  # fmt: skip

    def heard(self, ids: list[int]) -> Iterator[tuple[int, int, str, float, Heard]]:
        """Yield (rehearsal, slide number, slide key, start of the visit on the talk clock, figures) of every
        stretch heard in these rehearsals, oldest first."""
        if not self.listening:
            return
        for row in self._in(
            "SELECT rehearsal_id, idx, slide_key, visit_start_s, seconds, speech_s, pauses, long_pauses, "
            "longest_pause_s, syllables, words, said, missed FROM heard WHERE rehearsal_id IN ({marks}) "
            "ORDER BY rehearsal_id, id",
            sorted(ids),
        ):
            rid, idx, key, start, seconds, speech, pauses, long_pauses, longest, syllables, words, said, missed = row
            figures = Heard(
                self._number(seconds, "a heard visit's time", allow_none=False) or 0.0,
                self._number(speech, "a heard visit's speech", allow_none=False) or 0.0,
                self._count(pauses, "a heard visit's pauses"),
                self._count(long_pauses, "a heard visit's long pauses"),
                self._number(longest, "a heard visit's longest pause", allow_none=False) or 0.0,
                self._count(syllables, "a heard visit's syllables"),
                self._number(words, "a heard visit's words", allow_none=False) or 0.0,
                self._keys(said, "the numbers a visit heard"),
                self._keys(missed, "the numbers a visit missed"),
            )
            start_s = self._number(start, "a heard visit's start", allow_none=False) or 0.0
            yield int(rid), self._index(idx, "a heard visit's slide number"), str(key), start_s, figures

    def heard_by_visit(self, ids: list[int]) -> dict[tuple[int, int, float], Heard]:
        """Return what was heard on each visit of these rehearsals, by (rehearsal, slide number, the visit's start
        on the talk clock, to the millisecond): the parts a pause made of one visit are added up."""
        found: dict[tuple[int, int, float], Heard] = {}
        for rid, idx, _, start, figures in self.heard(ids):
            key = (rid, idx, round(start, 3))
            found[key] = found[key] + figures if key in found else figures
        return found

    def _count(self, value: object, what: str) -> int:
        number = self._number(value, what, allow_none=False)
        if number is None or not float(number).is_integer():
            raise self._damaged(what, value, "a whole number")
        return int(number)

    def _keys(self, value: object, what: str) -> tuple[str, ...]:
        if not isinstance(value, str) or any(len(k) > MAX_KEY for k in value.split()):
            raise self._damaged(what, value, "numbers as a slide writes them")
        return tuple(value.split())
