"""The SQLite store of rehearsals: one row per slide visit, committed as it happens. All of deck's SQL is here,
in drill_store.py (the drills) and in guard.py (which reads a database before deck trusts it)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from deckbuilder.core.timing.kept import KeptRun
from deckbuilder.core.timing.talk import DeckId, TalkPlan, TimedSlide
from deckbuilder.errors import DeckError, StoreRefused

from .drill_store import DrillRecords
from .guard import connect_read_only, damage, look, refuse_damage, refuse_foreign, state
from .heard_store import HeardRecords
from .location import ENV
from .migrations import MIGRATIONS, SCHEMA_VERSION
from .refusal import refusal

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "History"]

READS_FROM = 6  # a history this old is read as it is (by `deck plan`, which never migrates): nothing was heard


EMBEDDED_RUN = "budgets_from = 'embedded'"  # a rehearsal of a deck that carries deck's plan
# The talk's time of rehearsal r.id from its visits: time on backup slides (no budget, not main) is questions,
# never the talk, as the end screen counts it.
TALK_SECONDS = (
    "(SELECT SUM(v.seconds) FROM visits v LEFT JOIN planned_slides p ON p.rehearsal_id = v.rehearsal_id "
    "AND p.idx = v.idx WHERE v.rehearsal_id = r.id AND NOT (v.budget_s IS NULL AND COALESCE(p.main, 1) = 0))"
)


class History(HeardRecords, DrillRecords):
    """Open (creating or migrating) the rehearsal database; never write to one that is not deck's."""

    def __init__(self, path: Path, busy_timeout_s: float = 10.0, make_folder: bool = False) -> None:
        self.path = path
        if not make_folder and not path.parent.is_dir():
            # A mistyped --db or $DECK_HISTORY must not quietly start a new, empty history somewhere else.
            raise DeckError(
                f"the folder {path.parent} does not exist, so there is no rehearsal history there",
                file=str(path),
                hint=f"create the folder, or fix the path given with --db or ${ENV} (`deck history --where` "
                "prints the default)",
            )
        if path.exists() and not path.is_file():
            raise DeckError(
                "is not a regular file; the rehearsal history must be a file deck can create or own",
                file=str(path),
                hint=f"point deck at a file with --db or ${ENV}",
            )
        beside = [path.with_name(path.name + end) for end in ("-wal", "-shm")]
        before = {p for p in beside if p.exists()}
        try:
            # Look read-only first: a read-write connection that closes checkpoints the WAL beside the file into
            # it, and a database deck refuses must come out exactly as it went in.
            looked = look(path) if path.is_file() else True
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=busy_timeout_s)
            self._setup(looked)
            self.listening = True  # migrated to this deck's schema
        except DeckError:
            self._close_quietly()
            for extra in set(beside) - before:  # a refused history is left as it was found
                extra.unlink(missing_ok=True)
            raise
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            for extra in set(beside) - before:
                extra.unlink(missing_ok=True)
            refused = refusal(exc, path)
            if refused.reason in ("locked", "read-only", "full"):  # it could not be made ready: say why
                raise DeckError(
                    f"the rehearsal history {refused.what}, and deck must write to it before it can use it",
                    file=str(path),
                    hint=refused.hint,
                ) from None
            raise DeckError(
                f"the rehearsal history is damaged or not a deck database ({exc})",
                file=str(path),
                hint=f"move it aside to keep it, or point deck at another file with --db or ${ENV}",
            ) from None
        except OSError as exc:
            self._close_quietly()
            raise DeckError(f"cannot open the rehearsal history: {exc.strerror}", file=str(path)) from None

    @classmethod
    def read_only(cls, path: Path) -> History | None:
        """Open an existing history for reading only (nothing is created or migrated); None if unusable."""
        if not path.is_file():
            return None
        history = cls.__new__(cls)
        history.path = path
        beside = [path.with_name(path.name + end) for end in ("-wal", "-shm")]
        before = {p for p in beside if p.exists()}
        try:
            history.db = connect_read_only(path)
            version, tables = state(history.db)
            # Pages only: a read-only reader checks each number as it reads it (`_number`), so scanning the
            # columns first would read the history twice on every `deck plan`.
            usable = READS_FROM <= version <= SCHEMA_VERSION and "rehearsals" in tables
            if not usable or damage(history.db, tables, columns=False):
                raise sqlite3.DatabaseError("not a usable history")
            history.listening = "heard" in tables
        except (sqlite3.Error, DeckError):
            history._close_quietly()
            for extra in set(beside) - before:  # leave the folder as it was found
                extra.unlink(missing_ok=True)
            return None
        return history

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            db.close()

    def _setup(self, looked: bool) -> None:
        # The file was looked at read-only (`guard.look`), or is new; if a lock kept deck from looking, it looks now.
        version, tables = state(self.db)
        if not looked:
            refuse_foreign(self.path, version, tables)
            refuse_damage(self.path, damage(self.db, tables))
        if version < SCHEMA_VERSION:
            # One transaction for the whole creation or migration, the version re-read inside it: a kill
            # half way leaves the old database, and two first opens at once migrate it once.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                version, tables = state(self.db)
                refuse_foreign(self.path, version, tables)
                for target in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[target]:
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {target}")
                self.db.commit()
            except BaseException:
                self.db.rollback()
                raise
        if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            # Another process may hold the database; it switches the mode itself.
            with contextlib.suppress(sqlite3.OperationalError):
                self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process

    def probe(self) -> StoreRefused | None:
        """Return why the history will refuse writes (read-only, a full disk), or None: a write of the schema
        version it already holds, inside a transaction rolled back. A lock is not a refusal: it passes."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            finally:
                self.db.rollback()
        except sqlite3.Error as exc:
            refused = refusal(exc, self.path)
            return None if refused.passing else refused
        return None

    def begin(self, deck: DeckId, plan: TalkPlan, started_at: str, listened: bool = False) -> int:
        """Record a new rehearsal and its planned slides (``listened``: with --listen); return its id."""
        with self._writing():
            return self._begin(deck, plan, started_at, listened=listened)

    def _begin(
        self, deck: DeckId, plan: TalkPlan, started_at: str, rehearsal: int | None = None, listened: bool = False
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO rehearsals (id, deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at,"
            " listened) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (rehearsal, deck.path, deck.title, deck.fingerprint, plan.duration_s, plan.source, started_at,
             int(listened)),
        )  # fmt: skip
        rehearsal = int(cursor.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO planned_slides (rehearsal_id, idx, title, kind, budget_s, slide_key, main, start_s)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(rehearsal, s.index, s.title, s.kind, s.budget_s, s.key, int(s.main), s.start_s) for s in plan.slides],
        )
        return rehearsal

    def record(self, rehearsal: int, slide: TimedSlide, talk_start_s: float, seconds: float, started_at: str) -> None:
        """Store one finished visit and commit it at once (it replaces the visit's checkpoint)."""
        with self._writing():
            self._put_visit(rehearsal, slide, talk_start_s, seconds, started_at, still_open=False)

    def checkpoint(
        self, rehearsal: int, slide: TimedSlide, talk_start_s: float, seconds: float, started_at: str
    ) -> None:
        """Store the visit in progress as it stands (one row a rehearsal, replaced each time), so a process that
        is killed keeps all but the last few seconds of it."""
        with self._writing():
            self._put_visit(rehearsal, slide, talk_start_s, seconds, started_at, still_open=True)

    def _put_visit(
        self, rehearsal: int, slide: TimedSlide, start_s: float, seconds: float, started_at: str, still_open: bool
    ) -> None:
        self.db.execute("DELETE FROM visits WHERE rehearsal_id = ? AND open = 1", (rehearsal,))
        self.db.execute(
            "INSERT INTO visits (rehearsal_id, idx, title, budget_s, talk_start_s, seconds, started_at, slide_key,"
            " open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rehearsal, slide.index, slide.title, slide.budget_s, start_s, seconds, started_at, slide.key,
             int(still_open)),
        )  # fmt: skip

    def killed(self) -> tuple[int, float] | None:
        """Return (id, seconds saved) of the newest rehearsal that never ended but holds a checkpoint: its
        process was killed. It is closed here (unfinished, its total from its visits), so it is said once."""
        row = self.db.execute(
            f"SELECT id, {TALK_SECONDS} FROM rehearsals r "
            "WHERE ended_at IS NULL AND EXISTS (SELECT 1 FROM visits v WHERE v.rehearsal_id = r.id AND v.open = 1) "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        rehearsal, seconds = int(row[0]), self._number(row[1], "a rehearsal's visits") or 0.0
        with contextlib.suppress(StoreRefused), self._writing():  # a history deck may not write keeps it open
            self.db.execute("UPDATE visits SET open = 0 WHERE rehearsal_id = ?", (rehearsal,))
            self.db.execute(
                "UPDATE rehearsals SET finished = 0, total_s = ?, ended_at = started_at WHERE id = ?",
                (seconds, rehearsal),
            )
        return rehearsal, seconds

    def end(self, rehearsal: int, finished: bool, total_s: float, ended_at: str) -> None:
        """Mark the rehearsal finished or not, with its total talk time."""
        with self._writing():
            self._end(rehearsal, finished, total_s, ended_at)

    def _end(self, rehearsal: int, finished: bool, total_s: float, ended_at: str) -> None:
        self.db.execute(
            "UPDATE rehearsals SET finished = ?, total_s = ?, ended_at = ? WHERE id = ?",
            (int(finished), total_s, ended_at, rehearsal),
        )

    def rehearsals_of(self, deck: DeckId) -> list[tuple[int, str, bool, float, float, str | None, bool]]:
        """Return (id, started_at, finished, total_s, duration_s, label, listened) of a deck's rehearsals, oldest
        first.

        A run that was killed has no stored total: its visits add up to it.

        A rehearsal belongs to the deck when made on the same file, on the same slide titles, or (for a
        deck from `deck build`) on the same talk title.
        """
        rows = []
        listened = "listened" if self.listening else "0"
        for rid, started, finished, total, duration, label, visited, heard in self.db.execute(
            f"SELECT id, started_at, finished, total_s, duration_s, label, {TALK_SECONDS}, {listened} "
            f"FROM rehearsals r WHERE {self._MATCH.format(built=EMBEDDED_RUN)} ORDER BY id",
            self._deck_args(deck),
        ):
            total_s = self._number(total, "a rehearsal's total")
            if total_s is None:
                total_s = self._number(visited, "a rehearsal's visits")
            duration_s = self._number(duration, "a rehearsal's duration", allow_none=False) or 0.0
            rows.append(
                (int(rid), str(started), bool(finished), total_s or 0.0, duration_s, label and str(label), bool(heard))
            )
        return rows

    def same_run(self, table: str, started_at: str, deck: DeckId) -> int | None:
        """Return the id of the rehearsal (``table`` "rehearsals") or drill ("drills") of this deck file that
        started at ``started_at``, if the history holds one: a kept run restored twice is one run."""
        assert table in ("rehearsals", "drills")
        row = self.db.execute(
            f"SELECT id FROM {table} WHERE started_at = ? AND deck_path = ? AND fingerprint = ? ORDER BY id LIMIT 1",
            (started_at, deck.path, deck.fingerprint),
        ).fetchone()
        return None if row is None else int(row[0])

    def restore(self, run: KeptRun) -> tuple[int, bool]:
        """Write a run kept out of the history back into it, in one transaction; return its id and whether it
        completed a part of it saved before (the same id, replaced). A run already there is refused."""
        table = "rehearsals" if run.plan is not None else "drills"
        there = self.same_run(table, run.started_at, run.deck)
        if there is not None and there != run.saved_as:
            raise DeckError(
                f"this {run.kind} is already in the history, as {run.kind} {there}; nothing was added",
                file=str(self.path),
                hint=f"`deck history` lists it{' with --drills' if run.plan is None else ''}",
            )
        with self._edit(f"restore the {run.kind}"):
            if run.plan is not None:
                if there is not None:
                    self._forget(there)
                ident = self._begin(run.deck, run.plan, run.started_at, there, run.listened)
                for visit in run.visits:
                    slide = run.plan.slides[visit.index - 1]
                    self._put_visit(ident, slide, visit.talk_start_s, visit.seconds, visit.started_at, False)
                for part in run.heard:
                    self._put_heard(ident, run.plan.slides[part.index - 1], part.visit_start_s, part.heard)
                if run.end is not None:
                    self._end(ident, run.end.finished, run.end.total_s, run.end.ended_at)
            else:
                if there is not None:
                    self._forget_drill(there)
                ident = self._begin_drill(run.deck, run.asked, run.seed, run.started_at, there)
                for a in run.answers:
                    self._put_answer(
                        ident, a.position, a.kind, a.slide, a.question, a.seconds, a.ticked, a.score, a.skipped,
                        a.started_at,
                    )  # fmt: skip
                if run.end is not None:
                    self._end_drill(ident, run.end.finished, run.end.ended_at)
        return ident, there is not None

    def set_label(self, rehearsal: int, label: str | None) -> None:
        """Name a rehearsal ("with Q&A"), or clear its name."""
        with self._edit("name the rehearsal"):
            self.db.execute("UPDATE rehearsals SET label = ? WHERE id = ?", (label, rehearsal))

    def delete(self, rehearsal: int) -> None:
        """Remove a rehearsal and everything recorded for it, in one transaction."""
        with self._edit("delete the rehearsal"):
            self._forget(rehearsal)

    def _forget(self, rehearsal: int) -> None:
        tables = [("visits", "rehearsal_id"), ("planned_slides", "rehearsal_id"), ("rehearsals", "id")]
        for table, key in [("heard", "rehearsal_id"), *tables] if self.listening else tables:
            self.db.execute(f"DELETE FROM {table} WHERE {key} = ?", (rehearsal,))

    @contextlib.contextmanager
    def _edit(self, what: str) -> Iterator[None]:
        """Turn a history that refuses the edit (locked by a rehearsal recording into it, read-only, full) into a
        message saying which; the edit is not made."""
        try:
            with self._writing():
                yield
        except StoreRefused as refused:
            raise DeckError(
                f"cannot {what}: the rehearsal history {refused.what}; nothing was changed",
                file=str(self.path),
                hint=f"{refused.hint}, then run this again",
            ) from None

    def planned_slides(self, ids: list[int]) -> Iterator[tuple[int, TimedSlide]]:
        """Yield (rehearsal id, slide record) of every planned slide of these rehearsals, in order."""
        for rid, idx, title, kind, budget, key, main, start in self._in(
            "SELECT rehearsal_id, idx, title, kind, budget_s, slide_key, main, start_s FROM planned_slides "
            "WHERE rehearsal_id IN ({marks}) ORDER BY rehearsal_id, idx",
            ids,
        ):
            ident = key if key and key != str(title).strip() else None
            budget = self._number(budget, "a planned budget")
            start = self._number(start, "a planned start")
            budget_s = None if budget is None else round(budget)
            start_s = None if start is None else round(start)
            kind = kind if isinstance(kind, str) else None
            index = self._index(idx, "a planned slide's number")
            yield int(rid), TimedSlide(index, str(title), kind, budget_s, start_s, bool(main), False, ident)

    def seconds_by_slide(self, ids: list[int]) -> Iterator[tuple[int, str, float]]:
        """Yield (rehearsal id, slide key, seconds over all its visits)."""
        for rid, key, seconds in self._in(
            "SELECT rehearsal_id, slide_key, SUM(seconds) FROM visits WHERE rehearsal_id IN ({marks}) "
            "GROUP BY rehearsal_id, slide_key",
            ids,
        ):
            yield int(rid), str(key), self._number(seconds, "a slide's time", allow_none=False) or 0.0

    def visits(self, ids: list[int]) -> Iterator[tuple[int, int, str, float | None, float, str, float]]:
        """Yield (rehearsal, slide, title, budget_s, seconds, started_at, talk_start_s) of every visit, oldest
        first."""
        for rid, idx, title, budget, seconds, started, start in self._in(
            "SELECT rehearsal_id, idx, title, budget_s, seconds, started_at, talk_start_s FROM visits "
            "WHERE rehearsal_id IN ({marks}) ORDER BY rehearsal_id, id",
            sorted(ids),
        ):
            yield (
                int(rid),
                self._index(idx, "a visit's slide number"),
                str(title),
                self._number(budget, "a visit's budget"),
                self._number(seconds, "a visit's time", allow_none=False) or 0.0,
                str(started),
                self._number(start, "a visit's start", allow_none=False) or 0.0,
            )
