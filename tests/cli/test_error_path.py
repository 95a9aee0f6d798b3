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


def _run_shell(line: str) -> subprocess.CompletedProcess[str]:
    """`python -m mpi …` through the shell (for redirections Python's subprocess cannot make)."""
    return subprocess.run(
        ["sh", "-c", f"exec {sys.executable} -m mpi {line}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    "line",
    [f"status --plan {SHIPPED}", "--version", "status --help", f"show HF1.1 --plan {SHIPPED}"],
)
def test_a_closed_output_is_an_output_error_not_silence(line: str) -> None:
    # Started with standard output closed, Python leaves sys.stdout None, and click and
    # rich dropped what was printed: the run ended with 0 and said nothing.
    result = _run_shell(f"{line} --lang de >&-")
    assert result.returncode == 2, result.stderr
    assert result.stderr.endswith(
        "mpi: die Ausgabe kann nicht geschrieben werden: ungültiger Dateideskriptor\n"
    ), result.stderr
    assert "Traceback" not in result.stderr and "interner Fehler" not in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_full_output_and_full_error_output_still_exit_2() -> None:
    result = _run_shell(f"status --plan {SHIPPED} >/dev/full 2>/dev/full")
    assert result.returncode == 2


def test_a_reader_that_stops_reading_ends_the_run_quietly() -> None:
    """`mpi list | head -1`: the reader closed the pipe on purpose; no message, exit 0 (a
    pipeline with `set -o pipefail` does not fail for it)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mpi", "list", "--plan", str(SHIPPED), "--lang", "de"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before mpi writes anything
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait() == 0, stderr
    assert stderr == ""


def test_output_errors_are_known_by_their_reason() -> None:
    import errno

    from mpi.cli.app import output_error

    for code in (errno.ENOSPC, errno.EBADF, errno.EPIPE, errno.EIO, errno.ECONNRESET):
        assert output_error(OSError(code, os.strerror(code)))
    assert not output_error(OSError(errno.ENOENT, os.strerror(errno.ENOENT)))


def test_a_full_disk_while_an_edit_writes_refuses_it_naming_the_file(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import mpi.edit.transaction as transaction

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(transaction, "atomic_write", full)
    before = (mini / "hf1-flaechen.yaml").read_bytes()
    result = mpi("note", "HF1.1", "Gespräch geführt", plan=mini, lang="de", code=2)
    assert result.stderr.startswith("mpi: ") and result.stderr.endswith(
        "hf1-flaechen.yaml kann nicht geschrieben werden: kein Platz mehr auf dem Gerät; "
        "nichts geschrieben\n"
    ), result.stderr
    assert (mini / "hf1-flaechen.yaml").read_bytes() == before
