"""`deck plan` prints plain tables that fit the terminal, in colour only where colour is wanted."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import click
import pytest

from deckbuilder.cli.text_table import Cell, cells, table, wrap

from .conftest import PYTHON, ROOT


def test_wrap_breaks_at_spaces_and_folds_a_word_longer_than_the_line() -> None:
    assert wrap("LightGBM ranks churners best", 14) == ["LightGBM ranks", "churners best"]
    folded = ["see", "https://exam", "ple.com/a/ve", "ry/long/path", "now"]
    assert wrap("see https://example.com/a/very/long/path now", 12) == folded
    assert wrap("", 10) == [""]


def test_wide_characters_take_two_columns() -> None:
    assert cells("東京の需要") == 10 and cells("Zürich") == 6
    assert all(cells(line) <= 8 for line in wrap("東京の需要予測モデル", 8))


def test_a_table_narrows_only_its_folding_column_to_fit() -> None:
    rows = [[Cell("1"), Cell("A long title that will need two lines at least"), Cell("0:30")]]
    lines = table(rows, [True, False, True], fold=1, total=30)
    assert all(len(line) <= 30 for line in lines) and len(lines) > 1
    assert lines[0].startswith("1  ") and lines[0].endswith("0:30")


def test_styles_are_codes_around_the_text_never_inside_it() -> None:
    styled = Cell("x", fg="yellow", bold=True).styled("Recall ␛[31m")
    assert click.unstyle(styled) == "Recall ␛[31m"


def _plan(path: Path, columns: int) -> str:
    run_env = {**os.environ, "COLUMNS": str(columns)}
    proc = subprocess.run([PYTHON, "-m", "deckbuilder", "plan", str(path)], capture_output=True, text=True, env=run_env)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


@pytest.mark.parametrize("columns", [60, 80, 140])
def test_every_line_fits_the_terminal_and_every_slide_is_listed(columns: int) -> None:
    out = _plan(ROOT / "examples/churn/outline.yaml", columns)
    assert "\x1b" not in out  # not a terminal: no colour codes
    assert max(cells(line) for line in out.splitlines()) <= columns
    assert "total" in out and "Time shares of the main talk" in out
    for number in range(1, 10):
        assert any(line.startswith(f"{number}  ") for line in out.splitlines())
