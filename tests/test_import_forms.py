"""Forms of write-up that many candidates use: R Markdown and Quarto, bold lines as headings, and a next step said
in passing inside another section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from deckbuilder.core.rules.config import default_config
from deckbuilder.importer.run import import_writeups

RMD = """---
title: "Readmission risk take-home"
author: "A. Candidate"
output: html_document
---

```{r setup, include=FALSE}
knitr::opts_chunk$set(echo = TRUE)
accuracy <- 0.5
```

## Problem

The clinic wants to know which discharged patients come back within 30 days.

## Results

The gradient boosted model reached a recall of 0.71 on the held-out month, against 0.40 for the current rule.

## Next steps

If I had another week, I would add the pharmacy records and calibrate the scores.
"""

BOLD = """# Store demand forecast

## Approach

I forecast weekly demand per store with a seasonal model.

**Results**

The model's MAPE on the last 8 weeks was 11.2%, against 17.5% for last year's same week.

**Improvements**

Results can further be improved

- Train on three more years of history
- Add the promotion calendar as a regressor
"""


def _import(tmp: Path, name: str, text: str) -> dict[str, Any]:
    path = tmp / name
    path.write_text(text)
    result = import_writeups([path], tmp / "talk.yaml", default_config())
    data: dict[str, Any] = yaml.safe_load(result.text)
    return data


def _slide(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in data["slides"] if s["kind"] == kind)


def test_r_markdown_is_read_with_its_front_matter_title_and_without_its_code(tmp_path: Path) -> None:
    data = _import(tmp_path, "report.Rmd", RMD)
    assert data["title"] == "Readmission risk take-home"
    text = yaml.safe_dump(data, width=10_000)
    assert "output: html_document" not in text and "opts_chunk" not in text
    results = _slide(data, "results")
    assert results["metrics"][0]["value"] == 0.71  # never the 0.5 a code chunk assigns
    assert "pharmacy records" in yaml.safe_dump(_slide(data, "next_steps"), width=10_000)


def test_a_quarto_file_is_markdown_too(tmp_path: Path) -> None:
    data = _import(tmp_path, "report.qmd", RMD)
    assert "todo" not in _slide(data, "results")


def test_a_bold_line_that_names_a_part_heads_it(tmp_path: Path) -> None:
    data = _import(tmp_path, "README.md", BOLD)
    steps = _slide(data, "next_steps")
    assert "todo" not in steps
    assert "promotion calendar" in yaml.safe_dump(steps, width=10_000)
    assert "promotion calendar" not in yaml.safe_dump(_slide(data, "results"), width=10_000)


def test_a_bold_line_that_names_no_part_stays_text(tmp_path: Path) -> None:
    text = BOLD.replace("**Improvements**", "**Store 14 is an outlier**")
    data = _import(tmp_path, "README.md", text)
    assert not any(s.get("title") == "Store 14 is an outlier" for s in data["slides"])


def test_a_next_step_said_inside_the_method_reaches_the_next_steps_slide(tmp_path: Path) -> None:
    text = """# Churn take-home

## Model

I chose these hyperparameters by hand. If I had the computational resources, I would tune them with a grid
search over the depth and the learning rate.

## Deployment

I deployed the model as a small web service that scores the daily batch.

## Results

The model's recall was 0.64 against 0.31 for the rule the team uses today.
"""
    data = _import(tmp_path, "README.md", text)
    steps = yaml.safe_dump(_slide(data, "next_steps"), width=10_000)
    assert "I would tune them with a grid search" in steps
    # a section headed "Deployment" that reports a deployment done is work, not a plan
    assert "web service" not in steps
    assert "web service" in yaml.safe_dump(data, width=10_000)
