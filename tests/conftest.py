"""Fixtures and hooks only; what tests share besides them is in tests/helpers.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import GOLDEN, MINI, stable


@pytest.fixture(autouse=True, scope="session")
def english() -> Iterator[None]:
    """The tests written before mpi spoke German read English: MPI_LANG=en for the whole run
    (subprocesses inherit it). German output is tested with --lang de or MPI_LANG=de, and
    the language order itself with the variables set explicitly (tests/cli/test_language.py)."""
    saved = os.environ.get("MPI_LANG")
    os.environ["MPI_LANG"] = "en"
    yield
    if saved is None:
        del os.environ["MPI_LANG"]
    else:
        os.environ["MPI_LANG"] = saved


@pytest.fixture
def german() -> Iterator[None]:
    """German for the test's own calls into mpi (CLI runs choose their language themselves)."""
    from mpi.i18n import activate, language

    before = language()
    activate("de")
    yield
    activate(before)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini."""
    target = tmp_path / "plan"
    shutil.copytree(MINI, target)
    return target


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/* from the current output (review the diff)",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare output with tests/golden/NAME; `pytest --update-golden` rewrites the file."""

    def check(name: str, output: str) -> None:
        output = stable(output)
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(output, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert output == path.read_text(encoding="utf-8")

    return check
