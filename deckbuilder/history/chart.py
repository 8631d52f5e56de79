"""Draw the pacing report: budget against actual per slide over the last rehearsals (matplotlib OO API)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from deckbuilder.core.theme import Theme, load_theme
from deckbuilder.files.atomic import write_atomically
from deckbuilder.history.analysis import TOLERANCE_S, Pacing

WIDTH_IN, HEIGHT_IN, DPI = 11.0, 5.5, 150


def _hex(color: str) -> str:
    return "#" + color


def draw(pacing: Pacing, theme: Theme | None = None) -> Figure:
    """Return the pacing figure: one bar per rehearsal and slide, the budget as a line across each group."""
    theme = theme or load_theme()
    style = theme.figure
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    runs = len(pacing.runs)
    width = 0.8 / max(runs, 1)
    positions = list(range(len(pacing.keys)))
    over, within = _hex(theme.color("baseline")), _hex(theme.color("primary"))
    for r, row in enumerate(pacing.actuals):
        # Older rehearsals fade, so the eye lands on the newest one (the rightmost bar of each group).
        alpha = 1.0 if r == runs - 1 else 0.3 + 0.5 * r / max(runs - 1, 1)
        offsets = [p - 0.4 + width * (r + 0.5) for p in positions]
        colors = [
            over if b is not None and v - b > TOLERANCE_S else within for v, b in zip(row, pacing.budgets, strict=True)
        ]
        ax.bar(offsets, row, width=width * 0.92, color=colors, alpha=alpha)
    for p, budget in zip(positions, pacing.budgets, strict=True):
        if budget is not None:
            ax.hlines(budget, p - 0.45, p + 0.45, colors=_hex(theme.color("text")), linewidth=2.2, zorder=4)
    handles = [
        Line2D([], [], color=_hex(theme.color("text")), linewidth=2.2, label="budget"),
        Patch(color=within, label="within budget"),
        Patch(color=over, label="over budget"),
    ]
    ax.legend(handles=handles, fontsize=style["tick_size"], frameon=False, loc="upper right")
    ax.set_xticks(positions, pacing.labels)
    ax.set_ylabel("seconds on the slide", fontsize=style["label_size"])
    first, last = pacing.runs[0], pacing.runs[-1]
    ax.set_xlabel(
        f"slide; in each group, rehearsals left to right from #{first.id} ({first.started_at[:10]}) "
        f"to #{last.id} ({last.started_at[:10]}), the newest darkest",
        fontsize=style["label_size"],
    )
    fig.suptitle(
        textwrap.fill(pacing.finding, 90),
        fontsize=style["title_size"] + 1,
        x=0.01,
        ha="left",
        color=_hex(theme.color("primary")),
        fontweight="bold",
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="y", color=_hex(theme.color("grid")), linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=style["tick_size"])
    return fig


def save(pacing: Pacing, out: Path) -> Path:
    """Write the figure as PNG or SVG, by the output's extension."""
    fig = draw(pacing)
    suffix = out.suffix.lower()
    if suffix == ".svg":
        FigureCanvasSVG(fig)
    elif suffix == ".png":
        FigureCanvasAgg(fig)
    else:
        raise ValueError(f"cannot write {suffix or 'a file without extension'}; use .png or .svg")
    write_atomically(out, lambda handle: fig.savefig(handle, format=suffix[1:], dpi=DPI))
    return out
