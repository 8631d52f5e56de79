"""Findings from a planned talk: each check reads the Plan, the Outline and the Config, never the planner.

`plan_talk` is the one entry point that times the talk (core.planner) and then reviews it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

from deckbuilder.core.outline.model import Outline
from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.rules.findings import Finding, keep
from deckbuilder.core.timing.planner import Plan, plan

from . import audience, capacity, numbers, placeholders, time, titles, wording

Check = Callable[[Outline, Plan, Config], list[Finding]]
CHECKS: tuple[Check, ...] = (
    time.check,
    titles.check,
    numbers.check,
    wording.check,
    capacity.check,
    audience.check,
    placeholders.check,
)


def run_checks(
    outline: Outline,
    talk: Plan,
    config: Config,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Return the findings of every check, filtered and in reading order."""
    found: list[Finding] = []
    for check in CHECKS:
        found.extend(check(outline, talk, config))
    # A placeholder's C013 says all there is to say: its title and points are the candidate's to write.
    unwritten = placeholders.unwritten(outline)
    found = [f for f in found if not (f.slide in unwritten and f.code.startswith("C") and f.code != "C013")]
    return keep(found, [s.ignore for s in outline.slides], select=select, ignore=ignore)


def plan_talk(
    outline: Outline,
    config: Config | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rehearsed: Mapping[str, float] | None = None,
    speaker_wpm: float | None = None,
) -> Plan:
    """Plan ``outline`` and review it: budgets, shares and every finding not silenced.

    ``rehearsed`` holds each slide's rehearsed time by key, when the talk has been rehearsed: the shares
    and T011 are then judged on how the talk is actually given. ``speaker_wpm``, the speaker's own rate heard
    with --listen, is the rate at which each slide's material is said.
    """
    config = config or default_config()
    timed = plan(outline, config, rehearsed, speaker_wpm)
    return dataclasses.replace(timed, findings=run_checks(outline, timed, config, select=select, ignore=ignore))
