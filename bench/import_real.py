"""Score `deck import` on real take-home write-ups against what a person who read each one labelled.

Run: .venv/bin/python bench/import_real.py ../shared/writeups/real [-v] [--only NAME ...]

Each folder holds a write-up (Markdown and notebooks) and LABELS.yaml: the headline metric and its baseline as
written, up to three decisions with a short quote, whether the write-up has error analysis and next steps (with
their first words), and which headings are the company's prompt. The folder is imported as a candidate would
(`deck import` with every Markdown file, README first, then every notebook), the outline it writes is read back
as YAML, and each label is looked for in it:

- headline value: a metric callout on a main slide whose value is the labelled value, as written or rounded;
- with its baseline: that callout's baseline is a number of the labelled baseline;
- decision: a decision entry whose choice or source sentence holds a labelled choice (its words, or its quote);
- next steps / error analysis: the slide of that kind is written (not a placeholder) and holds the labelled
  first words;
- prompt headings: no slide title is a heading the labels mark as the company's prompt.

Folders are scored in two halves, the xtream assignments (forks of one company's template) and the others, so a
change developed on one half is judged on the other. The last lines printed are the summary.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from deckbuilder.core.rules.config import default_config
from deckbuilder.errors import DeckError
from deckbuilder.importer.run import import_writeups

_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d*\.?\d+)(?:e[-+]?\d+)?", re.IGNORECASE)
_STOP = {"a", "an", "the", "of", "to", "and", "or", "for", "in", "on", "with", "by", "as", "over", "only", "its"}
# Words too common in write-ups to tell one decision from another on their own.
_GENERIC = {
    "model",
    "models",
    "data",
    "dataset",
    "feature",
    "features",
    "use",
    "using",
    "used",
    "value",
    "values",
    "based",
    "set",
    "test",
    "training",
    "train",
    "split",
    "all",
    "each",
    "other",
    "more",
    "than",
}


def inputs(folder: Path) -> list[Path]:
    """Return the files a candidate would import: Markdown (the top README first), then notebooks."""
    files = [p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts]
    markdown = sorted(
        (p for p in files if p.suffix.lower() in (".md", ".markdown", ".rmd", ".qmd") and p.name not in ("SOURCE.md",)),
        key=lambda p: (p.parent != folder, p.name.lower() != "readme.md", str(p).lower()),
    )
    notebooks = sorted((p for p in files if p.suffix.lower() == ".ipynb"), key=lambda p: str(p).lower())
    return markdown + notebooks


def numbers(text: Any) -> list[tuple[float, int]]:
    """Return the numbers written in ``text`` with their decimals: "90,706" -> (90706, 0), "56%" -> (56, 0)."""
    found = []
    for match in _NUMBER.finditer(str(text or "")):
        raw = match.group().replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        decimals = len(raw.split(".")[1]) if "." in raw and "e" not in raw.lower() else 0
        found.append((value, decimals))
    return found


def same_number(shown: Any, labelled: str) -> bool:
    """True when a number the outline shows is one the label writes, as written or rounded either way (0.9265 for
    0.9264868117990303, 80% for 0.8019 read as a percentage)."""
    shown_numbers = numbers(shown) if isinstance(shown, str) else [(float(shown), _decimals(shown))]
    percent_shown = isinstance(shown, str) and shown.strip().endswith("%")
    for value, decimals in shown_numbers:
        for label, label_decimals in numbers(labelled):
            for candidate in {label, label / 100 if "%" in labelled else label, label * 100}:
                if candidate == 0 and value != 0:
                    continue
                places = min(decimals, label_decimals)
                if (
                    round(candidate, places) == round(value, places)
                    or round(value, decimals) == round(candidate, decimals)
                ) and (percent_shown or "%" in labelled or candidate == label or abs(candidate) <= 1):
                    return True
    return False


def _decimals(value: Any) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def words(text: Any) -> list[str]:
    plain = unicodedata.normalize("NFKD", str(text or "")).lower().replace("’", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", plain)


def content(text: Any) -> set[str]:
    return {w for w in words(text) if w not in _STOP and len(w) > 1}


@dataclass
class Score:
    name: str
    has_value: bool = False
    value: bool = False
    has_both: bool = False
    baseline: bool = False
    has_decisions: bool = False
    decisions_labelled: int = 0
    decisions_found: int = 0  # labelled decisions found
    drafted_decisions: int = 0  # decision entries in the outline, found or not
    has_next: bool = False
    next_routed: bool = False
    next_placeholder: bool = False
    has_error: bool = False
    error_routed: bool = False
    prompt_titles: list[str] = field(default_factory=list)
    callouts: int = 0
    failed: str = ""
    seconds: float = 0.0


def _slide_text(slide: dict[str, Any]) -> str:
    parts: list[Any] = [slide.get("title"), slide.get("notes")]

    def walk(points: Any) -> None:
        for point in points or []:
            if isinstance(point, dict):
                parts.append(point.get("text"))
                walk(point.get("points"))
            else:
                parts.append(point)

    walk(slide.get("points"))
    for decision in slide.get("decisions") or []:
        parts.extend(decision.get(k) for k in ("decision", "rationale", "alternative", "why_rejected"))
    table = slide.get("table") or {}
    parts.extend(str(c) for row in table.get("rows") or [] for c in row)
    return " ".join(str(p) for p in parts if p)


def holds(slide_text: str, first_words: str) -> bool:
    """True when the slide holds the labelled first words (their first five words, in order)."""
    want = [w for w in words(first_words) if w not in ("note",)][:5]
    have = words(slide_text)
    if not want:
        return False
    n = len(want)
    return any(have[i : i + n] == want for i in range(len(have) - n + 1))


def _decision_found(decision: dict[str, Any], labelled: dict[str, Any], slide_text: str = "") -> bool:
    """Whether a drafted decision is the labelled one: the label's quote is in it, or most of the label's choice
    is in its choice, or its choice is drawn from the label's words and shares a telling one with its choice, or
    the label's quote stands on its slide and the decision shares a telling word with the label."""
    chosen = content(labelled.get("chosen"))
    quote = " ".join(words((labelled.get("where") or {}).get("quote")))
    said = " ".join(str(decision.get(k) or "") for k in ("decision", "alternative", "rationale"))
    written = " ".join(words(said))
    # the quote as a whole, or without its first word ("Since ...": the rationale holds what follows "since")
    for part in (quote, quote.partition(" ")[2]):
        if part and len(part.split()) >= 3 and part in written:
            return True
    got = content(decision.get("decision"))
    if not chosen or not got:
        return False
    if len(chosen & got) / len(chosen) >= 0.5 and len(chosen & got) / len(got) >= 0.3:
        return True
    label_words = content(" ".join(str(labelled.get(k) or "") for k in ("chosen", "over", "why")) + " " + quote)
    telling = {w for w in chosen & got if w not in _GENERIC and len(w) >= 3}
    if telling and len(got & label_words) / len(got) >= 0.6:
        return True
    shared = {w for w in got & label_words if w not in _GENERIC and len(w) >= 3}
    return bool(shared) and len(quote.split()) >= 3 and quote in " ".join(words(slide_text))


def score(folder: Path, config: Any) -> Score:
    labels = yaml.safe_load((folder / "LABELS.yaml").read_text(encoding="utf-8"))
    result = Score(folder.name)
    headline = labels.get("headline_metric") or {}
    result.has_value = bool(headline.get("value"))
    result.has_both = result.has_value and bool(headline.get("baseline"))
    labelled_decisions = labels.get("decisions") or []
    result.has_decisions = bool(labelled_decisions)
    result.decisions_labelled = len(labelled_decisions)
    result.has_next = bool((labels.get("next_steps") or {}).get("present"))
    result.has_error = bool((labels.get("error_analysis") or {}).get("present"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "talk.yaml"
        start = time.perf_counter()
        try:
            imported = import_writeups(inputs(folder), out, config)
        except DeckError as exc:
            result.failed = exc.render()
            return result
        finally:
            result.seconds = time.perf_counter() - start
    outline = yaml.safe_load(imported.text)
    slides = [s for s in outline.get("slides") or [] if s.get("kind") != "appendix"]
    metrics = [m for s in slides for m in s.get("metrics") or []]
    result.callouts = len(metrics)
    if result.has_value:
        matched = [m for m in metrics if same_number(m.get("value"), str(headline["value"]))]
        result.value = bool(matched)
        if result.has_both:
            result.baseline = any(
                m.get("baseline") is not None and same_number(m["baseline"], str(headline["baseline"])) for m in matched
            )
    decisions = [(d, _slide_text(s)) for s in slides for d in s.get("decisions") or []]
    result.drafted_decisions = len(decisions)
    result.decisions_found = sum(
        any(_decision_found(d, lab, text) for d, text in decisions) for lab in labelled_decisions
    )
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for slide in slides:
        by_kind.setdefault(slide.get("kind", ""), []).append(slide)

    def routed(kind: str, key: str) -> bool:
        first = (labels.get(key) or {}).get("first_words") or ""
        written = [s for s in by_kind.get(kind, []) if not s.get("todo")]
        return any(holds(_slide_text(s), first) for s in written)

    if result.has_next:
        result.next_routed = routed("next_steps", "next_steps")
        result.next_placeholder = all(s.get("todo") for s in by_kind.get("next_steps", []))
    if result.has_error:
        result.error_routed = routed("error_analysis", "error_analysis")
    prompt = {" ".join(words(h.get("heading"))) for h in labels.get("prompt_headings") or []}
    titles = [outline.get("title"), *(s.get("title") for s in outline.get("slides") or [])]
    result.prompt_titles = [str(t) for t in titles if t and " ".join(words(t)) in prompt]
    return result


def _share(hit: int, total: int) -> str:
    return f"{hit}/{total} ({100 * hit / total:.0f}%)" if total else "0/0"


def report(scores: list[Score], label: str) -> list[str]:
    with_value = [s for s in scores if s.has_value]
    with_both = [s for s in scores if s.has_both]
    with_decisions = [s for s in scores if s.has_decisions]
    with_next = [s for s in scores if s.has_next]
    with_error = [s for s in scores if s.has_error]
    decided = sum(s.decisions_found > 0 for s in with_decisions)
    lines = [
        f"{label}: {len(scores)} write-ups",
        f"  headline value a callout        {_share(sum(s.value for s in with_value), len(with_value))}",
        f"  ... with its baseline           {_share(sum(s.baseline for s in with_both), len(with_both))}",
        f"  a labelled decision found       {_share(decided, len(with_decisions))}"
        f"; decisions {sum(s.decisions_found for s in with_decisions)}/"
        f"{sum(s.decisions_labelled for s in with_decisions)} found, "
        f"{sum(s.drafted_decisions for s in scores)} drafted",
        f"  next steps routed               {_share(sum(s.next_routed for s in with_next), len(with_next))}"
        f"; a placeholder says missing in {sum(s.next_placeholder for s in with_next)}",
        f"  error analysis routed           {_share(sum(s.error_routed for s in with_error), len(with_error))}",
        f"  prompt headings as titles       {sum(len(s.prompt_titles) for s in scores)}",
    ]
    failed = [s for s in scores if s.failed]
    if failed:
        lines.append(f"  import failed                   {len(failed)}: " + ", ".join(s.name for s in failed))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="a folder of write-up folders, each with LABELS.yaml")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per write-up")
    parser.add_argument("--only", nargs="*", default=None, help="score only these folders")
    args = parser.parse_args()
    folders = sorted(p.parent for p in args.root.glob("*/LABELS.yaml"))
    if args.only:
        folders = [f for f in folders if f.name in args.only]
    if not folders:
        print(f"no folder with LABELS.yaml under {args.root}", file=sys.stderr)
        return 2
    config = default_config()
    scores = [score(folder, config) for folder in folders]
    if args.verbose:
        for s in scores:
            marks = [
                f"value {'y' if s.value else 'n'}" if s.has_value else "value -",
                f"base {'y' if s.baseline else 'n'}" if s.has_both else "base -",
                f"decisions {s.decisions_found}/{s.decisions_labelled} ({s.drafted_decisions} drafted)",
                f"next {'y' if s.next_routed else 'n'}" if s.has_next else "next -",
                f"error {'y' if s.error_routed else 'n'}" if s.has_error else "error -",
                f"{s.callouts} callouts",
                f"{s.seconds:.2f}s",
            ]
            print(f"{s.name:28} " + ", ".join(marks) + (f"; FAILED: {s.failed}" if s.failed else ""))
            for title in s.prompt_titles:
                print(f"{'':28} prompt heading as a title: {title!r}")
    xtream = [s for s in scores if s.name.startswith("xtream")]
    others = [s for s in scores if not s.name.startswith("xtream")]
    if xtream and others:
        for line in report(xtream, "xtream half") + report(others, "other half"):
            print(line)
    for line in report(scores, "all"):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
