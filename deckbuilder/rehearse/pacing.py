"""The rehearsal's arithmetic: schedule, visits, pauses, ahead/behind, overtime. Pure: every call takes `now`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.rules.settings import PaceRules
from deckbuilder.core.timing.shares import Share, split
from deckbuilder.core.timing.talk import TimedSlide


def _default_rules() -> PaceRules:
    return default_config().pace


@dataclass(frozen=True)
class Visit:
    """One stay on one slide: where it started on the talk clock and how long it lasted."""

    slide: int  # 0-based
    talk_start_s: float
    seconds: float


@dataclass(frozen=True)
class Status:
    """Everything the screen shows about pace at one moment."""

    started: bool
    paused: bool
    finished: bool
    talk_s: float  # the talk's own time: time on backup slides is not in it
    duration_s: float
    slide: int
    slide_s: float
    slide_budget_s: float | None
    delta_s: float  # the projected finish against the plan's end: positive early (ahead), negative late (behind)
    projected_s: float  # when the talk ends if every slide from here keeps its budget
    pace: str  # waiting, ahead, on_track, behind, overtime, backup (a slide after the talk)
    bar: str  # none, ok, near, over
    alert: bool
    overtime_s: float
    backup_s: float = 0.0  # time on backup slides (questions), kept apart from the talk
    on_backup: bool = False  # the slide shown is a backup slide

    @property
    def remaining_s(self) -> float:
        """Return the talk time left (negative in overtime)."""
        return self.duration_s - self.talk_s


@dataclass
class Session:
    """A rehearsal in progress; it reads no clock, the caller passes `now` (seconds, monotonic)."""

    slides: Sequence[TimedSlide]
    duration_s: float
    alert_last_s: float | None = None
    rules: PaceRules = field(default_factory=_default_rules)
    current: int = 0
    started_at: float | None = None
    paused_at: float | None = None
    paused_total: float = 0.0
    finished: bool = False
    visit_start: float = 0.0  # talk seconds at which the current visit began
    ended_talk_s: float = 0.0
    totals: list[float] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    schedule_start: list[float] = field(default_factory=list, init=False)
    schedule_end: list[float] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if not self.slides:
            raise ValueError("a rehearsal needs at least one slide")
        self.totals = [0.0] * len(self.slides)
        if self.alert_last_s is None:
            self.alert_last_s = self.rules.alert_last_s
        ends, clock = [], 0.0
        for slide in self.slides:
            clock += slide.budget_s or 0.0
            ends.append(clock)
        self.schedule_end = ends
        self.schedule_start = [end - (s.budget_s or 0.0) for end, s in zip(ends, self.slides, strict=True)]
        self.backup = [is_backup(s) for s in self.slides]

    # --- time -------------------------------------------------------------------
    def talk_s(self, now: float) -> float:
        """Return seconds of talk so far, pauses excluded."""
        if self.started_at is None:
            return 0.0
        held = self.paused_total + (now - self.paused_at if self.paused_at is not None else 0.0)
        return max(now - self.started_at - held, 0.0)

    def slide_s(self, now: float, index: int | None = None) -> float:
        """Return the time spent on a slide over all its visits (the current one included)."""
        index = self.current if index is None else index
        extra = self.talk_s(now) - self.visit_start if index == self.current and not self.finished else 0.0
        return self.totals[index] + max(extra, 0.0)

    def backup_s(self, now: float) -> float:
        """Return the time spent on backup slides (questions after the talk): never the talk's time."""
        return sum(self.slide_s(now, i) for i, backup in enumerate(self.backup) if backup)

    def spoken_s(self, now: float) -> float:
        """Return the talk's own time: the clock less pauses and less the time on backup slides."""
        talk = self.ended_talk_s if self.finished else self.talk_s(now)
        return max(talk - self.backup_s(now), 0.0)

    def projected_finish(self, now: float) -> float:
        """Return when the talk ends if this slide and every later one take their budgets (no less)."""
        talk = self.spoken_s(now)
        if self.finished:
            return talk
        # Each slide from here on still needs what is left of its budget; one already given needs no more.
        left = (
            max((slide.budget_s or 0) - self.slide_s(now, i), 0.0)
            for i, slide in enumerate(self.slides[self.current :], start=self.current)
        )
        return talk + sum(left)

    # --- actions ------------------------------------------------------------------
    def start(self, now: float) -> None:
        """Start the talk clock (the first advance does it too)."""
        if self.started_at is None and not self.finished:
            self.started_at = now
            self.visit_start = 0.0

    def toggle_pause(self, now: float) -> None:
        """Pause or resume; a pause holds across slide changes until resumed."""
        if self.started_at is None or self.finished:
            return
        if self.paused_at is None:
            self.paused_at = now
        else:
            self.paused_total += now - self.paused_at
            self.paused_at = None

    def _close_visit(self, now: float) -> Visit:
        talk = self.talk_s(now)
        visit = Visit(self.current, self.visit_start, max(talk - self.visit_start, 0.0))
        self.totals[self.current] += visit.seconds
        self.visits.append(visit)
        self.visit_start = talk
        return visit

    def go(self, now: float, step: int) -> Visit | None:
        """Move by ``step`` slides; return the visit that ended. Past the last slide the talk finishes."""
        if self.finished:
            return None
        if self.started_at is None:
            if step > 0:
                self.start(now)
            return None
        target = self.current + step
        if target < 0:
            return None
        if target >= len(self.slides):
            return self.finish(now)
        visit = self._close_visit(now)
        self.current = target
        return visit

    def jump(self, now: float, target: int) -> Visit | None:
        """Go straight to slide ``target`` (0-based); return the visit that ended."""
        if not 0 <= target < len(self.slides) or target == self.current:
            return None
        return self.go(now, target - self.current)

    def finish(self, now: float) -> Visit | None:
        """End the talk; return the last visit (None if it never started)."""
        if self.finished:
            return None
        visit = self._close_visit(now) if self.started_at is not None else None
        if self.paused_at is not None:
            self.toggle_pause(now)
        self.finished = True
        self.ended_talk_s = self.talk_s(now)
        return visit

    # --- judgement ------------------------------------------------------------------
    def status(self, now: float) -> Status:
        """Return the pace at ``now``."""
        rules = self.rules
        backup = self.backup_s(now)
        talk = self.spoken_s(now)
        slide = self.slide_s(now)
        budget = self.slides[self.current].budget_s
        finish = self.projected_finish(now)
        # One figure: the projected finish against the plan's end. Behind means the talk ends late if the rest
        # keeps its budgets (going back to a slide whose window has passed is not behind by itself); ahead means
        # it ends early even if every later slide takes its whole budget.
        delta = (self.schedule_end[-1] or self.duration_s) - finish
        overtime = max(talk - self.duration_s, 0.0)
        if self.started_at is None:
            pace = "waiting"
        elif overtime > 0:
            pace = "overtime"
        elif self.backup[self.current]:
            pace, delta = "backup", 0.0
        elif delta < -rules.on_track_band_s:
            pace = "behind"
        elif delta > rules.on_track_band_s:
            pace = "ahead"
        else:
            pace = "on_track"
        if not budget:
            bar = "none"
        elif slide > budget:
            bar = "over"
        elif slide >= budget * rules.near_budget_ratio:
            bar = "near"
        else:
            bar = "ok"
        left = self.duration_s - talk
        alert = self.started_at is not None and not self.backup[self.current] and 0 < left <= (self.alert_last_s or 0)
        return Status(
            started=self.started_at is not None,
            paused=self.paused_at is not None,
            finished=self.finished,
            talk_s=talk,
            duration_s=self.duration_s,
            slide=self.current,
            slide_s=slide,
            slide_budget_s=budget,
            delta_s=delta,
            projected_s=finish,
            pace=pace,
            bar=bar,
            alert=alert,
            overtime_s=overtime,
            backup_s=backup,
            on_backup=self.backup[self.current],
        )


def is_backup(slide: TimedSlide) -> bool:
    """Whether a slide is a backup slide: no budget and not the talk (time there is questions, never overtime)."""
    return slide.budget_s is None and not slide.main


@dataclass(frozen=True)
class SlideResult:
    """Budget against actual for one slide, after a rehearsal."""

    slide: TimedSlide
    actual_s: float

    @property
    def over_s(self) -> float:
        """Return seconds over budget (negative when under; 0 without a budget)."""
        return self.actual_s - self.slide.budget_s if self.slide.budget_s is not None else 0.0


@dataclass(frozen=True)
class Summary:
    """The end screen's numbers."""

    slides: list[SlideResult]
    total_s: float
    duration_s: float
    shares: tuple[Share, ...]
    cut_first: list[SlideResult]
    ran_over_s: float
    backup_s: float = 0.0  # time on backup slides: questions, not the talk

    @property
    def over_s(self) -> float:
        """Return how far the talk ran over its duration (negative when short)."""
        return self.total_s - self.duration_s


def summarise(
    slides: Sequence[TimedSlide], actuals: Sequence[float], duration_s: float, config: Config | None = None
) -> Summary:
    """Compare what was spoken with what was planned; shares are measured as `deck plan` measures them."""
    config = config or default_config()
    results = [SlideResult(s, a) for s, a in zip(slides, actuals, strict=True)]
    main = [r for r in results if r.slide.main]
    shares: tuple[Share, ...] = ()
    if main and all(r.slide.kind is not None for r in main) and sum(r.actual_s for r in main) > 0:
        shares = split(((r.slide.kind, r.actual_s) for r in main), config.template).shares
    tolerance = config.pace.ran_over_s
    # Every slide with a budget can run over, the title slide too; backup slides have none and are not the talk.
    timed = [r for r in results if r.slide.budget_s is not None]
    over = sorted((r for r in timed if r.over_s > tolerance), key=lambda r: -r.over_s)
    backup = sum(r.actual_s for r in results if is_backup(r.slide))
    total = sum(actuals) - backup
    return Summary(results, total, duration_s, shares, over[: config.pace.cut_first], tolerance, backup)
