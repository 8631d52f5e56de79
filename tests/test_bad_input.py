"""Every class of unusable outline gets one located message and exit code 2."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import PYTHON, ROOT

CASES: dict[str, tuple[bytes, list[str]]] = {
    "empty": (b"", ["outline is empty", "deck new"]),
    "only comments": (b"# nothing yet\n", ["outline is empty"]),
    "not utf8": (b"title: Caf\xe9\nduration: 12m\n", ["talk.yaml:1:11", "not UTF-8"]),
    "tab indent": (b"title: x\nduration: 12m\nslides:\n\t- kind: problem\n", ["talk.yaml:4:1", "tab"]),
    "duplicate key": (
        b"title: x\nduration: 12m\ntitle: y\nslides: []\n",
        ["talk.yaml:3:1", "'title' appears twice", "line 1"],
    ),
    "alias bomb": (
        b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n",
        ["talk.yaml:2:8", "aliases"],
    ),
    "syntax": (
        b"title: x\nduration: 12m\nslides:\n  - kind: problem\n   title: y\n",
        ["talk.yaml:5", "not valid YAML"],
    ),
    "not a mapping": (b"- just\n- a list\n", ["talk.yaml:1:1", "mapping"]),
    "missing duration": (
        b"title: x\nslides:\n  - {kind: problem, title: y}\n",
        ["talk.yaml:1:1", "missing required key 'duration'", "12m"],
    ),
    "bad duration": (
        b"title: x\nduration: twelve\nslides:\n  - {kind: problem, title: y}\n",
        ["talk.yaml:2:11", "(duration)", "twelve"],
    ),
    "misspelt key": (
        b"title: x\nduration: 12m\nslides:\n  - kind: problem\n    titel: y\n",
        ["talk.yaml:5:5", "slides[0].titel", "did you mean 'title'"],
    ),
    "misspelt kind": (
        b"title: x\nduration: 12m\nslides:\n  - kind: resluts\n    title: y\n",
        ["talk.yaml:4:11", "slides[0].kind", "did you mean 'results'"],
    ),
    "misspelt chart": (
        b"title: x\nduration: 12m\nslides:\n  - kind: results\n    title: y\n"
        b"    figure: {chart: pr-curve, title: z, data: {recall: [1], precision: [1]}}\n",
        ["talk.yaml:6:21", "slides[0].figure.chart", "did you mean 'pr_curve'"],
    ),
    "missing csv": (
        b"title: x\nduration: 12m\nslides:\n  - kind: results\n    title: y\n"
        b"    figure: {chart: line, title: z, data: nowhere.csv}\n",
        ["talk.yaml:6:43", "slides[0].figure.data", "file not found: nowhere.csv"],
    ),
    "missing image": (
        b"title: x\nduration: 12m\nslides:\n  - kind: results\n    title: y\n"
        b"    figure: {chart: image, title: z, path: photo.png}\n",
        ["talk.yaml:6", "slides[0].figure.path", "file not found: photo.png"],
    ),
    "colon in point": (
        b"title: x\nduration: 12m\nslides:\n  - kind: problem\n    title: y\n    points:\n"
        b"      - Goal: rank accounts\n",
        ["talk.yaml:7:9", "put the whole point in quotes"],
    ),
    "ragged table": (
        b"title: x\nduration: 12m\nslides:\n  - kind: results\n    title: y\n"
        b"    table: {columns: [a, b], rows: [[1, 2], [3]]}\n",
        ["talk.yaml:6:12", "row 2 has 1 cells"],
    ),
    "no title": (
        b"duration: 12m\nslides:\n  - {kind: problem}\n",
        ["missing required key 'title'", "needs a `title:`"],
    ),
    "unknown code in ignore": (
        b"title: x\nduration: 12m\nslides:\n  - {kind: problem, title: y, ignore: [nope]}\n",
        ["talk.yaml:4:40", "not a check code"],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_outline_is_one_clear_error(name: str, tmp_path: Path, run_cli: Any) -> None:
    content, expected = CASES[name]
    path = tmp_path / "talk.yaml"
    path.write_bytes(content)
    result = run_cli("plan", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in expected:
        assert fragment in result.stderr, f"{fragment!r} not in {result.stderr!r}"


def test_missing_file_and_folder(tmp_path: Path, run_cli: Any) -> None:
    result = run_cli("plan", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    result = run_cli("plan", tmp_path)
    assert result.exit_code == 2


def test_unknown_ignore_code_on_command_line(run_cli: Any) -> None:
    result = run_cli("plan", ROOT / "examples/churn/outline.yaml", "--ignore", "X999")
    assert result.exit_code == 2
    assert "unknown check code" in result.stderr


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_bytes(b"title: x\nduration: 12m\nslides:\n\t- kind: problem\n")
    proc = subprocess.run([PYTHON, "-m", "deckbuilder", "plan", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("deck: ")


def test_an_outline_of_only_a_title_slide_plans_and_builds(run_cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text("title: Just started\nduration: 12m\nslides:\n  - kind: title\n", encoding="utf-8")
    result = run_cli("plan", str(path))
    assert result.exit_code == 0  # warnings only: it has no talk yet
    assert "no main slides yet" in result.output and "T010" not in result.output
    assert run_cli("build", str(path), "-o", str(tmp_path / "t.pptx")).exit_code == 0


_TALK = """title: Onboarding drop-off
duration: 12m
slides:
  - kind: results
    title: Chatting with the riskiest 1,000 users a week reaches 3 drop-offs in 4
{line}
"""


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("    table: {columns: [Model, PR-AUC, Precision in top 1,000], rows: [[XGBoost, 0.63, 0.74]]}", "1,000"),
        ("    metrics:\n      - {name: Precision in top 1,000 a week, value: 0.74, baseline: 0.51}", "1,000"),
        ("    points: [Reaches 12,500 users a month]", "12,500"),
    ],
)
def test_a_thousands_comma_inside_brackets_is_named_where_it_splits(
    line: str, number: str, tmp_path: Path, run_cli: Any
) -> None:
    """YAML splits "1,000" inside [ ... ] or { ... } into two values; the writer sees three columns, not four."""
    path = tmp_path / "talk.yaml"
    path.write_text(_TALK.format(line=line), encoding="utf-8")
    result = run_cli("plan", path)
    assert result.exit_code == 2
    rows = line.split("\n")
    at = 6 + rows.index(next(r for r in rows if number in r))  # the line the number is on
    assert f'"{number}" inside [ ... ]' in result.output and f"talk.yaml:{at}:" in result.output
    assert "quote" in result.output


@pytest.mark.parametrize(
    ("line", "orphan", "key"),
    [
        (
            "    decisions:\n      - {decision: monotone boosting, rationale: risk never falls with lateness,"
            " so reasons stay coherent, alternative: plain boosting, why_rejected: reasons flipped sign}",
            "so reasons stay coherent",
            "rationale",
        ),
        (
            "    metrics:\n      - {name: Recall in the top 1000, value: 0.74, baseline: 0.51,"
            " baseline_label: the rule, as used today}",
            "as used today",
            "baseline_label",
        ),
    ],
)
def test_words_after_a_comma_inside_braces_are_named_as_a_split_value(
    line: str, orphan: str, key: str, tmp_path: Path, run_cli: Any
) -> None:
    """YAML ends a value at a comma inside { ... }: the rest becomes a key with no value, which the writer never
    meant as a key; the message names the words and the value to quote, not just an unknown key."""
    path = tmp_path / "talk.yaml"
    path.write_text(_TALK.format(line=line), encoding="utf-8")
    result = run_cli("plan", path)
    assert result.exit_code == 2
    assert f"'{orphan}' reads as a key with no value" in result.output and "talk.yaml:7:" in result.output
    assert f'quote the value that holds the comma: {key}: "' in result.output
    assert "unknown key" not in result.output


@pytest.mark.parametrize(
    "line",
    [
        '    points: ["Reaches 12,500 users a month"]',
        "    points:\n      - Reaches 12,500 users a month",
        "    figure: {chart: bar, title: Calls by day, data: {day: [1,2,3], calls: [10, 20, 30]}}",
        '    decisions:\n      - {decision: LightGBM, rationale: "fast, and it scales", alternative: a forest}',
    ],
)
def test_a_comma_that_yaml_reads_as_written_is_left_alone(line: str, tmp_path: Path, run_cli: Any) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(_TALK.format(line=line), encoding="utf-8")
    assert run_cli("plan", path).exit_code in (0, 1)
