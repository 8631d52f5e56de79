"""Deck's caches (pictures, build records, parsed settings) are checked like any input: an entry that a crash, a
full disk or a hand cut short, or that is not a file at all, only costs time; a valid talk always builds."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import PYTHON, ROOT
from .hostile.generate import png_header

CHURN = ROOT / "examples" / "churn"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A cache folder for this test alone, so the entries it damages are its own."""
    from deckbuilder.cli import common

    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "cache"))
    common._settings_reader.cache_clear()  # the settings reader finds its folder once per process
    yield
    common._settings_reader.cache_clear()


def _talk(tmp_path: Path, pictures: bool = False) -> Path:
    folder = tmp_path / "talk"
    shutil.copytree(CHURN, folder)
    outline = folder / "outline.yaml"
    if pictures:  # figures drawn by matplotlib, so the picture cache is used
        outline.write_text(outline.read_text().replace("      chart: ", "      render: picture\n      chart: "))
    return outline


def _cache() -> Path:
    return Path(os.environ["DECK_CACHE_DIR"])


def _pictures() -> list[Path]:
    return sorted(_cache().glob("*.png"))


def _embedded_pictures(deck: Path) -> list[bytes]:
    with zipfile.ZipFile(deck) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("ppt/media/") and n.endswith(".png")]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # a crash or a full disk while the cache was written
        lambda data: data[: len(data) // 2],
        lambda data: png_header(20000, 20000),  # whole, but claiming 400 million pixels
    ],
    ids=["emptied", "cut in half", "a lying header"],
)
def test_a_damaged_cached_picture_is_drawn_again(tmp_path: Path, run_cli: Any, damage: Any) -> None:
    from PIL import Image

    outline = _talk(tmp_path, pictures=True)
    assert run_cli("build", outline, "-o", tmp_path / "first.pptx").exit_code == 0
    for picture in _pictures():
        picture.write_bytes(damage(picture.read_bytes()))
    again = run_cli("build", outline, "-o", tmp_path / "second.pptx")
    assert again.exit_code == 0, again.output
    assert "in deck's cache was damaged" in again.output and "3 drawn" in again.output
    for png in _embedded_pictures(tmp_path / "second.pptx"):
        Image.open(io.BytesIO(png)).load()  # whole: a cut picture would raise here
    assert all(p.stat().st_size > 1000 for p in _pictures())  # replaced by whole ones


def _record(tmp_path: Path, run_cli: Any) -> tuple[Path, Path, Path]:
    outline, out = _talk(tmp_path), tmp_path / "deck.pptx"
    assert run_cli("build", outline, "-o", out).exit_code == 0
    (record,) = (_cache() / "builds").glob("*.json")
    return outline, out, record


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.update(slides="nine"),
        lambda r: r.update(slides=1e999),  # written by json as Infinity
        lambda r: r.update(charts=[3]),
        lambda r: r.update(findings={"code": "C002"}),
        lambda r: r.update(layout_notes=[1, 2]),
        lambda r: r.update(sha256=7),
    ],
    ids=["text count", "Infinity", "list count", "findings a mapping", "notes not text", "hash a number"],
)
def test_a_build_record_of_the_wrong_shape_means_building_again(tmp_path: Path, run_cli: Any, damage: Any) -> None:
    outline, out, record = _record(tmp_path, run_cli)
    data = json.loads(record.read_text())
    damage(data)
    record.write_text(json.dumps(data))
    again = run_cli("build", outline, "-o", out)
    assert again.exit_code == 0 and "wrote" in again.stdout, again.output
    assert "in deck's cache was damaged" in again.output
    assert "is up to date" in run_cli("build", outline, "-o", out).stdout  # the record was replaced


def _deck(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "deckbuilder", *map(str, args)], capture_output=True, text=True, timeout=timeout, env=os.environ
    )


@pytest.mark.parametrize("what", ["FIFO", "1.5 GB", "folder"])
def test_a_build_record_that_is_not_a_small_file_is_set_aside(tmp_path: Path, run_cli: Any, what: str) -> None:
    outline, out, record = _record(tmp_path, run_cli)
    record.unlink()
    if what == "FIFO":
        os.mkfifo(record)
    elif what == "folder":
        record.mkdir()
    else:
        with open(record, "wb") as handle:
            handle.truncate(1_500_000_000)  # sparse: no disk, all zeros
    again = _deck("build", outline, "-o", out)  # a child: a FIFO read would hang this test
    assert again.returncode == 0 and "wrote" in again.stdout, again.stderr
    assert "in deck's cache was damaged" in again.stderr


def test_the_record_holds_the_hash_of_the_bytes_this_build_wrote(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two builds race to one output: talk A's deck lands, then talk B's lands over it before A keeps its record.
    folder = tmp_path / "talks"
    shutil.copytree(CHURN, folder)
    talk_a, talk_b, out = folder / "outline.yaml", folder / "other.yaml", tmp_path / "deck.pptx"
    talk_b.write_text(talk_a.read_text().replace("title: ", "title: Other ", 1))
    replace, raced = os.replace, []

    def racing_replace(src: Any, dst: Any) -> None:
        replace(src, dst)
        if Path(dst) == out and not raced:
            raced.append(True)
            assert run_cli("build", talk_b, "-o", out).exit_code == 0  # B lands while A is between its steps

    monkeypatch.setattr(os, "replace", racing_replace)
    assert run_cli("build", talk_a, "-o", out).exit_code == 0
    monkeypatch.setattr(os, "replace", replace)
    assert raced
    again = run_cli("build", talk_a, "-o", out)  # the deck holds B's slides: A must be written again
    assert "wrote" in again.stdout and "up to date" not in again.stdout


def _new_process() -> None:
    """Forget the settings this process read, as the next `deck` command starts without them."""
    from deckbuilder.cli import common

    common._settings_reader.cache_clear()


def _settings_entries() -> list[Path]:
    return sorted((_cache() / "settings").glob("*.json"))


def _plan_limits_entry(tmp_path: Path, run_cli: Any) -> tuple[Path, Path]:
    outline = _talk(tmp_path)
    assert run_cli("plan", outline).exit_code == 0
    limits = (ROOT / "layouts" / "limits.yaml").resolve()
    (entry,) = [e for e in _settings_entries() if str(limits) in e.read_text(errors="replace")]
    return outline, entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace('"outline_bytes": 2000000', '"outline_bytes": "two megabytes"'),
        lambda text: text.replace('"outline_bytes": 2000000', '"outline_bytes": Infinity'),
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"value": {', '"value": ["oops"], "was": {', 1),
    ],
    ids=["text for a number", "Infinity", "cut in half", "a list"],
)
def test_a_damaged_settings_entry_is_parsed_again(tmp_path: Path, run_cli: Any, damage: Any) -> None:
    outline, entry = _plan_limits_entry(tmp_path, run_cli)
    entry.write_text(damage(entry.read_text()))
    _new_process()
    again = run_cli("plan", outline)
    assert again.exit_code == 0, again.output
    assert "the parsed copy of limits.yaml in deck's cache was damaged" in again.output
    _new_process()
    assert "damaged" not in run_cli("plan", outline).output  # replaced by a whole one


@pytest.mark.parametrize("what", ["FIFO", "1.5 GB"])
def test_a_settings_entry_that_is_not_a_small_file_is_set_aside(tmp_path: Path, run_cli: Any, what: str) -> None:
    outline, entry = _plan_limits_entry(tmp_path, run_cli)
    entry.unlink()
    if what == "FIFO":
        os.mkfifo(entry)
    else:
        with open(entry, "wb") as handle:
            handle.truncate(1_500_000_000)
    again = _deck("plan", outline, timeout=30)
    assert again.returncode == 0, again.stderr
    assert "the parsed copy of limits.yaml in deck's cache was damaged" in again.stderr


def test_settings_edited_keeping_size_and_time_are_read_again(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    monkeypatch.setenv("DECK_LAYOUTS", str(layouts))
    talk = _talk(tmp_path)
    talk.write_text(talk.read_text().replace("duration: 12m", "duration: 3h30m", 1))
    assert run_cli("plan", talk, "--json").exit_code in (0, 1)  # 3h30 is within the shipped 4 h
    limits = layouts / "limits.yaml"
    stat = limits.stat()
    limits.write_text(limits.read_text().replace("duration_max_s: 14400", "duration_max_s: 10800"))  # 3 h
    os.utime(limits, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as unzip, tar, cp -p and rsync -t restore it
    assert limits.stat().st_size == stat.st_size and limits.stat().st_mtime_ns == stat.st_mtime_ns
    _new_process()
    refused = run_cli("plan", talk)
    assert refused.exit_code == 2 and "at most 3 h" in refused.output
