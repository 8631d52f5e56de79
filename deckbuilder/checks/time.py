"""Time findings (T-codes): is the talk the right length, and is its time well spent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.core.durations import format_duration as fmt
from deckbuilder.core.findings import Finding

if TYPE_CHECKING:
    from deckbuilder.core.config import Config
    from deckbuilder.core.outline import Outline
    from deckbuilder.core.planner import Plan


def check(outline: Outline, plan: Plan, config: Config) -> list[Finding]:
    """Return the T-findings of ``plan``."""
    limits = config.template.limits
    found: list[Finding] = []
    duration = plan.duration_s
    if not limits.duration_min_s <= duration <= limits.duration_max_s:
        found.append(
            config.finding(
                "T001",
                f"the talk is {fmt(duration)}; panels book {fmt(limits.duration_min_s)}-"
                f"{fmt(limits.duration_max_s)} for it. Set `duration:` to the slot you were given.",
            )
        )
    main = plan.main_slides
    if not limits.main_slides_min <= len(main) <= limits.main_slides_max:
        per = fmt(plan.main_s / len(main)) if main else "0:00"
        advice = "merge slides" if len(main) > limits.main_slides_max else "split the densest slide"
        found.append(
            config.finding(
                "T002",
                f"{len(main)} main slides (about {per} each); aim for {limits.main_slides_min}-"
                f"{limits.main_slides_max} at about two minutes a slide: {advice}.",
            )
        )
    if plan.pinned_s > duration:
        over = plan.pinned_s - duration
        found.append(
            config.finding(
                "T008",
                f"pinned `time:` values add up to {fmt(plan.pinned_s)}, {fmt(over)} more than the "
                f"{fmt(duration)} talk. Shorten or unpin slides (a bare number means minutes: "
                "write 45s for seconds).",
            )
        )
    elif plan.total_s < duration:
        found.append(
            config.finding(
                "T010",
                f"every slide is pinned and the budgets add up to {fmt(plan.total_s)} of the "
                f"{fmt(duration)} talk; unpin a slide or pin the remaining {fmt(duration - plan.total_s)}.",
            )
        )
    found.extend(_shares(plan, config))
    if not any(s.kind == "error_analysis" for s in outline.slides):
        found.append(
            config.finding(
                "T006",
                "no error_analysis slide: add one showing where the model fails and which errors cost most.",
            )
        )
    if plan.observed_s and plan.decided_s < limits.decided_to_observed_min * plan.observed_s:
        ratio = plan.decided_s / plan.observed_s
        found.append(
            config.finding(
                "T007",
                f"decided : observed time is {ratio:.1f} : 1 ({fmt(plan.decided_s)} on decisions and "
                f"results, {fmt(plan.observed_s)} on exploration); aim for at least "
                f"{limits.decided_to_observed_min:g} : 1 by cutting exploration.",
            )
        )
    for slide in main:
        if slide.budget_s is not None and slide.budget_s < limits.slide_min_s:
            found.append(
                config.finding(
                    "T009",
                    f"'{slide.title}' gets {fmt(slide.budget_s)}, under the {fmt(limits.slide_min_s)} "
                    "a slide needs to be read; merge it into a neighbour or give it time.",
                    slide=slide.index,
                )
            )
    return found


def _shares(plan: Plan, config: Config) -> list[Finding]:
    if plan.main_s <= 0:
        return []
    found = []
    for share in plan.shares:
        code = share.code
        if share.ok:
            continue
        target = f"aim for {share.target_pct}%" if share.target_pct is not None else ""
        if share.max_pct is not None and share.pct > share.max_pct:
            found.append(
                config.finding(
                    code,
                    f"{share.label} takes {share.pct}% of the talk ({fmt(share.seconds)}); keep it at "
                    f"{share.max_pct}% or less and show only what drove a decision.",
                )
            )
        else:
            found.append(
                config.finding(
                    code,
                    f"{share.label} get {share.pct}% of the talk ({fmt(share.seconds)}), under "
                    f"{share.min_pct}%; {target} by moving time from framing or exploration slides.",
                )
            )
    return found
