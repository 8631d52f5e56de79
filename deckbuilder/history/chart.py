"""Draw the pacing report: budget against actual per slide over the last rehearsals (matplotlib OO API)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.theme import Theme
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.talk import DeckId, TalkPlan
from deckbuilder.files.atomic import write_atomically

from .analysis import Pacing, find_runs, pacing
from .store import History

WIDTH_IN, HEIGHT_IN, DPI = 11.0, 5.5, 150


def _hex(color: str) -> str:
    return "#" + color


def draw(pacing: Pacing, theme: Theme) -> Figure:
    """Return the pacing figure: one bar per rehearsal and slide, the budget as a line across each group."""
    with rc_context({"text.parse_math": False}):  # titles are the user's text: "$" is money
        return _draw(pacing, theme)


def _draw(pacing: Pacing, theme: Theme) -> Figure:
    style = theme.figure
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    runs = len(pacing.runs)
    width = 0.8 / max(runs, 1)
    positions = list(range(len(pacing.slides)))
    budgets = [s.budget_s for s in pacing.slides]
    over, within = _hex(theme.color("baseline")), _hex(theme.color("primary"))
    for r, row in enumerate(pacing.actuals):
        # Older rehearsals fade, so the eye lands on the newest one (the rightmost bar of each group).
        alpha = 1.0 if r == runs - 1 else 0.3 + 0.5 * r / max(runs - 1, 1)
        offsets = [p - 0.4 + width * (r + 0.5) for p in positions]
        colors = [
            over if b is not None and v - b > pacing.tolerance_s else within for v, b in zip(row, budgets, strict=True)
        ]
        ax.bar(offsets, row, width=width * 0.92, color=colors, alpha=alpha)
    for p, budget in zip(positions, budgets, strict=True):
        if budget is not None:
            ax.hlines(budget, p - 0.45, p + 0.45, colors=_hex(theme.color("text")), linewidth=2.2, zorder=4)
    handles = [
        Line2D([], [], color=_hex(theme.color("text")), linewidth=2.2, label="budget"),
        Patch(color=within, label="within budget"),
        Patch(color=over, label="over budget"),
    ]
    ax.legend(handles=handles, fontsize=style["tick_size"], frameon=False, loc="upper right")
    ax.set_xticks(positions, pacing.labels)
    # Many slides: the kind under each number would run into its neighbours, so the numbers stand alone.
    if len(positions) > 12:
        ax.set_xticks(positions, [label.split("\n")[0] for label in pacing.labels])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt(value)))  # the way the talk is timed: m:ss
    ax.set_ylabel("time on the slide (m:ss)", fontsize=style["label_size"])
    first, last = pacing.runs[0], pacing.runs[-1]
    left_out = f"; {pacing.left_out} unfinished rehearsal(s) left out" if pacing.left_out else ""
    if first is last:
        which = f"one rehearsal so far: #{first.id} ({first.started_at[:10]})"
    else:
        which = (
            f"in each group, rehearsals left to right from #{first.id} ({first.started_at[:10]}) "
            f"to #{last.id} ({last.started_at[:10]}), the newest darkest"
        )
    # Wrapped, so the caption stays inside the picture at any length (constrained layout makes room).
    ax.set_xlabel(textwrap.fill(f"slide; {which}{left_out}", 130), fontsize=style["label_size"])
    fig.suptitle(
        textwrap.fill(pacing.finding, 90),
        fontsize=style["title_size"] + 1,
        x=0.01,
        ha="left",
        color=_hex(theme.color("primary")),
        fontweight="bold",
        parse_math=False,  # a title is the user's text: "$" is money, not mathtext
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="y", color=_hex(theme.color("grid")), linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=style["tick_size"])
    return fig


def save(numbers: Pacing, out: Path, theme: Theme) -> Path:
    """Write the figure as PNG or SVG, by the output's extension."""
    fig = draw(numbers, theme)
    suffix = out.suffix.lower()
    if suffix == ".svg":
        FigureCanvasSVG(fig)
    elif suffix == ".png":
        FigureCanvasAgg(fig)
    else:
        raise ValueError(f"cannot write {suffix or 'a file without extension'}; use .png or .svg")
    write_atomically(out, lambda handle: fig.savefig(handle, format=suffix[1:], dpi=DPI))
    return out


def write_report(history: History, deck: DeckId, talk: TalkPlan, out: Path, last: int, config: Config) -> Pacing:
    """Draw the pacing report of a deck's last rehearsals to ``out``; return its numbers (title included)."""
    numbers = pacing(talk, find_runs(history, deck), last, config.pace.ran_over_s)
    save(numbers, out, config.theme)
    return numbers
