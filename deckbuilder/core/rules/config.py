"""layouts/ -> one typed Config: the talk template, the rule book, word lists, thresholds, theme.

Everything `deck` decides by is data in `layouts/`. It is read once per Config (each file on first
use, so `deck history` never compiles the content patterns) and passed in explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

if TYPE_CHECKING:
    from deckbuilder.core.rules.drill_rules import DrillRules
    from deckbuilder.core.rules.english import English
    from deckbuilder.core.rules.findings import Finding, Rule
    from deckbuilder.core.rules.import_rules import ImportRules
    from deckbuilder.core.rules.lexicon import Lexicon
    from deckbuilder.core.rules.listen_rules import ListenRules
    from deckbuilder.core.rules.page import Page
    from deckbuilder.core.rules.theme import Theme
    from deckbuilder.core.rules.vocabulary import Vocabulary
    from deckbuilder.core.text.measure import Glyphs

ENV = "DECK_LAYOUTS"
_PACKAGE = Path(__file__).resolve().parents[2]  # deckbuilder/


def layouts_dir() -> Path:
    """Return the folder of data files: $DECK_LAYOUTS, else inside the wheel, else beside the source tree."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    for candidate in (_PACKAGE / "layouts", _PACKAGE.parent / "layouts"):
        if (candidate / "template.yaml").is_file():
            return candidate
    raise FileNotFoundError(
        "deck's data folder 'layouts/' is missing; reinstall deck (pip install --force-reinstall deck)"
    )


def read_yaml(path: Path) -> Any:
    """Parse one YAML data file."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# Settings read once from layouts/ are named tuples, not dataclasses: never changed, and a tenth of the cost to
# define, which `deck plan`, run on every save, pays at each start (bench/plan_speed.py).
class KindRule(NamedTuple):
    """How the planner treats one slide kind (all of it from layouts/template.yaml)."""

    name: str
    label: str
    weight_s: float
    fixed_s: int | None
    main: bool  # counts as the talk proper: slide count, shares, T009
    backup: bool  # shown after the talk with no budget (appendix)
    section: str


class ShareRule(NamedTuple):
    """A time share of the main talk, with its target and bounds in whole percents."""

    name: str
    label: str
    kinds: tuple[str, ...]
    code: str
    target_pct: int | None
    min_pct: int | None
    max_pct: int | None


class Limits(NamedTuple):
    """The numeric bounds of the time rules."""

    duration_min_s: int
    duration_max_s: int
    main_slides_min: int
    main_slides_max: int
    slide_min_s: int
    decided_to_observed_min: float


class Template(NamedTuple):
    """The take-home talk template: kinds, shares, limits, panels."""

    kinds: dict[str, KindRule]
    shares: dict[str, ShareRule]
    limits: Limits
    audiences: dict[str, str]

    def kinds_in_section(self, section: str) -> set[str]:
        """Return the kinds whose time counts in ``section``."""
        return {k.name for k in self.kinds.values() if k.section == section}

    def is_main(self, kind: str | None) -> bool:
        """Return True when a slide of ``kind`` is part of the talk proper (unknown kinds are)."""
        rule = self.kinds.get(kind or "")
        return rule.main if rule is not None else True

    def is_backup(self, kind: str | None) -> bool:
        """Return True when a slide of ``kind`` is a backup shown after the talk, with no budget."""
        rule = self.kinds.get(kind or "")
        return rule is not None and rule.backup


class PaceRules(NamedTuple):
    """Thresholds of the rehearsal coach and of the history (layouts/rehearsal.yaml)."""

    on_track_band_s: float
    near_budget_ratio: float
    alert_last_s: float
    redraw_s: float
    cut_first: int
    ran_over_s: float  # over budget by more than this counts as running over (key presses are noise)
    too_short_ratio: float  # a finished talk under this share of its slot is called short
    rehearsed_share: float  # a main slide given less than this share of its budget was clicked past, not spoken
    typed_number_s: float  # a slide number being typed is forgotten after this long
    checkpoint_s: float  # how often the visit in progress is saved


class TerminalColours(NamedTuple):
    """The colours of the rehearsal coach and the drill in the terminal (terminal.yaml), each "RRGGBB"."""

    background: str
    surface: str
    panel: str
    text: str
    muted: str
    primary: str
    accent: str
    success: str
    warning: str
    error: str
    on_colour: str


def parse_colours(raw: dict[str, Any]) -> TerminalColours:
    """Return the colours of a parsed terminal.yaml, refusing one not written RRGGBB."""
    for name, value in raw.items():
        text = str(value)
        if not (len(text) == 6 and all(c in "0123456789abcdefABCDEF" for c in text)):
            raise ValueError(f"terminal.yaml: {name} is {value!r}, not a colour written RRGGBB")
    return TerminalColours(**{k: str(v) for k, v in raw.items()})


class InputLimits(NamedTuple):
    """How much deck reads before it refuses a file (layouts/limits.yaml; docs/limits.md)."""

    outline_bytes: int
    yaml_depth: int
    duration_max_s: int
    csv_bytes: int
    csv_rows: int
    chart_categories: int
    number_max: int
    image_bytes: int
    image_pixels: int
    template_bytes: int
    deck_bytes: int
    deck_unpacked_bytes: int
    deck_part_bytes: int
    deck_parts: int
    deck_slides: int
    deck_xml_depth: int
    writeup_bytes: int
    notebook_bytes: int
    import_images: int
    import_image_total_bytes: int
    cache_record_bytes: int


class TimeModel(NamedTuple):
    """How slides become seconds: the budget step, the repair order, and the material estimate (time-model.yaml)."""

    budget_step_s: int
    repair_from: tuple[str, ...]
    framing_kinds: tuple[str, ...]
    framing_floor_ratio: float
    speaking_words_per_min: float
    title_s: float
    point_s: float
    sub_point_s: float
    context_kinds: tuple[str, ...]  # slides whose points set the scene, said a line each
    context_point_s: float
    metric_s: float
    decision_s: float
    table_s: float
    table_row_s: float
    figure_s: float
    notes_share: float
    too_much_ratio: float
    too_much_min_s: float

    def too_much(self, seconds: float, budget: float) -> bool:
        """Return True when ``seconds`` of material (or speaking) clearly exceed a ``budget``."""
        return seconds > budget * self.too_much_ratio and seconds - budget >= self.too_much_min_s


class Capacity(NamedTuple):
    """Talk-wide limits on what the slides hold (layouts/capacity.yaml)."""

    max_figures: int


def parse_template(raw: dict[str, Any]) -> Template:
    """Return the Template of a parsed template.yaml."""
    kinds = {
        name: KindRule(
            name=name,
            label=str(spec["label"]),
            weight_s=float(spec.get("weight_s", 0)),
            fixed_s=spec.get("fixed_s"),
            main=bool(spec["main"]),
            backup=bool(spec.get("backup", False)),
            section=str(spec["section"]),
        )
        for name, spec in raw["kinds"].items()
    }
    shares = {
        name: ShareRule(
            name=name,
            label=str(spec["label"]),
            kinds=tuple(spec["kinds"]),
            code=str(spec["code"]),
            target_pct=spec.get("target_pct"),
            min_pct=spec.get("min_pct"),
            max_pct=spec.get("max_pct"),
        )
        for name, spec in raw["shares"].items()
    }
    return Template(
        kinds=kinds,
        shares=shares,
        limits=Limits(**raw["limits"]),
        audiences={str(k): str(v) for k, v in raw["audiences"].items()},
    )


@dataclass(frozen=True, eq=False)
class Config:
    """Every setting of `deck`, read from one layouts/ folder; each file is read on first use.

    ``read`` parses one YAML file; the CLI passes one that keeps parsed files in deck's cache."""

    folder: Path
    read: Callable[[Path], Any] = read_yaml

    def data(self, name: str) -> Any:
        """Parse one YAML file of the folder (for parts that keep their own shape)."""
        return self.read(self.folder / name)

    def file(self, name: str) -> Path:
        """Return the path of a data file (the starter outline, the deck template)."""
        return self.folder / name

    @cached_property
    def template(self) -> Template:
        """Return the talk template (template.yaml)."""
        return parse_template(self.data("template.yaml"))

    @cached_property
    def rules(self) -> dict[str, Rule]:
        """Return the rule book by code (rules.yaml)."""
        from deckbuilder.core.rules.findings import parse_rules

        return parse_rules(self.data("rules.yaml"))

    @cached_property
    def lexicon(self) -> Lexicon:
        """Return the compiled word lists and patterns of the content checks (content.yaml)."""
        from deckbuilder.core.rules.lexicon import compile_lexicon

        return compile_lexicon(self.data("content.yaml"))

    @cached_property
    def capacity(self) -> Capacity:
        """Return the talk-wide capacity limits (capacity.yaml)."""
        return Capacity(**self.data("capacity.yaml"))

    @cached_property
    def time_model(self) -> TimeModel:
        """Return the time model (time-model.yaml)."""
        raw = self.data("time-model.yaml")
        raw["repair_from"] = tuple(raw["repair_from"])
        raw["framing_kinds"] = tuple(raw["framing_kinds"])
        raw["context_kinds"] = tuple(raw["context_kinds"])
        return TimeModel(**raw)

    @cached_property
    def limits(self) -> InputLimits:
        """Return the limits on what deck reads (limits.yaml)."""
        return InputLimits(**self.data("limits.yaml"))

    @cached_property
    def pace(self) -> PaceRules:
        """Return the rehearsal thresholds (rehearsal.yaml)."""
        return PaceRules(**self.data("rehearsal.yaml"))

    @cached_property
    def terminal(self) -> TerminalColours:
        """Return the colours of the rehearsal coach and the drill (terminal.yaml)."""
        return parse_colours(self.data("terminal.yaml"))

    @cached_property
    def theme(self) -> Theme:
        """Return the deck's look and geometry (theme.yaml, slides.yaml)."""
        from deckbuilder.core.rules.theme import parse_theme

        return parse_theme(self.data("theme.yaml"), self.data("slides.yaml"), self.folder)

    @cached_property
    def drill(self) -> DrillRules:
        """Return the question templates and answer times of `deck drill` (questions.yaml)."""
        from deckbuilder.core.rules.drill_rules import parse_drill_rules

        return parse_drill_rules(self.data("questions.yaml"))

    @cached_property
    def listen(self) -> ListenRules:
        """Return how a rehearsal is listened to (listen.yaml)."""
        from deckbuilder.core.rules.listen_rules import parse_listen_rules

        return parse_listen_rules(self.data("listen.yaml"))

    @cached_property
    def importing(self) -> ImportRules:
        """Return how `deck import` maps a write-up onto the template (import.yaml)."""
        from deckbuilder.core.rules.import_rules import parse_import_rules

        return parse_import_rules(self.data("import.yaml"), set(self.template.kinds))

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Return the sentence reader's vocabulary (reading.yaml)."""
        from deckbuilder.core.rules.vocabulary import parse_vocabulary

        return parse_vocabulary(self.data("reading.yaml"))

    @cached_property
    def english(self) -> English:
        """Return the word table the sentence reader takes lemmas and parts of speech from (english.tsv)."""
        from deckbuilder.core.rules.english import English

        return English((self.folder / "english.tsv").read_text(encoding="utf-8"))

    @cached_property
    def glyphs(self) -> Glyphs:
        """Return the measuring fonts' advance widths (glyph_widths.json)."""
        import json

        from deckbuilder.core.text.measure import parse_glyphs

        return parse_glyphs(json.loads((self.folder / "glyph_widths.json").read_text(encoding="utf-8")))

    @cached_property
    def shown_glyphs(self) -> Glyphs:
        """Return the measuring font's widths taken to Arial's at their widest, the font the deck shows."""
        return self.glyphs.narrowed(self.theme.shown_font_most)

    def page(self, sx: float = 1.0, sy: float = 1.0) -> Page:
        """Return the page slides are laid out on, stretched by ``sx`` and ``sy`` to a template's size."""
        from deckbuilder.core.rules.page import Page
        from deckbuilder.core.text.measure import Typesetting

        theme = self.theme

        def setting(glyphs: Glyphs) -> Typesetting:
            return Typesetting(glyphs, theme.line_spacing, theme.paragraph_space, theme.scale, theme.least_body)

        return Page(theme, setting(self.glyphs), setting(self.shown_glyphs), sx, sy)

    def finding(
        self, code: str, message: str, slide: int | None = None, *, note: bool = False, stops_build: bool = False
    ) -> Finding:
        """Return a finding whose severity comes from this rule book; ``note`` marks evidence a check cannot
        settle (whose work a phrase is about), which a warning rule then reports as a note, never louder;
        ``stops_build`` makes `deck build` ask for --force as it does for an error."""
        from deckbuilder.core.rules.findings import Finding, Severity

        severity = self.rules[code].severity
        if note and severity is Severity.WARNING:
            severity = Severity.INFO
        stops = stops_build and severity is not Severity.INFO
        return Finding(code=code, severity=severity, message=message, slide=slide, stops_build=stops)


@cache
def _config_at(folder: Path, read: Callable[[Path], Any]) -> Config:
    return Config(folder, read)


def default_config(read: Callable[[Path], Any] = read_yaml) -> Config:
    """Return the Config of the installed layouts/ (or $DECK_LAYOUTS), one per process, folder and reader."""
    return _config_at(layouts_dir(), read)
