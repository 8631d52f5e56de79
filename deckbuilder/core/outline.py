"""The outline model: what a talk is made of, validated with friendly errors."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from deckbuilder.core.config import Template, default_config
from deckbuilder.core.durations import EXAMPLES, TALK_ABOVE_ZERO, DurationError, bounded_duration

ChartType = Literal["bar", "barh", "line", "pr_curve", "image"]

# Places whose value is shown as text, so a number or yes/no there keeps the text it was written with
# ("0.50" stays 0.50, not 0.5; "yes" stays yes). Key paths as `format_path` writes them.
SHOWN_AS_WRITTEN = re.compile(
    r"^(?:title|subtitle|presenter"
    r"|slides\[\d+\]\.(?:title|notes|id|todo"
    r"|(?:points\[\d+\]\.)*points\[\d+\](?:\.text)?"
    r"|table\.(?:rows\[\d+\]\[\d+\]|columns\[\d+\])"
    r"|metrics\[\d+\]\.(?:name|value|baseline|spread|baseline_label)"
    r"|decisions\[\d+\]\.(?:decision|rationale|alternative|why_rejected)"
    r"|figure\.(?:title|xlabel|ylabel|highlight\[\d+\]|operating_point\.label)))$"
)


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


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """Return the closest of ``choices`` to ``word``, if any is close."""
    lowered = {c.lower(): c for c in choices}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def unknown_choice(what: str, value: str, choices: tuple[str, ...], close: str | None = None) -> str:
    """Return "unknown <what> 'x'; did you mean 'y'?" or, with nothing close, the list of choices."""
    close = close or suggest(value, choices)
    if close:
        return f"unknown {what} '{value}'; did you mean '{close}'?"
    return f"unknown {what} '{value}'; use one of {', '.join(choices)}"


def _duration(value: object, info: ValidationInfo) -> int:
    context = info.context if isinstance(info.context, dict) else {}
    most = context.get("duration_max_s") or default_config().limits.duration_max_s
    try:
        return bounded_duration(value, most)
    except DurationError as exc:
        raise ValueError(str(exc)) from None


Duration = Annotated[
    int,
    BeforeValidator(_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*(\d+:[0-5]\d|(\d+(\.\d+)?\s*[a-z]*\s*)+)\s*$"},
                {"type": "number", "minimum": 0},
            ],
            "description": f"a duration: {EXAMPLES}",
        }
    ),
]


def _scalar(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        shown = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else repr(value)
        raise ValueError(f"expected a number or text, got {shown}")
    return value


Scalar = Annotated[
    float | str,
    BeforeValidator(_scalar),
    WithJsonSchema({"type": ["number", "string"]}),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


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


class Point(_Model):
    """A bullet, with optional sub-bullets."""

    text: str = Field(min_length=1, description="the bullet's text")
    points: list[PointField] = Field(default_factory=list, description="sub-bullets")


PointField = Annotated[
    Point,
    BeforeValidator(_point),
    # schema.py swaps this marker for "a string or a Point": pydantic cannot emit that recursive union.
    WithJsonSchema({"x-deck": "point"}),
]


class Metric(_Model):
    """A headline number and the baseline it beats."""

    name: str = Field(min_length=1, description="e.g. PR-AUC, Recall@10, MAPE")
    value: Scalar
    baseline: Scalar | None = None
    baseline_label: str | None = Field(None, description="e.g. random, majority class, current rule")
    spread: Scalar | None = Field(None, description="CV standard deviation or interval half-width")
    lower_is_better: bool = Field(False, description="true for errors such as RMSE or MAPE")
    format: Literal["number", "percent"] = Field(
        "number", description="percent shows fractions as percentages (0.18 as 18%), as a table beside it may"
    )

    def lift(self) -> float | None:
        """Return value / baseline (or its inverse for errors) when both are numbers above zero."""
        value, baseline = as_number(self.value), as_number(self.baseline)
        if value is None or baseline is None or value <= 0 or baseline <= 0:
            return None
        return baseline / value if self.lower_is_better else value / baseline

    @model_validator(mode="after")
    def _sensible(self) -> Metric:
        for name in ("baseline", "spread"):
            number = as_number(getattr(self, name))
            if number is not None and number < 0:
                raise ValueError(
                    f"a {name} below zero ({getattr(self, name)}) makes no sense for {self.name}; "
                    f"give the {name} as a positive number"
                    + (" (a change is a value, not a baseline)" if name == "baseline" else "")
                )
        return self


class Decision(_Model):
    """A methodology decision, its reason and the road not taken."""

    decision: str = Field(min_length=1)
    rationale: str | None = None
    alternative: str | None = None
    why_rejected: str | None = None


class OperatingPoint(_Model):
    """The point of a precision-recall curve the talk recommends."""

    recall: float = Field(ge=0, le=1)
    precision: float = Field(ge=0, le=1)
    label: str | None = None


class Figure(_Model):
    """One chart or picture; its title is the finding it shows."""

    chart: ChartType
    title: str = Field(min_length=1, description="the finding, not the chart type")
    data: dict[str, list[Scalar]] | str | None = Field(
        None, description="columns of values, or a CSV file relative to the outline"
    )
    path: str | None = Field(None, description="image file (PNG or JPEG) for chart: image")
    xlabel: str | None = None
    ylabel: str | None = None
    baseline: float | None = Field(None, description="pr_curve: the random baseline precision")
    operating_point: OperatingPoint | None = None
    highlight: list[str] = Field(default_factory=list, description="bar labels to emphasise")
    render: Literal["native", "picture"] = Field(
        "native", description="native: an editable chart; picture: drawn by matplotlib as an image"
    )

    @property
    def native(self) -> bool:
        """Whether the deck draws this figure as an editable chart (else a picture: an image or `render: picture`)."""
        return self.chart != "image" and self.render == "native"

    @model_validator(mode="after")
    def _fits_chart(self) -> Figure:
        if self.chart == "image":
            if not self.path:
                raise ValueError("chart: image needs `path:` to a PNG or JPEG file")
            if self.data is not None:
                raise ValueError("chart: image takes `path:`, not `data:`")
        elif self.data is None:
            raise ValueError(f"chart: {self.chart} needs `data:` (columns of values or a CSV file)")
        elif self.path is not None:
            raise ValueError(f"`path:` is only for chart: image; chart: {self.chart} takes `data:`")
        if isinstance(self.data, dict):
            check_columns(self.chart, self.data)
        return self


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


def _as_text(value: object) -> object:
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _iso_date(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


class Table(_Model):
    """A small table, drawn as a native editable table."""

    columns: list[Annotated[str, BeforeValidator(_as_text)]] = Field(min_length=1)
    rows: list[list[Scalar | None]] = Field(min_length=1)
    best_row: int | None = Field(None, ge=1, description="1-based row to mark as the winner")

    @model_validator(mode="after")
    def _rectangular(self) -> Table:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"row {number} has {len(row)} cells but there are {len(self.columns)} columns")
        if self.best_row is not None and self.best_row > len(self.rows):
            raise ValueError(f"best_row is {self.best_row} but the table has {len(self.rows)} rows")
        return self


def template_of(info: ValidationInfo) -> Template:
    """Return the template the outline is validated against: the loader's, else the installed one."""
    context = info.context if isinstance(info.context, dict) else {}
    template = context.get("template")
    return template if isinstance(template, Template) else default_config().template


def _kind(value: object, info: ValidationInfo) -> object:
    kinds = tuple(template_of(info).kinds)
    if isinstance(value, str) and value not in kinds:
        close = suggest(value.replace("-", "_").replace(" ", "_"), kinds)
        raise ValueError(unknown_choice("slide kind", value, kinds, close))
    return value


class Slide(_Model):
    """One slide of the talk."""

    kind: Annotated[str, BeforeValidator(_kind)] = Field(
        description="title | problem | approach | eda | methodology | results | "
        "error_analysis | next_steps | summary | appendix"
    )
    title: str | None = Field(None, description="the takeaway; required except for kind title")
    id: str | None = Field(None, description="a stable name for this slide, kept across edits")
    time: Duration | None = Field(None, description="pins this slide's budget")
    points: list[PointField] = Field(default_factory=list)
    notes: str | None = None
    metrics: list[Metric] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    figure: Figure | None = None
    table: Table | None = None
    ignore: list[Annotated[str, Field(pattern=r"^[A-Z]\d{3}$")]] = Field(
        default_factory=list, description="check codes to silence on this slide, e.g. C002"
    )
    todo: str | None = Field(
        None,
        description="a slide still to write (deck import leaves one where the write-up has no such part); "
        "deck plan reports it as an error until the slide is written and the line removed",
    )

    @model_validator(mode="after")
    def _needs_title(self, info: ValidationInfo) -> Slide:
        if self.kind != "title" and not self.title:
            raise ValueError(f"a {self.kind} slide needs a `title:` that states its takeaway")
        if template_of(info).is_backup(self.kind) and self.time is not None:
            raise ValueError(f"{self.kind} slides are shown after the talk and take no budget; remove `time:`")
        return self


class Outline(_Model):
    """A whole talk: its metadata and its slides in order."""

    title: str = Field(min_length=1)
    subtitle: str | None = None
    presenter: str | None = None
    date: Annotated[str, BeforeValidator(_iso_date)] | None = None
    duration: Duration
    audience: str | None = Field(None, description="faang | startup | research | consulting | fintech")
    cover: bool = Field(
        True, description="open on a cover slide from title, subtitle, presenter and date when no slide is kind: title"
    )
    slides: list[Slide] = Field(min_length=1)

    @field_validator("audience")
    @classmethod
    def _known_audience(cls, value: str | None, info: ValidationInfo) -> str | None:
        audiences = tuple(template_of(info).audiences)
        if value is not None and value not in audiences:
            raise ValueError(unknown_choice("audience", value, audiences))
        return value

    @field_validator("duration")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError(TALK_ABOVE_ZERO)
        return value
