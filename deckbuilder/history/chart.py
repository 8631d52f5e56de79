"""Draw the pacing report: budget against actual per slide over the last rehearsals (matplotlib OO API)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from matplotlib import rc_context
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from deckbuilder.core.rules.config import Config
from deckbuilder.core.rules.listen_rules import ListenRules
from deckbuilder.core.rules.theme import Theme
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.core.timing.heard import fast_from
from deckbuilder.core.timing.talk import DeckId, TalkPlan
from deckbuilder.files.atomic import write_atomically

from .analysis import Pacing, find_runs, pacing
from .store import History

WIDTH_IN, HEIGHT_IN, DPI = 11.0, 5.5, 150


def _hex(color: str) -> str:
    return "#" + color


def draw(pacing: Pacing, theme: Theme, rates: Rates | None = None) -> Figure:
    """Return the pacing figure: one bar per rehearsal and slide, the budget as a line across each group; under it,
    when ``rates`` holds any (runs rehearsed with --listen), each slide's speaking rate in words a minute."""
    with rc_context({"text.parse_math": False}):  # titles are the user's text: "$" is money
        return _draw(pacing, theme, rates if rates is not None and rates.any() else None)


def _draw(pacing: Pacing, theme: Theme, rates: Rates | None) -> Figure:
    style = theme.figure
    if rates is None:
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
        ax = fig.add_subplot()
    else:  # a second panel under the bars, on the same slides
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN + 2.2), dpi=DPI, layout="constrained")
        ax, rate_ax = fig.subplots(2, 1, sharex=True, height_ratios=[3, 1.4])
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
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt(value)))  # the way the talk is timed: m:ss
    ax.set_ylabel("time on the slide (m:ss)", fontsize=style["label_size"])
    below = ax
    if rates is not None:
        _draw_rates(rate_ax, rates, positions, width, theme)
        below = rate_ax
    below.set_xticks(positions, labels, fontsize=size)
    if rates is not None:
        ax.tick_params(axis="x", labelbottom=False)
    # Wrapped, so the caption stays inside the picture at any length (constrained layout makes room).
    below.set_xlabel(textwrap.fill(f"slide; {_which(pacing)}", 130), fontsize=style["label_size"])
    fig.suptitle(
        textwrap.fill(pacing.finding, 76),  # 16 pt bold: about 76 characters fill the 11 inches
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


@dataclass(frozen=True)
class Rates:
    """Each drawn run's speaking rate on each drawn slide (None where it was not listened to or said too little),
    the speaker's own pace over the newest listened run, and where a slide counts as fast."""

    rows: list[list[float | None]]  # as Pacing.actuals: one row a run, oldest first
    pace: float | None
    fast_wpm: float  # as the end screen judges the newest listened run (core.timing.heard.fast_from)

    def any(self) -> bool:
        return any(v is not None for row in self.rows for v in row)


def rates_of(numbers: Pacing, rules: ListenRules) -> Rates:
    """Return the rates of the runs and slides ``numbers`` draws."""
    from .listened import run_pace

    least = rules.rate_min_speech_s
    rows = []
    for run in numbers.runs:
        heard = [run.heard.get(s.key) for s in numbers.slides]
        rows.append([h.wpm(least) if h is not None else None for h in heard])
    newest = next((r for r in reversed(numbers.runs) if r.listened), None)
    pace = run_pace(newest, least) if newest is not None else None
    fast = fast_from(pace, rules.fast_wpm, rules.fast_ratio)
    return Rates(rows, None if pace is None else pace.wpm, fast)


def _draw_rates(ax: Axes, rates: Rates, positions: list[float], width: float, theme: Theme) -> None:
    """Dots at each run's rate on each slide (the newest darkest, its figure written above), the speaker's own
    pace as a dashed line, and the rate from which a slide counts as fast as a shaded band."""
    style = theme.figure
    runs = len(rates.rows)
    primary, text = _hex(theme.color("primary")), _hex(theme.color("text"))
    values = [v for row in rates.rows for v in row if v is not None]
    top = max([*values, rates.fast_wpm]) * 1.18
    ax.axhspan(rates.fast_wpm, top, color=_hex(theme.color("baseline")), alpha=0.12, linewidth=0)
    handles: list[Artist] = [
        Patch(color=_hex(theme.color("baseline")), alpha=0.12, label=f"fast: {rates.fast_wpm:.0f} or more")
    ]
    if rates.pace is not None:
        ax.axhline(rates.pace, color=text, linewidth=1.2, linestyle=(0, (4, 3)))
        handles.insert(
            0, Line2D([], [], color=text, linewidth=1.2, linestyle=(0, (4, 3)), label=f"your pace: {rates.pace:.0f}")
        )
    # Low in the panel, where no talk's rate falls: clear of the dots and their figures.
    ax.legend(handles=handles, fontsize=style["tick_size"] - 1, frameon=False, loc="lower left", ncols=len(handles))
    for r, row in enumerate(rates.rows):
        alpha = 1.0 if r == runs - 1 else 0.3 + 0.5 * r / max(runs - 1, 1)
        points = [(p - 0.4 + width * (r + 0.5), v) for p, v in zip(positions, row, strict=True) if v is not None]
        if not points:
            continue
        ax.scatter([x for x, _ in points], [v for _, v in points], s=28, color=primary, alpha=alpha, zorder=3)
        if r == runs - 1:
            for x, v in points:
                ax.annotate(f"{v:.0f}", (x, v), textcoords="offset points", xytext=(0, 5), ha="center",
                            fontsize=style["tick_size"] - 1, color=text)  # fmt: skip
    ax.set_ylim(0, top)
    ax.set_ylabel("words a minute\n(--listen)", fontsize=style["label_size"])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="y", color=_hex(theme.color("grid")), linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", labelsize=style["tick_size"])


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


def save(numbers: Pacing, out: Path, theme: Theme, rates: Rates | None = None) -> Path:
    """Write the figure as PNG or SVG, by the output's extension."""
    fig = draw(numbers, theme, rates)
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
    save(numbers, out, config.theme, rates_of(numbers, config.listen))
    return numbers
