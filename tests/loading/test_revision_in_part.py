"""A revision that differs from the working tree inside one measure is read in part
(mpi.loading.revision._read_in_part): the result is the same Plan a whole read gives."""

from __future__ import annotations

import shutil
from itertools import takewhile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, break_plan, commit, git, invoke
from mpi.loading import revision
from mpi.loading.load import load_plan
from mpi.loading.reread import same_end, same_start

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HF1 = "hf1-flaechen-und-infrastruktur.yaml"
HF2 = "hf2-innovation-und-digitalisierung.yaml"
NOTE = ["note", "HF1.5", "Vermerk", "--date", "2026-01-01"]
DECISION = ["--decision", "Koordinierungsrunde, TOP 1", "--date", "2026-06-12"]


def shared(a: str, b: str) -> int:
    """How many characters a and b share from the start, one at a time."""
    return sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(a, b, strict=False)))


@given(st.text("ab\n", max_size=40), st.text("ab\n", max_size=40), st.integers(1, 5))
def test_the_shared_start_and_end_are_found_block_by_block(a: str, b: str, step: int) -> None:
    start = shared(a, b)
    assert same_start(a, b, step) == start
    room = min(len(a), len(b)) - start
    assert same_end(a, b, room, step) == min(shared(a[::-1], b[::-1]), room)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git copy of the shipped plan, committed; returns its plan directory."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(SHIPPED, root / "plan")
    git(root, "init", "-q")
    commit(root, "v0")
    return root / "plan"


def both_ways(plan: Path) -> tuple[dict[str, object], dict[str, object], int]:
    """The revision's plan read in part and read whole, and how many files were read in
    part."""
    current = load_plan(plan)
    parts: list[int] = []
    real = revision._read_in_part

    def counted(*args: object) -> dict[Path, object]:
        found = real(*args)  # type: ignore[arg-type]
        parts.append(len(found))
        return found

    revision._read_in_part = counted  # type: ignore[assignment]
    try:
        in_part = revision.load_at(plan, "HEAD", current, release=True)
    finally:
        revision._read_in_part = real  # type: ignore[assignment]
    whole = revision.load_at(plan, "HEAD")
    return in_part.model_dump(), whole.model_dump(), parts[0]


@pytest.mark.parametrize(
    "edit",
    [
        NOTE,
        ["set", "HF1.5", "--status", "at_risk", "--note", "Verzug"],
        ["milestone", "HF1.15", "1", "done", "--date", "2026-01-01"],
        ["reschedule", "HF1.15", "1", "2032", *DECISION],
        ["drop", "HF1.6", *DECISION],
    ],
    ids=["note", "set", "milestone", "reschedule", "drop"],
)
def test_an_edit_of_one_measure_reads_only_that_measure(repo: Path, edit: list[str]) -> None:
    assert invoke([*edit, "--plan", str(repo)]).exit_code == 0
    in_part, whole, parts = both_ways(repo)
    assert parts == 1
    assert in_part == whole


def test_a_change_outside_the_measures_is_read_whole(repo: Path) -> None:
    break_plan(repo, HF2, "title: Innovation und Digitalisierung", "title: Innovation")
    in_part, whole, parts = both_ways(repo)
    assert (parts, in_part == whole) == (0, True)


def test_two_measures_changed_are_read_whole(repo: Path) -> None:
    assert invoke([*NOTE, "--plan", str(repo)]).exit_code == 0
    assert invoke(["note", "HF1.6", "Auch", "--plan", str(repo)]).exit_code == 0
    in_part, whole, parts = both_ways(repo)
    assert (parts, in_part == whole) == (0, True)


def test_an_invalid_measure_at_the_revision_is_reported_where_it_is(repo: Path) -> None:
    break_plan(repo, HF1, "  - id: HF1.5\n", "  - id: HF1.5\n    bogus: 1\n")
    commit(repo.parent, "broken")
    break_plan(repo, HF1, "  - id: HF1.5\n    bogus: 1\n", "  - id: HF1.5\n")
    result = invoke(["diff", "HEAD", "--plan", str(repo), "--lang", "en"])
    assert result.exit_code == 1
    assert f"HEAD:plan/{HF1}:157:5:" in result.stderr
