"""Golden files in German (tests/golden/de/): the same views as the English goldens in
tests/golden/, as the people of the coordination round read them."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, MINI, TODAY, mpi

CASES = {
    "status.txt": ["status"],
    "status.md": ["status", "--format", "markdown"],
    "show-HF1.2.txt": ["show", "HF1.2"],
    "show-HF1.1.md": ["show", "HF1.1", "--format", "markdown"],
    "show-plan.txt": ["show", "plan"],
    "due.txt": ["due"],
    "due-2030.txt": ["due", "--year", "2030"],
    "due-all.md": ["due", "--all", "--before", "2027", "--format", "markdown"],
    "report.md": ["report"],
    "timeline.txt": ["timeline"],
    "list.txt": ["list"],
}
# The plan with every status, kind and state (tests/fixtures/every), for the views that show them.
EVERY_CASES = {
    "every-status.txt": ["status"],
    "every-show-HF1.3.txt": ["show", "HF1.3"],
    "every-due.txt": ["due"],
    "every-report.md": ["report"],
}


@pytest.fixture(autouse=True)
def fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # text as on a terminal (tables), not piped
    monkeypatch.delenv("MPI_PLAN", raising=False)


@pytest.mark.parametrize("name", sorted(CASES))
def test_german_golden_output(name: str, golden) -> None:
    result = mpi(*CASES[name], "--today", TODAY, plan=MINI, lang="de", today=TODAY)
    golden(f"de/{name}", result.stdout)


@pytest.mark.parametrize("name", sorted(EVERY_CASES))
def test_german_golden_output_of_every_status(name: str, golden) -> None:
    plan = FIXTURES / "every"
    result = mpi(*EVERY_CASES[name], "--today", TODAY, plan=plan, lang="de", today=TODAY)
    golden(f"de/{name}", result.stdout)
