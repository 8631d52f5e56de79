"""Panel findings (A-codes): what each kind of panel looks for, checked when `audience:` is set."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from deckbuilder.checks.reading import reader_for
from deckbuilder.checks.text import main_slides, said, shown
from deckbuilder.core.reading.ablation import ablates
from deckbuilder.core.reading.business import per_period
from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.rules.lexicon import Lexicon, normalise
from deckbuilder.core.rules.vocabulary import Term

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan


Panel = Callable[["Outline", "Config"], list[Finding]]


def _talk_mentions(outline: Outline, words: tuple[Term, ...], config: Config) -> bool:
    """Whether a main slide says one of ``words``, read by lemma ("monitored" says "monitor")."""
    reader = reader_for(config)
    found = reader.matcher(words)
    return any(
        found.any(sentence.tokens)
        for _, s in main_slides(outline, config)
        for _, t in said(s)
        for sentence in reader.sentences(t)
    )


def _faang(outline: Outline, config: Config) -> list[Finding]:
    lex = config.lexicon
    found = []
    reader = reader_for(config)
    # a word of spread or a "±", read by the sentence reader: "25-fold what random finds" is a multiple, no spread
    has_spread = any(m.spread is not None for s in outline.slides for m in s.metrics) or any(
        reader.spread_terms.any(sentence.tokens) or any(t.key == "±" for t in sentence.tokens)
        for _, s in main_slides(outline, config)
        if s.kind == "results"
        for _, t in said(s)
        for sentence in reader.sentences(t)
    )
    if not has_spread:
        found.append(
            config.finding(
                "A001",
                "no metric carries its spread; a big-tech panel will ask how stable it is. Add `spread:` "
                "(fold standard deviation or interval) to the headline metric.",
            )
        )
    if not _talk_mentions(outline, lex.production, config):
        found.append(
            config.finding(
                "A002",
                "nothing says how this would run in production; add one line on scale, latency, "
                "monitoring or retraining: how much it scores, how fast, and how you would know it drifted.",
            )
        )
    return found


def _startup(outline: Outline, config: Config) -> list[Finding]:
    lex = config.lexicon
    reader = reader_for(config)
    results = [(i, s) for i, s in main_slides(outline, config) if s.kind == "results"]
    for _, slide in results:
        for _, text in shown(slide):
            if lex.money.search(normalise(text)) or any(per_period(reader, s) for s in reader.sentences(text)):
                return []
    return [
        config.finding(
            "A003",
            "no results slide puts a business figure in front of a startup panel; add money or cases per "
            "month, and what acting on the model costs against what it returns.",
            slide=results[0][0] if results else None,
        )
    ]


def _needs(code: str, words: Callable[[Lexicon], tuple[Term, ...]], message: str) -> Panel:
    """Return a panel check that wants one of ``words`` said somewhere in the talk."""

    def check(outline: Outline, config: Config) -> list[Finding]:
        return [] if _talk_mentions(outline, words(config.lexicon), config) else [config.finding(code, message)]

    return check


def _research(outline: Outline, config: Config) -> list[Finding]:
    reader = reader_for(config)
    for _, slide in main_slides(outline, config):
        lines = [t for _, t in said(slide)]
        if slide.table is not None:  # a row of an ablation table, with its column names: "PR-AUC 0.46"
            names = slide.table.columns
            lines += [", ".join(f"{n} {c}" for n, c in zip(names, row, strict=False)) for row in slide.table.rows]
        if any(ablates(reader, sentence) for text in lines for sentence in reader.sentences(text)):
            return []
    return [
        config.finding(
            "A004",
            "a research panel will ask which part carries the result; add an ablation: the metric with and "
            "without the part you credit for the result.",
        )
    ]


_consulting = _needs(
    "A005",
    lambda lex: lex.recommendation,
    "the talk never states a recommendation; end the story with the decision you advise: "
    "what to do, for whom, how often, and what it should return.",
)
_fintech = _needs(
    "A006",
    lambda lex: lex.interpretability,
    "nothing addresses interpretability or bias, which a regulated business must; add how a "
    "decision is explained (reason codes, SHAP) and which groups you checked for fairness.",
)


PANELS: dict[str, Panel] = {
    "faang": _faang,
    "startup": _startup,
    "research": _research,
    "consulting": _consulting,
    "fintech": _fintech,
}


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return the findings for the outline's audience, if it names one."""
    if outline.audience is None or outline.audience not in PANELS:
        return []
    return PANELS[outline.audience](outline, config)
