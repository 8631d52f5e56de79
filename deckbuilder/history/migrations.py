"""The rehearsal database's schema, as the steps that build it: a later release appends a step, never edits one."""

from __future__ import annotations

SCHEMA_VERSION = 7

# Each entry moves the database from version N-1 to N; a later release appends, never edits.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE rehearsals (
            id INTEGER PRIMARY KEY,
            deck_path TEXT NOT NULL,
            deck_title TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            duration_s REAL NOT NULL,
            budgets_from TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            finished INTEGER NOT NULL DEFAULT 0,
            total_s REAL
        )""",
        """CREATE TABLE planned_slides (
            rehearsal_id INTEGER NOT NULL REFERENCES rehearsals(id),
            idx INTEGER NOT NULL,
            title TEXT NOT NULL,
            kind TEXT,
            budget_s REAL,
            PRIMARY KEY (rehearsal_id, idx)
        )""",
        """CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            rehearsal_id INTEGER NOT NULL REFERENCES rehearsals(id),
            idx INTEGER NOT NULL,
            title TEXT NOT NULL,
            budget_s REAL,
            talk_start_s REAL NOT NULL,
            seconds REAL NOT NULL,
            started_at TEXT NOT NULL
        )""",
        "CREATE INDEX visits_by_rehearsal ON visits(rehearsal_id)",
        "CREATE INDEX rehearsals_by_deck ON rehearsals(fingerprint, deck_path)",
    ),
    # 2: a slide's identity across rebuilds (the outline's id, else its title).
    2: (
        "ALTER TABLE planned_slides ADD COLUMN slide_key TEXT",
        "ALTER TABLE visits ADD COLUMN slide_key TEXT",
        "UPDATE planned_slides SET slide_key = title WHERE slide_key IS NULL",
        "UPDATE visits SET slide_key = title WHERE slide_key IS NULL",
        "CREATE INDEX visits_by_key ON visits(rehearsal_id, slide_key)",
    ),
    # 3: the rest of the slide record (whether it counts as the talk, where it starts on the clock).
    3: (
        "ALTER TABLE planned_slides ADD COLUMN main INTEGER",
        "ALTER TABLE planned_slides ADD COLUMN start_s REAL",
        # Earlier releases treated title and appendix slides as the only ones outside the talk.
        "UPDATE planned_slides SET main = CASE WHEN kind IN ('title', 'appendix') THEN 0 ELSE 1 END",
    ),
    # 4: a name the presenter gives a run ("with Q&A").
    4: ("ALTER TABLE rehearsals ADD COLUMN label TEXT",),
    # 5: question drills (`deck drill`), one row per answer, committed as it ends.
    5: (
        """CREATE TABLE drills (
            id INTEGER PRIMARY KEY,
            deck_path TEXT NOT NULL,
            deck_title TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            embedded INTEGER NOT NULL,
            asked INTEGER NOT NULL,
            seed INTEGER,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            finished INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            drill_id INTEGER NOT NULL REFERENCES drills(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            slide INTEGER,
            question TEXT NOT NULL,
            seconds REAL NOT NULL,
            ticked TEXT NOT NULL,
            score INTEGER,
            skipped INTEGER NOT NULL,
            started_at TEXT NOT NULL
        )""",
        "CREATE INDEX answers_by_drill ON answers(drill_id)",
    ),
    # 6: the visit in progress, checkpointed every few seconds (open = 1) so a killed process loses at most that.
    6: ("ALTER TABLE visits ADD COLUMN open INTEGER NOT NULL DEFAULT 0",),
    # 7: what `deck rehearse --listen` heard, one row per listened stretch of a visit (a pause splits a visit),
    # written as each is reported; `visit_start_s` is the talk-clock start of the visit it belongs to. The
    # key numbers said and missed are kept as written, separated by spaces (a number as written has none).
    7: (
        "ALTER TABLE rehearsals ADD COLUMN listened INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE heard (
            id INTEGER PRIMARY KEY,
            rehearsal_id INTEGER NOT NULL REFERENCES rehearsals(id),
            idx INTEGER NOT NULL,
            slide_key TEXT NOT NULL,
            visit_start_s REAL NOT NULL,
            seconds REAL NOT NULL,
            speech_s REAL NOT NULL,
            pauses INTEGER NOT NULL,
            long_pauses INTEGER NOT NULL,
            longest_pause_s REAL NOT NULL,
            syllables INTEGER NOT NULL,
            words REAL NOT NULL,
            said TEXT NOT NULL,
            missed TEXT NOT NULL
        )""",
        "CREATE INDEX heard_by_rehearsal ON heard(rehearsal_id)",
    ),
}
TABLES = {"rehearsals", "planned_slides", "visits", "drills", "answers", "heard"}
