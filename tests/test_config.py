"""One Config from layouts/: a changed template flag reaches the plan, the exporter and the end screen alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from deckbuilder.checks import plan_talk
from deckbuilder.core.config import Config, default_config
from deckbuilder.core.loader import parse_outline
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
    from deckbuilder.core.config import layouts_dir

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
