"""The question drill: one question at a time with a countdown, the STAR-T checklist, a self-score, an end report."""

from __future__ import annotations

import contextlib
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Digits, Footer, Static

from deckbuilder.core.rules.settings import TerminalColours
from deckbuilder.core.text.display import one_line, visible
from deckbuilder.core.text.durations import format_duration as fmt
from deckbuilder.errors import StoreRefused
from deckbuilder.rehearse.drill import Drill, DrillSummary

from .palette import ALERT, CAUTION, GOOD, MUTED
from .stopping import RunApp, kept_line, store_line

SCORES = {"w": (1, "weak"), "o": (2, "ok"), "g": (3, "good")}
SCORE_NAMES = {number: name for number, name in SCORES.values()}


class Countdown(Digits):
    """The answer's time left in large digits: plain, amber near the end, red (with a "+") once past it."""

    def show(self, drill: Drill) -> None:
        left, level = drill.left(), drill.level()
        text = fmt(left) if left >= 0 else "+" + fmt(-left)
        if text != self.value:  # once a second at most
            self.update(text)
        self.set_class(level == "amber", "amber")
        self.set_class(level == "red", "red")
        self.set_class(drill.paused_at is not None, "held")


class DrillHelp(ModalScreen[None]):
    """The drill's keys; any key closes it."""

    def compose(self) -> ComposeResult:
        keys = Text()
        for key, what in (
            ("n, →, Enter", "done: the next question"),
            ("Space", "hold or resume the countdown"),
            ("1-5", "tick (or untick) a STAR-T item your answer covered"),
            ("w / o / g", "score the answer weak, ok or good"),
            ("s", "skip the question"),
            ("q", "end the drill (the answer on screen is kept once begun)"),
        ):
            keys.append(f"{key:<12}", style="bold")
            keys.append(f"{what}\n")
        keys.append("\nAny key closes this.", style=MUTED)
        with Vertical(id="drill-help"):
            yield Static(Text("Drill keys", style="bold"))
            yield Static(keys)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)


class DrillScreen(Screen[None]):
    """The question on screen, its countdown, the checklist and the score."""

    BINDINGS = [
        Binding("n,right,enter", "app.next_question", "Next", key_display="n"),
        Binding("space", "app.hold", "Hold", key_display="Space"),
        Binding("s", "app.skip", "Skip"),
        *(Binding(str(i), f"app.tick({i})", show=False) for i in range(1, 6)),
        *(Binding(key, f"app.rate('{key}')", show=False) for key in SCORES),
        Binding("q", "app.stop", "End drill"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, drill: Drill, title: str, foreseen: StoreRefused | None = None) -> None:
        super().__init__()
        self.drill, self.talk_title, self.foreseen = drill, title, foreseen
        self._label = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="drill-top"):
            yield Static(Text(f"drill · {one_line(self.talk_title)}"), id="drill-title")
        with Horizontal(id="countdown-row"):
            yield Countdown("2:00", id="countdown")
            yield Static(id="countdown-label")
        yield Static(id="question-head")
        with VerticalScroll(id="question-pane"):
            yield Static(id="question")
            yield Static(id="checklist")
            yield Static(id="score")
        yield Static(id="drill-store")
        yield Footer()

    def on_mount(self) -> None:
        self.show_question()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < 20, "short")

    def tick(self) -> None:
        drill = self.drill
        self.query_one(Countdown).show(drill)
        if drill.paused_at is not None:
            label = "held · Space resumes"
        else:
            label = "left for this answer" if drill.left() >= 0 else "over the answer time"
        if label != self._label:
            self._label = label
            self.query_one("#countdown-label", Static).update(Text(label, style=MUTED))

    def show_question(self) -> None:
        """Draw the question on screen, its checklist and score."""
        drill = self.drill
        question = drill.current
        if question is None:
            return
        rules = drill.rules
        where = f"slide {question.slide}" if question.slide else "the whole talk"
        head = Text(f"Question {drill.position + 1} of {len(drill.questions)}", style="bold")
        head.append(f"  ·  {rules.kinds[question.kind]}  ·  from {where}", style=MUTED)
        self.query_one("#question-head", Static).update(head)
        self.query_one("#question", Static).update(Text(visible(question.text), style="bold"))
        self.show_marks()
        self.tick()

    def show_marks(self) -> None:
        """Draw the STAR-T checklist and the self-score as they stand."""
        drill = self.drill
        items = Text("STAR-T: tick each as your answer covers it (1-5)", style=MUTED)
        for number, item in enumerate(drill.rules.checklist, start=1):
            done = number in drill.ticked
            items.append(f"\n [{'x' if done else ' '}] {number} {item}", style=f"bold {GOOD}" if done else "")
        self.query_one("#checklist", Static).update(items)
        score = Text("Self-score (w weak, o ok, g good): ", style=MUTED)
        score.append(SCORE_NAMES.get(drill.score or 0, "-"), style="bold")
        self.query_one("#score", Static).update(score)
        line = store_line(drill.pending.refused, len(drill.pending.waiting), self.foreseen)
        self.query_one("#drill-store", Static).update(line or Text(""))


def answers_table(summary: DrillSummary, kinds: dict[str, str], checklist_size: int) -> Table:
    """Return every question asked: its kind, time, the checklist ticked and the self-score."""
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    for name, justify in (("#", "right"), ("kind", "left"), ("time", "right"), ("STAR-T", "left"), ("score", "left")):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for number, answer in enumerate(summary.answers, start=1):
        long = not answer.skipped and answer.seconds > summary.target_s
        time = Text(fmt(answer.seconds), style=ALERT if long else "")
        if answer.skipped:
            time = Text("skipped", style=MUTED)
        ticks = "".join(str(i) if i in answer.ticked else "·" for i in range(1, checklist_size + 1))
        score = SCORE_NAMES.get(answer.score or 0, "-")
        table.add_row(str(number), kinds.get(answer.question.kind, answer.question.kind), time, ticks, score)
    return table


def drill_verdict(summary: DrillSummary, kinds: dict[str, str], checklist_size: int) -> Text:
    """Return the drill in plain words: answered, mean time, kinds covered, the items most often missed."""
    answered = summary.answered
    text = Text()
    skipped = len(summary.answers) - len(answered)
    text.append(f"{len(answered)} of {summary.asked} answered", style="bold")
    if skipped:
        text.append(f", {skipped} skipped")
    if summary.mean_s is not None:
        text.append(f"; mean answer {fmt(summary.mean_s)} (aim to finish within {fmt(summary.target_s)})")
    text.append("\n\nKinds answered: ")
    text.append(" · ".join(f"{label} {summary.kinds.get(code, 0)}" for code, label in kinds.items()))
    never = [label for code, label in kinds.items() if not summary.kinds.get(code)]
    if never and answered:
        text.append(f"\nNot practised yet: {', '.join(never)}", style=CAUTION)
    if summary.missed:
        text.append("\n\nMost often missed: ", style="bold")
        text.append(", ".join(f"{item} ({n} of {len(answered)})" for item, n in summary.missed[:3]))
    elif answered:
        text.append(f"\n\nEvery answer ticked all {checklist_size} STAR-T items.", style=GOOD)
    if summary.long:
        text.append(f"\n\nRan past {fmt(summary.target_s)}: ", style=f"bold {ALERT}")
        positions = {id(a): i for i, a in enumerate(summary.answers, start=1)}
        text.append(", ".join(f"question {positions[id(a)]} ({fmt(a.seconds)})" for a in summary.long))
        text.append("\nLead with the answer, then the reason; stop at the trade-off.")
    return text


class DrillEnd(Screen[None]):
    """The drill's report."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, drill: Drill, saved_to: str) -> None:
        super().__init__()
        self.drill, self.saved_to = drill, saved_to

    def compose(self) -> ComposeResult:
        summary, rules = self.drill.summary(), self.drill.rules
        with VerticalScroll(id="drill-end"):
            yield Static(Text("Drill over", style="bold"), id="drill-end-title")
            drill = self.drill
            yield Static(kept_line(drill.refused, drill.kept, drill.lost, self.saved_to), id="drill-end-saved")
            yield Static(drill_verdict(summary, rules.kinds, len(rules.checklist)), id="drill-verdict")
            yield Static(answers_table(summary, rules.kinds, len(rules.checklist)), id="drill-table")
        yield Footer()


class DrillApp(RunApp):
    """Answer the panel's questions against the clock."""

    CSS_PATH = Path(__file__).with_name("drill.tcss")
    TITLE = "deck drill"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        drill: Drill,
        title: str,
        redraw_s: float,
        saved_to: str,
        foreseen: StoreRefused | None = None,
        colours: TerminalColours | None = None,
    ) -> None:
        super().__init__(colours)
        self.drill, self.redraw_s, self.saved_to = drill, redraw_s, saved_to
        self.questions = DrillScreen(drill, title, foreseen)

    def on_mount(self) -> None:
        self.push_screen(self.questions)
        self.set_interval(self.redraw_s, self.redraw)

    def end_run(self) -> None:
        self.drill.stop()  # Ctrl+C or a signal: the answer on screen is kept too

    def redraw(self) -> None:
        if self.showing(self.questions) and not self.drill.done:
            try:
                self.questions.tick()
            except NoMatches:  # shutting down
                return

    def retry_writes(self) -> None:
        """Try again to save what a busy history refused, and say how it went."""
        if self.drill.pending.waiting:
            self.drill.flush()
            if self.showing(self.questions):
                with contextlib.suppress(NoMatches):
                    self.questions.show_marks()

    def action_next_question(self) -> None:
        self.drill.next()
        self._after_answer()

    def action_skip(self) -> None:
        self.drill.skip()
        self._after_answer()

    def action_tick(self, item: int) -> None:
        self.drill.tick(item)
        self.questions.show_marks()

    def action_rate(self, key: str) -> None:
        self.drill.rate(SCORES[key][0])
        self.questions.show_marks()

    def action_stop(self) -> None:
        """End the drill here; the answer on screen is kept (with its time, ticks and score) once begun."""
        self.drill.stop()
        self.switch_screen(DrillEnd(self.drill, self.saved_to))

    def action_hold(self) -> None:
        self.drill.toggle_pause()
        self.questions.tick()

    def action_help(self) -> None:
        self.push_screen(DrillHelp())

    def _after_answer(self) -> None:
        if self.drill.done:
            self.switch_screen(DrillEnd(self.drill, self.saved_to))
        else:
            self.questions.show_question()
