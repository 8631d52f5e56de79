"""One Config from layouts/: a changed template flag reaches the plan, the exporter and the end screen alike."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from deckbuilder.checks import plan_talk
from deckbuilder.core.outline.loader import parse_outline
from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.export.build import build_deck
from deckbuilder.export.cache import FigureCache
from deckbuilder.rehearse.deck_reader import read_deck
from deckbuilder.rehearse.pacing import summarise

from .conftest import ROOT, outline_text

TALK = [
    {"kind": "problem", "title": "Late deliveries cost $1.2M a quarter"},
    {"kind": "eda", "title": "Half the delays start at two depots"},
    {"kind": "methodology", "title": "Route features beat driver features by 9 points"},
    {"kind": "results", "title": "The model flags 70% of late routes a day ahead"},
    {"kind": "error_analysis", "title": "Rural routes are where it misses"},
    {"kind": "next_steps", "title": "Next week: rural routes; next quarter: a live trial"},
]


@pytest.fixture
def eda_not_main(tmp_path: Path) -> Config:
    """A copy of layouts/ where an exploration slide does not count as the talk proper."""
    folder = tmp_path / "layouts"
    shutil.copytree(default_config().folder, folder)
    template = yaml.safe_load((folder / "template.yaml").read_text(encoding="utf-8"))
    template["kinds"]["eda"]["main"] = False
    (folder / "template.yaml").write_text(yaml.safe_dump(template), encoding="utf-8")
    return Config(folder)


def test_main_flag_is_read_from_the_template_by_plan_exporter_and_end_screen(
    eda_not_main: Config, tmp_path: Path
) -> None:
    outline = parse_outline(outline_text(TALK), config=eda_not_main)
    plan = plan_talk(outline, eda_not_main)
    assert [s.kind for s in plan.slides if not s.main] == ["eda"]
    assert {s.name: s.seconds for s in plan.shares}["eda"] == 0  # not counted in the shares

    out = tmp_path / "talk.pptx"
    build_deck(outline, plan, out, cache=FigureCache(None), config=eda_not_main)
    deck = read_deck(out, eda_not_main)
    assert deck.plan is not None
    assert [s.main for s in deck.plan.slides] == [s.main for s in plan.slides]

    summary = summarise(deck.plan.slides, [60.0] * len(TALK), 720, eda_not_main)
    assert {s.name: s.seconds for s in summary.shares}["eda"] == 0
    # With the shipped template the same talk counts exploration as part of it.
    shipped = plan_talk(parse_outline(outline_text(TALK)))
    assert all(s.main for s in shipped.slides)


def test_layouts_folder_can_be_pointed_at(eda_not_main: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    from deckbuilder.core.rules.config import layouts_dir

    monkeypatch.setenv("DECK_LAYOUTS", str(eda_not_main.folder))
    assert layouts_dir() == eda_not_main.folder
    monkeypatch.delenv("DECK_LAYOUTS")
    assert layouts_dir() == ROOT / "layouts"


def test_every_word_list_holds_text() -> None:
    # YAML reads a bare on, off, yes or no as true or false: a word list must quote them.
    content = yaml.safe_load((ROOT / "layouts" / "content.yaml").read_text(encoding="utf-8"))
    for key, value in content.items():
        if isinstance(value, list) and not any(isinstance(item, dict) for item in value):
            assert all(isinstance(item, str) for item in value), key


def test_every_text_size_is_a_step_of_the_type_scale() -> None:
    import yaml

    from deckbuilder.core.rules.theme import parse_theme

    theme = default_config().theme
    for value in theme.sizes.values():
        for size in value if isinstance(value, list) else [value]:
            assert size in theme.scale
    raw = yaml.safe_load((ROOT / "layouts" / "theme.yaml").read_text())
    geometry = yaml.safe_load((ROOT / "layouts" / "slides.yaml").read_text())
    raw["sizes"]["body"] = [21, 14]  # between two steps: the drift the scale exists to stop
    with pytest.raises(ValueError, match=r"sizes.body has 21 pt, not a step of the type scale"):
        parse_theme(raw, geometry, ROOT / "layouts")


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_reads_on_every_surface_it_is_drawn_on() -> None:
    theme = default_config().theme
    # Text colours on the slide, a callout's fill and a table's banded row; the header's text on its fill.
    pairs = [(fg, bg) for fg in ("text", "primary", "muted", "baseline") for bg in ("background", "light", "band")]
    pairs.append(("background", "primary"))
    for fg, bg in pairs:
        ratio = _contrast(theme.color(fg), theme.color(bg))
        assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}:1, under WCAG's 4.5:1"


def test_every_hedge_family_has_its_advice() -> None:
    """C007 says what to say instead, by family: a family in reading.yaml with no advice in content.yaml crashed
    `deck plan` on "The model is good enough"."""
    config = default_config()
    families = {family.name for family in config.vocabulary.hedges}
    assert families <= set(config.lexicon.hedge_advice), families - set(config.lexicon.hedge_advice)


def test_a_talk_that_calls_its_model_good_enough_plans(tmp_path: Path, run_cli: Any) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(
        "title: Churn\nduration: 12m\nslides:\n  - kind: problem\n    title: Churn costs $2M a year\n"
        "  - kind: results\n    title: The model catches 70% of churners a month ahead\n"
        "    points:\n      - The model is good enough\n",
        encoding="utf-8",
    )
    result = run_cli("plan", outline)
    assert result.exit_code in (0, 1) and "C007" in result.output, result.output
