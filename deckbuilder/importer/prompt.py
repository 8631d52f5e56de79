"""The assignment's own words, set aside: they are never the candidate's content.

A paragraph or list item is the assignment's when its sentences speak in the brief's voice (the reader's
`Voice.prompt`: "please", "your model", "you should", instructions with nobody reporting) and none reports in the
candidate's first person, or when it repeats, nearly word for word, a paragraph already found to be the
assignment's (a notebook that pastes the brief). In a file or section that is mostly the brief (a README that is
the company's template), every paragraph that does not report the candidate's work is the brief's too. A
heading in the brief's voice ("How We'll Evaluate Your Work") never titles a slide. What is set aside stays on
its section (`Section.prompt`) so the summary can name it.
"""

from __future__ import annotations

import re

from deckbuilder.core.reading.reader import Reader

from .source import Section

_SHINGLE = 5  # words in a shingle when comparing two paragraphs
_SAME = 0.5  # share of a paragraph's shingles found in the brief that makes it a copy of the brief
_WORDS = re.compile(r"[a-z0-9]+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(text.lower())
    return {tuple(words[i : i + _SHINGLE]) for i in range(max(0, len(words) - _SHINGLE + 1))}


def in_brief_voice(reader: Reader, text: str) -> bool:
    """Whether a paragraph speaks as the assignment: its sentences lean to the brief's voice, none is the
    candidate's first person."""
    voices = [reader.voice(s.text) for s in reader.sentences(text)]
    if not voices:
        return False
    if any(v.first_person and not v.addressed for v in voices):
        return False
    score = sum(v.prompt_score for v in voices)
    return score >= 2 or (len(voices) == 1 and voices[0].prompt)


def reports_work(reader: Reader, text: str) -> bool:
    """Whether a paragraph is the candidate's: a sentence in the first person singular, or one that reports
    work or a number and addresses nobody."""
    said = reader.sentences(text)
    if any(reader.voice(s.text).addressed for s in said):
        return any(reader.voice(s.text).speaker for s in said)
    return any(reader.voice(s.text).candidate for s in said) or bool(reader.measures_in([text]))


def _speaks_as_candidate(reader: Reader, text: str) -> bool:
    said = reader.sentences(text)
    return any(reader.voice(s.text).speaker for s in said) or bool(reader.measures_in([text]))


def _leans_brief(reader: Reader, text: str) -> bool:
    said = [reader.voice(s.text) for s in reader.sentences(text)]
    return any(v.addressed for v in said) and not any(v.speaker for v in said)


def heading_in_brief_voice(reader: Reader, heading: str) -> bool:
    if not heading:
        return False
    voice = reader.voice(heading)
    return (
        voice.possessive_you
        or voice.please
        or (voice.addressed and not voice.first_person)
        or (voice.brief and voice.imperative)
    )


def _all_brief(section: Section) -> bool:
    return bool(section.prompt) and all(t in section.prompt for t in [*section.paragraphs, *section.items])


def _by_file(sections: list[Section]) -> list[list[Section]]:
    files: dict[str, list[Section]] = {}
    for section in sections:
        files.setdefault(re.split(r" (?:line|cell) \d", section.where)[0], []).append(section)
    return list(files.values())


def set_aside(reader: Reader, sections: list[Section]) -> list[Section]:
    """Move the assignment's paragraphs and items of every section to `Section.prompt`; return the sections
    whose headings are the brief's (never a slide's title)."""
    brief: set[tuple[str, ...]] = set()
    pending: list[tuple[Section, str]] = []
    for section in sections:
        for text in [*section.paragraphs, *section.items]:
            if in_brief_voice(reader, text):
                section.prompt.append(text)
                brief |= _shingles(text)
            else:
                pending.append((section, text))
    # A paragraph that repeats the brief is the brief, in whatever voice the copy reads.
    for section, text in pending:
        shingles = _shingles(text)
        if len(shingles) >= 3 and len(shingles & brief) >= _SAME * len(shingles):
            section.prompt.append(text)
    # Where the brief is most of a file (a template README) or of a section, its other text is the brief's too,
    # unless it reports the candidate's work. A paragraph that addresses the reader and has no "I" leans to the
    # brief in that count.
    for group in (_by_file(sections), [[s] for s in sections]):
        for members in group:
            rest = [(s, t) for s in members for t in [*s.paragraphs, *s.items] if t not in s.prompt]
            set_aside_already = sum(len(s.prompt) for s in members)
            leaning = set_aside_already + sum(1 for _, t in rest if _leans_brief(reader, t))
            if leaning and 2 * leaning >= set_aside_already + len(rest):
                # where the brief is most of the text, "we" is the company: only "I" or a number is the candidate
                for section, text in rest:
                    if not _speaks_as_candidate(reader, text):
                        section.prompt.append(text)
    # A section between two sections of the brief, reporting no work of the candidate's, is the brief too (the
    # dataset's description between the brief's rules and its questions).
    for members in _by_file(sections):
        texted = [s for s in members if s.paragraphs or s.items or s.prompt]
        for k, section in enumerate(texted[1:-1], start=1):
            kept = [t for t in [*section.paragraphs, *section.items] if t not in section.prompt]
            if not kept or not _all_brief(texted[k - 1]) or not _all_brief(texted[k + 1]):
                continue
            if not any(reports_work(reader, t) for t in kept):
                section.prompt.extend(kept)
    headed = []
    # A heading with no text of its own over the brief ("xtream AI Assignment" before its rules) is the brief's.
    for members in _by_file(sections):
        for k, section in enumerate(members):
            if section.paragraphs or section.items or section.prompt or not section.heading:
                continue
            following = next((s for s in members[k + 1 :] if s.paragraphs or s.items or s.prompt), None)
            if following is not None and _all_brief(following):
                headed.append(section)
    for section in sections:
        if section.prompt:
            section.paragraphs = [p for p in section.paragraphs if p not in section.prompt]
            section.items = [i for i in section.items if i not in section.prompt]
        text_left = section.paragraphs or section.items
        if heading_in_brief_voice(reader, section.heading) or (section.prompt and not text_left):
            headed.append(section)
    return headed
