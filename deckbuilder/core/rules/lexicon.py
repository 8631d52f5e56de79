"""Load the content word lists and patterns from layouts/content.yaml, compiled once."""

import re
from typing import Any, NamedTuple

from deckbuilder.core.rules.vocabulary import Term, terms

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_TOKEN = re.compile(r"[a-z0-9][a-z0-9@&²'.-]*")


def normalise(text: str) -> str:
    """Lower-case ``text`` and straighten its quotes, so one pattern fits every spelling."""
    return text.translate(_APOSTROPHES).lower()


def words(text: str) -> list[str]:
    """Return the words of ``text``, trailing punctuation removed."""
    return [w.rstrip(".'-") for w in _TOKEN.findall(normalise(text)) if w.rstrip(".'-")]


def _any_of(phrases: list[str]) -> re.Pattern[str]:
    """Compile phrases into one pattern that matches any of them as whole words."""
    parts = sorted((p if _is_regex(p) else re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _is_regex(text: str) -> bool:
    return "\\" in text


# Read once, never changed: a named tuple, for the reason core/rules/settings.py gives.
class Lexicon(NamedTuple):
    """Every list the content and panel checks match text against."""

    code: tuple[re.Pattern[str], ...]
    hedge_advice: dict[str, str]  # C007: what to say instead, by hedge family
    money: re.Pattern[str]
    heatmap: re.Pattern[str]
    baseline_examples: dict[str, str]  # the baseline to suggest, by the kind of the talk's metrics
    max_categories: int
    rare_share: float  # C003: a class under this share of the cases (percent) is rare
    common_share: float  # C003: a class given at least this share (percent) is common
    segment_kinds: frozenset[str]  # C003: slides whose small shares are segments, not a class
    production: tuple[Term, ...]  # A-codes: words read by lemma with the sentence reader
    recommendation: tuple[Term, ...]
    interpretability: tuple[Term, ...]


def compile_lexicon(raw: dict[str, Any]) -> Lexicon:
    """Return the lexicon of a parsed content.yaml, every pattern compiled."""
    business = raw["business_patterns"]
    return Lexicon(
        code=tuple(re.compile(p, re.MULTILINE) for p in raw["code_patterns"]),
        hedge_advice={str(k): str(v) for k, v in raw["hedge_advice"].items()},
        money=re.compile(business["money"]),
        heatmap=_any_of(raw["heatmap_words"]),
        baseline_examples={str(k): str(v) for k, v in raw["baseline_examples"].items()},
        max_categories=int(raw["max_categories"]),
        rare_share=float(raw["rare_class"]["share_under"]),
        common_share=float(raw["rare_class"]["common_from"]),
        segment_kinds=frozenset(str(k) for k in raw["rare_class"]["not_on"]),
        production=terms(raw["production_markers"]),
        recommendation=terms(raw["recommendation_markers"]),
        interpretability=terms(raw["interpretability_markers"]),
    )
