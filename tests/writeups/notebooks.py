"""Notebooks as candidates save them, built at test time: markdown cells, code, PNG figures and DataFrame tables."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from PIL import Image, ImageDraw


def png(width: int = 480, height: int = 320, shade: int = 0) -> str:
    """Return a small chart-like PNG, base64 as Jupyter stores it."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for i in range(6):
        top = 40 + (i * 37 + shade * 11) % 200
        draw.rectangle([30 + i * 70, top, 80 + i * 70, height - 30], fill=(40, 90 + shade % 100, 160))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def frame_html(columns: list[str], rows: list[list[object]]) -> str:
    """Return a DataFrame's HTML as pandas writes it (default index, scoped style)."""
    head = "".join(f"      <th>{c}</th>\n" for c in columns)
    body = ""
    for i, row in enumerate(rows):
        cells = "".join(f"      <td>{v}</td>\n" for v in row)
        body += f"    <tr>\n      <th>{i}</th>\n{cells}    </tr>\n"
    return (
        "<div>\n<style scoped>\n    .dataframe tbody tr th:only-of-type {\n        vertical-align: middle;\n    }\n"
        "</style>\n"
        '<table border="1" class="dataframe">\n  <thead>\n    <tr style="text-align: right;">\n      <th></th>\n'
        f"{head}    </tr>\n  </thead>\n  <tbody>\n{body}  </tbody>\n</table>\n</div>"
    )


def figure_cell(code: str, shade: int = 0) -> nbformat.NotebookNode:
    cell = new_code_cell(code)
    cell.outputs = [
        new_output(
            "display_data", data={"image/png": png(shade=shade), "text/plain": "<Figure size 640x480 with 1 Axes>"}
        )
    ]
    return cell


def table_cell(code: str, columns: list[str], rows: list[list[object]]) -> nbformat.NotebookNode:
    cell = new_code_cell(code)
    text = "\n".join(" ".join(str(v) for v in r) for r in rows)
    cell.outputs = [new_output("execute_result", data={"text/html": frame_html(columns, rows), "text/plain": text})]
    return cell


def fraud_notebook(path: Path) -> Path:
    """A fraud-detection notebook whose figures and tables live only in cell outputs."""
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Card fraud detection\nTake-home for the risk analytics team."),
        new_code_cell("import pandas as pd\nimport lightgbm as lgb\ndf = pd.read_parquet('transactions.parquet')"),
        new_markdown_cell(
            "## The task\nFraud is 0.17% of transactions but costs the bank about $3M a year in chargebacks. "
            "The goal is to score every card payment so analysts review the riskiest ones first."
        ),
        new_markdown_cell(
            "## Exploring the data\nFraud amounts are skewed towards small test payments followed by large ones."
        ),
        figure_cell("df.groupby('hour').is_fraud.mean().plot.bar()", shade=1),
        new_markdown_cell(
            "## Model training\n"
            "- Time-ordered split instead of random folds because card behaviour drifts month to month\n"
            "- LightGBM with class weights\n"
        ),
        table_cell(
            "scores",
            ["model", "PR-AUC", "recall@1%FPR"],
            [["logistic regression", 0.52, 0.61], ["random forest", 0.71, 0.74], ["LightGBM", 0.79, 0.81]],
        ),
        new_markdown_cell(
            "## Results\nLightGBM reaches a PR-AUC of 0.79 vs 0.0017 for random ranking on the last two months. "
            "At a 1% false-positive rate it catches 81% of fraud, which would have saved about $2.1M last year."
        ),
        figure_cell("plot_pr_curve(y_test, scores)", shade=2),
        new_markdown_cell(
            "## Where it fails\n"
            "Card-not-present payments from new merchants are missed most: recall there falls to 0.44."
        ),
        figure_cell("plot_recall_by_segment()", shade=3),
        new_markdown_cell(
            "## Next steps\n- Add merchant-age features\n- Shadow-deploy for four weeks before alerting analysts"
        ),
    ]
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def many_figures_notebook(path: Path, count: int = 15) -> Path:
    """A notebook of one heading and ``count`` uncaptioned figures in a row."""
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# Sales exploration\n## Results")]
    nb.cells += [figure_cell(f"plot_{i}()", shade=i) for i in range(count)]
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def project(folder: Path) -> list[Path]:
    """A README plus two notebooks: the write-up, the exploration and the modelling."""
    readme = folder / "README.md"
    readme.write_text(
        "# Demand forecasting for a bike-share network\n\n"
        "## Overview\n\nEmpty docks at rush hour lose about 2,000 rides a week. I forecast hourly pickups per "
        "station for the next 24 hours so vans can rebalance bikes overnight.\n\n"
        "## Repository structure\n\n- `eda.ipynb`: exploration\n- `model.ipynb`: modelling and evaluation\n\n"
        "## Conclusions\n\nOne global model forecasts 42% closer than last week's pattern, which would save about "
        "1,100 rides a week.\n\n"
        "## Future improvements\n\n- Feed the stadium schedule in as a feature\n"
        "- Re-forecast every hour during the day\n",
        encoding="utf-8",
    )
    eda = new_notebook()
    eda.cells = [
        new_markdown_cell(
            "# EDA\n## Data overview\nTwo years of trips, 600 stations, 9.4M rides. Demand peaks at 8am and 6pm."
        ),
        figure_cell("trips.resample('h').size().plot()", shade=4),
        new_markdown_cell("Weekend demand is 35% lower and peaks around 2pm."),
        figure_cell("weekday_vs_weekend()", shade=5),
    ]
    model = new_notebook()
    model.cells = [
        new_markdown_cell(
            "# Modelling\n## Approach\n- One LightGBM model for all stations rather than 600 SARIMA models "
            "because it shares patterns across quiet stations"
        ),
        table_cell(
            "results",
            ["model", "MAPE", "train time"],
            [
                ["last week same hour", "31%", "0s"],
                ["SARIMA per station", "24%", "3h"],
                ["global LightGBM", "18%", "6min"],
            ],
        ),
        new_markdown_cell("## Evaluation\nBusy-hour MAPE is 18% against 31% for the same hour last week."),
        figure_cell("plot_forecast_vs_actual()", shade=6),
        new_markdown_cell(
            "## Error analysis\nErrors double on holidays and near stadiums: MAPE rises to 37% on event days."
        ),
    ]
    paths = [readme, folder / "eda.ipynb", folder / "model.ipynb"]
    paths[1].write_text(nbformat.writes(eda), encoding="utf-8")
    paths[2].write_text(nbformat.writes(model), encoding="utf-8")
    return paths


def claims_notebook(path: Path, roc_png: str) -> Path:
    """A claims notebook as people leave them: a code-cell heading first, dumps, figures titled only in code,
    a Plotly chart, and a ROC curve (``roc_png``, base64) that the README embeds too."""
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Load Dataset"),
        table_cell("claims = pd.read_csv('claims.csv')\nclaims.head()", ["id", "amount"], [[1, 120], [2, 89]]),
        table_cell("claims.describe()", ["stat", "amount"], [["mean", 143.2], ["std", 80.1]]),
        new_markdown_cell("## Claim amounts\nAmounts are right-skewed, with a long tail above 2,000."),
        figure_cell("sns.histplot(claims.amount)\nplt.title('Distribution of claim amounts')", shade=1),
        new_markdown_cell("## Model\nA random forest on 40 features, tuned with 5-fold cross-validation."),
        figure_cell(
            "cm = confusion_matrix(y_test, pred)\nsns.heatmap(cm, annot=True)\n"
            'plt.title("Confusion Matrix for Random Forest")',
            shade=2,
        ),
        figure_cell(
            "# fraud scores on the test set\nfpr, tpr, _ = roc_curve(y_test, proba)\nax.plot(fpr, tpr)\n"
            "ax.set_xlabel('False Positive Rate')",
            shade=3,
        ),
        _plotly_cell(),
    ]
    nb.cells[7].outputs[0]["data"]["image/png"] = roc_png
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def _plotly_cell() -> nbformat.NotebookNode:
    cell = new_code_cell("px.scatter(claims, x='age', y='amount')")
    cell.outputs = [
        new_output(
            "display_data",
            data={"application/vnd.plotly.v1+json": {"data": [], "layout": {}}, "text/html": "<div>plotly</div>"},
        )
    ]
    return cell
