"""The English word table (layouts/english.tsv): each inflected form's readings as Penn tags and lemmas.

The table is sorted, so a word is found by bisection over the text itself: nothing is split or built when the
table is read, which keeps `deck plan` quick (a dictionary of the table's 57,000 forms would cost more than the
rest of a plan). A word the table does not hold reads as a noun that is its own lemma: the table leaves those
lines out.
"""

from __future__ import annotations

from bisect import bisect_right

VERB_TAGS = frozenset({"VB", "VBD", "VBN", "VBG", "VBZ", "VBP"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_STRIDE = 4096  # characters between the sparse index's entries


class English:
    """Look up a word's readings: ``tags("chose") == {("VBD", "choose")}``."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._start = 0
        while text.startswith("#", self._start):  # the header's comment lines
            self._start = text.index("\n", self._start) + 1
        self._cache: dict[str, tuple[tuple[str, str], ...]] = {}
        self._index: tuple[list[str], list[int]] | None = None

    def _block(self, word: str) -> tuple[int, int]:
        """Return the stretch of the table ``word``'s line lies in, from a sparse index of the first form after
        every few thousand characters (built on first use: a few hundred finds, not a split of the table)."""
        if self._index is None:
            text, forms, starts = self._text, [], [self._start]
            for at in range(self._start + _STRIDE, len(text), _STRIDE):
                line = text.find("\n", at) + 1
                if line <= 0 or line >= len(text):
                    break
                forms.append(text[line : text.find("\t", line)])
                starts.append(line)
            self._index = (forms, starts)
        forms, starts = self._index
        k = bisect_right(forms, word)
        return starts[k], (starts[k + 1] if k + 1 < len(starts) else len(self._text))

    def _line(self, word: str) -> str | None:
        """Return the readings part of ``word``'s line, by bisection over line starts within its block."""
        text = self._text
        lo, hi = self._block(word)
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(text.rfind("\n", lo, mid) + 1, lo)
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            tab = text.find("\t", start, end)
            form = text[start:tab]
            if form == word:
                return text[tab + 1 : end]
            if form < word:
                lo = end + 1
            else:
                hi = start
        return None

    def readings(self, word: str) -> tuple[tuple[str, str], ...]:
        """Return the (tag, lemma) readings of a lower-case word; () when the table does not hold it."""
        if word in self._cache:
            return self._cache[word]
        line = self._line(word) if word and "\n" not in word and "\t" not in word else None
        found: tuple[tuple[str, str], ...] = ()
        if line is not None:
            pairs = line.split(" ")
            found = tuple((tag, lemma) for tag, _, lemma in (p.partition(":") for p in pairs))
            # A base form is also the present tense: "we choose", "they drop".
            if any(tag == "VB" for tag, _ in found):
                found += tuple(("VBP", lemma) for tag, lemma in found if tag == "VB")
        self._cache[word] = found
        return found

    def lemmas(self, word: str) -> frozenset[str]:
        """Return every lemma a lower-case word may stand for, the word itself included."""
        return frozenset({word, *(lemma for _, lemma in self.readings(word))})

    def tags(self, word: str) -> frozenset[str]:
        """Return the Penn tags a word may have; a word the table does not hold is a noun ("NN")."""
        found = self.readings(word)
        return frozenset(tag for tag, _ in found) if found else frozenset({"NN"})
