"""`mpi history`: each move of a measure's deadlines, targets and status through the plan's
git history (and the working tree), with commit date, commit and decision; the summary per
milestone and indicator; the milestone filter; JSON, Markdown and German; renames; errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import partial
from pathlib import Path

import pytest
from typer.testing import Result

from helpers import ADOPTED, SHIPPED, TODAY, adopted_copy, break_plan, commit, git, mpi

HF1 = "hf1-flaechen-und-infrastruktur.yaml"
RENAMED = "hf1-infrastruktur.yaml"
STUFE_1 = (
    "due: 2030\n        kind: by\n        status: open\n        basis: stated\n        quote: A"
)
DRUCKSACHE = "Drucksache 22/1234"
NO = "mpi: HF1.15 has no milestone "
IDS = "(milestones: hh-win-stufe-1, hh-win-stufe-2)"
BAHN = "„Bahnanteil im Güterverkehr, bundesweit (Ziel der Koalitionspartner auf Bundesebene)“"


def decision(round_: str) -> list[str]:
    """`--decision "Koordinierungsrunde 12.06.2025, TOP 3" --date 2025-06-12`."""
    day = "-".join(reversed(round_[:10].split(".")))
    return ["--decision", f"Koordinierungsrunde {round_}", "--date", day]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan adopted on 2023-06-01, then one commit per change (each on its own
    day): a deadline edited by hand, a postponement and an advance by decision, a status, a
    lowered target, the file renamed; and one advance by decision not committed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("history") / "repo"
    plan = root / "plan"

    run = partial(mpi, plan=plan, today=TODAY)

    with pytest.MonkeyPatch.context() as mp:

        def committed(day: str, tag: str) -> None:
            mp.setenv("GIT_COMMITTER_DATE", f"{day}T12:00:00")
            commit(root, tag)

        mp.setenv("GIT_COMMITTER_DATE", "2023-06-01T12:00:00")
        adopted_copy(root)
        break_plan(plan, HF1, STUFE_1, STUFE_1.replace("2030", "2031"))
        committed("2024-03-01", "hand")
        run("reschedule", "HF1.15", "hh-win-stufe-1", "2033", *decision("12.06.2025, TOP 3"))
        committed("2025-06-20", "postponed")
        run("reschedule", "HF1.15", "2", "2034", "--decision", DRUCKSACHE, "--date", "2025-09-01")
        committed("2025-09-02", "advanced")
        run("set", "HF1.15", "--status", "ongoing")
        committed("2025-10-01", "status")
        run("retarget", "bahnanteil-gueterverkehr", "22", "--year", "2030", *decision("01.12.2025"))
        committed("2025-12-05", "retarget")
        git(root, "mv", f"plan/{HF1}", f"plan/{RENAMED}")
        committed("2026-01-10", "renamed")
        run("reschedule", "HF1.15", "1", "2032", *decision("07.12.2026"))
    return root


def sha(repo: Path, tag: str) -> str:
    return git(repo, "rev-parse", tag).strip()


def history(repo: Path, *args: str, lang: str = "en", code: int = 0) -> Result:
    return mpi("history", *args, "--today", TODAY, plan=repo / "plan", lang=lang, code=code)


def test_text_lists_each_move_in_order_then_the_summary(repo: Path) -> None:
    """Each move with its day; the commits are in JSON, not in text for people."""
    assert history(repo, "HF1.15").stdout == (
        "History of HF1.15 Versorgung mit grünem Wasserstoff: deadlines, targets and status\n"
        "In the plan since 2023-06-01.\n"
        "\n"
        "2024-03-01  „HH-WIN Ausbaustufe 1“: deadline postponed by 12 months "
        "(2030 → 2031), without decision\n"
        "2025-06-20  „HH-WIN Ausbaustufe 1“: deadline postponed by 24 months "
        "(2031 → 2033), decision of 2025-06-12: Koordinierungsrunde 12.06.2025, TOP 3\n"
        "2025-09-02  „HH-WIN Ausbaustufe 2“: deadline brought forward by 12 "
        "months (2035 → 2034), decision of 2025-09-01: Drucksache 22/1234\n"
        "2025-10-01  planned → ongoing\n"
        "2026-12-07  „HH-WIN Ausbaustufe 1“: deadline brought forward by 12 "
        "months (2033 → 2032), decision of 2026-12-07: Koordinierungsrunde 07.12.2026 "
        "(not committed)\n"
        "\n"
        "Summary\n"
        "„HH-WIN Ausbaustufe 1“: 2030 → 2032; 3 changes, 2 of them weakening; "
        "24 months later in all\n"
        "„HH-WIN Ausbaustufe 2“: 2035 → 2034; 1 change; 12 months earlier in all\n"
    )


def test_an_indicator_lowered_by_decision_and_its_summary(repo: Path) -> None:
    decided = "decision of 2025-12-01: Koordinierungsrunde 01.12.2025"
    lines = history(repo, "HF1.12").stdout.splitlines()
    assert lines[3:] == [
        f"2025-12-05  {BAHN}: target lowered (at least 25 % → at least 22 %), {decided}",
        f"2025-12-05  {BAHN}: target year changed (– → 2030), {decided}",
        "",
        "Summary",
        # the Bund's target (`party`): lowering it weakens nothing the partners committed to
        f"{BAHN}: at least 25 % → at least 22 % (2030); 2 changes",
    ]


@pytest.mark.parametrize("milestone", ["hh-win-stufe-1", "1"])
def test_the_milestone_argument_by_id_or_number(repo: Path, milestone: str) -> None:
    lines = history(repo, "HF1.15", milestone).stdout.splitlines()
    assert (
        lines[0] == "History of HF1.15 Versorgung mit grünem Wasserstoff, milestone hh-win-stufe-1"
    )
    moves = lines[3 : lines.index("Summary") - 1]
    assert [line.split("  ")[0] for line in moves] == ["2024-03-01", "2025-06-20", "2026-12-07"]
    assert all("„HH-WIN Ausbaustufe 1“" in line for line in moves)
    assert lines[lines.index("Summary") + 1 :] == [
        "„HH-WIN Ausbaustufe 1“: 2030 → 2032; 3 changes, 2 of them weakening; "
        "24 months later in all"
    ]


def test_markdown_of_the_second_milestone(repo: Path) -> None:
    md = history(repo, "HF1.15", "2", "--format", "markdown").stdout
    assert md.startswith(
        "# History of HF1.15 Versorgung mit grünem Wasserstoff, milestone hh-win-stufe-2\n"
    )
    assert (
        "| Date | Change |\n|---|---|\n"
        "| 2025-09-02 | „HH-WIN Ausbaustufe 2“: deadline brought "
        "forward by 12 months (2035 → 2034), decision of 2025-09-01: Drucksache 22/1234 |\n"
    ) in md
    assert md.endswith(
        "## Summary\n\n- „HH-WIN Ausbaustufe 2“: 2035 → 2034; 1 change; 12 months earlier in all\n"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["HF1.15", "hh-win-stufe-3"], f"{NO}'hh-win-stufe-3'; did you mean hh-win-stufe-2? {IDS}"),
        (["HF1.15", "3"], f"{NO}'3' {IDS}"),
        (["HF1.99"], "mpi: unknown measure 'HF1.99'; did you mean HF1.9?"),
    ],
)
def test_an_unknown_milestone_or_measure_gets_one_line(
    repo: Path, args: list[str], said: str
) -> None:
    result = history(repo, *args, code=2)
    assert result.stdout == ""
    assert result.stderr == said + "\n"
    assert isinstance(result.exception, SystemExit)


def test_json_events_and_summary(repo: Path) -> None:
    data = json.loads(history(repo, "HF1.15", "--format", "json").stdout)
    assert (data["owner"], data["milestone"]) == ("HF1.15", None)
    assert (data["first_commit"], data["first_date"]) == (sha(repo, ADOPTED), "2023-06-01")
    assert [e["commit"] for e in data["events"]] == [
        *(sha(repo, tag) for tag in ("hand", "postponed", "advanced", "status")),
        None,  # the working tree
    ]
    keys = ("commit_date", "kind", "item", "old", "new", "weakening", "months")
    assert [" ".join(str(e[k]) for k in keys) for e in data["events"]] == [
        "2024-03-01 postponed hh-win-stufe-1 2030 2031 True 12",
        "2025-06-20 postponed hh-win-stufe-1 2031 2033 True 24",
        "2025-09-02 advanced hh-win-stufe-2 2035 2034 False -12",
        "2025-10-01 status_changed None planned ongoing False None",
        f"{TODAY} advanced hh-win-stufe-1 2033 2032 False -12",
    ]
    assert [e["decision"] for e in data["events"]] == [
        None,
        {"date": "2025-06-12", "text": "Koordinierungsrunde 12.06.2025, TOP 3"},
        {"date": "2025-09-01", "text": DRUCKSACHE},
        None,
        {"date": TODAY, "text": "Koordinierungsrunde 07.12.2026"},
    ]
    assert data["events"][0]["item_title"] == "HH-WIN Ausbaustufe 1"
    row = ("item", "first", "current", "changes", "weakening", "months", "days", "what")
    assert [tuple(c[k] for k in row) for c in data["summary"]] == [
        ("hh-win-stufe-1", "2030", "2032", 3, 2, 24, 0, "milestone"),
        ("hh-win-stufe-2", "2035", "2034", 1, 0, -12, 0, "milestone"),
    ]
    assert [c["title"] for c in data["summary"]] == ["HH-WIN Ausbaustufe 1", "HH-WIN Ausbaustufe 2"]
    assert data["skipped_versions"] == 0


def test_german(repo: Path) -> None:
    lines = history(repo, "HF1.15", lang="de").stdout.splitlines()
    assert (
        lines[0]
        == "Verlauf von HF1.15 Versorgung mit grünem Wasserstoff: Fristen, Ziele und Status"
    )
    assert lines[1] == "Im Plan seit 01.06.2023."
    assert lines[3].endswith(
        "„HH-WIN Ausbaustufe 1“: Frist verschoben um 12 Monate (2030 → 2031), ohne Beschluss"
    )
    assert lines[4] == (
        "20.06.2025  „HH-WIN Ausbaustufe 1“: Frist verschoben um "
        "24 Monate (2031 → 2033), Beschluss vom 12.06.2025: Koordinierungsrunde 12.06.2025, TOP 3"
    )
    assert lines[6].endswith("  geplant → laufend")
    assert lines[7].startswith("07.12.2026  „HH-WIN Ausbaustufe 1“: Frist vorgezogen")
    assert lines[7].endswith("(nicht eingecheckt)")
    assert lines[9:] == [
        "Zusammenfassung",
        "„HH-WIN Ausbaustufe 1“: 2030 → 2032; 3 Änderungen, davon 2 abschwächend; "
        "insgesamt 24 Monate später",
        "„HH-WIN Ausbaustufe 2“: 2035 → 2034; 1 Änderung; insgesamt 12 Monate früher",
    ]


def test_a_renamed_plan_file_is_followed(repo: Path) -> None:
    assert not (repo / "plan" / HF1).exists() and (repo / "plan" / RENAMED).is_file()
    renamed = git(repo, "show", "--name-status", "--format=", "renamed")
    assert renamed.startswith(f"R100\tplan/{HF1}\tplan/{RENAMED}")
    data = json.loads(history(repo, "HF1.15", "--format", "json").stdout)
    assert data["first_commit"] == sha(repo, ADOPTED)  # committed under the old name
    assert [e["commit"] for e in data["events"]][:2] == [sha(repo, "hand"), sha(repo, "postponed")]


def test_a_measure_that_never_changed_says_so(repo: Path) -> None:
    lines = history(repo, "HF1.16").stdout.splitlines()
    assert lines[2:] == [
        "",
        "No change of its deadlines, targets or status.",
        "",
        "Summary",
        "„Vollständige Versorgung mit Glasfaser (angestrebt vom Senat)“: 2033; unchanged",
    ]


def test_a_plan_outside_git_or_without_commits_gets_one_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    result = mpi("history", "HF1.15", plan=plan, code=2)
    assert result.stdout == ""
    assert result.stderr == "mpi: the plan is not in a git repository\n"
    assert isinstance(result.exception, SystemExit)
    git(tmp_path, "init", "-q")
    result = mpi("history", "HF1.15", plan=plan, code=2)
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"mpi: cannot read the history of plan/{HF1}: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_measure_added_later_skips_no_version(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "plan")
    path = tmp_path / "plan" / HF1
    text = path.read_text(encoding="utf-8")
    cut = text.index("  - id: HF1.17")  # the file's last measure
    path.write_text(text[:cut], encoding="utf-8")
    git(tmp_path, "init", "-q")
    commit(tmp_path, "without")
    path.write_text(text, encoding="utf-8")
    commit(tmp_path, "added")
    args = ["history", "HF1.17", "--plan", str(tmp_path / "plan")]
    data = json.loads(mpi(*args, "--format", "json").stdout)
    assert data["first_commit"] == sha(tmp_path, "added")  # right: it came with "added"
    assert "could not be read" not in mpi(*args).stdout
    assert data["skipped_versions"] == 0


def test_a_shallow_clone_says_that_older_versions_are_missing(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    result = history(clone, "HF1.15")
    assert "This clone is shallow: the versions before its oldest commit are missing" in (
        result.stdout
    )
    data = json.loads(history(clone, "HF1.15", "--format", "json").stdout)
    assert data["shallow"] is True and data["events"] == []
    assert json.loads(history(repo, "HF1.15", "--format", "json").stdout)["shallow"] is False
