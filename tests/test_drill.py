"""`deck drill`: the question bank from the talk, the timed drill with its checklist, and what it stores."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from deckbuilder.core.outline.loader import load_outline
from deckbuilder.core.outline.model import Metric, Slide
from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.rules.config import default_config
from deckbuilder.core.slides.callout import lift_text, read_callout, times, value_text
from deckbuilder.core.slides.questions import Question, build_bank, choose, from_outline
from deckbuilder.core.slides.slide_text import decision_paras, known_text, read_decisions
from deckbuilder.core.text.phrasing import alternative_phrase
from deckbuilder.core.timing.talk import DeckId
from deckbuilder.history.drills import find_drills
from deckbuilder.history.store import SCHEMA_VERSION, History
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.rehearse.drill import Drill, content_of
from deckbuilder.tui.drill import Countdown, DrillApp, DrillEnd, DrillHelp, DrillScreen

from .conftest import ROOT, FakeClock
from .test_tui_pty import Terminal, _wait_for

KINDS = {"clarification", "challenge", "extension", "depth", "stress"}
RULES = default_config().drill
READER = Reader(default_config())
GRAMMAR = default_config().theme.grammar
EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/outline.yaml"))


def _answers(db: Path) -> list[tuple[str, float, int]]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(db, timeout=0.1)
        return [(str(k), float(s), int(x)) for k, s, x in con.execute("SELECT kind, seconds, skipped FROM answers")]
    except sqlite3.OperationalError:
        return []


# --- the bank ------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_list_covers_every_kind_and_challenges_each_rejected_alternative(run_cli, example: str) -> None:
    path = ROOT / "examples" / example / "outline.yaml"
    result = run_cli("drill", str(path), "--list")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert all(len(row) == 3 for row in rows)
    counts = {kind: sum(1 for row in rows if row[0] == kind) for kind in KINDS}
    assert all(n >= 2 for n in counts.values()), counts
    outline = load_outline(path)
    challenges = " ".join(row[2] for row in rows if row[0] == "challenge")
    for slide in outline.slides:
        for decision in slide.decisions:
            if decision.alternative:  # as the slide phrases it: "keep them" reads "keeping them"
                phrase = alternative_phrase(decision.alternative, known_text(slide), GRAMMAR)[1]
                if any(w in RULES.pronouns for w in phrase.lower().split()[:3]):
                    # "ruling out keeping them for ..." points back to nothing: the choice is asked instead
                    assert phrase not in challenges and decision.decision[:30] in challenges
                else:
                    assert phrase in challenges


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_built_deck_gives_the_same_content_questions_as_its_outline(example: str, tmp_path: Path) -> None:
    from deckbuilder import plan_talk
    from deckbuilder.export.build import build_deck

    outline = load_outline(ROOT / "examples" / example / "outline.yaml")
    out = tmp_path / "talk.pptx"
    build_deck(outline, plan_talk(outline), out)
    from_deck = {(q.kind, q.text) for q in build_bank(content_of(read_deck(out)), RULES, READER)}
    from_yaml = {(q.kind, q.text) for q in build_bank(from_outline(outline, GRAMMAR), RULES, READER)}
    # The deck keeps every decision, metric, error analysis and next step the outline had.
    assert from_yaml <= from_deck, from_yaml - from_deck


def test_metric_questions_name_the_baseline_and_the_spread() -> None:
    outline = load_outline(ROOT / "examples/churn/outline.yaml")
    depth = [q.text for q in build_bank(from_outline(outline, GRAMMAR), RULES, READER) if q.kind == "depth"]
    # The spread as the callout shows it, to the value's precision, so the deck and the outline ask alike.
    assert any("0.43 ± 0.01 " in text and "0.08" in text and "random ranking" in text for text in depth)


def test_a_talk_with_no_content_still_gets_the_stress_questions(run_cli, tmp_path: Path) -> None:
    from .conftest import write_outline

    path = write_outline(tmp_path, [{"kind": "results", "title": "It works"}])
    result = run_cli("drill", str(path), "--list", "--kind", "stress")
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 4


def test_text_from_the_outline_is_quoted_on_one_line_and_never_obeyed(tmp_path: Path) -> None:
    from .conftest import write_outline

    path = write_outline(
        tmp_path,
        [{"kind": "problem", "title": "Fraud [bold]costs[/bold] $2M a year", "points": ["x" * 500]}],
    )
    bank = build_bank(from_outline(load_outline(path), GRAMMAR), RULES, READER)
    assert any("[bold]costs[/bold]" in q.text for q in bank)
    assert all("\n" not in q.text and len(q.text) < 400 for q in bank)


def test_kind_filter_and_unknown_kinds(run_cli) -> None:
    path = str(ROOT / "examples/churn/outline.yaml")
    result = run_cli("drill", path, "--list", "--kind", "challenge,depth")
    assert {line.split("\t")[0] for line in result.output.splitlines()} == {"challenge", "depth"}
    bad = run_cli("drill", path, "--list", "--kind", "chalenge")
    assert bad.exit_code == 2 and "did you mean 'challenge'" in bad.output
    data = json.loads(run_cli("drill", path, "--list", "--json", "--kind", "stress-test").output)
    assert {d["kind"] for d in data} == {"stress"} and all(d["slide"] is None for d in data)


def test_the_drill_refuses_a_pipe_and_other_files(run_cli, tmp_path: Path) -> None:
    path = str(ROOT / "examples/churn/outline.yaml")
    result = run_cli("drill", path)
    assert result.exit_code == 2 and "needs a terminal" in result.output and "--list" in result.output
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    result = run_cli("drill", str(other), "--list")
    assert result.exit_code == 2 and "outline (.yaml) or the deck (.pptx)" in result.output


def test_choose_takes_the_kinds_in_turn_and_a_seed_repeats_it() -> None:
    bank = build_bank(from_outline(load_outline(ROOT / "examples/churn/outline.yaml"), GRAMMAR), RULES, READER)
    first = choose(bank, 5, seed=3)
    assert {q.kind for q in first} == KINDS  # five questions, five kinds
    assert choose(bank, 5, seed=3) == first
    assert len(choose(bank, 100, seed=1)) == len(bank)
    assert {q.kind for q in choose(bank, 4, seed=2, kinds=["depth"])} == {"depth"}


# --- the formats a deck is read back by ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "baseline", "lower", "expected"),
    [
        (0.72, 0.003, False, "240x the 0.003 baseline"),
        (0.43, 0.08, False, "5.4x the 0.08 baseline"),
        (0.39, 0.3, False, "1.3x the 0.3 baseline"),
        (0.33, 0.3, False, "+10% on the 0.3 baseline"),
        (0.18, 0.31, True, "42% below the 0.31 baseline"),
        (0.40, 0.31, True, "29% above the 0.31 baseline"),
        # between two percentages, a change is said in points: "42% below 31%" could mean 18% or 29%
        ("18%", "31%", True, "13 points below the 31% baseline"),
        ("33%", "30%", False, "3 points above the 30% baseline"),
        ("62%", "10%", False, "52 points above the 10% baseline"),
        ("high", "low", False, "against the low baseline"),
    ],
)
def test_lifts_read_as_a_person_says_them(value: object, baseline: object, lower: bool, expected: str) -> None:
    metric = Metric(name="m", value=value, baseline=baseline, lower_is_better=lower)
    assert lift_text(metric) == expected
    back = read_callout(f"{value_text(metric)}  m", lift_text(metric))
    written = [f"{n:g}" if isinstance(n, float) else str(n) for n in (baseline, value)]
    assert back is not None and [back["baseline"], back["value"]] == written


def test_a_fraction_shown_as_a_percentage_changes_by_points() -> None:
    metric = Metric(name="Busy-hour MAPE", value=0.18, baseline=0.31, lower_is_better=True, format="percent")
    assert lift_text(metric) == "13 points below the 31% baseline"


def test_times_drops_a_trailing_zero() -> None:
    assert [times(x) for x in (3.0, 5.43, 12.4, 240.2)] == ["3x", "5.4x", "12x", "240x"]


def test_decisions_read_back_as_they_were_written() -> None:
    slide = Slide.parse(
        {
            "kind": "methodology",
            "title": "t",
            "decisions": [
                {"decision": "A", "rationale": "r", "alternative": "B", "why_rejected": "w"},
                {"decision": "C", "alternative": "D"},
                {"decision": "E"},
            ],
        }
    )
    others, rows = read_decisions([p.text for p in decision_paras(slide, False, default_config().theme)])
    assert rows == [("A", "r", "b", "w"), ("C", "", "d", "")]  # the alternative joined in lower case
    assert others == ["E"]  # a bare decision reads as a point


# --- the drill ------------------------------------------------------------------------------------


def _drill(db: Path, clock: FakeClock, count: int = 3) -> DrillApp:
    bank = build_bank(from_outline(load_outline(ROOT / "examples/churn/outline.yaml"), GRAMMAR), RULES, READER)
    ident = DeckId("/talk.yaml", "Catching churn", "f" * 16, True)
    drill = Drill(choose(bank, count, seed=1), RULES, ident, History(db), clock, seed=1, wall=lambda: "2026-12-01")
    return DrillApp(drill, "Catching churn", redraw_s=0.05, saved_to="saved to h.db")


async def test_countdown_turns_amber_at_1_30_and_red_past_2_00(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _drill(tmp_path / "h.db", clock)
    async with app.run_test(size=(100, 30)):
        countdown = app.questions.query_one(Countdown)
        label = app.questions.query_one("#countdown-label")
        for seconds, text, words, classes in (
            (0, "2:00", "left for this answer", set()),
            (90, "0:30", "left for this answer", {"amber"}),
            (31, "+0:01", "over the answer time", {"red"}),
        ):
            clock.advance(seconds)
            app.redraw()
            assert countdown.value == text and words in str(label.render())  # large digits, and what they mean
            assert set(countdown.classes) & {"amber", "red"} == classes


async def test_checklist_keys_score_skip_and_the_end_screen(tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = _drill(db, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "3", "5", "3", "g")  # 3 twice: ticked, then unticked
        assert app.drill.ticked == {1, 5} and app.drill.score == 3
        clock.advance(150)
        await pilot.press("n")
        assert _answers(db) == [(app.drill.questions[0].kind, 150.0, 0)]  # committed as it ended
        assert app.drill.ticked == set() and app.drill.score is None  # a fresh checklist
        clock.advance(10)
        await pilot.press("s")
        clock.advance(60)
        await pilot.press("1", "2", "3", "4", "w", "n")
        assert isinstance(app.screen, DrillEnd)
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
    assert "2 of 3 answered, 1 skipped; mean answer 1:45" in text
    assert "Most often missed: Thought process (1 of 2), Action (1 of 2), Result (1 of 2)" in text
    assert "Ran past 2:00: question 1 (2:30)" in text
    summary = app.drill.summary()
    assert [a.skipped for a in summary.answers] == [False, True, False]
    assert sum(summary.kinds.values()) == 2
    con = sqlite3.connect(db)
    assert con.execute("SELECT finished, asked FROM drills").fetchall() == [(1, 3)]
    assert con.execute("SELECT ticked, score FROM answers ORDER BY position").fetchall() == [
        ("1,5", 3),
        ("", None),
        ("1,2,3,4", 1),
    ]


async def test_q_ends_the_drill_and_keeps_the_answer_on_screen(tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = _drill(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(30)
        await pilot.press("n")
        clock.advance(30)
        await pilot.press("2", "o", "q")  # half an answer, ticked and scored: q keeps it
        assert isinstance(app.screen, DrillEnd)
    rows = sqlite3.connect(db).execute("SELECT seconds, ticked, score FROM answers ORDER BY position").fetchall()
    assert rows[1] == (30.0, "2", 2)
    assert sqlite3.connect(db).execute("SELECT finished FROM drills").fetchone() == (0,)


async def test_q_on_a_question_just_shown_records_nothing_for_it(tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "h.db"
    app = _drill(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(30)
        await pilot.press("n")
        clock.advance(1)  # glanced at, not begun
        await pilot.press("q")
    assert len(_answers(db)) == 1


async def test_space_holds_the_countdown_and_question_mark_shows_the_keys(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _drill(tmp_path / "h.db", clock)
    async with app.run_test(size=(60, 20)) as pilot:
        clock.advance(20)
        await pilot.press("space")
        clock.advance(300)  # a phone call: the answer's clock waits
        app.redraw()
        assert app.drill.elapsed() == 20 and "held" in app.questions.query_one(Countdown).classes
        await pilot.press("space")
        clock.advance(5)
        assert app.drill.elapsed() == 25
        await pilot.press("question_mark")
        assert isinstance(app.screen, DrillHelp)
        await pilot.press("x")
        assert isinstance(app.screen, DrillScreen)


async def test_the_drill_screen_fits_a_small_terminal(tmp_path: Path) -> None:
    app = _drill(tmp_path / "h.db", FakeClock())
    async with app.run_test(size=(60, 20)):
        assert isinstance(app.screen, DrillScreen)
        for name in ("#countdown", "#question", "#checklist"):
            widget = app.screen.query_one(name)
            assert widget.region.width > 0 and widget.region.right <= 60, name


def test_history_lists_drills_with_coverage(run_cli, tmp_path: Path, churn_pptx: Path) -> None:
    db = tmp_path / "h.db"
    store = History(db)
    ident = read_deck(churn_pptx).identity()
    clock = FakeClock()
    bank = build_bank(content_of(read_deck(churn_pptx)), RULES, READER)
    drill = Drill(choose(bank, 2, seed=5, kinds=["depth"]), RULES, ident, store, clock)
    clock.advance(40)
    drill.next()
    clock.advance(140)
    drill.next()
    runs = find_drills(store, ident, list(RULES.kinds), RULES.target_s)
    assert len(runs) == 1 and runs[0].answered == 2 and runs[0].mean_s == 90 and runs[0].long == 1
    assert runs[0].kinds == {"clarification": 0, "challenge": 0, "extension": 0, "depth": 2, "stress": 0}
    result = run_cli("history", str(churn_pptx), "--drills", "--db", str(db))
    assert "2 / 2" in result.output and "depth 2" in result.output and "Not practised yet" in result.output
    data = json.loads(run_cli("history", str(churn_pptx), "--drills", "--json", "--db", str(db)).output)
    assert data["drills"][0]["answered_by_kind"]["depth"] == 2


def test_a_version_4_history_gains_the_drill_tables_and_keeps_its_rehearsals(tmp_path: Path) -> None:
    from deckbuilder.history.migrations import MIGRATIONS

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    for version in range(1, 5):
        for statement in MIGRATIONS[version]:
            con.execute(statement)
    con.execute(
        "INSERT INTO rehearsals (deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at)"
        " VALUES ('d', 't', 'f', 720, 'embedded', '2026')"
    )
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
    History(db).close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)  # migrated to the newest
    assert con.execute("SELECT COUNT(*) FROM rehearsals").fetchone() == (1,)
    assert con.execute("SELECT COUNT(*) FROM answers").fetchone() == (0,)


def test_sigkill_mid_drill_keeps_the_answers_given(churn_pptx: Path, tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    term = Terminal(churn_pptx, db, ("drill", "--seed", "2", "--count", "5"))
    try:
        _wait_for(lambda: b"left" in term.screen)
        for expected in (1, 2):
            time.sleep(0.3)
            term.press(b"1")
            term.press(b"n")
            _wait_for(lambda n=expected: len(_answers(db)) >= n)
        time.sleep(0.2)
        os.kill(term.proc.pid, signal.SIGKILL)
        term.proc.wait(timeout=10)
    finally:
        term.close()
    answers = _answers(db)
    assert len(answers) == 2 and all(seconds > 0.2 and not skipped for _, seconds, skipped in answers)
    assert sqlite3.connect(db).execute("SELECT finished, asked FROM drills").fetchall() == [(0, 5)]


def test_a_signal_ends_the_drill_and_keeps_it(churn_pptx: Path, tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    term = Terminal(churn_pptx, db, ("drill", "--count", "3"))
    try:
        _wait_for(lambda: b"left" in term.screen)
        time.sleep(0.2)
        term.press(b"n")
        _wait_for(lambda: len(_answers(db)) >= 1)
        os.kill(term.proc.pid, signal.SIGTERM)
        code = term.proc.wait(timeout=15)
    finally:
        term.close()
    assert code == 128 + signal.SIGTERM
    assert len(_answers(db)) == 1
    assert sqlite3.connect(db).execute("SELECT ended_at IS NOT NULL FROM drills").fetchone() == (1,)
    assert re.search(rb"mean answer \d+:\d\d,", bytes(term.screen))  # m:ss, as the drill's screen says it


def test_question_dict_names_its_slide() -> None:
    q = Question("depth", 6, "Results", "How?")
    assert q.as_dict() == {"kind": "depth", "slide": 6, "slide_title": "Results", "question": "How?"}


@pytest.mark.parametrize(
    ("rationale", "alternative", "because", "instead"),
    [
        (
            "The target is rare",
            "Demographic attributes",
            "because the target is rare",
            "instead of demographic attributes",
        ),
        ("best PR-AUC", "XGBoost", "because it had the best PR-AUC", "instead of XGBoost"),
        (
            "lower error at night",
            "SARIMA per station",
            "because of its lower error at night",
            "instead of SARIMA per station",
        ),
        (
            "Optuna found it in 50 trials",
            "A grid search",
            "because Optuna found it in 50 trials",
            "instead of a grid search",
        ),
    ],
)
def test_decisions_read_as_sentences(rationale: str, alternative: str, because: str, instead: str) -> None:
    slide = Slide.parse(
        {
            "kind": "methodology",
            "title": "Tuned with Optuna, the model gains 3 points",
            "decisions": [
                {"decision": "D", "rationale": rationale, "alternative": alternative, "why_rejected": "It lost"}
            ],
        }
    )
    lines = [p.text for p in decision_paras(slide, False, default_config().theme)]
    assert lines[1] == because
    assert lines[2] == f"{instead}: it lost"


def test_a_locked_history_keeps_answers_waiting_and_saves_them_later(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    store = History(db)
    clock = FakeClock()
    bank = build_bank(from_outline(load_outline(ROOT / "examples/churn/outline.yaml"), GRAMMAR), RULES, READER)
    drill = Drill(choose(bank, 3, seed=4), RULES, DeckId("/t.yaml", "T", "f" * 16, True), store, clock)
    other = sqlite3.connect(db, timeout=5)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the history
    clock.advance(30)
    drill.next()
    clock.advance(40)
    drill.next()
    assert len(drill.pending.waiting) == 2 and drill.store_error  # kept, in order, not lost
    other.rollback()
    other.close()
    assert drill.flush()
    assert [s for _, s, _ in _answers(db)] == [30.0, 40.0]


@pytest.mark.parametrize("name", ["guide_eight.yaml", "guide_fraud.yaml"])
def test_any_talk_with_the_templates_slides_gets_two_of_every_kind(name: str) -> None:
    # Titles only: no decisions, metrics or points to draw on; the slides' kinds are enough.
    bank = build_bank(from_outline(load_outline(ROOT / "tests" / "outlines" / name), GRAMMAR), RULES, READER)
    counts = {kind: sum(1 for q in bank if q.kind == kind) for kind in KINDS}
    assert all(n >= 2 for n in counts.values()), counts


def test_history_finds_the_drills_of_an_outline_by_its_path(run_cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    path = ROOT / "examples/churn/outline.yaml"
    talk = from_outline(load_outline(path), GRAMMAR)
    from deckbuilder.core.timing.talk import fingerprint

    ident = DeckId(str(path.resolve()), talk.title, fingerprint(s.title for s in talk.slides), True)
    clock = FakeClock()
    drill = Drill(choose(build_bank(talk, RULES, READER), 1, seed=1), RULES, ident, History(db), clock)
    clock.advance(50)
    drill.next()
    result = run_cli("history", str(path), "--drills", "--db", str(db))
    assert result.exit_code == 0 and "1 / 1" in result.output


def test_a_foreign_deck_with_section_titles_gets_questions_of_every_kind(run_cli: Any, tmp_path: Path) -> None:
    from .test_coach import plain_deck

    titles = ["Churn prediction", "Problem", "Approach", "Results", "Error analysis", "Next steps"]
    deck = plain_deck(tmp_path / "foreign.pptx", titles)  # no plan, no notes: kinds from the titles alone
    result = run_cli("drill", str(deck), "--list")
    assert result.exit_code == 0, result.output
    kinds = {line.split("\t")[0] for line in result.output.splitlines()}
    assert kinds == KINDS


def test_question_templates_take_only_text_that_fits_their_slot() -> None:
    from deckbuilder.core.rules.config import default_config
    from deckbuilder.core.slides.questions import DecisionText, SlideContent, TalkContent, build_bank

    rules = default_config().drill
    decisions = tuple(
        DecisionText(choice, "it is faster", alternative)
        for choice, alternative in (
            ("Weekly retraining", "them"),
            ("A time split", "keeping it"),
            ("LightGBM", "a random forest"),
            ("Median imputation", "dropping the rows with gaps"),
            ("One global model", "those"),
        )
    )
    steps = ("Assume traffic stays flat", "We assume labels arrive on time", "Add device features this month",
             "Retrain monthly, assuming the labels keep coming")  # fmt: skip
    talk = TalkContent(
        "T",
        (
            SlideContent(2, "How", "approach", decisions=decisions),
            SlideContent(7, "Next", "next_steps", points=steps),
        ),
    )
    questions = [q.text for q in build_bank(talk, rules, READER)]
    why_not = [q for q in questions if q.startswith("What made you rule out")]
    assert sorted(why_not) == sorted(
        ["What made you rule out a random forest? What would have changed in your results if you had gone that way?",
         "What made you rule out dropping the rows with gaps? What would have changed in your results if you had "
         "gone that way?"]
    )  # fmt: skip
    # A decision whose alternative is a bare pronoun is still asked about, by its choice.
    assert any('"Weekly retraining"' in q for q in questions) and any('"One global model"' in q for q in questions)
    steps_asked = [q for q in questions if q.startswith("Your next step")]
    assert len(steps_asked) == 2 and not any("ssum" in q.split('"')[1][:12] for q in steps_asked)


def _bank_of(slides: list[dict[str, Any]]) -> list[str]:
    from deckbuilder.core.outline.loader import parse_outline

    from .conftest import outline_text

    return [q.text for q in build_bank(from_outline(parse_outline(outline_text(slides)), GRAMMAR), RULES, READER)]


def test_the_problem_question_names_the_metric_the_slide_names() -> None:
    bank = _bank_of(
        [
            {
                "kind": "problem",
                "title": "Fraud costs $3M a year",
                "points": ["Judged by PR-AUC, since 0.4% of cards are fraud"],
            }
        ]
    )
    assert any("Why is PR-AUC the right metric" in q for q in bank), bank


def test_what_counts_is_asked_of_a_definition_not_of_a_capacity_or_a_metric() -> None:
    points = [
        "A churner is a customer who cancels within 30 days of renewal",
        "The retention team can call 200 customers a week",
        "We judge the model by recall at 80% precision",
        "Churned means the account was closed, not paused",
    ]
    asked = [
        q
        for q in _bank_of([{"kind": "problem", "title": "Churn costs $2M a year", "points": points}])
        if "exactly counts" in q
    ]
    assert [q.split('"')[1] for q in asked] == [points[0], points[3]]


def test_a_fair_comparison_is_asked_only_where_options_were_weighed() -> None:
    finding = {"kind": "methodology", "title": "Login velocity carries most of the signal"}
    compared = {"kind": "methodology", "title": "Gradient boosting beats logistic regression by 0.06 PR-AUC"}
    assert not any("fair to the losing option" in q for q in _bank_of([finding]))
    assert any("fair to the losing option" in q for q in _bank_of([compared]))
