"""Score the content and time checks on a labelled corpus: recall on planted faults, false alarms on good
talks, and how each one-line phrase is labelled, with precision per code.

Run: .venv/bin/python bench/coaching.py ../shared/corpus   (or its talks/ folder)
     .venv/bin/python bench/coaching.py ../shared/corpus ../shared/corpus2   (each scored apart)
     .venv/bin/python bench/coaching.py ../shared/writeups/real   (labelled write-ups: the sentences their
     labels mark, the headline read as a measure of its value and each decision read as a choice)

The cross-check is a matter of history: a change developed against one corpus is scored on the other,
unchanged, before it is kept (the figures for each change are in its issue note).

The corpus holds talks/*.yaml with talks/key.tsv (file, then the codes a correct checker reports, apart by spaces or
commas, or CLEAN) and phrases.tsv (where, text, label: a code or OK). The last three lines printed are the summary.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from deckbuilder import load_outline, parse_outline, plan_talk
from deckbuilder.core.rules.findings import Severity
from deckbuilder.errors import DeckError

TEXT_CODES = ("C001", "C002", "C003", "C005", "C006", "C007", "C009")

# An otherwise sound talk: a phrase is put where its label says it stands, and only what it adds counts.
SOUND: list[dict[str, Any]] = [
    {"kind": "problem", "title": "Late deliveries cost $1.2M a quarter"},
    {"kind": "approach", "title": "Route history predicts delay better than weather alone"},
    {"kind": "methodology", "title": "Gradient boosting beats the linear model by 11% on recall"},
    {
        "kind": "results",
        "title": "The model flags 70% of late routes a day ahead",
        "points": ["About 40 routes flagged a day"],
    },
    {"kind": "error_analysis", "title": "Rural routes are where the model misses most"},
    {
        "kind": "next_steps",
        "title": "Two changes would cut rural misses",
        "points": ["Next week: rural features", "Next quarter: a live trial with two depots"],
    },
]


def _place(where: str, text: str) -> list[dict[str, Any]]:
    talk = [dict(s) for s in SOUND]
    if where == "title":
        talk[3]["title"] = text
    elif where == "figure_title":
        talk[3]["figure"] = {"chart": "bar", "title": text, "data": {"x": ["a", "b"], "y": [1, 2]}}
    elif where == "point":
        talk[3]["points"] = [*talk[3]["points"], text]
    elif where == "decision" and re.match(r"\s*(\{|decision\s*:)", text):
        talk[2]["decisions"] = [_entry(text)]
    elif where == "decision":
        talk[2]["points"] = [text]
    elif where == "next_step":
        talk[5]["points"] = [text]
    else:
        raise ValueError(f"unknown place {where!r}")
    return talk


def _entry(text: str) -> dict[str, str]:
    """Read a whole `decisions:` entry written on one line, in YAML's flow style or as "decision: X; rationale: Y",
    split at its keys: authors leave commas unquoted inside a value ("rationale: gained 0.001, inside the CV
    spread"), which YAML would split."""
    keys = "decision|rationale|alternative|why_rejected"
    parts = re.split(rf"(?:^|[,;])\s*({keys}):\s*", text.strip().strip("{}"))
    return {key: value.strip().strip("'\"") for key, value in zip(parts[1::2], parts[2::2], strict=True)}


def _codes(slides: list[dict[str, Any]]) -> set[str]:
    data = {"title": "A talk", "duration": "12m", "slides": slides}
    plan = plan_talk(parse_outline(yaml.safe_dump(data, sort_keys=False)), select=list(TEXT_CODES))
    return {f.code for f in plan.findings}


def score_phrases(path: Path) -> tuple[int, int, dict[str, Counter[str]]]:
    """Return (labelled right, total, per code: tp/fp/fn counts)."""
    baseline = _codes(SOUND)
    right = total = 0
    per: dict[str, Counter[str]] = {code: Counter() for code in TEXT_CODES}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            total += 1
            found = _codes(_place(row["where"], row["text"])) - baseline
            label = row["label"].strip()
            ok = not found if label == "OK" else label in found
            right += ok
            for code in TEXT_CODES:
                if code == label:
                    per[code]["tp" if code in found else "fn"] += 1
                elif code in found:
                    per[code]["fp"] += 1
            if not ok:
                got = ",".join(sorted(found)) or "OK"
                print(f"  phrase  {label:<5} got {got:<10} {row['where']:<12} {row['text'][:70]}")
    return right, total, per


def score_talks(folder: Path) -> tuple[int, int, int, int]:
    """Return (planted faults caught, planted, false alarms, false alarms on good talks)."""
    caught = planted = false = false_good = 0
    with open(folder / "key.tsv", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            name, *codes = line.replace(",", " ").split()  # codes apart by spaces or commas
            expected = set() if codes == ["CLEAN"] else set(codes)
            try:
                plan = plan_talk(load_outline(folder / name))
                found = {f.code for f in plan.findings if f.severity is not Severity.INFO}
            except DeckError as exc:
                print(f"  talk    {name}: cannot be read ({exc.message})")
                found = set()
            caught += len(found & expected)
            planted += len(expected)
            false += len(found - expected)
            false_good += len(found - expected) if not expected else 0
            missed, extra = sorted(expected - found), sorted(found - expected)
            if missed or extra:
                print(f"  talk    {name}: missed {' '.join(missed) or '-'}; false alarms {' '.join(extra) or '-'}")
    return caught, planted, false, false_good


def score_corpus(folder: Path) -> list[str]:
    """Score one corpus; return its summary lines (the details are printed as they are found)."""
    talks = folder if (folder / "key.tsv").is_file() else folder / "talks"
    phrases = next((p for p in (folder / "phrases.tsv", folder.parent / "phrases.tsv") if p.is_file()), None)
    caught, planted, false, false_good = score_talks(talks)
    lines = []
    if phrases is not None:
        right, total, per = score_phrases(phrases)
        precision = []
        for code, counts in per.items():
            tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
            if tp + fp + fn:
                share = f"{tp / (tp + fp):.0%}" if tp + fp else "-"
                precision.append(f"{code} {share} ({tp}/{tp + fp}, missed {fn})")
        lines.append(f"phrases: {right}/{total} labelled right ({right / max(total, 1):.0%})")
        lines.append("per-code precision: " + "; ".join(precision))
    else:
        lines.append("phrases: no phrases.tsv beside the talks")
    recall = caught / max(planted, 1)
    lines.insert(
        0,
        f"talks: planted faults caught {caught}/{planted} ({recall:.0%}); "
        f"false alarms {false} ({false_good} on good talks)",
    )
    return lines


def _sentence_with(text: str, quote: str) -> str | None:
    """The sentence (or line) of ``text`` that holds ``quote``, as the writer wrote it."""
    from deckbuilder.core.reading.sentences import sentences

    at = text.find(quote)
    if at < 0:
        return None
    start = max(text.rfind("\n", 0, at), 0)
    end = text.find("\n", at + len(quote))
    line = text[start : end if end >= 0 else len(text)].strip(" \n#*-|>")
    return next((s for s in sentences(line) if quote[:20] in s), line)


def score_writeups(folder: Path) -> list[str]:
    """Read the sentences the labels of real write-ups mark (LABELS.yaml: the headline metric's quote, each
    decision's quote): a headline read as a measure of its labelled value, a decision read as a choice (C006's
    reading). Returns the summary lines; each miss is printed."""
    from deckbuilder.checks.decisions import is_decision
    from deckbuilder.checks.reading import reader_for
    from deckbuilder.core.rules.config import default_config

    reader = reader_for(default_config())
    numbers = numbers_read = choices = choices_read = 0
    for labels_path in sorted(folder.glob("*/LABELS.yaml")):
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}
        root = labels_path.parent
        quoted = []
        head = labels.get("headline_metric") or {}
        where = head.get("where") or {}
        if where.get("quote") and head.get("value") and str(where.get("file", "")).endswith((".md", ".markdown")):
            quoted.append(("headline", where, str(head["value"])))
        for decision in labels.get("decisions") or []:
            spot = decision.get("where") or {}
            if spot.get("quote") and str(spot.get("file", "")).endswith((".md", ".markdown")):
                quoted.append(("decision", spot, ""))
        for kind, spot, value in quoted:
            path = root / str(spot["file"])
            if not path.is_file():
                continue
            sentence = _sentence_with(path.read_text(encoding="utf-8", errors="replace"), str(spot["quote"]))
            if sentence is None:
                continue
            if kind == "headline":
                numbers += 1
                found = [m.value.text for m in reader.measures(sentence)]
                ok = any(value.replace(",", "").lstrip("~") in v.replace(",", "") for v in found)
                numbers_read += ok
            else:
                choices += 1
                ok = bool(reader.choices(sentence)) or is_decision(reader, sentence, True)
                choices_read += ok
            if not ok:
                print(f"  {kind:<9} {root.name[:24]:<24} {sentence[:90]}")
    return [
        f"headline sentences read as a measure of their value: {numbers_read}/{numbers} "
        f"({numbers_read / max(numbers, 1):.0%})",
        f"decision sentences read as a choice: {choices_read}/{choices} ({choices_read / max(choices, 1):.0%})",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "corpus", type=Path, nargs="+", help="a corpus folder, or its talks/ folder; several are scored apart"
    )
    folders: list[Path] = parser.parse_args().corpus
    summaries = [
        (folder, score_writeups(folder) if any(folder.glob("*/LABELS.yaml")) else score_corpus(folder))
        for folder in folders
    ]
    for folder, lines in summaries:
        if len(summaries) > 1:
            print(f"== {folder}")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
