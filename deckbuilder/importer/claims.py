"""The claims a write-up makes that a slide shows as structure: headline metrics against their baseline, and
decisions with their reason and the alternative they beat. Both are read from sentences and from tables."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from deckbuilder.core.outline.model import cell_number
from deckbuilder.core.rules.import_rules import ImportRules, phrase_pattern

from .extract import sentences
from .source import TableData

_NUM = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d*\.?\d+)(?![\d.]\d)"
_VALUE = rf"(?P<value>{_NUM})\s?(?P<pct>%|percent\b)?"
_BASE = rf"(?P<base>{_NUM})\s?(?P<bpct>%|percent\b)?"
# Words that end a baseline's label and are not part of it ("a naive rule gets 0.61" -> "naive rule").
_LABEL_NOISE = re.compile(
    r"^(?:an?|the|our|my|of|for|with|from|by)\s+|\s+(?:gets?|got|scores?|scored|achieves?|achieved|reaches|reached|"
    r"has|had|is|was|were|are|at|of|with|only|just|gives?|gave|manages?|managed)$",
    re.IGNORECASE,
)
_CHOICE_VERB = re.compile(
    r"^(?:(?:we|i)\s+(?:finally\s+|then\s+|ultimately\s+)?)?(?:used|use|chose|choose|picked|pick|went with|selected|"
    r"select|opted for|kept|keep|settled on|preferred|prefer|relied on|decided on|decided to use)\s+",
    re.IGNORECASE,
)
_OVER = re.compile(r"\s+over\s+", re.IGNORECASE)


@dataclass(frozen=True)
class FoundMetric:
    name: str
    value: str
    baseline: str
    baseline_label: str
    lower_is_better: bool
    sentence: str  # where it was stated: the sentence, or the table's place


@dataclass(frozen=True)
class FoundDecision:
    decision: str
    rationale: str
    alternative: str
    why_rejected: str
    source: str  # the text it was read from, kept off the slide's points


def _label(text: str | None) -> str:
    label = " ".join((text or "").split()).strip(" ,;:()-")
    label = re.split(r"\s+(?:on|in|at|during|across|over|when|after|before)\s+", label)[0]  # "random on the test set"
    for _ in range(3):
        label = _LABEL_NOISE.sub("", label).strip(" ,;:()-")
    return label if len(label.split()) <= 6 else ""


def _pct(number: str, pct: str | None) -> str:
    return number.replace(",", "") + ("%" if pct else "")


class Claims:
    """The patterns of layouts/import.yaml for metrics and decisions, compiled once."""

    def __init__(self, rules: ImportRules) -> None:
        self.rules = rules
        self.metric_names = {m.lower(): m for m in rules.metrics}
        self.longest_first = sorted(self.metric_names, key=len, reverse=True)  # "f1-score" before "f1"
        metric = phrase_pattern(list(rules.metrics)).pattern
        between = "|".join(re.escape(w) for w in sorted(rules.baseline_words, key=len, reverse=True))
        label = r"(?P<label>[\w '’-]{2,40}?)"
        self.forms = [
            # "PR-AUC of 0.43 vs 0.08 for random ranking", "MAPE 18% against 31% (naive)".
            re.compile(
                rf"(?P<name>{metric})\W{{0,3}}(?:[\w-]+\W+){{0,4}}?{_VALUE}"
                rf"[^.;]{{0,40}}?\b(?:{between})\W+(?P<pre>[\w '’-]{{0,30}}?)\s?{_BASE}"
                rf"(?:\s*(?:\(|for|from|of|with|by)?\s*{label})?(?=[),.;]|$)",
                re.IGNORECASE,
            ),
            # "a higher F1 (76.94) than model 1 (72.59)", "lower RMSE of 3.1 than the naive forecast at 4.0".
            re.compile(
                rf"\b(?:higher|lower|better|worse|greater|smaller)\s+(?P<name>{metric})\W{{0,3}}(?:of|at|:)?\s*\(?"
                rf"{_VALUE}\)?\s+than\s+(?P<label>[\w '’-]{{1,40}}?)\s*(?:\(|at\s+|of\s+|with\s+|:\s*)?{_BASE}\)?",
                re.IGNORECASE,
            ),
            # "accuracy went from 52% (the rule) to 66%", "raised recall from 0.31 to 0.58".
            re.compile(
                rf"(?P<name>{metric})\W{{0,3}}(?:[\w-]+\W+){{0,4}}?from\s+{_BASE}\s*(?:\((?P<label>[^)]{{2,40}})\))?"
                rf"\s+to\s+{_VALUE}",
                re.IGNORECASE,
            ),
        ]
        # A metric stated alone ("66% accuracy", "an F1 of 0.74"): its baseline may be in another sentence.
        self.alone = [
            re.compile(rf"{_VALUE}\s+(?:\w+\s+)?(?P<name>{metric})\b", re.IGNORECASE),
            re.compile(rf"(?P<name>{metric})\W{{0,3}}(?:(?:of|is|was|at|reaches|reached|=)\W+){{1,2}}{_VALUE}", re.I),
        ]
        self.base_sentence = re.compile(rf"(?P<label>[\w '’-]{{0,40}}?)\W{{0,3}}(?:\w+\W+){{0,4}}?{_BASE}", re.I)

    # --- metrics ---------------------------------------------------------------------------------
    def canonical(self, name: str) -> str:
        return self.metric_names.get(name.lower(), name)

    def _metric(self, name: str, value: str, base: str, label: str, sentence: str) -> FoundMetric:
        name = self.canonical(name)
        return FoundMetric(name, value, base, label, name.lower() in self.rules.lower_is_better, sentence)

    def metrics(self, texts: list[str]) -> list[FoundMetric]:
        """Return the metrics a section states with a baseline, in one sentence or across two of its sentences."""
        found: list[FoundMetric] = []
        said = [s for text in texts for s in sentences(text)]
        alone: list[tuple[str, str, str]] = []  # (name, value, sentence) stated without a baseline
        for sentence in said:
            hit = False
            for form in self.forms:
                for m in form.finditer(sentence):
                    value, base = _pct(m["value"], m["pct"]), _pct(m["base"], m["bpct"])
                    label = _label(m.groupdict().get("label") or m.groupdict().get("pre"))
                    if value != base:
                        found.append(self._metric(m["name"], value, base, label, sentence))
                        hit = True
            if not hit:
                for form in self.alone:
                    single = form.search(sentence)
                    if single:
                        alone.append((single["name"], _pct(single["value"], single["pct"]), sentence))
                        break
        for name, value, sentence in alone:
            baseline = self._baseline_elsewhere(value, sentence, said)
            if baseline is not None:
                found.append(self._metric(name, value, baseline[0], baseline[1], sentence))
        return _unique(found)

    def _baseline_elsewhere(self, value: str, stated: str, said: list[str]) -> tuple[str, str] | None:
        """Return (baseline, label) from another sentence that names a baseline with a number in the same unit."""
        for sentence in said:
            if sentence == stated:
                continue
            named = self.rules.baseline_names.search(sentence)
            if named is None:
                continue
            for number in re.finditer(rf"{_BASE}", sentence):
                base = _pct(number["base"], number["bpct"])
                if base != value and base.endswith("%") == value.endswith("%") and number.start() > named.start() - 40:
                    words = sentence[named.start() : number.start()]
                    label = _label(re.split(r"\b(?:is|was|gets?|scores?|of|at|reaches|achieves?)\b", words)[0])
                    return base, label or named.group().lower()
        return None

    def table_metrics(self, table: TableData, best: int | None) -> list[FoundMetric]:
        """Return the best row's metrics against the table's baseline row ("Majority class", "v1", "Current")."""
        if best is None or len(table.rows) < 2:
            return []
        index = best - 1
        named = [i for i, row in enumerate(table.rows) if row and self.rules.baseline_names.search(row[0])]
        base_row = named[0] if named else None
        versions = all(re.search(r"\bv\d|version|iteration|release", row[0], re.I) for row in table.rows if row)
        if base_row is None and versions and index > 0:
            base_row = index - 1
        if base_row is None or base_row == index:
            return []
        found = []
        for col, header in enumerate(table.columns[1:], start=1):
            name = self.metric_column(header)
            if name is None:
                continue
            value, base = table.rows[index][col], table.rows[base_row][col]
            if cell_number(value) is None or cell_number(base) is None or value == base:
                continue
            label = " ".join(re.sub(r"\((?:the\s+)?baseline\)", "", table.rows[base_row][0]).split())
            label = label if label[:1].isupper() and any(c.isupper() for c in label[1:]) else label.lower()
            metric = self._metric(name, value.strip(), base.strip(), label, table.where)
            found.append(FoundMetric(header.strip(), *dataclasses.astuple(metric)[1:]))  # "CTR@5" as the table says
        return found[:2]

    def key(self, name: str) -> str:
        """Return the metric a name stands for ("MAE (€)" and "mae" are both MAE), to keep one callout each."""
        return self.metric_column(name) or name.strip().lower()

    def metric_column(self, header: str) -> str | None:
        """Return the known metric a table column is headed by ("MAE (€)", "CTR@5"), or None."""
        key = header.strip().lower()
        return next((m for m in self.longest_first if key == m or key.startswith((m + " ", m + "@"))), None)

    def best_row(self, columns: list[str], rows: list[list[str]], marked: set[int]) -> int | None:
        """Return the 1-based best row: the one the write-up marked, else the best on its first metric column."""
        if len(marked) == 1:
            return next(iter(marked)) + 1
        for col, name in enumerate(columns):
            known = self.metric_column(name)
            if known is None:
                continue
            values = [cell_number(r[col]) if col < len(r) else None for r in rows]
            if sum(v is not None for v in values) < 2:
                continue
            lower = known in self.rules.lower_is_better
            candidates = [(v, i) for i, v in enumerate(values) if v is not None]
            best = min(candidates) if lower else max(candidates)
            if sum(1 for v, _ in candidates if v == best[0]) == 1:
                return best[1] + 1
        return None

    # --- decisions -------------------------------------------------------------------------------
    def decision(self, text: str) -> FoundDecision | None:
        """Return the decision a list item or sentence states with a reason and an alternative, else None."""
        because, instead = self.rules.because.search(text), self.rules.instead.search(text)
        over = _OVER.search(text) if _CHOICE_VERB.match(text) else None
        instead = instead or over
        if because is None or instead is None:
            return None
        body = text.rstrip(".")
        if instead.start() < because.start():
            choice = body[: instead.start()]
            alternative = body[instead.end() : because.start()]
            rationale = body[because.end() :]
        else:
            choice = body[: because.start()]
            rationale = body[because.end() : instead.start()]
            alternative = body[instead.end() :]
        alternative, _, why = alternative.partition(" which ")
        choice = _CHOICE_VERB.sub("", choice.strip(" ,;:-–"))
        parts = [p.strip(" ,;:-–") for p in (choice, rationale, alternative, why)]
        if not (parts[0] and parts[1] and parts[2]) or any(len(p.split()) > 25 for p in parts):
            return None
        return FoundDecision(parts[0][:1].upper() + parts[0][1:], parts[1], parts[2], parts[3], text)

    def table_decision(self, table: TableData, best: int | None) -> FoundDecision | None:
        """Return the best row chosen over the runner-up on the table's first metric column."""
        if best is None or len(table.rows) < 2 or not table.columns:
            return None
        for col, header in enumerate(table.columns[1:], start=1):
            name = self.metric_column(header)
            if name is None:
                continue
            values = [(cell_number(r[col]), i) for i, r in enumerate(table.rows) if col < len(r)]
            ranked = sorted(
                ((v, i) for v, i in values if v is not None and i != best - 1),
                reverse=name not in self.rules.lower_is_better,
            )
            if not ranked or cell_number(table.rows[best - 1][col]) is None:
                continue
            runner = table.rows[ranked[0][1]]
            winner = table.rows[best - 1]
            if not winner[0].strip() or not runner[0].strip():
                return None
            word = "lowest" if name in self.rules.lower_is_better else "highest"
            rationale = f"{word} {self.canonical(name)} ({winner[col].strip()} against {runner[col].strip()})"
            return FoundDecision(winner[0].strip(), rationale, runner[0].strip(), "", table.where)
        return None


def _unique(found: list[FoundMetric]) -> list[FoundMetric]:
    seen: set[str] = set()
    kept = []
    for metric in found:
        if metric.name not in seen:
            seen.add(metric.name)
            kept.append(metric)
    return kept
