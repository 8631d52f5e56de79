"""What a whole write-up states, gathered before slides are drafted: every measured number (prose, printed
cells, comparison tables) as a headline candidate, and every decision with the section it stands in."""

from __future__ import annotations

from dataclasses import dataclass

from deckbuilder.core.reading.reader import Reader

from .claims import Claims, FoundDecision
from .headline import PRINTOUT, PROSE, TABLE, Candidate
from .mapping import Mapped
from .printouts import printed_measures
from .source import Section


@dataclass
class Decided:
    decision: FoundDecision
    section: Section
    kind: str | None
    order: int

    @property
    def quality(self) -> int:
        """How complete a decision is: its reason and its alternative count most, and a verb of choice ("I decided
        to", "X was selected") marks what the writer chose, where "used" may only describe."""
        d = self.decision
        # a reason that is a clause ("as they may add signal") says more than a phrase ("for model training")
        reason = 2 if len(d.rationale.split()) >= 4 else bool(d.rationale)
        return reason + 2 * bool(d.alternative) + 2 * d.strong + (len(d.decision.split()) <= 8)


def candidates(mapped: list[Mapped], reader: Reader, claims: Claims, figures: int) -> list[Candidate]:
    """Return every number the write-up measures, in order, with the section kind it stands in."""
    found: list[Candidate] = []
    for m in mapped:
        if m.skip:
            continue
        section = m.section
        for measure in reader.measures_in([*section.paragraphs, *section.items]):
            found.append(Candidate(measure, None, section.where, PROSE, m.kind, len(found)))
        for printout in section.printouts:
            for k, measure in enumerate(printed_measures(reader, printout, figures)):
                found.append(Candidate(measure, None, printout.where, PRINTOUT, m.kind, len(found), k == 0))
        for table in section.tables:
            best = claims.best_row(table.columns, table.rows, table.bold_rows)
            for metric in claims.table_metrics(table, best):
                found.append(Candidate(None, metric, table.where, TABLE, m.kind, len(found)))
    return found


def decisions(mapped: list[Mapped], claims: Claims) -> list[Decided]:
    """Return every decision the write-up states, in order, each once."""
    found: list[Decided] = []
    seen: set[str] = set()
    for m in mapped:
        if m.skip or m.kind == "next_steps":
            continue  # what is still to do was not decided: it stays a step
        section = m.section
        for text in [*section.items, *section.paragraphs]:
            for decision in claims.decisions([text]):
                if claims.reader.looks_ahead(decision.source):
                    continue
                key = decision.decision.lower()
                if key in seen:
                    continue
                seen.add(key)
                found.append(Decided(decision, section, m.kind, len(found)))
    return found
