"""`deck import`: realistic write-ups become outlines that load, plan and build, with the guesses marked."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from deckbuilder import load_outline, plan_talk
from deckbuilder.core.rules.config import default_config

from .conftest import ROOT
from .writeups.notebooks import fraud_notebook, many_figures_notebook, project

WRITEUPS = ROOT / "tests" / "writeups"


def _import(run_cli: Any, tmp_path: Path, *sources: Path, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    out = tmp_path / "talk.yaml"
    result = run_cli("import", *map(str, sources), "-o", str(out), *extra)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def _kinds(data: dict[str, Any]) -> list[str]:
    return [s["kind"] for s in data["slides"]]


def _builds(tmp_path: Path) -> None:
    from deckbuilder.export.build import build_deck

    outline = load_outline(tmp_path / "talk.yaml")
    build_deck(outline, plan_talk(outline), tmp_path / "talk.pptx")
    assert (tmp_path / "talk.pptx").stat().st_size > 10_000


def _slide(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in data["slides"] if s["kind"] == kind)


def test_a_tidy_readme_maps_onto_the_template(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(WRITEUPS / "tidy", source)
    data = _import(run_cli, tmp_path, source / "README.md")
    assert _kinds(data) == ["title", "problem", "approach", "methodology", "results", "error_analysis", "next_steps"]
    assert data["presenter"] == "Priya Natarajan"
    assert data["title"] == "Predicting late deliveries for an online grocer"
    table = _slide(data, "methodology")["table"]
    assert table["columns"] == ["Model", "PR-AUC", "ROC-AUC", "Fit time"]
    assert table["rows"][0][2] == "0.50"  # as written, not 0.5
    assert table["best_row"] == 4  # the bold row
    results = _slide(data, "results")
    assert results["metrics"][0] == {
        "name": "PR-AUC",
        "value": 0.41,
        "baseline": 0.11,
        "baseline_label": "random ranking",
    }
    assert "0.41" in results["title"]
    figure = results["figure"]
    assert figure["chart"] == "image" and (tmp_path / figure["path"]).read_bytes().startswith(b"\x89PNG")
    assert "0.22" in _slide(data, "error_analysis")["title"]  # the clause with the number
    decision = _slide(data, "approach")["decisions"][0]
    assert decision["alternative"] == "a random split" and "leak" in decision["rationale"]
    _builds(tmp_path)


def test_a_messy_report_with_synonym_headings_and_jumping_levels(run_cli, tmp_path: Path) -> None:
    data = _import(run_cli, tmp_path, WRITEUPS / "messy" / "report.md")
    kinds = _kinds(data)
    # "approach" is a placeholder: the report has no section about it
    assert kinds == [
        "title", "problem", "approach", "eda", "methodology", "results", "error_analysis", "next_steps", "summary"
    ]  # fmt: skip
    assert _slide(data, "approach")["todo"] and "todo" not in _slide(data, "results")
    text = (tmp_path / "talk.yaml").read_text(encoding="utf-8")
    assert "pip install" not in text  # "How to run" is not talk material
    assert '"Limitations"' in text  # the guess names the heading it came from
    method = _slide(data, "methodology")
    assert method["table"]["best_row"] == 3
    assert method["decisions"][0]["alternative"] == "a neural net"
    assert _slide(data, "results")["metrics"][0]["baseline"] == "0.50"
    assert "0.32" in _slide(data, "error_analysis")["notes"]  # the full sentence stays in the notes
    _builds(tmp_path)


def test_a_notebook_whose_figures_are_cell_outputs(run_cli, tmp_path: Path) -> None:
    notebook = fraud_notebook(tmp_path / "fraud.ipynb")
    data = _import(run_cli, tmp_path, notebook)
    kinds = _kinds(data)
    assert {"problem", "eda", "methodology", "results", "error_analysis", "next_steps"} <= set(kinds)
    table = _slide(data, "methodology")["table"]
    assert table["columns"] == ["model", "PR-AUC", "recall@1%FPR"]  # pandas' 0, 1, 2 index dropped
    assert table["best_row"] == 3
    assert _slide(data, "results")["metrics"][0]["value"] == 0.79
    figures = [s["figure"] for s in data["slides"] if "figure" in s]
    assert len(figures) == 3
    for figure in figures:
        assert (tmp_path / figure["path"]).read_bytes().startswith(b"\x89PNG")
    assert "recall there falls to 0.44" in _slide(data, "error_analysis")["title"]
    _builds(tmp_path)


def test_a_readme_and_two_notebooks(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    data = _import(run_cli, tmp_path, *project(folder))
    kinds = _kinds(data)
    assert {"problem", "approach", "eda", "results", "error_analysis", "next_steps", "summary"} <= set(kinds)
    assert "rides a week" in _slide(data, "problem")["title"]  # from the README
    metric = _slide(data, "results")["metrics"][0]
    assert metric["name"] == "MAPE" and metric["lower_is_better"] is True
    assert _slide(data, "approach")["decisions"][0]["alternative"] == "600 SARIMA models"
    text = (tmp_path / "talk.yaml").read_text(encoding="utf-8")
    assert "eda.ipynb" not in data["title"] and "Repository structure" not in text.split("slides:")[1]
    _builds(tmp_path)


def test_fifteen_uncaptioned_figures_keep_a_short_appendix_and_name_the_rest(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "talk.yaml"
    result = run_cli("import", str(many_figures_notebook(tmp_path / "many.ipynb")), "-o", str(out))
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    template = default_config().template
    main = [s for s in data["slides"] if template.is_main(s["kind"]) and "figure" in s]
    backup = [s for s in data["slides"] if s["kind"] == "appendix" and "figure" in s]
    assert len(main) <= 6
    assert len(backup) == 10  # the appendix is for questions, not a dump of every figure
    past = [line for line in result.output.splitlines() if "past the 10 appendix slides" in line]
    assert len(main) + len(backup) + len(past) == 15  # none dropped without a word
    assert len(list((tmp_path / "figures").glob("*.png"))) == len(main) + len(backup)
    _builds(tmp_path)


def test_every_slide_says_what_was_guessed(run_cli, tmp_path: Path) -> None:
    _import(run_cli, tmp_path, WRITEUPS / "messy" / "report.md")
    text = (tmp_path / "talk.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    kinds = [i for i, line in enumerate(lines) if line.startswith("  - kind: ") and line != "  - kind: title"]
    # each slide's kind is a guess, or a placeholder for a part the write-up lacks
    assert kinds and all(lines[i - 1].startswith(("  # guessed: ", "  # placeholder: ")) for i in kinds)
    titles = [i for i, line in enumerate(lines) if line.startswith("    title: ")]
    guessed = [i for i in titles if lines[i - 1].startswith("    # guessed: title from")]
    placeholders = [i for i in titles if i + 1 < len(lines) and lines[i + 1].startswith("    todo: ")]
    assert sorted(guessed + placeholders) == titles and len(placeholders) == 1  # only "approach" is missing


def test_the_summary_names_what_is_missing(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "short.md"
    source.write_text("# Churn\n\n## Results\n\nAUC of 0.81 vs 0.5 for chance.\n", encoding="utf-8")
    result = run_cli("import", str(source), "-o", str(tmp_path / "talk.yaml"))
    assert "placeholder (slide 6, error_analysis): write where the model fails" in result.output
    data = yaml.safe_load((tmp_path / "talk.yaml").read_text(encoding="utf-8"))
    # the talk has the template's parts in order; what the write-up lacks is a placeholder to write
    assert _kinds(data) == [
        "title", "problem", "approach", "methodology", "results", "error_analysis", "next_steps"
    ]  # fmt: skip
    assert [s["kind"] for s in data["slides"] if "todo" in s] == [
        "problem", "approach", "methodology", "error_analysis", "next_steps"
    ]  # fmt: skip
    assert "C013" in result.output and "fix the errors above before `deck build`" in result.output
    assert result.exit_code == 0  # the import did its job; the placeholders are errors for `deck build`


def test_an_existing_outline_is_kept_without_force(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "talk.yaml"
    out.write_text("title: mine\n", encoding="utf-8")
    result = run_cli("import", str(WRITEUPS / "messy" / "report.md"), "-o", str(out))
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "title: mine\n"
    again = run_cli("import", str(WRITEUPS / "messy" / "report.md"), "-o", str(out), "--force")
    assert again.exit_code in (0, 1) and "kind: results" in out.read_text(encoding="utf-8")


def test_an_output_onto_the_writeup_is_refused(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "report.yaml.md"
    source.write_text("# T\n\n## Results\n\nAUC 0.8.\n", encoding="utf-8")
    link = tmp_path / "talk.yaml"
    link.symlink_to(source)
    result = run_cli("import", str(source), "-o", str(link), "--force")
    assert result.exit_code == 2
    assert source.read_text(encoding="utf-8") == "# T\n\n## Results\n\nAUC 0.8.\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.ipynb", b'{"cells": [', "is not a Jupyter notebook"),
        ("latin.md", "# Caf\xe9\n\nline two\n".encode("latin-1"), "latin.md:1: is not UTF-8 text"),
        ("notes.docx", b"PK\x03\x04", "cannot import a .docx"),
        ("deep.ipynb", b"[" * 100_000, "notebook"),
        ("empty.md", b"", "found nothing to put on a slide"),
        ("title.md", b"# Only a title\n", "found nothing to put on a slide"),
    ],
)
def test_a_writeup_deck_cannot_read_gets_one_message(
    run_cli, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result = run_cli("import", str(source), "-o", str(tmp_path / "talk.yaml"))
    assert result.exit_code == 2, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert not (tmp_path / "talk.yaml").exists()


def test_hostile_text_is_data_in_the_outline(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "report.md"
    source.write_text(
        "# Talk: with # a colon\n\n## Results\n\n"
        "- '- not a list' & *not* a [link](x) \x1b[31m red: yes\n"
        "- key: value\n\nOur AUC of 0.9 vs 0.5 for chance @here `=SUM(A1)` {a: b}.\n\n"
        "![x](../../../../etc/passwd)\n![y](http://example.com/a.png)\n",
        encoding="utf-8",
    )
    data = _import(run_cli, tmp_path, source)
    assert data["title"] == "Talk: with # a colon"
    results = _slide(data, "results")
    assert "key: value" in results["points"] and all("\x1b" not in p for p in results["points"])
    load_outline(tmp_path / "talk.yaml")  # the loader, which refuses control characters, accepts it
    assert not (tmp_path / "figures").exists()


def test_an_image_pasted_into_a_notebook_cell_is_imported(run_cli: Any, tmp_path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    from .writeups.notebooks import png

    nb = new_notebook()
    cell = new_markdown_cell("# Churn\n## Results\nRecall doubles for new accounts.\n\n![chart](attachment:chart.png)")
    cell.attachments = {"chart.png": {"image/png": png()}}
    nb.cells = [cell]
    source = tmp_path / "pasted.ipynb"
    source.write_text(nbformat.writes(nb), encoding="utf-8")
    out = tmp_path / "deck" / "talk.yaml"  # a folder that does not exist yet
    result = run_cli("import", str(source), "-o", str(out))
    assert result.exit_code in (0, 1), result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    figure = _slide(data, "results")["figure"]
    assert (out.parent / figure["path"]).read_bytes().startswith(b"\x89PNG")


def test_a_long_table_whose_marked_row_is_cut_still_loads(run_cli: Any, tmp_path: Path) -> None:
    rows = "\n".join(f"| m{i} | 0.{i:02d} |" if i != 14 else f"| **m{i}** | **0.{i:02d}** |" for i in range(1, 16))
    source = tmp_path / "big.md"
    source.write_text(f"# T\n\n## Results\n\nAUC of 0.8 vs 0.5 for chance.\n\n| model | AUC |\n|---|---|\n{rows}\n")
    data = _import(run_cli, tmp_path, source)
    table = next(s["table"] for s in data["slides"] if "table" in s)
    assert len(table["rows"]) == 12 and table.get("best_row", 1) <= 12  # the bold row 14 was cut with the rest
    load_outline(tmp_path / "talk.yaml")


def test_long_decimals_a_notebook_printed_are_rounded_for_the_slide(run_cli, tmp_path: Path) -> None:
    # A summary table as a notebook prints it: float64 to the last digit. Nobody presents 16.501740430938508.
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    from .writeups.notebooks import table_cell

    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Fraud\n## Methodology\nLightGBM on the purchase features, compared with the rules."),
        table_cell(
            "summarise(users, by='source')",
            ["statistic", "signup_week", "purchase_value", "fraud_rate", "users"],
            [
                ["mean", 16.501740430938508, 36.93537243898567, 0.09364577267192546, 151112],
                ["sigma", 9.814287461798854, 18.32276214866212, 0.000123456789123, 0.5],
                ["max", 34.0, 154.0, 1.0, 2],
            ],
        ),
    ]
    notebook = tmp_path / "fraud.ipynb"
    notebook.write_text(nbformat.writes(nb), encoding="utf-8")
    data = _import(run_cli, tmp_path, notebook)
    (table,) = [s["table"] for s in data["slides"] if "table" in s]
    assert table["rows"] == [
        ["mean", "16.50", 36.94, 0.09365, 151112],
        ["sigma", 9.814, 18.32, 0.0001235, 0.5],
        ["max", 34.0, 154.0, 1.0, 2],
    ]
    notes = " ".join(s.get("notes", "") for s in data["slides"] if "table" in s)
    assert "rounded to 4 significant figures" in notes
