"""Figures and tables on slides: one visual a slide, the telling figures on the main slides, the rest in a short
appendix (model comparisons first, then figures by what they show)."""

from __future__ import annotations

from deckbuilder.core.rules.config import Config

from .claims import Claims
from .draft import Draft
from .figures import Meaning, meaning
from .source import Figure, Section, TableData

Visual = tuple[Figure | TableData, Section]  # a figure or table waiting for a slide, and the section it came from


def visuals_of(section: Section) -> list[Visual]:
    return [*((f, section) for f in section.figures), *((t, section) for t in section.tables)]


class Visuals:
    """Chooses and places every figure and table of an import."""

    def __init__(self, config: Config, claims: Claims) -> None:
        self.config = config
        self.rules = config.importing
        self.claims = claims
        self._meanings: dict[int, Meaning] = {}  # by id(figure): read once, however often figures are sorted

    def place(self, draft: Draft, visuals: list[Visual]) -> list[Visual]:
        """Show the most telling visual of a slide's sections on it; return the others."""
        return self._place_visual(draft, visuals)

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
            self.show(draft, chosen[0])
        return [v for v in visuals if v is not chosen]

    def show(self, draft: Draft, item: Figure | TableData) -> None:
        if isinstance(item, Figure):
            seen = self._meaning(item)
            draft.figure, draft.figure_title = item, seen.label or draft.title
            found = f"its label from {seen.source}"
            draft.figure_why = found if seen.label else "no label found: say what the figure shows"
            return
        draft.table = item
        say_rounded(draft, item)
        draft.best_row = self.claims.best_row(item.columns, item.rows, item.bold_rows)

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

    def fill_from_spare(self, slides: list[Draft], spare: list[Visual]) -> None:
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
                    self.show(draft, best[0])

    def cap_figures(self, slides: list[Draft]) -> list[Visual]:
        """Keep the most telling figures on the main slides; the others wait for the appendix."""
        template, spare = self.config.template, list[Visual]()
        shown = [d for d in slides if template.is_main(d.kind) and d.figure is not None]
        keep = sorted(shown, key=lambda d: self._rank(d.figure) if d.figure else 99)[: self.rules.main_figures]
        for draft in shown:
            if draft not in keep and draft.figure is not None:
                spare.append((draft.figure, Section(draft.title, 0, draft.where)))
                draft.figure, draft.figure_title = None, ""
        return spare

    def appendix(self, visuals: list[Visual], left_out: list[str], room: int) -> list[Draft]:
        """At most ``room`` backup slides (what `appendix_slides` leaves after slides moved there): model
        comparisons first, then figures by what they show."""

        def useful(visual: Visual) -> tuple[int, int]:
            item = visual[0]
            if isinstance(item, TableData):
                compares = any(self.claims.metric_column(c) for c in item.columns)
                return (0 if compares else len(self.rules.figure_meaning) + 1, 0)
            return (self._rank(item) + 1, 0)

        ordered = sorted(visuals, key=useful)
        drafts: list[Draft] = []
        for item, section in ordered:
            if len(drafts) >= room:
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
        say_rounded(draft, table)
        draft.best_row = self.claims.best_row(table.columns, table.rows, table.bold_rows)
        return draft


def say_rounded(draft: Draft, table: TableData) -> None:
    if table.rounded_to:
        figures = table.rounded_to
        draft.notes.append(
            f"Numbers the notebook printed in full in {table.where} are rounded to {figures} significant figures."
        )
