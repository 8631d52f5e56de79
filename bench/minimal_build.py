"""The floor for `deck build`: a bare python-pptx + matplotlib script making the churn deck's slides.

No validation, no planning, no fitting, no cache: what any build must pay
(Python start, imports, three figures, nine slides, saving).
Run: python bench/minimal_build.py OUT.pptx
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.util import Inches, Pt

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "churn"


def chart(kind: str, xs: list[object], ys: list[float], w: float, h: float) -> bytes:
    fig = Figure(figsize=(w, h), dpi=200)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    if kind == "barh":
        ax.barh([str(x) for x in xs], ys)
    else:
        ax.plot(xs, ys)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=200)
    return buf.getvalue()


def column_pair(name: str) -> tuple[list[object], list[float]]:
    with open(EXAMPLE / name, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return [r[0] for r in rows], [float(r[1]) for r in rows]


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    figures = [
        chart("barh", *column_pair("feature_importance.csv"), 6, 4.5),
        chart("line", *column_pair("pr_curve.csv"), 6, 4.5),
        chart("barh", ["<30d", "30-90d", "90-365d", ">1y"], [0.14, 0.37, 0.46, 0.49], 6, 4.5),
    ]
    for i in range(9):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"Slide {i + 1} states its finding"
        box = slide.shapes.add_textbox(Inches(0.6), Inches(1.7), Inches(5.8), Inches(5))
        box.text_frame.text = "A point the presenter makes"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
        if i in (3, 5, 6):
            slide.shapes.add_picture(io.BytesIO(figures[(3, 5, 6).index(i)]), Inches(6.6), Inches(1.7), Inches(6))
        if i in (4, 8):
            slide.shapes.add_table(5, 4, Inches(6.6), Inches(1.7), Inches(6), Inches(2))
        slide.notes_slide.notes_text_frame.text = "1:30 budget"
    prs.save(sys.argv[1])


if __name__ == "__main__":
    main()
