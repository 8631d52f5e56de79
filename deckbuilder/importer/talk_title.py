"""The talk's title: the write-up's own, from a heading that names the work or the problem it states; never the
assignment's heading or a file's name."""

from __future__ import annotations

import re

from deckbuilder.core.rules.import_rules import ImportRules, normalise

from .draft import Draft
from .source import Section, Writeup


class TalkTitle:
    def __init__(self, rules: ImportRules) -> None:
        self.rules = rules

    def of(self, writeup: Writeup, briefed: list[Section], slides: list[Draft]) -> tuple[str, str]:
        """Return the talk's title and where it came from: the write-up's own title (an H1 that opens it, is not
        the assignment's and names no section), else a top heading that names the subject ("Employee Churn -
        Exploratory Analysis" gives "Employee Churn"), else the problem as the write-up states it; never a
        file's name."""
        brief = {s.heading for s in briefed}
        headings = [writeup.title] if writeup.title else []
        headings += [s.heading for s in writeup.sections if 0 < s.level <= 1 and s.heading not in brief]
        for heading in headings:
            if heading in brief:
                continue
            for part in [heading, *re.split(r"\s+[-–—:|]\s+|:\s+", heading)]:
                part = part.strip()
                if self.names_a_subject(part):
                    return part, "the write-up's top heading"
        problem = next((d for d in slides if d.kind == "problem" and not d.todo and d.title_why), None)
        if problem is not None and len(problem.title.split()) <= 14:
            return problem.title, "the problem as the write-up states it"
        return "Untitled take-home", "nothing: no heading or sentence names the problem; name it"

    def names_a_subject(self, heading: str) -> bool:
        """A heading that names the work ("Will the student pass? Predicting exam outcomes"), not a part of a
        write-up ("Load Dataset", "Exploratory Analysis"), a question's number or a file."""
        text = normalise(heading)
        kind, word = self.rules.heading_kind(heading)
        return (
            len(text.split()) >= 2
            and (kind is None or len(text.split()) >= len(word.split()) + 3)
            and not self.rules.numbered_question.match(text)
            and not re.search(r"\.(?:md|ipynb|py|txt)\b|^(?:readme|report|notes|notebook)\b", text)
        )
