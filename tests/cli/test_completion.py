"""Shell completion: ids from the plan for bash, zsh and fish; nothing (and no traceback)
when the plan is broken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SHIPPED


def complete(shell: str, words: str, cwd: Path | None = None, plan: Path = SHIPPED) -> str:
    env = {**os.environ, "_MPI_COMPLETE": f"complete_{shell}", "MPI_PLAN": str(plan)}
    if shell == "bash":
        env |= {
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    code = "import sys; sys.argv[0] = 'mpi'; from mpi.console import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=cwd
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_ids_complete_from_the_plan(shell: str) -> None:
    assert "HF1.10" in complete(shell, "mpi show HF1.1")
    assert "bahnanteil-gueterverkehr" in complete(shell, "mpi record bahn")
    assert "in_progress" in complete(shell, "mpi list --status in")
    assert "bwi" in complete(shell, "mpi list --partner b")


def test_milestones_complete_for_the_measure_given() -> None:
    out = complete("bash", "mpi milestone HF1.10 ").split()
    assert "bericht-koordinierungsrunde" in out and "1" in out
    assert complete("bash", "mpi milestone HF1.10 bericht-koordinierungsrunde d").split() == [
        "done"
    ]


def test_a_broken_plan_completes_nothing_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "plan"
    broken.mkdir()
    (broken / "plan.yaml").write_text("bad: [\n", encoding="utf-8")
    (broken / "hf1.yaml").write_text("x: [\n", encoding="utf-8")
    assert complete("bash", "mpi show HF", plan=broken).strip() == ""


def test_completion_scripts_are_offered() -> None:
    for shell in ("bash", "zsh", "fish"):
        script = Path(sys.executable).parent / "mpi"  # the console script, named mpi
        result = subprocess.run(
            [str(script), "--show-completion", shell], capture_output=True, text=True
        )
        assert result.returncode == 0 and "_MPI_COMPLETE" in result.stdout, result.stderr
