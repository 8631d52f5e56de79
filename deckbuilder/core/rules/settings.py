"""The settings records of layouts/: what the planner, the coach and the readers of files go by.

Named tuples, not dataclasses: read once, never changed, and far cheaper to define, which `deck plan`, run on every
save, pays for at each start (bench/plan_speed.py). For the same reason this module does without postponed
annotations: a named tuple compiles each annotation written as a string.
"""

from typing import Any, NamedTuple


class KindRule(NamedTuple):
    """How the planner treats one slide kind (all of it from layouts/template.yaml)."""

    name: str
    label: str
    weight_s: float
    fixed_s: int | None
    main: bool  # counts as the talk proper: slide count, shares, T009
    backup: bool  # shown after the talk with no budget (appendix)
    section: str
    states_finding: bool = False  # its title must state a finding (C001): a slide that shows evidence


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

    def states_finding(self, kind: str | None) -> bool:
        """Return True when a slide of ``kind`` must title itself with its finding (unknown kinds must)."""
        rule = self.kinds.get(kind or "")
        return rule is None or rule.states_finding

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
    chart_categories_read: int
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
            states_finding=bool(spec.get("states_finding", False)),
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
