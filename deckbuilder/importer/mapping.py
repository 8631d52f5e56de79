"""Which slide kind each section of a write-up is: by what its text is about, then by its heading.

A section whose sentences mostly look ahead ("could be improved", "a next step would be") is next steps, and one
whose sentences mostly speak of errors (misclassified, residuals, where it fails) is error analysis, whatever
their headings say ("Final considerations and further improvments", "In-sample predictions"). Otherwise the
heading decides (the synonyms of layouts/import.yaml), then the heading above it, then the words of its text.
A heading of setup or housekeeping ("How to run", "Installation") leaves its section out; a section under it
that reports the candidate's work is read as any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.rules.import_rules import ImportRules, normalise

from .source import Section

_LEAN = 0.5  # share of a section's sentences that must look ahead (or speak of errors) to decide its kind
_CLEAR = 0.75  # the share that overrules a heading that names another part
_SETUP = 0.3  # share of sentences about running the code that makes a section under "How to run" housekeeping
_CONTENT_DECIDES = (None, "results", "summary", "methodology", "eda", "approach")  # headings the text may overrule


@dataclass(frozen=True)
class Mapped:
    """A section and the kind it was given, with the reason in words (for the outline's `# guessed:`)."""

    section: Section
    kind: str | None  # None: no kind found; its text goes to the notes, its figures and tables to the appendix
    why: str
    skip: bool = False  # not talk material (installation, references): left out, and said so


@dataclass(frozen=True)
class Profile:
    """What a section's sentences are about."""

    sentences: int
    ahead: int  # sentences that look ahead
    errors: int  # sentences that speak of errors
    reports: int  # sentences in the candidate's voice that report work or numbers


class Classifier:
    """Map sections to kinds with the sentence reader and the synonyms of layouts/import.yaml."""

    def __init__(self, rules: ImportRules, reader: Reader) -> None:
        self.rules = rules
        self.reader = reader
        self.either = set(rules.either_error_or_next)

    def profile(self, section: Section) -> Profile:
        reader = self.reader
        said = [s for text in [*section.paragraphs, *section.items] for s in reader.sentences(text)]
        # A sentence that looks ahead with a number is an estimate ("would raise the click rate to 3.4%"), a result.
        ahead = sum(1 for s in said if reader.looks_ahead(s.text) and not reader.measures(s.text))
        errors = sum(1 for s in said if reader.about_errors(s.text))
        reports = sum(1 for s in said if len(s.tokens) >= 6 and not reader.voice(s.text).prompt)
        return Profile(len(said), ahead, errors, reports)

    def cue_kind(self, section: Section) -> tuple[str | None, int]:
        text = " ".join([*section.paragraphs, *section.items, *section.code])
        counts = {kind: len(pattern.findall(text)) for kind, pattern in self.rules.cues.items()}
        kind = max(counts, key=lambda k: counts[k]) if counts else None
        if kind is None or counts[kind] < self.rules.min_cues:
            return None, 0
        return kind, counts[kind]

    def content_kind(self, section: Section, heading_kind: str | None) -> tuple[str | None, str]:
        """Return the kind a section's text is about when it overrules its heading, with the reason."""
        if heading_kind not in _CONTENT_DECIDES:
            return None, ""
        found = self.profile(section)
        if heading_kind is None and section.heading and self._heading_looks_ahead(section.heading):
            return "next_steps", f'the heading "{section.heading}" looks ahead'
        if heading_kind is None and section.heading and self.reader.about_errors(section.heading):
            return "error_analysis", f'the heading "{section.heading}" speaks of errors'
        if heading_kind in (None, "results") and section.heading and self.reader.breaks_down(section.heading):
            return "error_analysis", f'the heading "{section.heading}" breaks a measure down by segment'
        if not found.sentences:
            return None, ""
        # A heading that names a part yields only to text that is clearly about another.
        lean, least = (_LEAN, 1) if heading_kind is None else (_CLEAR, 3)
        if found.ahead >= max(least, lean * found.sentences) and found.ahead >= found.errors:
            return "next_steps", f"{found.ahead} of its {found.sentences} sentences say what is still to do"
        if found.errors >= max(least + 1, lean * found.sentences):
            return "error_analysis", f"{found.errors} of its {found.sentences} sentences speak of errors"
        return None, ""

    def classify(self, sections: list[Section]) -> list[Mapped]:
        """Give every section a kind: its text's when the text leans clearly, else its heading's, else its
        parent's, else its text's words, else problem if it opens the write-up."""
        result: list[Mapped] = []
        parents: list[tuple[int, str | None]] = []  # (level, kind) of the open headings
        named = [self.rules.heading_kind(s.heading) for s in sections]  # (kind, the word that decided)
        has_error = any(
            k == "error_analysis" and not self._either(s) for s, (k, _) in zip(sections, named, strict=True)
        )
        for section, (kind, word) in zip(sections, named, strict=True):
            while parents and parents[-1][0] >= section.level > 0:
                parents.pop()
            if kind in _CONTENT_DECIDES and self.reader.looking_ahead.any(self.reader.sentence(section.heading).tokens):
                # "Follow-up: how we can expand this model?": the future outweighs the part a word names
                kind, word = "next_steps", section.heading
            if kind == "next_steps" and self._done(section):
                kind = None  # "Deployment: I deployed the model as a web service" reports work done, not a plan
            inherited = next((k for _, k in reversed(parents) if k in ("next_steps", "error_analysis")), None)
            if inherited is not None and kind in _CONTENT_DECIDES and section.level:
                kind, word = inherited, f"under a {inherited.replace('_', ' ')} heading"  # "Random Forest" under it
            if section.level:
                # Only a heading that names a kind (or says skip) passes it down to the sections under it; a table
                # of contents (links and nothing else) passes nothing down.
                contents_only = kind == "skip" and not section.paragraphs
                parents.append((section.level, None if contents_only else kind))
            above = parents[:-1] if section.level else parents
            under_skip = kind is None and any(k == "skip" for _, k in above)
            if kind == "skip" or under_skip:
                if not (under_skip and self._reports_work(section)):
                    result.append(Mapped(section, None, f'"{section.heading}" is not talk material', skip=True))
                    continue
                kind = None
            content, reason = self.content_kind(section, kind)
            label = f'"{section.heading}"' if section.heading else "the text before the first heading"
            if content is not None:
                result.append(Mapped(section, content, f"{label}: {reason}"))
                continue
            if kind is not None and self._either(section):
                kind = "next_steps" if has_error else "error_analysis"
                why_either = "the write-up has its error analysis elsewhere" if has_error else "no other error analysis"
                why = f'the heading "{section.heading}" ({why_either})'
            elif kind is not None:
                why = f'the heading "{section.heading}" ("{word}")'
            else:
                kind, why = self._without_heading(section, parents, bool(result))
            result.append(Mapped(section, kind, why))
        return result

    def _done(self, section: Section) -> bool:
        """Whether every sentence of a section reports work done (a past tense) and none looks ahead."""
        said = [s for text in [*section.paragraphs, *section.items] for s in self.reader.sentences(text)]
        return bool(said) and all(
            self.reader.voice(s.text).reports and not self.reader.looks_ahead(s.text) for s in said
        )

    def _heading_looks_ahead(self, heading: str) -> bool:
        """ "Follow-up: how we can expand this model?", "Further directions", "Additional aspects to consider":
        a word of the future, a modal act, or an act still "to" do."""
        reader = self.reader
        sentence = reader.sentence(heading)
        if reader.looks_ahead(heading):
            return True
        pos = reader.pos(sentence)
        tokens = sentence.tokens
        return any(t.key == "to" and k + 1 < len(tokens) and pos[k + 1] == "VB" for k, t in enumerate(tokens))

    def _reports_work(self, section: Section) -> bool:
        """Whether a section under a housekeeping heading reports the candidate's work (three sentences in the
        candidate's voice, or a number measured), rather than how to run the code (sentences about commands,
        containers and folders)."""
        found = self.profile(section)
        said = [s for t in [*section.paragraphs, *section.items] for s in self.reader.sentences(t)]
        setup = sum(1 for s in said if self.reader.topic_hits(s.text, "setup"))
        if said and setup >= _SETUP * len(said):
            return False
        return found.reports >= 3 or bool(self.reader.measures_in([*section.paragraphs, *section.items]))

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
