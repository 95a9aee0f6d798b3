"""mpi diff: semantic changes between git revisions of a throwaway repository, and errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import MINI, break_plan, commit, git, mpi, repository
from mpi.domain.errors import UsageError
from mpi.loading import revision
from mpi.loading.load import load_plan, require_plan
from mpi.render.change_words import describe
from mpi.views.diff import diff as plan_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HF1 = "hf1-flaechen.yaml"
HF2 = "hf2-innovation.yaml"
VALUE = """        direction: at_least
        values:
          - date: 2024-06-30
            value: 98.5
            source: Statistikamt Nord
    updates: []"""
NEW_MEASURE = """
  - id: HF2.2
    title: FabCity
    text: Hamburg ist FabCity.
    goals: [HF2.I]
    status: ongoing
"""


def make_history(repo: Path) -> Path:
    """A repository whose tags v0..v5 each make one kind of change to the mini plan."""
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("test\n", encoding="utf-8")
    commit(repo, "empty")
    plan = repo / "plan"
    shutil.copytree(MINI, plan)
    commit(repo, "v0")
    break_plan(
        plan,
        HF1,
        "    status: planned\n    tags: [Wasserstoff]",
        "    status: in_progress\n    tags: [Wasserstoff]",
    )
    commit(repo, "v1")
    break_plan(
        plan,
        HF2,
        "        due: 2026\n",
        "        due: 2026\n        status: done\n        done: 2025-03\n",
    )
    commit(repo, "v2")
    break_plan(plan, HF1, "        due: 2030\n", "        due: 2031\n")
    commit(repo, "v3")
    break_plan(plan, HF1, "        direction: at_least\n    updates: []", VALUE)
    commit(repo, "v4")
    break_plan(plan, HF2, "\ngoal_assignment:", NEW_MEASURE.rstrip("\n") + "\ngoal_assignment:")
    commit(repo, "v5")
    return plan


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_history(tmp_path_factory.mktemp("diff") / "repo")


POSTPONED = (
    "! HF1.2 Wasserstoffnetz, „Ausbaustufe 1“: deadline postponed by 12 months (2030 → 2031), "
    "without decision"
)
VALUE_RECORDED = (
    "HF1.1 Flächen erhalten, „Flächenreserve“: value 98.5 ha on 2024-06-30 (Statistikamt Nord)"
)
CASES = {
    ("v0", "v1"): ["HF1.2 Wasserstoffnetz: planned → in progress"],
    ("v1", "v2"): ["HF2.1 Additive Fertigung, „Neubau fertig“ done (2025-03)"],
    ("v2", "v1"): ["HF2.1 Additive Fertigung, „Neubau fertig“ reopened (was done)"],
    ("v2", "v3"): ["Weakening change (1):", POSTPONED],
    ("v3", "v4"): [VALUE_RECORDED],
    ("v4", "v5"): ["HF2.2 added: FabCity"],
    ("v5", "v4"): ["Weakening change (1):", "! HF2.2 removed: FabCity, without decision"],
    ("v5", "HEAD"): [],
    ("v0", "v5"): [
        "Weakening change (1):",
        POSTPONED,
        "Other changes (4):",
        VALUE_RECORDED,
        "HF1.2 Wasserstoffnetz: planned → in progress",
        "HF2.1 Additive Fertigung, „Neubau fertig“ done (2025-03)",
        "HF2.2 added: FabCity",
    ],
}


STAGE_2 = (
    "! HF1.2 Wasserstoffnetz, „Ausbaustufe 2“: deadline postponed by 12 months (2035 → 2036), "
    "without decision"
)


@pytest.mark.parametrize(("old", "new"), sorted(CASES))
def test_diff_between_revisions(history: Path, old: str, new: str) -> None:
    assert mpi("diff", old, new, plan=history).stdout.splitlines() == CASES[(old, new)]


def test_diff_against_the_working_tree(tmp_path: Path) -> None:
    plan = make_history(tmp_path / "repo")
    assert mpi("diff", "v5", plan=plan).stdout == ""
    break_plan(plan, HF2, "text: Neue Technologien befördern", "text: Neue Technologien fördern")
    break_plan(plan, HF1, "    lead: [bwi, hk]", "    lead: [hk]")
    break_plan(plan, "plan.yaml", "vision: Eine Vision.", "vision: Eine neue Vision.")
    assert mpi("diff", "HEAD~1", plan=plan).stdout.splitlines() == [
        "Weakening change (1):",
        "! HF1.2 Wasserstoffnetz: partner taken off the lead (Senat/BWI, Handelskammer → "
        "Handelskammer), without decision",
        "Other changes (3):",
        "Plan: vision changed",
        "HF2.I: text changed",
        "HF2.2 added: FabCity",
    ]


def test_diff_without_a_revision_compares_with_head_as_git_diff_does(tmp_path: Path) -> None:
    plan = make_history(tmp_path / "repo")
    assert mpi("diff", plan=plan).stdout == ""
    break_plan(plan, HF1, "        due: 2031\n", "        due: 2033\n")
    assert mpi("diff", plan=plan).stdout == mpi("diff", "HEAD", plan=plan).stdout
    assert "(2031 → 2033), without decision" in mpi("diff", plan=plan).stdout


def test_diff_in_a_repository_without_a_commit_says_so(mini: Path) -> None:
    git(mini, "init", "-q")
    said = mpi("diff", plan=mini, code=2).stderr
    assert said == (
        "mpi: the plan's git repository has no commit yet; mpi diff compares with the last "
        "commit (commit the plan first)\n"
    )


def test_diff_json_and_markdown(history: Path) -> None:
    data = json.loads(mpi("diff", "v0", "v2", "--format", "json", plan=history).stdout)
    assert data["from"] == "v0" and data["to"] == "v2"
    assert data["changes"] == [
        {
            "kind": "status_changed",
            "subject": "HF1.2",
            "item": None,
            "attribute": None,
            "old": "planned",
            "new": "in_progress",
            "date": None,
            "text": None,
            "occurrence": None,
            "note": None,
            "what": "measure",
            "weakening": False,
            "months": None,
            "days": None,
            "reporter": None,
            "title": "Wasserstoffnetz",
            "item_title": None,
            "decision": None,
            "correction": None,
        },
        {
            "kind": "milestone_done",
            "subject": "HF2.1",
            "item": "neubau",
            "attribute": None,
            "old": "open",
            "new": "done",
            "date": "2025-03",
            "text": None,
            "occurrence": None,
            "note": None,
            "what": "milestone",
            "weakening": False,
            "months": None,
            "days": None,
            "reporter": None,
            "title": "Additive Fertigung",
            "item_title": "Neubau fertig",
            "decision": None,
            "correction": None,
        },
    ]
    md = mpi("diff", "v0", "v1", "--format", "markdown", plan=history).stdout
    assert md == "## Changes from v0 to v1\n\n- HF1.2 Wasserstoffnetz: planned → in progress\n"
    md = mpi("diff", "v2", "v3", "--format", "markdown", plan=history).stdout
    assert md == (
        f"## Changes from v2 to v3\n\n### Weakening change (1)\n\n- **{POSTPONED[2:]}**\n"
    )
    data = json.loads(mpi("diff", "v2", "v3", "--format", "json", plan=history).stdout)
    (moved,) = data["changes"]
    assert (moved["kind"], moved["weakening"], moved["months"]) == ("postponed", True, 12)
    assert (moved["old"], moved["new"], moved["decision"]) == ("2030", "2031", None)


def test_bad_revision_is_a_usage_error(history: Path) -> None:
    assert (
        "unknown git revision 'no-such-rev'"
        in mpi("diff", "no-such-rev", plan=history, code=2).stderr
    )
    assert "unknown git revision" in mpi("diff", "v0", "v0~99", plan=history, code=2).stderr
    assert "does not exist at revision 'empty'" in mpi("diff", "empty", plan=history, code=2).stderr
    with pytest.raises(UsageError, match="not a git revision"):
        revision.resolve(history, "--output=/tmp/x")


def test_plan_outside_git_is_a_usage_error(mini: Path) -> None:
    assert "is not in a git repository" in mpi("diff", "HEAD", plan=mini, code=2).stderr


def test_bad_format_is_a_usage_error(history: Path) -> None:
    assert (
        "'csv' is not one of 'text', 'json', 'markdown'"
        in mpi("diff", "v0", "-f", "csv", plan=history, code=2).stderr
    )


def test_invalid_plan_at_a_revision(tmp_path: Path) -> None:
    plan = make_history(tmp_path / "repo")
    break_plan(plan, HF1, "    status: in_progress\n", "    status: bogus\n")
    commit(tmp_path / "repo", "broken")
    err = mpi("diff", "broken", "v5", plan=plan, code=1).stderr
    assert "broken:plan/hf1-flaechen.yaml:" in err
    assert "the plan at revision broken has 1 error\n" in err


def test_plan_at_the_top_of_the_repository(tmp_path: Path) -> None:
    repo = repository(tmp_path / "top", MINI, "v0", plan="")
    break_plan(repo, HF1, "        due: 2035\n", "        due: 2036\n")
    assert mpi("diff", "v0", plan=repo).stdout.splitlines()[1] == STAGE_2


# --- the semantic diff itself, without git -----------------------------------------------------


def changes(mini: Path, file: str, old: str, new: str) -> list[str]:
    before = require_plan(load_plan(MINI))
    break_plan(mini, file, old, new)
    return [describe(c) for c in plan_diff(before, require_plan(load_plan(mini)))]


EDITS = {
    "update with status": (
        HF1,
        "        direction: at_least\n    updates: []",
        "        direction: at_least\n    updates:\n      - date: 2024-03-01\n"
        "        text: Gestartet.\n        status: ongoing",
        ["HF1.1 update 2024-03-01: Gestartet. (status ongoing)"],
    ),
    "recurring occurrence held": (
        HF1,
        "start: 2023}",
        "start: 2023, last_done: 2024-12}",
        ["HF1.2 bericht done (2024-12)"],
    ),
    "milestone missed": (
        HF1,
        "        due: 2030\n        status: open",
        "        due: 2030\n        status: missed",
        ["HF1.2 stufe-1 missed"],
    ),
    "milestone added": (
        HF2,
        "    updates: []",
        "      - id: eroeffnung\n        title: Eröffnung\n        due: 2027-09\n    updates: []",
        ["HF2.1: milestone „Eröffnung“ added (due 2027-09)"],
    ),
    "recurrence changed": (
        HF1,
        "every: half-yearly, start: 2023}",
        "every: yearly, start: 2024}",
        [
            "HF1.2 bericht: recurring duty thinned out (halbjährlich ab 2023 → jährlich ab "
            "2024), without decision"
        ],
    ),
    "occurrence recorded": (
        HF1,
        "start: 2023}\n",
        "start: 2023}\n        occurrences: [{due: 2024-06, status: done, done: 2024-06-10}]\n",
        ["HF1.2 bericht 2024-06 done (2024-06-10)"],
    ),
    "kind changed": (
        HF2,
        "        kind: expected\n",
        "        kind: by\n",
        ["HF2.1 neubau: date made more binding (voraussichtlich → bis)"],
    ),
    "target changed": (
        HF1,
        "target: {value: 100, year: permanent,",
        "target: {value: 120, year: 2030,",
        [
            "HF1.1 flaechenreserve: target raised (at least 100 → at least 120)",
            "HF1.1 flaechenreserve: target year changed (permanent → 2030), without decision",
        ],
    ),
    "indicator added": (
        HF2,
        "    tags: [Innovation]\n",
        "    tags: [Innovation]\n    indicators:\n      - id: flaeche\n        name: Nutzfläche\n"
        "        unit: m²\n        target: {value: 500}\n        direction: at_least\n",
        ["HF2.1: indicator „Nutzfläche“ added"],
    ),
    "title changed": (
        HF2,
        "title: Additive Fertigung",
        "title: Additive Fertigung 3D",
        ["HF2.1: title changed"],
    ),
    "goal added": (
        HF2,
        "    text: Neue Technologien befördern\n",
        "    text: Neue Technologien befördern\n  - id: HF2.II\n    text: Mehr Mut\n",
        ["HF2.II added: Mehr Mut"],
    ),
    "plan milestone moved": (
        "plan.yaml",
        "due: 2028",
        "due: 2029",
        ["evaluation evaluation: deadline postponed by 12 months (2028 → 2029), without decision"],
    ),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_semantic_changes(mini: Path, name: str) -> None:
    file, old, new, expected = EDITS[name]
    assert changes(mini, file, old, new) == expected


def test_no_changes_between_equal_plans() -> None:
    plan = require_plan(load_plan(MINI))
    assert plan_diff(plan, plan) == []


def test_plan_directory_with_an_unusual_name(tmp_path: Path) -> None:
    """Spaces, umlauts and glob characters in the path survive git's quoting (-z) and pathspecs."""
    plan = repository(tmp_path / "repo", MINI, "v0", plan="pläne [*]")
    break_plan(plan, HF1, "        due: 2035\n", "        due: 2036\n")
    assert mpi("diff", "v0", plan=plan).stdout.splitlines()[1] == STAGE_2
