"""`deck compare` picks a fair pair and shows each run against its own plan; history, compare and inspect print
through the one table printer of `deck plan`; `--delete` never needs a terminal it does not have."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from deckbuilder.history.store import History
from deckbuilder.rehearse.budgets import resolve
from deckbuilder.rehearse.coach import Coach
from deckbuilder.rehearse.deck_reader import read_deck

from .conftest import FakeClock


def rehearse(deck_path: Path, db: Path, duration_s: int | None, seconds: list[int], finish: bool = True) -> None:
    """Record one run: ``seconds`` on the slides in turn, then finish (or stop where it is)."""
    deck = read_deck(deck_path)
    clock = FakeClock(0)
    day = dt.datetime(2026, 11, 20, 20, 0, tzinfo=dt.UTC) + dt.timedelta(hours=len(seconds) * 7 + (duration_s or 0))
    budgets = resolve(deck, duration_s=duration_s, step_s=5)
    coach = Coach(deck, budgets, History(db), clock=clock, wall=lambda: day)
    coach.start()
    for spent in seconds[:-1]:
        clock.advance(spent)
        coach.next()
    clock.advance(seconds[-1])
    if finish:
        coach.next()  # past the last slide given
    else:
        coach.quit()


WHOLE = [2, 8, 20, 30, 30, 30, 30, 30, 0]  # the eight slides of the talk and out past the appendix


@pytest.fixture
def mixed(churn_pptx: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two finished 3:00 runs, then a 2:00 and a 5:00 run, then one killed two seconds in."""
    deck = tmp_path / "talk.pptx"
    shutil.copy(churn_pptx, deck)
    db = tmp_path / "h.db"
    rehearse(deck, db, 180, WHOLE)
    rehearse(deck, db, 180, [2, 8, 24, 30, 40, 30, 30, 30, 0])
    rehearse(deck, db, 120, [2, 5, 10, 20, 20, 20, 20, 20, 0])
    rehearse(deck, db, 300, [5, 20, 40, 50, 50, 50, 50, 50, 0])
    rehearse(deck, db, 300, [2], finish=False)
    return deck, db


def test_compare_takes_the_last_two_finished_runs_of_one_length_and_says_which(
    mixed: tuple[Path, Path], run_cli: Any
) -> None:
    deck, db = mixed
    result = run_cli("compare", deck, "--db", db)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # wrapped to the terminal
    assert said.startswith(
        "comparing the last two finished rehearsals of 3:00: #1 and #2 (1 unfinished, 2 of another length left out)"
    )
    assert "Rehearsal #1" in result.output and "against #2" in result.output
    assert "#5" not in result.output  # the run killed two seconds in is never compared


def test_compare_with_no_pair_of_one_length_says_so_and_compares_nothing(
    churn_pptx: Path, tmp_path: Path, run_cli: Any
) -> None:
    deck, db = tmp_path / "talk.pptx", tmp_path / "h.db"
    shutil.copy(churn_pptx, deck)
    rehearse(deck, db, 120, [2, 5, 10, 20, 20, 20, 20, 20, 0])
    rehearse(deck, db, 300, [5, 20, 40, 50, 50, 50, 50, 50, 0])
    rehearse(deck, db, 300, [2], finish=False)
    result = run_cli("compare", deck, "--db", db)
    assert result.exit_code == 0
    said = " ".join(result.output.split())
    assert said.startswith("no two finished rehearsals of the same length to compare (2 finished, of 5:00, 2:00)")
    assert "Rehearsal #" not in said and "deck compare" in said


def test_runs_of_different_lengths_are_each_shown_against_their_own_budgets(
    mixed: tuple[Path, Path], run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck, db = mixed
    monkeypatch.setenv("COLUMNS", "120")
    result = run_cli("compare", deck, "3", "4", "--db", db)
    lines = result.output.splitlines()
    assert "plans differ, so each run is shown against its own budgets" in " ".join(lines[:2])
    header = next(line for line in lines if line.startswith("slide"))
    assert header.split() == ["slide", "#3", "budget", "#3", "#4", "budget", "#4", "change"]
    total = next(line for line in lines if line.startswith("total")).split()
    assert total == ["total", "2:00", "1:57", "5:00", "5:15", "+3:18"]  # each run beside its own slot
    results = next(line for line in lines if line.startswith("Behaviour")).split()
    assert results[-5:-1] == ["0:15", "0:10", "0:40", "0:40"]  # each slide's budget in each run, then its time


def test_history_compare_and_inspect_print_through_the_plan_printer(mixed: tuple[Path, Path]) -> None:
    deck, db = mixed
    probe = (
        "import sys\n"
        "from deckbuilder.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('RICH LOADED' if 'rich' in sys.modules else 'no rich', file=sys.stderr)\n"
    )
    # At 60 columns titles give way (wrapped or cut with "…"); the history's eight columns keep to 80.
    cases = [(["history", deck, "--db", db], 80), (["compare", deck, "--db", db], 60), (["inspect", deck], 60)]
    for args, columns in cases:
        done = subprocess.run(
            [sys.executable, "-c", probe, *map(str, args)],
            capture_output=True,
            text=True,
            env={"COLUMNS": str(columns), "PATH": "/usr/bin:/bin"},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip().endswith("no rich"), (args, done.stderr)
        assert max(len(line) for line in done.stdout.splitlines()) <= columns, (args, done.stdout)


def test_delete_with_no_terminal_to_ask_on_is_refused_plainly(mixed: tuple[Path, Path], run_cli: Any) -> None:
    deck, db = mixed
    result = run_cli("history", deck, "--db", db, "--delete", "3")  # CliRunner's stdin is not a terminal
    assert result.exit_code == 2 and "no terminal to ask on" in result.output and "--yes" in result.output
    assert len(History(db).rehearsals_of(read_deck(deck).identity())) == 5
    assert run_cli("history", deck, "--db", db, "--delete", "3", "--yes").exit_code == 0
    assert len(History(db).rehearsals_of(read_deck(deck).identity())) == 4


def _rendered(figure: Any) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def test_the_report_says_what_it_left_out_and_draws_backup_slides_apart(mixed: tuple[Path, Path], run_cli: Any) -> None:
    from matplotlib.colors import to_hex
    from matplotlib.transforms import Bbox

    from deckbuilder.core.rules.config import default_config
    from deckbuilder.history.analysis import find_runs, pacing
    from deckbuilder.history.chart import draw

    deck, db = mixed
    rehearse(deck, db, 300, [5, 20, 40, 50, 50, 50, 50, 50, 30])  # a second 5:00 run, 0:30 on the backup slide
    out = deck.with_name("pacing.png")
    result = run_cli("report", deck, "--db", db, "-o", out)
    said = " ".join(result.output.split())
    assert "rehearsals left out: 1 unfinished, 3 of another length" in said
    info = read_deck(deck)
    numbers = pacing(info.timed(), find_runs(History(db), info.identity()), 5, 2.0)
    theme = default_config().theme
    figure = draw(numbers, theme)
    ax = figure.axes[0]
    assert "rehearsals of 5:00" in ax.get_xlabel() and "left out: 1 unfinished, 3 of another length" in ax.get_xlabel()
    backup_at = numbers.backup.index(True)
    renderer = _rendered(figure)
    bars = [p for p in ax.patches if p.get_height() > 0]
    x_backup = ax.get_xticks()[backup_at]
    on_backup = [p for p in bars if abs(p.get_x() + p.get_width() / 2 - x_backup) < 0.5]
    assert on_backup and all(to_hex(p.get_facecolor()) == "#" + theme.color("muted").lower() for p in on_backup)
    assert not any(to_hex(p.get_facecolor()) == "#" + theme.color("primary").lower() for p in on_backup)
    # The legend keeps clear of every bar and budget line, and no two slide labels touch.
    legend = ax.get_legend().get_window_extent(renderer)
    lines = [Bbox(ax.transData.transform(seg)) for c in ax.collections for seg in c.get_segments()]  # budgets
    drawn = [p.get_window_extent(renderer) for p in bars] + lines
    assert len(lines) == len(numbers.slides) - 1 and not any(legend.overlaps(box) for box in drawn)
    labels = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert all(b.x0 - a.x1 >= 0.1 * 150 for a, b in itertools.pairwise(labels))


@pytest.mark.parametrize("slides", [9, 14])
def test_report_labels_never_run_together(slides: int) -> None:
    from deckbuilder.core.rules.config import default_config
    from deckbuilder.core.timing.talk import TimedSlide
    from deckbuilder.history.analysis import Pacing, Run
    from deckbuilder.history.chart import draw

    kinds = ["methodology", "error_analysis", "methodology", "next_steps"]
    shown = [TimedSlide(i + 1, f"S{i}", kinds[i % 4], 60, None, True) for i in range(slides - 1)]
    shown.append(TimedSlide(slides, "Backup", "appendix", None, None, False))
    run = Run(1, "2026-12-01T20:00", True, 60.0 * slides, 60.0 * slides)
    numbers = Pacing(shown, [run], [[55.0] * slides], 2.0, "finding")
    ax = draw(numbers, default_config().theme).axes[0]
    renderer = _rendered(ax.figure)
    labels = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert len(labels) == slides
    air = [b.x0 - a.x1 for a, b in itertools.pairwise(labels)]
    assert min(air) >= 0.1 * 150  # a tenth of an inch between neighbours at least: they read as two labels


CHURN = Path(__file__).resolve().parent.parent / "examples/churn/outline.yaml"


def test_plan_judges_only_on_whole_runs_of_its_length_and_says_what_it_left_out(
    churn_pptx: Path, tmp_path: Path, run_cli: Any
) -> None:
    import json

    db = tmp_path / "h.db"
    rehearse(churn_pptx, db, None, [3, 3, 3, 3, 3, 3, 3, 3, 0])  # a 0:24 click-through of the 12:00 talk
    clicked = json.loads(run_cli("plan", CHURN, "--db", db, "--json").stdout)
    assert clicked["judged_on"] != "rehearsals" and all(s["rehearsed_s"] is None for s in clicked["slides"])
    assert clicked["rehearsals"]["left_out"] == {"unfinished": 0, "other_length": 0, "skimmed": 1}
    text = " ".join(run_cli("plan", CHURN, "--db", db).stdout.split())
    assert "no rehearsal fit to judge on (1 clicked through left out): judged on the budgets" in text
    assert "0:03" not in text  # no finding built on the click-through's seconds
    rehearse(churn_pptx, db, None, [10, 40, 100, 120, 120, 115, 110, 110, 0])  # a whole 12:00 run
    rehearse(churn_pptx, db, 120, [5, 5, 20, 20, 20, 20, 20, 20, 0])  # a 2:00 run
    rehearse(churn_pptx, db, None, [10, 40], finish=False)
    data = json.loads(run_cli("plan", CHURN, "--db", db, "--json").stdout)
    assert data["judged_on"] == "rehearsals" and data["rehearsals"]["used"] == [2]
    assert [s["rehearsed_s"] for s in data["slides"][:3]] == [10.0, 40.0, 100.0]
    assert data["rehearsals"]["left_out"] == {"unfinished": 1, "other_length": 1, "skimmed": 0}
    text = " ".join(run_cli("plan", CHURN, "--db", db).stdout.split())
    assert "rehearsed: the median of #2; left out: 1 unfinished, 1 of another length" in text


def test_plan_says_when_the_history_it_would_judge_on_is_damaged(
    churn_pptx: Path, tmp_path: Path, run_cli: Any
) -> None:
    import sqlite3

    db = tmp_path / "h.db"
    rehearse(churn_pptx, db, None, [10, 40, 100, 120, 120, 115, 110, 110, 0])
    edit = sqlite3.connect(db)
    edit.execute("UPDATE planned_slides SET idx = 9e999 WHERE idx = 2")
    edit.commit()
    edit.close()
    result = run_cli("plan", CHURN, "--db", db)
    assert result.exit_code in (0, 1) and "rehearsed times left out: the rehearsal history is damaged" in " ".join(
        result.stdout.split()
    )


def test_a_click_through_the_deck_is_no_rehearsal_to_compare_trend_or_draw(
    churn_pptx: Path, tmp_path: Path, run_cli: Any
) -> None:
    deck, db = tmp_path / "talk.pptx", tmp_path / "h.db"
    shutil.copy(churn_pptx, deck)
    rehearse(deck, db, None, [10, 40, 100, 120, 120, 115, 110, 110, 0])
    rehearse(deck, db, None, [10, 38, 98, 118, 121, 112, 108, 105, 0])
    rehearse(deck, db, None, [3, 3, 3, 3, 3, 3, 3, 3, 0])  # 0:24: every slide shown, none spoken
    compared = " ".join(run_cli("compare", deck, "--db", db).output.split())
    assert compared.startswith(
        "comparing the last two finished rehearsals of 12:00: #1 and #2 (1 clicked through left out)"
    )
    listed = " ".join(run_cli("history", deck, "--db", db).output.split())
    assert "last two of 12:00: 12:05, 11:50; on budget since the second (left out: 1 clicked through)" in listed
    drawn = " ".join(run_cli("report", deck, "--db", db, "-o", tmp_path / "p.png").output.split())
    assert "Slide 2 ran over in 2 of 2 rehearsals" in drawn and "rehearsals left out: 1 clicked through" in drawn
