"""Fuzz `deck import` with generated Markdown write-ups and notebooks; report the count, time and any fault.

A fault is what would be exit 3 on the command line (any exception but deck's own DeckError), or an outline
that deck's loader then refuses. Not part of the default test run: it takes a few minutes.

Run: .venv/bin/python bench/import_fuzz.py [--examples 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckbuilder.core.outline.loader import parse_outline
from deckbuilder.core.rules.config import default_config
from deckbuilder.errors import DeckError
from deckbuilder.importer.run import import_writeups

PNG = base64.b64encode(
    base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
).decode()
TOKENS = [
    "#", "## Results", "### Error analysis", "## Next steps", "## Installation", "- ", "* ", "1. ", "  - ",
    "|", "| a | b |\n|---|---|\n| 1 | 2 |", "**", "`", "<br>", "<img src='x.png'>", "![f](x.png)", "$x^2$",
    ": ", ",", "[", "]", "{", "}", "&", "*", "!", "%", "@", "'", '"', "\\", "\n", "\n\n", "\t", "\u2028",
    "\x85", "\ufffe", "\x1b[31m", "\x00", "yes", "null", "2024-02-30", "1,200", "$40,000", "(17.9, 20.0]",
    "PR-AUC of 0.43 vs 0.08 for random", "accuracy 66%", "baseline 52%", "because", "instead of",
    "We used X because it is fast rather than Y.", "higher F1 (0.7) than B (0.6)", "é", "\U0001f600",
]  # fmt: skip
text = st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=40).map("".join)
cell = st.one_of(
    text.map(lambda s: {"cell_type": "markdown", "metadata": {}, "source": s}),
    st.tuples(text, st.sampled_from(["data.head()", "plt.title('ROC curve')", "x = 1", "df"])).map(
        lambda t: {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "source": t[1],
            "outputs": [
                {"output_type": "display_data", "metadata": {}, "data": {"image/png": PNG, "text/plain": t[0]}},
                {
                    "output_type": "execute_result",
                    "metadata": {},
                    "execution_count": 1,
                    "data": {
                        "text/html": f"<table><tr><th>{t[0][:20]}</th><th>b</th></tr><tr><td>1</td><td>{t[0][:9]}"
                        "</td></tr></table>"
                    },
                },
            ],
        }
    ),
    st.just({"cell_type": "raw", "source": 5}),
    st.just(["not", "a", "cell"]),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=2000)
    args = parser.parse_args()
    config = default_config()
    folder = Path(tempfile.mkdtemp(prefix="deck-fuzz-"))
    (folder / "x.png").write_bytes(base64.b64decode(PNG))
    counts = {"runs": 0, "written": 0, "refused": 0}
    faults: list[str] = []

    def one(path: Path) -> None:
        counts["runs"] += 1
        try:
            result = import_writeups([path], folder / "talk.yaml", config)
        except DeckError as exc:
            counts["refused"] += 1
            if exc.exit_code != 2:
                faults.append(f"exit {exc.exit_code}: {exc.render()[:300]}")
            return
        except Exception:
            faults.append(traceback.format_exc(limit=3)[-600:])
            return
        try:
            parse_outline(result.text, "talk.yaml", base_dir=folder, config=config, read_files=False)
            counts["written"] += 1
        except DeckError as exc:
            faults.append(f"an outline that does not load: {exc.render()[:300]}")

    half = max(1, args.examples // 2)
    fuzz = settings(max_examples=half, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    @fuzz
    @given(text)
    def markdown(body: str) -> None:
        path = folder / "w.md"
        path.write_text(body, encoding="utf-8", errors="surrogatepass")
        one(path)

    @fuzz
    @given(st.lists(cell, max_size=12), st.sampled_from([4, 3, "4", None]))
    def notebook(cells: list[object], version: object) -> None:
        path = folder / "n.ipynb"
        data = {"nbformat": version, "nbformat_minor": 5, "metadata": {}, "cells": cells}
        path.write_text(json.dumps(data), encoding="utf-8")
        one(path)

    started = time.perf_counter()
    markdown()
    notebook()
    seconds = time.perf_counter() - started
    print(
        f"deck import fuzz: {counts['runs']} write-ups ({half} Markdown, {half} notebooks) in {seconds:.1f} s; "
        f"{counts['written']} outlines written and loaded, {counts['refused']} refused with exit 2, "
        f"{len(faults)} fault(s)"
    )
    for fault in faults[:10]:
        print("FAULT:", fault)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
