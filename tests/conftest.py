"""Shared fixtures: the tiny test plan, copied so a test may break it in one place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Subprocesses started by tests must not read or fill the user's output cache;
# tests/test_cache.py turns it on explicitly.
os.environ["MPI_NO_CACHE"] = "1"

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "plan"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini."""
    target = tmp_path / "plan"
    shutil.copytree(MINI, target)
    return target


def break_plan(plan: Path, file: str, old: str, new: str) -> Path:
    """Replace `old` (which must occur exactly once) by `new` in one file of the plan."""
    path = plan / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


GOLDEN = Path(__file__).parent / "golden"


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
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(output, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert output == path.read_text(encoding="utf-8")

    return check
