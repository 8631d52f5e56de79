"""Values reach the outline as the user typed them, and each field decides what its text means.

Every outline here is written the way a candidate writes one, unquoted, in YAML a README shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from deckbuilder import load_outline
from deckbuilder.errors import DeckError

SLIDES = """slides:
  - {kind: problem, title: Churn costs $2.4M a year}
  - {kind: methodology, title: Trend features beat static ones by 12%}
  - {kind: results, title: The model ranks churners 5x better than random}
  - {kind: error_analysis, title: New accounts are where it fails}
  - {kind: next_steps, title: "Next week: onboarding; next quarter: a live test"}
"""


def _talk(tmp_path: Path, head: str = "", extra: str = "", duration: str = "12m") -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(f"title: Churn\nduration: {duration}\n{head}{SLIDES}{extra}", encoding="utf-8")
    return path


def _refused(path: Path) -> str:
    with pytest.raises(DeckError) as caught:
        load_outline(path)
    return caught.value.render()


def test_a_talk_of_12_colon_00_is_twelve_minutes(tmp_path: Path) -> None:
    # The README's own example of a duration; YAML 1.1 reads it as 720 (minutes), so 12 hours.
    assert load_outline(_talk(tmp_path, duration="12:00")).duration == 720


def test_a_pinned_1_30_is_ninety_seconds_and_h_mm_ss_is_read(tmp_path: Path) -> None:
    extra = "  - {kind: summary, title: Churn falls 8% if we act, time: 1:30}\n"
    outline = load_outline(_talk(tmp_path, extra=extra, duration="1:05:00"))
    assert outline.duration == 3900
    assert outline.slides[-1].time == 90


def test_clock_times_in_a_chart_are_labels(tmp_path: Path) -> None:
    extra = (
        "  - kind: eda\n    title: Orders peak at noon\n"
        "    figure: {chart: line, title: Orders peak at noon, data: {hour: [8:00, 12:00, 17:30], orders: [3, 9, 4]}}\n"
    )
    figure = load_outline(_talk(tmp_path, extra=extra)).slides[-1].figure
    assert figure is not None and isinstance(figure.data, dict)
    assert figure.data["hour"] == ["8:00", "12:00", "17:30"]
    assert figure.data["orders"] == [3.0, 9.0, 4.0]


def test_octal_looking_labels_stay_as_written_and_are_highlighted(tmp_path: Path) -> None:
    extra = (
        "  - kind: eda\n    title: Store 010 sells most\n"
        "    figure: {chart: bar, title: Store 010 sells most, highlight: [010],"
        " data: {store: [007, 010, 011], sales: [3, 9, 4]}}\n"
    )
    figure = load_outline(_talk(tmp_path, extra=extra)).slides[-1].figure
    assert figure is not None and isinstance(figure.data, dict)
    assert figure.data["store"] == ["007", "010", "011"]
    assert figure.highlight == ["010"]


def test_dates_are_text_where_text_is_due(tmp_path: Path) -> None:
    extra = (
        "  - kind: eda\n    title: Sales rose in March\n"
        "    table: {columns: [day, sales], rows: [[2024-03-01, 4], [2024-03-02, 5]]}\n"
        "  - kind: eda\n    title: Sales rose again\n"
        "    figure: {chart: bar, title: Sales rose again, data: {day: [2024-03-01, 2024-03-02], sales: [4, 5]}}\n"
    )
    outline = load_outline(_talk(tmp_path, head="date: 2026-12-01\nsubtitle: 2026-12-01\n", extra=extra))
    assert outline.date == "2026-12-01" and outline.subtitle == "2026-12-01"
    table = outline.slides[-2].table
    assert table is not None and table.rows[0] == ["2024-03-01", "4"]
    figure = outline.slides[-1].figure
    assert figure is not None and isinstance(figure.data, dict) and figure.data["day"][0] == "2024-03-01"


def test_a_date_off_the_calendar_is_refused_with_its_place(tmp_path: Path) -> None:
    message = _refused(_talk(tmp_path, head="date: 2026-02-30\n"))
    assert "talk.yaml:3:7" in message and "2026-02-30 is not a date on the calendar" in message


@pytest.mark.parametrize("tag", ["!!timestamp foo", "!!timestamp ''", "!!binary aGk=", "!!set {a, b}", "!x y"])
def test_a_tag_is_refused_with_its_place(tmp_path: Path, tag: str) -> None:
    message = _refused(_talk(tmp_path, head=f"date: {tag}\n"))
    assert "talk.yaml:3:7" in message and "not read in an outline" in message


def _chart_csv(tmp_path: Path, text: str, chart: str = "bar") -> Path:
    (tmp_path / "data.csv").write_text(text, encoding="utf-8")
    extra = (
        f"  - kind: eda\n    title: Scores by release\n    figure: {{chart: {chart}, title: Scores, data: data.csv}}\n"
    )
    return _talk(tmp_path, extra=extra)


@pytest.mark.parametrize(
    ("csv", "labels"),
    [
        ("version,score\n1.8,3\n1.9,4\n1.10,5\n", ["1.8", "1.9", "1.10"]),
        ("zip,people\n02139,3\n10001,4\n", ["02139", "10001"]),
        ("name,calls\nAda,3\nNan,4\nInf,2\n", ["Ada", "Nan", "Inf"]),
    ],
)
def test_a_csv_label_column_is_text_as_written(tmp_path: Path, csv: str, labels: list[str]) -> None:
    figure = load_outline(_chart_csv(tmp_path, csv)).slides[-1].figure
    assert figure is not None and isinstance(figure.data, dict)
    first, second = list(figure.data.values())
    assert first == labels and all(isinstance(v, float) for v in second)


def test_text_in_a_csv_number_column_is_refused_at_its_line(tmp_path: Path) -> None:
    message = _refused(_chart_csv(tmp_path, "name,calls\nAda,3\n\nBob,many\n"))
    assert "data.csv:4" in message and "column 'calls' must hold numbers only" in message


@pytest.mark.parametrize("byte", ["\x1b", "\x0b", "\x07", "\x9b"])
def test_a_control_character_in_a_csv_cell_is_refused_with_its_place(tmp_path: Path, byte: str) -> None:
    message = _refused(_chart_csv(tmp_path, f"name,calls\nAda,3\nB{byte}ob,4\n"))
    assert "data.csv:3:2" in message and "control character" in message


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("duration", "9" * 401),
        ("duration", "9" * 5000),
        ("time", "9" * 401),
        ("data", "9" * 401),
        ("data", "9" * 5000),
        ("data", "1e308"),
        ("metric", "1e300"),
        ("baseline", "9" * 5000),
        ("best_row", "9" * 5000),
    ],
    ids=lambda v: v if len(v) < 20 else f"{len(v)} digits",
)
def test_huge_numbers_are_refused_with_their_place(tmp_path: Path, where: str, value: str) -> None:
    extras: dict[str, tuple[str, str]] = {
        "duration": ("", ""),
        "time": ("", f"  - {{kind: summary, title: Churn falls, time: {value}}}\n"),
        "data": (
            "",
            f"  - kind: eda\n    title: Big\n    figure: {{chart: bar, title: Big, data: {{a: [x], b: [{value}]}}}}\n",
        ),
        "metric": (
            "",
            f"  - kind: results\n    title: Big\n    metrics: [{{name: AUC, value: {value}, baseline: 1e-300}}]\n",
        ),
        "baseline": (
            "",
            f"  - kind: results\n    title: Big\n    metrics: [{{name: AUC, value: 0.8, baseline: {value}}}]\n",
        ),
        "best_row": (
            "",
            f"  - kind: results\n    title: Big\n    table: {{columns: [a], rows: [[1]], best_row: {value}}}\n",
        ),
    }
    head, extra = extras[where]
    path = _talk(tmp_path, head=head, extra=extra, duration=value if where == "duration" else "12m")
    message = _refused(path)
    assert "talk.yaml:" in message and "9" * 100 not in message, message
    assert "set_int_max_str_digits" not in message and "in quotes" not in message, message


def test_a_lift_too_large_for_a_float_is_not_infinite(tmp_path: Path) -> None:
    from deckbuilder.core.slides.callout import lift_text

    extra = "  - kind: results\n    title: Big\n    metrics: [{name: AUC, value: 1e15, baseline: 1e-300}]\n"
    metric = load_outline(_talk(tmp_path, extra=extra)).slides[-1].metrics[0]
    assert metric.lift() is None
    assert "inf" not in lift_text(metric)


def test_yaml_null_and_flags_still_read(tmp_path: Path) -> None:
    outline = load_outline(_talk(tmp_path, head="subtitle: ~\ncover: no\n"))
    assert outline.subtitle is None and outline.cover is False


def test_numbers_written_as_numbers_still_plan(tmp_path: Path, run_cli: Any) -> None:
    extra = (
        "  - kind: results\n    title: AUC 0.80 against 0.50\n"
        "    metrics: [{name: AUC, value: 0.80, baseline: 0.50, spread: 0.02}]\n"
        "    figure: {chart: pr_curve, title: Curve, baseline: 0.1, operating_point: {recall: 0.6, precision: .3},"
        " data: {recall: [0, 0.5, 1], precision: [1, 0.6, 0.1]}}\n"
    )
    outline = load_outline(_talk(tmp_path, extra=extra))
    metric, figure = outline.slides[-1].metrics[0], outline.slides[-1].figure
    assert (metric.value, metric.baseline, metric.spread) == ("0.80", "0.50", "0.02")
    assert figure is not None and figure.baseline == 0.1 and figure.operating_point is not None
    assert figure.operating_point.precision == 0.3
    assert isinstance(figure.data, dict) and figure.data["recall"] == [0.0, 0.5, 1.0]


_FORMS = [
    "title: Churn\nslides:\n  - kind: problem\n    title: '12:00 is noon'\n    points: [010, 2026-12-01, yes, ~]\n",
    "a: |\n  kept\n  lines\nb: >-\n  folded\n  text\nc: !!str 5\n",
    "title: Churn: what drives it\n",  # a colon inside a plain value
    "slides:\n  - a: 1\n b: 2\n",  # a key at no indentation of its own
    "points: [a, b\n",  # an unclosed flow list
    "a: &x 1\nb: *x\n",  # an alias
    "a: " + "[" * 45 + "]" * 45 + "\n",  # nesting past the limit
]


def _composed(loader: Any) -> Any:
    """Return the node tree as plain data with every mark, or the error's kind and place."""

    def walk(node: Any) -> Any:
        where = (node.start_mark.line, node.start_mark.column)
        if isinstance(node.value, list):
            return (node.tag, where, [walk(v) if not isinstance(v, tuple) else tuple(map(walk, v)) for v in node.value])
        return (node.tag, where, node.value)

    try:
        return walk(loader.get_single_node())
    except DeckError as exc:
        return ("deck", str(exc).split(" (")[0], exc.line, exc.column)
    except Exception as exc:  # PyYAML's and libyaml's errors word the same fault differently: compare places
        mark = exc.problem_mark  # type: ignore[attr-defined]
        return (type(exc).__name__, mark.line, mark.column)


@pytest.mark.parametrize("text", _FORMS)
def test_libyaml_and_pyyaml_compose_outlines_alike(text: str) -> None:
    from deckbuilder.core.outline import yaml_source

    fast = yaml_source._loader_class()
    if fast is yaml_source._PyLoader:
        pytest.skip("this PyYAML was built without libyaml")
    assert _composed(fast(text)) == _composed(yaml_source._PyLoader(text))
