"""The core stays pure: no python-pptx, matplotlib or textual on the planning path."""

from __future__ import annotations

import ast
import json
import subprocess
from pathlib import Path

from .conftest import PYTHON, ROOT

HEAVY = ("pptx", "matplotlib", "textual", "PIL", "numpy")
CORE = [
    "__init__.py",
    "errors.py",
    "core",
    "checks",
    "files",
    "rehearse",
    "history/store.py",
    "history/analysis.py",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_import_nothing_heavy() -> None:
    package = ROOT / "deckbuilder"
    files: list[Path] = []
    for name in CORE:
        target = package / name
        files.extend(sorted(target.rglob("*.py")) if target.is_dir() else [target])
    for file in files:
        heavy = _imports(file) & set(HEAVY)
        assert not heavy, f"{file.relative_to(ROOT)} imports {heavy}"


def test_plan_run_loads_no_heavy_module() -> None:
    script = (
        "import sys, json\n"
        "from deckbuilder.cli import main\n"
        "try:\n"
        f"    main(['plan', {str(ROOT / 'examples/churn/outline.yaml')!r}, '--json'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, check=True)
    loaded = json.loads(proc.stderr.splitlines()[-1])
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert heavy == []
    assert "deckbuilder.core.planner" in loaded  # the run really planned


def _loaded_after(statement: str) -> list[str]:
    script = f"import sys, json\n{statement}\nsys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    proc = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, check=True)
    return list(json.loads(proc.stderr.splitlines()[-1]))


def test_build_entry_starts_figures_before_heavy_imports() -> None:
    # build.py forks the figure worker before python-pptx or matplotlib are imported.
    loaded = _loaded_after("import deckbuilder.export.build")
    assert not [m for m in loaded if m.split(".")[0] in ("pptx", "matplotlib", "textual")]


def test_reader_of_decks_is_light() -> None:
    loaded = _loaded_after("import deckbuilder.rehearse.deck_reader")
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]


def test_layers_import_only_downward() -> None:
    package = ROOT / "deckbuilder"
    for file in (package / "export").glob("*.py"):
        text = file.read_text(encoding="utf-8")
        assert "deckbuilder.tui" not in text and "from ..tui" not in text, file
        assert "from ..cli" not in text, file
    for file in (package / "tui").glob("*.py"):
        text = file.read_text(encoding="utf-8")
        assert "export" not in text, f"{file} must not use the exporter"
    for file in [*package.glob("*.py"), *(package / "checks").glob("*.py")]:
        if file.name in ("cli.py", "planview.py", "__main__.py"):
            continue
        text = file.read_text(encoding="utf-8")
        assert "from .export" not in text and "from ..export" not in text, file


def test_history_and_rehearsal_paths_skip_pydantic() -> None:
    # Only commands that read an outline pay for validation.
    loaded = _loaded_after(
        "import deckbuilder, deckbuilder.rehearse.coach, deckbuilder.history.analysis, deckbuilder.rehearse.deck_reader"
    )
    assert not [m for m in loaded if m.split(".")[0] in ("pydantic", *HEAVY)]
