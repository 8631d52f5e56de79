"""Which slide kind each section of a write-up is: by its heading, else by the words of its text."""

from __future__ import annotations

from dataclasses import dataclass

from deckbuilder.core.rules.import_rules import ImportRules, normalise

from .source import Section


@dataclass(frozen=True)
class Mapped:
    """A section and the kind it was given, with the reason in words (for the outline's `# guessed:`)."""

    section: Section
    kind: str | None  # None: no kind found; its text goes to the notes, its figures and tables to the appendix
    why: str
    skip: bool = False  # not talk material (installation, references): left out, and said so


class Classifier:
    """Map headings to kinds with the synonyms of layouts/import.yaml."""

    def __init__(self, rules: ImportRules) -> None:
        self.rules = rules
        self.either = set(rules.either_error_or_next)

    def cue_kind(self, section: Section) -> tuple[str | None, int]:
        text = " ".join([*section.paragraphs, *section.items, *section.code])
        counts = {kind: len(pattern.findall(text)) for kind, pattern in self.rules.cues.items()}
        kind = max(counts, key=lambda k: counts[k]) if counts else None
        if kind is None or counts[kind] < self.rules.min_cues:
            return None, 0
        return kind, counts[kind]

    def classify(self, sections: list[Section]) -> list[Mapped]:
        """Give every section a kind: its heading's, else its parent's, else its text's, else problem if it opens."""
        result: list[Mapped] = []
        parents: list[tuple[int, str | None]] = []  # (level, kind) of the open headings
        named = [self.rules.heading_kind(s.heading) for s in sections]  # (kind, the word that decided)
        has_error = any(
            k == "error_analysis" and not self._either(s) for s, (k, _) in zip(sections, named, strict=True)
        )
        for section, (kind, word) in zip(sections, named, strict=True):
            while parents and parents[-1][0] >= section.level > 0:
                parents.pop()
            if section.level:
                # Only a heading that names a kind (or says skip) passes it down to the sections under it.
                parents.append((section.level, kind))
            if kind == "skip" or (kind is None and parents and any(k == "skip" for _, k in parents)):
                result.append(Mapped(section, None, f'"{section.heading}" is not talk material', skip=True))
                continue
            if kind is not None and self._either(section):
                kind = "next_steps" if has_error else "error_analysis"
                reason = "the write-up has its error analysis elsewhere" if has_error else "no other error analysis"
                why = f'the heading "{section.heading}" ({reason})'
            elif kind is not None:
                why = f'the heading "{section.heading}" ("{word}")'
            else:
                kind, why = self._without_heading(section, parents, bool(result))
            result.append(Mapped(section, kind, why))
        return result

    def _either(self, section: Section) -> bool:
        return normalise(section.heading) in self.either

    def _without_heading(
        self, section: Section, parents: list[tuple[int, str | None]], seen: bool
    ) -> tuple[str | None, str]:
        cue, hits = self.cue_kind(section)
        parent = next((k for _, k in reversed(parents) if k and k != "skip"), None)
        label = f'"{section.heading}"' if section.heading else "the text before the first heading"
        if self.rules.numbered_question.match(normalise(section.heading)):
            # A take-home's numbered questions are answered in turn: each answer is a result unless its text
            # says it is about the model or the data.
            if cue is not None:
                return cue, f"{label} answers a question; {hits} words of its answer are about {cue.replace('_', ' ')}"
            return "results", f"{label} answers one of the take-home's questions"
        if parent is not None:
            return parent, f"{label} sits under a {parent.replace('_', ' ')} heading"
        if cue is not None:
            return cue, f"{label}: {hits} words of its text are about {cue.replace('_', ' ')}"
        if not seen and not section.empty():
            return "problem", f"{label} opens the write-up"
        return None, f"{label}: nothing in its heading or text says which part of the talk it is"
