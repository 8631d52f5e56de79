"""Budgets for any deck, and the history store: visits committed as they happen, versions guarded."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder import load_outline, plan_talk
from deckbuilder.errors import DeckError
from deckbuilder.history.store import SCHEMA_VERSION, History
from deckbuilder.rehearse.budgets import resolve as resolve_budgets
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck

from .conftest import ROOT, FakeClock

WALL = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def plain_deck(path: Path, titles: list[str]) -> Path:
    prs = Presentation()
    for title in titles:
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = title
    prs.save(str(path))
    return path


def test_budgets_from_the_embedded_plan(churn_pptx: Path) -> None:
    budgets = resolve_budgets(read_deck(churn_pptx))
    assert budgets.plan.source == "embedded" and budgets.plan.duration_s == 720
    assert [s.budget_s for s in budgets.plan.slides][:3] == [10, 35, 100]
    assert budgets.plan.slides[-1].budget_s is None


def test_budgets_from_the_outline_match_slides_by_title(tmp_path: Path) -> None:
    titles = ["Churn costs 8% of revenue each month", "Trends in usage beat account attributes as signals"]
    deck = read_deck(plain_deck(tmp_path / "d.pptx", titles))
    plan = plan_talk(load_outline(ROOT / "tests/outlines/guide_eight.yaml"))
    budgets = resolve_budgets(deck, plan, "guide_eight.yaml")
    assert [s.budget_s for s in budgets.plan.slides] == [30, 90]
    assert [s.kind for s in budgets.plan.slides] == ["problem", "approach"]
    assert "guide_eight.yaml" in budgets.source and "--plan" in budgets.source


def test_an_outline_that_is_not_the_decks_is_refused(tmp_path: Path) -> None:
    # Matching by position alone would hand a foreign deck the outline's budgets silently.
    deck = read_deck(plain_deck(tmp_path / "d.pptx", ["Reference template talk", "x"]))
    plan = plan_talk(load_outline(ROOT / "tests/outlines/guide_eight.yaml"))
    with pytest.raises(DeckError, match=r"2 of the deck's 2 slides match no slide of guide_eight\.yaml"):
        resolve_budgets(deck, plan, "guide_eight.yaml")


def test_budgets_spread_evenly_and_backup_slides_get_none(tmp_path: Path) -> None:
    deck = read_deck(plain_deck(tmp_path / "d.pptx", ["Intro", "Model", "Results", "Backup: tuning"]))
    budgets = resolve_budgets(deck, duration_s=601)
    assert [s.budget_s for s in budgets.plan.slides] == [201, 200, 200, None]
    assert "spread evenly over 3 slides" in budgets.source


def test_no_budgets_is_a_clear_error(tmp_path: Path) -> None:
    deck = read_deck(plain_deck(tmp_path / "d.pptx", ["Intro"]))
    with pytest.raises(DeckError, match="no time plan") as info:
        resolve_budgets(deck)
    assert "--duration" in (info.value.hint or "")


def test_visits_are_committed_as_they_happen(churn_pptx: Path, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    clock = FakeClock()
    deck = read_deck(churn_pptx)
    coach = Coach(deck, resolve_budgets(deck), History(db), clock=clock, wall=lambda: WALL)
    coach.next()  # starts the clock
    clock.advance(8)
    coach.next()
    clock.advance(35)
    coach.next()
    clock.advance(5)
    coach.back()
    # another connection sees both visits before the rehearsal ends
    rows = sqlite3.connect(db).execute("SELECT idx, seconds FROM visits ORDER BY id").fetchall()
    assert rows == [(1, 8.0), (2, 35.0), (3, 5.0)]
    clock.advance(10)
    coach.quit()
    other = sqlite3.connect(db)
    assert other.execute("SELECT finished, total_s FROM rehearsals").fetchall() == [(0, 58.0)]
    assert other.execute("SELECT count(*) FROM planned_slides").fetchone() == (9,)
    assert coach.summary().slides[1].actual_s == 45


def test_finishing_is_a_whole_talk_only_when_every_main_slide_was_shown(churn_pptx: Path, tmp_path: Path) -> None:
    deck = read_deck(churn_pptx)
    history = History(tmp_path / "h.db")
    clock = FakeClock()
    early = Coach(deck, resolve_budgets(deck), history, clock=clock, wall=lambda: WALL)
    early.start()
    clock.advance(30)
    assert len(early.unshown()) == sum(1 for s in early.slides if s.main) - (1 if early.slides[0].main else 0)
    early.finish()  # f five seconds in: kept, but never as a finished talk
    assert not early.completed
    whole = Coach(deck, resolve_budgets(deck), history, clock=clock, wall=lambda: WALL)
    whole.start()
    last_main = max(i for i, s in enumerate(whole.slides) if s.main)
    for _ in range(last_main):
        clock.advance(20)
        whole.next()
    assert whole.unshown() == []
    whole.finish()  # on the last main slide: the backup slides after it are not needed
    assert whole.completed
    rows = history.db.execute("SELECT finished FROM rehearsals ORDER BY id").fetchall()
    assert rows == [(0,), (1,)]


def test_newer_or_damaged_database_is_refused_and_kept(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(DeckError, match="newer deck"):
        History(newer)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not sqlite at all" * 100)
    before = damaged.read_bytes()
    with pytest.raises(DeckError, match="damaged"):
        History(damaged)
    assert damaged.read_bytes() == before


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    History(tmp_path / "h.db").close()
    assert sqlite3.connect(tmp_path / "h.db").execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_a_rescaled_plan_keeps_whole_five_second_budgets(churn_pptx: Path) -> None:
    from deckbuilder.core.rules.config import default_config
    from deckbuilder.rehearse.budgets import resolve
    from deckbuilder.rehearse.deck_reader import read_deck

    step = default_config().time_model.budget_step_s
    plan = resolve(read_deck(churn_pptx), duration_s=10 * 60 + 7, step_s=step).plan
    budgets = [s.budget_s for s in plan.slides if s.budget_s is not None]
    assert sum(budgets) == 607  # still the whole talk
    assert sum(1 for b in budgets if b % step) <= 1  # only the largest slide holds what no step can


@pytest.mark.parametrize("duration_s", [120, 60, 20])
def test_a_squeezed_talk_leaves_no_slide_without_a_budget(churn_pptx: Path, duration_s: int) -> None:
    deck = read_deck(churn_pptx)
    budgets = resolve_budgets(deck, duration_s=duration_s, step_s=5)
    timed = [s.budget_s for s in budgets.plan.slides if s.budget_s is not None]
    assert sum(timed) == duration_s
    assert min(timed) > 0  # the title and every main slide keep time; a 0:00 reads as "no budget"
    if duration_s >= 5 * len(timed):
        assert all(b % 5 == 0 for b in timed)  # still whole steps when they fit
