"""Numbers a notebook printed: a metric computed in code is a measured metric with its name.

A printed line is read like a sentence ("Mean accuracy on the test data: 0.80", "Test set MAE: 468.7"). A bare
number, or a tuple of them, is named by the metric functions the cell's last statement calls
(`roc_auc_score(...)`, `(mean_absolute_error(...), mean_absolute_error(...))`), a dictionary by its keys
(`{'R2_test': 0.93}`). A cell whose code builds a `Dummy*` model or names a baseline states the baseline's
score. Numbers printed to a float's last digit are shown to the significant figures deck rounds printouts to.
"""

from __future__ import annotations

import re
from dataclasses import replace

from deckbuilder.core.reading.quantities import Measure, Quantity
from deckbuilder.core.reading.reader import Reader

from .notebook import rounded
from .source import Printout

_NUMBER = r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?"
_DICT_ITEM = re.compile(rf"""['"]([^'"\n]{{1,60}})['"]\s*:\s*({_NUMBER})""", re.IGNORECASE)
_BARE = re.compile(rf"^\s*\(?\s*{_NUMBER}(?:\s*,\s*{_NUMBER})*\s*,?\s*\)?\s*$", re.IGNORECASE)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_BASELINE_CODE = re.compile(r"\bDummy\w*|\b\w*(?:baseline|naive|majority|dummy)\w*\b", re.IGNORECASE)
_LINES = 40  # printed lines read from one cell


def _last_statement(code: str) -> str:
    lines = [line.strip() for line in code.strip().splitlines() if line.strip() and not line.strip().startswith("#")]
    return lines[-1] if lines else ""


def _named_calls(reader: Reader, code: str) -> list[str]:
    """Return the metric names of the metric functions a line of code calls, in order."""
    names = []
    for call in _CALL.findall(code):
        metric = reader.vocabulary.code_metrics.get(call.lower())
        if metric is None:
            continue
        if call.lower() == "score" and re.search(r"Regress|LinearRegression|Ridge|Lasso|ElasticNet", code):
            metric = "R²"  # a regressor's .score() is R²
        names.append(metric)
    return names


def _shown(text: str, figures: int) -> str:
    return rounded(text, figures) if figures else text


def _quantity(text: str, figures: int) -> Quantity:
    shown = _shown(text, figures)
    decimals = len(shown.split(".")[1]) if "." in shown and "e" not in shown.lower() else 0
    return Quantity(shown, float(text), "", 1.0, decimals)


def _round(measure: Measure, figures: int) -> Measure:
    """A printed float to the last digit reads as deck rounds printouts (0.8019351166761526 as 0.8019)."""
    value = measure.value
    if not figures or value.percent or value.decimals <= figures:
        return measure
    shown = _shown(value.text, figures)
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return replace(measure, value=replace(value, text=shown, decimals=decimals))


def _report(reader: Reader, text: str, where: str) -> list[Measure]:
    """A classification report (a header of metric names over one row a class, the support last): the
    measures of its smallest class, which is the one a take-home is about (the fraud, the churner, the click),
    and its accuracy line."""
    lines = [line.split() for line in text.splitlines() if line.strip()]
    header = next((k for k, words in enumerate(lines) if words and words[-1].lower() == "support"), None)
    if header is None:
        return []
    names = [reader.vocabulary.metric(word) for word in lines[header][:-1]]
    if len(names) < 2 or any(name is None for name in names):
        return []
    rows = [words for words in lines[header + 1 :] if len(words) == len(names) + 2 and words[-1].isdigit()]
    found: list[Measure] = []
    if len(rows) >= 2:
        label, *values, _support = min(rows, key=lambda words: int(words[-1]))
        for metric, value in zip(names, values, strict=True):
            if metric is not None and re.fullmatch(r"\d*\.\d+", value):
                sentence = f"{metric.name} of class {label}: {value}"
                named = f"{metric.name} (class {label})"
                found.append(
                    Measure(metric.name, named, _quantity(value, 0), sentence, lower_is_better=metric.lower_is_better)
                )
    accuracy = next((words for words in lines[header + 1 :] if words and words[0].lower() == "accuracy"), None)
    metric = reader.vocabulary.metric("accuracy")
    if accuracy is not None and len(accuracy) >= 2 and metric is not None and re.fullmatch(r"\d*\.\d+", accuracy[1]):
        found.append(Measure(metric.name, metric.name, _quantity(accuracy[1], 0), f"accuracy: {accuracy[1]}"))
    return found


def printed_measures(reader: Reader, printout: Printout, figures: int) -> list[Measure]:
    """Return the measures a cell's printed text states."""
    text = printout.text
    report = _report(reader, text, printout.where)
    if report:
        return report
    baseline_cell = bool(_BASELINE_CODE.search(printout.code))
    last = _last_statement(printout.code)
    found: list[Measure] = []
    if _BARE.match(text.strip()):
        # A bare number or tuple: named by the metric calls of the statement that returned it.
        numbers = re.findall(_NUMBER, text)
        names = _named_calls(reader, last)
        if names and len(names) >= len(numbers):
            for number, name in zip(numbers, names, strict=False):
                found.append(
                    Measure(
                        name,
                        name,
                        _quantity(number, figures),
                        f"{name}: {number}",
                        lower_is_better=_lower(reader, name),
                    )
                )
        return [replace(m, is_baseline=baseline_cell) for m in found]
    items = _DICT_ITEM.findall(text)
    lines = [f"{key}: {value}" for key, value in items] if items else text.splitlines()[:_LINES]
    for line in lines:
        line = line.strip()
        if not line or len(line) > 300:
            continue
        found.extend(_round(measure, figures) for measure in reader.measures(line))
    if baseline_cell and len(found) == 1 and found[0].baseline is None:
        # a cell that fits a Dummy model or a baseline and prints one score states the baseline's score
        found = [replace(found[0], is_baseline=True)]
    if not found and last:
        # "print(f'{score:.3f}')" printed a number with a word or two: name it by the metric the code computed.
        names = _named_calls(reader, printout.code)
        numbers = re.findall(_NUMBER, text)
        if len(names) == 1 and len(numbers) == 1:
            name = names[0]
            found.append(
                Measure(
                    name,
                    name,
                    _quantity(numbers[0], figures),
                    f"{name}: {numbers[0]}",
                    lower_is_better=_lower(reader, name),
                    is_baseline=baseline_cell,
                )
            )
    return found


def _lower(reader: Reader, name: str) -> bool:
    metric = reader.vocabulary.metric(name)
    return metric is not None and metric.lower_is_better
