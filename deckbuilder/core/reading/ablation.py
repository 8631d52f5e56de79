"""An ablation (A004), read by structure: a part taken out of the method and what that did to a metric, or the
word itself."""

from __future__ import annotations

from .lexicon import Lexicon
from .sentences import Sentence


def ablates(reader: Lexicon, sentence: Sentence) -> bool:
    """Whether a sentence reports an ablation: "Removing reader rhythm costs 0.08 PR-AUC", a table row read with
    its column names ("Without demographics, PR-AUC 0.46"), "an ablation of the three feature groups" (`ablation`
    in layouts/reading.yaml)."""
    tokens = sentence.tokens
    words = reader.vocabulary.ablation
    if reader.matcher(words["named"]).any(tokens):
        return True
    # what the removal did to a metric, named in the sentence (a scope line's "covers only 12% of the network"
    # measures no metric)
    if not reader.metric_terms.any(tokens):
        return False
    grammar = reader.words.grammar
    for start, end, _ in reader.matcher(words["removals"]).find(tokens):
        rest = tokens[end : end + 3]
        if rest and (rest[0].is_number or rest[0].key in ("to", "by", "from", "below", "under")):
            continue  # "quality drops to 0.61": a metric falling, nothing taken out
        before = tokens[start - 1].key if start > 0 else ""
        if before in grammar.determiners or before in grammar.prepositions or before == "(":
            continue  # "(dropped calls, ...)", "the dropped rows": a kind of thing, no act of removing
        if any(t.is_word and reader.words.is_content(t) for t in rest):
            return True  # a part named after the act: "removing reader rhythm", "without demographics"
    return False
