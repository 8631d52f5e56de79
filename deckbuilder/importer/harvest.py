"""Next steps and error analysis gathered from the sentences about them, wherever they stand.

Write-ups scatter their next steps ("A next step could be to inspect ...", "In the future, these values should
be saved automatically") and their error analysis ("There seems to be some heteroscedasticity") through other
sections. Those sentences go to that part's slide (beside its own section, when it has one), each leaving the
slide it stood on, so a placeholder says a part is missing only when no sentence is about it.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckbuilder.core.reading.reader import Reader

from .mapping import Mapped

_MIN_WORDS = 6  # a shorter sentence is a fragment, not a step


@dataclass(frozen=True)
class Gathered:
    sentences: list[str]
    where: str  # the first sentence's place
    sections: list[str]  # every place a sentence came from


def gather(kind: str, mapped: list[Mapped], reader: Reader) -> Gathered | None:
    """Return the sentences of the write-up about ``kind`` (next_steps or error_analysis), or None."""
    found: list[str] = []
    places: list[str] = []
    for m in mapped:
        if m.skip or m.kind == kind:
            continue
        for text in [*m.section.paragraphs, *m.section.items]:
            for sentence in reader.sentences(text):
                if len(sentence.tokens) < _MIN_WORDS or reader.voice(sentence.text).prompt:
                    continue
                if (kind == "next_steps" and _looks_ahead(reader, sentence.text)) or (
                    kind == "error_analysis"
                    and m.kind not in ("eda", "problem")
                    and _about_errors(reader, sentence.text)
                ):
                    found.append(sentence.text)
                    places.append(m.section.where)
    if not found:
        return None
    return Gathered(found, places[0], list(dict.fromkeys(places)))


def _looks_ahead(reader: Reader, text: str) -> bool:
    """A step: looks ahead and names something to do (a topic word of next steps), not a hedge ("it could be")."""
    if not reader.looks_ahead(text) or reader.measures(text):
        return False
    # the writer's own plan ("I would dive deeper into ...") or a thing to do named ("could be tuned")
    return reader.voice(text).first_person or reader.topic_hits(text, "next_steps") >= 1


def _about_errors(reader: Reader, text: str) -> bool:
    """A sentence about where the model goes wrong, not a step to take, and no score (a baseline's "error of
    16%" is a result, said where the results are)."""
    return reader.about_errors(text) and not reader.looks_ahead(text) and not reader.measures(text)
