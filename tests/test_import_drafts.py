"""`deck import` writes a draft a candidate edits, not a skeleton: one test for each way real write-ups broke it.

The write-ups in tests/writeups/drafts/ were written for these tests the way candidates write: pipe tables with
commas and brackets, badges, HTML, math, nested lists, numbered questions, several files.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

import yaml

from deckbuilder.core.rules.config import default_config

from .conftest import ROOT
from .writeups.notebooks import claims_notebook, png

DRAFTS = ROOT / "tests" / "writeups" / "drafts"
MAIN = ["problem", "approach", "methodology", "results", "error_analysis", "next_steps"]


def _import(run_cli: Any, out: Path, *sources: Path) -> tuple[dict[str, Any], str]:
    result = run_cli("import", *map(str, sources), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return yaml.safe_load(out.read_text(encoding="utf-8")), result.output


def _slides(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [s for s in data["slides"] if s["kind"] == kind]


def _in_order(data: dict[str, Any]) -> list[str]:
    """The template's main parts in the order the talk gives them (two methodology slides count once)."""
    return list(dict.fromkeys(s["kind"] for s in data["slides"] if s["kind"] in MAIN))


def _all_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data["slides"], allow_unicode=True)


def test_tables_with_commas_brackets_and_money_load_as_written(run_cli, tmp_path: Path) -> None:
    data, _ = _import(run_cli, tmp_path / "talk.yaml", DRAFTS / "housing_readme.md")
    tables = {s["title"]: s["table"] for s in data["slides"] if "table" in s}
    rows = [row for table in tables.values() for row in table["rows"]]
    assert ["count", "41,205", "41,205", "41,205"] in rows
    assert ["(17.9, 20.0] bucket", "3,204", "[60, 80)", "1-2"] in rows
    models = next(t for t in tables.values() if t["columns"][0] == "Model")
    assert models["rows"][3] == ["LightGBM", 152, "38s", "$40,000 cloud budget not needed"]
    assert models["rows"][1][3] == 'linear, "parish, rooms" interaction'
    assert models["rows"][2][3] == "500 trees, {max_depth: 12}"


def test_headline_metrics_in_the_forms_people_write_them(run_cli, tmp_path: Path) -> None:
    churn, _ = _import(run_cli, tmp_path / "churn.yaml", DRAFTS / "churn_report.md")
    [metric, *_] = _slides(churn, "results")[0]["metrics"]
    assert (metric["name"], metric["value"], metric["baseline"]) == ("F1", 0.71, 0.58)
    assert metric["baseline_label"] == "logistic regression"
    exam, _ = _import(run_cli, tmp_path / "exam.yaml", DRAFTS / "exam_pass.md")
    [metric] = _slides(exam, "results")[0]["metrics"]  # the baseline is stated in the next sentence
    assert (metric["name"], metric["value"], metric["baseline"], metric["format"]) == (
        "accuracy",
        0.66,
        0.52,
        "percent",
    )
    housing, _ = _import(run_cli, tmp_path / "housing.yaml", DRAFTS / "housing_readme.md")
    metrics = [m for s in housing["slides"] for m in s.get("metrics", [])]
    assert {"name": "MAE", "value": 152, "baseline": 241, "baseline_label": "parish median rule used today",
            "lower_is_better": True} in metrics  # fmt: skip


def test_a_shipped_version_in_bold_is_measured_against_the_one_before(run_cli, tmp_path: Path) -> None:
    data, _ = _import(run_cli, tmp_path / "talk.yaml", DRAFTS / "app_versions.md")
    [metric] = [m for s in data["slides"] for m in s.get("metrics", [])]
    assert (metric["name"], metric["value"], metric["format"]) == ("CTR@5", 0.053, "percent")
    assert metric["baseline"] in (0.041, 0.046)  # v1 (the popularity ranker it replaced) or the version before


def test_decisions_from_sentences_list_items_and_comparison_tables(run_cli, tmp_path: Path) -> None:
    churn, _ = _import(run_cli, tmp_path / "churn.yaml", DRAFTS / "churn_report.md")
    decisions = [d for s in churn["slides"] for d in s.get("decisions", [])]
    trees = next(d for d in decisions if d["decision"] == "Gradient-boosted trees")
    assert trees["alternative"] == "a logistic regression" and "interact" in trees["rationale"]
    split = next(d for d in decisions if "8 weeks" in d["decision"])
    assert split["alternative"] == "a random split" and "household" in split["rationale"]
    table = next(d for d in decisions if d["decision"] == "CatBoost")
    assert table["alternative"] == "Random forest" and "0.71" in table["rationale"]
    exam, _ = _import(run_cli, tmp_path / "exam.yaml", DRAFTS / "exam_pass.md")
    forest = _slides(exam, "approach")[0]["decisions"]
    assert any(d["decision"] == "A random forest" and d["alternative"] == "a neural network" for d in forest)
    # An item with a reason but no alternative stays text (here the slide's title), never a decision.
    approach = _slides(exam, "approach")[0]
    assert "first four weeks" in approach["title"] + " ".join(approach["points"])
    assert not any("first four weeks" in d["decision"] for d in forest)


def test_titles_are_whole_findings(run_cli, tmp_path: Path) -> None:
    housing, _ = _import(run_cli, tmp_path / "housing.yaml", DRAFTS / "housing_readme.md")
    churn, _ = _import(run_cli, tmp_path / "churn.yaml", DRAFTS / "churn_report.md")
    markup, _ = _import(run_cli, tmp_path / "markup.yaml", DRAFTS / "messy_markup.md")
    assert housing["title"] == "Pricing rental listings in Lisbon"  # the H1, not the badge
    assert churn["title"] == "Subscription churn: what drives cancellations"
    titles = [s["title"] for d in (housing, churn, markup) for s in d["slides"] if "title" in s and "todo" not in s]
    connectives = {"and", "because", "as", "which", "since", "so", "but", "this", "it"}
    for title in titles:
        assert title.split()[0].lower() not in connectives, title
        assert not any(mark in title for mark in ("<", ">", "`", "http", ".md", ".png", "[^")), title
        assert title.count("(") == title.count(")"), title
    assert "Jan 1, 2021 and Dec 31, 2022" in _all_text(housing)  # the date kept whole where it is shown
    assert not any(t.endswith(("Jan 1", "Jan 1,")) for t in titles)


def test_sections_by_meaning_and_skips_by_whole_heading(run_cli, tmp_path: Path) -> None:
    housing, output = _import(run_cli, tmp_path / "housing.yaml", DRAFTS / "housing_readme.md")
    assert "Quickstart" in output and "Tools & Libraries" in output and "Cleanup" in output
    text = _all_text(housing)
    assert "pip install" not in text and "Weights & Biases" not in text and "make clean" not in text
    assert "metro" in _all_text({"slides": _slides(housing, "results")})  # Key Insights
    assert "19%" in _all_text({"slides": _slides(housing, "error_analysis")})  # Concerns
    assert _slides(housing, "eda")[0]["table"]["columns"][0] == "statistic"  # Summary statistics
    summary = _slides(housing, "summary") + _slides(housing, "appendix")
    assert any("LightGBM price suggestion" in yaml.safe_dump(s) for s in summary)  # Final Recommendation
    churn, _ = _import(run_cli, tmp_path / "churn.yaml", DRAFTS / "churn_report.md")
    assert _in_order(churn) == MAIN and not any("todo" in s for s in churn["slides"])  # "Suggested action" too
    usage = tmp_path / "usage.md"
    usage.write_text(
        "# Gym visits\n\n## Usage frequency by plan\n\nMembers on the annual plan visit 2.4 times a week, "
        "against 1.1 for monthly members.\n\n## Usage\n\nRun `python main.py`.\n",
        encoding="utf-8",
    )
    data, output = _import(run_cli, tmp_path / "usage.yaml", usage)
    assert "2.4 times a week" in _all_text(data) and "python main.py" not in _all_text(data)


def test_numbered_questions_are_answers_not_the_problem(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "answers.md"
    source.write_text(
        "# Email campaign take-home\n\n## Question 1\n\n10.4% of users opened the email and 2.1% clicked the link."
        "\n\n## Question 2\n\nI trained a random forest on the user features with 5-fold cross-validation; "
        "the model features are hour, weekday and past purchases.\n\n## Question 3\n\nSending only to the top "
        "half of predicted clickers would raise the click rate to 3.4%.\n",
        encoding="utf-8",
    )
    data, _ = _import(run_cli, tmp_path / "talk.yaml", source)
    assert data["title"] == "Email campaign take-home"
    results = _all_text({"slides": _slides(data, "results")})
    assert "2.1%" in results and "3.4%" in results
    assert "random forest" in _all_text({"slides": _slides(data, "methodology")})
    assert "todo" in _slides(data, "problem")[0]  # no question states the problem: a placeholder says so


def test_every_part_of_the_template_is_there_and_placeholders_are_timed(run_cli, tmp_path: Path) -> None:
    data, output = _import(run_cli, tmp_path / "talk.yaml", DRAFTS / "app_versions.md")
    assert _in_order(data) == MAIN
    [approach] = _slides(data, "approach")
    assert approach["todo"].startswith("write the pipeline")
    assert "C013" in output and "placeholder (slide 3, approach)" in output
    plan = run_cli("plan", str(tmp_path / "talk.yaml"))
    assert plan.exit_code == 1 and "Approach" in plan.output  # an error until written, and it has a budget
    assert "error(s) must be fixed" in plan.output


def test_figures_by_meaning_shown_once_and_what_was_not_imported(run_cli, tmp_path: Path) -> None:
    roc = png(shade=7)
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "roc.png").write_bytes(base64.b64decode(roc))
    report = tmp_path / "README.md"
    report.write_text(
        "# Claims triage\n\n## Problem\n\nAdjusters review every claim; 4% are fraudulent.\n\n"
        "## Results\n\nThe forest flags 58% of fraudulent claims in the top 5%.\n\n"
        '<img src="img/roc.png" width="400">\n'
        '\n<img src="../outside.png">\n',
        encoding="utf-8",
    )
    (tmp_path.parent / "outside.png").write_bytes(base64.b64decode(roc))
    notebook = claims_notebook(tmp_path / "claims.ipynb", roc)
    data, output = _import(run_cli, tmp_path / "talk.yaml", report, notebook)
    figures = {s["kind"]: s["figure"] for s in data["slides"] if "figure" in s}
    paths = [s["figure"]["path"] for s in data["slides"] if "figure" in s]
    assert len(paths) == len(set(paths)) and len(list((tmp_path / "figures").iterdir())) == len(paths)
    assert "the same image as README.md" in output  # the notebook's ROC output is the README's picture
    titles = [f["title"] for f in figures.values()] + [s["title"] for s in _slides(data, "appendix")]
    assert "Confusion Matrix for Random Forest" in titles and "Distribution of claim amounts" in titles
    assert not any(t.startswith("Figure from") for t in titles)
    assert figures["results"]["path"].startswith("figures/readme-md")  # the curve on the results slide
    assert "1 Plotly chart(s)" in output and "outside the write-up's folder" in output
    assert "claims.head()" in output and "claims.describe()" in output  # dumps left out, and said so
    assert not any(s.get("table", {}).get("columns") == ["stat", "amount"] for s in data["slides"])
    assert data["title"] == "Claims triage"  # never the notebook's "Load Dataset"


def test_markup_math_addresses_and_nested_lists_are_cleaned(run_cli, tmp_path: Path) -> None:
    data, _ = _import(run_cli, tmp_path / "talk.yaml", DRAFTS / "messy_markup.md")
    text = (tmp_path / "talk.yaml").read_text(encoding="utf-8")
    for leak in ("<br>", "<div", "<b>", "\\frac", "$s", "@example", "https://", "example.org"):
        assert leak not in text, leak
    points = [p for s in data["slides"] for p in s.get("points", [])]
    assert "Models: logistic regression, gradient boosting: LightGBM, XGBoost" in points
    assert "Negative predictors: account age, number of past orders" in points
    assert any(p.startswith("Positive predictors: mismatch") for p in points)
    notes = [s["notes"] for s in data["slides"] if "notes" in s]
    cap = default_config().importing.notes_chars
    assert notes and all(len(n) <= cap and n.endswith(".") for n in notes)
    assert any("Note: all amounts are in EUR" in n for n in notes)


def test_the_summary_says_what_became_what(run_cli, tmp_path: Path) -> None:
    _, output = _import(run_cli, tmp_path / "talk.yaml", DRAFTS / "churn_report.md")
    assert "metric (slide 5): F1 0.71 against 0.58 (logistic regression)" in output
    assert "decision (slide 3): Gradient-boosted trees over a logistic regression" in output
    assert "placeholder (" not in output


def test_the_real_take_home_notebooks_import_into_the_template(run_cli, tmp_path: Path) -> None:
    shared = ROOT.parent / "shared" / "writeups" / "ds-take-home"
    notebooks = sorted(shared.glob("*.ipynb"))
    assert len(notebooks) == 4, "the shared write-ups are missing"
    for number, notebook in enumerate(notebooks):
        folder = tmp_path / str(number)
        copy = folder / "src" / notebook.name
        copy.parent.mkdir(parents=True)
        shutil.copy(notebook, copy)
        data, output = _import(run_cli, folder / "talk.yaml", copy)
        assert _in_order(data) == MAIN, notebook.name
        assert data["title"] != "Load Dataset"
        kept = [line for line in output.splitlines() if line.startswith("  figure (slide")]
        assert kept, output  # says which figures it kept on the talk's slides
        assert len(_slides(data, "appendix")) <= 10
        # A ROC curve found by its code goes on the results slide, whichever section drew it.
        for slide in data["slides"]:
            if slide.get("figure", {}).get("title") == "ROC curve":
                assert slide["kind"] in ("results", "error_analysis", "appendix"), (notebook.name, slide["kind"])


def test_nothing_is_left_out_without_a_word(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "long.md"
    items = "".join(f"- finding number {i} moved the metric by {i}%\n" for i in range(1, 13))
    source.write_text(
        "# Long list\n\n## Results\n\n" + items + "\n## Installation\n\npip install it.\n\n"
        "The model also beats the rule by 12 points on the holdout.\n\n- one more item\n",
        encoding="utf-8",
    )
    data, output = _import(run_cli, tmp_path / "talk.yaml", source)
    [results] = _slides(data, "results")
    assert len(results["points"]) == 4
    assert "finding number 12" in results["notes"]  # the rest of the list is in the notes
    assert "moved: long.md line 3: 8 point(s) past the slide's 4: in the notes" in output
    # The skipped section names what it held, so the paragraph and item under it are not lost unsaid.
    assert '"Installation" is not talk material (2 paragraphs, 1 list item)' in output
