"""Keyword spotting of a slide's numbers with pocketsphinx: every spoken form is scored against a free run of
phones over the same speech, so a form that matches as well as any sound could is one that was said.

No transcript is made: the search knows only the forms listened for. Scores are in powers of ten per phone of
the form (0 a perfect match, larger worse), so long and short forms are held to one bound."""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from pocketsphinx import Decoder

from deckbuilder.core.rules.listen_rules import ListenRules

# pocketsphinx reports a detection's score as exp((diff - KWS_MAX) * ln(logbase)), where diff is the keyphrase
# path's score less the best phone's, in its search units (log base `logbase`, shifted right by SENSCR_SHIFT
# bits). These two constants are pocketsphinx 5's; tests/test_listen_spotting.py checks the conversion against
# the threshold the search itself applies.
KWS_MAX = 1500
SENSCR_SHIFT = 10
THRESHOLD = 1e-250  # report every match; the bound in listen.yaml decides


@dataclass(frozen=True)
class Form:
    """One spoken form of a number and how many phones it has."""

    text: str
    phones: int


@dataclass(frozen=True)
class Match:
    """Where a form matched best in a visit's speech, and how well (powers of ten per phone)."""

    text: str
    score: float
    start: int  # frames of the visit's speech
    end: int

    def overlaps(self, other: Match) -> bool:
        """Return True when the two matches cover more than half of the shorter one's sound in common."""
        common = min(self.end, other.end) - max(self.start, other.start)
        return common > 0.5 * min(self.end - self.start, other.end - other.start)


class Spotter:
    """One recogniser, listening for a new set of forms each slide visit."""

    def __init__(self, rules: ListenRules) -> None:
        self.rules = rules
        self.decoder = Decoder(loglevel="FATAL", lm=None, keyphrase="zero", beam=rules.spot_beam)
        self._ln_base = math.log(float(self.decoder.config["logbase"]))
        self._forms: dict[str, Form] = {}
        self._search = ""
        self._searches = 0
        self._open = False

    def form(self, text: str) -> Form | None:
        """Return ``text`` with its phone count, or None when a word of it is not in the model's dictionary."""
        phones = 0
        for word in text.split():
            said = self.decoder.lookup_word(word)
            if not said:
                return None
            phones += len(said.split())
        return Form(text, phones)

    def begin(self, forms: Iterable[Form]) -> None:
        """Start listening for ``forms`` (ending any search still open)."""
        self.end()
        self._forms = {f.text: f for f in forms}
        if not self._forms:
            return
        self._searches += 1
        name = f"visit{self._searches}"
        # pocketsphinx reads a list of keyphrases only from a file: a few words, never any sound.
        handle, path = tempfile.mkstemp(prefix="deck-kws-", suffix=".txt")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.writelines(f"{text} /{THRESHOLD:g}/\n" for text in self._forms)
            self.decoder.add_kws(name, path)
        finally:
            os.unlink(path)
        self.decoder.activate_search(name)
        if self._search:
            self.decoder.remove_search(self._search)
        self._search = name
        self.decoder.start_utt()
        self._open = True
        self._best: dict[str, float] = {}

    def feed(self, pcm: bytes) -> None:
        """Listen to more of the visit's sound (16-bit mono at the model's rate)."""
        if self._open and pcm:
            self.decoder.process_raw(pcm)

    def decades(self, prob: float) -> float:
        """Return a detection's score as powers of ten below a perfect match."""
        if prob <= 0:
            return math.inf
        diff = math.log(prob) / self._ln_base + KWS_MAX
        return -diff * (1 << SENSCR_SHIFT) * self._ln_base / math.log(10)

    def end(self) -> list[Match]:
        """Stop listening; return every place a form matched, best first."""
        if not self._open:
            return []
        self.decoder.end_utt()
        self._open = False
        found = []
        for segment in self.decoder.seg() or []:
            text = segment.word.strip()
            if text in self._forms:
                score = self.decades(segment.prob) / self._forms[text].phones
                found.append(Match(text, score, segment.start_frame, segment.end_frame))
        return sorted(found, key=lambda m: m.score)
