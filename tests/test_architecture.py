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
    assert "deckbuilder.core.timing.planner" in loaded  # the run really planned


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
    # The import contracts in pyproject.toml (the same lint-imports that .ci/run runs).
    lint = Path(PYTHON).with_name("lint-imports")
    proc = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "0 broken" in proc.stdout


def test_every_module_lives_in_a_sub_package() -> None:
    loose = sorted(p.name for p in (ROOT / "deckbuilder").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "errors.py"]
    # The core shows its parts: no loose module, and each part says in one line what it holds.
    core = ROOT / "deckbuilder/core"
    assert sorted(p.name for p in core.glob("*.py")) == ["__init__.py"]
    parts = sorted(p for p in core.iterdir() if (p / "__init__.py").exists())
    assert [p.name for p in parts] == ["outline", "reading", "rules", "slides", "text", "timing"]
    for part in parts:
        doc = ast.get_docstring(ast.parse((part / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "\n" not in doc, part.name


def _classes_declaring(field: str) -> list[str]:
    found = []
    for file in (ROOT / "deckbuilder").rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = [
                    i.target.id for i in node.body if isinstance(i, ast.AnnAssign) and isinstance(i.target, ast.Name)
                ]
                if field in names:
                    found.append(node.name)
    return found


def test_one_class_holds_a_slides_budget() -> None:
    # From the planner to the history a budget is a field of TimedSlide and nothing else.
    assert _classes_declaring("budget_s") == ["TimedSlide"]


def test_history_and_rehearsal_paths_skip_the_outline_checks() -> None:
    # Only commands that read an outline pay for validating one.
    loaded = _loaded_after(
        "import deckbuilder, deckbuilder.rehearse.coach, deckbuilder.history.analysis, deckbuilder.rehearse.deck_reader"
    )
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]
    assert "deckbuilder.core.outline.loader" not in loaded and "deckbuilder.core.outline.fields" not in loaded


def test_no_import_cycle_inside_the_package() -> None:
    """No module reaches itself through its imports, function-level imports included (they run too)."""
    import grimp

    graph = grimp.build_graph("deckbuilder")
    ours = sorted(m for m in graph.modules if m.startswith("deckbuilder."))
    cycles = []
    for module in ours:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("deckbuilder.") and graph.find_shortest_chain(imported, module):
                cycles.append((module, imported, graph.find_shortest_chain(imported, module)))
    assert not cycles, "\n".join(f"{a} -> {b} -> ... -> {a}: {chain}" for a, b, chain in cycles[:10])
