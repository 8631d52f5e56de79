"""The pacing arithmetic: schedule, visits that add up, pauses, ahead/behind, alert and overtime."""

from __future__ import annotations

import pytest

from deckbuilder.core.rules.settings import PaceRules
from deckbuilder.core.timing.talk import TimedSlide
from deckbuilder.rehearse.pacing import Session, summarise

RULES = PaceRules(
    on_track_band_s=10,
    near_budget_ratio=0.8,
    alert_last_s=120,
    redraw_s=0.2,
    cut_first=3,
    ran_over_s=2,
    too_short_ratio=0.8,
    rehearsed_share=0.25,
    typed_number_s=3,
    checkpoint_s=5,
)


def slides(*budgets: int | None, kinds: tuple[str, ...] = ()) -> list[TimedSlide]:
    kinds = kinds or ("methodology",) * len(budgets)
    return [
        TimedSlide(i + 1, f"S{i + 1}", kind, b, None, kind not in ("title", "appendix"))
        for i, (b, kind) in enumerate(zip(budgets, kinds, strict=True))
    ]


def session(*budgets: int | None, duration: float = 600) -> Session:
    return Session(slides(*budgets), duration, rules=RULES)


def test_clock_waits_for_the_speaker() -> None:
    s = session(60, 60)
    assert s.status(100).pace == "waiting" and s.talk_s(500) == 0
    s.go(100, +1)  # the first advance starts the clock and stays on slide 1
    assert s.current == 0 and s.status(130).talk_s == 30


def test_ahead_and_behind_are_the_projected_finish_against_the_plan() -> None:
    s = session(60, 60, 60)
    s.start(0)
    assert s.status(30).pace == "on_track"
    assert s.status(75).pace == "behind" and s.status(75).delta_s == -15
    s.go(20, +1)  # reached slide 2 at 0:20, scheduled at 1:00
    st = s.status(20)
    assert st.pace == "ahead" and st.delta_s == 40
    # The 40 s saved stay saved while slide 2 keeps its budget: one figure, not a count down to "on track".
    assert s.status(55).pace == "ahead" and s.status(55).delta_s == 40
    assert s.status(100).delta_s == 20  # slide 2 now 20 s over its budget eats half of it
    assert s.status(125).pace == "on_track"


def test_time_on_a_slide_accumulates_over_visits() -> None:
    s = session(60, 60)
    s.start(0)
    s.go(30, +1)
    s.go(50, -1)
    s.go(70, +1)
    assert s.slide_s(70, 0) == 50
    assert s.slide_s(80, 1) == 30
    assert [round(v.seconds) for v in s.visits] == [30, 20, 20]


def test_pause_holds_across_slide_changes() -> None:
    s = session(60, 60, 60)
    s.start(0)
    s.toggle_pause(10)
    s.go(40, +1)
    s.go(70, +1)
    assert s.status(90).paused and s.talk_s(90) == 10
    s.toggle_pause(100)
    assert s.talk_s(110) == 20
    assert s.slide_s(110, 0) == 10 and s.slide_s(110, 1) == 0 and s.slide_s(110, 2) == 10


def test_alert_in_the_last_minutes_and_overtime_keeps_counting() -> None:
    s = session(300, 300, duration=600)
    s.start(0)
    assert not s.status(470).alert
    assert s.status(490).alert
    over = s.status(700)
    assert over.pace == "overtime" and over.overtime_s == 100 and not over.alert
    assert s.status(760).overtime_s == 160


def test_slide_bar_turns_amber_then_red() -> None:
    s = session(100, 100)
    s.start(0)
    assert s.status(50).bar == "ok"
    assert s.status(85).bar == "near"
    assert s.status(101).bar == "over"
    assert session(None, 60).status(0).bar == "none"


def test_leaving_the_last_slide_finishes() -> None:
    s = session(60, 60)
    s.start(0)
    s.go(10, +1)
    visit = s.go(30, +1)
    assert s.finished and visit is not None and visit.seconds == 20
    assert s.status(999).talk_s == 30  # the clock stops at the end


def test_back_from_the_first_slide_does_nothing() -> None:
    s = session(60)
    s.start(0)
    assert s.go(5, -1) is None and s.current == 0


def test_long_talks_do_not_drift() -> None:
    s = session(3600, duration=3600)
    s.start(1_000_000.0)
    assert s.talk_s(1_000_000.0 + 3599.75) == pytest.approx(3599.75)


def test_summary_numbers() -> None:
    kinds = ("problem", "methodology", "results", "error_analysis", "appendix")
    plan = slides(60, 120, 120, 60, None, kinds=kinds)
    summary = summarise(plan, [50, 200, 130, 60, 30], 360)
    assert [r.over_s for r in summary.slides] == [-10, 80, 10, 0, 0]
    assert summary.total_s == 440 and summary.over_s == 80  # the 30 s on the backup slide are not the talk
    assert summary.backup_s == 30
    assert [r.slide.index for r in summary.cut_first] == [2, 3]
    shares = {s.label: s.pct for s in summary.shares}
    assert shares["Methodology + results"] == 75  # 330 of the 440 main seconds
    assert shares["Error analysis + next steps"] == 14


def test_an_overrun_on_the_title_slide_is_in_the_cut_advice() -> None:
    plan = slides(10, 60, 60, kinds=("title", "problem", "results"))  # the title: timed, not a main slide
    summary = summarise(plan, [40, 60, 60], 130)
    assert [r.slide.index for r in summary.cut_first] == [1]  # 30 s over on the title: cut there first
