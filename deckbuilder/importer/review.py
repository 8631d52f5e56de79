"""The guesses `deck import` can ask about before it writes: the headline metric, each decision, and which part
of the write-up is the next steps and the error analysis. A first import records the candidates it ranked
(`Asked`); the answers (`Answers`) steer a second import of the same files. With no answers every best guess
stands, as `--yes` and any input that is not a terminal take it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims import FoundDecision, FoundMetric
from .source import Section

NONE = -1  # the answer "none of them"


@dataclass(frozen=True)
class Option:
    text: str  # what the option is, in a line ("F1 0.71 against 0.58 (logistic regression)")
    source: str  # where it came from, and the sentence or cell


@dataclass
class Question:
    topic: str  # "headline", "decision", or a slide kind ("next_steps", "error_analysis")
    prompt: str
    options: list[Option]
    key: str = ""  # what the answer is about: a decision's text, a kind
    guess: int = 0  # the option the import would take


@dataclass
class Asked:
    """What an import would ask: filled in as it assembles the draft."""

    questions: list[Question] = field(default_factory=list)


@dataclass
class Answers:
    """The candidate's answers: an option's number for each question asked, or NONE."""

    headline: int | None = None  # None: the guess stands
    dropped: set[str] = field(default_factory=set)  # decisions (by their text) the candidate said are none
    parts: dict[str, str] = field(default_factory=dict)  # kind -> the place of the section to use ("" for none)

    @classmethod
    def from_choices(cls, questions: list[Question], choices: list[int]) -> Answers:
        """Return the answers that ``choices`` (one a question, NONE for none) give to ``questions``."""
        answers = cls()
        for question, choice in zip(questions, choices, strict=True):
            if question.topic == "headline":
                answers.headline = choice
            elif question.topic == "decision" and choice == NONE:
                answers.dropped.add(question.key)
            elif question.topic in ("next_steps", "error_analysis") and choice != question.guess:
                answers.parts[question.topic] = "" if choice == NONE else question.options[choice].source
        return answers


def metric_line(metric: FoundMetric) -> str:
    """A metric as an option in a line: "F1 0.71 against 0.58 (logistic regression)"."""
    against = f" against {metric.baseline}" if metric.baseline else ""
    label = f" ({metric.baseline_label})" if metric.baseline and metric.baseline_label else ""
    return f"{metric.name} {metric.value}{against}{label}"


def decision_line(decision: FoundDecision) -> str:
    over = f" over {decision.alternative}" if decision.alternative else ""
    because = f" because {decision.rationale}" if decision.rationale else ""
    return f"{decision.decision}{over}{because}"


def section_line(section: Section) -> str:
    """A section in a line: its heading, else its first words."""
    text = section.heading or next(iter([*section.paragraphs, *section.items]), "")
    return first_words(text)


def first_words(text: str, limit: int = 60) -> str:
    """The first words of a text, cut after a word, for a summary or an option."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."
