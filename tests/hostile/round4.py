"""The classes of the fourth outside attack: values YAML 1.1 would have changed, CSV cells, numbers of hundreds
or thousands of digits, computed overflow, templates checked before they are read, work that must stay linear
in rows and in runs of white space. Many inputs per class, written as a user (or an attacker) writes them."""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .generate import GOOD_SLIDES, ROOT, Case, edit_part, outline

Add = Callable[[Case], None]


def _talk(folder: Path, name: str, extra: str = "", head: str = "title: A talk\nduration: 12m\n") -> Path:
    return outline(folder, f"{head}slides:{GOOD_SLIDES}{extra}", name)


def _no_text(deck: Path, *words: str) -> Callable[[], str | None]:
    """The deck was written and none of ``words`` is in any of its slides."""

    def check() -> str | None:
        if not deck.is_file():
            return "no deck was written"
        with zipfile.ZipFile(deck) as archive:
            xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("ppt/slides/slide"))
        found = [w for w in words if w.encode() in xml]
        return f"the deck shows {found}" if found else None

    return check


def _has_text(deck: Path, *words: str) -> Callable[[], str | None]:
    """The deck was written and each of ``words`` is in its slides or its charts."""

    def check() -> str | None:
        if not deck.is_file():
            return "no deck was written"
        with zipfile.ZipFile(deck) as archive:
            xml = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xml"))
        # a hyphen is set as a no-break hyphen on a slide (it shows the same, and a date never breaks)
        xml = xml.replace("\u2011".encode(), b"-")
        missing = [w for w in words if f">{w}<".encode() not in xml]
        return f"the deck lacks {missing}" if missing else None

    return check


def round4_cases(tmp: Path, add: Add, churn: Path) -> None:
    tmp.mkdir()
    _values(tmp / "values", add)
    _numbers(tmp / "numbers", add)
    _csv(tmp / "csv", add)
    _templates(tmp / "templates", add, churn)
    _work(tmp / "work", add)


def _values(tmp: Path, add: Add) -> None:
    """What the user typed is what the field reads: 12:00 a duration or a label, 010 stays 010, dates are text."""
    tmp.mkdir()
    for number, duration in enumerate(["12:00", "0:12:00", "12m", "12"]):
        path = _talk(tmp, f"d{number}.yaml", head=f"title: A talk\nduration: {duration}\n")
        add(Case(f"duration: {duration} is a twelve-minute talk", ["plan", str(path)], exit=0, says=["12:00 talk"]))
    pinned = _talk(tmp, "pin.yaml", "  - {kind: summary, title: Churn falls 8% if we act, time: 1:30}\n")
    add(
        Case("time: 1:30 pins a minute and a half", ["plan", "--json", str(pinned)], exit=None, says=['"budget_s": 90'])
    )
    charts = {
        "clock labels": ("line", "{hour: [8:00, 12:00, 17:30], orders: [3, 9, 4]}", ["8:00", "17:30"]),
        "octal-looking labels": ("bar", "{store: [007, 010, 011], sales: [3, 9, 4]}", ["007", "010"]),
        "dates as labels": ("bar", "{day: [2024-03-01, 2024-03-02], sales: [4, 5]}", ["2024-03-01"]),
        "yes and no as labels": ("bar", "{answer: [yes, no, ~maybe], people: [4, 5, 1]}", ["yes", "no"]),
    }
    for number, (label, (chart, data, shown)) in enumerate(charts.items()):
        path = _talk(
            tmp,
            f"c{number}.yaml",
            f"  - kind: eda\n    title: Orders peak at 010\n    figure: {{chart: {chart}, title: Orders peak,"
            f" highlight: [010], data: {data}}}\n",
        )
        deck = tmp / f"c{number}.pptx"
        add(
            Case(
                f"{label} in a chart build as written",
                ["build", str(path), "-o", str(deck)],
                after=_has_text(deck, *shown),
                exit=0,
            )
        )
    table = _talk(
        tmp,
        "table.yaml",
        "  - kind: eda\n    title: Sales rose in March\n"
        "    table: {columns: [day, store, sales], rows: [[2024-03-01, 010, 0.50], [2024-03-02, 011, 1.10]]}\n",
    )
    deck = tmp / "table.pptx"
    add(
        Case(
            "dates and octal-looking cells in a table build as written",
            ["build", str(table), "-o", str(deck)],
            exit=0,
            after=_has_text(deck, "2024-03-01", "010", "0.50", "1.10"),
        )
    )
    for number, value in enumerate(["2024-02-30", "2023-13-01", "2025-02-29"]):
        path = _talk(tmp, f"date{number}.yaml", head=f"title: A talk\ndate: {value}\nduration: 12m\n")
        add(Case(f"the date {value} is refused with its place", ["plan", str(path)], says=[":2:", "calendar"]))
    for number, tagged in enumerate(["!!timestamp foo", "!!timestamp ''", "!!timestamp 2024-01-01", "!!binary aGk="]):
        path = _talk(tmp, f"tag{number}.yaml", head=f"title: A talk\ndate: {tagged}\nduration: 12m\n")
        for command in ("plan", "build"):
            args = [command, str(path)] + (["-o", str(tmp / f"tag{number}.pptx")] if command == "build" else [])
            add(Case(f"{tagged} in {command}", args, says=[":2:", "not read in an outline"]))


def _numbers(tmp: Path, add: Add) -> None:
    """Numbers of hundreds or thousands of digits, and numbers past what a slide shows, in every number field."""
    tmp.mkdir()
    fields: dict[str, Callable[[str], tuple[str, str]]] = {
        "duration": lambda v: (f"title: A talk\nduration: {v}\n", ""),
        "time": lambda v: ("title: A talk\nduration: 12m\n", f"  - {{kind: summary, title: Sums up, time: {v}}}\n"),
        "metric value": lambda v: (
            "title: A talk\nduration: 12m\n",
            f"  - kind: results\n    title: Big\n    metrics: [{{name: AUC, value: {v}, baseline: 0.5}}]\n",
        ),
        "baseline": lambda v: (
            "title: A talk\nduration: 12m\n",
            f"  - kind: results\n    title: Big\n    metrics: [{{name: AUC, value: 0.8, baseline: {v}}}]\n",
        ),
        "spread": lambda v: (
            "title: A talk\nduration: 12m\n",
            f"  - kind: results\n    title: Big\n    metrics: [{{name: AUC, value: 0.8, spread: {v}}}]\n",
        ),
        "chart value": lambda v: (
            "title: A talk\nduration: 12m\n",
            "  - kind: eda\n    title: Big\n    figure: {chart: bar, title: Big, "
            f"data: {{a: [x, y], b: [1, {v}]}}}}\n",
        ),
        "figure baseline": lambda v: (
            "title: A talk\nduration: 12m\n",
            "  - kind: results\n    title: Curve\n    figure: {chart: pr_curve, title: Curve, "
            f"baseline: {v}, data: {{recall: [0, 1], precision: [1, 0]}}}}\n",
        ),
        "best_row": lambda v: (
            "title: A talk\nduration: 12m\n",
            f"  - kind: results\n    title: Big\n    table: {{columns: [a], rows: [[1]], best_row: {v}}}\n",
        ),
    }
    for digits in (401, 5000):
        for label, make in fields.items():
            head, extra = make("9" * digits)
            path = outline(tmp, f"{head}slides:{GOOD_SLIDES}{extra}", f"n{digits}-{label.replace(' ', '_')}.yaml")
            add(Case(f"a {digits}-digit {label}", ["plan", str(path)], says=[".yaml:"]))
    # Computed overflow: each number alone is fine for a float, their ratio or their drawing is not.
    for number, (label, extra) in enumerate(
        (
            ("1e300 against 1e-300", "    metrics: [{name: AUC, value: 1e300, baseline: 1e-300}]\n"),
            (
                "1e308 drawn as a picture",
                "    figure: {chart: bar, render: picture, title: B, data: {a: [x, y], b: [1e308, -1e308]}}\n",
            ),
            (
                "-1.0e+308 in a line",
                "    figure: {chart: line, render: picture, title: B, data: {a: [x, y], b: [1, -1.0e+308]}}\n",
            ),
        )
    ):
        path = _talk(tmp, f"over{number}.yaml", "  - kind: results\n    title: Big numbers\n" + extra)
        add(
            Case(
                f"{label} is refused with its place",
                ["build", str(path), "-o", str(tmp / f"o{number}.pptx")],
                says=["number_max"],
            )
        )
    lift = _talk(
        tmp,
        "lift.yaml",
        "  - kind: results\n    title: Big\n    metrics: [{name: AUC, value: 1e15, baseline: 1e-300}]\n",
    )
    deck = tmp / "lift.pptx"
    add(
        Case(
            "a lift past a float is never 'infx'",
            ["build", str(lift), "-o", str(deck)],
            exit=0,
            after=_no_text(deck, "infx", "inf "),
        )
    )


def _csv(tmp: Path, add: Add) -> None:
    """A CSV's label column is text as written; control characters in any cell are refused with their place."""
    tmp.mkdir()
    labels = {
        "versions": ("version,score\n1.8,3\n1.9,4\n1.10,5\n", ["1.10", "1.9"]),
        "ZIP codes": ("zip,people\n02139,3\n10001,4\n", ["02139"]),
        "a person called Nan": ("name,calls\nAda,3\nNan,4\nInf,2\n", ["Nan", "Inf"]),
        "times of day": ("hour,orders\n08:00,3\n12:00,9\n", ["08:00", "12:00"]),
    }
    for number, (label, (text, shown)) in enumerate(labels.items()):
        (tmp / f"l{number}.csv").write_text(text)
        path = _talk(
            tmp,
            f"l{number}.yaml",
            f"  - kind: eda\n    title: Scores by {label}\n"
            f"    figure: {{chart: bar, title: Scores, data: l{number}.csv}}\n",
        )
        deck = tmp / f"l{number}.pptx"
        add(
            Case(
                f"a CSV label column of {label} stays as written",
                ["build", str(path), "-o", str(deck)],
                exit=0,
                after=_has_text(deck, *shown),
            )
        )
    for number, byte in enumerate(["\x1b", "\x0b", "\x07", "\x9b", "\x7f", "\x85"]):
        (tmp / f"c{number}.csv").write_text(f"name,calls\nAda,3\nB{byte}ob,4\n", encoding="utf-8")
        path = _talk(
            tmp,
            f"c{number}.yaml",
            "  - kind: eda\n    title: Calls by person\n"
            f"    figure: {{chart: bar, title: Calls, data: c{number}.csv}}\n",
        )
        for command in ("plan", "build"):
            args = [command, str(path)] + (["-o", str(tmp / f"c{number}.pptx")] if command == "build" else [])
            add(Case(f"U+{ord(byte):04X} in a CSV cell ({command})", args, says=["control character", ".csv:3:2"]))
    (tmp / "words.csv").write_text("name,calls\nAda,3\nBob,many\n")
    path = _talk(
        tmp,
        "words.yaml",
        "  - kind: eda\n    title: Calls by person\n    figure: {chart: bar, title: Calls, data: words.csv}\n",
    )
    add(Case("a word in a CSV number column", ["plan", str(path)], says=["words.csv:3", "numbers only"]))


def _bomb(base: Path, out: Path, member: str, size: int) -> Path:
    """Copy the zip ``base`` to ``out`` with ``member`` replaced by ``size`` zero bytes, deflated: a part that
    unpacks to gigabytes, made in seconds (one block deflated once, repeated)."""
    chunk = b"\0" * (64 * 2**20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)  # no back-reference past its own start

    class Repeat:
        def compress(self, data: bytes) -> bytes:
            return block

        def flush(self) -> bytes:
            return zlib.compressobj(9, zlib.DEFLATED, -15).flush()

    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != member:
                dst.writestr(item, src.read(item))
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as part:
            writer: Any = part
            writer._compressor = Repeat()
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return out


def _templates(tmp: Path, add: Add, churn: Path) -> None:
    """A template is checked (there, a regular file, within its limits, whole) before it is hashed or read."""
    tmp.mkdir()
    base = ROOT / "layouts" / "deck.pptx"

    def build(label: str, template: Path | str, says: list[str], seconds: float = 20.0) -> None:
        out = tmp / f"t{abs(hash(label)) % 10**8}.pptx"
        add(Case(label, ["build", str(churn), "--template", str(template), "-o", str(out)], says=says, seconds=seconds))

    build("--template with a typo in its name", tmp / "compnay.pptx", ["no such template"])
    fifo = tmp / "fifo.pptx"
    os.mkfifo(fifo)
    build("--template a FIFO does not hang", fifo, ["not a regular file"], seconds=10)
    sparse = tmp / "sparse.pptx"
    with open(sparse, "wb") as handle:
        handle.truncate(40 * 2**30)  # 40 GB on paper, nothing on disk
    build("--template a 40 GB sparse file", sparse, ["template_bytes"], seconds=10)
    for number, part in enumerate(
        ["ppt/slideLayouts/slideLayout1.xml", "ppt/slideLayouts/slideLayout2.xml", "ppt/slideMasters/slideMaster1.xml"]
    ):
        missing = tmp / f"missing{number}.pptx"
        with zipfile.ZipFile(base) as src, zipfile.ZipFile(missing, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                if item.filename != part:
                    dst.writestr(item, src.read(item))
        build(f"a template without {part.rsplit('/', 1)[1]}", missing, ["damaged", "refers to a part"])
    bomb = _bomb(base, tmp / "bomb.pptx", "ppt/presentation.xml", 40 * 64 * 2**20)
    build("a template whose presentation part unpacks to 2.5 GB", bomb, ["template"], seconds=15)
    no_size = edit_part(base, tmp / "nosize.pptx", "ppt/presentation.xml", lambda x: re.sub(r"<p:sldSz [^>]*/>", "", x))
    build("a template with no slide size", no_size, ["slide size"])


def _work(tmp: Path, add: Add) -> None:
    """Work stays linear: long tables and charts within the documented limits, runs of white space anywhere."""
    tmp.mkdir()
    rows = "".join(f"        - [Account {i}, {i * 37 % 997}, {i % 9}.5]\n" for i in range(1000))
    table = _talk(
        tmp,
        "table.yaml",
        "  - kind: appendix\n    title: Every account, scored\n"
        f"    table:\n      columns: [Account, Score, Weeks]\n      rows:\n{rows}",
    )
    add(Case("a table of 1,000 rows builds", ["build", str(table), "-o", str(tmp / "table.pptx")], exit=0, seconds=30))
    (tmp / "line.csv").write_text("day,visits\n" + "".join(f"d{i},{(i * 37) % 101}\n" for i in range(100_000)))
    for render in ("native", "picture"):
        path = _talk(
            tmp,
            f"line-{render}.yaml",
            "  - kind: eda\n    title: Visits swing\n"
            f"    figure: {{chart: line, render: {render}, title: Visits, data: line.csv}}\n",
        )
        add(
            Case(
                f"a line chart of 100,000 points ({render})",
                ["build", str(path), "-o", str(tmp / f"{render}.pptx")],
                exit=0,
                seconds=40,
            )
        )
    run = " " * 32_000
    places = {
        "a decision's rationale": f'    decisions: [{{decision: trees, rationale: "a{run}b and c"}}]\n',
        "a decision's alternative": f'    decisions: [{{decision: trees, alternative: "a{run}b"}}]\n',
        "a table header of wide spaces": '    table: {columns: ["a' + "\u3000" * 32_000 + 'b", c], rows: [[x, 1]]}\n',
        "a metric's name": f'    metrics: [{{name: "a{run}b", value: 0.8, baseline: 0.5}}]\n',
        "a chart label": f'    figure: {{chart: bar, title: B, data: {{a: ["x{run}y", z], b: [1, 2]}}}}\n',
    }
    for number, (label, extra) in enumerate(places.items()):
        path = _talk(tmp, f"space{number}.yaml", "  - kind: methodology\n    title: We chose trees\n" + extra)
        add(Case(f"32,000 spaces in {label} (plan)", ["plan", str(path)], exit=None, seconds=10))
        add(
            Case(
                f"32,000 spaces in {label} (build)",
                ["build", str(path), "-o", str(tmp / f"s{number}.pptx")],
                exit=None,
                seconds=15,
            )
        )
    for render in ("native", "picture"):
        word = _talk(
            tmp,
            f"word-{render}.yaml",
            "  - kind: eda\n    title: One long label\n    figure: {chart: bar, render: "
            + render
            + ", title: B, data: {a: ["
            + "9" * 5000
            + ", z], b: [1, 2]}}\n",
        )
        add(
            Case(
                f"a chart label of 5,000 digits ({render})",
                ["build", str(word), "-o", str(tmp / f"w-{render}.pptx")],
                exit=0,
            )
        )
    long_title = _talk(
        tmp, "title.yaml", head=f"title: {'A talk about churn ' * 20}\npresenter: {'Sam ' * 80}\nduration: 12m\n"
    )
    add(Case("a title of 380 characters builds", ["build", str(long_title), "-o", str(tmp / "title.pptx")], exit=0))
