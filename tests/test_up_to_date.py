"""Building an unchanged talk again writes nothing; any change to what the deck is made from writes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from deckbuilder.export.cache import FigureCache

from .conftest import ROOT

CHURN = ROOT / "examples" / "churn"


def _talk(tmp_path: Path) -> Path:
    folder = tmp_path / "talk"
    shutil.copytree(CHURN, folder)
    return folder / "outline.yaml"


def test_a_second_build_of_the_same_talk_leaves_the_deck_alone(tmp_path: Path, run_cli: Any) -> None:
    outline = _talk(tmp_path)
    out = tmp_path / "deck.pptx"
    assert "wrote" in run_cli("build", outline, "-o", out).stdout
    before = (out.read_bytes(), out.stat().st_mtime_ns)
    again = run_cli("build", outline, "-o", out)
    assert again.exit_code == 0
    assert "is up to date" in again.stdout and "9 slides" in again.stdout
    assert (out.read_bytes(), out.stat().st_mtime_ns) == before


def test_changed_data_an_edited_deck_or_no_cache_write_it_again(tmp_path: Path, run_cli: Any) -> None:
    outline = _talk(tmp_path)
    out = tmp_path / "deck.pptx"
    run_cli("build", outline, "-o", out)
    csv = outline.parent / "pr_curve.csv"
    csv.write_text(csv.read_text().replace("0.920", "0.930", 1))  # one number of the chart's data
    assert "wrote" in run_cli("build", outline, "-o", out).stdout
    with out.open("ab") as handle:  # the deck changed since it was written (opened and saved elsewhere)
        handle.write(b"\0")
    assert "wrote" in run_cli("build", outline, "-o", out).stdout
    assert "wrote" in run_cli("build", outline, "-o", out, "--no-cache").stdout
    assert "wrote" in run_cli("build", outline, "-o", tmp_path / "other.pptx").stdout  # another file is its own


def test_an_up_to_date_build_still_reports_the_talks_findings(tmp_path: Path, run_cli: Any) -> None:
    outline = _talk(tmp_path)
    text = outline.read_text()
    outline.write_text(text.replace(", baseline: 0.10, baseline_label: random top-decile", ""))  # no baseline
    out = tmp_path / "deck.pptx"
    first = run_cli("build", outline, "-o", out)
    second = run_cli("build", outline, "-o", out)
    assert "is up to date" in second.stdout
    for result in (first, second):
        assert "C002" in result.stdout


def test_a_damaged_record_means_building_again(tmp_path: Path, run_cli: Any) -> None:
    from deckbuilder.files.places import deck_cache_dir

    outline = _talk(tmp_path)
    out = tmp_path / "deck.pptx"
    run_cli("build", outline, "-o", out)
    records = FigureCache(deck_cache_dir()).records(10**6)
    assert records is not None
    record = json.loads(records.record_path(out).read_text())
    record["findings"] = [{"code": 1}]  # valid JSON, not a finding
    records.record_path(out).write_text(json.dumps(record))
    again = run_cli("build", outline, "-o", out)
    assert again.exit_code == 0 and "wrote" in again.stdout
