"""Read an outline file into a validated Outline, or one clear error."""

import csv
import io
from pathlib import Path
from typing import NamedTuple

from deckbuilder.core.outline.fields import Problem, suggest
from deckbuilder.core.outline.model import Figure, Outline, Slide, check_columns, check_outline, settle_columns
from deckbuilder.core.outline.units import in_talk_units
from deckbuilder.core.outline.yaml_source import FORBIDDEN, Source, parse_yaml, read_text, refuse_control
from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.rules.settings import InputLimits, Template
from deckbuilder.errors import DeckError
from deckbuilder.files.reading import check_regular, read_bounded

MAX_PROBLEMS = 10
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


class InvalidOutline(DeckError):
    """Several problems found in one outline, each located."""

    problems: list[DeckError]

    def __init__(self, problems: list[DeckError]) -> None:
        first = problems[0]
        super().__init__(
            first.message,
            file=first.file,
            line=first.line,
            column=first.column,
            key_path=first.key_path,
            hint=first.hint,
        )
        self.problems = problems

    def render(self) -> str:
        lines = [p.render() for p in self.problems]
        if len(self.problems) > 1:
            lines.append(f"{len(self.problems)} problems in {self.file}; fix them and run again.")
        return "\n".join(lines)


def load_outline(
    path: str | Path, config: Config | None = None, *, allow_outside: bool = False, inputs: list[Path] | None = None
) -> Outline:
    """Read, parse and validate the outline at ``path``; ``inputs`` collects every file it read."""
    config = config or default_config()
    file = Path(path)
    if not file.exists():
        raise DeckError(f"no such file: {file}", hint="check the path, or run `deck new` to start one")
    raw = read_bounded(file, config.limits.outline_bytes, "outline", "outline_bytes")
    text = read_text(raw, str(file))
    if inputs is not None:
        inputs.append(file)
    return parse_outline(
        text, str(file), base_dir=file.parent, config=config, allow_outside=allow_outside, inputs=inputs
    )


def parse_outline(
    text: str,
    file: str = "<outline>",
    base_dir: Path | None = None,
    config: Config | None = None,
    *,
    allow_outside: bool = False,
    inputs: list[Path] | None = None,
    read_files: bool = True,
) -> Outline:
    """Validate YAML ``text`` as an outline; relative files resolve against ``base_dir``.

    ``read_files=False`` checks the text alone (figure paths and CSV data are not opened): for an outline
    whose files are not written yet, such as the one `deck import` is about to write.
    """
    config = config or default_config()
    source = parse_yaml(text, file, config.limits.yaml_depth)
    if not isinstance(source.data, dict):
        raise source.error(
            (),
            "an outline is a mapping of keys (title:, duration:, slides: ...)",
            hint="run `deck new outline.yaml` to see the shape",
        )
    outline = check_outline(source.data, config.template, config.limits.duration_max_s, config.limits.number_max)
    if not isinstance(outline, Outline):
        raise InvalidOutline(_located(outline, source))
    _check_ignore_codes(outline, source, config)
    outline = in_talk_units(outline)
    if not read_files:
        return outline
    files = Files(base_dir or Path("."), source, config.limits, allow_outside, inputs if inputs is not None else [])
    return _with_cover(_backups_last(_resolve_files(outline, files), config.template), config.template)


def _with_cover(outline: Outline, template: Template) -> Outline:
    """Open on a cover slide (kind title) unless the outline has one or says `cover: false`."""
    if not outline.cover or any(s.kind == "title" for s in outline.slides):
        return outline
    return outline.but(slides=[Slide(kind="title"), *outline.slides])


def _backups_last(outline: Outline, template: Template) -> Outline:
    """Put backup (appendix) slides after the talk, in their order, wherever the outline lists them."""
    talk = [s for s in outline.slides if not template.is_backup(s.kind)]
    backup = [s for s in outline.slides if template.is_backup(s.kind)]
    if outline.slides == [*talk, *backup]:
        return outline
    return outline.but(slides=[*talk, *backup])


def _check_ignore_codes(outline: Outline, source: Source, config: Config) -> None:
    known = list(config.rules)
    for index, slide in enumerate(outline.slides):
        for position, code in enumerate(slide.ignore):
            if code not in known:
                close = suggest(code, known)
                extra = f"; did you mean {close}?" if close else ""
                raise source.error(
                    ("slides", index, "ignore", position),
                    f"no check has the code {code}{extra}",
                    hint="`deck rules` lists every code",
                )


def _located(problems: list[Problem], source: Source) -> list[DeckError]:
    """Return the problems as located errors, in the order they stand in the file, at most MAX_PROBLEMS."""
    errors = [source.error(p.loc, p.message, p.hint, at_key=p.at_key) for p in problems]
    errors.sort(key=lambda e: (e.line or 0, e.column or 0))
    return errors[:MAX_PROBLEMS]


class Files(NamedTuple):
    """Where an outline's data and images are looked for, and how much of them is read."""

    base_dir: Path
    source: Source
    limits: InputLimits
    allow_outside: bool
    read: list[Path]  # every data file and image the outline names


def _resolve_files(outline: Outline, files: Files) -> Outline:
    slides: list[Slide] = []
    changed = False
    for index, slide in enumerate(outline.slides):
        figure = slide.figure
        if figure is not None:
            new_figure = _resolve_figure(figure, ("slides", index, "figure"), files)
            if new_figure is not figure:
                slide = slide.but(figure=new_figure)
                changed = True
        slides.append(slide)
    return outline.but(slides=slides) if changed else outline


def _resolve_figure(figure: Figure, where: tuple[str | int, ...], files: Files) -> Figure:
    source = files.source
    if figure.chart == "image" and figure.path:
        image = _existing(figure.path, (*where, "path"), files)
        if image.suffix.lower() not in IMAGE_SUFFIXES:
            raise source.error((*where, "path"), f"{figure.path} is not a PNG or JPEG image")
        size = check_regular(image, "image")
        if size > files.limits.image_bytes:
            raise source.error(
                (*where, "path"),
                f"{figure.path} is {size // 1_000_000} MB; an image is at most "
                f"{files.limits.image_bytes // 1_000_000} MB (limit image_bytes in layouts/limits.yaml)",
                hint="export the picture at screen size (1920 pixels wide is plenty)",
            )
        return figure.but(path=str(image))
    if isinstance(figure.data, str):
        csv_path = _existing(figure.data, (*where, "data"), files)
        columns, lines = read_csv_columns(csv_path, files.limits)
        problems: list[tuple[str, int, str]] = []
        columns = settle_columns(figure.chart, columns, files.limits.number_max, problems)
        if problems:
            _, row, message = problems[0]
            raise DeckError(message, file=str(csv_path), line=lines[row], hint="a chart draws numbers from this column")
        try:
            check_columns(figure.chart, columns)
        except ValueError as exc:
            raise source.error((*where, "data"), f"{figure.data}: {exc}") from None
        figure = figure.but(data=columns)
    if isinstance(figure.data, dict):
        _check_size(figure, (*where, "data"), files)
    return figure


def _check_size(figure: Figure, where: tuple[str | int, ...], files: Files) -> None:
    assert isinstance(figure.data, dict)
    # A chart a slide cannot draw readably is C011's (which stops the build); this refuses only a crafted one.
    most = files.limits.chart_categories_read
    rows = len(next(iter(figure.data.values())))
    if figure.chart in ("bar", "barh") and rows > most:
        raise files.source.error(
            where,
            f"a bar chart of {rows} categories is past what deck reads in one chart (at most {most}; limit "
            "chart_categories_read in layouts/limits.yaml)",
            hint="keep the top ten and fold the rest into 'other'",
        )
    if figure.chart != "pr_curve" and len(figure.data) - 1 > most:
        raise files.source.error(
            where,
            f"{len(figure.data) - 1} series in one chart is past what deck reads (at most {most}; limit "
            "chart_categories_read)",
            hint="keep the two or three series that make the point",
        )


def _existing(name: str, path: tuple[str | int, ...], files: Files) -> Path:
    base = files.base_dir.resolve()
    target = (base / name).resolve()
    if not files.allow_outside and not target.is_relative_to(base):
        raise files.source.error(
            path,
            f"{name} is outside the outline's folder ({base})",
            hint="copy the file next to the outline, or pass --allow-outside if you mean it",
        )
    if not target.exists():
        raise files.source.error(
            path,
            f"file not found: {name} (looked in {base})",
            hint="paths are relative to the outline's folder",
        )
    files.read.append(target)
    return target


def read_csv_columns(path: Path, limits: InputLimits) -> tuple[dict[str, list[str]], list[int]]:
    """Read a CSV with a header row into columns of text as written (the chart decides which are numbers), and
    the line each row starts on."""
    text = read_text(read_bounded(path, limits.csv_bytes, "data CSV", "csv_bytes"), str(path))
    _check_cells(text, path)
    rows: list[list[str]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text))
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
            if len(rows) > limits.csv_rows + 1:
                raise DeckError(
                    f"the CSV has more than {limits.csv_rows} rows; a chart on a slide needs far fewer "
                    "(limit csv_rows in layouts/limits.yaml)",
                    file=str(path),
                    hint="aggregate the data (by day, week or bucket) before charting it",
                )
    except csv.Error as exc:
        raise DeckError(f"not a readable CSV ({exc})", file=str(path), line=reader.line_num) from None
    if len(rows) < 2:
        raise DeckError("a data CSV needs a header row and at least one row of values", file=str(path))
    header = [h.strip() for h in rows[0]]
    if len(set(header)) != len(header) or not all(header):
        raise DeckError("the header row needs distinct, non-empty column names", file=str(path), line=lines[0])
    columns: dict[str, list[str]] = {h: [] for h in header}
    for number, row in zip(lines[1:], rows[1:], strict=True):
        if len(row) != len(header):
            raise DeckError(f"this row has {len(row)} cells, the header has {len(header)}", file=str(path), line=number)
        for name, cell in zip(header, row, strict=True):
            columns[name].append(cell.strip())
    return columns, lines[1:]


def _check_cells(text: str, path: Path) -> None:
    """Refuse a control character in a CSV (an escape, a bell) with its place: a slide, a terminal and the
    chart's XML cannot hold one."""
    refuse_control(
        FORBIDDEN,
        text,
        str(path),
        "in a cell; slides and terminals cannot show it",
        "delete it; an escape or a bell copied from a terminal is invisible in most editors",
    )
