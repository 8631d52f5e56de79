"""Whether a next step says what will be done: a concrete act on named data, or only a kind of work.

A step is vague when it defers to no time ("eventually", "when there is bandwidth") or when every word it holds,
after a label before a colon ("Q2: ..."), is generic work, a generic object or a filler (layouts/reading.yaml,
vague): "improve the model", "more feature engineering", "experiment with ensembles and whatnot". One word
that names something ("the pharmacy feed", "rural routes"), or a number, makes it concrete.
"""

from __future__ import annotations

from .horizon import open_ended
from .lexicon import Lexicon
from .sentences import Sentence


def vague_step(reader: Lexicon, sentence: Sentence) -> str | None:
    """Return why a next step is vague, or None when it is concrete."""
    if open_ended(reader, sentence):
        return "defers to no time in particular"
    tokens = sentence.tokens
    colon = next((k for k, t in enumerate(tokens) if t.text == ":"), None)
    action = tokens[colon + 1 :] if colon is not None and colon + 1 < len(tokens) else tokens
    if any(t.is_number for t in action):
        return None
    generic = [reader.vague_words(name) for name in ("work", "objects", "fillers")]
    k, said, named = 0, 0, False
    while k < len(action):
        token = action[k]
        if not token.is_word or reader.words.is_function(token):
            k += 1
            continue
        hit = next(((i, m.at(action, k)) for i, m in enumerate(generic) if m.at(action, k) is not None), None)
        if hit is None:
            return None  # a word that names something
        index, found = hit
        assert found is not None
        named = named or index < 2
        said += 1
        k += found[1]
    if said and named:  # "more data", "improve the model"; not a filler alone
        return "names a kind of work but not what, on which data or segment, or what result would justify it"
    return None
