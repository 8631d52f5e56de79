"""Run a rehearsal: budgets for the deck's slides, the pacing session, and every visit stored as it ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuilder.core.durations import format_duration
from deckbuilder.errors import DeckError
from deckbuilder.history.store import DeckId, History, fingerprint
from deckbuilder.rehearse.deck_reader import Deck, DeckSlide, looks_like_backup
from deckbuilder.rehearse.pacing import PaceSlide, Session, Status, Summary, Visit, summarise

if TYPE_CHECKING:
    from deckbuilder.core.planner import Plan

Clock = Callable[[], float]
WallClock = Callable[[], dt.datetime]


def _now_wall() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class Budgets:
    """The slides with their budgets, the talk length, and a sentence saying where they came from."""

    slides: list[PaceSlide]
    duration_s: float
    source: str
    source_key: str


def _slide(deck_slide: DeckSlide, budget: float | None, kind: str | None) -> PaceSlide:
    return PaceSlide(
        deck_slide.index, deck_slide.title, kind, budget, tuple(deck_slide.points), deck_slide.notes, deck_slide.key
    )


def resolve_budgets(
    deck: Deck, plan: Plan | None = None, plan_name: str = "", duration_s: int | None = None
) -> Budgets:
    """Give each slide its budget: from --plan, else the deck's embedded plan, else --duration spread evenly."""
    if plan is not None:
        by_title = {p.title.strip(): p for p in plan.slides}
        slides = []
        for s in deck.slides:
            match = by_title.get(s.title.strip()) or (plan.slides[s.index - 1] if s.index <= len(plan.slides) else None)
            budget = None if match is None or match.kind == "appendix" else float(match.budget_s)
            slides.append(_slide(s, budget, match.kind if match else None))
        return Budgets(slides, float(plan.duration_s), f"budgets from the outline {plan_name}", "plan")
    if deck.source in ("embedded", "notes") and deck.duration_s:
        slides = [_slide(s, float(s.budget_s) if s.budget_s is not None else None, s.kind) for s in deck.slides]
        where = "the plan embedded by deck build" if deck.source == "embedded" else "the timing line of the notes"
        return Budgets(slides, float(deck.duration_s), f"budgets from {where}", deck.source)
    if duration_s:
        talk = [s for s in deck.slides if not looks_like_backup(s.title)]
        share, extra = divmod(duration_s, max(len(talk), 1))
        budgets: dict[int, float] = {s.index: float(share + (1 if i < extra else 0)) for i, s in enumerate(talk)}
        slides = [_slide(s, budgets.get(s.index), "appendix" if s.index not in budgets else None) for s in deck.slides]
        return Budgets(
            slides, float(duration_s), f"{format_duration(duration_s)} spread evenly over {len(talk)} slides", "even"
        )
    raise DeckError(
        "this deck carries no time plan",
        file=str(deck.path),
        hint="pass --duration 12m to spread the talk evenly, or --plan outline.yaml for the outline it came from",
    )


class Coach:
    """One rehearsal: the session's pace, and the history store fed visit by visit."""

    def __init__(
        self,
        deck: Deck,
        budgets: Budgets,
        history: History | None,
        clock: Clock,
        wall: WallClock = _now_wall,
        alert_last_s: float | None = None,
    ) -> None:
        self.deck, self.budgets, self.history, self.clock, self.wall = deck, budgets, history, clock, wall
        self.session = Session(budgets.slides, budgets.duration_s, alert_last_s=alert_last_s)
        self.rehearsal: int | None = None
        self._visit_wall = ""
        self.closed = False
        self.completed = False  # finished the talk, as opposed to quitting part way

    @property
    def slides(self) -> list[PaceSlide]:
        """Return the slides being rehearsed."""
        return self.budgets.slides

    def status(self) -> Status:
        """Return the pace now."""
        return self.session.status(self.clock())

    def _stamp(self) -> str:
        return self.wall().isoformat(timespec="seconds")

    def _store(self, visit: Visit | None) -> None:
        if visit is not None and self.history is not None and self.rehearsal is not None and visit.seconds > 0:
            self.history.record(self.rehearsal, visit, self.slides[visit.slide], self._visit_wall)
        self._visit_wall = self._stamp()

    def _begin(self) -> None:
        if self.rehearsal is None and self.history is not None:
            titles = [s.title for s in self.slides]
            deck_id = DeckId(str(self.deck.path.resolve()), self.deck.title, fingerprint(titles))
            self.rehearsal = self.history.begin(
                deck_id, self.slides, self.budgets.duration_s, self.budgets.source_key, self._stamp()
            )
        self._visit_wall = self._stamp()

    def start(self) -> None:
        """Start the talk clock."""
        if self.session.started_at is None and not self.session.finished:
            self.session.start(self.clock())
            self._begin()

    def next(self) -> None:
        """Advance (the first press starts the clock; past the last slide the talk ends)."""
        if self.session.started_at is None:
            self.start()
            return
        self._store(self.session.go(self.clock(), +1))
        if self.session.finished:
            self._close(finished=True)

    def back(self) -> None:
        """Go back one slide; time on both slides keeps accumulating over visits."""
        self._store(self.session.go(self.clock(), -1))

    def pause(self) -> None:
        """Pause or resume the clocks."""
        self.session.toggle_pause(self.clock())

    def finish(self) -> None:
        """End the talk here and keep it as finished."""
        self._store(self.session.finish(self.clock()))
        self._close(finished=True)

    def quit(self) -> None:
        """Stop without asking; what was done is kept, marked unfinished."""
        if self.closed:
            return
        finished = self.session.finished
        if not finished:
            self._store(self.session.finish(self.clock()))
        self._close(finished=finished)

    def _close(self, finished: bool) -> None:
        if self.closed:
            return
        self.closed = True
        self.completed = finished
        if self.history is not None and self.rehearsal is not None:
            self.history.end(self.rehearsal, finished, self.session.ended_talk_s, self._stamp())

    def summary(self) -> Summary:
        """Return budget against actual for every slide."""
        now = self.clock()
        actuals = [self.session.slide_s(now, i) for i in range(len(self.slides))]
        return summarise(self.slides, actuals, self.budgets.duration_s)


def open_history(path: Path | None) -> History:
    """Open the history database at ``path`` or the default place."""
    from deckbuilder.history.store import default_path

    return History(path or default_path())
