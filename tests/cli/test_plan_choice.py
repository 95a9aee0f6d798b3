"""Which plan a command uses: never silently the wrong one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import MINI, REPO, TODAY, mpi


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with no plan in it or above it."""
    monkeypatch.delenv("MPI_PLAN", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_without_a_plan_here_refuses_the_shipped_one(nowhere: Path, fmt: str) -> None:
    result = mpi("validate", "--format", fmt, code=2)
    assert result.stdout == ""
    assert "no plan here" in result.stderr and "--plan" in result.stderr


@pytest.mark.parametrize("args", [["report"], ["diff", "HEAD"], ["note", "HF1.1", "x"]])
def test_reports_and_edits_refuse_the_shipped_plan_too(nowhere: Path, args: list[str]) -> None:
    result = mpi(*args, code=2)
    assert "no plan here" in result.stderr


def test_a_query_falls_back_to_the_shipped_plan_and_says_so(nowhere: Path) -> None:
    result = mpi("status", "--today", TODAY)
    assert result.stdout.startswith("HF1\tFlächen und Infrastruktur")
    assert result.stderr.startswith("mpi: no plan here; showing the plan shipped with mpi")


def test_the_shipped_plan_is_checked_when_named(nowhere: Path) -> None:
    result = mpi("validate", plan=REPO / "plan")
    assert "plan is valid" in result.stderr


def test_a_directory_holding_plan_yaml_is_a_plan(
    nowhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = nowhere / "repo"
    shutil.copytree(MINI, plan)
    (plan / "sub").mkdir()
    monkeypatch.chdir(plan / "sub")
    mpi("note", "HF1.1", "hier", "--date", "2026-01-10")
    assert "text: hier" in (plan / "hf1-flaechen.yaml").read_text(encoding="utf-8")
    assert "text: hier" not in (REPO / "plan" / "hf1-flaechen-und-infrastruktur.yaml").read_text(
        encoding="utf-8"
    )


def test_mpis_own_plan_is_edited_only_when_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MPI_PLAN", raising=False)
    monkeypatch.chdir(REPO)
    result = mpi("note", "HF1.1", "x", "--dry-run", code=2)
    assert "refusing to edit mpi's own plan" in result.stderr
    named = mpi("note", "HF1.1", "x", "--dry-run", plan="plan")
    assert named.stdout.startswith("--- plan/hf1-")
