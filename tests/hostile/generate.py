"""Make hostile inputs at test time: every class of attack on `deck` (outputs, markup, escapes, databases,
unbounded work, values YAML or a deck cannot hold). Large cases are made here, never committed.

Each case is a command line and what must happen: the exit code, and text the output must (not) hold.
Run directly to list them: python tests/hostile/generate.py
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHURN = ROOT / "examples" / "churn"
GOOD_SLIDES = """
  - {kind: problem, title: Churn costs $2.4M a year}
  - {kind: methodology, title: Trend features beat static ones by 12%}
  - {kind: results, title: The model ranks churners 5x better than random}
  - {kind: error_analysis, title: New accounts are where it fails}
  - {kind: next_steps, title: "Next week: onboarding features; next quarter: a live test"}
"""


@dataclass
class Case:
    """One attack: the command, the exit code that must come back, and what the output must (not) show."""

    name: str
    args: list[str]
    exit: int | None = 2  # None: either 0 or 2, whichever the input deserves (never 3, never a traceback)
    says: list[str] = field(default_factory=list)
    stdin_tty: bool = False
    seconds: float = 20.0
    after: Callable[[], str | None] | None = None  # returns a complaint, or None when all is well


def outline(folder: Path, text: str, name: str = "talk.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def talk(folder: Path, title: str = "A talk", extra: str = "", slides: str = GOOD_SLIDES) -> Path:
    return outline(folder, f"title: {title}\nduration: 12m\n{extra}slides:{slides}")


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` (the pixels are never decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def deck_with_plan(folder: Path, payload: str, name: str = "deck.pptx", notes: str = "") -> Path:
    """A minimal deck (built by python-pptx) whose embedded plan is ``payload``."""
    from pptx import Presentation

    prs = Presentation()
    for title in ("Why churn matters", "What we found"):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    out = folder / name
    if not payload:
        prs.save(str(out))
        return out
    raw = folder / f"raw-{name}"
    prs.save(str(raw))
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.custom-properties+xml"/></Types>',
                )
            dst.writestr(item, data)
            escaped = payload.replace("&", "&amp;").replace("<", "&lt;")
        dst.writestr(
            "docProps/custom.xml",
            '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument'
            '/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="deck_plan"><vt:lpwstr>'
            f"{escaped}</vt:lpwstr></property></Properties>",
        )
    raw.unlink()
    return out


def edit_part(source: Path, out: Path, part: str, change: Callable[[str], str]) -> Path:
    """Copy the zip ``source`` to ``out`` with the text of one ``part`` changed; return ``out``."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item.filename, change(data.decode()).encode() if item.filename == part else data)
    return out


def plan_json(**changes: object) -> str:
    slides = [
        {"index": 1, "kind": "problem", "title": "Why churn matters", "budget_s": 300, "id": None},
        {"index": 2, "kind": "results", "title": "What we found", "budget_s": 420, "id": None},
    ]
    data: dict[str, object] = {"version": 1, "title": "T", "duration_s": 720, "slides": slides}
    data.update(changes)
    return json.dumps(data)


def history_db(folder: Path, deck: Path, title: str = "Why churn matters", total: object = 300.0) -> Path:
    """A history database holding one rehearsal of ``deck`` with the given slide title and total."""
    from deckbuilder.history.store import MIGRATIONS, SCHEMA_VERSION

    db = folder / "history.db"
    con = sqlite3.connect(db)
    for version in range(1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version]:
            con.execute(statement)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    con.execute(
        "INSERT INTO rehearsals (id, deck_path, deck_title, fingerprint, duration_s, budgets_from, started_at, "
        "finished, total_s) VALUES (1, ?, 'T', 'x', 720, 'embedded', '2026-12-01T20:00:00', 1, ?)",
        (str(deck.resolve()), total),
    )
    con.execute(
        "INSERT INTO planned_slides (rehearsal_id, idx, title, kind, budget_s, slide_key, main) "
        "VALUES (1, 1, ?, 'problem', 300, ?, 1)",
        (title, title),
    )
    con.execute(
        "INSERT INTO visits (rehearsal_id, idx, title, budget_s, talk_start_s, seconds, started_at, slide_key) "
        "VALUES (1, 1, ?, 300, 0, 310, '2026-12-01T20:00:00', ?)",
        (title, title),
    )
    con.commit()
    con.close()
    return db


def unchanged(path: Path) -> Callable[[], str | None]:
    before = path.read_bytes() if path.is_file() else None

    def check() -> str | None:
        now = path.read_bytes() if path.is_file() else None
        return None if now == before else f"{path.name} was changed"

    return check


def cases(tmp: Path) -> list[Case]:
    """Make every hostile input under ``tmp`` and return the cases that use them."""
    found: list[Case] = []
    add = found.append

    # --- outputs never replace inputs ------------------------------------------------------------
    work = tmp / "out"
    shutil.copytree(CHURN, work)
    churn = work / "outline.yaml"
    add(
        Case(
            "build -o onto the outline", ["build", str(churn), "-o", str(churn)], says=["input"], after=unchanged(churn)
        )
    )
    csv = work / "pr_curve.csv"
    add(Case("build -o onto a data CSV", ["build", str(churn), "-o", str(csv)], says=["input"], after=unchanged(csv)))
    company = work / "company.pptx"
    shutil.copy(ROOT / "layouts" / "deck.pptx", company)
    add(
        Case(
            "build -o onto the template",
            ["build", str(churn), "--template", str(company), "-o", str(company)],
            says=["input"],
            after=unchanged(company),
        )
    )
    fifo = work / "pipe.pptx"
    os.mkfifo(fifo)
    add(Case("build -o onto a FIFO", ["build", str(churn), "-o", str(fifo)], says=["not a regular file"]))
    add(Case("build -o onto a device", ["build", str(churn), "-o", "/dev/null"], says=["not a regular file"]))
    locked = work / "locked.pptx"
    locked.write_bytes(b"the user's own deck")
    locked.chmod(0o444)
    add(
        Case(
            "build -o onto a read-only file",
            ["build", str(churn), "-o", str(locked)],
            says=["read-only"],
            after=unchanged(locked),
        )
    )
    stale = work / f".built.pptx.{2**22 + 12345}.abcd.tmp"
    stale.write_bytes(b"left by a killed build")
    add(
        Case(
            "a stale temporary file of ours is removed",
            ["build", str(churn), "-o", str(work / "built.pptx")],
            exit=0,
            after=lambda: "stale temporary file left" if stale.exists() else None,
        )
    )

    # --- text is never markup, never an escape, never a formula -------------------------------------
    marked = tmp / "markup"
    marked.mkdir()
    markup_talk = talk(
        marked,
        title="\"[/bold] Churn [beta] [@click=app.screenshot('pwned.svg')]\"",
        slides=GOOD_SLIDES.replace("Churn costs $2.4M a year", '"[/bold] [beta] costs $2.4M a year [red]"'),
    )
    add(Case("markup in titles is text (plan)", ["plan", str(markup_talk)], exit=0, says=["[beta]", "[/bold]"]))
    add(Case("markup in titles is text (json)", ["plan", "--json", str(markup_talk)], exit=0, says=["[beta]"]))
    money = outline(
        marked,
        "title: Money\nduration: 12m\nslides:\n"
        "  - kind: results\n    title: Saves $40 per account, 3x the rule\n"
        "    figure: {chart: bar, title: Savings by plan, ylabel: '$ saved per account (10% of $ spend)',"
        " data: {plan: ['$ basic', '$$ pro $'], saved: [12, 40]}}\n",
        "money.yaml",
    )
    add(Case("dollars in chart labels are not mathtext", ["build", str(money), "-o", str(marked / "m.pptx")], exit=0))
    for name, escape in (("ESC", "\\e]0;pwned\\a"), ("NUL", "\\0"), ("U+FFFF", "\\uFFFF"), ("C1 CSI", "\\x9b2J")):
        path = outline(
            marked, f'title: "Churn {escape}"\nduration: 12m\nslides:{GOOD_SLIDES}', f"esc-{len(found)}.yaml"
        )
        add(
            Case(f"{name} in a title is refused with its place", ["plan", str(path)], says=["control character", ":1:"])
        )
    esc_deck = deck_with_plan(
        marked,
        plan_json(
            title="T\u001b]0;pwned\u0007",
            slides=[{"index": 1, "kind": "problem", "title": "x\u009b2J", "budget_s": 720}],
        ),
        "esc.pptx",
    )
    add(Case("escapes in a deck's plan are shown, not obeyed", ["inspect", str(esc_deck)], exit=0))
    add(Case("escapes in a deck's plan, as JSON", ["inspect", "--json", str(esc_deck)], exit=0))
    plain_deck = deck_with_plan(marked, plan_json(), "plain.pptx")
    formula_db = history_db(marked, plain_deck, title='=HYPERLINK("http://x","\u001b[2Jclick")')
    add(
        Case(
            "a formula title is guarded in CSV",
            ["history", str(plain_deck), "--csv", "--db", str(formula_db)],
            exit=0,
            says=["'=HYPERLINK"],
        )
    )
    add(
        Case(
            "escapes in history titles are shown, not obeyed",
            ["history", str(plain_deck), "--db", str(formula_db)],
            exit=0,
        )
    )

    # --- databases: never half made, never someone else's ---------------------------------------------
    dbs = tmp / "db"
    dbs.mkdir()
    foreign = dbs / "app.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("PRAGMA user_version = 7")
    con.commit()
    con.close()
    add(
        Case(
            "another application's database is left alone",
            ["history", str(plain_deck), "--db", str(foreign)],
            says=["not a deck rehearsal history"],
            after=unchanged(foreign),
        )
    )
    add(
        Case(
            "--db /dev/null is refused",
            ["history", str(plain_deck), "--db", "/dev/null"],
            says=["not a regular file"],
            after=lambda: "/dev/null-journal made" if Path("/dev/null-journal").exists() else None,
        )
    )
    negative = dbs / "negative.db"
    con = sqlite3.connect(negative)
    con.execute("PRAGMA user_version = -3")
    con.commit()
    con.close()
    add(Case("a negative schema version is refused", ["history", str(plain_deck), "--db", str(negative)]))
    text_total = history_db(dbs, plain_deck, total="a lot")
    add(
        Case(
            "text in a number column is a damaged history",
            ["history", str(plain_deck), "--db", str(text_total)],
            says=["damaged"],
        )
    )

    # --- unbounded work ----------------------------------------------------------------------------
    big = tmp / "big"
    big.mkdir()
    add(Case("plan /dev/zero", ["plan", "/dev/zero"], says=["not a regular file"], seconds=5))
    pipe = big / "fifo.yaml"
    os.mkfifo(pipe)
    add(Case("plan a FIFO does not hang", ["plan", str(pipe)], says=["not a regular file"], seconds=5))
    huge = big / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(3 * 2**30)  # sparse: 3 GB that take no disk
    add(Case("a 3 GB outline is refused before reading", ["plan", str(huge)], says=["outline_bytes"], seconds=5))
    sparse_csv = big / "data.csv"
    with open(sparse_csv, "wb") as handle:
        handle.truncate(3 * 2**30)
    add(
        Case(
            "a 3 GB CSV is refused before reading",
            [
                "plan",
                str(
                    talk(
                        big,
                        extra="",
                        slides=GOOD_SLIDES + "  - kind: results\n    title: Volume grows 5% a "
                        "month\n    figure: {chart: line, title: Volume grows, data: data.csv}\n",
                    )
                ),
            ],
            says=["csv_bytes", "data CSV"],
            seconds=5,
        )
    )
    rows = big / "rows.csv"
    rows.write_text("label,value\n" + "".join(f"c{i},{i}\n" for i in range(200_000)))
    add(
        Case(
            "a 200k-row chart is refused",
            [
                "plan",
                str(
                    outline(
                        big,
                        f"title: T\nduration: 12m\nslides:{GOOD_SLIDES}"
                        "  - kind: results\n    title: Volume grows 5% a month\n"
                        "    figure: {chart: bar, title: Volume grows, data: rows.csv}\n",
                        "rows.yaml",
                    )
                ),
            ],
            says=["csv_rows"],
            seconds=10,
        )
    )
    bomb_png = big / "bomb.png"
    bomb_png.write_bytes(png_header(20000, 20000))
    add(
        Case(
            "a 20000x20000 PNG is refused",
            [
                "build",
                str(
                    outline(
                        big,
                        f"title: T\nduration: 12m\nslides:{GOOD_SLIDES}"
                        "  - kind: results\n    title: The map shows 3x the demand downtown\n"
                        "    figure: {chart: image, title: Demand map, path: bomb.png}\n",
                        "png.yaml",
                    )
                ),
                "-o",
                str(big / "png.pptx"),
            ],
            says=["pixels"],
        )
    )
    line = "The model catches 62% of churners at 30% precision, ahead of the rule " * 14000
    long_line = outline(
        big,
        f'title: T\nduration: 12m\nslides:{GOOD_SLIDES}  - kind: results\n    title: Long\n    points: ["{line}"]\n',
        "line.yaml",
    )
    add(Case("a 1 MB line plans in bounded time", ["plan", str(long_line)], exit=0, seconds=3))
    nested = outline(
        big,
        "title: T\nduration: 12m\nslides:\n  - kind: problem\n    title: x\n    points: "
        + "[" * 200
        + "y"
        + "]" * 200
        + "\n",
        "nested.yaml",
    )
    add(Case("nesting 200 levels deep", ["plan", str(nested)], says=["yaml_depth"]))
    refs = "".join(f'<p:sldId id="{256 + i}" r:id="rId2"/>' for i in range(100_000))
    many = edit_part(
        plain_deck,
        big / "many.pptx",
        "ppt/presentation.xml",
        lambda pres: re.sub(r"<p:sldIdLst>.*</p:sldIdLst>", f"<p:sldIdLst>{refs}</p:sldIdLst>", pres, flags=re.S),
    )
    add(Case("a deck with 100k slide references", ["inspect", str(many)], says=["deck_slides"], seconds=5))
    zbomb = big / "zbomb.pptx"
    with zipfile.ZipFile(zbomb, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("[Content_Types].xml", "<Types/>")
        dst.writestr("ppt/big.xml", b"\0" * (150 * 2**20))
    add(
        Case(
            "a template that unpacks to 150 MB",
            ["build", str(churn), "--template", str(zbomb), "-o", str(big / "z.pptx")],
            says=["parts"],
            seconds=10,
        )
    )

    # --- values a file cannot hold: exit 2, never 3 ----------------------------------------------
    vals = tmp / "values"
    vals.mkdir()
    for label, value in (
        ("impossible date", "date: 2024-13-45\n"),
        ("!!int abc", "date: !!int abc\n"),
        ("!!bool maybe", "date: !!bool maybe\n"),
        ("custom tag", "date: !secret x\n"),
        ("!!python/name", "date: !!python/name:os.system\n"),
    ):
        add(
            Case(
                f"YAML {label}",
                [
                    "plan",
                    str(outline(vals, f"title: T\n{value}duration: 12m\nslides:{GOOD_SLIDES}", f"v{len(found)}.yaml")),
                ],
                says=[":2:"],
            )
        )
    for label, duration in (
        ("300 digits", "9" * 300),
        ("1e308", "1e308"),
        ("huge clock", "9" * 40 + ":00"),
        ("inf", ".inf"),
        ("nan", ".nan"),
    ):
        add(
            Case(
                f"duration {label}",
                [
                    "plan",
                    str(outline(vals, f"title: T\nduration: {duration}\nslides:{GOOD_SLIDES}", f"d{len(found)}.yaml")),
                ],
                says=[":2:"],
            )
        )
    add(
        Case(
            "pinned time of 1e308",
            [
                "plan",
                str(
                    outline(
                        vals,
                        "title: T\nduration: 12m\nslides:\n  - {kind: problem, title: x, time: 1e308}\n",
                        "pin.yaml",
                    )
                ),
            ],
            says=[":4:"],
        )
    )
    add(
        Case(
            "best_row of 10**400",
            [
                "plan",
                str(
                    outline(
                        vals,
                        "title: T\nduration: 12m\nslides:\n  - kind: results\n"
                        "    title: x\n    table: {columns: [a], rows: [[1]], best_row: " + "9" * 400 + "}\n",
                        "row.yaml",
                    )
                ),
            ],
        )
    )
    word = "w" * 1_900_000
    add(
        Case(
            "a 1.9 MB word",
            [
                "plan",
                str(
                    outline(
                        vals, f"title: T\nduration: 12m\nslides:\n  - kind: problem\n    title: {word}\n", "word.yaml"
                    )
                ),
            ],
            exit=0,
            seconds=5,
        )
    )
    for label, payload in (
        ("NaN", plan_json().replace("720,", "NaN,", 1)),
        ("Infinity", plan_json().replace('"budget_s": 300', '"budget_s": Infinity')),
        ("10**400", plan_json().replace('"budget_s": 300', '"budget_s": 1' + "0" * 400)),
        ("deep JSON", '{"slides": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("kind a dict", plan_json().replace('"kind": "problem"', '"kind": {"a": 1}')),
        ("kind a list", plan_json().replace('"kind": "problem"', '"kind": [1]')),
        ("kind an int", plan_json().replace('"kind": "problem"', '"kind": 7')),
        ("negative budget", plan_json().replace('"budget_s": 300', '"budget_s": -720')),
    ):
        add(
            Case(
                f"embedded plan with {label}",
                ["inspect", str(deck_with_plan(vals, payload, f"p{len(found)}.pptx"))],
                says=["deck_plan"],
            )
        )
    add(
        Case(
            "a notes line '1:99 budget' is the presenter's",
            ["inspect", str(deck_with_plan(vals, "", "n.pptx", notes="1:99 budget, starts at 0:00 · results"))],
            exit=0,
        )
    )
    lvl = edit_part(
        plain_deck,
        vals / "lvl.pptx",
        "ppt/slides/slide1.xml",
        lambda xml: xml.replace("<a:p>", '<a:p><a:pPr lvl="x"/>', 1),
    )
    add(Case("a paragraph level that is not a number", ["inspect", str(lvl)], exit=0))
    zero_size = edit_part(
        ROOT / "layouts" / "deck.pptx",
        vals / "zero.pptx",
        "ppt/presentation.xml",
        lambda pres: re.sub(r'<p:sldSz cx="\d+" cy="\d+"', '<p:sldSz cx="0" cy="0"', pres),
    )
    no_layouts = edit_part(
        ROOT / "layouts" / "deck.pptx",
        vals / "nolayouts.pptx",
        "ppt/slideMasters/slideMaster1.xml",
        lambda xml: re.sub(r"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", "", xml, flags=re.S),
    )
    add(
        Case(
            "a template with no layouts",
            ["build", str(churn), "--template", str(no_layouts), "-o", str(vals / "n.pptx")],
            says=["no slide layouts"],
        )
    )
    add(
        Case(
            "a template with a slide size of zero",
            ["build", str(churn), "--template", str(zero_size), "-o", str(vals / "z.pptx")],
            says=["slide size"],
        )
    )

    # --- smaller ones --------------------------------------------------------------------------
    small = tmp / "small"
    small.mkdir()
    potx = small / "company.potx"
    edit_part(
        ROOT / "layouts" / "deck.pptx",
        potx,
        "[Content_Types].xml",
        lambda types: types.replace("presentationml.presentation.main+xml", "presentationml.template.main+xml"),
    )
    add(
        Case(
            "a .potx template builds",
            ["build", str(churn), "--template", str(potx), "-o", str(small / "p.pptx")],
            exit=0,
        )
    )
    secret = small / "secret.csv"
    secret.write_text("user,password\nalice,hunter2\n")
    inner = small / "inner"
    inner.mkdir()
    climbing = outline(
        inner,
        f"title: T\nduration: 12m\nslides:{GOOD_SLIDES}  - kind: results\n    title: x\n"
        "    figure: {chart: bar, title: y, data: ../secret.csv}\n",
    )
    add(Case("a data path that climbs out of the folder", ["plan", str(climbing)], says=["outside", "--allow-outside"]))
    add(
        Case(
            "an absolute data path",
            [
                "plan",
                str(
                    outline(
                        inner,
                        f"title: T\nduration: 12m\nslides:{GOOD_SLIDES}"
                        f"  - kind: results\n    title: x\n    figure: {{chart: bar, title: y, data: {secret}}}\n",
                        "abs.yaml",
                    )
                ),
            ],
            says=["outside"],
        )
    )
    add(
        Case(
            "rehearse without a terminal does not hang",
            ["rehearse", str(plain_deck), "--db", str(small / "h.db")],
            says=["needs a terminal"],
            seconds=10,
        )
    )
    add(
        Case(
            "drill without a terminal does not hang",
            ["drill", str(plain_deck), "--db", str(small / "h.db")],
            says=["needs a terminal", "--list"],
            seconds=10,
        )
    )

    # --- write-ups for `deck import` -------------------------------------------------------------
    imp = tmp / "import"
    imp.mkdir()
    big_md = imp / "huge.md"
    with open(big_md, "wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB on paper, nothing on disk
    add(
        Case(
            "a 3 GB write-up is refused before reading",
            ["import", str(big_md), "-o", str(imp / "a.yaml")],
            says=["writeup_bytes"],
            seconds=5,
        )
    )
    md_fifo = imp / "pipe.md"
    os.mkfifo(md_fifo)
    add(
        Case(
            "import a FIFO does not hang",
            ["import", str(md_fifo), "-o", str(imp / "b.yaml")],
            says=["not a regular file"],
            seconds=5,
        )
    )
    nested_nb = imp / "nested.ipynb"
    nested_nb.write_text('{"cells": ' + "[" * 50_000 + "]" * 50_000 + "}")
    add(Case("a notebook nested 50k deep", ["import", str(nested_nb), "-o", str(imp / "c.yaml")], says=["notebook"]))
    escapes = imp / "escapes.md"
    escapes.write_text("# \x1b]0;pwned\x07Title\n\n## Results\n\n- \x1b[2J cleared\n- [x](javascript:alert(1))\n")
    add(
        Case(
            "escapes in a write-up are dropped",
            ["import", str(escapes), "-o", str(imp / "d.yaml")],
            exit=0,
            after=unchanged(escapes),
        )
    )
    existing = imp / "mine.yaml"
    existing.write_text("title: my edits\n")
    add(
        Case(
            "import never replaces an outline without --force",
            ["import", str(escapes), "-o", str(existing)],
            says=["--force"],
            after=unchanged(existing),
        )
    )
    add(
        Case(
            "import -o onto its own write-up",
            ["import", str(escapes), "-o", str(escapes), "--force"],
            after=unchanged(escapes),
        )
    )
    _import_cases(imp, add)
    _round3_cases(tmp / "round3", add, churn, plain_deck)
    from .round4 import round4_cases  # here: round4 builds on this module's helpers

    round4_cases(tmp / "round4", add, churn)
    return found


# Text that hand-written YAML gets wrong, and characters an outline must never hold.
YAML_TOKENS = [",", "[", "]", "{", "}", "#", ": ", "- ", "&a", "*a", "!tag", "%", "@", "`", "'", '"', "|", ">",
               "yes", "null", "~", "2024-02-30", "1,200", "$40,000", "(17.9, 20.0]", "0.50"]  # fmt: skip
BAD_CHARS = [r"\n", r"\r", r"\x85", r"\u2028", r"\u2029", r"\ufffe", r"\uffff", r"\ufdd0", r"\U0010ffff", r"\x1b[31m"]


def _import_cases(imp: Path, add: Callable[[Case], None]) -> None:
    """Many inputs per class of the import surface: each must load (exit 0) or be refused (exit 2)."""
    import base64
    import json

    # Table cells, headers and headings made of YAML's special tokens, several mixes per run.
    for number in range(4):
        tokens = YAML_TOKENS[number::4]
        cells = " | ".join(f"a{t}b" for t in tokens[:4])
        header = " | ".join(f"h{t}" for t in tokens[:4])
        table = f"| {header} |\n|{'---|' * min(4, len(tokens))}\n| {cells} |\n"
        md = imp / f"tokens{number}.md"
        md.write_text(f"# T{tokens[0]}\n\n## Results {tokens[-1]}\n\nAUC of 0.8 vs 0.5 for chance.\n\n{table}")
        add(
            Case(
                f"import: YAML tokens in cells and headings ({number})",
                ["import", str(md), "-o", str(imp / f"t{number}.yaml")],
                exit=0,
            )
        )
    # Line breaks, noncharacters and escapes in file names, headings, points and cells.
    for number, bad in enumerate(BAD_CHARS):
        char = bad.encode().decode("unicode_escape")
        folder = imp / f"names{number}"
        folder.mkdir()
        try:
            md = folder / f"write{char}up.md"
            md.write_text("x")
        except (OSError, ValueError):
            md = folder / "writeup.md"
        md.write_text(
            f"# Title{char}one\n\n## Results{char}\n\n- point{char}two\n\n| a{char} | b |\n|---|---|\n| 1{char} | 2 |\n"
        )
        add(
            Case(
                f"import: {bad} in a file name, heading, point and cell",
                ["import", str(md), "-o", str(folder / "o.yaml")],
                exit=0,
            )
        )
    # Notebooks whose outputs hold the wrong types, and text with lone surrogates.
    junk = [[1, 2, 3], {"a": 1}, 12, None, "not base64 ~~~"]
    for number, value in enumerate(junk):
        nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Results\nAUC of 0.8 vs 0.5 for chance \ud800."},
            {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "plot()",
             "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/png": value}}]},
        ]}  # fmt: skip
        path = imp / f"junk{number}.ipynb"
        path.write_text(json.dumps(nb))
        add(
            Case(
                f"import: a notebook image output that is {type(value).__name__}",
                ["import", str(path), "-o", str(imp / f"j{number}.yaml")],
                exit=0,
            )
        )
    # A notebook of 300,000 cells imports in bounded time (it is read as JSON, not validated cell by cell).
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "source": "x = 1", "outputs": []}] * 300_000
    huge_nb = imp / "cells.ipynb"
    huge_nb.write_text(
        json.dumps(
            {
                "nbformat": 4,
                "nbformat_minor": 5,
                "metadata": {},
                "cells": [
                    {"cell_type": "markdown", "metadata": {}, "source": "## Results\nAUC of 0.8 vs 0.5."},
                    *cells,
                ],
            }
        )
    )
    add(
        Case(
            "import: a notebook of 300,000 cells",
            ["import", str(huge_nb), "-o", str(imp / "cells.yaml")],
            exit=0,
            seconds=30,
        )
    )
    # Images outside the write-up's folder are not copied; one large image linked many times is read once.
    inner = imp / "inner"
    inner.mkdir()
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    (imp / "outside.png").write_bytes(png)
    (inner / "big.png").write_bytes(png + b"\0" * 20_000_000)
    links = "".join(f"![f{i}](big.png)\n\n" for i in range(300))
    for number, text in enumerate(
        [f"# T\n\n## Results\n\nAUC of 0.8 vs 0.5.\n\n{body}" for body in ("![x](../outside.png)\n", links)]
    ):
        md = inner / f"links{number}.md"
        md.write_text(text)
        out = inner / f"l{number}" / "o.yaml"
        add(
            Case(
                f"import: image links ({number}) stay inside and are read once",
                ["import", str(md), "-o", str(out)],
                exit=0,
                seconds=30,
                after=_no_outside_copy(out.parent),
            )
        )
    # Options are validated by the rule an outline obeys, before anything is written.
    for number, duration in enumerate(["0", "5h", "-3m", "nan", "12 parsecs"]):
        out = imp / f"dur{number}.yaml"
        add(
            Case(
                f"import --duration {duration} is refused",
                ["import", str(imp / "tokens0.md"), "-o", str(out), "--duration", duration],
                says=["--duration"],
                after=_absent(out),
            )
        )
        add(
            Case(
                f"new --duration {duration} is refused",
                ["new", str(imp / f"new{number}.yaml"), "--duration", duration],
                says=["--duration"],
                after=_absent(imp / f"new{number}.yaml"),
            )
        )


def _round3_cases(tmp: Path, add: Callable[[Case], None], churn: Path, deck: Path) -> None:
    """The classes of the third outside attack: crash sites, decks, templates, outputs, histories, terminals."""
    tmp.mkdir()
    # Control bytes a YAML reader refuses, anywhere in an outline: one located message, never an internal error.
    for number, byte in enumerate(["\x1b", "\x07", "\x00", "\x08", "\x7f", "\x9b", "\ufffe"]):
        for where, text in (
            ("title", f"title: T{byte}x\nduration: 12m\nslides:{GOOD_SLIDES}"),
            ("comment", f"# note {byte}\ntitle: T\nduration: 12m\nslides:{GOOD_SLIDES}"),
            (
                "point",
                f"title: T\nduration: 12m\nslides:{GOOD_SLIDES}"
                f"  - kind: summary\n    title: S a b\n    points: [a{byte}]\n",
            ),
        ):
            path = outline(tmp, text, f"ctl{number}{where}.yaml")
            add(Case(f"control U+{ord(byte):04X} in an outline's {where}", ["plan", str(path)], says=[":"]))
    # Dates that do not exist: refused with their place, whatever YAML would read them as.
    for number, date in enumerate(["2024-02-30", "2023-13-01", "2024-00-10", "2021-04-31"]):
        path = talk(tmp, extra=f"date: {date}\n")
        path = path.rename(tmp / f"date{number}.yaml")
        add(Case(f"the date {date} in plan", ["plan", str(path)], says=["not a date on the calendar"]))
        add(
            Case(
                f"the date {date} in build",
                ["build", str(path), "-o", str(tmp / f"d{number}.pptx")],
                says=["not a date on the calendar"],
            )
        )
    # Decks whose XML expands entities, nests thousands deep, or holds numbers Python will not convert.
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
        + "]>"
    )
    for number, (label, change) in enumerate(
        (
            ("entity expansion", lambda xml: laughs + xml.split("?>", 1)[1].replace("</a:t>", "&j;</a:t>", 1)),
            ("nesting 3,000 deep", lambda xml: xml.replace("<a:p>", "<p:sp>" * 3000 + "</p:sp>" * 3000 + "<a:p>", 1)),
            (
                "nesting 100,000 deep",
                lambda xml: xml.replace("<a:p>", "<a:b>" * 100_000 + "</a:b>" * 100_000 + "<a:p>", 1),
            ),
        )
    ):
        bad = edit_part(deck, tmp / f"xml{number}.pptx", "ppt/slides/slide1.xml", change)
        add(Case(f"a deck slide with {label}", ["inspect", str(bad)], says=["slide1.xml"], seconds=10))
    for number, digits in enumerate([5000, 50_000]):
        huge = deck_with_plan(
            tmp, plan_json(duration_s=int("7" * 30)).replace("7" * 30, "7" * digits), f"int{number}.pptx"
        )
        add(Case(f"an embedded plan with a {digits}-digit number", ["inspect", str(huge)], says=["digits"], seconds=10))
    # Templates: macros and outside links are left out (and said), bombs and sizes are refused, names are shown.
    base = ROOT / "layouts" / "deck.pptx"
    macro = tmp / "macro.pptm"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(macro, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                )
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            if item.filename == "ppt/_rels/presentation.xml.rels":
                rels = (
                    b'<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/'
                    b'vbaProject" Target="vbaProject.bin"/><Relationship Id="rIdX" Type="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://198.51.100.7/x" '
                    b'TargetMode="External"/></Relationships>'
                )
                data = data.replace(b"</Relationships>", rels)
            dst.writestr(item, data)
        dst.writestr("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")  # fmt: skip
    out = tmp / "from-macro.pptx"
    add(
        Case(
            "a template's macros and outside links are left out",
            ["build", str(churn), "--template", str(macro), "-o", str(out)],
            exit=0,
            says=["macros", "outside"],
            after=_clean_deck(out),
        )
    )
    for number, size in enumerate(
        ['cx="abc" cy="def"', 'cx="1e999" cy="5"', 'cx="-5" cy="-5"', 'cx="' + "9" * 5000 + '" cy="1"']
    ):
        odd = edit_part(
            base,
            tmp / f"size{number}.pptx",
            "ppt/presentation.xml",
            lambda pres, size=size: re.sub(r'<p:sldSz cx="\d+" cy="\d+"', f"<p:sldSz {size}", pres),
        )
        add(
            Case(
                f"a template slide size {size[:20]}",
                ["build", str(churn), "--template", str(odd), "-o", str(tmp / f"s{number}.pptx")],
                says=["template"],
            )
        )
    named = edit_part(
        base,
        tmp / "c1names.pptx",
        "ppt/slideLayouts/slideLayout1.xml",
        lambda xml: re.sub(r'<p:cSld name="[^"]*"', '<p:cSld name="\u009b2J\u009b31mEvil"', xml),
    )
    named = edit_part(
        named,
        tmp / "c1names2.pptx",
        "ppt/slideLayouts/slideLayout2.xml",
        lambda xml: re.sub(r'<p:cSld name="[^"]*"', '<p:cSld name="\u009b2J Also"', xml),
    )
    add(
        Case(
            "a layout name with C1 controls is shown, not obeyed",
            ["build", str(churn), "--template", str(named), "-o", str(tmp / "c1.pptx")],
            exit=0,
        )
    )
    bomb = tmp / "partbomb.pptx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("ppt/media/huge.xml", b"\0" * (70 * 2**20))
    add(
        Case(
            "a template part that unpacks to 70 MB",
            ["build", str(churn), "--template", str(bomb), "-o", str(tmp / "b.pptx")],
            says=["deck_part_bytes"],
            seconds=15,
        )
    )
    # Outputs: a link is followed to what it names; devices, pipes and descriptors are refused.
    fifo = tmp / "fifo"
    os.mkfifo(fifo)
    # (A link to a folder is refused by click's own check of -o, before deck runs.)
    targets = {"a FIFO": fifo, "/dev/stdout": Path("/dev/stdout"), "/dev/null": Path("/dev/null")}
    if os.geteuid() == 0:
        device = tmp / "null-device"
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        targets["a character device"] = device
    for number, (label, target) in enumerate(targets.items()):
        link = tmp / f"link{number}.pptx"
        link.symlink_to(target)
        add(
            Case(
                f"build -o a link to {label}",
                ["build", str(churn), "-o", str(link)],
                says=["not a regular file"],
                after=_still_link(link, target),
            )
        )
        yaml_link = link.with_suffix(".yaml")
        yaml_link.symlink_to(target)
        writeup = ROOT / "tests" / "writeups" / "drafts" / "exam_pass.md"
        add(
            Case(
                f"import -o a link to {label}",
                ["import", str(writeup), "-o", str(yaml_link), "--force"],
                says=["not a regular file"],
                after=_still_link(yaml_link, target),
            )
        )
    real = tmp / "real.pptx"
    real.write_bytes(b"old")
    good_link = tmp / "good-link.pptx"
    good_link.symlink_to(real)
    add(
        Case(
            "build -o a link to a file writes the file and keeps the link",
            ["build", str(churn), "-o", str(good_link)],
            exit=0,
            after=lambda: None if good_link.is_symlink() and real.stat().st_size > 10_000 else "the link was replaced",
        )
    )
    # History paths are paths: "#", "?" and "%" are part of the name.
    for number, name in enumerate(["a#b.db", "c?d.db", "e%20f.db", "g?mode=memory.db"]):
        folder = tmp / f"hist{number}"
        folder.mkdir()
        path = folder / name
        add(
            Case(
                f"a history path named {name}",
                ["history", str(deck), "--db", str(path)],
                exit=0,
                after=_only(folder, name),
            )
        )
    # Damaged histories are refused by every reader and left byte for byte, with nothing beside them.
    for number, damage in enumerate(("pages", "text")):
        folder = tmp / f"damaged{number}"
        folder.mkdir()
        db = history_db(folder, deck, total="a lot" if damage == "text" else 300.0)
        if damage == "pages":
            data = bytearray(db.read_bytes())
            data[4096 + 100 : 4096 * 3] = b"Z" * (4096 * 2 - 100)
            db.write_bytes(bytes(data))
        for command in (
            ["history", str(deck)],
            ["history", str(deck), "--csv"],
            ["compare", str(deck)],
            ["report", str(deck), "-o", str(folder / "r.png")],
        ):
            add(
                Case(
                    f"a history with damaged {damage}: {' '.join(command[:1] + command[2:3])}",
                    [*command, "--db", str(db)],
                    says=["damaged"],
                    after=_only(folder, db.name, unchanged(db)),
                )
            )
    # Runs of white space, a megabyte long, wherever an outline can hold them.
    run = " " * 600_000
    for number, text in enumerate(
        (
            f'title: "T{run}x"\nduration: 12m\nslides:{GOOD_SLIDES}',
            f"title: T\nduration: 12m\nslides:{GOOD_SLIDES}  - kind: summary\n    title: Sums up\n{run}more words\n",
            f"title: T\nduration: 12m\nslides:{GOOD_SLIDES}  - kind: summary\n    title: S\n"
            f"    notes: |\n      a\n{run}\n      b\n",
            f'title: T\nduration: 12m\nslides:{GOOD_SLIDES}  - kind: summary\n    title: S\n    points: ["{run}"]\n',
        )
    ):
        path = outline(tmp, text, f"space{number}.yaml")
        add(Case(f"a 600 KB run of spaces ({number})", ["plan", str(path)], exit=None, seconds=10))
    # File names with escapes are shown, never obeyed, by every command that prints a path.
    named_dir = tmp / "esc\x1b[2Jname"
    named_dir.mkdir()
    add(
        Case(
            "import -o a name with an escape",
            [
                "import",
                str(ROOT / "tests" / "writeups" / "drafts" / "exam_pass.md"),
                "-o",
                str(named_dir / "t\x1b]0;x\x07.yaml"),
            ],
            exit=0,
        )
    )
    add(Case("build -o a name with an escape", ["build", str(churn), "-o", str(named_dir / "d\x1b[31m.pptx")], exit=0))
    add(Case("new a name with an escape", ["new", str(named_dir / "n\x9b2J.yaml")], exit=0))
    add(
        Case(
            "history of a deck with an escape in its name",
            ["history", str(named_dir / "d\x1b[31m.pptx"), "--db", str(named_dir / "h.db")],
            exit=None,
        )
    )
    add(
        Case(
            "compare a deck with an escape in its name",
            ["compare", str(named_dir / "d\x1b[31m.pptx"), "--db", str(named_dir / "h.db")],
            exit=None,
        )
    )
    add(
        Case(
            "drill --list of a deck with an escape in its name",
            ["drill", str(named_dir / "d\x1b[31m.pptx"), "--list"],
            exit=None,
        )
    )


def _clean_deck(out: Path) -> Callable[[], str | None]:
    def check() -> str | None:
        if not out.is_file():
            return "no deck was written"
        with zipfile.ZipFile(out) as archive:
            names = archive.namelist()
            rels = b"".join(archive.read(n) for n in names if n.endswith(".rels"))
            types = archive.read("[Content_Types].xml")
        if any("vba" in n.lower() for n in names) or b"vbaProject" in rels or b"macroEnabled" in types:
            return "the macros were carried into the deck"
        return "an outside link was kept" if b"198.51.100.7" in rels else None

    return check


def _still_link(link: Path, target: Path) -> Callable[[], str | None]:
    return lambda: None if link.is_symlink() and Path(os.readlink(link)) == target else f"{link.name} was replaced"


def _only(folder: Path, name: str, also: Callable[[], str | None] | None = None) -> Callable[[], str | None]:
    def check() -> str | None:
        extra = sorted(p.name for p in folder.iterdir() if p.name != name and not p.name.endswith(".png"))
        if extra:
            return f"files made beside {name}: {extra}"
        return also() if also else None

    return check


def _absent(path: Path) -> Callable[[], str | None]:
    return lambda: f"{path} was written" if path.exists() else None


def _no_outside_copy(folder: Path) -> Callable[[], str | None]:
    def check() -> str | None:
        figures = list((folder / "figures").glob("*")) if (folder / "figures").exists() else []
        return f"{len(figures)} figures copied" if len(figures) > 1 else None

    return check


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for case in cases(Path(folder)):
            print(f"{case.exit}  {case.name}")
