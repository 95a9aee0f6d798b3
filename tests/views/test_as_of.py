"""Reports of record are true as of their date: `--as-of DAY` reads the plan as committed on
that day, so nothing recorded later shows; `--today` in the past from today's plan says so
instead of calling it "Stand"; and two adoptions compare as a Fortschreibung reads."""

from __future__ import annotations

import os
import shutil
from functools import partial
from pathlib import Path

import pytest

from helpers import SHIPPED, break_plan, git, mpi

# Later than the usual test day: reports as of 25.11.2026 and of days in June look back.
NOW = {"MPI_TODAY": "2026-12-07"}
LATER = "Koordinierungsrunde 19.11.2026, TOP 3"


def committed(repo: Path, message: str, day: str) -> None:
    os.environ["GIT_COMMITTER_DATE"] = os.environ["GIT_AUTHOR_DATE"] = f"{day}T12:00:00"
    try:
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", message)
    finally:
        del os.environ["GIT_COMMITTER_DATE"], os.environ["GIT_AUTHOR_DATE"]


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The shipped plan committed on 01.06.2026; on 20.11.2026 a status, a note and a
    decision recorded and committed; on 07.12.2026 a note not committed yet."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(SHIPPED, repo / "plan")
    plan = repo / "plan"
    git(repo, "init", "-q")
    committed(repo, "v1", "2026-06-01")
    at = {"MPI_TODAY": "2026-11-20"}
    for args in (
        ["set", "HF1.2", "--status", "in Umsetzung", "--note", "Planung läuft"],
        ["reschedule", "HF1.15", "1", "2032", "--decision", LATER],
    ):
        mpi(*args, plan=plan, env=at)
    committed(repo, "v2", "2026-11-20")
    mpi("note", "HF2.8", "Nicht eingecheckt", plan=plan, env=NOW)
    return plan


run = partial(mpi, lang="de", env=NOW)  # in German, on NOW


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_a_report_as_of_a_day_shows_nothing_recorded_later(history: Path, format: str) -> None:
    said = run("report", "--as-of", "30.06.2026", "--format", format, plan=history).output
    for later in ("19.11.2026", "Planung läuft", "Nicht eingecheckt", "2032"):
        assert later not in said, later
    assert "Stand: 30.06.2026, der Plan, wie er am 30.06.2026 eingecheckt war." in said
    assert "Stichtag 30.06.2026" in said
    today = run("report", "--format", format, plan=history).output
    assert all(later in today for later in ("19.11.2026", "2032")), today


def test_the_round_and_status_as_of_a_day(history: Path) -> None:
    briefing = run("round", "--as-of", "30.06.2026", plan=history).output
    assert "19.11.2026" not in briefing and "Stand: 30.06.2026, der Plan" in briefing
    assert "(HF1.2 in Umsetzung)" not in briefing
    later = run("round", "--as-of", "25.11.2026", "--since", "01.07.2026", plan=history).output
    assert LATER in later and "Nicht eingecheckt" not in later
    status = run("status", "--as-of", "30.06.2026", "--format", "markdown", plan=history).output
    assert status.count("in Umsetzung") == 1  # the column's head: no measure in it then


def test_today_in_the_past_from_todays_plan_says_so(history: Path) -> None:
    said = run("report", "--today", "30.06.2026", plan=history).output
    assert "Stand: 30.06.2026." not in said
    assert (
        "Sicht vom 30.06.2026 auf den Plan, wie er am 07.12.2026 vorliegt: was nach dem "
        "30.06.2026 eingetragen wurde, ist enthalten." in said
    )
    assert "Stand: 07.12.2026." in run("report", plan=history).output


def test_as_of_needs_git_and_a_commit_by_then(history: Path, tmp_path: Path) -> None:
    assert (
        "keinen Commit am oder vor dem 31.05.2026"
        in run("report", "--as-of", "31.05.2026", plan=history, code=2).output
    )
    assert "liegt nach heute" in run("report", "--as-of", "08.12.2026", plan=history, code=2).output
    folder = tmp_path / "folder"
    shutil.copytree(SHIPPED, folder)
    for command in ("report", "round", "status"):
        said = run(command, "--as-of", "30.06.2026", plan=folder, code=2).output
        assert "--as-of liest die Git-Historie des Plans" in said


def test_a_fortschreibung_reads_as_what_it_changed(history: Path) -> None:
    """Measures renumbered after one was taken out, a deadline moved, adopted anew: diff
    --adopted names each once, covered by the new adoption's decision."""
    repo = history.parent
    git(repo, "tag", "beschlossen-2023", "HEAD")
    hf5 = history / "hf5-industrie-und-gesellschaft.yaml"
    text = hf5.read_text(encoding="utf-8")
    first, second = text.index("  - id: HF5.1\n"), text.index("  - id: HF5.2\n")
    text = text[:first] + text[second:]
    for old, new in (("HF5.2", "HF5.1"), ("HF5.3", "HF5.2"), ("HF5.4", "HF5.3")):
        text = text.replace(f"  - id: {old}\n", f"  - id: {new}\n")
    hf5.write_text(text, encoding="utf-8")
    break_plan(
        history,
        "hf1-flaechen-und-infrastruktur.yaml",
        "title: HH-WIN Ausbaustufe 2\n        due: 2035",
        "title: HH-WIN Ausbaustufe 2\n        due: 2036",
    )
    run("adopt", "--decision", "Senatsbeschluss vom 03.12.2026", plan=history)
    said = run("diff", "beschlossen-2023", "--adopted", plan=history).output
    decided = "Beschluss vom 03.12.2026: Senatsbeschluss vom 03.12.2026"
    assert said.splitlines() == [
        "Abschwächungen (3):",
        "! HF1.15 Versorgung mit grünem Wasserstoff, „HH-WIN Ausbaustufe 1“: Frist verschoben "
        f"um 24 Monate (2030 → 2032), {decided}",
        "! HF1.15 Versorgung mit grünem Wasserstoff, „HH-WIN Ausbaustufe 2“: Frist verschoben "
        f"um 12 Monate (2035 → 2036), {decided}",
        f"! HF5.1 entfernt: Akzeptanzkampagne, {decided}",
        "Weitere Änderungen (3):",
        "HF5.1 Spitzengespräch des Ersten Bürgermeisters umnummeriert (zuvor HF5.2)",
        "HF5.2 Branchendialoge umnummeriert (zuvor HF5.3)",
        "HF5.3 Industriekultur umnummeriert (zuvor HF5.4)",
    ]
    assert run("validate", plan=history).output.startswith("Plan ist gültig")
    assert "es gibt keinen beschlossenen Plan" not in said
    git(repo, "tag", "leer", git(repo, "rev-list", "--max-parents=0", "HEAD").strip())
    (history / "adopted.yaml").unlink()
    assert (
        "kann nicht gelesen werden" in run("diff", "leer", "--adopted", plan=history, code=1).output
    )


def test_as_of_a_day_before_the_adopted_plan_moved_into_the_plan_directory(
    tmp_path: Path,
) -> None:
    """A plan that named its adopted plan by a git revision then: as of that day it is valid,
    compared with that revision (git asked where the plan is, not in the checkout)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(SHIPPED, repo / "plan")
    plan = repo / "plan"
    (plan / "adopted.yaml").unlink()
    declared = "adopted_plan: adopted.yaml  # the plan as adopted: mpi validate compares every "
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines(keepends=True) if x.startswith(declared))
    (plan / "plan.yaml").write_text(text.replace(line, ""), encoding="utf-8")
    git(repo, "init", "-q")
    committed(repo, "adopted", "2026-01-10")
    git(repo, "tag", "beschlossen-2023")
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    named = "adopted_revision:\n  tag: beschlossen-2023\n"
    (plan / "plan.yaml").write_text(
        text.replace("language: de\n", named + "language: de\n"), "utf-8"
    )
    committed(repo, "named", "2026-02-10")
    said = run("report", "--as-of", "30.06.2026", plan=plan).output
    assert "ungültig" not in said and "Prüfung: gültig" in said


def test_as_of_a_day_whose_plan_is_invalid_names_the_files_and_the_day(history: Path) -> None:
    repo = history.parent
    break_plan(history, "plan.yaml", "title: Hamburger Masterplan Industrie 2023", "title: [1]")
    committed(repo, "broken", "2026-11-30")
    said = run("status", "--as-of", "01.12.2026", plan=history, code=1).output
    assert f"{history}/plan.yaml:6:8: Fehler: title: Erwartet wird Text  [schema]" in said
    assert "mpi-rev-" not in said
    assert "der Plan, wie er am 01.12.2026 eingecheckt war, hat 1 Fehler" in said
    assert "mpi validate" not in said


def test_a_last_round_after_the_day_of_the_report_is_refused(history: Path) -> None:
    git(history.parent, "tag", "spaeter", "HEAD")
    said = run("round", "--as-of", "30.06.2026", "--since", "spaeter", plan=history, code=2).output
    assert "eingecheckt, nach dem Tag des Berichts (30.06.2026)" in said
    said = run(
        "round", "--as-of", "30.06.2026", "--since", "05.07.2026", plan=history, code=2
    ).output
    assert "liegt nach dem Tag des Berichts (30.06.2026)" in said


def test_status_json_says_which_plan_it_was_made_from(history: Path) -> None:
    import json

    assert json.loads(run("status", "--format", "json", plan=history).output)["as_of"] is None
    past = json.loads(
        run("status", "--as-of", "30.06.2026", "--format", "json", plan=history).output
    )
    assert (past["as_of"], past["today"]) == ("2026-06-30", "2026-06-30")
