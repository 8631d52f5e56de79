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
    backup = pacing.backup
    # Backup slides stand apart, after a gap: they have no budget and their time is questions, not the talk.
    positions = [i + (GAP if backup[i] else 0.0) for i in range(len(pacing.slides))]
    budgets = [s.budget_s for s in pacing.slides]
    over, within, aside = _hex(theme.color("baseline")), _hex(theme.color("primary")), _hex(theme.color("muted"))
    for r, row in enumerate(pacing.actuals):
        # Older rehearsals fade, so the eye lands on the newest one (the rightmost bar of each group).
        alpha = 1.0 if r == runs - 1 else 0.3 + 0.5 * r / max(runs - 1, 1)
        offsets = [p - 0.4 + width * (r + 0.5) for p in positions]
        colors = [
            aside if spare else over if b is not None and v - b > pacing.tolerance_s else within
            for v, b, spare in zip(row, budgets, backup, strict=True)
        ]
        ax.bar(offsets, row, width=width * 0.92, color=colors, alpha=alpha)
    for p, budget in zip(positions, budgets, strict=True):
        if budget is not None:
            ax.hlines(budget, p - 0.45, p + 0.45, colors=_hex(theme.color("text")), linewidth=2.2, zorder=4)
    if any(backup) and not all(backup):
        edge = positions[backup.index(True)] - 0.5 - GAP / 2
        ax.axvline(edge, color=_hex(theme.color("grid")), linewidth=1.2, linestyle=(0, (4, 3)))
    handles = [
        Line2D([], [], color=_hex(theme.color("text")), linewidth=2.2, label="budget"),
        Patch(color=within, label="within budget"),
        Patch(color=over, label="over budget"),
        *([Patch(color=aside, label="backup slide: no budget, not the talk")] if any(backup) else []),
    ]
    # Above the plot, outside it: a legend inside the axes covers the last slides' bars and budget lines.
    ax.legend(
        handles=handles,
        fontsize=style["tick_size"],
        frameon=False,
        loc="lower right",
        bbox_to_anchor=(1.0, 1.01),
        ncols=len(handles),
        borderaxespad=0.0,
    )
    labels = pacing.labels
    ax.set_xlim(-0.5, positions[-1] + 0.5)  # a slot a slide, known before the layout: labels are fitted to it
    # The kinds under the numbers step down two sizes at most to keep clear of each other, else give way.
    size = next((pt for pt in _steps(style["tick_size"]) if not _crowded(labels, positions[-1] + 1, pt)), None)
    if size is None:
        labels, size = [label.split("\n")[0] for label in labels], style["tick_size"]
    ax.set_xticks(positions, labels, fontsize=size)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt(value)))  # the way the talk is timed: m:ss
    ax.set_ylabel("time on the slide (m:ss)", fontsize=style["label_size"])
    # Wrapped, so the caption stays inside the picture at any length (constrained layout makes room).
    ax.set_xlabel(textwrap.fill(f"slide; {_which(pacing)}", 130), fontsize=style["label_size"])
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
    ax.tick_params(axis="y", labelsize=style["tick_size"])
    return fig


GAP = 0.6  # slots of room between the talk's slides and the backup slides after it


def _which(pacing: Pacing) -> str:
    """Return the caption's account of the rehearsals drawn, and of those left out."""
    first, last = pacing.runs[0], pacing.runs[-1]
    length = fmt(last.duration_s)
    if pacing.unfinished_only:
        which = f"no finished rehearsal yet: the newest, unfinished, #{last.id} ({last.started_at[:10]})"
    elif first is last:
        which = f"one rehearsal of {length} so far: #{first.id} ({first.started_at[:10]})"
    else:
        which = (
            f"in each group, rehearsals of {length} left to right from #{first.id} ({first.started_at[:10]}) "
            f"to #{last.id} ({last.started_at[:10]}), the newest darkest"
        )
    left_out = pacing.left_out_text()
    return which + (f"; {left_out}" if left_out else "")


def _steps(size: float) -> tuple[float, ...]:
    return (size, size - 1, size - 2)


def _crowded(labels: list[str], slots: float, size_pt: float) -> bool:
    """Whether the widest word of the labels, with air either side, is wider than a slide's slot on the axis
    (the axis takes about 9.7 of the figure's 11 inches)."""
    from matplotlib.textpath import TextPath

    words = {word for label in labels for word in label.split("\n")}
    widest = max((TextPath((0, 0), word, size=size_pt).get_extents().width for word in words), default=0.0)
    return widest / 72 + 0.15 > 9.7 / max(slots, 1)


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
    numbers = pacing(talk, find_runs(history, deck, config.pace.rehearsed_share), last, config.pace.ran_over_s)
    save(numbers, out, config.theme)
    return numbers
