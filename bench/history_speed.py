"""Time `deck history` and `deck report --last 5` on 1,000 rehearsals of a 10-slide deck.

Run: .venv/bin/python bench/history_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

from common import median_wall
from pptx import Presentation

from deckbuilder.history.store import History, fingerprint

REHEARSALS, SLIDES = 1000, 10


def make_deck(path: Path) -> list[str]:
    prs = Presentation()
    titles = [f"Slide {i + 1} states a finding about churn" for i in range(SLIDES)]
    for title in titles:
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = title
    prs.save(str(path))
    return titles


def fill(db: Path, deck: Path, titles: list[str]) -> None:
    history = History(db)
    rng = random.Random(7)
    budget = 72.0
    with history.db:
        for r in range(1, REHEARSALS + 1):
            history.db.execute(
                "INSERT INTO rehearsals (id, deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at,"
                " finished, total_s) VALUES (?, ?, ?, ?, 720, 'even', ?, 1, 0)",
                (r, str(deck.resolve()), titles[0], fingerprint(titles), f"2026-01-01T{r % 24:02d}:00:00"),
            )
            history.db.executemany(
                "INSERT INTO planned_slides (rehearsal_id, idx, title, kind, budget_s, slide_key)"
                " VALUES (?, ?, ?, NULL, ?, ?)",
                [(r, i + 1, t, budget, t) for i, t in enumerate(titles)],
            )
            visits = [(r, i + 1, t, budget, 0.0, rng.uniform(50, 95), "2026-01-01", t) for i, t in enumerate(titles)]
            history.db.executemany(
                "INSERT INTO visits (rehearsal_id, idx, title, budget_s, talk_start_s, seconds, started_at, slide_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                visits,
            )
            history.db.execute("UPDATE rehearsals SET total_s = ? WHERE id = ?", (sum(v[5] for v in visits), r))
    history.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="deck-history-"))
    deck, db = work / "talk.pptx", work / "history.sqlite3"
    fill(db, deck, make_deck(deck))
    base = [sys.executable, "-m", "deckbuilder"]
    floor = median_wall([sys.executable, "-c", "pass"], runs)
    hist = median_wall([*base, "history", str(deck), "--db", str(db)], runs)
    rep = median_wall([*base, "report", str(deck), "--db", str(db), "--last", "5", "-o", str(work / "p.png")], runs)
    size = os.path.getsize(db) / 2**20
    print(f"database: {REHEARSALS} rehearsals x {SLIDES} slides, {size:.1f} MiB")
    print(f"deck history          {hist:6.3f} s (goal under 0.3 s; python start alone {floor:.3f} s)")
    print(f"deck report --last 5  {rep:6.3f} s (goal under 1.5 s)")


if __name__ == "__main__":
    main()
