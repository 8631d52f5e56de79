"""Mapped sections -> slide drafts: the template's parts in order, one visual a slide, the telling figures on
the main slides, a short appendix, and a placeholder for every part the write-up lacks."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.import_rules import normalise

from .claims import Claims, FoundDecision, FoundMetric
from .extract import Titles, cap_at_sentence, numbered, sentences, shorten
from .figures import Meaning, meaning
from .mapping import Classifier, Mapped
from .source import Figure, Section, TableData, Writeup


@dataclass
class Draft:
    """One slide of the imported outline, with the guesses behind it."""

    kind: str
    title: str
    why: str  # why this kind
    title_why: str
    where: str
    points: list[str] = field(default_factory=list)
    metrics: list[FoundMetric] = field(default_factory=list)
    decisions: list[FoundDecision] = field(default_factory=list)
    figure: Figure | None = None
    figure_title: str = ""
    figure_why: str = ""
    table: TableData | None = None
    best_row: int | None = None
    notes: list[str] = field(default_factory=list)
    todo: str | None = None  # a placeholder for a part the write-up does not have
    stated: list[FoundMetric] = field(default_factory=list)  # metrics its text states, for the results slide
    told: list[str] = field(default_factory=list)  # what the summary must say moved to the notes


@dataclass
class Imported:
    """The drafts in talk order, what was left out, and what the template still needs."""

    title: str
    presenter: str | None
    slides: list[Draft]
    left_out: list[str]
    missing: list[str]  # the kinds that became placeholders
    mapping: list[Mapped]
    not_imported: dict[str, int]


Visual = tuple[Figure | TableData, Section]  # a figure or table waiting for a slide, and the section it came from


class Assembler:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.rules = config.importing
        self.claims = Claims(self.rules)
        self.titles = Titles(self.rules)
        self.classifier = Classifier(self.rules)
        self._meanings: dict[int, Meaning] = {}  # by id(figure): read once, however often figures are sorted

    def build(self, writeup: Writeup, fallback_title: str) -> Imported:
        left_out = list(writeup.skipped)
        _drop_repeated_figures(writeup.sections, left_out)
        mapped = self.classifier.classify(writeup.sections)
        left_out[:0] = [
            f"{m.section.where}: {m.why} ({_amount(m.section)})" for m in mapped if m.skip and not m.section.empty()
        ]
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
                else:
                    left_out.append(f"{m.section.where}: text before any part of the talk, not on a slide")
                spare.extend(self._visuals(m.section))
                continue
            groups.setdefault(m.kind, []).append(m.section)
            before = m.section
        why = {id(m.section): m.why for m in mapped}
        slides: list[Draft] = []
        missing: list[str] = []
        for kind in self.rules.order:
            chunks = self._chunks(groups.get(kind, []), self.rules.per_kind.get(kind, 1))
            if not chunks and kind in self.rules.missing:
                slides.append(self._placeholder(kind))
                missing.append(kind)
            for chunk in chunks:
                draft, rest = self._draft(kind, chunk, why[id(chunk[0])])
                draft.notes.extend(text for s in chunk for text in orphans.get(id(s), []))
                slides.append(draft)
                spare.extend(rest)
        self._headline_metrics(slides)
        self._fill_from_spare(slides, spare)
        self._cap_main(slides)
        spare.extend(self._cap_figures(slides))
        for draft in slides:
            said = " ".join(draft.notes)
            draft.notes = [cap_at_sentence(said, self.rules.notes_chars)] if said else []
            if said and len(draft.notes[0]) < len(said):
                left_out.append(
                    f"{draft.where}: notes cut at {self.rules.notes_chars} characters; "
                    f"{len(said) - len(draft.notes[0])} characters of its text are not in the outline"
                )
        slides.extend(self._appendix(spare, left_out))
        title = self._talk_title(writeup, fallback_title)
        return Imported(title, writeup.presenter, slides, left_out, missing, mapped, dict(writeup.not_imported))

    def _talk_title(self, writeup: Writeup, fallback: str) -> str:
        """The write-up's own title: an H1 that opens it and names no section ("Load Dataset", "Question 1"),
        else the file's name."""
        title = writeup.title
        if (
            title
            and self.rules.heading_kind(title)[0] is None
            and not self.rules.numbered_question.match(normalise(title))
        ):
            return title
        return fallback

    def _placeholder(self, kind: str) -> Draft:
        label = self.config.template.kinds[kind].label
        draft = Draft(kind, label, f"no part of the write-up is about {label.lower()}", "", "")
        draft.todo = self.rules.missing[kind]
        return draft

    # --- one slide ---------------------------------------------------------------------------
    @staticmethod
    def _chunks(sections: list[Section], most: int) -> list[list[Section]]:
        if len(sections) <= most:
            return [[s] for s in sections]
        return [[s] for s in sections[: most - 1]] + [sections[most - 1 :]]

    def _visuals(self, section: Section) -> list[Visual]:
        return [*((f, section) for f in section.figures), *((t, section) for t in section.tables)]

    def _draft(self, kind: str, sections: list[Section], why: str) -> tuple[Draft, list[Visual]]:
        rules = self.rules
        paragraphs = [p for s in sections for p in s.paragraphs]
        items = [i for s in sections for i in s.items]
        first = sections[0]
        draft = Draft(kind, "", why, "", first.where)
        decision_like = any(normalise(s.heading) in rules.decision_headings for s in sections)
        used: set[str] = set()
        if kind in ("approach", "methodology") or decision_like:
            for text in [*items, *(s for p in paragraphs for s in sentences(p))]:
                found = self.claims.decision(text)
                if found is not None and len(draft.decisions) < 3:
                    draft.decisions.append(found)
                    used.add(text)
            items = [i for i in items if i not in used]
        if kind in ("results", "methodology"):
            draft.stated = self.claims.metrics(paragraphs + items)
        if kind == "results":
            draft.metrics = draft.stated[:3]
        prefer = draft.metrics[0].sentence if draft.metrics else None
        # The problem slide opens on the problem as stated; other slides on the sentence that reads as a finding,
        # else on their first sentence that makes a title, else on their heading.
        opening = self.titles.opening(paragraphs)
        choices = [
            (opening if kind == "problem" else None, f"the opening sentence of {first.where}; say what it costs"),
            (self.titles.best(paragraphs + items, prefer), f"the sentence that reads most as a finding in "
             f"{first.where}; make it your takeaway"),
            (opening, f"the first sentence of {first.where}; say the finding with its number"),
        ]  # fmt: skip
        titled, why = next(((t, w) for t, w in choices if t is not None), (None, ""))
        if titled is not None:
            draft.title, sentence = titled
            draft.title_why = why
            if sentence.rstrip(".!") == draft.title:
                used.add(sentence)
        else:
            draft.title = first.heading or self.config.template.kinds[kind].label
            draft.title_why = "the heading; write the finding this slide shows, with its number"
        points = [i for i in items if i not in used and draft.title not in i]
        points += [
            s for p in paragraphs for s in numbered(p) if s not in used and s not in points and draft.title not in s
        ]
        if not (points or items or draft.decisions or draft.metrics):
            # Prose with no list and no number: its sentences are still the slide's content, not only notes.
            points = [
                s
                for p in paragraphs
                for s in sentences(p)
                if s not in used and len(s.split()) >= 4 and draft.title not in s
            ]
            points = points[: rules.points - 1]
        shown_points = points[: rules.points]
        draft.points = [shorten(p, rules.point_chars) for p in shown_points]
        if len(points) > rules.points:
            draft.notes.append(" ".join(p.rstrip(".") + "." for p in points[rules.points :]))
            draft.told.append(
                f"{first.where}: {len(points) - rules.points} point(s) past the slide's {rules.points}: in the notes"
            )
        # The notes keep what the slide does not show, sentence by sentence.
        shown = set(shown_points) | used | {draft.title, draft.title + "."}
        for paragraph in paragraphs:
            unsaid = " ".join(s for s in sentences(paragraph) if s not in shown)
            if unsaid:
                draft.notes.append(unsaid if unsaid[-1:] in ".!?:" else unsaid + ".")
        visuals = [v for s in sections for v in self._visuals(s)]
        return draft, self._place_visual(draft, visuals)

    def _place_visual(self, draft: Draft, visuals: list[Visual]) -> list[Visual]:
        fits = [v for v in visuals if isinstance(v[0], Figure) or self._slide_sized(v[0])]
        if draft.kind not in ("results", "error_analysis"):
            # A result curve or matrix waits for the results slide (see _fill_from_spare), wherever it was drawn.
            fits = [v for v in fits if not (isinstance(v[0], Figure) and self._rank(v[0]) == 0)]
        figures = sorted((v for v in fits if isinstance(v[0], Figure)), key=lambda v: self._rank(v[0]))
        tables = [v for v in fits if isinstance(v[0], TableData)]
        ordered = [*tables, *figures] if draft.kind == "methodology" and tables else [*figures, *tables]
        chosen = ordered[0] if ordered else None
        if chosen is not None:
            self._show(draft, chosen[0])
        return [v for v in visuals if v is not chosen]

    def _show(self, draft: Draft, item: Figure | TableData) -> None:
        if isinstance(item, Figure):
            seen = self._meaning(item)
            draft.figure, draft.figure_title = item, seen.label or draft.title
            found = f"its label from {seen.source}"
            draft.figure_why = found if seen.label else "no label found: say what the figure shows"
            return
        draft.table = item
        _say_rounded(draft, item)
        draft.best_row = self.claims.best_row(item.columns, item.rows, item.bold_rows)
        if draft.kind in ("methodology", "approach", "results") and len(draft.decisions) < 3:
            choice = self.claims.table_decision(item, draft.best_row)
            if choice is not None and all(d.decision != choice.decision for d in draft.decisions):
                draft.decisions.append(choice)

    def _meaning(self, figure: Figure) -> Meaning:
        if id(figure) not in self._meanings:
            self._meanings[id(figure)] = meaning(figure, self.rules)
        return self._meanings[id(figure)]

    def _rank(self, item: Figure | TableData) -> int:
        if isinstance(item, TableData):
            return len(self.rules.figure_meaning) + 1
        return self._meaning(item).rank

    def _slide_sized(self, table: TableData) -> bool:
        return len(table.rows) <= self.rules.table_rows and len(table.columns) <= self.rules.table_columns

    # --- the whole talk ------------------------------------------------------------------------
    def _headline_metrics(self, slides: list[Draft]) -> None:
        """Give the first results slide its callouts: stated ones first, then the comparison tables' best rows."""
        results = next((d for d in slides if d.kind == "results"), None)
        if results is None:
            return
        found = [m for d in slides if d.kind == "methodology" for m in d.stated]
        for draft in slides:
            if draft.table is not None and draft.kind in ("results", "methodology"):
                found += self.claims.table_metrics(draft.table, draft.best_row)
        named = {self.claims.key(m.name) for m in results.metrics}
        for metric in found:
            if len(results.metrics) < 3 and self.claims.key(metric.name) not in named:
                results.metrics.append(metric)
                named.add(self.claims.key(metric.name))

    def _fill_from_spare(self, slides: list[Draft], spare: list[Visual]) -> None:
        """Put a result figure (a curve, a matrix, importance) waiting in the appendix on a main slide without one."""
        # Which meanings (figure_meaning groups) each kind shows: results the curves and matrices, error
        # analysis those or residuals, methodology importance and trees.
        wanted = {"results": {0}, "error_analysis": {0, 2}, "methodology": {1}}
        for kind in ("results", "error_analysis", "methodology"):
            for draft in (d for d in slides if d.kind == kind and d.figure is None and d.table is None):
                figures = [v for v in spare if isinstance(v[0], Figure) and self._rank(v[0]) in wanted[kind]]
                if figures:
                    best = min(figures, key=lambda v: self._rank(v[0]))
                    spare.remove(best)
                    self._show(draft, best[0])

    def _cap_main(self, slides: list[Draft]) -> None:
        template = self.config.template
        while sum(template.is_main(d.kind) for d in slides) > self.rules.main_slides:
            counts = {k: sum(1 for d in slides if d.kind == k) for k in self.rules.demote_first}
            kind = next((k for k in self.rules.demote_first if counts[k] > 1), None)
            kind = kind or next((k for k in self.rules.demote_first if counts[k] and k in ("summary", "eda")), None)
            if kind is None:
                return
            victims = [d for d in slides if d.kind == kind and d.todo is None]
            if not victims:
                return
            victim = victims[-1]
            victim.why += f"; moved to the appendix to keep the talk to {self.rules.main_slides} main slides"
            victim.kind = "appendix"
            victim.metrics, victim.todo = [], None

    def _cap_figures(self, slides: list[Draft]) -> list[Visual]:
        """Keep the most telling figures on the main slides; the others wait for the appendix."""
        template, spare = self.config.template, list[Visual]()
        shown = [d for d in slides if template.is_main(d.kind) and d.figure is not None]
        keep = sorted(shown, key=lambda d: self._rank(d.figure) if d.figure else 99)[: self.rules.main_figures]
        for draft in shown:
            if draft not in keep and draft.figure is not None:
                spare.append((draft.figure, Section(draft.title, 0, draft.where)))
                draft.figure, draft.figure_title = None, ""
        return spare

    def _appendix(self, visuals: list[Visual], left_out: list[str]) -> list[Draft]:
        """At most `appendix_slides` backup slides: model comparisons first, then figures by what they show."""

        def useful(visual: Visual) -> tuple[int, int]:
            item = visual[0]
            if isinstance(item, TableData):
                compares = any(self.claims.metric_column(c) for c in item.columns)
                return (0 if compares else len(self.rules.figure_meaning) + 1, 0)
            return (self._rank(item) + 1, 0)

        ordered = sorted(visuals, key=useful)
        drafts: list[Draft] = []
        for item, section in ordered:
            if len(drafts) >= self.rules.appendix_slides:
                what = "figure" if isinstance(item, Figure) else "table"
                left_out.append(f"{item.where}: a {what} past the {self.rules.appendix_slides} appendix slides kept")
                continue
            drafts.append(self._backup(item, section))
        return drafts

    def _backup(self, item: Figure | TableData, section: Section) -> Draft:
        if isinstance(item, Figure):
            label = self._meaning(item).label
            draft = Draft("appendix", label or section.heading or "Figure", "a figure beyond the talk's main ones", "",
                          item.where)  # fmt: skip
            if not label:
                draft.title_why = "the heading; say what the figure shows"
            draft.figure, draft.figure_title = item, label or draft.title
            return draft
        rows = item.rows[: self.rules.table_rows]
        columns = item.columns[: self.rules.table_columns]
        kept = {r for r in item.bold_rows if r < len(rows)}  # a marked row that was cut marks nothing
        table = TableData(columns, [r[: len(columns)] for r in rows], item.where, kept, item.rounded_to)
        cut = len(item.rows) > len(rows) or len(item.columns) > len(columns)
        draft = Draft("appendix", section.heading or "Table", "a table beyond the slide's one visual", "", item.where)
        draft.title_why = "the heading; say what the table shows"
        if cut:
            draft.notes.append(f"The table in {item.where} is cut to {len(rows)} rows, {len(columns)} columns.")
        draft.table = table
        _say_rounded(draft, table)
        draft.best_row = self.claims.best_row(table.columns, table.rows, table.bold_rows)
        return draft


def _say_rounded(draft: Draft, table: TableData) -> None:
    if table.rounded_to:
        figures = table.rounded_to
        draft.notes.append(
            f"Numbers the notebook printed in full in {table.where} are rounded to {figures} significant figures."
        )


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
