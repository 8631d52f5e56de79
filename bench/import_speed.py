"""Time `deck import` on a 3 MB notebook with 40 figures (goal: under 2 s), and on the bundled-size write-ups.

Run: .venv/bin/python bench/import_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import base64
import io
import random
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from common import median_wall
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from PIL import Image

GOAL_S = 2.0
FIGURES = 40


def noisy_png(seed: int, side: int = 135) -> str:
    # Noise does not compress, so 40 of these make a notebook of the size real ones reach.
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side * 3)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def big_notebook(path: Path) -> int:
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# Demand forecasting\n## Overview\nStock-outs cost about $40K a week.")]
    sections = ["Data exploration", "Feature engineering", "Modelling", "Results", "Error analysis", "Next steps"]
    for i in range(FIGURES):
        if i % 7 == 0:
            heading = sections[(i // 7) % len(sections)]
            nb.cells.append(new_markdown_cell(f"## {heading}\nWeek {i}: MAPE of 0.{18 + i % 9} vs 0.31 for last year."))
        cell = new_code_cell(f"plot_{i}(df)\n" + "x = 1\n" * 20)
        cell.outputs = [new_output("display_data", data={"image/png": noisy_png(i), "text/plain": "<Figure>"})]
        nb.cells.append(cell)
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="deck-import-bench-"))
    try:
        notebook = work / "analysis.ipynb"
        size = big_notebook(notebook)
        out = work / "talk.yaml"

        def clean() -> None:
            out.unlink(missing_ok=True)
            shutil.rmtree(work / "figures", ignore_errors=True)

        floor = median_wall([py, "-c", "pass"], runs)
        whole = median_wall([py, "-m", "deckbuilder", "import", str(notebook), "-o", str(out)], runs, before=clean)
        readme = Path(__file__).resolve().parent.parent / "tests" / "writeups" / "messy" / "report.md"
        small = median_wall([py, "-m", "deckbuilder", "import", str(readme), "-o", str(out)], runs, before=clean)
        print(f"python start (floor)                    {floor * 1000:7.0f} ms")
        print(
            f"deck import, {size / 1e6:.1f} MB notebook, {FIGURES} figures  {whole * 1000:7.0f} ms  "
            f"({whole / GOAL_S:.2f} of the {GOAL_S:.0f} s goal)"
        )
        print(f"deck import, a 2 KB report             {small * 1000:7.0f} ms")
        print("(each run also plans the imported outline, as the command does)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
