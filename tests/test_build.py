"""`deck build` writes a deck whose structure, notes, plan and geometry match the outline."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from deckbuilder import load_outline, plan_talk
from deckbuilder.core.rules.config import default_config
from deckbuilder.core.text.measure import NO_BREAK_HYPHEN
from deckbuilder.core.text.typography import plain
from deckbuilder.export.build import build_deck
from deckbuilder.export.cache import FigureCache
from deckbuilder.export.pdf import find_office
from deckbuilder.rehearse.deck_reader import read_deck

from .conftest import EXAMPLES, PYTHON, ROOT, write_outline

CHURN = ROOT / "examples/churn/outline.yaml"


def churn_as_pictures(folder: Path) -> Path:
    """Return a copy of the churn talk beside its data that asks for every figure as a picture."""
    source = CHURN.parent
    for data in source.glob("*.csv"):
        (folder / data.name).write_bytes(data.read_bytes())
    text = CHURN.read_text().replace("      chart: ", "      render: picture\n      chart: ")
    out = folder / "outline.yaml"
    out.write_text(text)
    return out


def as_typed(text: str) -> str:
    """Return slide text as the outline typed it: a no-break space or hyphen shows as the plain one, a
    typographic quote as the straight one."""
    return plain(text.replace("\u00a0", " ").replace(NO_BREAK_HYPHEN, "-"))


def dump(path: Path) -> list[dict[str, Any]]:
    """Return a structural dump of a deck: what a reader would check slide by slide."""
    prs = Presentation(str(path))
    width, height = prs.slide_width, prs.slide_height
    slides = []
    for slide in prs.slides:
        entry: dict[str, Any] = {
            # A title set on two lines reads back with a vertical tab at its break: read it as one line.
            "title": as_typed(" ".join(slide.shapes.title.text_frame.text.split())) if slide.shapes.title else None,
            "bullets": [],
            "tables": [],
            "pictures": 0,
            "charts": 0,
            "outside": [],
        }
        for shape in slide.shapes:
            if shape.left is not None and (
                shape.left < 0 or shape.top < 0 or shape.left + shape.width > width or shape.top + shape.height > height
            ):
                entry["outside"].append(shape.name)
            if shape.shape_type == 13:
                entry["pictures"] += 1
            if shape.has_chart:
                entry["charts"] += 1
            if shape.has_table:
                entry["tables"].append([[as_typed(c.text) for c in row.cells] for row in shape.table.rows])
            if shape.name == "Body":
                for p in shape.text_frame.paragraphs:
                    bullet = (
                        p._p.pPr is not None
                        and p._p.pPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None
                    )
                    entry["bullets"].append((bullet, as_typed(p.text)))
        entry["notes"] = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(entry)
    return slides


@pytest.fixture
def churn_deck(tmp_path: Path) -> tuple[Path, Any]:
    outline = load_outline(CHURN)
    plan = plan_talk(outline)
    out = tmp_path / "churn.pptx"
    result = build_deck(outline, plan, out, cache=FigureCache(tmp_path / "cache"), date_text="1 December 2026")
    return out, result


def test_churn_deck_structure(churn_deck: tuple[Path, Any]) -> None:
    out, result = churn_deck
    assert result.findings == []
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    slides = dump(out)
    outline = load_outline(CHURN)
    assert len(slides) == len(outline.slides) == 9
    assert slides[0]["title"] == "Catching churn before it happens"
    for entry, spec in zip(slides[1:], outline.slides[1:], strict=True):
        assert entry["title"] == spec.title
        assert entry["outside"] == []
    problem = slides[1]
    assert [text for _, text in problem["bullets"]] == [p.text for p in outline.slides[1].points]
    # A number keeps its unit and its qualifier on its line: "30 days" and "about 340" never break.
    raw = [
        p.text
        for shape in Presentation(str(out)).slides[1].shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
    ]
    assert any("30\u00a0days" in t for t in raw) and any("about\u00a0340" in t for t in raw), raw
    assert all(is_bullet for is_bullet, _ in problem["bullets"])
    assert slides[4]["tables"][0][0] == ["Model", "PR-AUC", "ROC-AUC", "Train time"]
    assert slides[4]["tables"][0][1][0].startswith("LightGBM")  # the best row, marked
    assert [s["charts"] for s in slides] == [0, 0, 0, 1, 0, 1, 1, 0, 0]
    assert [s["pictures"] for s in slides] == [0] * 9  # every chart native, none a picture
    assert slides[5]["notes"].startswith("1:55 budget, starts at 6:25 · results")
    assert "Land the business number" in slides[5]["notes"]
    assert slides[8]["notes"].startswith("backup slide")


def test_metric_callout_states_baseline_and_lift(churn_deck: tuple[Path, Any]) -> None:
    out, _ = churn_deck
    slide = Presentation(str(out)).slides[5]
    texts = [as_typed(s.text_frame.text) for s in slide.shapes if s.name.startswith("Metric")]
    # The spread is shown to the value's precision: 0.012 beside 0.43 would claim a digit the value lacks.
    assert any("0.43 ± 0.01 " in t and "5.4x the 0.08 random ranking baseline" in t for t in texts), texts


def test_plan_travels_in_the_deck(churn_deck: tuple[Path, Any]) -> None:
    out, _ = churn_deck
    deck = read_deck(out)
    plan = plan_talk(load_outline(CHURN))
    assert deck.source == "embedded" and deck.timed().duration_s == 720
    assert [s.budget_s for s in deck.timed().slides[:-1]] == [s.budget_s for s in plan.slides[:-1]]
    assert deck.timed().slides[-1].budget_s is None and deck.timed().slides[-1].kind == "appendix"
    assert [s.kind for s in deck.timed().slides] == [s.kind for s in plan.slides]


def test_slideshow_never_auto_advances(churn_deck: tuple[Path, Any]) -> None:
    out, _ = churn_deck
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("ppt/slides/slide"):
                xml = archive.read(name).decode()
                assert "advTm" not in xml and "<p:timing" not in xml


def test_every_example_builds_without_overflow(tmp_path: Path, run_cli: Any) -> None:
    for example in EXAMPLES:
        out = tmp_path / f"{example.parent.name}.pptx"
        result = run_cli("build", example, "-o", out)
        assert result.exit_code == 0, result.output
        assert "C010" not in result.output
        assert out.exists()
        assert f"wrote {out}" in result.stdout


def test_error_finding_stops_the_build_unless_forced(tmp_path: Path, run_cli: Any) -> None:
    path = write_outline(tmp_path, [{"kind": "problem", "title": "Churn costs $2M a year", "time": "20m"}])
    out = tmp_path / "talk.pptx"
    result = run_cli("build", path)
    assert result.exit_code == 1 and not out.exists()
    assert "T008" in result.stdout and "--force" in result.stderr
    assert run_cli("build", path, "--force").exit_code == 0
    assert out.exists()  # the default output is the outline's name with .pptx
    assert out.stat().st_mode & 0o077  # readable like any file the user makes, not private like a temp file


def test_a_chart_with_more_bars_than_a_slide_can_draw_is_c011_and_stops_the_build(tmp_path: Path, run_cli: Any) -> None:
    """34 bars are past what a slide draws readably: `deck plan` reports it beside every other finding (it used
    to refuse the outline), and `deck build` stops on it unless forced."""
    signals = [f"signal {k}" for k in range(34)]
    slides = [
        {"kind": "problem", "title": "Churn costs $2M a year"},
        {"kind": "eda", "title": "Seat use tracks expansion; most of 34 signals do not",
         "figure": {"chart": "barh", "title": "Seat use leads every other signal",
                    "data": {"signal": signals, "correlation": [round(0.01 * k, 2) for k in range(34)]}}},
    ]  # fmt: skip
    path = write_outline(tmp_path, slides)
    out = tmp_path / "talk.pptx"
    planned = run_cli("plan", path)
    assert planned.exit_code == 0 and "C011" in planned.output and "34 bars" in planned.output
    result = run_cli("build", path)
    assert result.exit_code == 1 and not out.exists()
    assert "slide 2" in result.stderr and "C011" in result.stderr and "--force" in result.stderr
    assert run_cli("build", path, "--force").exit_code == 0 and out.exists()


def test_a_slide_that_undermines_the_speakers_work_stops_the_build_unless_forced(tmp_path: Path, run_cli: Any) -> None:
    slides = [
        {"kind": "problem", "title": "Churn costs $2M a year"},
        {"kind": "results", "title": "The model ranks churners 5x better than random",
         "points": ["Apologies, the holdout is tiny and I ran out of time to widen it"]},
    ]  # fmt: skip
    path = write_outline(tmp_path, slides)
    out = tmp_path / "talk.pptx"
    result = run_cli("build", path)
    assert result.exit_code == 1 and not out.exists()
    assert "C007" in result.stdout and "slide 2" in result.stderr and "--force" in result.stderr
    assert run_cli("build", path, "--force").exit_code == 0 and out.exists()
    # the same words in the speaker's notes are a warning the panel never reads: the deck is built
    slides[1] = {**slides[1], "points": [], "notes": slides[1]["points"][0]}
    quiet = tmp_path / "notes" / "talk.yaml"
    quiet.parent.mkdir()
    write_outline(quiet.parent, slides)
    result = run_cli("build", quiet, "-o", tmp_path / "notes.pptx")
    assert result.exit_code == 0 and "C007" in result.stdout


def test_failed_build_leaves_the_previous_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = load_outline(churn_as_pictures(tmp_path))
    out = tmp_path / "decks" / "deck.pptx"
    out.parent.mkdir()
    out.write_bytes(b"the previous deck")
    import deckbuilder.export.figures as figures

    def boom(*args: Any) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(figures, "render", boom)
    with pytest.raises(RuntimeError):
        build_deck(outline, plan_talk(outline), out, cache=FigureCache(None))
    assert out.read_bytes() == b"the previous deck"
    assert [p.name for p in out.parent.iterdir()] == ["deck.pptx"]


def test_text_that_cannot_fit_is_reported(tmp_path: Path) -> None:
    long = "This point keeps going with detail that belongs in the speaker notes rather than the slide. " * 4
    slides = [{"kind": "problem", "title": "Churn costs $2.4M a year", "points": [long] * 7}]
    path = write_outline(tmp_path, slides)
    outline = load_outline(path)
    result = build_deck(outline, plan_talk(outline), tmp_path / "x.pptx", cache=FigureCache(None))
    assert [f.code for f in result.findings] == ["C010"]
    body = next(s for s in Presentation(str(tmp_path / "x.pptx")).slides[0].shapes if s.name == "Body")
    sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
    assert sizes == {float(default_config().theme.size_range("body")[1])}  # the one step down, then C010


def test_text_that_fits_keeps_the_largest_size(tmp_path: Path) -> None:
    slides = [{"kind": "problem", "title": "Churn costs $2.4M a year", "points": ["Short point"]}]
    outline = load_outline(write_outline(tmp_path, slides))
    build_deck(outline, plan_talk(outline), tmp_path / "x.pptx", cache=FigureCache(None))
    body = next(s for s in Presentation(str(tmp_path / "x.pptx")).slides[0].shapes if s.name == "Body")
    theme = default_config().theme
    # A text-only slide with one point is set at the deck's body size, and sits in the optical middle of the
    # body rather than hanging from its top with the rest of the slide empty.
    assert body.text_frame.paragraphs[0].runs[0].font.size.pt == theme.size_range("body")[0]
    region = theme.regions["body"]
    assert region.top + region.height * 0.3 < body.top / 914400 < region.top + region.height * 0.5


def test_a_lone_metric_is_the_slides_hero_and_callouts_share_a_row(tmp_path: Path) -> None:
    metric = {"name": "PR-AUC", "value": 0.43, "baseline": 0.08}
    slides = [
        {"kind": "results", "title": "Ranks churners 5x better than random", "metrics": [metric]},
        {"kind": "results", "title": "Two numbers", "metrics": [metric, {**metric, "name": "Recall"}]},
    ]
    outline = load_outline(write_outline(tmp_path, slides))
    build_deck(outline, plan_talk(outline), tmp_path / "x.pptx", cache=FigureCache(None))
    deck = Presentation(str(tmp_path / "x.pptx"))
    lone = [s for s in deck.slides[0].shapes if s.name.startswith("Metric")]
    assert len(lone) == 1 and lone[0].width / 914400 < 7  # not the whole 12-inch body
    sizes = [run.font.size.pt for p in lone[0].text_frame.paragraphs for run in p.runs]
    assert sizes[0] == default_config().theme.sizes["hero_value"] and len(lone[0].text_frame.paragraphs) == 3
    pair = [s for s in deck.slides[1].shapes if s.name.startswith("Metric")]
    assert pair[0].top == pair[1].top and pair[1].left > pair[0].left + pair[0].width  # side by side


def test_a_small_table_is_sized_to_its_content_and_banded(tmp_path: Path) -> None:
    table = {"columns": ["Model", "MAPE"], "rows": [["LightGBM", "18%"], ["SARIMA", "27%"], ["Last week", "31%"]]}
    slides = [{"kind": "results", "title": "LightGBM cuts the error by a third", "table": table}]
    outline = load_outline(write_outline(tmp_path, slides))
    build_deck(outline, plan_talk(outline), tmp_path / "x.pptx", cache=FigureCache(None))
    shape = next(s for s in Presentation(str(tmp_path / "x.pptx")).slides[0].shapes if s.has_table)
    assert shape.width / 914400 < 5  # two short columns, not ten inches apart
    fills = [str(shape.table.cell(r, 1).fill.fore_color.rgb) for r in (1, 2, 3)]
    assert fills[0] != fills[1] and fills[0] == fills[2]  # every other row shaded


def test_rebuild_uses_the_cache_and_never_imports_matplotlib(tmp_path: Path) -> None:
    env_cache = tmp_path / "cache"
    talk = churn_as_pictures(tmp_path)
    script = (
        "import sys\n"
        "from deckbuilder.cli import main\n"
        f"sys.argv = ['deck', 'build', {str(talk)!r}, '-o', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('MPL=' + str('matplotlib' in sys.modules))\n"
    )
    env = {"DECK_CACHE_DIR": str(env_cache), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([PYTHON, "-c", script, tmp_path / "x.pptx"], capture_output=True, text=True, env=env)
    assert "3 drawn" in first.stdout, first.stderr  # drawn by a worker process
    # Another deck of the same talk (the same deck again would be up to date and not written at all).
    second = subprocess.run([PYTHON, "-c", script, tmp_path / "y.pptx"], capture_output=True, text=True, env=env)
    assert "MPL=False" in second.stderr, second.stderr
    assert "0 drawn, 3 from cache" in second.stdout


def test_company_template_layouts_by_name(tmp_path: Path, run_cli: Any) -> None:
    prs = Presentation()  # python-pptx's own 4:3 template stands in for a company master
    prs.slide_layouts[5].name = "TITLE ONLY"  # names match in any case
    prs.slide_layouts[0].name = "Cover page"
    prs.slides.add_slide(prs.slide_layouts[1])  # a sample slide the company left in
    template = tmp_path / "company.pptx"
    prs.save(str(template))
    out = tmp_path / "x.pptx"
    result = run_cli("build", CHURN, "-o", out, "--template", template)
    assert result.exit_code == 0, result.output
    assert "title slides: no layout named 'Title Slide' (nor title, cover); used 'Cover page'" in result.stderr
    built = Presentation(str(out))
    assert len(built.slides) == 9
    assert built.slides[1].slide_layout.name == "TITLE ONLY"
    assert built.slide_width == prs.slide_width  # the company's page size is kept
    for entry in dump(out):
        assert entry["outside"] == []


def test_bad_template_is_one_clear_error(tmp_path: Path, run_cli: Any) -> None:
    bad = tmp_path / "company.pptx"
    bad.write_text("not a deck")
    result = run_cli("build", CHURN, "-o", tmp_path / "x.pptx", "--template", bad)
    assert result.exit_code == 2 and "not a PowerPoint template" in result.stderr


def test_inspect_json_shape(churn_deck: tuple[Path, Any], run_cli: Any) -> None:
    out, _ = churn_deck
    data = json.loads(run_cli("inspect", out, "--json").stdout)
    assert data["duration_s"] == 720
    assert set(data["slides"][0]) >= {"index", "title", "kind", "budget_s", "notes"}
    results = data["slides"][5]
    assert {k: v for k, v in results.items() if k not in ("title", "notes", "points")} == {
        "index": 6,
        "kind": "results",
        "budget_s": 115,
    }
    # The presenter's notes as text (without deck's timing line), and how many points the slide shows.
    assert "Land the business number" in results["notes"] and not results["notes"].startswith("1:55 budget")
    assert results["points"] >= 1


def _all_text(slide: Any) -> str:
    return "\n".join(as_typed(s.text_frame.text) for s in slide.shapes if s.has_text_frame)


def test_a_talk_with_no_title_slide_opens_on_a_cover(tmp_path: Path) -> None:
    slides = [
        {"kind": "problem", "title": "Churn costs $2.4M a year", "points": ["Rank accounts by risk"]},
        {"kind": "results", "title": "The model ranks churners 5x better than random"},
    ]
    path = write_outline(
        tmp_path, slides, cover=True, subtitle="Growth take-home", presenter="Sam Rivera", date="2026-12-01"
    )
    outline = load_outline(path)
    plan = plan_talk(outline)
    assert [s.kind for s in plan.slides] == ["title", "problem", "results"]
    assert plan.slides[0].budget_s == 10 and not plan.slides[0].main  # the title slide's fixed 10 s
    build_deck(outline, plan, tmp_path / "talk.pptx", cache=FigureCache(None))
    cover = Presentation(str(tmp_path / "talk.pptx")).slides[0]
    text = _all_text(cover)
    for expected in ("A talk", "Growth take-home", "Sam Rivera", "1 December 2026"):
        assert expected in text


def test_cover_false_opens_on_the_first_slide(tmp_path: Path) -> None:
    path = write_outline(tmp_path, [{"kind": "problem", "title": "Churn costs $2.4M a year"}], cover=False)
    assert [s.kind for s in load_outline(path).slides] == ["problem"]


def test_an_outline_with_a_title_slide_gets_no_second_cover(tmp_path: Path) -> None:
    slides = [{"kind": "title"}, {"kind": "problem", "title": "Churn costs $2.4M a year"}]
    path = write_outline(tmp_path, slides, cover=True)
    assert [s.kind for s in load_outline(path).slides] == ["title", "problem"]


@pytest.mark.skipif(find_office() is None, reason="LibreOffice is not installed here")
def test_pdf_has_a_page_for_every_slide(run_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "talk.pptx"
    result = run_cli("build", str(CHURN), "-o", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "talk.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == len(Presentation(str(out)).slides) == 9


def test_pdf_without_libreoffice_says_so_and_keeps_the_deck(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "talk.pptx"
    result = run_cli("build", str(CHURN), "-o", str(out), "--pdf")
    assert result.exit_code == 2
    assert "LibreOffice is not installed" in result.output and "hint:" in result.output
    assert out.stat().st_size > 10_000 and not (tmp_path / "talk.pdf").exists()


def test_a_word_wider_than_the_box_is_reported_not_broken(tmp_path: Path) -> None:
    token = "https://example.com/" + "x" * 200
    slides = [{"kind": "results", "title": "The code is public", "points": [f"See {token}"]}]
    outline = load_outline(write_outline(tmp_path, slides))
    found = [f for f in plan_talk(outline).findings if f.code == "C010"]
    assert found and "wider than the text box" in found[0].message and "mid-word" in found[0].message


@pytest.mark.parametrize(
    ("fmt", "shown", "expected"), [(None, "18%", []), ("percent", "18%", []), ("number", "0.18", ["C012"])]
)
def test_a_callout_is_shown_in_its_tables_unit_unless_the_outline_says_otherwise(
    tmp_path: Path, fmt: str | None, shown: str, expected: list[str]
) -> None:
    metric: dict[str, Any] = {"name": "Busy-hour MAPE", "value": 0.18, "baseline": 0.31, "lower_is_better": True}
    if fmt:
        metric["format"] = fmt
    slides = [
        {
            "kind": "methodology",
            "title": "LightGBM cuts the error by a third",
            "table": {"columns": ["Model", "Busy-hour MAPE"], "rows": [["LightGBM", "18%"], ["Last week", "31%"]]},
        },
        {"kind": "results", "title": "Forecasts 42% closer than last week", "metrics": [metric]},
    ]
    outline = load_outline(write_outline(tmp_path, slides))
    # The deck fixes what it can: with no `format:`, the callout says 18% as the table does; a unit the
    # outline asks for on purpose is kept, and only then does the plan point out the clash.
    assert [f.code for f in plan_talk(outline).findings if f.code == "C012"] == expected
    build_deck(outline, plan_talk(outline), tmp_path / "x.pptx", cache=FigureCache(None))
    texts = [s.text_frame.text for s in Presentation(str(tmp_path / "x.pptx")).slides[1].shapes if s.has_text_frame]
    assert any(t.split()[0] == shown for t in texts), texts


def test_a_callout_says_its_number_the_way_its_title_does(tmp_path: Path) -> None:
    metric = {"name": "Recall", "value": 0.62, "baseline": 0.1, "baseline_label": "top-decile rule"}
    slides = [{"kind": "results", "title": "The model finds 62% of next month's churners", "metrics": [metric]}]
    outline = load_outline(write_outline(tmp_path, slides))
    assert outline.slides[-1].metrics[0].format == "percent"
    other = [{"kind": "results", "title": "The model finds most churners", "metrics": [metric]}]
    assert load_outline(write_outline(tmp_path, other)).slides[-1].metrics[0].format == "number"
    # A table that shows the metric as fractions decides, whatever the title says: no clash is made.
    table = {"columns": ["Model", "Recall"], "rows": [["LightGBM", 0.62], ["Rule", 0.1]]}
    both = [{**slides[0], "table": table}]
    outline = load_outline(write_outline(tmp_path, both))
    assert outline.slides[-1].metrics[0].format == "number"
    assert not [f for f in plan_talk(outline).findings if f.code == "C012"]


def test_a_metric_in_its_own_unit_is_not_a_unit_clash(tmp_path: Path) -> None:
    slides = [
        {
            "kind": "methodology",
            "title": "Two stages cut the error to 4.1 minutes",
            "table": {"columns": ["Model", "MAE (min)"], "rows": [["Two-stage GBM", 4.1], ["Zone median", 6.2]]},
        },
        {
            "kind": "results",
            "title": "ETAs are 2 minutes closer",
            "metrics": [{"name": "MAE (min)", "value": 4.1, "baseline": 6.2, "lower_is_better": True}],
        },
    ]
    outline = load_outline(write_outline(tmp_path, slides))
    assert not [f for f in plan_talk(outline).findings if f.code == "C012"]


def test_numbers_keep_the_text_they_were_written_with(tmp_path: Path) -> None:
    (tmp_path / "talk.yaml").write_text(
        "title: T\nduration: 12m\ncover: false\nslides:\n"
        "  - kind: results\n    title: The model halves the error\n"
        "    metrics: [{name: AUC, value: 0.50, baseline: 0.080, baseline_label: chance}]\n"
        "  - kind: methodology\n    title: LightGBM wins the comparison\n"
        "    table: {columns: [Model, AUC, Calibrated], rows: [[LightGBM, 0.80, yes], [Chance, 0.50, no]]}\n",
        encoding="utf-8",
    )
    outline = load_outline(tmp_path / "talk.yaml")
    build_deck(outline, plan_talk(outline), tmp_path / "x.pptx", cache=FigureCache(None))
    deck = Presentation(str(tmp_path / "x.pptx"))
    callout = as_typed(next(s for s in deck.slides[0].shapes if s.name.startswith("Metric")).text_frame.text)
    assert "0.50" in callout and "the 0.080 chance baseline" in callout
    table = next(s for s in deck.slides[1].shapes if s.has_table).table
    assert [table.cell(1, c).text for c in range(3)] == ["LightGBM", "0.80", "yes"]
    assert table.cell(2, 1).text == "0.50"


@pytest.mark.parametrize(
    ("metric", "says"),
    [
        ("{name: AUC, value: .nan, baseline: 0.5}", "not a number a talk can use"),
        ("{name: AUC, value: 0.8, baseline: .inf}", "not a number a talk can use"),
        ("{name: R2, value: 0.3, baseline: -0.2}", "below zero"),
        ("{name: AUC, value: 0.8, baseline: 0.5, spread: -0.01}", "below zero"),
    ],
)
def test_numbers_no_talk_can_use_are_refused(run_cli: Any, tmp_path: Path, metric: str, says: str) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(
        f"title: T\nduration: 12m\nslides:\n  - kind: results\n    title: x\n    metrics: [{metric}]\n",
        encoding="utf-8",
    )
    result = run_cli("plan", str(path))
    assert result.exit_code == 2 and says in result.output and "talk.yaml:6" in result.output


def test_a_slide_has_one_headline_the_figure_title_is_its_caption(churn_deck: tuple[Path, Any]) -> None:
    out, _ = churn_deck
    slide = Presentation(str(out)).slides[5]  # the results slide: a title, then the curve's own title
    caption = next(s for s in slide.shapes if s.name == "Figure Title")
    run = caption.text_frame.paragraphs[0].runs[0]
    theme = default_config().theme
    assert not run.font.bold and str(run.font.color.rgb) == theme.color("muted")
    title_run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    assert title_run.font.size.pt > run.font.size.pt


def test_a_figure_title_that_repeats_the_slide_title_is_said_once(tmp_path: Path) -> None:
    # An imported draft often labels a figure with its slide's own heading ("Count Plot of Email Text").
    picture = tmp_path / "counts.png"
    Image.new("RGB", (640, 400), "white").save(picture)
    slides = [
        {"kind": "results", "title": "Count plot of email text", "figure": {"chart": "image", "path": "counts.png",
                                                                          "title": "Count Plot of Email Text"}},
        {"kind": "results", "title": "Short emails are clicked a third more often",
         "figure": {"chart": "image", "path": "counts.png", "title": "Clicks by email text"}},
    ]  # fmt: skip
    outline = load_outline(write_outline(tmp_path, slides))
    out = tmp_path / "talk.pptx"
    build_deck(outline, plan_talk(outline), out, cache=FigureCache(None))
    deck = Presentation(str(out))
    names = [[shape.name for shape in slide.shapes] for slide in deck.slides]
    repeated, labelled = names[-2], names[-1]
    assert "Figure Title" not in repeated and "Figure" in repeated
    assert "Figure Title" in labelled

    # The picture takes the room the caption would have had.
    def top(slide: Any) -> float:
        return min(s.top for s in slide.shapes if s.name == "Figure")

    assert top(deck.slides[-2]) < top(deck.slides[-1])


def test_a_wide_picture_sits_under_its_caption(tmp_path: Path) -> None:
    # A notebook's two-panel figure is wide and short: centred in a tall box it would float mid-slide, away from
    # its label.
    Image.new("RGB", (1600, 500), "white").save(tmp_path / "panels.png")
    slides = [{"kind": "eda", "title": "Age should be below 100", "points": ["Typically, age is below 100."],
               "figure": {"chart": "image", "path": "panels.png", "title": "Users by country"}}]  # fmt: skip
    outline = load_outline(write_outline(tmp_path, slides))
    out = tmp_path / "talk.pptx"
    build_deck(outline, plan_talk(outline), out, cache=FigureCache(None))
    shapes = {s.name: s for s in Presentation(str(out)).slides[-1].shapes}
    caption, picture = shapes["Figure Title"], shapes["Figure"]
    gap = (picture.top - (caption.top + caption.height)) / 914400
    assert 0 <= gap <= 0.1


def test_a_placeholder_slide_says_what_it_awaits(tmp_path: Path) -> None:
    # A draft from `deck import`, built with --force to edit in PowerPoint: an empty slide would not say what to write.
    todo = "write the problem in your own words: who has it, what it costs"
    slides = [
        {"kind": "problem", "title": "Problem", "todo": todo},
        {"kind": "approach", "title": "Gradient boosting on usage trends", "points": ["Logins, tickets, seats"]},
    ]
    outline = load_outline(write_outline(tmp_path, slides))
    out = tmp_path / "draft.pptx"
    build_deck(outline, plan_talk(outline), out, cache=FigureCache(None))
    deck = Presentation(str(out))
    texts = [[as_typed(s.text_frame.text) for s in slide.shapes if s.has_text_frame] for slide in deck.slides]
    assert f"Still to do: {todo}" in texts[-2]
    assert not any(t.startswith("Still to do") for t in texts[-1])
