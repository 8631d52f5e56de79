"""Write the commented starter outline that `deck new` gives a new user."""

from __future__ import annotations

from deckbuilder.core.outline.fields import unknown_choice
from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.text.durations import DurationError, spell_duration, talk_duration
from deckbuilder.errors import DeckError


def starter_text(path: str, duration: str, audience: str | None, config: Config | None = None) -> str:
    """Return the starter outline for ``duration`` and ``audience``."""
    config = config or default_config()
    try:
        seconds = talk_duration(duration, config.limits.duration_max_s)  # the rule an outline's duration: obeys
    except DurationError as exc:
        raise DeckError(f"--duration: {exc}") from None
    audiences = config.template.audiences
    if audience is not None and audience not in audiences:
        raise DeckError("--audience: " + unknown_choice("audience", audience, tuple(audiences)))
    text = config.file("starter.yaml").read_text(encoding="utf-8")
    line = f"audience: {audience}         # {audiences[audience]}\n" if audience else ""
    return text.replace("{path}", path).replace("{duration}", spell_duration(seconds)).replace("{audience}", line)
