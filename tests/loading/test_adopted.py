"""The adopted plan travels with the plan: adopted.yaml in the plan directory is what
`mpi validate` compares with, in a copy of the plan, a shallow clone and a folder without git;
it fails closed; `mpi adopt` writes it by a decision or reads it anew by a correction; an
editor's reading is corrected without a decision."""

from __future__ import annotations

import json
import os
import shutil
from functools import partial
from pathlib import Path

import pytest

from helpers import SHIPPED, TODAY, break_plan, commit, git, glasfaser_indicators, mpi, words

HF1 = "hf1-flaechen-und-infrastruktur.yaml"
STAGE_1 = "      - id: hh-win-stufe-1\n        title: HH-WIN Ausbaustufe 1\n        due: 2030\n"
DECISION = "Koordinierungsrunde 12.06.2026, TOP 3"
SIGNED = "Unterzeichnung durch die Partner"


def needs_git() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")


run = partial(mpi, lang="de", today=TODAY)  # mpi as the guard speaks to its people


def line_of(plan: Path, file: str, text: str, after: str = "") -> int:
    content = (plan / file).read_text(encoding="utf-8")
    return content[: content.index(text, content.index(after))].count("\n") + 1


def place(root: Path, how: str) -> Path:
    """The shipped plan as a new user has it: `copy` (a new repository holding a copy of
    plan/, no history of mpi), `shallow` (a `git clone --depth 1` of such a repository after
    two commits) or `nogit` (a folder)."""
    if how != "nogit":
        needs_git()
    if how == "shallow":
        origin = root / "origin"
        shutil.copytree(SHIPPED, origin / "plan")
        git(origin, "init", "-q")
        commit(origin, "first")
        (origin / "README.md").write_text("Masterplan\n", encoding="utf-8")
        commit(origin, "second")
        subprocess_clone(origin, root / "clone")
        return root / "clone" / "plan"
    shutil.copytree(SHIPPED, root / "repo" / "plan")
    if how == "copy":
        git(root / "repo", "init", "-q")
        commit(root / "repo", "copied")
    return root / "repo" / "plan"


def subprocess_clone(origin: Path, target: Path) -> None:
    import subprocess

    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(target)],
        check=True,
        capture_output=True,
    )
    assert git(target, "rev-parse", "--is-shallow-repository").strip() == "true"


@pytest.mark.parametrize("how", ["copy", "shallow", "nogit"])
def test_a_hand_postponed_deadline_fails_everywhere_and_a_decision_passes(
    tmp_path: Path, how: str
) -> None:
    plan = place(tmp_path, how)
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    line = line_of(plan, HF1, "        due: 2032")
    text = run("validate", plan=plan, code=1).stdout
    assert f"{HF1}:{line}:14: Fehler: Gegenüber dem beschlossenen Plan" in text
    assert "  [weakened]" in text
    assert "Frist verschoben um 24 Monate (2030 → 2032), ohne Beschluss" in text
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert [(r["code"], r["line"], r["severity"]) for r in rows] == [("weakened", line, "error")]
    github = run("validate", "--format", "github", plan=plan, code=1).stdout
    assert github.startswith("::error file=") and f"line={line},col=14,title=mpi weakened" in github

    break_plan(plan, HF1, "        due: 2032\n", "        due: 2030\n")
    run("reschedule", "HF1.15", "hh-win-stufe-1", "2032", "--decision", DECISION, plan=plan)
    result = run("validate", plan=plan)
    text, err = result.stdout, result.stderr
    assert "Hinweis: Gegenüber" in text and "  [approved-change]" in text
    assert f"Beschluss vom 12.06.2026: {DECISION}" in text
    assert "Plan ist gültig: 0 Fehler, 0 Warnungen, 1 Hinweis" in err
    for said in (text, err):
        assert "git" not in said.casefold() and "a07c823" not in said


def adopted_repository(root: Path) -> Path:
    """A repository whose plan was adopted by `mpi adopt` after its first commit: the adopted
    plan names that commit, which this repository holds."""
    needs_git()
    shutil.copytree(SHIPPED, root / "plan")
    (root / "plan" / "adopted.yaml").unlink()
    break_plan(root / "plan", "plan.yaml", PLAN_DECLARATION, "")
    git(root, "init", "-q")
    commit(root, "draft")
    run("adopt", "--decision", SIGNED, "--date", "2023", plan=root / "plan")
    commit(root, "adopted")
    return root / "plan"


PLAN_DECLARATION = (
    "adopted_plan: adopted.yaml  # the plan as adopted: mpi validate compares every change with "
    "it\n"
)


def test_an_adopted_plan_edited_by_hand_fails_where_git_holds_its_revision(tmp_path: Path) -> None:
    plan = adopted_repository(tmp_path / "repo")
    head = git(plan.parent, "rev-parse", "HEAD~1").strip()
    adopted = (plan / "adopted.yaml").read_text(encoding="utf-8")
    assert f"  revision: {head}\n" in adopted and "  decision: Unterzeichnung durch" in adopted
    assert run("validate", plan=plan).stdout == ""

    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    moved = "      - id: hh-win-stufe-1\n            title: HH-WIN Ausbaustufe 1\n"
    moved += "            due: 2030\n"
    break_plan(plan, "adopted.yaml", moved, moved.replace("2030", "2032"))
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    [row] = rows
    assert (row["code"], row["file"], row["severity"]) == (
        "adopted-plan-altered",
        str(plan / "adopted.yaml"),
        "error",
    )
    assert row["line"] == line_of(plan, "adopted.yaml", "due: 2032", "id: hh-win-stufe-1")
    assert "changed by hand" in row["message"]

    # Where git cannot say what it was taken from, the adopted plan is taken as written: the
    # same hand edit passes in a copy; its own schema is still checked.
    copy = tmp_path / "copy"
    shutil.copytree(plan, copy)
    assert run("validate", plan=copy).stdout == ""
    break_plan(copy, "adopted.yaml", "    due: 2032\n", "    due: bald\n")
    [row] = json.loads(run("validate", "--format", "json", plan=copy, code=1).stdout)
    assert (row["code"], row["file"]) == ("schema", str(copy / "adopted.yaml"))


def test_it_fails_closed(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    declared = line_of(plan, "plan.yaml", "adopted_plan:")
    (plan / "adopted.yaml").unlink()
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert [(r["code"], r["line"], r["column"]) for r in rows] == [
        ("adopted-plan-unreadable", declared, 15)
    ]
    (plan / "adopted.yaml").mkdir()
    text = run("validate", plan=plan, code=1).stdout
    assert f"plan.yaml:{declared}:15: Fehler: " in text and "  [adopted-plan-unreadable]" in text
    (plan / "adopted.yaml").rmdir()
    os.mkfifo(plan / "adopted.yaml")  # never opened for reading: it would block
    assert "adopted-plan-unreadable" in run("validate", plan=plan, code=1).stdout
    (plan / "adopted.yaml").unlink()
    (plan / "adopted.yaml").write_text("adoption: [\n", encoding="utf-8")
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert row["file"].endswith("adopted.yaml") and row["line"] == 2

    shutil.copy(SHIPPED / "adopted.yaml", plan / "adopted.yaml")
    break_plan(plan, "plan.yaml", PLAN_DECLARATION, "")
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert (row["code"], row["line"]) == ("adopted-plan-undeclared", 1)


def test_a_draft_says_so_once_and_without_shell_advice(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    (plan / "adopted.yaml").unlink()
    break_plan(plan, "plan.yaml", PLAN_DECLARATION, "")
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))  # nothing to weaken yet
    result = run("validate", plan=plan)
    text, err = result.stdout, result.stderr
    assert text.count("Entwurf") == 1 and "Hinweis: der Plan ist ein Entwurf" in text
    assert "  [draft]" in text
    report = run("report", "--today", TODAY, plan=plan).stdout
    briefing = run("round", "--today", TODAY, plan=plan).stdout
    for said in (report, briefing):
        assert said.count("Der Plan ist ein Entwurf: er ist noch nicht beschlossen.") == 1
    for said in (text, err, report, briefing):
        assert "git fetch" not in said and "git " not in said


def test_adopt_by_decision_with_the_day_its_words_name(tmp_path: Path) -> None:
    """A Fortschreibung: the plan changed, then adopted anew; the guard holds the new
    commitments from then on, and the old adopted plan stays in git's history."""
    plan = adopted_repository(tmp_path / "repo")
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    assert "ohne Beschluss" in run("validate", plan=plan, code=1).stdout
    decided = "Senatsbeschluss vom 03.11.2026"
    err = run("adopt", "--decision", decided, plan=plan).stderr
    assert "Plan beschlossen: Senatsbeschluss vom 03.11.2026 (03.11.2026)" in err
    assert "nennt keinen Git-Stand" in err  # the change is not committed yet
    adopted = (plan / "adopted.yaml").read_text(encoding="utf-8")
    assert "  date: '2026-11-03'\n  decision: Senatsbeschluss vom 03.11.2026\n" in adopted
    assert "revision:" not in adopted
    assert "adopted: 2026\n" in (plan / "plan.yaml").read_text(encoding="utf-8")
    result = run("validate", plan=plan)
    assert result.stdout == "" and result.stderr.startswith("Plan ist gültig (6 Dateien geprüft)")
    commit(plan.parent, "fortschreibung")
    assert "  date: 2023\n" in git(plan.parent, "show", "HEAD~1:plan/adopted.yaml")

    for args, said in (
        (["--decision", "Senatsbeschluss vom 10.12.2026"], "nach heute"),
        (["--decision", "x", "--date", "2026"], "sagt nicht, welcher Beschluss"),
        (["--decision", "Senatsbeschluss vom 01.10.2026"], "nicht davor datiert"),
        ([], "--decision"),
    ):
        before = (plan / "adopted.yaml").read_bytes()
        err = run("adopt", *args, plan=plan, code=2).stderr
        assert said in err, err
        assert (plan / "adopted.yaml").read_bytes() == before


def test_adopt_moves_an_adopted_revision_into_the_plan_directory(tmp_path: Path) -> None:
    """A plan that named its adopted plan by a git revision (`adopted_revision`) is compared
    with it where the repository holds it, told to move it, and fails where it does not."""
    needs_git()
    root = tmp_path / "repo"
    shutil.copytree(SHIPPED, root / "plan")
    plan = root / "plan"
    (plan / "adopted.yaml").unlink()
    git(root, "init", "-q")
    commit(root, "beschlossen-2023")
    named = "adopted_revision:\n  tag: beschlossen-2023\n"
    break_plan(plan, "plan.yaml", PLAN_DECLARATION, named)
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert sorted(r["code"] for r in rows) == ["adopted-revision", "weakened"]
    git(root, "tag", "-d", "beschlossen-2023")
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert row["code"] == "adopted-plan-unreadable" and "mpi adopt writes it" in row["message"]
    git(root, "tag", "beschlossen-2023", "HEAD")

    run(
        "adopt", "--revision", "beschlossen-2023", "--decision", SIGNED, "--date", "2023", plan=plan
    )
    written = (plan / "plan.yaml").read_text(encoding="utf-8")
    assert "adopted_revision" not in written and PLAN_DECLARATION in written
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert row["code"] == "weakened"  # the commitments are the revision's, not the edited ones


def test_an_editors_reading_is_corrected_without_a_decision(tmp_path: Path) -> None:
    """The fibre target's year is an editor's reading (inferred): a correction with its reason
    covers moving it, is listed as a correction, and is refused for a stated value."""
    needs_git()
    root = tmp_path / "repo"
    shutil.copytree(SHIPPED, root / "plan")
    plan = root / "plan"
    glasfaser_indicators(plan)
    git(root, "init", "-q")
    commit(root, "v1")
    reason = "Das Dokument nennt zehn Jahre ab dem Beschluss, gerechnet bis Ende 2035"
    run(
        "retarget",
        "glasfaser-haushalte",
        "100",
        "--year",
        "2035",
        "--correction",
        reason,
        plan=plan,
    )
    written = (plan / HF1).read_text(encoding="utf-8")
    corrections = "        corrections:\n          - date: '2026-12-07'\n"
    assert f"{corrections}            reason: {reason}" in written
    assert (
        "          year: 2035\n          aspiration: true\n          basis: inferred\n" in written
    )
    text = run("validate", plan=plan).stdout
    assert "approved-change" in text and f"Lesart korrigiert am 07.12.2026: {reason}" in text
    diff = run("diff", "HEAD", plan=plan).stdout
    assert "Zieljahr verschoben um 2 Jahre (2033 → 2035), Lesart korrigiert am 07.12.2026" in diff
    [row] = json.loads(run("diff", "HEAD", "--format", "json", plan=plan).stdout)["changes"]
    assert row["decision"] is None and row["correction"] == {"date": "2026-12-07", "reason": reason}
    shown = words(run("show", "HF1.16", plan=plan).stdout)
    assert f"Lesart korrigiert: {reason}" in shown
    commit(root, "v2")
    history = run("history", "HF1.16", plan=plan).stdout
    assert "Lesart korrigiert am 07.12.2026" in history
    briefing = run("round", "--since", "v1", "--today", TODAY, plan=plan).stdout
    assert f"Lesart korrigiert: {reason}" in briefing

    stated = ["HF1.15", "hh-win-stufe-1", "2032", "--correction", reason]
    err = run("reschedule", *stated, plan=plan, code=2).stderr
    assert "nur eine Lesart der Redaktion" in err and "wörtlich" in err


def test_validate_checks_the_words_of_every_decision_on_record(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    record = "    decisions:\n      - {date: 2026-06-12, text: x, removed: hh-win-stufe-2}\n"
    break_plan(
        plan, HF1, "    updates: []\n\n  - id: HF1.16", record + "    updates: []\n\n  - id: HF1.16"
    )
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert [r["code"] for r in rows] == ["decision-unidentified"]
    assert rows[0]["line"] == line_of(plan, HF1, "text: x")
    break_plan(plan, HF1, "text: x,", "text: Koordinierungsrunde 12.06.2027,")
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert sorted(r["code"] for r in rows) == ["decision-date"]


HF13 = "        due: 2030\n        kind: by\n        status: open\n        basis: stated\n"


def tamper(plan: Path, how: str) -> None:
    """HF1.13's 2030 deadline moved to 2040 in the plan and in adopted.yaml, and the adopted
    plan's head touched as `how` says, so that the revision check alone would not see it."""
    hf1 = plan / HF1
    text = hf1.read_text(encoding="utf-8")
    at = text.index("      - id: emissionsfreie-nutzfahrzeuge")
    hf1.write_text(text[:at] + text[at:].replace("due: 2030", "due: 2040", 1), "utf-8")
    adopted = (plan / "adopted.yaml").read_text(encoding="utf-8")
    at = adopted.index("- id: emissionsfreie-nutzfahrzeuge")
    adopted = adopted[:at] + adopted[at:].replace("due: 2030", "due: 2040", 1)
    head = {
        "none": r"\1",
        "drop": "",
        "other": "  revision: 0123456789abcdef0123456789abcdef01234567\n",
        "renewal": r"\1",
    }[how]
    import re

    adopted = re.sub(r"(\n  revision: [0-9a-f]{40}\n)", "\n" + head.lstrip("\n"), adopted, count=1)
    if how == "renewal":  # one more corrected reading, after those on record
        renewal = "    - {date: '2026-12-07', reason: Lesart der Frist korrigiert}\n"
        adopted = adopted.replace("\nmilestones:\n", "\n" + renewal + "milestones:\n", 1)
    (plan / "adopted.yaml").write_text(adopted, encoding="utf-8")


@pytest.mark.parametrize("how", ["none", "drop", "other", "renewal"])
def test_an_adopted_plan_edited_by_hand_fails_however_its_head_is_touched(
    tmp_path: Path, how: str
) -> None:
    """In a repository with history (the shipped plan's own revision is not in it: a copy),
    changing a commitment of adopted.yaml without a new adoption is found against the last
    commit: whether its revision is left, taken out or made up, or a renewal is added that
    changes a stated value."""
    plan = place(tmp_path, "copy")
    tamper(plan, how)
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert [r["code"] for r in rows] == ["adopted-plan-altered"], rows
    assert rows[0]["file"].endswith("adopted.yaml")


def test_the_documented_fortschreibung_keeps_the_guard(tmp_path: Path) -> None:
    """Edit, adopt (no revision can be named yet), commit; then an edit by hand of the
    adopted plan is found against that commit."""
    plan = adopted_repository(tmp_path / "repo")
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2031"))
    run("adopt", "--decision", "Senatsbeschluss vom 03.11.2026", plan=plan)
    assert "revision:" not in (plan / "adopted.yaml").read_text(encoding="utf-8")
    commit(plan.parent, "fortschreibung")
    break_plan(plan, HF1, STAGE_1.replace("2030", "2031"), STAGE_1.replace("2030", "2034"))
    moved = "hh-win-stufe-1\n            title: HH-WIN Ausbaustufe 1\n            due: 2031"
    break_plan(plan, "adopted.yaml", moved, moved.replace("2031", "2034"))
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert row["code"] == "adopted-plan-altered"
    commit(plan.parent, "by-hand")  # committed, as a pull request would
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert row["code"] == "adopted-plan-altered"


def test_a_corrected_reading_changes_readings_only(tmp_path: Path) -> None:
    needs_git()
    plan = tmp_path / "repo" / "plan"
    shutil.copytree(SHIPPED, plan)
    glasfaser_indicators(plan)  # an indicator whose target is an editor's reading
    git(plan.parent, "init", "-q")
    commit(plan.parent, "copied")
    tamper(plan, "none")
    break_plan(plan, "adopted.yaml", "due: 2040", "due: 2030")  # only the plan moved
    assert "ohne Beschluss" in run("validate", plan=plan, code=1).stdout
    err = run(
        "adopt", "--correction", "Lesart der Frist korrigiert, siehe Protokoll", plan=plan, code=2
    ).stderr
    assert "HF1.13 emissionsfreie-nutzfahrzeuge" in err and "--decision" in err
    break_plan(plan, HF1, "        due: 2040", "        due: 2030")
    moved = "      - id: glasfaser-haushalte"
    hf1 = (plan / HF1).read_text(encoding="utf-8")
    at = hf1.index(moved)
    (plan / HF1).write_text(hf1[:at] + hf1[at:].replace("year: 2033", "year: 2035", 1), "utf-8")
    run("adopt", "--correction", "zehn Jahre ab dem Beschluss bis Ende 2035", plan=plan)
    assert run("validate", plan=plan).stdout == ""


def test_a_plan_that_was_adopted_is_no_draft_when_its_adopted_plan_is_taken_out(
    tmp_path: Path,
) -> None:
    plan = place(tmp_path, "copy")
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    break_plan(plan, "plan.yaml", PLAN_DECLARATION, "")
    git(plan.parent, "rm", "-q", "plan/adopted.yaml")
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert (row["code"], row["severity"]) == ("adopted-plan-unreadable", "error")
    commit(plan.parent, "taken-out")  # the commit that took it out, as CI sees it
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert row["code"] == "adopted-plan-unreadable"


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("  decision: Unterzeichnung", "  decision: x\n  x: Unterzeichnung", "schema"),
        ("  date: 2023\n", "  date: '2099-01-01'\n", "decision-future"),
        (
            "  decision: Unterzeichnung des Hamburger Masterplans Industrie 2023 durch die Partner",
            "  decision: Koordinierungsrunde 12.06.2020",
            "decision-date",
        ),
        (
            "    - date: '2026-12-07'\n",
            "    - date: '2099-01-01'\n",
            "renewal-date",
        ),
        ("      - id: HF1.2\n", "      - id: HF1.1\n", "duplicate-id"),
        ("      - id: HF1.2\n", "      - id: HF9.2\n", "wrong-field"),
        ("            due: 2030\n", "", "milestone-date"),
        (
            "recurrence: {every: half-yearly, start: '2023-12'}",
            "recurrence: {every: half-yearly, start: 2050, end: 2040}",
            "recurrence",
        ),
    ],
)
def test_the_adopted_plan_is_checked_itself(tmp_path: Path, old: str, new: str, code: str) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    text = (plan / "adopted.yaml").read_text(encoding="utf-8")
    (plan / "adopted.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert code in [r["code"] for r in rows], rows
    assert all(r["file"].endswith("adopted.yaml") for r in rows)


def test_the_year_of_adoption_agrees(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    break_plan(plan, "plan.yaml", "adopted: 2023\n", "adopted: 2024\n")
    [row] = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert (row["code"], row["line"]) == (
        "adopted-plan-altered",
        line_of(plan, "plan.yaml", "adopted: 2024"),
    )


def test_an_adoption_by_year_takes_the_day_its_words_name(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    err = run(
        "adopt", "--decision", "Senatsbeschluss vom 20.12.2026", "--date", "2026", plan=plan, code=2
    ).stderr
    assert "nach heute" in err
    run("adopt", "--decision", "Senatsbeschluss vom 20.11.2026", "--date", "2026", plan=plan)
    assert "  date: '2026-11-20'\n" in (plan / "adopted.yaml").read_text(encoding="utf-8")
    err = run("adopt", "--decision", "Senatsbeschluss vom 20.11.2020", plan=plan, code=2).stderr
    assert "am 20.11.2026 beschlossen" in err
    err = run(
        "adopt",
        "--correction",
        "die Lesart der Jahre korrigiert",
        "--date",
        "01.01.2020",
        plan=plan,
        code=2,
    ).stderr
    assert "vor dem Beschluss des Plans" in err


def test_a_failed_write_of_plan_yaml_leaves_the_adopted_plan_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mpi import fsutil
    from mpi.edit import adopt

    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    (plan / "adopted.yaml").unlink()
    break_plan(plan, "plan.yaml", PLAN_DECLARATION, "")
    before = (plan / "plan.yaml").read_bytes()
    real = fsutil.atomic_write

    def failing(path: Path, data: bytes, **kwargs: object) -> str | None:
        if path.name == "plan.yaml":
            raise PermissionError(13, "Permission denied", str(path.parent / ".plan.yaml.tmp"))
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(adopt, "atomic_write", failing)
    err = run("adopt", "--decision", SIGNED, "--date", "2023", plan=plan, code=1).stderr
    assert "plan.yaml kann nicht geschrieben werden" in err and ".tmp" not in err
    assert not (plan / "adopted.yaml").exists() and (plan / "plan.yaml").read_bytes() == before
