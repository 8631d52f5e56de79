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
from typing import TYPE_CHECKING, Any

import yaml

from deckbuilder.core.rules.settings import (
    Capacity,
    InputLimits,
    PaceRules,
    Template,
    TerminalColours,
    TimeModel,
    parse_colours,
    parse_template,
)

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
