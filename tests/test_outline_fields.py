"""The outline's own checks: one located message per problem, written as a candidate would get them wrong."""

from __future__ import annotations

import pytest

from deckbuilder.core.outline.loader import InvalidOutline, parse_outline
from deckbuilder.core.outline.model import Figure, Metric, Slide

HEAD = "title: Churn\nduration: 12m\nslides:\n"


def _problems(text: str) -> list[str]:
    with pytest.raises(InvalidOutline) as caught:
        parse_outline(HEAD + text, "talk.yaml", read_files=False)
    return [p.render() for p in caught.value.problems]


def test_chart_data_written_as_a_list_gets_one_message_saying_what_data_can_be() -> None:
    problems = _problems("  - kind: results\n    title: t\n    figure: {chart: bar, title: f, data: [1, 2, 3]}\n")
    assert len(problems) == 1
    assert "talk.yaml:6:42" in problems[0] and "expected columns of values (a mapping) or a CSV file" in problems[0]


def test_a_missing_key_is_named_before_the_misspelt_one_beside_it() -> None:
    problems = _problems("  - kind: results\n    title: t\n    metrics:\n      - nmae: Recall\n        value: 0.6\n")
    assert "missing required key 'name'" in problems[0]
    assert "unknown key 'nmae'; did you mean 'name'?" in problems[1]
    assert "keys allowed here: name, value, baseline" in problems[1]


def test_every_problem_of_a_talk_is_reported_in_file_order() -> None:
    problems = _problems(
        "  - kind: resluts\n    title: t\n"
        "  - kind: results\n    title: u\n    table: {columns: [a], rows: [[1]], best_row: 0}\n"
        "  - kind: results\n    title: v\n    figure: {chart: pr_curve, title: w, data: {recall: [1], precision: [1]},"
        " operating_point: {recall: 1.5, precision: 0.2}}\n"
    )
    assert "did you mean 'results'" in problems[0] and "talk.yaml:4" in problems[0]
    assert "input should be greater than or equal to 1, got 0" in problems[1]
    assert "input should be less than or equal to 1, got 1.5" in problems[2]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("maybe", "expected true or false, got 'maybe'"),
        ("[yes]", "expected true or false"),
    ],
)
def test_yes_or_no_keys_say_what_they_take(value: str, says: str) -> None:
    with pytest.raises(InvalidOutline) as caught:
        parse_outline(f"cover: {value}\n{HEAD}  - kind: problem\n    title: t\n", "talk.yaml", read_files=False)
    assert says in caught.value.render()


def test_a_best_row_too_large_for_a_float_is_still_just_too_large() -> None:
    problems = _problems(
        "  - kind: results\n    title: t\n    table: {columns: [a], rows: [[1]], best_row: " + "9" * 400 + "}\n"
    )
    assert "but the table has 1 rows" in problems[0]


def test_a_metric_format_left_unsaid_is_decided_on_load() -> None:
    outline = parse_outline(
        HEAD + "  - kind: results\n    title: Recall of 62%\n    metrics: [{name: Recall, value: 0.62}]\n"
        "  - kind: results\n    title: Most churners found\n    metrics: [{name: Recall, value: 0.62}]\n",
        read_files=False,
    )
    assert [s.metrics[0].format for s in outline.slides] == ["percent", "number"]


def test_parts_parse_from_plain_data_and_copy_with_changes() -> None:
    slide = Slide.parse({"kind": "results", "title": " Recall doubles ", "points": ["a", {"text": "b", "points": [3]}]})
    assert slide.title == "Recall doubles"
    assert [p.text for p in slide.points] == ["a", "b"] and slide.points[1].points[0].text == "3"
    assert slide.but(title="x").title == "x" and slide.title == "Recall doubles"
    with pytest.raises(ValueError, match="needs `data:`"):
        Figure.parse({"chart": "line", "title": "t"})
    with pytest.raises(ValueError, match="a baseline below zero"):
        Metric.parse({"name": "m", "value": 1, "baseline": -2})
