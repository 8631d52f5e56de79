"""A figure and a table on one slide: a methodology slide compares its models in a table and shows a chart of where
the gain comes from. Both are drawn, at sizes that read, or the slide is reported with what to move."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from deckbuilder import load_outline, plan_talk
from deckbuilder.core.outline.model import Slide
from deckbuilder.core.rules.config import default_config
from deckbuilder.core.rules.theme import Box
from deckbuilder.core.slides.layout import reported, slide_layout
from deckbuilder.export.build import build_deck
from deckbuilder.export.cache import FigureCache

CONFIG = default_config()
PAGE = CONFIG.page()
DENSE = load_outline(Path(__file__).parent / "outlines" / "dense" / "outline.yaml")
READABLE = CONFIG.theme.text_column["under_table"]


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner.left >= outer.left - 1e-6
        and inner.top >= outer.top - 1e-6
        and inner.left + inner.width <= outer.left + outer.width + 1e-6
        and inner.top + inner.height <= outer.top + outer.height + 1e-6
    )


def _apart(a: Box, b: Box) -> bool:
    return (
        a.left + a.width <= b.left + 1e-6
        or b.left + b.width <= a.left + 1e-6
        or a.top + a.height <= b.top + 1e-6
        or b.top + b.height <= a.top + 1e-6
    )


def _both(kind: str) -> Slide:
    return next(s for s in DENSE.slides if s.kind == kind and s.figure is not None and s.table is not None)


def test_a_model_table_and_its_chart_share_the_room_beside_the_decision() -> None:
    layout = slide_layout(_both("methodology"), PAGE)
    assert reported(layout) is None
    assert layout.table is not None and layout.picture is not None and layout.body is not None
    table, chart, text = layout.table.box, layout.picture, layout.body.box
    body = PAGE.box("body")
    for box in (table, chart, text):
        assert _inside(box, body)
    assert text.left + text.width <= min(table.left, chart.left)  # the decision's column beside both
    assert table.top + table.height <= chart.top  # the table over the chart: the numbers, then the picture
    assert layout.caption is not None and table.top + table.height <= layout.caption.box.top
    assert chart.top + chart.height - layout.caption.box.top >= READABLE  # the chart and its caption


def test_an_appendix_table_with_the_slide_to_itself_and_a_chart_sit_side_by_side() -> None:
    layout = slide_layout(_both("appendix"), PAGE)
    assert reported(layout) is None
    assert layout.table is not None and layout.picture is not None
    table, chart = layout.table.box, layout.picture
    assert table.left + table.width <= chart.left  # a flat, full-width strip of chart would read worse
    assert chart.height >= PAGE.box("body").height * 0.8
    assert chart.width >= PAGE.box("body").width * 0.4


def test_a_table_too_tall_to_leave_its_chart_a_readable_height_is_reported_with_what_to_move() -> None:
    rows = [[f"Model {i}", round(0.3 + i / 100, 2), f"{i} s"] for i in range(14)]
    slide = Slide.parse(
        {
            "kind": "methodology",
            "title": "Fourteen candidates are within 0.14 PR-AUC of each other",
            "table": {"columns": ["Model", "PR-AUC", "Fit time"], "rows": rows},
            "points": ["The top three differ by less than their fold spread"],
            "figure": {"chart": "bar", "title": "PR-AUC by model", "data": {"model": ["a", "b"], "pr_auc": [1, 2]}},
        }
    )
    found = reported(slide_layout(slide, PAGE))
    assert found is not None and not found[1]  # a warning: the chart would be a strip
    assert "table" in found[0] and "appendix" in found[0]


def test_the_built_slide_draws_the_table_and_the_chart(tmp_path: Path) -> None:
    out = tmp_path / "dense.pptx"
    talk = plan_talk(DENSE)
    result = build_deck(DENSE, talk, out, cache=FigureCache(None), date_text="1 December 2026")
    deck = Presentation(str(out))
    for kind in ("methodology", "appendix"):
        spec = _both(kind)
        number = next(t.index for s, t in zip(DENSE.slides, talk.slides, strict=True) if s is spec)
        shapes = list(deck.slides[number - 1].shapes)
        assert any(s.has_table for s in shapes), kind
        assert any(s.has_chart for s in shapes), kind
    assert not [f for f in result.findings if f.code == "C010" and "table" in f.message]


def test_a_narrow_table_heads_the_decisions_column_and_the_chart_takes_the_full_height_beside_them() -> None:
    slide = Slide.parse(
        {
            "kind": "methodology",
            "title": "Gauge history predicts a burst main better than pipe age alone",
            "table": {
                "columns": ["Model", "PR-AUC"],
                "rows": [["Pipe age rule", 0.11], ["Logistic regression", 0.24], ["Boosted trees", 0.31]],
                "best_row": 3,
            },
            "decisions": [
                {
                    "decision": "Boosted trees",
                    "rationale": "pressure swings only matter on cast iron, and trees find that on their own",
                    "alternative": "a logistic regression with hand-made interactions",
                    "why_rejected": "0.07 lower PR-AUC after a day of tuning",
                }
            ],
            "figure": {
                "chart": "barh",
                "title": "Pressure swings in the last month lead the other signals",
                "data": {"signal": ["Pressure swings", "Pipe age", "Soil type"], "gain": [0.41, 0.22, 0.09]},
            },
        }
    )
    layout = slide_layout(slide, PAGE)
    assert reported(layout) is None
    assert layout.table is not None and layout.picture is not None and layout.body is not None
    table, chart, text = layout.table.box, layout.picture, layout.body.box
    assert table.left == text.left and table.top + table.height <= text.top  # the table heads the column
    assert chart.left >= max(table.left + table.width, text.left + text.width)
    assert layout.caption is not None and layout.caption.box.top == PAGE.box("body").top  # the body's full height
    assert layout.table.size >= CONFIG.theme.size_range("body_beside")[1]


def test_a_tall_narrow_table_too_tall_to_sit_over_its_chart_sits_beside_it() -> None:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"]
    slide = Slide.parse(
        {
            "kind": "eda",
            "title": "Returns peak in the summer months, twice the winter level",
            "table": {"columns": ["Month", "Returns"], "rows": [[m, 120 + 10 * i] for i, m in enumerate(months)]},
            "points": [
                "Summer returns are mostly sizing, not damage, so the fit guide matters more than the packaging",
                "Winter returns are flat across the eight warehouses we ship from",
                "The August peak follows the back-to-school promotion by about ten days",
            ],
            "figure": {
                "chart": "bar",
                "title": "July returns are double January's",
                "data": {"month": months, "returns": [120 + 10 * i for i in range(8)]},
            },
        }
    )
    layout = slide_layout(slide, PAGE)
    assert reported(layout) is None
    assert layout.table is not None and layout.picture is not None and layout.body is not None
    table, chart = layout.table.box, layout.picture
    assert table.left + table.width <= chart.left  # side by side, each at the body's height
    assert chart.height >= PAGE.box("body").height * 0.7
    assert layout.table.size >= CONFIG.theme.size_range("body_beside")[1]
