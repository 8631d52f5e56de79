"""Mapped sections -> slide drafts: the template's parts in order, one visual a slide, the headline numbers as
the results slide's callouts, the decisions on the approach and methodology slides, a short appendix, and a
placeholder only for a part no sentence of the write-up is about.

The assignment's own words are set aside first (prompt.py); the sentence reader then decides what each section
is about (mapping.py), which numbers are the headline (headline.py), what was chosen and why (claims.py), and
gathers a part scattered through other sections (harvest.py).
"""

from __future__ import annotations

import re
from functools import partial

from deckbuilder.core.reading.reader import reader_for
from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.import_rules import normalise

from .claims import Claims, FoundMetric
from .draft import Draft, Imported
from .extract import Titles, cap_at_sentence, numbered, sentences, shorten
from .gather import Decided, candidates, decisions
from .harvest import gather
from .headline import headline
from .mapping import Classifier, Mapped
from .prompt import set_aside
from .review import NONE, Answers, Asked, Option, Question, decision_line, first_words, metric_line, section_line
from .source import Section, Writeup
from .talk_title import TalkTitle
from .visuals import Visual, Visuals, visuals_of

_DECIDING = ("approach", "methodology")  # the slides decisions go on
_NOTES_SEEN = 60  # characters of cut text the summary quotes
_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.)]\s+", re.IGNORECASE)


class Assembler:
    def __init__(self, config: Config, answers: Answers | None = None) -> None:
        self.config = config
        self.answers = answers or Answers()
        self.asked = Asked()  # what the candidate may be asked about this import's guesses
        self.rules = config.importing
        self.reader = reader_for(config)
        self.claims = Claims(self.rules, self.reader)
        self.titles = Titles(self.rules)
        self.classifier = Classifier(self.rules, self.reader)
        self.visuals = Visuals(config, self.claims)

    def build(self, writeup: Writeup) -> Imported:
        left_out = list(writeup.skipped)
        _drop_repeated_figures(writeup.sections, left_out)
        briefed = set_aside(self.reader, writeup.sections)
        for section in writeup.sections:
            if section.prompt and not (section.paragraphs or section.items) and (section.tables or section.figures):
                # a table or picture under the brief's own words is the brief's (its data dictionary, its logo)
                left_out.append(f"{section.where}: {_amount(section)} under the assignment's own words")
                section.tables, section.figures = [], []
        mapped = self.classifier.classify(writeup.sections)
        for m in mapped:
            if m.section.prompt:
                left_out.append(
                    f"{m.section.where}: the assignment's own words ({len(m.section.prompt)} paragraph(s)), "
                    f'"{_first_words(m.section.prompt[0])}"'
                )
        left_out[:0] = [
            f"{m.section.where}: {m.why} ({_amount(m.section)})" for m in mapped if m.skip and not m.section.empty()
        ]
        groups, spare, orphans = self._group(mapped, left_out)
        why = {id(m.section): m.why for m in mapped}
        for kind in ("next_steps", "error_analysis"):
            scattered = self._gathered(kind, mapped)
            if scattered is not None:
                groups.setdefault(kind, []).append(scattered[0])
                why[id(scattered[0])] = scattered[1]
                mapped.append(Mapped(scattered[0], kind, scattered[1]))
            self._ask_part(kind, groups, mapped, why)
            # the sections that speak of this part open its slide; one only headed so ("Deployment") follows
            groups.get(kind, []).sort(key=partial(self._quiet, kind))
        slides: list[Draft] = []
        missing: list[str] = []
        for kind in self.rules.order:
            chunks = _chunks(groups.get(kind, []), self.rules.per_kind.get(kind, 1))
            if not chunks and kind in self.rules.missing:
                slides.append(self._placeholder(kind))
                missing.append(kind)
            for chunk in chunks:
                draft, rest = self._draft(kind, chunk, why[id(chunk[0])])
                draft.notes.extend(text for s in chunk for text in orphans.get(id(s), []))
                slides.append(draft)
                spare.extend(rest)
        left_out.extend(f"numbers disagree: {text}" for text in self._headline(slides, mapped))
        self._decisions(slides, decisions(mapped, self.claims))
        self.visuals.fill_from_spare(slides, spare)
        demoted = self._cap_main(slides)
        spare.extend(self.visuals.cap_figures(slides))
        for draft in slides:
            self._cap_notes(draft, left_out)
        slides.extend(self.visuals.appendix(spare, left_out, self.rules.appendix_slides - demoted))
        title, title_why = TalkTitle(self.rules).of(writeup, briefed, slides)
        imported = Imported(title, writeup.presenter, slides, left_out, missing, mapped, dict(writeup.not_imported))
        imported.title_why = title_why
        return imported

    def _group(
        self, mapped: list[Mapped], left_out: list[str]
    ) -> tuple[dict[str, list[Section]], list[Visual], dict[int, list[str]]]:
        groups: dict[str, list[Section]] = {}
        spare: list[Visual] = []
        # A section with no kind lends its words to the notes of the placed section before it.
        orphans: dict[int, list[str]] = {}
        before: Section | None = None
        for m in mapped:
            if m.skip or m.section.empty():
                continue
            if m.kind is None:
                if before is not None:
                    orphans.setdefault(id(before), []).extend(m.section.paragraphs + m.section.items)
                elif m.section.paragraphs or m.section.items:
                    left_out.append(
                        f"{m.section.where}: text before any part of the talk, not on a slide, "
                        f'"{_first_words((m.section.paragraphs + m.section.items)[0])}"'
                    )
                spare.extend(visuals_of(m.section))
                continue
            groups.setdefault(m.kind, []).append(m.section)
            before = m.section
        return groups, spare, orphans

    def _ask_part(self, kind: str, groups: dict[str, list[Section]], mapped: list[Mapped], why: dict[int, str]) -> None:
        """Record which sections could be the ``kind`` slide, and follow the candidate's answer: the section
        chosen is that slide's alone (the others' words go to the notes of the slide before), or none is."""
        placed = groups.get(kind, [])
        others = [
            m.section
            for m in mapped
            if not m.skip and m.kind != kind and m.section.paragraphs + m.section.items and self._leans(m.section, kind)
        ][:3]
        options = [Option(section_line(s), s.where) for s in [*placed, *others]]
        if options:
            part = self.config.template.kinds[kind].label.lower()
            self.asked.questions.append(Question(kind, f"Which part of the write-up is the {part}?", options, kind))
        if kind not in self.answers.parts:
            return
        wanted = self.answers.parts[kind]
        for sections in groups.values():
            sections[:] = [s for s in sections if s.where != wanted or not wanted]
        groups[kind] = [s for s in [*placed, *others] if s.where == wanted][:1] if wanted else []
        for section in groups[kind]:
            why[id(section)] = "your answer to deck import's question"

    def _quiet(self, kind: str, section: Section) -> bool:
        return not self._leans(section, kind)

    def _leans(self, section: Section, kind: str) -> bool:
        profile = self.classifier.profile(section)
        return (profile.ahead if kind == "next_steps" else profile.errors) >= 1

    def _placeholder(self, kind: str) -> Draft:
        label = self.config.template.kinds[kind].label
        draft = Draft(kind, label, f"no part of the write-up is about {label.lower()}", "", "")
        draft.todo = self.rules.missing[kind]
        return draft

    def _gathered(self, kind: str, mapped: list[Mapped]) -> tuple[Section, str] | None:
        """The sentences about ``kind`` that stand in other sections (harvest.py), taken from there into a section
        of their own, with the reason in words; None when there are none."""
        found = gather(kind, mapped, self.reader)
        if found is None:
            return None
        for m in mapped:  # each sentence now stands on this part's slide, not where it came from
            m.section.paragraphs = [p for p in (_without(p, found.sentences) for p in m.section.paragraphs) if p]
            m.section.items = [i for i in m.section.items if i not in found.sentences]
        places = ", ".join(found.sections[:3])
        section = Section("", 0, found.where, paragraphs=list(found.sentences))
        return section, f"{len(found.sentences)} sentence(s) about it in {places}"

    # --- one slide ---------------------------------------------------------------------------
    def _draft(self, kind: str, sections: list[Section], why: str) -> tuple[Draft, list[Visual]]:
        rules = self.rules
        paragraphs = [p for s in sections for p in s.paragraphs]
        items = [i for s in sections for i in s.items]
        first = sections[0]
        draft = Draft(kind, "", why, "", first.where)
        used: set[str] = set()
        # The problem slide opens on the problem as stated; other slides on the sentence that reads as a finding,
        # else on their first sentence that makes a title, else on their heading.
        opening = self.titles.opening(paragraphs)
        choices = [
            (opening if kind == "problem" else None, f"the opening sentence of {first.where}; say what it costs"),
            (self.titles.best(paragraphs + items), f"the sentence that reads most as a finding in "
             f"{first.where}; make it your takeaway"),
            (opening, f"the first sentence of {first.where}; say the finding with its number"),
        ]  # fmt: skip
        titled, title_why = next(((t, w) for t, w in choices if t is not None), (None, ""))
        if titled is not None:
            draft.title, sentence = titled
            draft.title_why = title_why
            if sentence.rstrip(".!") == draft.title:
                used.add(sentence)
        else:
            # A numbered question ("Challenge 1") names no finding: the part's name says more; a heading's own
            # numbering ("2. Predictive Modeling") is the write-up's outline, not the talk's.
            named = first.heading and not self.rules.numbered_question.match(normalise(first.heading))
            heading = _NUMBERED.sub("", first.heading).strip() if named else ""
            draft.title = heading or self.config.template.kinds[kind].label
            draft.title_why = "the heading; write the finding this slide shows, with its number"
        points = [i for i in items if i not in used and draft.title not in i]
        points += [
            s for p in paragraphs for s in numbered(p) if s not in used and s not in points and draft.title not in s
        ]
        if not points:
            # Prose with no list and no number: its sentences are still the slide's content, not only notes.
            points = [
                s
                for p in paragraphs
                for s in sentences(p)
                if s not in used and len(s.split()) >= 4 and draft.title not in s
            ][: rules.points - 1]
        self._points(draft, points, first.where)
        shown = set(points[: rules.points]) | used | {draft.title, draft.title + "."}
        for paragraph in paragraphs:  # the notes keep what the slide does not show, sentence by sentence
            unsaid = " ".join(s for s in sentences(paragraph) if s not in shown)
            if unsaid:
                draft.notes.append(unsaid if unsaid[-1:] in ".!?:" else unsaid + ".")
        visuals = [v for s in sections for v in visuals_of(s)]
        return draft, self.visuals.place(draft, visuals)

    def _points(self, draft: Draft, points: list[str], where: str) -> None:
        """Show a slide's first points, each cut at a clause; what a point or the slide cannot hold goes to the
        notes whole, so nothing is lost."""
        rules = self.rules
        shown = points[: rules.points]
        draft.points = [shorten(p, rules.point_chars) for p in shown]
        for full, cut in zip(shown, draft.points, strict=True):
            if cut != full:
                draft.notes.append(full if full[-1:] in ".!?" else full + ".")
        if len(points) > rules.points:
            draft.notes.append(" ".join(p.rstrip(".") + "." for p in points[rules.points :]))
            draft.told.append(
                f"{where}: {len(points) - rules.points} point(s) past the slide's {rules.points}: in the notes"
            )

    def _cap_notes(self, draft: Draft, left_out: list[str]) -> None:
        said = " ".join(dict.fromkeys(draft.notes))  # a sentence once, however many ways it reached the notes
        draft.notes = [cap_at_sentence(said, self.rules.notes_chars)] if said else []
        if said and len(draft.notes[0]) < len(said):
            rest = said[len(draft.notes[0]) :].strip()
            left_out.append(
                f"{draft.where}: notes cut at {self.rules.notes_chars} characters; not in the outline: "
                f'"{_first_words(rest)}" and {len(rest.split())} more words from {draft.where}'
            )

    # --- the whole talk ------------------------------------------------------------------------
    def _headline(self, slides: list[Draft], mapped: list[Mapped]) -> list[str]:
        """Give the first results slide the headline numbers (a results placeholder takes them when any exist);
        return where the prose and the printed output disagree about them."""
        read = headline(candidates(mapped, self.reader, self.claims, self.rules.printout_figures), self.claims)
        found = read.callouts
        if read.ranked:
            options = [
                Option(metric_line(m), f"{m.where}: {m.sentence}" if m.sentence != m.where else m.where)
                for m in read.ranked
            ]
            self.asked.questions.append(Question("headline", "Which number is the headline of your results?", options))
        choice = self.answers.headline
        if choice == NONE:
            found = []
        elif choice is not None and 0 <= choice < len(read.ranked):
            first = read.ranked[choice]
            found = [first, *(m for m in found if self.claims.key(m.name) != self.claims.key(first.name))][:3]
        if not found:
            return read.disagreements
        written = next((d for d in slides if d.kind == "results" and not d.todo), None)
        results = written or next((d for d in slides if d.kind == "results"), None)
        if results is None:
            return read.disagreements
        if written is None:
            results.todo = None
            results.why = f"the write-up measures {found[0].name} in {found[0].where}"
            results.where = found[0].where
        if written is None or not re.search(r"\d", results.title):
            # the results slide's title says the headline number: the writer's sentence, else the number itself
            said = self.titles.title(found[0].sentence) if found[0].sentence != found[0].where else None
            said = said if said and found[0].value in said.replace(",", "") else None
            results.title = said or _say(found[0])
            results.title_why = "the headline number; say it against a baseline, in the words you will say it"
        results.metrics = found
        return read.disagreements

    def _decisions(self, slides: list[Draft], found: list[Decided]) -> None:
        """Put the write-up's decisions on the approach and methodology slides, the most complete first, three a
        slide, each on the slide of its own section when that slide takes decisions."""
        deciding = [d for d in slides if d.kind in _DECIDING and not d.todo] or [
            d for d in slides if d.kind in _DECIDING
        ]
        if not deciding:
            return
        by_place = {d.where: d for d in deciding}
        for item in sorted(found, key=lambda f: (-f.quality, f.order)):
            if item.decision.decision in self.answers.dropped:
                continue
            home = by_place.get(item.section.where)
            room = [d for d in ([home] if home else []) + deciding if len(d.decisions) < 3]
            if not room:
                break
            target = room[0]
            target.decisions.append(item.decision)
            option = Option(decision_line(item.decision), f"{item.section.where}: {item.decision.source}")
            self.asked.questions.append(
                Question("decision", "Is this a decision you made?", [option], item.decision.decision)
            )
            if target.todo:
                target.todo = None
                target.why = "the write-up's decisions"
            for draft in slides:  # a decision's sentence is not also a point
                draft.points = [p for p in draft.points if p != item.decision.source]
        # A comparison table's winner over its runner-up, after what the text says.
        for draft in slides:
            if draft.table is None or draft.kind not in ("methodology", "approach", "results"):
                continue
            home = draft if draft.kind in _DECIDING else None
            home = home or next((d for d in deciding if len(d.decisions) < 3), None)
            choice = self.claims.table_decision(draft.table, draft.best_row)
            if home is None or choice is None or len(home.decisions) >= 3:
                continue
            if all(d.decision != choice.decision for d in home.decisions):
                home.decisions.append(choice)

    def _cap_main(self, slides: list[Draft]) -> int:
        """Move slides to the appendix until the talk has its most main slides; return how many moved."""
        template = self.config.template
        moved = 0
        while sum(template.is_main(d.kind) for d in slides) > self.rules.main_slides:
            counts = {k: sum(1 for d in slides if d.kind == k) for k in self.rules.demote_first}
            kind = next((k for k in self.rules.demote_first if counts[k] > 1), None)
            kind = kind or next((k for k in self.rules.demote_first if counts[k] and k in ("summary", "eda")), None)
            victims = [d for d in slides if d.kind == kind and d.todo is None] if kind else []
            if not victims:
                break
            victim = victims[-1]
            victim.why += f"; moved to the appendix to keep the talk to {self.rules.main_slides} main slides"
            victim.kind = "appendix"
            victim.metrics, victim.decisions, victim.todo = [], [], None
            moved += 1
        return moved


def _say(metric: FoundMetric) -> str:
    """A headline as a title when no sentence of the write-up says it: "MAE of 359.68 against 512.0 for the
    historical mean"."""
    against = f" against {metric.baseline}" if metric.baseline else ""
    label = f" for the {metric.baseline_label}" if metric.baseline and metric.baseline_label else ""
    return f"{metric.name} of {metric.value}{against}{label}"


def _chunks(sections: list[Section], most: int) -> list[list[Section]]:
    if len(sections) <= most:
        return [[s] for s in sections]
    return [[s] for s in sections[: most - 1]] + [sections[most - 1 :]]


def _without(paragraph: str, taken: list[str]) -> str:
    return " ".join(s for s in sentences(paragraph) if s not in taken)


def _first_words(text: str) -> str:
    return first_words(text, _NOTES_SEEN)


def _amount(section: Section) -> str:
    """Say how much of a section is left out: "2 paragraphs, 1 table"."""
    parts = [(len(section.paragraphs), "paragraph"), (len(section.items), "list item"), (len(section.tables), "table"),
             (len(section.figures), "figure")]  # fmt: skip
    return ", ".join(f"{n} {word}{'s' if n > 1 else ''}" for n, word in parts if n)


def _drop_repeated_figures(sections: list[Section], left_out: list[str]) -> None:
    """Keep each picture once: a report that embeds a PNG its notebook also outputs shows it once."""
    seen: dict[str, str] = {}
    for section in sections:
        kept = []
        for figure in section.figures:
            digest = figure.digest()
            if digest in seen:
                left_out.append(f"{figure.where}: the same image as {seen[digest]}, shown once")
            else:
                seen[digest] = figure.where
                kept.append(figure)
        section.figures = kept
