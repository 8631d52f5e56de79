"""Writing files: atomically, never onto an input, and leaving nothing behind when stopped."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from deckbuilder.cli.common import _exit_cleanly_on_signals
from deckbuilder.errors import DeckError
from deckbuilder.files.atomic import check_output, write_atomically


def test_a_write_stopped_half_way_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "talk.pptx"
    out.write_bytes(b"the previous deck")

    def stopped(handle: object) -> None:
        raise SystemExit(143)  # what SIGTERM becomes in the CLI

    with pytest.raises(SystemExit):
        write_atomically(out, stopped)
    assert out.read_bytes() == b"the previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["talk.pptx"]


def test_sigterm_and_sighup_unwind_instead_of_killing() -> None:
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        _exit_cleanly_on_signals()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            with pytest.raises(SystemExit) as stopped:
                os.kill(os.getpid(), sig)
            assert stopped.value.code == 128 + sig
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def test_output_is_checked_against_inputs_through_other_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: x\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    with pytest.raises(DeckError, match="input"):
        check_output(Path("../talk.yaml"), [outline])
    link = tmp_path / "link.yaml"
    link.symlink_to(outline)
    with pytest.raises(DeckError, match="input"):
        check_output(link, [outline])
    check_output(tmp_path / "talk.pptx", [outline])  # a new file beside it is fine


@pytest.mark.parametrize("xdg", [None, "/srv/cache"])
def test_the_figure_cache_is_where_platformdirs_puts_user_caches(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    from platformdirs import user_cache_dir

    from deckbuilder.files.places import deck_cache_dir

    monkeypatch.delenv("DECK_CACHE_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert deck_cache_dir() == Path(user_cache_dir("deck", appauthor=False))


def test_settings_are_parsed_once_per_version(tmp_path: Path) -> None:
    import datetime as dt

    from deckbuilder.files.parsed import cached_reader

    calls: list[Path] = []

    def parse(path: Path) -> object:
        calls.append(path)
        text = path.read_text()
        return {"when": dt.date(2026, 12, 1)} if "date" in text else {"words": text.split()}

    read = cached_reader(parse, tmp_path / "cache", "test")
    settings = tmp_path / "content.yaml"
    settings.write_text("alpha beta")
    assert read(settings) == {"words": ["alpha", "beta"]} and len(calls) == 1
    assert read(settings) == {"words": ["alpha", "beta"]} and len(calls) == 1  # from the cache
    settings.write_text("alpha gamma")  # edited: parsed again
    assert read(settings) == {"words": ["alpha", "gamma"]} and len(calls) == 2
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_text("{not json")  # a damaged entry is parsed again and rewritten
    assert read(settings) == {"words": ["alpha", "gamma"]} and len(calls) == 3
    assert read(settings) == {"words": ["alpha", "gamma"]} and len(calls) == 3
    before = settings.stat().st_mtime_ns
    settings.write_text("alpha delta")  # the same size, saved later: parsed again
    os.utime(settings, ns=(before + 1_000_000, before + 1_000_000))
    assert read(settings) == {"words": ["alpha", "delta"]} and len(calls) == 4
    settings.write_text("a date")  # what JSON cannot give back unchanged is never kept
    assert read(settings) == {"when": dt.date(2026, 12, 1)} and read(settings) and len(calls) == 6
    assert all('"when"' not in e.read_text() for e in (tmp_path / "cache").glob("*.json"))


def test_deck_plan_reads_the_same_settings_from_the_cache(tmp_path: Path, run_cli: Any) -> None:
    from .conftest import ROOT

    first = run_cli("plan", ROOT / "examples/churn/outline.yaml", "--json").stdout
    assert list((Path(os.environ["DECK_CACHE_DIR"]) / "settings").glob("*.json"))
    assert run_cli("plan", ROOT / "examples/churn/outline.yaml", "--json").stdout == first
