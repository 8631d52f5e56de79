"""`deck import` asks about its guesses before it writes (in a terminal): the answers steer the draft."""

from __future__ import annotations

from pathlib import Path

import yaml

from deckbuilder.core.rules.config import default_config
from deckbuilder.importer.review import NONE, Answers
from deckbuilder.importer.run import import_writeups
from deckbuilder.tui.review import Ask, ReviewApp

from .conftest import ROOT

REPORT = ROOT / "tests" / "writeups" / "drafts" / "churn_report.md"


def _imported(tmp_path: Path, answers: Answers | None = None) -> tuple[dict, list]:
    result = import_writeups([REPORT], tmp_path / "talk.yaml", default_config(), answers=answers)
    return yaml.safe_load(result.text), result.questions


def test_the_questions_name_each_guess_and_where_it_came_from(tmp_path: Path) -> None:
    _, questions = _imported(tmp_path)
    topics = [q.topic for q in questions]
    assert topics[0] == "headline"  # the headline first, then each decision, then the parts
    assert "decision" in topics and "next_steps" in topics
    headline = questions[0]
    assert headline.options[0].text.startswith("F1 0.71 against 0.58")
    assert "churn_report.md line" in headline.options[0].source


def test_answers_drop_a_decision_and_the_headline(tmp_path: Path) -> None:
    guessed, questions = _imported(tmp_path)
    decision = next(q for q in questions if q.topic == "decision")
    choices = [NONE if q is decision or q.topic == "headline" else q.guess for q in questions]
    data, _ = _imported(tmp_path, Answers.from_choices(questions, choices))
    kept = [d["decision"] for s in data["slides"] for d in s.get("decisions") or []]
    assert decision.key not in kept and decision.key in [
        d["decision"] for s in guessed["slides"] for d in s.get("decisions") or []
    ]
    assert not any(s.get("metrics") for s in data["slides"])  # "none of these" is the headline


def test_answering_none_for_a_part_leaves_its_placeholder(tmp_path: Path) -> None:
    _, questions = _imported(tmp_path)
    choices = [NONE if q.topic == "next_steps" else q.guess for q in questions]
    data, _ = _imported(tmp_path, Answers.from_choices(questions, choices))
    steps = next(s for s in data["slides"] if s["kind"] == "next_steps")
    assert steps.get("todo")


async def test_the_review_screen_keeps_picks_and_says_none() -> None:
    asks = [
        Ask("Which number is the headline?", (("F1 0.71", "report.md line 3"), ("AUC 0.88", "report.md line 9"))),
        Ask("Is this a decision you made?", (("CatBoost over XGBoost", "report.md line 5"),)),
        Ask("Which part is the next steps?", (("Future work", "report.md line 20"),)),
    ]
    app = ReviewApp(asks)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "report.md line 3" in str(app.query_one("#choices").render())
        await pilot.press("2")  # another candidate
        await pilot.press("n")  # none of these
        await pilot.press("left")  # back to the decision: the mark is on "none" now
        assert "> n" in str(app.query_one("#choices").render())
        await pilot.press("1")  # it is a decision after all
        await pilot.press("enter")  # the marked guess
    assert app.return_value == [1, 0, 0]


async def test_q_writes_with_the_guesses_and_ctrl_c_writes_nothing() -> None:
    asks = [Ask("Which?", (("a", "x"), ("b", "y")), guess=1), Ask("Keep?", (("c", "z"),))]
    app = ReviewApp(asks)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("q")
    assert app.return_value == [1, 0]
    app = ReviewApp(asks)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("ctrl+c")
    assert app.return_value is None


def test_without_a_terminal_the_import_asks_nothing(run_cli, tmp_path: Path) -> None:
    result = run_cli("import", str(REPORT), "-o", str(tmp_path / "talk.yaml"))
    assert result.exit_code == 0, result.output
    assert "Question 1" not in result.output
    result = run_cli("import", str(REPORT), "-o", str(tmp_path / "again.yaml"), "--yes")
    assert result.exit_code == 0, result.output


def test_a_figure_larger_than_an_outline_may_hold_is_left_out_and_named(run_cli, tmp_path: Path, monkeypatch) -> None:
    # A notebook keeps its figures inside itself: one can pass the notebook's limit and still be over the
    # image limit an outline is held to, so the import leaves it out instead of writing what deck plan refuses.
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    from .conftest import layouts_with
    from .writeups.notebooks import figure_cell

    monkeypatch.setenv("DECK_LAYOUTS", str(layouts_with(tmp_path, image_bytes=100)))
    notebook = new_notebook()
    notebook.cells = [
        new_markdown_cell("# Churn\n## Results\nThe model reaches a PR-AUC of 0.41 against 0.11 for random ranking."),
        figure_cell("plot_precision_recall()", shade=3),
    ]
    path = tmp_path / "churn.ipynb"
    nbformat.write(notebook, str(path))
    result = run_cli("import", str(path), "-o", str(tmp_path / "talk.yaml"))
    assert result.exit_code == 0, result.output
    assert "over the 0 MB" in result.output or "limit image_bytes" in result.output
    assert not list((tmp_path / "figures").glob("*")) if (tmp_path / "figures").exists() else True
    assert run_cli("plan", str(tmp_path / "talk.yaml")).exit_code in (0, 1)
