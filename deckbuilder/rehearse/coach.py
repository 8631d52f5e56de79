"""Run a rehearsal: the pacing session over the deck's timed slides, and every visit stored as it ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from deckbuilder.core.rules.config import Config, default_config
from deckbuilder.core.timing.heard import Heard
from deckbuilder.core.timing.kept import KeptEnd, KeptHeard, KeptRun, KeptVisit
from deckbuilder.core.timing.talk import DeckId, TalkPlan, TimedSlide
from deckbuilder.errors import StoreRefused

from .budgets import Budgets
from .deck_reader import Deck, DeckSlide
from .keeping import keep
from .pacing import Session, Status, Summary, Visit, summarise
from .pending import END_PATIENCE_S, PATIENCE_S, PendingWrites

if TYPE_CHECKING:  # listening is loaded only with --listen
    from .listening import HeardRun, Hearing

Clock = Callable[[], float]
WallClock = Callable[[], dt.datetime]


class Recorder(Protocol):
    """Where a rehearsal is written as it happens (the history store)."""

    def begin(self, deck: DeckId, plan: TalkPlan, started_at: str, listened: bool = False) -> int: ...

    def record(
        self, rehearsal: int, slide: TimedSlide, talk_start_s: float, seconds: float, started_at: str
    ) -> None: ...

    def checkpoint(
        self, rehearsal: int, slide: TimedSlide, talk_start_s: float, seconds: float, started_at: str
    ) -> None: ...

    def hear(self, rehearsal: int, slide: TimedSlide, visit_start_s: float, heard: Heard) -> None: ...

    def end(self, rehearsal: int, finished: bool, total_s: float, ended_at: str) -> None: ...

    def set_patience(self, seconds: float) -> None: ...


@dataclass
class RunLog:
    """One run of the sitting as it was recorded (or not): what the history got, and where the run went when the
    history refused it."""

    started_at: str
    visits: list[KeptVisit] = field(default_factory=list)
    heard: list[KeptHeard] = field(default_factory=list)  # what listening heard, visit by visit (--listen)
    listened: bool = False
    end: KeptEnd | None = None
    rehearsal: int | None = None  # the history's id, once its begin went through
    kept: Path | None = None  # the file holding the whole run, when the history refused it
    lost: str = ""  # why the run could not be kept in a file either
    refused: StoreRefused | None = None  # why the history refused it

    @property
    def saved(self) -> bool:
        """Whether the history holds the whole run."""
        return self.refused is None


def _now_wall() -> dt.datetime:
    return dt.datetime.now().astimezone()


class Coach:
    """One rehearsal: the session's pace, and the history store fed visit by visit."""

    def __init__(
        self,
        deck: Deck,
        budgets: Budgets,
        history: Recorder | None,
        clock: Clock,
        wall: WallClock = _now_wall,
        alert_last_s: float | None = None,
        config: Config | None = None,
        hearing: Hearing | None = None,
    ) -> None:
        self.deck, self.budgets, self.history, self.clock, self.wall = deck, budgets, history, clock, wall
        self.config = config or default_config()
        self.hearing = hearing  # --listen: the listener, told of every slide change and pause
        self._heard_at: tuple[int, float] | None = None  # the slide and visit the listener hears now
        self.session = Session(budgets.plan.slides, budgets.plan.duration_s, alert_last_s, self.config.pace)
        self.patience_s = PATIENCE_S
        self.end_patience_s = END_PATIENCE_S
        if history is not None:
            history.set_patience(self.patience_s)
        self.runs: list[RunLog] = []  # every run of the sitting that started its clock, oldest first
        self._visit_wall = ""
        self.closed = False
        self.completed = False  # finished the talk, as opposed to quitting part way
        # Retried on the next write and at the end, so no visit is lost or credited to another slide.
        self.pending = PendingWrites()

    @property
    def slides(self) -> tuple[TimedSlide, ...]:
        """Return the slides being rehearsed, with their budgets."""
        return self.budgets.plan.slides

    def content(self, index: int) -> DeckSlide:
        """Return what the slide at 0-based ``index`` shows: title, points, notes."""
        return self.deck.slides[index]

    def status(self) -> Status:
        """Return the pace now."""
        return self.session.status(self.clock())

    def _stamp(self) -> str:
        return self.wall().isoformat(timespec="seconds")

    @property
    def unsaved(self) -> list[Callable[[], None]]:
        """Return the writes waiting for a busy history."""
        return self.pending.waiting

    def flush(self) -> bool:
        """Write what waits for the history, in order; return True when nothing waits any more."""
        return self.pending.flush()

    @property
    def rehearsal(self) -> int | None:
        """Return the history's id of the run in progress (or just ended), once its begin went through."""
        return self.runs[-1].rehearsal if self.runs else None

    @property
    def refused(self) -> StoreRefused | None:
        """Return why the history refuses writes now (None when it takes them)."""
        return self.pending.refused

    def _store(self, visit: Visit | None) -> None:
        if visit is not None and visit.seconds > 0 and self.runs:
            slide = self.slides[visit.slide]
            self.runs[-1].visits.append(KeptVisit(slide.index, visit.talk_start_s, visit.seconds, self._visit_wall))
            if self.history is not None:
                self._write_visit(self.history.record, visit)
        self._visit_wall = self._stamp()

    def _write_visit(self, write: Callable[[int, TimedSlide, float, float, str], None], visit: Visit) -> None:
        """Queue ``write`` (a finished visit, or the checkpoint of the open one) with the visit's record."""
        slide, started, log = self.slides[visit.slide], self._visit_wall, self.runs[-1]

        def run() -> None:
            assert log.rehearsal is not None  # the rehearsal's begin was queued first
            write(log.rehearsal, slide, visit.talk_start_s, visit.seconds, started)

        self.pending.add(run, log)

    def checkpoint(self) -> None:
        """Save the visit in progress as it stands (the app calls this every `checkpoint_s`): a SIGKILL, which
        nothing can catch, then loses at most that interval. Skipped while earlier writes wait."""
        session = self.session
        if self.history is None or session.started_at is None or session.finished or self.closed:
            return
        if self.pending.waiting:
            return
        seconds = session.talk_s(self.clock()) - session.visit_start
        if seconds > 0:
            self._write_visit(self.history.checkpoint, Visit(session.current, session.visit_start, seconds))

    def _begin(self) -> None:
        log = RunLog(self._stamp(), listened=self.hearing is not None)
        self.runs.append(log)
        if self.history is not None:
            history, plan = self.history, self.budgets.plan

            def begin() -> None:
                log.rehearsal = history.begin(self.deck.identity(), plan, log.started_at, log.listened)

            self.pending.add(begin, log)
        self._visit_wall = log.started_at

    def start(self) -> None:
        """Start the talk clock."""
        if self.session.started_at is None and not self.session.finished:
            self.session.start(self.clock())
            self._begin()
            self._follow()

    def next(self) -> None:
        """Advance (the first press starts the clock; past the last slide the talk ends)."""
        if self.session.started_at is None:
            self.start()
            return
        self._store(self.session.go(self.clock(), +1))
        if self.session.finished:
            # Past the last slide: a whole talk only when every main slide was shown on the way (a jump from
            # slide 1 to the backup slide and out is not a talk), whatever key ended it.
            self._close(finished=not self.unshown())
        self._follow()

    def jump(self, slide: int) -> None:
        """Go straight to slide number ``slide`` (1-based); the clock starts if it was waiting."""
        if self.session.started_at is None:
            self.start()
        self._store(self.session.jump(self.clock(), slide - 1))
        self._follow()

    def back(self) -> None:
        """Go back one slide; time on both slides keeps accumulating over visits."""
        self._store(self.session.go(self.clock(), -1))
        self._follow()

    def pause(self) -> None:
        """Pause or resume the clocks."""
        self.session.toggle_pause(self.clock())
        self._follow()

    def unshown(self) -> list[TimedSlide]:
        """Return the main slides this run has not shown yet (the current one counts as shown)."""
        seen = {visit.slide for visit in self.session.visits} | {self.session.current}
        return [slide for i, slide in enumerate(self.slides) if slide.main and i not in seen]

    def finish(self) -> None:
        """End the talk here: kept as finished only when every main slide was shown, else as unfinished
        (a run stopped early is not a whole talk, and history must not compare it as one)."""
        whole = not self.unshown()
        self._store(self.session.finish(self.clock()))
        self._close(finished=whole)

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
        if self.session.started_at is None or not self.runs:
            return
        if self.hearing is not None:  # the run's last figures, recorded before its end
            self.hearing.end_run(self.clock(), self._heard)
            self._heard_at = None
        # The talk's time: minutes on backup slides (questions) are not the talk.
        log = self.runs[-1]
        log.end = KeptEnd(finished, self.summary().total_s, self._stamp())
        if self.history is None:
            return
        history, end = self.history, log.end

        def write_end() -> None:
            assert log.rehearsal is not None
            history.end(log.rehearsal, end.finished, end.total_s, end.ended_at)

        # At the end it is worth waiting for a busy database rather than keeping the run in memory only.
        history.set_patience(self.end_patience_s)
        self.pending.add(write_end, log)
        if self.pending.holds(log):
            self._keep(log)

    def _keep(self, log: RunLog) -> None:
        """The history refused this run to its end: keep the whole of it in a file beside the deck (said on the
        end screen and by the command), and write none of it twice."""
        log.refused = self.pending.refused or StoreRefused("unwritable", "cannot be written", "")
        self.pending.drop(log)
        path = getattr(self.history, "path", "")
        run = KeptRun(
            "rehearsal",
            self.deck.identity(),
            log.started_at,
            log.end,
            str(path),
            log.refused.what,
            log.rehearsal,
            plan=self.budgets.plan,
            visits=tuple(log.visits),
            heard=tuple(log.heard),
            listened=log.listened,
        )
        try:
            log.kept = keep(run, self.deck.path)
        except OSError as exc:
            log.lost = exc.strerror or str(exc)

    def restart(self) -> None:
        """Keep this run as it stands (unfinished unless finished) and start a fresh one, clock waiting."""
        self.quit()
        if self.history is not None:
            self.history.set_patience(self.patience_s)
        self.session = Session(self.slides, self.budgets.plan.duration_s, self.session.alert_last_s, self.config.pace)
        self.closed = self.completed = False
        if self.hearing is not None:
            self.hearing.new_run()

    def summary(self) -> Summary:
        """Return budget against actual for every slide."""
        now = self.clock()
        actuals = [self.session.slide_s(now, i) for i in range(len(self.slides))]
        return summarise(self.slides, actuals, self.budgets.plan.duration_s, self.config)

    # --- listening (--listen) ---------------------------------------------------------------------------------
    def _follow(self) -> None:
        """Tell the listener which slide is spoken on now: none while paused, before the start or after the end."""
        if self.hearing is None:
            return
        session = self.session
        talking = session.started_at is not None and not session.finished and session.paused_at is None
        now = (session.current, session.visit_start) if talking and not self.closed else None
        if now != self._heard_at:
            self.hearing.hear(self.clock(), *(now if now is not None else (None,)))
            self._heard_at = now

    def listen(self) -> None:
        """Hear what came in since the last call (the app's redraw timer calls this); record the visits over."""
        if self.hearing is not None:
            self.hearing.pump(self._heard)

    def _heard(self, slide: int, visit_start_s: float, heard: Heard) -> None:
        """Record what listening heard over one visit of ``slide`` (0-based), as it is reported."""
        if not self.runs:
            return
        log, timed = self.runs[-1], self.slides[slide]
        log.heard.append(KeptHeard(timed.index, visit_start_s, heard))
        if self.history is not None and log.refused is None:
            history = self.history

            def write() -> None:
                assert log.rehearsal is not None
                history.hear(log.rehearsal, timed, visit_start_s, heard)

            self.pending.add(write, log)

    def heard_now(self) -> Heard | None:
        """Return what this run heard on the slide shown, so far (None when not listening, or nothing yet)."""
        if self.hearing is None or self.session.started_at is None:
            return None
        return self.hearing.live(self.clock(), self.session.current)

    def judged(self) -> HeardRun | None:
        """Return what listening says of the run that just ended (None when not listening)."""
        if self.hearing is None:
            return None
        from .listening import judge_run

        summary = self.summary()
        actuals = [r.actual_s for r in summary.slides]
        return judge_run(self.slides, actuals, self.hearing, self.config.pace.ran_over_s)

    def stop_listening(self) -> None:
        """Release the microphone (and write the kept audio, if asked); called once, when the app has ended."""
        if self.hearing is not None:
            self.hearing.close()
