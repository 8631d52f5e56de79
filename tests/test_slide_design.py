"""What a designer signs off: one type size per role, text that uses or balances its room, charts that read their
numbers truly, and numbers and words that agree on the slide."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

from pptx import Presentation

from deckbuilder import load_outline, plan_talk
from deckbuilder.core.outline.loader import parse_outline
from deckbuilder.core.outline.model import Decision, Figure, Metric, Point, Reference, Slide
from deckbuilder.core.rules.config import default_config
from deckbuilder.core.slides.callout import against, lift_text, read_callout, value_text
from deckbuilder.core.slides.chart_marks import marked, named_category
from deckbuilder.core.slides.layout import slide_layout
from deckbuilder.core.slides.slide_text import decision_paras
from deckbuilder.core.text.typography import curly, plain
from deckbuilder.export.build import build_deck
from deckbuilder.export.cache import FigureCache
from deckbuilder.export.chart_lines import value_range

from .conftest import outline_text, write_outline

CONFIG = default_config()
THEME = CONFIG.theme
PAGE = CONFIG.page()


# --- type: one size per role --------------------------------------------------------------------------------


def test_the_type_scale_is_a_hierarchy_of_at_most_seven_sizes() -> None:
    assert len(THEME.scale) <= THEME.most_sizes == 7
    title, body, beside = THEME.size_range("title")[0], THEME.size_range("body")[0], THEME.size_range("body_beside")[0]
    assert title > body > beside  # body clearly below the title
    assert THEME.size_range("title") == (title, title)  # every title at one size


def test_a_slide_that_cannot_hold_its_text_takes_the_one_step_down_and_c010_says_so() -> None:
    long = "A point written out at length with its reasons and its numbers, the way a candidate drafts it first"
    slide = Slide.parse({"kind": "results", "title": "Seven long points", "points": [long] * 7})
    layout = slide_layout(slide, PAGE)
    assert layout.body is not None and layout.body.fit.size == THEME.size_range("body")[1]
    assert layout.problems and f"{THEME.size_range('body')[1]} pt, one step under" in layout.problems[0]
    short = slide_layout(Slide.parse({"kind": "results", "title": "t", "points": ["Short"]}), PAGE)
    assert short.body is not None and short.body.fit.size == THEME.size_range("body")[0] and not short.problems


# --- space ---------------------------------------------------------------------------------------------------


def test_a_point_or_two_beside_a_chart_lead_the_slide_and_the_chart_takes_the_width() -> None:
    figure = {"chart": "barh", "title": "Errors by day", "data": {"day": ["a", "b", "c"], "mape": [1, 2, 3]}}
    lone = Slide.parse({"kind": "error_analysis", "title": "t", "points": ["Holidays cost most"], "figure": figure})
    layout = slide_layout(lone, PAGE)
    body = PAGE.box("body")
    assert layout.body is not None and layout.picture is not None
    assert layout.picture.width > body.width * 0.9 and layout.picture.top > layout.body.box.top


def test_a_text_column_beside_a_visual_is_as_narrow_as_its_text_allows() -> None:
    figure = {"chart": "barh", "title": "Errors by day", "data": {"day": ["a", "b", "c"], "mape": [1, 2, 3]}}
    points = [f"Point {i} carries a reason long enough to wrap onto a second line in a column" for i in range(3)]
    slide = Slide.parse({"kind": "error_analysis", "title": "t", "points": points, "figure": figure})
    layout = slide_layout(slide, PAGE)
    assert layout.body is not None and layout.picture is not None
    assert layout.body.box.width < PAGE.box("left").width  # narrowed: the chart has more than the right column
    assert layout.picture.width > PAGE.box("right").width


DENSE = load_outline(Path(__file__).parent / "outlines" / "dense" / "outline.yaml")


def test_three_callouts_that_leave_the_points_no_room_stack_beside_the_chart_with_the_points_under_both() -> None:
    # Stacked over the points beside the chart, three callouts left the points an inch: they overflowed the slide.
    slide = next(s for s in DENSE.slides if s.figure is not None and s.figure.chart == "pr_curve")
    layout = slide_layout(slide, PAGE)
    body = PAGE.box("body")
    assert not layout.problems or all("one step under" in p for p in layout.problems)
    assert layout.body is not None and layout.picture is not None and len(layout.metrics) == 3
    assert len({m.left for m in layout.metrics}) == 1  # one stack
    assert layout.picture.left > max(m.left + m.width for m in layout.metrics)  # the chart beside it
    text = layout.body.box
    assert text.width == body.width  # the points across the body
    assert text.top >= max(m.top + m.height for m in layout.metrics)
    assert text.top >= layout.picture.top + layout.picture.height
    assert text.top + text.height <= body.top + body.height + 1e-9
    assert layout.picture.height >= THEME.text_column["under_row"] * 0.8  # a chart, not a strip


def test_three_callouts_go_in_a_row_when_the_points_are_too_long_to_run_under_the_chart() -> None:
    points = [
        "About 610 of the 900 pallets that would be scrapped each month are now caught before anyone repairs them",
        "At roughly $14 a wasted repair, that is worth a little over $4,000 a month at the one depot we measured",
        "Spread is the standard deviation over five site-grouped folds; the lead over the age rule holds in all five",
    ]
    metrics = [
        {"name": name, "value": value, "baseline": base, "baseline_label": "depot manager's age rule",
         "spread": 0.02}
        for name, value, base in (("Recall in top 120", 0.66, 0.31), ("PR-AUC", 0.47, 0.16), ("ROC-AUC", 0.88, 0.71))
    ]  # fmt: skip
    figure = {
        "chart": "pr_curve",
        "title": "At 120 inspections a day, 38% of flagged pallets really are beyond repair",
        "data": {"recall": [0.1, 0.4, 0.66, 0.9], "precision": [0.7, 0.5, 0.38, 0.2]},
        "baseline": 0.16,
    }
    title = "Inspecting the model's top 120 pallets a day catches twice the scrap the age rule does"
    slide = Slide.parse({"kind": "results", "title": title, "metrics": metrics, "figure": figure, "points": points})
    layout = slide_layout(slide, PAGE)
    assert not layout.problems
    assert layout.body is not None and layout.picture is not None
    assert len({m.top for m in layout.metrics}) == 1  # one row
    row = layout.metrics
    assert row[-1].left + row[-1].width <= PAGE.box("body").left + PAGE.box("body").width + 1e-9
    under = max(m.top + m.height for m in row)
    assert layout.body.box.top >= under and layout.picture.top >= under
    assert layout.body.box.left + layout.body.box.width <= layout.picture.left  # the points beside the chart


def test_three_defended_decisions_under_their_table_read_side_by_side() -> None:
    # In one column beside the table the three decisions ran off the slide.
    slide = next(s for s in DENSE.slides if s.decisions)
    layout = slide_layout(slide, PAGE)
    body = PAGE.box("body")
    assert not [p for p in layout.problems if "overflow" in p and "Arial" not in p]
    assert layout.body is None and layout.table is not None and len(layout.columns) == 3
    tops = {c.box.top for c in layout.columns}
    assert len(tops) == 1 and min(tops) >= layout.table.box.top + layout.table.height
    lefts = [c.box.left for c in layout.columns]
    assert lefts == sorted(lefts) and all(
        a.box.left + a.box.width < b.box.left for a, b in itertools.pairwise(layout.columns)
    )
    assert len({c.fit.size for c in layout.columns}) == 1  # one size across the columns
    assert all(c.box.top + c.box.height <= body.top + body.height + 1e-9 for c in layout.columns)
    assert [plain(c.paras[0].text).replace("\xa0", " ") for c in layout.columns] == [
        d.decision for d in slide.decisions
    ]


def test_a_point_beside_two_decisions_makes_the_first_column_as_wide_as_its_words() -> None:
    methodology = next(s for s in DENSE.slides if s.decisions)
    slide = replace(methodology, points=[Point(text="Top features by gain: trip count, route, load weight")],
                    decisions=methodology.decisions[:2])  # fmt: skip
    layout = slide_layout(slide, PAGE)
    assert len(layout.columns) == 3 and layout.columns[0].paras[0].level == 0  # the point, as a bullet
    widths = [c.box.width for c in layout.columns]
    assert widths[0] < widths[1] and widths[0] < widths[2]
    assert widths[0] >= PAGE.box("body").width * 0.18  # never a sliver


def test_one_decision_alone_reads_at_the_body_size_in_the_middle_of_the_slide() -> None:
    decision = {"decision": "Gradient boosting", "rationale": "it had the best PR-AUC", "alternative": "a forest"}
    layout = slide_layout(Slide.parse({"kind": "methodology", "title": "t", "decisions": [decision]}), PAGE)
    assert layout.body is not None and all(p.smaller == 0 for p in layout.body.paras)
    assert layout.body.box.top > PAGE.box("body").top + 1.0


# --- charts --------------------------------------------------------------------------------------------------


def test_a_line_far_from_zero_gets_a_fitting_axis_and_bars_keep_zero() -> None:
    assert value_range([148, 133, 121, 108, 103, 101, 99, 100, 104], zero=False)[:2] == (90, 150)
    assert value_range([7.1, 7.4, 7.9, 8.2, 8.3], zero=True)[0] == 0
    assert value_range([0.2, 0.5, 0.9], zero=False)[0] == 0  # near zero, the axis starts there


def _marked(slide: dict[str, Any]) -> Figure:
    outline = parse_outline(outline_text([slide]))
    figure = marked(outline, THEME).slides[-1].figure
    assert figure is not None
    return figure


def test_the_level_a_callout_or_title_cites_is_drawn_and_the_named_bar_highlighted() -> None:
    roi = {
        "kind": "results",
        "title": "ROI by channel",
        "metrics": [{"name": "Paid search return per $1", "value": "$2.40", "baseline": "$1.00",
                     "baseline_label": "break-even"}],
        "figure": {"chart": "barh", "title": "Return per dollar",
                   "data": {"channel": ["TV", "Display", "Paid social", "Paid search"],
                            "return": [0.7, 0.8, 1.6, 2.4]}},
    }  # fmt: skip
    figure = _marked(roi)
    assert figure.reference == Reference(value=1.0, label="break-even ($1.00)")
    assert figure.highlight == ["Paid search"]  # the callout names it
    capacity = {
        "kind": "results",
        "title": "Flagged items stay within the team's daily capacity of 4,000",
        "figure": {"chart": "line", "title": "Flags a day", "data": {"day": ["Mon", "Tue"], "flags": [3200, 3900]}},
    }
    assert _marked(capacity).reference == Reference(value=4000.0, label="capacity (4,000)")
    ratio = {
        "kind": "error_analysis",
        "title": "Imports cost more than expected",
        "figure": {"chart": "barh", "title": "t", "xlabel": "actual cost / expected cost",
                   "data": {"segment": ["Vans", "Imports", "Cars"], "ratio": [0.98, 1.22, 1.01]}},
    }  # fmt: skip
    assert _marked(ratio).reference == Reference(value=1.0, label=THEME.parity_label)
    given = dict(roi, figure={**roi["figure"], "highlight": ["TV"]})  # type: ignore[dict-item]
    assert _marked(given).highlight == ["TV"]  # what the outline sets is kept


def test_a_bar_charts_own_baseline_is_its_level() -> None:
    noshow = {
        "kind": "eda",
        "title": "Bookings made a month out no-show at twice the base rate",
        "figure": {"chart": "barh", "title": "No-show rate by lead time", "baseline": 0.09,
                   "data": {"lead time": ["0-7 days", "8-30 days", "31+ days"], "no-show rate": [0.05, 0.08, 0.13]}},
    }  # fmt: skip
    assert _marked(noshow).reference == Reference(value=0.09, label="baseline (0.09)")
    level = {"value": 0.1, "label": "target"}
    assert _marked(dict(noshow, figure={**noshow["figure"], "reference": level})).reference == Reference(**level)


def test_a_callout_whose_number_is_on_the_chart_by_chance_draws_no_level() -> None:
    # The Brier score's 0.11 reads as 11%, and one route's bar is 11%: the chart is of scrap rates, not of the
    # Brier score, so its baseline is no level of this chart.
    routes = {
        "kind": "results",
        "title": "Pallets from the two coldest routes are scrapped three times as often",
        "metrics": [{"name": "Brier score", "value": 0.11, "baseline": 0.13, "baseline_label": "age rule"}],
        "figure": {"chart": "bar", "title": "The two cold routes stand far above the rest",
                   "data": {"route": ["North", "East", "Coast", "Rural"], "scrap rate (%)": [43, 39, 15, 11]}},
    }  # fmt: skip
    assert _marked(routes).reference is None
    named = dict(routes, metrics=[{"name": "Scrap rate on the coast", "value": "15%", "baseline": "11%",
                                   "baseline_label": "rural routes"}])  # fmt: skip
    assert _marked(named).reference == Reference(value=11.0, label="rural routes (11%)")


def test_a_bar_named_only_as_what_the_subject_beats_is_not_highlighted() -> None:
    skip = THEME.grammar.determiners | THEME.grammar.prepositions
    against_ = frozenset(THEME.comparison_words)
    labels = ["Login trend", "Plan", "Region"]
    assert named_category(labels, ["A falling login rate is the strongest sign, ahead of plan or region"], skip,
                          against_) is None  # fmt: skip
    assert named_category(["Flat", "Rolling", "Hill"], ["Buses on the three hill routes"], skip, against_) == "Hill"


# --- numbers and words ---------------------------------------------------------------------------------------


def test_a_spread_is_shown_to_its_values_precision() -> None:
    assert value_text(Metric(name="m", value=0.43, spread=0.012)) == "0.43 ± 0.01"
    assert value_text(Metric(name="m", value=0.31, spread=0.015)) == "0.31 ± 0.02"  # half up, not to even
    assert value_text(Metric(name="m", value="3.1%", spread="0.3%")) == "3.1% ± 0.3%"
    assert value_text(Metric(name="m", value=0.43, spread=0.004)) == "0.43 ± 0.004"  # would round to nothing


def test_a_callouts_baseline_reads_as_english_and_reads_back() -> None:
    nouns = THEME.baseline_nouns
    assert against("47%", "1-2 star rule", nouns) == "the 1-2 star rule (47%)"
    assert against("0.37", "base rate", nouns) == "the 0.37 base rate"
    assert against("$1.00", "break-even", nouns) == "the $1.00 break-even"
    assert against("0.08", "random ranking", nouns) == "the 0.08 random ranking baseline"
    metric = Metric(name="Meaning errors escaped", value="2.1%", baseline="9%", baseline_label="vendor score at 45%")
    second = lift_text(metric, nouns)
    assert second == "6.9 points below the vendor score at 45% (9%)"
    back = read_callout(f"{value_text(metric)}  {metric.name}", second)
    assert back is not None and (back["baseline"], back["baseline_label"]) == ("9%", "vendor score at 45%")


def test_a_slides_decisions_share_one_lead_in() -> None:
    slide = Slide.parse({"kind": "methodology", "title": "t", "decisions": [
        Decision.parse({"decision": "Drop demographics", "rationale": "under 2% of the gain"}).__dict__,
        Decision.parse({"decision": "Weekly folds", "rationale": "a random split leaks the future"}).__dict__,
    ]})  # fmt: skip
    reasons = [p.text for p in decision_paras(slide, False, THEME) if p.smaller]
    assert reasons == ["Why: under 2% of the gain", "Why: a random split leaks the future"]


def test_slide_text_gets_typographic_quotes_and_code_keeps_its_own() -> None:
    assert curly("The app shows 'likely full' above 95% and it's the \"best\" one") == (
        "The app shows ‘likely full’ above 95% and it’s the “best” one"
    )
    assert curly("Left out - user-level history") == "Left out – user-level history"
    code = "feats = cdr.groupby('caller').agg(n=('callee', 'nunique'))"
    assert curly(code) == code
    assert plain(curly("the team's 'likely full' label")) == "the team's 'likely full' label"


def test_a_built_deck_writes_its_quotes_and_keeps_hyphenated_terms_whole(tmp_path: Path) -> None:
    slides = [{"kind": "problem", "title": "The app's 'likely full' label misleads drivers at PR-AUC 0.4",
               "points": ["Drivers trust the 'likely full' label", "Out-of-home and at-risk stay whole"]}]  # fmt: skip
    outline = load_outline(write_outline(tmp_path, slides))
    build_deck(outline, plan_talk(outline), tmp_path / "x.pptx", cache=FigureCache(None))
    text = "\n".join(s.text_frame.text for s in Presentation(str(tmp_path / "x.pptx")).slides[0].shapes
                     if s.has_text_frame)  # fmt: skip
    assert "app’s ‘likely full’" in text and "'" not in text
    assert "Out\u2011of\u2011home" in text and "PR\u2011AUC" in text  # a no-break hyphen: never parted at a line end


# --- what the audience sees: the deck's font, not the wider measuring font -------------------------------------

_TWO_CHOICES = {
    "kind": "methodology",
    "title": "Paydays explain more of the weekly swing than the machine's location",
    "decisions": [
        {
            "decision": "Forecast quantiles of each machine's weekly withdrawals instead of the mean",
            "rationale": "running dry costs far more than spare cash, so the right order sits near the 95th percentile "
            "of demand",
            "alternative": "a mean forecast plus a flat 30% buffer, as the cash team does today",
            "why_rejected": "a flat buffer overloads steady machines and still under-loads mall machines on weekends; "
            "22% higher cost in the back-test",
        },
        {
            "decision": "One global model across all machines, with machine-level features",
            "rationale": "new machines borrow payday and holiday patterns from the rest of the network",
            "alternative": "640 separate ARIMA models",
            "why_rejected": "machines with under six months of history had 2.3 times the pinball loss, and refitting "
            "640 models each week kept failing",
        },
    ],
    "figure": {
        "chart": "line",
        "title": "Withdrawals by day from payday",
        "data": {"day": [0, 1, 2], "pct": [52, 71, 38]},
    },
}


def test_text_that_overflows_only_in_the_measuring_font_is_a_note_that_it_is_tight() -> None:
    """Two decisions beside a chart fill their column: in DejaVu Sans (the measure, 12% wider) they overflow,
    in Arial, the font the deck shows, they fit, as LibreOffice draws them: a note, not a warning."""
    layout = slide_layout(Slide.parse(_TWO_CHOICES), PAGE)
    assert layout.body is not None and not layout.body.fit.fits
    assert PAGE.fit(list(layout.body.paras), layout.body.box, (16, 16), shown=True).fits
    (problem,) = layout.problems
    assert "fits at 16 pt in Arial" in problem
    talk = [{"kind": "title", "title": "ATM cash"}, _TWO_CHOICES]
    outline = parse_outline(outline_text(talk, cover=True), "talk.yaml")
    (found,) = [f for f in plan_talk(outline).findings if f.code == "C010"]
    assert found.severity.value == "info"


def test_text_that_overflows_in_the_deck_font_too_stays_a_warning() -> None:
    crowded = {**_TWO_CHOICES, "points": ["Paydays move withdrawals more than any feature of the machine itself"] * 3}
    outline = parse_outline(outline_text([{"kind": "title", "title": "ATM cash"}, crowded], cover=True), "t.yaml")
    (found,) = [f for f in plan_talk(outline).findings if f.code == "C010"]
    assert found.severity.value == "warning" and "still overflows" in found.message


def test_a_point_is_counted_in_the_lines_arial_draws() -> None:
    """A point of three lines in Arial runs to four in the wider measuring font: it is three lines long."""
    point = (
        "Of the roughly one million daily views that reach a story page, about a fifth come back from the "
        "home page rail, and the model moves that share up by three points in the test weeks across every region "
        "and every device"
    )
    width = PAGE.box("body").width
    from deckbuilder.core.text.measure import Para, para_lines

    para = Para(point, level=0)
    size = THEME.size_range("body")[0]
    drawn, measured = para_lines(para, size, width, PAGE.shown), para_lines(para, size, width, PAGE.setting)
    assert drawn <= THEME.max_point_lines < measured
    layout = slide_layout(Slide.parse({"kind": "results", "title": "Views", "points": [point]}), PAGE)
    assert not layout.problems


def test_deck_build_reports_a_slide_as_deck_plan_does(tmp_path: Path) -> None:
    """One owner for C010's severity: a long title the layout absorbs is a note in the build too."""
    talk = [
        {"kind": "title", "title": "ATM cash"},
        _TWO_CHOICES,
        {
            "kind": "approach",
            "title": "I forecast the whole spread of next week's withdrawals, because the order has to cover a high "
            "percentile of demand, not the average",
            "points": ["Quantile regression on 18 months of withdrawals"],
        },
    ]
    path = write_outline(tmp_path, talk, cover=True)
    outline = load_outline(path)
    plan = plan_talk(outline)
    planned = {(f.slide, f.severity) for f in plan.findings if f.code == "C010"}
    result = build_deck(outline, plan, tmp_path / "atm.pptx", cache=FigureCache(None))
    built = {(f.slide, f.severity) for f in result.findings if f.code == "C010"}
    assert planned and built == planned
    assert {severity.value for _, severity in built} == {"info"}
