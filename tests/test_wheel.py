"""A non-editable install carries layouts/ and plans an example from anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT


def _venv_site(venv: Path) -> Path:
    found = list((venv / "lib").glob("python3*/site-packages"))
    assert found, "fresh venv has no site-packages"
    return found[0]


@pytest.mark.skipif(shutil.which("git") is None, reason="copying the tree needs git")
def test_wheel_ships_layouts_and_plans(tmp_path: Path) -> None:
    # Build from a copy of the tracked files so a dirty checkout cannot leak in.
    src = tmp_path / "src"
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("deck-*.whl"))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True)
    # Dependencies come from the test environment, after the venv's own site-packages,
    # so the deckbuilder that runs is the one from the wheel.
    (_venv_site(venv) / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "examples", work / "examples")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import deckbuilder, deckbuilder.core.rules.config as t; "
            "print(deckbuilder.__file__); print(t.layouts_dir())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert str(venv) in where[0] and str(venv) in where[1]
    proc = subprocess.run(
        [str(venv / "bin" / "deck"), "plan", "examples/churn/outline.yaml"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Catching churn" in proc.stdout
