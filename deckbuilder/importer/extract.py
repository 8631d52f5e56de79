"""What a section's text says that a slide can use: a takeaway sentence, points, metrics, decisions, a best row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckbuilder.core.import_rules import ImportRules, phrase_pattern
from deckbuilder.core.outline import cell_number

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?(?:%|x\b|pp\b|percent\b)?")
_COMPARE = re.compile(
    r"\b(?:than|vs\.?|versus|over|beats?|outperform\w*|improv\w*|reduc\w*|increas\w*|cut|drops?|rais\w*|"
    r"lift|better|worse|higher|lower|faster|slower|from|to)\b",
    re.IGNORECASE,
)
_VAGUE_START = re.compile(r"^(?:this|these|the following|below|above|here|in this|we will|i will|let's)\b", re.I)
_VALUE = r"(?P<value>[-+]?\d*\.?\d+)(?![\d.])\s?(?P<pct>%)?"
_BASE = r"(?P<base>[-+]?\d*\.?\d+)(?![\d.])\s?(?P<bpct>%)?"


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (keeping decimals and abbreviations like "e.g." whole)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def finding_score(sentence: str) -> float:
    """Score how much a sentence reads as a finding: numbers and comparisons count, vague openers and length cost."""
    words = len(sentence.split())
    if words < 4:
        return 0.0
    score = 2.0 * min(len(_NUMBER.findall(sentence)), 2) + 1.0 * min(len(_COMPARE.findall(sentence)), 2)
    if _VAGUE_START.match(sentence):
        score -= 2
    if sentence.endswith(":") or sentence.endswith("?"):
        score -= 3
    return score - max(0, words - 25) * 0.15


def shorten(text: str, limit: int) -> str:
    """Cut text to ``limit`` characters at a sentence or clause end, else at a word."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    for mark in (". ", "; ", " - ", " – ", ", "):
        cut = head.rfind(mark)
        if cut > limit // 2:
            return head[:cut].rstrip(" ,;-–")
    return head.rsplit(" ", 1)[0].rstrip(" ,;-–") + "…"


def title_from(sentence: str, words: int) -> str:
    """Return a sentence as a slide title: no trailing full stop, cut at a clause when long."""
    text = sentence.strip().rstrip(".")
    if len(text.split()) <= words:
        return text
    clauses = [c.strip() for c in re.split(r"[,;:]\s+|\s+[–-]\s+|\s+\(|\s+because\s+", text)]
    fitting = [c for c in clauses if 4 <= len(c.split()) <= words]
    if fitting:
        # The first clause, unless it has no number and a later clause of some length states one.
        best = fitting[0]
        if not _NUMBER.search(best):
            best = next((c for c in fitting if _NUMBER.search(c) and len(c.split()) >= 7), best)
        return best[:1].upper() + best[1:]
    return " ".join(text.split()[:words]).rstrip(",;:") + "…"


@dataclass(frozen=True)
class FoundMetric:
    name: str
    value: str
    baseline: str
    baseline_label: str
    lower_is_better: bool
    sentence: str


class Extractor:
    """The patterns of layouts/import.yaml, compiled once."""

    def __init__(self, rules: ImportRules) -> None:
        self.rules = rules
        self.metric_names = {m.lower(): m for m in rules.metrics}
        metric = phrase_pattern(list(rules.metrics)).pattern
        between = "|".join(re.escape(w) for w in sorted(rules.baseline_words, key=len, reverse=True))
        # "PR-AUC of 0.43 vs 0.08 for random ranking", "MAPE 18% against 31% (naive)".
        self.metric_pattern = re.compile(
            rf"(?P<name>{metric})\W{{0,3}}(?:\w+\W+){{0,3}}?{_VALUE}"
            rf"[^.;]{{0,40}}?\b(?:{between})\W+(?:(?:an?|the)\s+)?(?P<pre>[\w -]{{0,30}}?)\s?{_BASE}"
            rf"(?:\s*(?:\(|for|from|of|with)?\s*(?:an?\s+|the\s+)?(?P<label>[\w '’-]{{2,40}}?))?(?=[),.;]|$)",
            re.IGNORECASE,
        )
        self.metric_alone = re.compile(rf"^(?P<name>{metric})$", re.IGNORECASE)

    def best_sentence(self, texts: list[str]) -> tuple[str, float] | None:
        """Return the sentence of ``texts`` that reads most as a finding, with its score."""
        scored = [(s, finding_score(s)) for text in texts for s in sentences(text)]
        scored = [(s, score) for s, score in scored if score > 0]
        return max(scored, key=lambda pair: pair[1]) if scored else None

    def metrics(self, texts: list[str]) -> list[FoundMetric]:
        """Return headline metrics stated with a baseline ("PR-AUC of 0.43 vs 0.08 for random")."""
        found: list[FoundMetric] = []
        for text in texts:
            for sentence in sentences(text):
                for match in self.metric_pattern.finditer(sentence):
                    name = self.metric_names.get(match["name"].lower(), match["name"])
                    label = (match["label"] or match["pre"] or "").strip()
                    value = match["value"] + (match["pct"] or "")
                    base = match["base"] + (match["bpct"] or "")
                    if any(f.name == name for f in found):
                        continue
                    lower = name.lower() in self.rules.lower_is_better
                    found.append(FoundMetric(name, value, base, label, lower, sentence))
        return found

    def decision(self, item: str) -> tuple[str, str, str, str] | None:
        """Return (decision, rationale, alternative, why rejected) when an item states a reason and an alternative."""
        because, instead = self.rules.because.search(item), self.rules.instead.search(item)
        if because is None or instead is None:
            return None
        text = item.rstrip(".")
        if instead.start() < because.start():
            choice = text[: instead.start()]
            alternative = text[instead.end() : because.start()]
            rationale = text[because.end() :]
        else:
            choice = text[: because.start()]
            rationale = text[because.end() : instead.start()]
            alternative = text[instead.end() :]
        alternative, _, why = alternative.partition(" which ")
        parts = [p.strip(" ,;:-–") for p in (choice, rationale, alternative, why)]
        if not (parts[0] and parts[1] and parts[2]):
            return None
        return parts[0], parts[1], parts[2], parts[3]

    def best_row(self, columns: list[str], rows: list[list[str]], marked: set[int]) -> int | None:
        """Return the 1-based best row: the one the write-up marked, else the best on its first metric column."""
        if len(marked) == 1:
            return next(iter(marked)) + 1
        for col, name in enumerate(columns):
            key = name.strip().lower()
            known = next((m for m in self.metric_names if m == key or key.startswith(m + " ")), None)
            if known is None:
                continue
            values = [cell_number(r[col]) for r in rows]
            if sum(v is not None for v in values) < 2:
                continue
            lower = known in self.rules.lower_is_better
            candidates = [(v, i) for i, v in enumerate(values) if v is not None]
            best = min(candidates) if lower else max(candidates)
            if sum(1 for v, _ in candidates if v == best[0]) == 1:
                return best[1] + 1
        return None


def numbered(paragraph: str) -> list[str]:
    """Return the sentences of a paragraph that carry a number (the ones worth a bullet)."""
    return [s for s in sentences(paragraph) if _NUMBER.search(s) and len(s.split()) >= 5]
