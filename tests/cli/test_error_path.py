"""One error path: a user's error is one line with its exit code, the option that carried it
named by the command line (not by the core); a bug exits 3; a failing output is said once, at
the entry point, with the system's reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SHIPPED, mpi
from mpi.domain.errors import EditRefused, InternalError, PlanInvalid, PlanNotFound


def test_each_error_carries_its_exit_code_from_construction() -> None:
    assert EditRefused("x").exit_code == 1 and EditRefused("x", 2).exit_code == 2
    assert InternalError("x").exit_code == 3
    assert (
        PlanInvalid([], 2, "said").exit_code == 2 and PlanInvalid([], 2, "said").message == "said"
    )
    assert PlanNotFound("plan", "x").exit_code == 2


def test_a_plan_directory_that_is_none_is_named_by_its_option(tmp_path: Path) -> None:
    result = mpi("status", plan=tmp_path / "nope", lang="de", code=2)
    assert result.stderr.startswith("mpi: --plan: ") and "ist kein Verzeichnis" in result.stderr
    result = mpi("status", lang="de", env={"MPI_PLAN": str(tmp_path / "nope")}, code=2)
    assert result.stderr.startswith("mpi: MPI_PLAN: ")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_output_is_said_with_the_systems_reason() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mpi", "status", "--plan", str(SHIPPED), "--lang", "de"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "mpi: die Ausgabe kann nicht geschrieben werden: Auf dem Gerät ist kein Speicherplatz "
        "mehr verfügbar\n"
    ) or result.stderr.startswith("mpi: die Ausgabe kann nicht geschrieben werden: ")
    assert "Traceback" not in result.stderr and "interner Fehler" not in result.stderr
