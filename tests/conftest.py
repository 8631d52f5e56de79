"""Shared fixtures: paths, a CLI runner, and outline builders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/outline.yaml"))
OUTLINES = Path(__file__).resolve().parent / "outlines"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep rendered figures out of the user's cache folder."""
    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "figure-cache"))


@pytest.fixture
def run_cli() -> Any:
    """Invoke `deck` in-process and return the click Result."""
    from deckbuilder.cli import main

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def outline_text(slides: list[dict[str, Any]], duration: str = "12m", **top: Any) -> str:
    """Return outline YAML for ``slides`` with a title and duration (shared objects written out)."""
    data = {"title": "A talk", "duration": duration, **top, "slides": slides}
    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False)


def write_outline(tmp_path: Path, slides: list[dict[str, Any]], duration: str = "12m", **top: Any) -> Path:
    """Write an outline file and return its path."""
    path = tmp_path / "talk.yaml"
    path.write_text(outline_text(slides, duration, **top), encoding="utf-8")
    return path


PYTHON = sys.executable
