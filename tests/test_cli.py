"""The `deck` command prints the plan, its JSON, a starter outline and the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from deckbuilder import __version__

from .conftest import EXAMPLES, ROOT, write_outline


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_plan_with_no_finding(example: Path, run_cli: Any) -> None:
    result = run_cli("plan", example, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["findings"] == []
    assert data["total_s"] == data["duration_s"]
    assert {"index", "kind", "title", "budget_s"} <= set(data["slides"][0])


def test_human_output_has_table_shares_and_verdict(run_cli: Any) -> None:
    result = run_cli("plan", ROOT / "examples/churn/outline.yaml")
    out = result.stdout
    assert "Catching churn before it happens" in out
    assert "error_analysis" in out and "12:00" in out
    assert "Methodology + results" in out and "50%" in out
    assert "No findings" in out


def test_findings_are_grouped_by_slide_and_error_exits_1(tmp_path: Path, run_cli: Any) -> None:
    slides = [
        {"kind": "problem", "title": "Churn costs money", "time": "10s"},
        {"kind": "approach", "title": "Trends matter", "time": "6m"},
        {"kind": "methodology", "title": "Boosting wins", "time": "7m"},
    ]
    path = write_outline(tmp_path, slides)
    result = run_cli("plan", path)
    assert result.exit_code == 1
    out = result.stdout
    assert "Whole talk" in out
    assert "Slide 1 (problem): Churn costs money" in out
    assert "T008" in out and "T009" in out
    assert out.index("Whole talk") < out.index("Slide 1 (problem)")
    data = json.loads(run_cli("plan", path, "--json").stdout)
    t008 = next(f for f in data["findings"] if f["code"] == "T008")
    assert t008 == {"code": "T008", "severity": "error", "slide": None, "message": t008["message"]}


def test_warnings_alone_exit_0(tmp_path: Path, run_cli: Any) -> None:
    path = write_outline(tmp_path, [{"kind": "problem", "title": "Churn costs money"}], "20m")
    result = run_cli("plan", path)
    assert result.exit_code == 0
    assert "T001" in result.stdout


def test_new_writes_a_clean_starter_and_never_overwrites(tmp_path: Path, run_cli: Any) -> None:
    target = tmp_path / "talk.yaml"
    result = run_cli("new", target, "--duration", "14m", "--audience", "research")
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert "duration: 14m" in text and "audience: research" in text
    assert text.count("#") > 10  # it explains itself
    planned = run_cli("plan", target, "--json")
    assert planned.exit_code == 0
    assert json.loads(planned.stdout)["findings"] == []
    target.write_text("mine")
    again = run_cli("new", target)
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert target.read_text() == "mine"


@pytest.mark.parametrize("duration", ["10m", "12m", "15m"])
@pytest.mark.parametrize("audience", [None, "faang", "startup", "research", "consulting", "fintech"])
def test_starter_is_clean_for_every_slot_and_panel(
    tmp_path: Path, run_cli: Any, duration: str, audience: str | None
) -> None:
    target = tmp_path / "talk.yaml"
    args = ["new", target, "--duration", duration] + (["--audience", audience] if audience else [])
    assert run_cli(*args).exit_code == 0
    data = json.loads(run_cli("plan", target, "--json").stdout)
    assert data["findings"] == [], data["findings"]


def test_new_rejects_bad_options(tmp_path: Path, run_cli: Any) -> None:
    result = run_cli("new", tmp_path / "x.yaml", "--duration", "soon")
    assert result.exit_code == 2 and "--duration" in result.stderr
    result = run_cli("new", tmp_path / "x.yaml", "--audience", "fangs")
    assert result.exit_code == 2 and "did you mean 'faang'" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_schema_accepts_examples_and_rejects_typos(run_cli: Any) -> None:
    schema = json.loads(run_cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for example in EXAMPLES:
        validator.validate(yaml.safe_load(example.read_text()))
    bad = yaml.safe_load(EXAMPLES[0].read_text())
    bad["slides"][1]["titel"] = "typo"
    assert list(validator.iter_errors(bad))
    bad = yaml.safe_load(EXAMPLES[0].read_text())
    bad["slides"][1]["kind"] = "problme"
    assert list(validator.iter_errors(bad))


def test_shipped_schema_file_is_current(run_cli: Any) -> None:
    shipped = json.loads((ROOT / "docs/outline.schema.json").read_text())
    assert shipped == json.loads(run_cli("schema").stdout), "run: deck schema > docs/outline.schema.json"


def test_version_and_help_with_examples(run_cli: Any) -> None:
    assert __version__ in run_cli("--version").stdout
    top = run_cli("--help").stdout
    for command in ("plan", "new", "schema"):
        assert command in top
        assert "Example" in run_cli(command, "--help").stdout


@pytest.mark.parametrize(
    "args",
    [["plan", str(ROOT / "examples/churn/outline.yaml")], ["rules"], ["history", "--help"], ["drill", "--help"]],
    ids=lambda a: a[0],
)
def test_every_command_resumes_the_collector_that_deck_paused_to_start(args: list[str], run_cli: Any) -> None:
    """`deck` pauses the cyclic collector while a command loads (cli.run); a rehearsal of an hour, or a build's
    figures, must not run without it."""
    import gc

    gc.disable()
    try:
        run_cli(*args)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start made is frozen out of the collector's walks
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_library_caller_keeps_its_collector_as_it_was(run_cli: Any) -> None:
    import gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    run_cli("plan", ROOT / "examples/churn/outline.yaml")
    assert gc.isenabled() and gc.get_freeze_count() == frozen
