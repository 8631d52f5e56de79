"""The outline model: what a talk is made of, each field with the kind of value it holds (fields.py checks them)."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from typing import Any, Self

from deckbuilder.core.outline.fields import (
    BAD,
    Checker,
    Choice,
    Choices,
    Code,
    Columns,
    Date,
    Duration,
    Flag,
    Listed,
    ListOf,
    Loc,
    Maybe,
    Number,
    Problem,
    Scalar,
    Text,
    Whole,
    shown,
    too_large,
)
from deckbuilder.core.outline.parts import Part, parse_part, spec
from deckbuilder.core.text.numerals import read_number

CHARTS = ("bar", "barh", "line", "pr_curve", "image")


def cell_number(text: str) -> float | None:
    """Return the number a table cell shows ("0.43", "18%", "1,200"), or None when it is not one."""
    plain = text.strip().replace(",", "").removesuffix("%").strip()
    if not re.fullmatch(r"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?", plain):
        return None
    number = float(plain)
    return number if math.isfinite(number) else None


def as_number(value: object) -> float | None:
    """Return a metric's number whether YAML gave a number or the text of one ("0.50"); None for other text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.replace("_", ""))
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


class _Part:
    """What every part of an outline can do: be read from plain data, and be copied with changes."""

    @classmethod
    def parse(cls, data: object, template: Choices | None = None) -> Self:
        """Return ``data`` checked as this part; ValueError lists every problem (for code and tests, not files)."""
        from deckbuilder.core.rules.config import default_config

        config = default_config()
        limits = config.limits
        checker = Checker(template or config.template, limits.duration_max_s, limits.number_max)
        made = parse_part(cls, data, checker, ())
        if made is BAD:
            raise ValueError("; ".join(f"{'.'.join(map(str, p.loc)) or 'top'}: {p.message}" for p in checker.problems))
        return made  # type: ignore[no-any-return]

    def but(self, **changes: Any) -> Self:
        """Return a copy with ``changes`` (a part is never changed in place)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def problem(self, template: Choices) -> str | None:
        """Return what is wrong with the part as a whole once its fields are each fine, or None."""
        return None


def _point(value: object) -> object:
    if isinstance(value, bool):
        return {"text": str(value).lower()}
    if isinstance(value, (str, int, float)):
        return {"text": str(value)}
    if isinstance(value, dict) and len(value) == 1:
        key, text = next(iter(value.items()))
        if key not in ("text", "points") and not isinstance(text, (dict, list)):
            raise ValueError(
                f"YAML read this point as a key '{key}' because of the ': ' in it; "
                f'put the whole point in quotes: - "{key}: {text}"'
            )
    return value


_POINTS = ListOf(Part(lambda: Point, before=_point))
_TEXT = Text(min_length=1)
_MAYBE_TEXT = Maybe(Text())


@dataclass(frozen=True, kw_only=True)
class Point(_Part):
    """A bullet, with optional sub-bullets."""

    text: str = field(metadata=spec(_TEXT, "the bullet's text"))
    points: list[Point] = field(default_factory=list, metadata=spec(_POINTS, "sub-bullets"))


@dataclass(frozen=True, kw_only=True)
class Metric(_Part):
    """A headline number and the baseline it beats."""

    name: str = field(metadata=spec(_TEXT, "e.g. PR-AUC, Recall@10, MAPE"))
    value: float | str = field(metadata=spec(Scalar(amount=True)))
    baseline: float | str | None = field(default=None, metadata=spec(Maybe(Scalar(amount=True))))
    baseline_label: str | None = field(
        default=None, metadata=spec(_MAYBE_TEXT, "e.g. random, majority class, current rule")
    )
    spread: float | str | None = field(
        default=None, metadata=spec(Maybe(Scalar(amount=True)), "CV standard deviation or interval half-width")
    )
    lower_is_better: bool = field(default=False, metadata=spec(Flag(), "true for errors such as RMSE or MAPE"))
    # None: not said, so the deck shows it as the talk writes it elsewhere (see callout.in_talk_units)
    format: str | None = field(
        default=None,
        metadata=spec(
            Maybe(Choice(("number", "percent"))),
            "percent shows fractions as percentages (0.18 as 18%), as a table beside it may",
        ),
    )

    def lift(self) -> float | None:
        """Return value / baseline (or its inverse for errors) when both are numbers above zero."""
        value, baseline = as_number(self.value), as_number(self.baseline)
        if value is None or baseline is None or value <= 0 or baseline <= 0:
            return None
        lift = baseline / value if self.lower_is_better else value / baseline
        return lift if math.isfinite(lift) else None  # 1e300 against 1e-300: no ratio a slide can say

    def problem(self, template: Choices) -> str | None:
        for name in ("baseline", "spread"):
            number = as_number(getattr(self, name))
            if number is not None and number < 0:
                return (
                    f"a {name} below zero ({getattr(self, name)}) makes no sense for {self.name}; "
                    f"give the {name} as a positive number"
                    + (" (a change is a value, not a baseline)" if name == "baseline" else "")
                )
        return None


@dataclass(frozen=True, kw_only=True)
class Decision(_Part):
    """A methodology decision, its reason and the road not taken."""

    decision: str = field(metadata=spec(_TEXT))
    rationale: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))
    alternative: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))
    why_rejected: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))


@dataclass(frozen=True, kw_only=True)
class Reference(_Part):
    """A level a chart is read against (a baseline, a break-even, a capacity), drawn as a dashed line."""

    value: float = field(metadata=spec(Number(), "on the chart's value axis"))
    label: str = field(metadata=spec(_TEXT, "what the level is, e.g. break-even ($1.00)"))


@dataclass(frozen=True, kw_only=True)
class OperatingPoint(_Part):
    """The point of a precision-recall curve the talk recommends."""

    recall: float = field(metadata=spec(Number(ge=0, le=1)))
    precision: float = field(metadata=spec(Number(ge=0, le=1)))
    label: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))


@dataclass(frozen=True, kw_only=True)
class Figure(_Part):
    """One chart or picture; its title is the finding it shows."""

    chart: str = field(metadata=spec(Choice(CHARTS)))
    title: str = field(metadata=spec(_TEXT, "the finding, not the chart type"))
    data: dict[str, list[float | str]] | str | None = field(
        default=None, metadata=spec(Maybe(Columns()), "columns of values, or a CSV file relative to the outline")
    )
    path: str | None = field(default=None, metadata=spec(_MAYBE_TEXT, "image file (PNG or JPEG) for chart: image"))
    xlabel: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))
    ylabel: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))
    baseline: float | None = field(
        default=None,
        metadata=spec(
            Maybe(Number()), "pr_curve: the random baseline precision; bar and line: the level drawn as the baseline"
        ),
    )
    operating_point: OperatingPoint | None = field(default=None, metadata=spec(Maybe(Part(OperatingPoint))))
    highlight: list[str] = field(default_factory=list, metadata=spec(ListOf(Text()), "bar labels to emphasise"))
    reference: Reference | None = field(
        default=None,
        metadata=spec(
            Maybe(Part(Reference)),
            "bar and line: a level drawn as a dashed line; unset, a baseline, break-even or capacity the slide's "
            "title or callouts cite for these numbers",
        ),
    )
    render: str = field(
        default="native",
        metadata=spec(
            Choice(("native", "picture")), "native: an editable chart; picture: drawn by matplotlib as an image"
        ),
    )

    @property
    def native(self) -> bool:
        """Whether the deck draws this figure as an editable chart (else a picture: an image or `render: picture`)."""
        return self.chart != "image" and self.render == "native"

    def problem(self, template: Choices) -> str | None:
        if self.chart == "image":
            if not self.path:
                return "chart: image needs `path:` to a PNG or JPEG file"
            if self.data is not None:
                return "chart: image takes `path:`, not `data:`"
        elif self.data is None:
            return f"chart: {self.chart} needs `data:` (columns of values or a CSV file)"
        elif self.path is not None:
            return f"`path:` is only for chart: image; chart: {self.chart} takes `data:`"
        if isinstance(self.data, dict):
            try:
                check_columns(self.chart, self.data)
            except ValueError as exc:
                return str(exc)
        return None

    def finish(self, c: Checker, loc: Loc) -> Any:
        """Return the figure with its data read for its chart (labels as text, values as numbers), or BAD."""
        if self.chart == "image" and isinstance(self.data, str) and not self.path:
            return self.but(path=self.data, data=None)  # "data: heatmap.png": the file, written as a chart's data
        if not isinstance(self.data, dict) or self.chart == "image":
            return self
        problems: list[ColumnProblem] = []
        data = settle_columns(self.chart, self.data, c.number_max, problems)
        for name, row, message in problems:
            c.fail((*loc, "data", name, row), message)
        return BAD if problems else self.but(data=data)


ColumnProblem = tuple[str, int, str]  # column, 0-based row, what is wrong


def settle_columns(
    chart: str, data: dict[str, list[Any]], most: float, problems: list[ColumnProblem]
) -> dict[str, list[Any]]:
    """Return ``data`` as ``chart`` reads it: the label (first) column as text, as written ("1.10", "02139",
    "08:00", "Nan"), the columns it draws as numbers at most ``most`` either side of zero. What cannot be read
    goes to ``problems``, at most one per column."""
    drawn = ("recall", "precision") if chart == "pr_curve" else tuple(list(data)[1:])
    settled: dict[str, list[Any]] = {}
    for name, values in data.items():
        if name not in drawn:
            settled[name] = [v if isinstance(v, (int, float)) else str(v) for v in values]
            continue
        numbers: list[Any] = []
        for row, value in enumerate(values):
            number = read_number(value)
            if number is None or math.isnan(number):
                problems.append(
                    (name, row, f"column '{name}' must hold numbers only; row {row + 1} holds {shown(value)}")
                )
                break
            if abs(number) > most:
                problems.append((name, row, f"column '{name}', row {row + 1}: {too_large(value, most)}"))
                break
            numbers.append(number)
        settled[name] = numbers if len(numbers) == len(values) else list(values)
    return settled


def check_columns(chart: str, data: dict[str, list[Any]]) -> None:
    """Raise ValueError unless ``data`` has the columns ``chart`` draws."""
    if not data:
        raise ValueError("`data:` is empty")
    lengths = {name: len(values) for name, values in data.items()}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{k} has {n}" for k, n in lengths.items())
        raise ValueError(f"every column of `data:` needs the same number of values ({listed})")
    if min(lengths.values()) < 1:
        raise ValueError("`data:` columns are empty")
    if chart == "pr_curve":
        missing = [c for c in ("recall", "precision") if c not in data]
        if missing:
            raise ValueError(f"chart: pr_curve needs columns recall and precision; missing {', '.join(missing)}")
        numeric: tuple[str, ...] = ("recall", "precision")
    else:
        if len(data) < 2:
            raise ValueError(f"chart: {chart} needs a label (or x) column and at least one column of numbers")
        numeric = tuple(list(data)[1:])
    for name in numeric:
        if any(not isinstance(v, (int, float)) for v in data[name]):
            raise ValueError(f"column '{name}' must hold numbers only")


@dataclass(frozen=True, kw_only=True)
class Table(_Part):
    """A small table, drawn as a native editable table."""

    columns: list[str] = field(metadata=spec(ListOf(Text(numbers_as_text=True), min_length=1)))
    rows: list[list[float | str | None]] = field(metadata=spec(ListOf(ListOf(Maybe(Scalar())), min_length=1)))
    best_row: int | None = field(default=None, metadata=spec(Maybe(Whole(ge=1)), "1-based row to mark as the winner"))

    def problem(self, template: Choices) -> str | None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                return f"row {number} has {len(row)} cells but there are {len(self.columns)} columns"
        if self.best_row is not None and self.best_row > len(self.rows):
            return f"best_row is {self.best_row} but the table has {len(self.rows)} rows"
        return None


@dataclass(frozen=True, kw_only=True)
class Slide(_Part):
    """One slide of the talk."""

    kind: str = field(
        metadata=spec(
            Listed(what="slide kind", names="kinds"),
            "title | problem | approach | eda | methodology | results | "
            "error_analysis | next_steps | summary | appendix",
        )
    )
    title: str | None = field(default=None, metadata=spec(_MAYBE_TEXT, "the takeaway; required except for kind title"))
    id: str | None = field(default=None, metadata=spec(_MAYBE_TEXT, "a stable name for this slide, kept across edits"))
    time: int | None = field(default=None, metadata=spec(Maybe(Duration()), "pins this slide's budget"))
    points: list[Point] = field(default_factory=list, metadata=spec(_POINTS))
    notes: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))
    metrics: list[Metric] = field(default_factory=list, metadata=spec(ListOf(Part(Metric))))
    decisions: list[Decision] = field(default_factory=list, metadata=spec(ListOf(Part(Decision))))
    figure: Figure | None = field(default=None, metadata=spec(Maybe(Part(Figure))))
    table: Table | None = field(default=None, metadata=spec(Maybe(Part(Table))))
    ignore: list[str] = field(
        default_factory=list, metadata=spec(ListOf(Code()), "check codes to silence on this slide, e.g. C002")
    )
    todo: str | None = field(
        default=None,
        metadata=spec(
            _MAYBE_TEXT,
            "a slide still to write (deck import leaves one where the write-up has no such part); "
            "deck plan reports it as an error until the slide is written and the line removed",
        ),
    )

    def problem(self, template: Choices) -> str | None:
        if self.kind != "title" and not self.title:
            return f"a {self.kind} slide needs a `title:` that states its takeaway"
        if template.is_backup(self.kind) and self.time is not None:
            return f"{self.kind} slides are shown after the talk and take no budget; remove `time:`"
        return None


@dataclass(frozen=True, kw_only=True)
class Outline(_Part):
    """A whole talk: its metadata and its slides in order."""

    title: str = field(metadata=spec(_TEXT))
    subtitle: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))
    presenter: str | None = field(default=None, metadata=spec(_MAYBE_TEXT))
    date: str | None = field(default=None, metadata=spec(Maybe(Date())))
    duration: int = field(metadata=spec(Duration(above_zero=True)))
    audience: str | None = field(
        default=None,
        metadata=spec(
            Maybe(Listed(what="audience", names="audiences")), "faang | startup | research | consulting | fintech"
        ),
    )
    cover: bool = field(
        default=True,
        metadata=spec(
            Flag(), "open on a cover slide from title, subtitle, presenter and date when no slide is kind: title"
        ),
    )
    slides: list[Slide] = field(metadata=spec(ListOf(Part(Slide), min_length=1)))


def check_outline(
    data: object, template: Choices, duration_max_s: int, number_max: float = 1e15
) -> Outline | list[Problem]:
    """Return ``data`` checked as an outline, or every problem found in it."""
    checker = Checker(template, duration_max_s, number_max)
    made = parse_part(Outline, data, checker, ())
    return checker.problems if made is BAD else made
