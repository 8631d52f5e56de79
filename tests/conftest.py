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


IMPORTED = "# Imported by `deck import`"


def assert_imports_load(folder: Path) -> int:
    """Load every outline `deck import` wrote under ``folder`` with deck's own loader; return how many.

    The one place that holds every test's imports to the promise that deck never writes an outline it cannot
    read: the autouse fixture below runs it after each test that has a tmp_path, the hostile suite after each
    import it runs.
    """
    from deckbuilder.core.outline.loader import load_outline

    count = 0
    for path in folder.rglob("*.y*ml"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as handle:
            head = handle.read(len(IMPORTED))
        if head == IMPORTED.encode():
            load_outline(path)  # raises DeckError, naming file, line and key, if it does not load
            count += 1
    return count


@pytest.fixture(autouse=True)
def imported_outlines_load(request: pytest.FixtureRequest) -> Any:
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is not None:
        assert_imports_load(folder)


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
    """Return outline YAML for ``slides`` with a title and duration (shared objects written out).

    The talk opens on exactly the slides given (`cover: false`) unless a test asks for the cover.
    """
    data = {"title": "A talk", "duration": duration, "cover": False, **top, "slides": slides}
    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False)


def write_outline(tmp_path: Path, slides: list[dict[str, Any]], duration: str = "12m", **top: Any) -> Path:
    """Write an outline file and return its path."""
    path = tmp_path / "talk.yaml"
    path.write_text(outline_text(slides, duration, **top), encoding="utf-8")
    return path


PYTHON = sys.executable


def layouts_with(tmp_path: Path, **limits: int) -> Path:
    """Return a copy of layouts/ with some limits of limits.yaml changed (point DECK_LAYOUTS at it)."""
    import shutil

    folder = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", folder)
    data = yaml.safe_load((folder / "limits.yaml").read_text(encoding="utf-8"))
    data.update(limits)
    (folder / "limits.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return folder


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def rehearse_app(deck_path: Path, db: Path, clock: FakeClock) -> Any:
    """Return the rehearsal app on ``deck_path`` with a history at ``db`` and a fake clock and wall clock."""
    import datetime as dt

    from deckbuilder.history.store import History
    from deckbuilder.rehearse.budgets import resolve
    from deckbuilder.rehearse.coach import Coach
    from deckbuilder.rehearse.deck_reader import read_deck
    from deckbuilder.tui.app import RehearseApp

    deck = read_deck(deck_path)
    wall = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)
    coach = Coach(deck, resolve(deck), History(db), clock=clock, wall=lambda: wall)
    return RehearseApp(coach, redraw_s=0.05, saved_to="saved to history.sqlite3")


@pytest.fixture(scope="session")
def churn_pptx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the churn example once for the rehearsal tests."""
    from deckbuilder import load_outline, plan_talk
    from deckbuilder.export.build import build_deck
    from deckbuilder.export.cache import FigureCache

    folder = tmp_path_factory.mktemp("deck")
    outline = load_outline(ROOT / "examples/churn/outline.yaml")
    out = folder / "churn.pptx"
    build_deck(outline, plan_talk(outline), out, cache=FigureCache(folder / "cache"), date_text="1 December 2026")
    return out
