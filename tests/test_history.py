"""History, compare, report and CSV from recorded visits, checked against numbers worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from deckbuilder.history.analysis import HEARD_COLUMNS, find_runs, pacing, trend
from deckbuilder.history.store import SCHEMA_VERSION, History
from deckbuilder.rehearse.budgets import resolve as resolve_budgets
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck

from .conftest import FakeClock

# Seconds per slide (9 slides; the last is the appendix) in five rehearsals, oldest first.
RUNS = [
    [12, 40, 111, 126, 121, 168, 102, 92],
    [10, 38, 106, 123, 122, 153, 107, 97],
    [11, 36, 103, 119, 121, 143, 110, 104],
    [10, 35, 101, 120, 119, 134, 109, 108],
    [9, 34, 99, 117, 118, 122, 108, 107],
]
BUDGETS = [10, 35, 100, 120, 120, 115, 110, 110]


def record(deck_path: Path, db: Path, runs: list[list[int]], finish: bool = True) -> None:
    deck = read_deck(deck_path)
    for n, row in enumerate(runs):
        clock = FakeClock(0)
        wall = dt.datetime(2026, 11, 25 + n, 20, 0, tzinfo=dt.UTC)
        coach = Coach(deck, resolve_budgets(deck), History(db), clock=clock, wall=lambda w=wall: w)
        coach.start()
        for seconds in row[:-1]:
            clock.advance(seconds)
            coach.next()
        clock.advance(row[-1])
        if finish:
            coach.finish()
        else:
            coach.quit()


@pytest.fixture
def history_db(churn_pptx: Path, tmp_path: Path) -> tuple[Path, Path]:
    deck = tmp_path / "talk.pptx"
    shutil.copy(churn_pptx, deck)
    db = tmp_path / "h.db"
    record(deck, db, RUNS)
    return deck, db


def test_runs_newest_first_with_totals_and_worst_slide(history_db: tuple[Path, Path]) -> None:
    deck, db = history_db
    runs = find_runs(History(db), read_deck(deck).identity())
    assert [r.id for r in runs] == [5, 4, 3, 2, 1]
    assert [r.total_s for r in runs] == [sum(r) for r in RUNS[::-1]]
    oldest = runs[-1]
    # over by more than 2 s: 40-35, 111-100, 126-120, 168-115
    assert [s.title[:10] for s, _ in oldest.over_slides(2)] == [
        "At 30% pre",
        "Behaviour ",
        "A falling ",
        "8% of subs",
    ]
    assert oldest.over_slides(2)[0][1] == 53
    assert runs[0].as_dict(2)["worst"]["over_s"] == 7


def test_trend_line() -> None:
    from deckbuilder.history.analysis import Run

    def run(i: int, total: float) -> Run:
        return Run(i, "", True, total, 720)

    def short(i: int, total: float) -> Run:
        return Run(i, "", True, total, 120)

    assert trend([run(3, 730), run(2, 775), run(1, 820)]) == "last three of 12:00: 13:40, 12:55, 12:10; still over time"
    assert trend([run(3, 710), run(2, 715), run(1, 820)]) == (
        "last three of 12:00: 13:40, 11:55, 11:50; on budget since the second"
    )
    assert trend([run(1, 700)]) == "last one of 12:00: 11:40; all within time"
    assert trend([]) == "no finished rehearsal yet"
    # A 2-minute run between 12-minute runs is another talk: left out of the line, and said so.
    assert trend([run(4, 790), short(3, 5), run(2, 800)]) == (
        "last two of 12:00: 13:20, 13:10; still over time (left out: 1 of another length)"
    )
    assert trend([short(5, 130), run(4, 700)]) == (
        "last one of 2:00: 2:10; still over time (left out: 1 of another length)"
    )


def test_history_command_and_json(history_db: tuple[Path, Path], run_cli: Any) -> None:
    deck, db = history_db
    out = run_cli("history", deck, "--db", db)
    assert out.exit_code == 0
    assert "last three of 12:00: 12:27, 12:16, 11:54; on budget since the third" in out.stdout
    data = json.loads(run_cli("history", deck, "--db", db, "--json").stdout)
    assert [r["id"] for r in data["rehearsals"]] == [5, 4, 3, 2, 1]
    assert data["rehearsals"][4]["over_budget_slides"] == 4


def test_compare_the_last_two(history_db: tuple[Path, Path], run_cli: Any) -> None:
    deck, db = history_db
    out = run_cli("compare", deck, "--db", db).stdout
    assert "#4" in out and "#5" in out
    assert "2:14" in out and "2:02" in out and "-0:12" in out
    assert "Better: At 30% precision" in out and "Worse: nothing" in out
    chosen = run_cli("compare", deck, "1", "5", "--db", db).stdout
    assert "2:48" in chosen and "-0:46" in chosen
    assert run_cli("compare", deck, "1", "9", "--db", db).exit_code == 2


def test_report_picture_and_its_computed_title(history_db: tuple[Path, Path], run_cli: Any) -> None:
    deck, db = history_db
    out = deck.with_name("pacing.png")
    result = run_cli("report", deck, "--db", db, "-o", out, "--last", "3")
    assert result.exit_code == 0, result.output
    assert "Slide 6 ran over in 3 of 3 rehearsals, by 0:18 on average" in result.stdout  # 28, 19, 7
    with Image.open(out) as image:
        assert image.size == (1650, 825)
    numbers = pacing(read_deck(deck).timed(), find_runs(History(db), read_deck(deck).identity()), 5, 2.0)
    assert numbers.finding.startswith("Slide 6 ran over in 5 of 5 rehearsals, by 0:29 on average")
    assert [r.id for r in numbers.runs] == [1, 2, 3, 4, 5]
    assert [s.budget_s for s in numbers.slides] == BUDGETS
    svg = deck.with_name("pacing.svg")
    assert run_cli("report", deck, "--db", db, "-o", svg).exit_code == 0
    assert svg.read_text().lstrip().startswith("<?xml")


def test_csv_of_every_visit(history_db: tuple[Path, Path], run_cli: Any) -> None:
    deck, db = history_db
    rows = list(csv.DictReader(io.StringIO(run_cli("history", deck, "--db", db, "--csv").stdout)))
    assert len(rows) == 5 * 8
    assert rows[0] == {
        "rehearsal": "1",
        "finished": "1",
        "slide": "1",
        "title": "Catching churn before it happens",
        "budget_s": "10",
        "seconds": "12.0",
        "started_at": "2026-11-25T20:00:00+00:00",
        # what --listen heard: empty for a run not listened to
        **dict.fromkeys(HEARD_COLUMNS, ""),
    }
    assert sum(float(r["seconds"]) for r in rows if r["rehearsal"] == "5") == sum(RUNS[4])


def test_a_deck_with_no_history(churn_pptx: Path, tmp_path: Path, run_cli: Any) -> None:
    for command in ("history", "report"):
        result = run_cli(command, churn_pptx, "--db", tmp_path / "empty.db")
        assert result.exit_code == 0 and "no rehearsals recorded" in result.stdout


def test_history_survives_a_rebuild_a_move_and_a_changed_slide(
    history_db: tuple[Path, Path], tmp_path: Path, run_cli: Any
) -> None:
    deck, db = history_db
    moved = tmp_path / "elsewhere" / "interview-final.pptx"
    moved.parent.mkdir()
    shutil.copy(deck, moved)  # renamed and moved: matched by its slides
    assert len(find_runs(History(db), read_deck(moved).identity())) == 5
    # a rebuild with a retitled slide keeps the same file, so the history stays
    from deckbuilder import load_outline, plan_talk
    from deckbuilder.export.build import build_deck

    outline = load_outline(Path(__file__).resolve().parent.parent / "examples/churn/outline.yaml")
    slides = list(outline.slides)
    slides[6] = slides[6].but(title="New accounts are where the model is blind")
    outline = outline.but(slides=slides)
    build_deck(outline, plan_talk(outline), deck)
    rebuilt = read_deck(deck)
    runs = find_runs(History(db), rebuilt.identity())
    assert len(runs) == 5
    out = run_cli("compare", deck, "--db", db).stdout
    assert "not in this deck" in out  # the old title's time is kept, shown apart


def test_migrates_a_version_1_database(tmp_path: Path) -> None:
    from deckbuilder.history.store import MIGRATIONS

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    for statement in MIGRATIONS[1]:
        con.execute(statement)
    con.execute(
        "INSERT INTO rehearsals (id, deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at)"
        " VALUES (1, 'x.pptx', 'T', 'f', 720, 'embedded', '2026-01-01')"
    )
    con.execute(
        "INSERT INTO visits (rehearsal_id, idx, title, budget_s, talk_start_s, seconds, started_at)"
        " VALUES (1, 1, 'Intro', 30, 0, 25, '2026-01-01')"
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    History(db).close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert con.execute("SELECT slide_key, seconds FROM visits").fetchall() == [("Intro", 25.0)]


def test_naming_or_deleting_in_a_busy_history_says_so_and_changes_nothing(history_db: tuple[Path, Path]) -> None:
    from deckbuilder.errors import DeckError

    _, db = history_db
    store = History(db)
    run = int(store.db.execute("SELECT max(id) FROM rehearsals").fetchone()[0])
    store.set_patience(0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # a rehearsal recording into the same history
    try:
        for change in (lambda: store.set_label(run, "with Q&A"), lambda: store.delete(run)):
            with pytest.raises(DeckError, match="locked by another program") as caught:
                change()
            assert caught.value.exit_code == 2 and "nothing was changed" in caught.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    labels = store.db.execute("SELECT id, label FROM rehearsals ORDER BY id").fetchall()
    store.close()
    assert all(label is None for _, label in labels) and any(rid == run for rid, _ in labels)


def test_a_damaged_history_is_refused_and_left_as_it_was(history_db: tuple[Path, Path], run_cli: Any) -> None:
    deck, recorded = history_db
    db = recorded.parent / "damaged" / "h.db"
    db.parent.mkdir()
    source, copy = sqlite3.connect(recorded), sqlite3.connect(db)
    source.backup(copy)  # a copy in rollback-journal mode, so the whole history is this one file
    source.close()
    copy.execute("PRAGMA journal_mode=DELETE")
    copy.execute("UPDATE visits SET seconds = 'about a minute' WHERE rowid = 1")
    copy.commit()
    copy.close()
    before = db.read_bytes()
    for command in (["history", str(deck)], ["history", str(deck), "--csv"], ["compare", str(deck)]):
        result = run_cli(*command, "--db", str(db))
        assert result.exit_code == 2 and "visits.seconds holds 'about a minute'" in result.output
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == [db.name]


def test_runs_of_different_lengths_are_each_judged_against_their_own_plan() -> None:
    from deckbuilder.core.timing.talk import TalkPlan, TimedSlide
    from deckbuilder.history.analysis import Run, compare, default_pair

    def plan(budget: int) -> list[TimedSlide]:
        return [TimedSlide(1, "Results", "results", budget, None, True, id="results")]

    long_run = Run(1, "", True, 700, 720, slides=plan(120), actuals={"results": 130.0})
    short_run = Run(2, "", True, 130, 120, slides=plan(20), actuals={"results": 40.0})
    [row] = compare(TalkPlan("T", 720, tuple(plan(120))), long_run, short_run, 5.0)
    # 10 s over its 2:00 in the long run, 20 s over its 0:20 in the short one: worse. Judged both against
    # 2:00, the short run would have looked better.
    assert row.verdict == "worse" and row.budget_a == 120 and row.slide.budget_s == 20
    # Two talks of different lengths are no pair to compare by default: said, and nothing compared.
    pair, note = default_pair([short_run, long_run])
    assert pair is None and note.startswith(
        "no two finished rehearsals of the same length to compare (2 finished, of 12:00, 2:00)"
    )


def test_a_change_reads_as_the_two_figures_shown() -> None:
    from deckbuilder.core.timing.talk import TimedSlide
    from deckbuilder.history.analysis import Change

    row = Change(TimedSlide(1, "x", "results", 60, None, True), 11.4, 14.6, True, 5.0)
    assert row.change_s == 4.0  # shown as 0:11 -> 0:15, so +0:04 (not +0:03 from 3.2 s)


def test_a_history_path_in_a_missing_folder_is_refused_and_where_prints_the_path(
    history_db: tuple[Path, Path], run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck, _ = history_db
    typo = tmp_path / "histroy" / "h.db"
    monkeypatch.setenv("DECK_HISTORY", str(typo))
    result = run_cli("history", str(deck))
    assert result.exit_code == 2 and "does not exist" in result.output and not typo.parent.exists()
    where = run_cli("history", "--where")
    assert where.exit_code == 0 and str(typo) in where.output and "$DECK_HISTORY" in where.output
    named = run_cli("history", "--where", "--db", str(tmp_path / "mine.db"))
    assert "--db" in named.output and "not created yet" in named.output


def test_history_at_80_columns_keeps_every_column(
    history_db: tuple[Path, Path], run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck, db = history_db
    run_cli("history", str(deck), "--db", str(db), "--label", "with Q&A")
    monkeypatch.setenv("COLUMNS", "80")
    out = run_cli("history", str(deck), "--db", str(db)).output
    header = next(line for line in out.splitlines() if "when" in line)
    assert header.split()[0] == "#" and "label" in header and "worst slide" in header
    assert max(len(line) for line in out.splitlines()) <= 80
    assert any(line.lstrip().startswith(str(len(RUNS))) and "with" in line for line in out.splitlines())


def test_a_report_of_one_rehearsal_says_so_in_m_ss(churn_pptx: Path, tmp_path: Path, run_cli: Any) -> None:
    from deckbuilder.core.rules.config import default_config
    from deckbuilder.history.analysis import find_runs, pacing
    from deckbuilder.history.chart import draw

    deck = tmp_path / "talk.pptx"
    shutil.copy(churn_pptx, deck)
    db = tmp_path / "h.db"
    record(deck, db, RUNS[:1])
    info = read_deck(deck)
    numbers = pacing(info.timed(), find_runs(History(db), info.identity()), 5, 2.0)
    figure = draw(numbers, default_config().theme)
    ax = figure.axes[0]
    assert ax.get_xlabel().startswith("slide; one rehearsal of 12:00 so far: #1")
    ticks = [ax.yaxis.get_major_formatter()(value, 0) for value in (0, 90, 125)]
    assert ticks == ["0:00", "1:30", "2:05"]


@pytest.mark.parametrize("xdg", [None, "/srv/data", "  "])
def test_the_default_history_is_where_platformdirs_puts_user_data(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    from platformdirs import user_data_dir

    from deckbuilder.history.location import own_path

    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert own_path() == Path(user_data_dir("deck", appauthor=False)) / "history.sqlite3"
