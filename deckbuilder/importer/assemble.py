"""Mapped sections -> slide drafts: one visual a slide, 7-8 main slides, a handful of figures, the rest as appendix."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckbuilder.core.config import Config
from deckbuilder.core.import_rules import normalise

from .extract import Extractor, FoundMetric, numbered, sentences, shorten, title_from
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
    decisions: list[tuple[str, str, str, str]] = field(default_factory=list)
    figure: Figure | None = None
    figure_title: str = ""
    table: TableData | None = None
    best_row: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Imported:
    """The drafts in talk order, what was left out, and what the template still needs."""

    title: str
    presenter: str | None
    slides: list[Draft]
    left_out: list[str]
    missing: list[str]
    mapping: list[Mapped]


Visual = tuple[Figure | TableData, Section]  # a figure or table waiting for a slide, and the section it came from


class Assembler:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.rules = config.importing
        self.extract = Extractor(self.rules)
        self.classifier = Classifier(self.rules)

    def build(self, writeup: Writeup, fallback_title: str) -> Imported:
        mapped = self.classifier.classify(writeup.sections)
        left_out = [f"{m.section.where}: {m.why}" for m in mapped if m.skip and not m.section.empty()]
        left_out += writeup.skipped
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
                spare.extend(self._visuals(m.section))
                continue
            groups.setdefault(m.kind, []).append(m.section)
            before = m.section
        why = {id(m.section): m.why for m in mapped}
        slides: list[Draft] = []
        for kind in self.rules.order:
            for chunk in self._chunks(groups.get(kind, []), self.rules.per_kind.get(kind, 1)):
                draft, rest = self._draft(kind, chunk, why[id(chunk[0])])
                draft.notes.extend(text for s in chunk for text in orphans.get(id(s), []))
                slides.append(draft)
                spare.extend(rest)
        self._cap_main(slides)
        spare.extend(self._cap_figures(slides))
        slides.extend(self._appendix(spare, left_out))
        missing = [text for kind, text in self.rules.missing.items() if kind not in groups]
        title = writeup.title or fallback_title
        return Imported(title, writeup.presenter, slides, left_out, missing, mapped)

    # --- one slide ---------------------------------------------------------------------------
    @staticmethod
    def _chunks(sections: list[Section], most: int) -> list[list[Section]]:
        if len(sections) <= most:
            return [[s] for s in sections]
        return [[s] for s in sections[: most - 1]] + [sections[most - 1 :]]

    def _visuals(self, section: Section) -> list[Visual]:
        return [*((f, section) for f in section.figures), *((t, section) for t in section.tables)]

    def _draft(self, kind: str, sections: list[Section], why: str) -> tuple[Draft, list[Visual]]:
        rules, extract = self.rules, self.extract
        paragraphs = [p for s in sections for p in s.paragraphs]
        items = [i for s in sections for i in s.items]
        first = sections[0]
        draft = Draft(kind, "", why, "", first.where)
        decision_like = any(normalise(s.heading) in rules.decision_headings for s in sections)
        if kind in ("approach", "methodology") or decision_like:
            for item in list(items):
                found = extract.decision(item)
                if found is not None and len(draft.decisions) < 3:
                    draft.decisions.append(found)
                    items.remove(item)
        if kind == "results":
            draft.metrics = extract.metrics(paragraphs + items)[:3]
        best = extract.best_sentence(paragraphs + items)
        opening = next((s for p in paragraphs for s in sentences(p) if len(s.split()) >= 4), None)
        if best is not None:
            draft.title = title_from(best[0], rules.title_words)
            draft.title_why = f"the sentence that reads most as a finding in {first.where}; make it your takeaway"
        elif opening is not None:
            best = (opening, 0.0)
            draft.title = title_from(opening, rules.title_words)
            draft.title_why = f"the first sentence of {first.where}; say the finding with its number"
        else:
            draft.title = first.heading or f"{self.config.template.kinds[kind].label}"
            draft.title_why = "the section's heading; write the finding this slide shows, with its number"
        used = {best[0]} if best else set()
        points = [i for i in items if i not in used and draft.title not in i]
        points += [
            s for p in paragraphs for s in numbered(p) if s not in used and s not in points and draft.title not in s
        ]
        if not (points or items or draft.decisions or draft.metrics):
            # Prose with no list and no number: its sentences are still the slide's content, not only notes.
            points = [s for p in paragraphs for s in sentences(p) if s not in used and len(s.split()) >= 4]
            points = points[: rules.points - 1]
        draft.points = [shorten(p, rules.point_chars) for p in points[: rules.points]]
        # The notes keep what the slide does not show, sentence by sentence (a title cut from a sentence
        # leaves the whole sentence to the notes).
        shown = set(points[: rules.points]) | {draft.title, draft.title + "."}
        for paragraph in paragraphs:
            unsaid = " ".join(s for s in sentences(paragraph) if s not in shown)
            if unsaid:
                draft.notes.append(unsaid if unsaid[-1:] in ".!?:" else unsaid + ".")
        visuals = [v for s in sections for v in self._visuals(s)]
        return draft, self._place_visual(draft, visuals)

    def _place_visual(self, draft: Draft, visuals: list[Visual]) -> list[Visual]:
        fits = [v for v in visuals if isinstance(v[0], Figure) or self._slide_sized(v[0])]
        prefer = TableData if draft.kind == "methodology" else Figure
        chosen = next((v for v in fits if isinstance(v[0], prefer)), fits[0] if fits else None)
        if chosen is None:
            return visuals
        item = chosen[0]
        if isinstance(item, Figure):
            title = figure_title(item, self.extract, self.rules.title_words)
            # The slide's title already says that sentence; the figure's own title must say what it shows.
            draft.figure, draft.figure_title = item, title if title != draft.title else f"Figure from {item.where}"
        else:
            draft.table = item
            draft.best_row = self.extract.best_row(item.columns, item.rows, item.bold_rows)
        return [v for v in visuals if v is not chosen]

    def _slide_sized(self, table: TableData) -> bool:
        return len(table.rows) <= self.rules.table_rows and len(table.columns) <= self.rules.table_columns

    # --- the whole talk ------------------------------------------------------------------------
    def _cap_main(self, slides: list[Draft]) -> None:
        template = self.config.template
        while sum(template.is_main(d.kind) for d in slides) > self.rules.main_slides:
            counts = {k: sum(1 for d in slides if d.kind == k) for k in self.rules.demote_first}
            kind = next((k for k in self.rules.demote_first if counts[k] > 1), None)
            kind = kind or next((k for k in self.rules.demote_first if counts[k]), None)
            if kind is None:
                return
            victim = [d for d in slides if d.kind == kind][-1]
            victim.why += f"; moved to the appendix to keep the talk to {self.rules.main_slides} main slides"
            victim.kind = "appendix"

    def _cap_figures(self, slides: list[Draft]) -> list[Visual]:
        template, spare = self.config.template, list[Visual]()
        shown = [d for d in slides if template.is_main(d.kind) and d.figure is not None]
        for draft in shown[self.rules.main_figures :]:
            assert draft.figure is not None
            spare.append((draft.figure, Section(draft.title, 0, draft.where)))
            draft.figure, draft.figure_title = None, ""
        return spare

    def _appendix(self, visuals: list[Visual], left_out: list[str]) -> list[Draft]:
        drafts = []
        saved = 0
        for item, section in visuals:
            if isinstance(item, Figure):
                saved += 1
                if saved > self.config.limits.import_images:
                    left_out.append(f"{item.where}: a figure past the {self.config.limits.import_images} deck saves")
                    continue
                title = figure_title(item, self.extract, self.rules.title_words)
                draft = Draft("appendix", title, "a figure beyond the talk's main ones", "", item.where)
                draft.figure, draft.figure_title = item, title
            else:
                assert isinstance(item, TableData)
                rows = item.rows[: self.rules.table_rows]
                columns = item.columns[: self.rules.table_columns]
                kept = {r for r in item.bold_rows if r < len(rows)}  # a marked row that was cut marks nothing
                table = TableData(columns, [r[: len(columns)] for r in rows], item.where, kept)
                cut = len(item.rows) > len(rows) or len(item.columns) > len(columns)
                title = section.heading or "Table"
                draft = Draft("appendix", title, "a table beyond the slide's one visual", "", item.where)
                draft.title_why = "the section's heading; say what the table shows"
                if cut:
                    draft.notes.append(f"The table in {item.where} is cut to {len(rows)} rows, {len(columns)} columns.")
                draft.table = table
                draft.best_row = self.extract.best_row(table.columns, table.rows, table.bold_rows)
            drafts.append(draft)
        return drafts


def figure_title(figure: Figure, extract: Extractor, words: int) -> str:
    """Return a figure's title: its caption, else the finding nearest before it, else where it came from."""
    if len(figure.caption.split()) >= 3:
        return title_from(figure.caption, words)
    best = extract.best_sentence([figure.context]) if figure.context else None
    if best is not None:
        return title_from(best[0], words)
    opening = sentences(figure.context)[0] if figure.context else ""
    if len(opening.split()) >= 4:
        return title_from(opening, words)
    if figure.caption:
        return figure.caption
    return f"Figure from {figure.where}"
