"""A decision's reason and rejected alternative, as candidates write them in an outline, read as sentences on
the slide; where no sentence can be made, the slide shows the candidate's words under a label."""

from __future__ import annotations

import pytest

from deckbuilder.core.rules.config import default_config
from deckbuilder.core.text.measure import NO_BREAK, NO_BREAK_HYPHEN, kept_together, words_of, wrap
from deckbuilder.core.text.phrasing import alternative_line, gerund, reason_line

GRAMMAR = default_config().theme.grammar

# (what the outline says, how the line reads on the slide)
REASONS = [
    # already a clause: kept, lower case after "because"
    ("The target is rare", "because the target is rare"),
    (
        "a random split leaks tomorrow's weather into training",
        "because a random split leaks tomorrow's weather into training",
    ),
    ("quiet stations borrow patterns from busy ones", "because quiet stations borrow patterns from busy ones"),
    ("it trains in 12 s on a laptop", "because it trains in 12 s on a laptop"),
    ("we only had 3 weeks of labels", "because we only had 3 weeks of labels"),
    ("Because churners are 1 in 12", "because churners are 1 in 12"),
    ("since the panel asked for recall", "because the panel asked for recall"),
    ("LightGBM handled the missing values natively", "because LightGBM handled the missing values natively"),
    ("there are only 340 calls a month.", "because there are only 340 calls a month"),
    # a superlative noun phrase: what the choice had
    ("best PR-AUC", "because it had the best PR-AUC"),
    ("Highest recall at 30% precision", "because it had the highest recall at 30% precision"),
    ("the lowest MAPE on busy hours", "because it had the lowest MAPE on busy hours"),
    # a comparative: "of its" before a noun, "it was" before than / to / nothing
    ("lower latency than the ensemble", "because of its lower latency than the ensemble"),
    ("better calibration", "because of its better calibration"),
    ("faster to retrain", "because it was faster to retrain"),
    ("simpler than a per-station model", "because it was simpler than a per-station model"),
    # a verb phrase with no subject: the choice is the subject
    ("trains in 12 s", "because it trains in 12 s"),
    ("handles missing values without imputation", "because it handles missing values without imputation"),
    ("needs no feature scaling", "because it needs no feature scaling"),
    ("scored 0.43 PR-AUC in cross-validation", "because it scored 0.43 PR-AUC in cross-validation"),
    ("beat the baseline on every fold", "because it beat the baseline on every fold"),
    ("is 40x cheaper to serve", "because it is 40x cheaper to serve"),
    ("cut the error by a third", "because it cut the error by a third"),
    ("easy to explain to the ops team", "because it was easy to explain to the ops team"),
    ("fast enough for a nightly job", "because it was fast enough for a nightly job"),
    # coordinated: each part made a predicate of the choice, joined once
    ("best PR-AUC, and fast enough to tune", "because it had the best PR-AUC and was fast enough to tune"),
    ("highest recall, but slower to train", "because it had the highest recall but was slower to train"),
    ("trains in minutes and needs no GPU", "because it trains in minutes and needs no GPU"),
    # a purpose: an infinitive reads "in order to"
    ("to avoid leaking the future into the past", "in order to avoid leaking the future into the past"),
    ("To keep the call list short", "in order to keep the call list short"),
    # no sentence can be made: the words, labelled
    ("under 2% of the gain in an early random forest", "Why: under 2% of the gain in an early random forest"),
    ("about 40% of the variance", "Why: about 40% of the variance"),
    ("0.02 of the total gain", "Why: 0.02 of the total gain"),
    ("avoiding leakage", "Why: avoiding leakage"),
    (
        "12% more recall than the rules, and it needs no labels",
        "Why: 12% more recall than the rules, and it needs no labels",
    ),
    # a clause whose subject is an activity or a quantity is still a clause
    ("fitting takes 4 minutes instead of 2 hours", "because fitting takes 4 minutes instead of 2 hours"),
    (
        "30 labelled fraud cases are too few for a deep model",
        "because 30 labelled fraud cases are too few for a deep model",
    ),
]

# (alternative, why rejected, the line)
ALTERNATIVES = [
    ("raw login counts", "", "instead of raw login counts"),
    (
        "a separate SARIMA model per station",
        "600 fits a night",
        "instead of a separate SARIMA model per station: 600 fits a night",
    ),
    (
        "Logistic regression with hand-made interactions",
        "",
        "instead of logistic regression with hand-made interactions",
    ),
    ("SARIMA per station", "", "instead of SARIMA per station"),
    ("shuffled 5-fold cross-validation", "", "instead of shuffled 5-fold cross-validation"),
    ("one model per station", "", "instead of one model per station"),
    ("grid search over 200 settings", "", "instead of grid search over 200 settings"),
    # a bare verb phrase becomes a gerund
    (
        "keep them for the sales team's reports",
        "they add noise",
        "instead of keeping them for the sales team's reports: they add noise",
    ),
    ("Drop the rows with missing tenure", "", "instead of dropping the rows with missing tenure"),
    ("use a per-station threshold", "", "instead of using a per-station threshold"),
    ("train 600 separate models", "", "instead of training 600 separate models"),
    ("tune by hand", "", "instead of tuning by hand"),
    ("run it hourly", "", "instead of running it hourly"),
    ("impute with the median", "", "instead of imputing with the median"),
    ("split by customer", "", "instead of splitting by customer"),
    ("see each station alone", "", "instead of seeing each station alone"),
    ("to oversample the churners", "", "instead of oversampling the churners"),
    ("retraining weekly", "", "instead of retraining weekly"),
    ("regression on raw counts", "", "instead of regression on raw counts"),
    ("the signup date as a raw feature", "", "instead of the signup date as a raw feature"),
    ("random 80/20 splits", "", "instead of random 80/20 splits"),
    ("forecasts from last week", "", "instead of forecasts from last week"),
    ("instead of a random split", "", "instead of a random split"),
    # a clause cannot follow "instead of": the words, labelled
    ("we could keep them for the reports", "", "Chosen over: we could keep them for the reports"),
    ("the team keeps its spreadsheet", "", "Chosen over: the team keeps its spreadsheet"),
]


@pytest.mark.parametrize(("written", "shown"), REASONS)
def test_a_reason_reads_as_a_sentence_or_is_labelled(written: str, shown: str) -> None:
    assert reason_line(written, written, GRAMMAR) == shown


@pytest.mark.parametrize(("alternative", "why", "shown"), ALTERNATIVES)
def test_an_alternative_reads_after_instead_of_or_is_labelled(alternative: str, why: str, shown: str) -> None:
    assert alternative_line(alternative, why, alternative, GRAMMAR) == shown


@pytest.mark.parametrize(
    ("verb", "form"),
    [
        ("keep", "keeping"),
        ("use", "using"),
        ("drop", "dropping"),
        ("see", "seeing"),
        ("tie", "tying"),
        ("visit", "visiting"),
        ("fix", "fixing"),
        ("play", "playing"),
        ("open", "opening"),
        ("split", "splitting"),
    ],
)
def test_gerunds(verb: str, form: str) -> None:
    assert gerund(verb) == form


def test_the_table_is_large_enough_to_mean_something() -> None:
    assert len(REASONS) + len(ALTERNATIVES) >= 40


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Vans restock 45 docks before 8 a.m. each day", ["8 a.m."]),
        ("Churn costs about $2.4M a year", ["about $2.4M", "a year"]),
        ("Dropped: under 2% of the gain", ["under 2%", "the gain"]),
        ("Recall rose 12 points on new accounts", ["12 points"]),
        ("LightGBM reached 12% PR-AUC on the holdout", ["12% PR-AUC", "the holdout"]),
        ("Rain cuts 12% of rides", []),  # "of" is no metric
        ("Rain cuts pickups by a third", ["a third"]),  # an article stays with its word: never "a / third"
    ],
)
def test_a_number_keeps_its_unit_and_its_qualifier_on_one_line(text: str, kept: list[str]) -> None:
    theme = default_config().theme
    bound = kept_together(text, theme.keep_together)
    shown = [pair.replace(NO_BREAK, " ").replace(NO_BREAK_HYPHEN, "-") for pair in words_of(bound) if NO_BREAK in pair]
    assert shown == kept
    glyphs = default_config().glyphs
    widest = max((glyphs.width(w, 24) for w in words_of(bound)), default=0.0)
    for width in range(int(widest) + 1, 500, 15):  # on any line the pair fits on, it is never split
        lines = [line.replace(NO_BREAK_HYPHEN, "-") for line in wrap(bound, 24, width, glyphs)]
        assert all(any(pair.replace(" ", NO_BREAK) in line for line in lines) for pair in kept), lines
