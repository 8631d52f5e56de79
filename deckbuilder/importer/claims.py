"""The claims a write-up makes that a slide shows as structure: metrics with their baseline, and decisions with
their reason and the alternative they beat. Sentences are read by the core's sentence reader (measures and
choices); tables by their columns, named with the reader's metric vocabulary."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from deckbuilder.core.outline.model import cell_number
from deckbuilder.core.reading.choices import Choice
from deckbuilder.core.reading.quantities import Measure
from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.rules.import_rules import ImportRules
from deckbuilder.core.rules.vocabulary import Metric, term

from .source import TableData


@dataclass(frozen=True)
class FoundMetric:
    name: str
    value: str
    baseline: str  # "" when the write-up states none
    baseline_label: str
    lower_is_better: bool
    sentence: str  # where it was stated: the sentence, or the table's place
    spread: str = ""
    where: str = ""  # the file and line or cell


@dataclass(frozen=True)
class FoundDecision:
    decision: str
    rationale: str
    alternative: str
    why_rejected: str
    source: str  # the text it was read from, kept off the slide's points
    strong: bool = False  # a verb of choice or an outcome ("decided to", "X worked best"), not "used" or "kept"


def _number(quantity_text: str) -> str:
    return quantity_text.replace(",", "") if re.fullmatch(r"[\d,]+(\.\d+)?", quantity_text) else quantity_text


class Claims:
    """Reads metrics and decisions with the sentence reader, and tables with the metric vocabulary."""

    def __init__(self, rules: ImportRules, reader: Reader) -> None:
        self.rules = rules
        self.reader = reader
        self.vocabulary = reader.vocabulary
        aliases = [(alias, m) for m in self.vocabulary.metrics if m.kind != "generic" for alias in m.aliases]
        self._columns = sorted(aliases, key=lambda pair: len(" ".join(pair[0])), reverse=True)

    # --- metrics ---------------------------------------------------------------------------------
    def found(self, measure: Measure, where: str = "") -> FoundMetric:
        """Return a measure as the outline writes a metric: the name as written when it carries a cut-off."""
        name = measure.metric or measure.named or "score"
        if (
            "@" in measure.named
            or " at " in measure.named.lower()
            or "(class" in measure.named
            or measure.metric == "rate"
        ):
            name = measure.named  # "Precision@10%", "click rate": as written
        baseline = measure.baseline
        return FoundMetric(
            name=name,
            value=_number(measure.value.text),
            baseline=_number(baseline.text) if baseline is not None else "",
            baseline_label=measure.baseline_label,
            lower_is_better=measure.lower_is_better,
            sentence=measure.sentence,
            spread=measure.spread.text if measure.spread is not None else "",
            where=where,
        )

    def key(self, name: str) -> str:
        """Return the metric a name stands for ("MAE (€)" and "mae" are both MAE), to keep one callout each."""
        return self.metric_column(name) or name.strip().lower()

    def metric_column(self, header: str) -> str | None:
        """Return the metric a table column is headed by ("MAE (€)", "CTR@5", "F1-score"), or None."""
        metric = self._metric_of_header(header)
        return metric.name if metric is not None else None

    def _metric_of_header(self, header: str) -> Metric | None:
        words = term(re.sub(r"[(\[].*?[)\]]|@\S*", " ", header).replace("_", " "))
        if not words:
            return None
        for alias, metric in self._columns:
            if words[: len(alias)] == alias or "".join(words) == "".join(alias):
                return metric
        return None

    def lower_is_better(self, name: str) -> bool:
        metric = self._metric_of_header(name) or self.vocabulary.metric(name)
        return metric is not None and metric.lower_is_better

    def table_metrics(self, table: TableData, best: int | None) -> list[FoundMetric]:
        """Return the best row's metrics against the table's baseline row ("Majority class", "v1", "Current"), or
        alone when no row is a baseline."""
        if best is None or len(table.rows) < 2:
            return []
        index = best - 1
        named = [
            i
            for i, row in enumerate(table.rows)
            if row and self.reader.baseline_terms.any(self.reader.sentence(row[0]).tokens)
        ]
        base_row = named[0] if named else None
        versions = all(re.search(r"\bv\d|version|iteration|release", row[0], re.I) for row in table.rows if row)
        if base_row is None and versions and index > 0:
            base_row = index - 1
        if base_row == index:
            return []
        found = []
        for col, header in enumerate(table.columns[1:], start=1):
            name = self.metric_column(header)
            if name is None:
                continue
            value = table.rows[index][col]
            base = table.rows[base_row][col] if base_row is not None else ""
            if cell_number(value) is None or (base_row is not None and (cell_number(base) is None or value == base)):
                continue
            label = ""
            if base_row is not None:
                label = " ".join(re.sub(r"\((?:the\s+)?baseline\)", "", table.rows[base_row][0]).split())
                label = label if label[:1].isupper() and any(c.isupper() for c in label[1:]) else label.lower()
            metric = FoundMetric(
                header.strip(),
                value.strip(),
                base.strip(),
                label,
                self.lower_is_better(name),
                table.where,
                where=table.where,
            )
            found.append(dataclasses.replace(metric))
        return found[:2]

    def best_row(self, columns: list[str], rows: list[list[str]], marked: set[int]) -> int | None:
        """Return the 1-based best row: the one the write-up marked, else the best on its first metric column."""
        if len(marked) == 1:
            return next(iter(marked)) + 1
        for col, name in enumerate(columns):
            if self.metric_column(name) is None:
                continue
            values = [cell_number(r[col]) if col < len(r) else None for r in rows]
            if sum(v is not None for v in values) < 2:
                continue
            lower = self.lower_is_better(name)
            candidates = [(v, i) for i, v in enumerate(values) if v is not None]
            best = min(candidates) if lower else max(candidates)
            if sum(1 for v, _ in candidates if v == best[0]) == 1:
                return best[1] + 1
        return None

    # --- decisions -------------------------------------------------------------------------------
    def decision(self, choice: Choice) -> FoundDecision:
        return FoundDecision(
            choice.chosen, choice.reason, choice.alternative, choice.why_not, choice.sentence, strong=choice.strong
        )

    def decisions(self, texts: list[str]) -> list[FoundDecision]:
        """Return the decisions a passage states (the reader's choices, read sentence by sentence in context)."""
        return [self.decision(choice) for choice in self.reader.choices_in(texts)]

    def table_decision(self, table: TableData, best: int | None) -> FoundDecision | None:
        """Return the best row chosen over the runner-up on the table's first metric column."""
        if best is None or len(table.rows) < 2 or not table.columns:
            return None
        for col, header in enumerate(table.columns[1:], start=1):
            name = self.metric_column(header)
            if name is None:
                continue
            lower = self.lower_is_better(header)
            values = [(cell_number(r[col]), i) for i, r in enumerate(table.rows) if col < len(r)]
            ranked = sorted(((v, i) for v, i in values if v is not None and i != best - 1), reverse=not lower)
            if not ranked or cell_number(table.rows[best - 1][col]) is None:
                continue
            runner = table.rows[ranked[0][1]]
            winner = table.rows[best - 1]
            if not winner[0].strip() or not runner[0].strip():
                return None
            word = "lowest" if lower else "highest"
            rationale = f"{word} {name} ({winner[col].strip()} against {runner[col].strip()})"
            return FoundDecision(winner[0].strip(), rationale, runner[0].strip(), "", table.where)
        return None
