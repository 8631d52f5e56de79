"""A drill of the panel's questions: one question at a time against the answer time, every answer stored as it ends."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from deckbuilder.core.rules.drill_rules import DrillRules
from deckbuilder.core.rules.import_rules import ImportRules
from deckbuilder.core.slides.callout import read_callout
from deckbuilder.core.slides.questions import DecisionText, MetricText, Question, SlideContent, TalkContent
from deckbuilder.core.slides.slide_text import read_decisions
from deckbuilder.core.timing.kept import KeptAnswer, KeptEnd, KeptRun
from deckbuilder.core.timing.talk import DeckId
from deckbuilder.errors import StoreRefused

from .deck_reader import Deck
from .keeping import keep
from .pending import END_PATIENCE_S, PATIENCE_S, PendingWrites

Clock = Callable[[], float]


class DrillRecorder(Protocol):
    """Where a drill is written as it happens (the history store)."""

    def begin_drill(self, deck: DeckId, asked: int, seed: int | None, started_at: str) -> int: ...

    def record_answer(self, drill: int, position: int, answer: Answer, started_at: str) -> None: ...

    def end_drill(self, drill: int, finished: bool, ended_at: str) -> None: ...

    def set_patience(self, seconds: float) -> None: ...


def content_of(deck: Deck, rules: ImportRules | None = None) -> TalkContent:
    """Return what a deck's slides say: kinds from its plan (else from titles that name a section, such as
    "Results" or "Next steps", when ``rules`` are given), decisions and callouts read back from their lines."""
    kinds = [s.kind for s in deck.plan.slides] if deck.plan is not None else [None] * len(deck.slides)
    if rules is not None:
        kinds = [kind or _named_kind(slide.title, rules) for kind, slide in zip(kinds, deck.slides, strict=True)]
    slides = []
    for slide, kind in zip(deck.slides, kinds, strict=True):
        lines, rows = read_decisions([text for level, text in slide.points if level == 0])
        decisions = tuple(DecisionText(*row) for row in rows)
        points, metrics = _callouts(lines)
        slides.append(SlideContent(slide.index, slide.title, kind, tuple(points), decisions, tuple(metrics)))
    return TalkContent(deck.title, tuple(slides))


def _named_kind(title: str, rules: ImportRules) -> str | None:
    kind, _ = rules.heading_kind(title)
    return None if kind == "skip" else kind


def _callouts(lines: list[str]) -> tuple[list[str], list[MetricText]]:
    """Split a slide's lines into its metric callouts (two lines each) and the rest."""
    points: list[str] = []
    metrics: list[MetricText] = []
    i = 0
    while i < len(lines):
        found = read_callout(lines[i], lines[i + 1]) if i + 1 < len(lines) else None
        if found is None:
            points.append(lines[i])
            i += 1
        else:
            metrics.append(MetricText(**found))
            i += 2
    return points, metrics


@dataclass(frozen=True)
class Answer:
    """One question as the candidate answered (or skipped) it."""

    question: Question
    seconds: float
    ticked: tuple[int, ...]  # 1-based checklist items
    score: int | None
    skipped: bool


@dataclass(frozen=True)
class DrillSummary:
    """What the end screen and `deck drill` report."""

    answers: tuple[Answer, ...]
    asked: int
    kinds: dict[str, int]  # answered questions by kind, every kind of the rules listed
    missed: list[tuple[str, int]]  # checklist items left unticked, most often missed first
    long: tuple[Answer, ...]  # answers past the target time
    target_s: float

    @property
    def answered(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if not a.skipped)

    @property
    def mean_s(self) -> float | None:
        done = self.answered
        return sum(a.seconds for a in done) / len(done) if done else None


def summarise(answers: list[Answer], asked: int, rules: DrillRules) -> DrillSummary:
    """Return the drill's numbers: coverage by kind, the STAR-T items most often missed, the long answers."""
    answered = [a for a in answers if not a.skipped]
    kinds = {kind: sum(1 for a in answered if a.question.kind == kind) for kind in rules.kinds}
    missing: Counter[str] = Counter()
    for answer in answered:
        for number, item in enumerate(rules.checklist, start=1):
            if number not in answer.ticked:
                missing[item] += 1
    order = {item: i for i, item in enumerate(rules.checklist)}
    missed = sorted(((item, n) for item, n in missing.items() if n), key=lambda pair: (-pair[1], order[pair[0]]))
    long = tuple(a for a in answered if a.seconds > rules.target_s)
    return DrillSummary(tuple(answers), asked, kinds, missed, long, rules.target_s)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class Drill:
    """One drill: the question on screen, its clock, the ticks and score, and the answers stored as they end."""

    def __init__(
        self,
        questions: list[Question],
        rules: DrillRules,
        deck: DeckId,
        store: DrillRecorder | None,
        clock: Clock,
        seed: int | None = None,
        wall: Callable[[], str] = _now,
        keep_beside: Path | None = None,
    ) -> None:
        self.questions, self.rules, self.store, self.clock, self.wall = questions, rules, store, clock, wall
        self.deck, self.seed, self.keep_beside = deck, seed, keep_beside
        self.kept: Path | None = None  # the file holding the whole drill, when the history refused it
        self.lost = ""  # why the drill could not be kept in a file either
        self.refused: StoreRefused | None = None  # why the history refused the drill, at its end
        self.ended_at = ""
        self.end_patience_s = END_PATIENCE_S
        self.answers: list[Answer] = []
        self._answer_walls: list[str] = []  # when each answer began, by the wall clock
        self.position = 0
        self.ticked: set[int] = set()
        self.score: int | None = None
        self.drill_id: int | None = None
        self.closed = False
        # A busy history must neither end the drill nor lose an answer: writes wait, in order, and are retried.
        self.pending = PendingWrites()
        self.started_at = wall()
        if store is not None:
            store.set_patience(PATIENCE_S)
            started_at = self.started_at

            def begin() -> None:
                self.drill_id = store.begin_drill(deck, len(questions), seed, started_at)

            self.pending.add(begin)
        self.started = clock()
        self._question_wall = wall()
        self.paused_at: float | None = None  # the countdown is held (Space) from this clock reading

    @property
    def store_error(self) -> str:
        """Return what the history said when it last refused a write ("" when all is saved)."""
        return self.pending.error

    def flush(self) -> bool:
        """Try again to save what a busy history refused; True when nothing waits."""
        return self.pending.flush()

    @property
    def done(self) -> bool:
        return self.position >= len(self.questions)

    @property
    def current(self) -> Question | None:
        return None if self.done else self.questions[self.position]

    def elapsed(self) -> float:
        """Seconds on the question on screen (a pause holds the count)."""
        now = self.paused_at if self.paused_at is not None else self.clock()
        return max(0.0, now - self.started)

    def toggle_pause(self) -> None:
        """Hold or resume the answer's countdown (the time held is not the answer's)."""
        if self.done:
            return
        if self.paused_at is None:
            self.paused_at = self.clock()
        else:
            self.started += self.clock() - self.paused_at
            self.paused_at = None

    def level(self) -> str:
        """Return ok, amber (past the amber time) or red (past the target) for the countdown's colour."""
        seconds = self.elapsed()
        return "red" if seconds > self.rules.target_s else "amber" if seconds >= self.rules.amber_s else "ok"

    def left(self) -> float:
        """Seconds left of the answer time (negative once past it)."""
        return self.rules.target_s - self.elapsed()

    def tick(self, item: int) -> None:
        """Tick (or untick) checklist item ``item`` (1-based)."""
        if 1 <= item <= len(self.rules.checklist) and not self.done:
            self.ticked ^= {item}

    def rate(self, score: int) -> None:
        """Give this answer a self-score; the same score again clears it."""
        if not self.done:
            self.score = None if self.score == score else score

    def next(self, skipped: bool = False) -> None:
        """End the answer on screen (answered, or skipped) and show the next question."""
        question = self.current
        if question is None:
            return
        answer = Answer(question, round(self.elapsed(), 1), tuple(sorted(self.ticked)), self.score, skipped)
        self.answers.append(answer)
        self._answer_walls.append(self._question_wall)
        if self.store is not None and not self.closed:
            store, where, began = self.store, self.position + 1, self._question_wall
            # The drill's id is read when the write runs: a begin that waited has set it by then.
            self.pending.add(lambda: store.record_answer(self._id(), where, answer, began))
        self.position += 1
        self.ticked, self.score, self.paused_at = set(), None, None
        self.started, self._question_wall = self.clock(), self.wall()
        if self.done:
            self.close()

    def skip(self) -> None:
        self.next(skipped=True)

    def _id(self) -> int:
        assert self.drill_id is not None  # begin_drill ran first: writes run in order
        return self.drill_id

    def stop(self) -> None:
        """End the drill here (q, Ctrl+C, a signal): the answer on screen is kept, with its time, ticks and score,
        when it was begun (a few seconds spoken, or anything ticked or scored); then the drill is closed."""
        if self.closed:
            return
        begun = self.elapsed() >= self.rules.kept_after_s or self.ticked or self.score is not None
        if self.current is not None and begun:
            self.next()
        self.close()

    def close(self) -> None:
        """Mark the drill ended in the store (finished when every question was reached); only once. When the
        history refuses it to the end, the whole drill is kept in a file beside the talk instead."""
        if self.closed:
            return
        self.closed = True
        self.ended_at = self.wall()
        if self.store is None:
            return
        store, finished, ended_at = self.store, self.done, self.ended_at
        store.set_patience(self.end_patience_s)  # at the end it is worth waiting for a busy history
        self.pending.add(lambda: store.end_drill(self._id(), finished, ended_at))
        if self.pending.waiting:
            self._keep()

    def _keep(self) -> None:
        self.refused = self.pending.refused or StoreRefused("unwritable", "cannot be written", "")
        self.pending.drop(None)
        answers = tuple(
            KeptAnswer(n, a.question.kind, a.question.slide, a.question.text, a.seconds, a.ticked, a.score,
                       a.skipped, when)
            for n, (a, when) in enumerate(zip(self.answers, self._answer_walls, strict=True), start=1)
        )  # fmt: skip
        run = KeptRun(
            "drill",
            self.deck,
            self.started_at,
            KeptEnd(self.done, 0.0, self.ended_at),
            str(getattr(self.store, "path", "")),
            self.refused.what,
            self.drill_id,
            asked=len(self.questions),
            seed=self.seed,
            answers=answers,
        )
        try:
            self.kept = keep(run, self.keep_beside or Path("drill"))
        except OSError as exc:
            self.lost = exc.strerror or str(exc)

    def summary(self) -> DrillSummary:
        return summarise(self.answers, len(self.questions), self.rules)
