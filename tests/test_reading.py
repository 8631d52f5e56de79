"""The sentence reader: numbers and their metric and baseline, choices, whose voice, what a sentence is about.

The sentences are written the way candidates write them: the metric before or after its number, any verb
between, baselines in comparisons, contrasts and other sentences; choices active, passive, verbless and settled
by results; the brief's voice beside the candidate's.
"""

from __future__ import annotations

import pytest

from deckbuilder.core.reading.reader import Reader
from deckbuilder.core.rules.config import default_config

from .conftest import ROOT


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(default_config())


def _measures(reader: Reader, text: str) -> list[tuple[str, str, str | None, str]]:
    return [
        (m.metric or m.named, m.value.text, m.baseline.text if m.baseline else None, m.baseline_label)
        for m in reader.measures_in([text])
    ]


@pytest.mark.parametrize(
    ("text", "metric", "value", "baseline"),
    [
        (
            "Our churn model lands at a PR-AUC of 0.38, well above the 0.07 a random ranking gets.",
            "PR-AUC",
            "0.38",
            "0.07",
        ),
        ("The forecaster posts a 9.8% WAPE against 14.1% for the seasonal naive.", "WAPE", "9.8%", "14.1%"),
        ("Recall climbed from 41% under the old rules to 63%.", "recall", "63%", "41%"),
        ("F1: 0.52 → 0.61 once the duplicates were removed", "F1", "0.61", "0.52"),
        (
            "The gradient-boosted model has a lower RMSE (3.2 days) than linear regression (4.9 days).",
            "RMSE",
            "3.2",
            "4.9",
        ),
        ("MAE comes in at 11.4 minutes, down from 17.0 with the current rule.", "MAE", "11.4", "17.0"),
        ("The classifier labels 88% of the support tickets correctly.", "accuracy", "88%", None),
        ("The treated group converts at 4.6% but the control group at 3.9%.", "", "4.6%", "3.9%"),
        ("Test accuracy of 0.913 ± 0.004 across five folds", "accuracy", "0.913", None),
        ("We obtained 71.2% of recall on the hold-out month.", "recall", "71.2%", None),
        ("The final ensemble scores an R² of 0.87.", "R²", "0.87", None),
        ("After tuning we ended up at 0.44 MAP on the validation clicks", "MAP", "0.44", None),
        ("Root mean squared error: 38 kWh per feeder", "RMSE", "38", None),
        ("Lift comes out at 2.1x over the top decile by day 5", "lift", "2.1x", None),
        ("PR-AUC of 0.29 (prevalence 0.03) on the held-out branches", "PR-AUC", "0.29", "0.03"),
        # the words between a change's two ends say whose the first number was, not what the second measures
        ("Log loss falls from 0.52 with the flat rate to 0.44", "log loss", "0.44", "0.52"),
        ("MAE drops from 41 minutes to 29 minutes once holidays are flagged", "MAE", "29", "41"),
        # how often the model is right, said as a count out of a count: an accuracy
        ("The scanner gets 994 parcels in 1,000 right", "accuracy", "994 parcels in 1,000", None),
        ("Misclassifies 1 claim in 250", "accuracy", "1 claim in 250", None),
        ("Correct on 98.6 of every 100 invoices", "accuracy", "98.6 of every 100", None),
        ("Error rate 0.8% against 1.0% for the fixed limit", "accuracy", "0.8%", "1.0%"),  # its complement
        (
            "Overall correctness 93 per cent against 90 per cent for the old cut-off",
            "accuracy",
            "93 per cent",
            "90 per cent",
        ),
        ("Across the folds MRR sat at 0.31, give or take 0.02", "MRR", "0.31", None),  # a spread, not weak praise
        ("CRPS settles at 1.8 litres once the humidity term is in", "CRPS", "1.8", None),
        ("Kendall's tau between forecast and actual order comes to 0.47", "Kendall's tau", "0.47", None),
        (
            "A 2.4-point MAE on the humidity forecast, against a 3.9-point MAE for yesterday's value",
            "MAE",
            "2.4-point",
            "3.9-point",
        ),
    ],
)
def test_a_measure_with_its_metric_and_baseline(
    reader: Reader, text: str, metric: str, value: str, baseline: str | None
) -> None:
    found = _measures(reader, text)
    assert found, text
    name, got, base, _ = found[0]
    assert (name, got, base) == (metric, value, baseline) or (metric in name and got == value and base == baseline)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a metric named once after the second of two numbers names both
        ("Error climbs from 6% to 19% MAPE as the horizon stretches from 1 to 14 days", [("MAPE", "19%", "6%")]),
        ("We just edge out the seasonal model, 4.1 against 4.3 trays MAE", [("MAE", "4.1", "4.3")]),
        # a point named by a described noun after "at", where another amount is read
        ("Saves about £36k a month in write-offs at the agreed 5% review rate", []),
    ],
)
def test_a_name_after_a_pair_and_a_described_point(
    reader: Reader, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(name, got, base) for name, got, base, _ in _measures(reader, text)] == expected


def test_a_level_up_to_a_bound_is_a_condition_and_ks_is_a_ranking_metric(reader: Reader) -> None:
    found = reader.measures_in(["Released valuations keep the error under 4% up to a 31% release rate"])
    assert all(m.conditional for m in found if m.value.text == "31%")
    assert [m.metric for m in reader.measures_in(["KS statistic of 0.44 against 0.38 for the scorecard"])] == ["KS"]


def test_fall_is_a_season_after_a_word_of_when(reader: Reader) -> None:
    assert reader.times("Roll out to all 14 branches in the fall, with a monthly error report")
    assert not reader.times("A fall in false alarms would free the night shift")


def test_a_baseline_in_another_sentence_of_the_passage(reader: Reader) -> None:
    said = [
        "A model that always predicts the majority class would be right 76% of the time.",
        "Our model reaches 84% accuracy on the test weeks.",
    ]
    found = [m for m in reader.measures_in(said) if not m.is_baseline]
    assert [(m.metric, m.value.text, m.baseline.text if m.baseline else None) for m in found] == [
        ("accuracy", "84%", "76%")
    ]


def test_a_pronoun_speaks_of_the_metric_the_sentence_before_named(reader: Reader) -> None:
    said = ["The mean absolute percentage error is our yardstick here.", "It settles at 6.2% on the 2023 test year."]
    found = reader.measures_in(said)
    assert [(m.metric, m.value.text) for m in found] == [("MAPE", "6.2%")]


@pytest.mark.parametrize(
    "text",
    [
        "We trained on 1,200 stores over 36 months in 2021.",  # counts and a year
        "An R² closer to 1 means a better fit.",  # the scale, not a score
        "We kept a learning rate of 0.05 and 400 trees.",  # a setting, not a result
        "Precision improved by 0.03 with the new features.",  # a difference (read as a change)
        "The scores varied with a standard deviation of 0.02.",  # a spread
        "We report precision at recall ≥ 0.80.",  # a bound asked for
    ],
)
def test_numbers_that_are_not_levels_of_a_metric(reader: Reader, text: str) -> None:
    assert all(m.change for m in reader.measures_in([text])), _measures(reader, text)


def _choices(reader: Reader, text: str) -> list[tuple[str, str, str]]:
    return [(c.chosen, c.reason, c.alternative) for c in reader.choices_in([text])]


@pytest.mark.parametrize(
    ("text", "chosen", "reason_word", "alternative"),
    [
        (
            "We went with CatBoost over XGBoost because it handles the store codes natively.",
            "CatBoost",
            "store",
            "XGBoost",
        ),
        ("I opted for a time-based split to avoid leaking next month's prices.", "time-based split", "leaking", ""),
        ("LightGBM was picked for its training speed.", "LightGBM", "speed", ""),
        ("Settled on MAPE instead of RMSE since the stores differ by orders of magnitude.", "MAPE", "stores", "RMSE"),
        ("In the end the regularised logistic regression worked best.", "regularised logistic regression", "", ""),
        (
            "Target encoding rather than one-hot encoding because there are 3,000 postcodes",
            "Target encoding",
            "postcodes",
            "one-hot encoding",
        ),
        (
            "Since interpretability matters to the credit team, we start with a scorecard model.",
            "scorecard model",
            "interpretability",
            "",
        ),
        ("Dropped the free-text field due to the privacy review.", "free-text field", "privacy", ""),
    ],
)
def test_a_choice_with_its_reason_and_alternative(
    reader: Reader, text: str, chosen: str, reason_word: str, alternative: str
) -> None:
    found = _choices(reader, text)
    assert found, text
    got, reason, other = found[0]
    assert chosen.lower() in got.lower()
    assert reason_word in reason
    assert alternative.lower() in other.lower()


@pytest.mark.parametrize(
    "text",
    [
        "We used the data the company provided.",  # no reason, no alternative: a weak verb names no choice
        "The model was trained on 2.3 million calls.",
        "A next step could be to add holiday features.",  # a plan, not a decision (the import keeps it a step)
        "We selected a model.",  # nothing in particular
    ],
)
def test_sentences_that_choose_nothing(reader: Reader, text: str) -> None:
    found = [c for c in reader.choices_in([text]) if not reader.looks_ahead(c.sentence)]
    assert not found or text.startswith("We selected") is False, found


def test_a_generic_choice_names_nothing(reader: Reader) -> None:
    assert reader.choices_in(["We selected a model."]) == []


@pytest.mark.parametrize(
    ("text", "prompt"),
    [
        ("Please describe how you would deploy your model.", True),
        ("Your notebook should explain what drives the price.", True),
        ("I trained three models and kept the simplest.", False),
        ("We removed 214 duplicate orders before the split.", False),
        ("Drop the columns that leak the label.", False),  # a candidate's note-to-self: one cue only
    ],
)
def test_the_briefs_voice(reader: Reader, text: str, prompt: bool) -> None:
    assert reader.voice(text).prompt is prompt


def test_a_list_of_the_briefs_questions(reader: Reader) -> None:
    from deckbuilder.importer.prompt import in_brief_voice

    item = "Which stores show a drop in footfall over the last year? Use the weekly visits table for it."
    assert in_brief_voice(reader, item)
    assert not in_brief_voice(reader, "Which stores lose footfall? I looked at the weekly visits: 14 of 220 do.")


@pytest.mark.parametrize(
    ("text", "ahead"),
    [
        ("With another week I would add weather features.", True),
        ("The threshold could be tuned per region.", True),
        ("In the future the model should be retrained monthly.", True),
        ("Price per carat could be a good feature.", False),  # a judgement, not a plan
        ("Later weeks would leak the outcome, so we cut at week four.", False),
        ("I could have tuned it more.", False),  # a regret about the past
        ("The first part will be used for training.", False),  # narration
    ],
)
def test_what_looks_ahead(reader: Reader, text: str, ahead: bool) -> None:
    assert reader.looks_ahead(text) is ahead


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("The model misclassifies most refunds from new merchants.", True),
        ("Residuals grow with the size of the order.", True),
        ("Accuracy is low for the smallest classes.", True),
        ("We use the mean absolute error as our metric.", False),
        ("Outliers were removed before training.", False),
    ],
)
def test_what_speaks_of_errors(reader: Reader, text: str, errors: bool) -> None:
    assert reader.about_errors(text) is errors


def test_inflections_come_from_the_word_table(reader: Reader) -> None:
    from deckbuilder.core.reading.tokens import tokenize

    words = reader.words
    assert "choose" in words.lemmas(tokenize("chosen")[0])
    assert "optimise" in words.lemmas(tokenize("optimised")[0])
    assert "misclassify" in words.lemmas(tokenize("misclassified")[0])  # from lemminflect's own rules


def test_the_word_table_is_what_its_tool_makes_from_the_vocabulary() -> None:
    """layouts/english.tsv is generated: after a change to reading.yaml's words, run tools/make_english.py."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_english", ROOT / "tools" / "make_english.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = (ROOT / "layouts" / "english.tsv").read_text(encoding="utf-8")
    assert module.table(ROOT / "layouts") == written, "run: python tools/make_english.py"


@pytest.mark.parametrize(
    ("title", "finding"),
    [
        # claims, in the shapes writers use
        ("Misses concentrate in patients who arrive at night", True),
        ("0201 parts account for 8 of the 13 escapes", True),
        ("The model over-ranks donors recruited by emergency appeals", True),
        ("Churn Falls After Price Cut", True),  # Title Case is read as a sentence
        ("Kitchen prep, not driving, causes most of the miss", True),
        ("Learners who skip the first quiz rarely come back", True),
        ("Closing the duty gap would fix half the misses", True),
        ("How we cut false alarms by 40%", True),
        ("Recall 0.71 against 0.40 for the rule", True),
        ("Lower churn among annual-plan customers", True),
        ("Feature importance: tenure dominates", True),
        ("Which garages fill first? The three by the stadium", True),
        ("Fixtures next month, then a rota trial at four sites", True),
        ("Ship the rule to the north region first", True),
        ("Re-inspections per shift fall from 9,000 to about 3,400", True),
        ("Gradient boosting beats the appraisers' adjustments by a third", True),
        # labels
        ("Lapse drivers", False),
        ("Weekly call volume by queue, Q1 2022 - Q2 2024", False),
        ("How the model ranks donors", False),
        ("A closer look at churn", False),
        ("Customers who churn", False),
        ("Lateness by sector and invoice size", False),
        ("Top 10 features by importance", False),
        ("What drives churn?", False),
        ("Confusion matrix at threshold 0.5", False),
        ("Churn rate by month", False),
        ("Model results on the test set", False),
        ("Distribution of session lengths in the first week", False),
        ("Here is how the model performed on the test weeks", False),
        ("This chart shows weekly covers for each site", False),
        ("Results: see the chart below", False),
        ("Next steps", False),
        ("12-month spend distribution", False),
        ("Temperature residuals, not raw temperatures, separate worn gearboxes from hot days", True),
        ("A random forest on residual and vibration features picks up the drift early", True),
        ("Treating bursts as time-to-event data keeps the pipes that never burst in the model", True),
        ("Treating missing values as zero", False),
        ("Churn rate by month and region", False),
        ("ROC and PR curves for the three candidate models", False),
        ("Here we can see the SHAP values for the top 15 features", False),
        ("This chart shows that churn falls after the price cut", True),
        ("When the NDVI curve peaks tells us as much as how high it peaks", True),
        ("What the numbers say about bus punctuality", False),
        # a choice set against what it was chosen over
        ("Score on sensor readings, not on driver reports", True),
        ("Weekly forecasts instead of the daily ones", True),
        ("Sensor readings by depot", False),
        # a verb of change after a one-noun subject, "as much as", "against" a number, a reason
        ("Footfall climbs with every extra rainy day", True),
        ("Pallet age matters as much as the route itself", True),
        ("Right on 93 shifts in a hundred, against 88 for the rota rule", True),
        ("Score at 6 pm, because that is when the rota is set", True),
        ("Accuracy collapses in the two coastal depots", True),
        ("Nine calls in ten correct, beating the early-warning score", True),  # a count in words, a comparison
        ("Cold air pools in the three lowest blocks", True),
        ("How the score separates shows from no-shows", False),  # the word after a verb is its object
        ("Weekly returns by depot, 2023-2024", False),  # a measure broken down by a noun
        ("Churn falls by 3 points after the price cut", True),
        ("Savings peak in January, when the old rule misses most", True),  # a plural that also names a mass
        ("Monthly hearing-aid returns, 2019 to 2024", False),  # a period, not an amount of change
        ("Precision-recall curve for the boosted model, four test months of 2024", False),
        # a count per period opens the line as a plural noun, though the word table knows "fetches" as a verb
        ("Fetches per year outrank shelf age as a warning sign", True),
        ("Fetches per year by shelf", False),
        ("Ablation study bar chart", False),  # "bar" names the kind of chart, it is no verb here
        ("Scatter plot of predicted against actual", False),
        # a verb before a clause of its own; a level set against what opens the title; a setting named after
        # its number
        ("Uplift concentrates where the book is one-sided", True),
        ("Errors spike when it rains", True),
        ("Churn rate when discounts end", False),
        ("Below the current method in all 9 walk-forward months", True),
        ("Confusion matrix at the 0.5 threshold", False),
        # a negation or a word like "also" between the subject and its verb
        ("Half of week-1 quitters never finish onboarding", True),
        ("Churn also drops after the price cut", True),
        ("Why customers never return", False),
        # a verb of degree before its amount, with no article before its subject
        ("predicted cancel chance lands within 2 pts of observed in every risk band", True),
        ("Model results on the test set", False),
        ("Precision at the 0.5 threshold rises to 0.41", True),
    ],
)
def test_a_title_states_a_finding_or_names_its_slide(reader: Reader, title: str, finding: bool) -> None:
    assert reader.states_finding(title) is finding


@pytest.mark.parametrize(
    ("step", "relative", "absolute", "open_ended"),
    [
        ("Weeks 1-6: label 400 more scans", 0, 1, False),
        ("Before the trust-wide roll-out: a silent trial", 1, 0, False),
        ("Next month: add the pharmacy feed", 1, 0, False),
        ("In two sprints, ship the API", 1, 0, False),
        ("Add the feed first, then retrain", 2, 0, False),
        ("Q3: move scoring to the hourly batch", 0, 1, False),
        ("A next step is to add features", 0, 0, False),
        ("Dig into the outliers when there's bandwidth", 0, 0, True),
        ("Bring in other datasets as and when they become available", 0, 0, True),
        ("Productionise, down the road", 0, 0, True),
        ("Maybe fold in the call-center notes eventually", 0, 0, True),
        ("Over the summer: shadow-run the model beside the current rule", 0, 1, False),
        ("In the first fortnight: sit with three dispatchers", 1, 0, False),
        ("By end of May: publish the score on the ops dashboard", 0, 1, False),
        ("By Friday, send the ward managers the list", 0, 1, False),
        ("Jan-Mar: pilot at two branches", 0, 1, False),
        ("Investigate why Sundays are hard", 0, 0, False),
        ("May improve recall on rural routes", 0, 0, False),
        ("Within two weeks: a drift alarm for whenever weekly MAPE goes above 12%", 1, 0, False),
        ("Revisit the thresholds whenever possible", 0, 0, True),
        ("Try a few more features at some stage", 0, 0, True),
        ("Revisit the weights once there's appetite for it", 1, 0, True),  # "once" a condition on resources
        ("When the new gauges cover 20% of the mains, retrain with pressure", 1, 0, False),  # a trigger
        ("After 500 scored jobs, recalibrate the threshold", 1, 0, False),
        ("At milestone two, move scoring to live", 0, 1, False),
        ("Fold in the door telemetry once it is practical", 1, 0, True),
        ("First month in production: retrain weekly and compare with the rule", 1, 0, False),
        ("First week of data is noisy", 0, 0, False),  # a period of the data, not a plan's step
    ],
)
def test_the_times_a_step_names(reader: Reader, step: str, relative: int, absolute: int, open_ended: bool) -> None:
    found = reader.times(step)
    assert (sum(t.relative for t in found), sum(not t.relative for t in found)) == (relative, absolute)
    assert reader.open_ended(step) is open_ended


@pytest.mark.parametrize(
    ("line", "family", "sure"),
    [
        ("I only had a few hours, so treat this as a first cut", "time", True),
        ("Didn't get round to the holiday weeks", "time", True),
        ("We couldn't fit the second holdout into the two days we had, the deadline was tight", "pressure", True),
        ("The spring uplift is probably flattered by the Easter shift", "doubt", True),
        ("Not entirely confident the lift survives a second season", "doubt", True),
        ("The dashboard looks okay-ish for now", "weak", True),
        ("My feature engineering is rather crude", "shoddy", True),
        ("Full disclosure: I tuned on the same weeks I report", "candour", True),
        ("Time is tight on the Friday shift", "pressure", False),  # names nobody: a note
        ("Hopefully the numbers hold up, fingers crossed", "hope", True),
        ("It's a fairly naive approach, I know", "shoddy", True),
        ("A first rough stab at forecasting footfall", "shoddy", True),
        ("I'd love to say I validated this properly, but the deadline got in the way", "pressure", True),
        ("The model is good enough", "enough", True),
        ("Not perfect, but hopefully decent enough for a first go", "shoddy", True),
        ("I just left everything on the defaults, tuning felt like overkill", "defaults", True),
        ("Hyperparameters are all left at the library defaults - I didn't touch them", "defaults", True),
        ("Honestly, the lift may not survive a second season", "candour", True),
        ("We honestly never checked the spring weeks", "candour", True),
        ("We ran out of time for the spring data", "time", True),
        ("A quick-and-dirty baseline, but it ranks the top 50 well", "shoddy", True),
        ("This probably isn't the right split for seasonal data", "doubt", True),  # a contraction's "not"
        ("The lag features might well be spurious", "doubt", True),
        ("The pipeline was cobbled together on a Sunday", "shoddy", True),
        ("This part of the model is thinner than I'd like", "shoddy", True),  # the work against the speaker's wish
        ("Not my tidiest feature engineering, if I'm honest", "candour", True),
        ("Queues shrink 18% against the rota, for what it's worth", "candour", True),
        ("Worth saying that I'm no geologist, so read the soil features loosely", "shoddy", True),
        ("This part is a bit hand-wavy, admittedly", "candour", True),
        ("It's a first draft, so please be gentle with the numbers", "doubt", True),
        ("It's a first draft", "shoddy", True),
        ("Someone who knows queueing theory better than me would do this properly", "shoddy", True),
    ],
)
def test_a_hedge_is_read_by_its_family(reader: Reader, line: str, family: str, sure: bool) -> None:
    hedge = reader.hedge(line)
    assert hedge is not None and (hedge.family, hedge.sure) == (family, sure), hedge


@pytest.mark.parametrize(
    "line",
    [
        "A naive seasonal forecast misses 31% of the peaks",  # a kind of model, not the speaker's work
        "The signal from the door sensors is weak before 6 a.m.",  # the world, not the work
        "Customers who got an apology voucher came back 12% more often",  # a thing named 'apology'
        "Reply seen in the tickets: 'I'm sorry, but I've asked twice already'",  # a quotation with apostrophes
        "Two days is good enough for the planners, who reorder weekly",  # a standard, not weak praise
        "Kept the default depth after a 20-trial search moved recall by 0.002",  # a tested choice
        "Drivers had no time to log 6% of the stops",  # someone else's time
        "Fraud is 4 times as likely on first orders",  # a multiple, not time
        "Hopefully the pilot starts in May",  # a hope for a plan, not a doubt about results
        "A rough estimate of 40 cases a week",  # a kind of number
        "The client said the deadline was tight",  # someone else's words
        # a tested choice: the search is a number written into a word
        "Kept the default regularisation rather than the tuned value: a 25-point search never beat it",
        "Drivers log their breaks honestly - we spot-check one shift in ten",  # how others act, not an aside
        "Retrain before the June list goes out, then a true out-of-time test",  # a validation, not a time excuse
        "Replies that carry an apology are escalated 9% less often",  # an apology someone gives, a thing
        "Median wait 14 minutes, give or take 3",  # a spread
        "The costly misses are lyrics that read well and mean the wrong thing",  # "well" doubts after a modal only
        "Though 7 in 10 scanner reads are already fine, volunteers re-key them all",  # said of the data
        "The costly error is fine graded as medium",  # a wool grade, not a judgement
        "By heifers the model is six points weaker than by cows",  # parts of the work compared
        "A proper score rewards the honest forecast, not the most confident one",  # a thing described
    ],
)
def test_words_that_are_not_the_speaker_undermining_their_work(reader: Reader, line: str) -> None:
    assert reader.hedge(line) is None


@pytest.mark.parametrize(
    "text",
    [
        "The simpler scorecard is within 0.02 PR-AUC of the boosted trees",
        "We sit 1.8 points of MAPE below the planners' own forecast",
        "Ten more features bought only 0.003 F1 on the validation weeks",
        "The 0.01 AUC the stacked model adds is not worth its latency",
    ],
)
def test_a_difference_is_no_level(reader: Reader, text: str) -> None:
    found = reader.measures(text)
    assert all(m.change for m in found if m.metric), [(m.metric, m.value.text) for m in found]


@pytest.mark.parametrize(
    ("line", "metric", "value"),
    [
        ("Mean absolute error settled at 38 passengers per sailing", "MAE", "38"),
        ("RMSE came in at 12 minutes a job", "RMSE", "12"),
        ("Once tides went in, the top-3 berth hit rate rose to 0.58", "hit rate", "0.58"),
    ],
)
def test_a_level_in_the_units_it_is_measured_in_or_after_a_closed_condition(
    reader: Reader, line: str, metric: str, value: str
) -> None:
    (found,) = reader.measures_in([line])
    assert (found.metric, found.value.text, found.conditional) == (metric, value, False)


@pytest.mark.parametrize(
    "line",
    [
        "Test set MAE 2 features: 935.9",  # the count of features, not an MAE of 2
        "MAE across 5 folds",
        "PR-AUC on 500 articles",
    ],
)
def test_a_count_beside_a_metric_stays_a_count(reader: Reader, line: str) -> None:
    assert all(m.value.text not in ("2", "5", "500") for m in reader.measures_in([line]))


def test_a_condition_still_holds_a_number_inside_it(reader: Reader) -> None:
    (found,) = reader.measures_in(["If precision, recall and F1 stay above 80%, we ship"])
    assert found.conditional


def test_a_point_named_by_its_noun_is_where_the_level_is_read(reader: Reader) -> None:
    (found,) = reader.measures_in(["Recall at the 5% review budget is 0.64"])
    assert (found.metric, found.value.text, found.baseline) == ("recall", "0.64", None)


def test_a_naive_rule_that_would_score_is_the_baseline(reader: Reader) -> None:
    (found,) = reader.measures_in(["F1 of 0.72, where flagging every claim would score 0.09"])
    assert found.baseline is not None and found.baseline.text == "0.09"


def test_the_word_table_finds_every_form_it_holds() -> None:
    """The table is looked up by bisection inside a sparse index's block: every line, first and last included,
    is found, and a word it does not hold is not."""
    english = default_config().english
    text = (default_config().folder / "english.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    for line in lines[::17] + lines[:3] + lines[-3:]:
        form, readings = line.split("\t", 1)
        assert english._line(form) == readings, form
    assert english._line("zzzzqx") is None and english._line("aaaaab") is None
