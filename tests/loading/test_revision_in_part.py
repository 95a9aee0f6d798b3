"""A revision that differs from the working tree inside one measure is read in part
(mpi.loading.revision._read_in_part): the result is the same Plan a whole read gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import SHIPPED, break_plan, commit, mpi, repository
from mpi.loading import revision
from mpi.loading.load import load_plan

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HF1 = "hf1-flaechen-und-infrastruktur.yaml"
HF2 = "hf2-innovation-und-digitalisierung.yaml"
NOTE = ["note", "HF1.5", "Vermerk", "--date", "2026-01-01"]
DECISION = ["--decision", "Koordinierungsrunde 12.06.2026, TOP 1", "--date", "2026-06-12"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git copy of the shipped plan, committed; returns its plan directory."""
    return repository(tmp_path / "repo", SHIPPED, "v0")


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
    mpi(*edit, plan=repo)
    in_part, whole, parts = both_ways(repo)
    assert parts == 1
    assert in_part == whole


def test_a_change_outside_the_measures_is_read_whole(repo: Path) -> None:
    break_plan(repo, HF2, "title: Innovation und Digitalisierung", "title: Innovation")
    in_part, whole, parts = both_ways(repo)
    assert (parts, in_part == whole) == (0, True)


def test_many_measures_changed_are_read_in_part(repo: Path) -> None:
    for measure in ("HF1.1", "HF1.5", "HF1.17"):
        mpi("note", measure, "Vermerk", plan=repo)
    mpi("set", "HF1.6", "--status", "at_risk", plan=repo)
    break_plan(repo, HF1, "  - id: HF1.6\n", "  # ein Kommentar\n  - id: HF1.6\n")
    in_part, whole, parts = both_ways(repo)
    assert (parts, in_part == whole) == (1, True)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - id: HF1.17\n", "  - id: HF1.18\n"),  # a measure renamed: read in part
        ("  - id: HF1.5\n", "  - id: HF1.50\n"),
    ],
)
def test_a_renamed_measure_is_read_in_part(repo: Path, old: str, new: str) -> None:
    break_plan(repo, HF1, old, new)
    in_part, whole, parts = both_ways(repo)
    assert (parts, in_part == whole) == (1, True)


def test_a_measure_added_or_removed_is_read_whole(repo: Path) -> None:
    path = repo / HF1
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: HF1.17\n")
    path.write_text(text[:start].rstrip("\n") + "\n", encoding="utf-8")  # the last one gone
    in_part, whole, parts = both_ways(repo)
    assert (parts, in_part == whole) == (0, True)


def test_an_invalid_measure_at_the_revision_is_reported_where_it_is(repo: Path) -> None:
    break_plan(repo, HF1, "  - id: HF1.5\n", "  - id: HF1.5\n    bogus: 1\n")
    commit(repo.parent, "broken")
    break_plan(repo, HF1, "  - id: HF1.5\n    bogus: 1\n", "  - id: HF1.5\n")
    result = mpi("diff", "HEAD", plan=repo, lang="en", code=1)
    at = (repo / HF1).read_text(encoding="utf-8").splitlines().index("  - id: HF1.5") + 2
    assert f"HEAD:plan/{HF1}:{at}:5:" in result.stderr  # the line after the measure's id


def test_a_file_changed_since_it_was_read_is_read_whole(repo: Path) -> None:
    mpi(*NOTE, plan=repo)
    current = load_plan(repo)
    path = repo / HF1
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert path not in revision._read_in_part(repo, repo, current, {})


@pytest.mark.parametrize(
    ("owner", "odd", "parts"),
    [
        ("HF1.5", "    text: |\n      Flächen\n      # Häfen\n", 1),  # a `#` line of the text
        ("HF1.5", "    text: |+\n      Flächen\n\n\n", 0),  # kept trailing blank lines
        ("HF1.5", "    text: |2+\n        Flächen\n\n", 0),
        ("HF1.5", "    text: 'Flächen\u2028Häfen'\n", 0),  # a line break for libyaml only
        ("HF1.17", "    text: |\n      Flächen", 0),  # the file's end, without a line break
    ],
    ids=["hash-line", "keep", "keep-indent", "line-separator", "no-final-newline"],
)
def test_blocks_that_read_otherwise_alone_are_read_whole(
    repo: Path, owner: str, odd: str, parts: int
) -> None:
    """The revision's measure ends with what its lines alone could read otherwise: the
    same Plan comes out, read in part where the block holds every line of the measure (a
    `#` line of a text), else read whole."""
    path = repo / HF1
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {owner}\n")
    end = text.find("\n\n  - id: ", start)
    end = len(text) if end < 0 else end + 1
    item = text[start:end]
    cut = item.index("    text: ")
    item_odd = item[:cut] + item[item.index("    goals: ") :] + odd
    path.write_text(text[:start] + item_odd + text[end:], encoding="utf-8")
    commit(repo.parent, "odd")
    head = path.read_text(encoding="utf-8")
    title = head.index("    title: ", start)
    path.write_text(head[:title] + "    title: Neu," + head[title + 10 :], encoding="utf-8")
    assert not load_plan(repo).errors
    in_part, whole, read_in_part = both_ways(repo)
    assert (read_in_part, in_part == whole) == (parts, True)
