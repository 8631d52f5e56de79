"""Time findings (T-codes): is the talk the right length, and is its time well spent.

The shares are judged on the talk as it will be given (the plan's ``given_s``: rehearsed times, or the
material's estimate where it clearly exceeds a budget). A finding names the slides to change and by how
much, and one cause gives one finding: too much exploration is T003, not also T004, T005 and T007; pins that
do not fit are T008 and no share finding; a slide holding more than its budget is T011, not also a share short
because of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.core.rules.findings import Finding
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.shares import Share

if TYPE_CHECKING:
    from deckbuilder.core.outline.model import Outline
    from deckbuilder.core.rules.config import Config
    from deckbuilder.core.timing.planner import Plan
    from deckbuilder.core.timing.talk import TimedSlide


def _judged(plan: Plan) -> str:
    return {
        "rehearsals": " in your rehearsals",
        "material": " as its material will run",
    }.get(plan.judged_on, "")


def _names(slides: list[tuple[TimedSlide, float]]) -> str:
    return ", ".join(f"slide {s.index} ({fmt(t)}{'*' if s.pinned else ''})" for s, t in slides)


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
        said = f"{len(main)} main slides (about {per} each)"
        if not main:  # a talk not written yet: nothing to split
            said, advice = "no main slides yet", "start from the problem, results and error analysis"
        found.append(
            config.finding(
                "T002",
                f"{said}; aim for {limits.main_slides_min}-{limits.main_slides_max} at about two minutes a "
                f"slide: {advice}.",
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
    elif plan.total_s < duration and main:  # with no main slide yet, T002 says what is missing
        found.append(
            config.finding(
                "T010",
                f"every slide is pinned and the budgets add up to {fmt(plan.total_s)} of the "
                f"{fmt(duration)} talk; unpin a slide or pin the remaining {fmt(duration - plan.total_s)}.",
            )
        )
    material = _material(plan, config)
    overloaded = {f.slide for f in material if f.code == "T011" and f.slide is not None}
    if plan.pinned_s <= duration:  # pins that do not fit make every share wrong: T008 is the one cause
        found.extend(_shares(plan, config, overloaded))
    if not any(s.kind == "error_analysis" for s in outline.slides):
        found.append(
            config.finding(
                "T006",
                "no error_analysis slide: add one showing where the model fails and which errors cost most.",
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
    found.extend(material)
    return found


def _material(plan: Plan, config: Config) -> list[Finding]:
    """T011 for a slide whose material (or rehearsed time) clearly exceeds its budget; T012 for the talk."""
    model = config.time_model
    found = []
    rehearsed = plan.judged_on == "rehearsals"
    for slide, need, spoken in zip(plan.slides, plan.needs_s, plan.rehearsed_s, strict=True):
        budget = slide.budget_s
        if budget is None or not slide.main:
            continue
        if spoken is not None and model.too_much(spoken, budget):
            found.append(
                config.finding(
                    "T011",
                    f"slide {slide.index} took {fmt(spoken)} in your rehearsals for its {fmt(budget)}: cut it to "
                    f"what you can say in {fmt(budget)}, or give it time from a slide that finishes early.",
                    slide=slide.index,
                )
            )
        elif not rehearsed and model.too_much(need, budget):
            found.append(
                config.finding(
                    "T011",
                    f"slide {slide.index} holds about {fmt(need)} of material for {fmt(budget)}: cut points, "
                    "or split it and give the second half its own time.",
                    slide=slide.index,
                )
            )
    spoken_total = sum(t for t, s in zip(plan.given_s, plan.slides, strict=True) if s.budget_s is not None)
    needed = sum(n for n, s in zip(plan.needs_s, plan.slides, strict=True) if s.budget_s is not None and s.main)
    total, label = (spoken_total, "your rehearsals take") if rehearsed else (needed, "the material needs about")
    if total > plan.duration_s * 1.02:  # a few seconds over is timing noise, not a talk to cut
        found.append(
            config.finding(
                "T012",
                f"{label} {fmt(total)} for a {fmt(plan.duration_s)} talk: cut {fmt(total - plan.duration_s)} "
                "of content (the slides flagged T011 first); speaking faster is not the fix.",
            )
        )
    return found


def _fine_at_budget(plan: Plan, seconds: float, kinds: tuple[str, ...], min_pct: float, overloaded: set[int]) -> bool:
    """Whether a share would meet its floor if the overloaded slides took only their budgets."""
    main_s = seconds_in = 0.0
    for slide, given in zip(plan.slides, plan.given_s, strict=True):
        if not slide.main:
            continue
        taken = float(slide.budget_s) if slide.index in overloaded and slide.budget_s is not None else given
        main_s += taken
        seconds_in += taken if slide.kind in kinds else 0.0
    return main_s > 0 and seconds_in >= min_pct * main_s / 100


def _section(plan: Plan, share: Share, kinds: tuple[str, ...]) -> list[tuple[TimedSlide, float]]:
    return [(s, t) for s, t in zip(plan.slides, plan.given_s, strict=True) if s.main and s.kind in kinds]


def _shares(plan: Plan, config: Config, overloaded: set[int]) -> list[Finding]:
    """T003, T004, T005 and T007; a share short only because of slides T003 or T011 already name (too much
    exploration, a slide holding more than its time) is not reported again."""
    template = config.template
    main_s = sum(t for s, t in zip(plan.slides, plan.given_s, strict=True) if s.main)
    if main_s <= 0:
        return []
    by_name = {s.name: s for s in plan.shares}
    found: list[Finding] = []
    eda = by_name.get("eda")
    excess = 0.0
    if eda is not None and eda.too_high and eda.max_pct is not None:
        excess = eda.seconds - eda.max_pct * main_s / 100
        slides = sorted(_section(plan, eda, template.shares["eda"].kinds), key=lambda st: -st[1])
        found.append(
            config.finding(
                "T003",
                f"{eda.label} takes {eda.pct}% of the talk{_judged(plan)} ({fmt(eda.seconds)}); keep it at "
                f"{eda.max_pct}% or less by cutting {fmt(excess)} from {_names(slides)}: keep the one finding "
                "that drove a decision and move the rest to the appendix.",
                slide=slides[0][0].index if slides else None,
            )
        )
    for name in ("core", "closing"):
        share = by_name.get(name)
        if share is None or share.ok or share.min_pct is None:
            continue
        short = share.min_pct * main_s / 100 - share.seconds
        if excess >= short:
            continue  # the exploration excess is where this time went: T003 says so
        rule = template.shares[name]
        others = [
            (s, t)
            for s, t in zip(plan.slides, plan.given_s, strict=True)
            if s.main and s.kind not in rule.kinds and t > 0
        ]
        pinned = [(s, t) for s, t in others if s.pinned]
        donors = pinned or sorted(others, key=lambda st: -st[1])[:2]
        if excess > 0 and all(s.kind in template.shares["eda"].kinds for s, _ in donors):
            continue  # the time sits on the exploration slides T003 already names: one cause, one finding
        if overloaded and _fine_at_budget(plan, share.seconds, rule.kinds, share.min_pct, overloaded):
            continue  # short only because slides T011 names run past their budgets: that is the one cause
        why = "the pinned times of" if pinned else "the heaviest other slides,"
        target = f" (target {share.target_pct}%)" if share.target_pct is not None else ""
        found.append(
            config.finding(
                share.code,
                f"{share.label} get {share.pct}% of the talk{_judged(plan)} ({fmt(share.seconds)}), under "
                f"{share.min_pct}%{target}: move {fmt(short)} to them from {why} {_names(donors)}.",
            )
        )
    decided_min = template.limits.decided_to_observed_min
    if plan.observed_s and plan.decided_s < decided_min * plan.observed_s and excess <= 0:
        ratio = plan.decided_s / plan.observed_s
        found.append(
            config.finding(
                "T007",
                f"decided : observed time is {ratio:.1f} : 1 ({fmt(plan.decided_s)} on decisions and "
                f"results, {fmt(plan.observed_s)} on exploration); aim for at least "
                f"{decided_min:g} : 1 by cutting exploration.",
            )
        )
    return found
