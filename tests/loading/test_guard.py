"""The adopted plan as a guard: in a git copy of the shipped plan (which carries its adopted
plan, adopted.yaml), a weakening edit without a decision fails `mpi validate` at its line
(text, JSON, GitHub); the same change made by `mpi reschedule`, `mpi retarget` or `mpi drop`
passes and reads as approved in validate, diff, show, the report and the round. The guard
holds without git, in a shallow clone and in a copy; an adopted plan edited by hand fails where
git holds the revision it was taken from; a plan without one is a draft, said once."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from functools import partial
from pathlib import Path

import pytest

from helpers import (
    ADOPTED,
    SHIPPED,
    TODAY,
    adopted_copy,
    break_plan,
    commit,
    git,
    mpi,
    words,
)

HF1 = "hf1-flaechen-und-infrastruktur.yaml"
HF2 = "hf2-innovation-und-digitalisierung.yaml"
HF3 = "hf3-klima-energie-und-umwelt.yaml"
STAGE_1 = "      - id: hh-win-stufe-1\n        title: HH-WIN Ausbaustufe 1\n        due: 2030\n"
ELECTROLYSER = "        target:\n          value: 100\n          basis: stated\n"
DECISION = "Koordinierungsrunde 12.06.2026, TOP 3"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return adopted_copy(tmp_path / "repo", electrolyser_committed)


def electrolyser_committed(plan: Path) -> None:
    """The plan adopted with the 100 MW electrolyser as a target of its own (in the shipped
    plan it is an industry project's, `party`, whose changes weaken nothing of the plan), so
    that a target of the plan can be lowered by hand."""
    for name, old in (
        (HF3, "          party: Hamburg Green Hydrogen Hub\n"),
        ("adopted.yaml", "            party: Hamburg Green Hydrogen Hub\n"),
    ):
        path = plan / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, name
        path.write_text(text.replace(old, ""), encoding="utf-8")


run = partial(mpi, lang="de", today=TODAY)  # mpi as the guard speaks to its people


def position(plan: Path, file: str, text: str, after: str = "") -> tuple[int, int]:
    """Line and column of the value after `text` (which ends with `key: `), the first one
    after `after`."""
    content = (plan / file).read_text(encoding="utf-8")
    before = content[: content.index(text, content.index(after)) + len(text)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def drop_by_hand(plan: Path) -> tuple[int, int]:
    """HF2.2 FabCity Hamburg set to dropped in its file: where its status is."""
    path = plan / HF2
    content = path.read_text(encoding="utf-8")
    at = content.index("    status: ongoing\n", content.index("  - id: HF2.2\n"))
    path.write_text(
        content[:at] + "    status: dropped\n" + content[at + len("    status: ongoing\n") :],
        encoding="utf-8",
    )
    return position(plan, HF2, "    status: ", "  - id: HF2.2\n")


def test_the_shipped_plan_is_its_own_adopted_plan(plan: Path) -> None:
    result = mpi("validate", plan=plan, lang="de")
    assert result.stdout == "" and "Plan ist gültig (6 Dateien geprüft)" in result.stderr


def test_a_hand_postponed_deadline_fails_at_its_line_in_every_format(plan: Path) -> None:
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    line, column = position(
        plan, HF1, "id: hh-win-stufe-1\n        title: HH-WIN Ausbaustufe 1\n        due: "
    )
    said = (
        "HF1.15 Versorgung mit grünem Wasserstoff, „HH-WIN Ausbaustufe 1“: Frist verschoben um "
        "24 Monate (2030 → 2032), ohne Beschluss; Beschluss festhalten mit: "
        'mpi reschedule HF1.15 hh-win-stufe-1 2032 --decision "TEXT"'
    )
    text = run("validate", plan=plan, code=1).stdout
    assert (
        f"{HF1}:{line}:{column}: Fehler: Gegenüber dem beschlossenen Plan: {said}  [weakened]"
        in text
    )

    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    [row] = [r for r in rows if r["code"] == "weakened"]
    assert (row["line"], row["column"], row["severity"]) == (line, column, "error")
    assert row["file"].endswith(HF1)
    assert "deadline postponed by 24 months (2030 → 2032), without decision" in row["message"]

    github = run("validate", "--format", "github", plan=plan, code=1).stdout
    assert f"{HF1},line={line},col={column},title=mpi weakened::" in github
    assert github.startswith("::error file=")
    assert "Frist verschoben um 24 Monate" in github


def test_reschedule_records_the_decision_and_the_change_reads_as_approved(plan: Path) -> None:
    run(
        "reschedule",
        "HF1.15",
        "1",
        "2032",
        "--decision",
        DECISION,
        "--date",
        "12.06.2026",
        plan=plan,
    )
    written = (plan / HF1).read_text(encoding="utf-8")
    assert (
        "        due: 2032\n        kind: by\n        status: open\n        basis: decided\n"
        "        quote: Ausbaustufe 1 bis 2030\n"
        f"        derivation: 'Beschluss vom 12.06.2026: {DECISION}'\n"
        f"        decisions:\n          - date: '2026-06-12'\n            text: {DECISION}\n"
        "            due: 2032\n"
    ) in written
    assert "Frist „HH-WIN Ausbaustufe 1“ per Beschluss geändert: bis 2030 → bis 2032" in written

    result = mpi("validate", plan=plan, lang="de")
    approved = (
        "Hinweis: Gegenüber dem beschlossenen Plan: HF1.15 Versorgung mit "
        "grünem Wasserstoff, „HH-WIN Ausbaustufe 1“: Frist verschoben um 24 Monate "
        f"(2030 → 2032), Beschluss vom 12.06.2026: {DECISION}"
    )
    assert approved in result.stdout and "1 Hinweis" in result.stderr

    diff = run("diff", ADOPTED, plan=plan).stdout
    moved = (
        "! HF1.15 Versorgung mit grünem Wasserstoff, „HH-WIN Ausbaustufe 1“: Frist verschoben "
        f"um 24 Monate (2030 → 2032), Beschluss vom 12.06.2026: {DECISION}"
    )
    assert diff.startswith("Abschwächung (1):\n" + moved + "\n")
    assert (
        diff.count("2030 → 2032") == 1 and "Weitere Änderungen" not in diff
    )  # its log line folded in
    [row] = json.loads(run("diff", ADOPTED, "--format", "json", plan=plan).stdout)["changes"]
    assert (row["kind"], row["weakening"], row["months"]) == ("postponed", True, 24)
    assert row["decision"] == {"date": "2026-06-12", "text": DECISION}
    assert row["title"] == "Versorgung mit grünem Wasserstoff"
    assert row["item_title"] == "HH-WIN Ausbaustufe 1"
    markdown = run("diff", ADOPTED, "--format", "markdown", plan=plan).stdout
    assert "(2030 → 2032)" in markdown and "&gt;" not in markdown

    show = run("show", "HF1.15", plan=plan).stdout
    assert (
        f"Beschlossene Änderungen 12.06.2026 „HH-WIN Ausbaustufe 1“: Frist 2032 – {DECISION}"
        in words(show)
    )
    assert "bis 2032 [3]" in show and "beschlossen: Beschluss vom 12.06.2026" in show
    [shown] = json.loads(run("show", "HF1.15", "--format", "json", plan=plan).stdout)["decisions"]
    assert (shown["date"], shown["text"], shown["item"]) == (
        "2026-06-12",
        DECISION,
        "hh-win-stufe-1",
    )

    report = run("report", plan=plan).stdout
    assert (
        "## Beschlossene Änderungen\n\n"
        f"- 12.06.2026 HF1.15, „HH-WIN Ausbaustufe 1“: Frist 2032 – {DECISION}" in report
    )

    briefing = run("round", "--since", ADOPTED, "--today", TODAY, plan=plan).stdout
    decided = briefing.split("## Seit der letzten Runde beschlossen (1)", 1)[1].split("\n## ", 1)[0]
    assert f"12.06.2026 HF1.15, „HH-WIN Ausbaustufe 1“: Frist 2032 – {DECISION}" in decided
    assert "HF1.15" not in briefing.split("## Zur Entscheidung", 1)[1].split("\n## ", 1)[0]


def test_a_weakened_deadline_without_decision_is_up_for_decision_in_the_round(plan: Path) -> None:
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    briefing = run("round", "--today", TODAY, plan=plan).stdout
    decisions = briefing.split("## Zur Entscheidung", 1)[1].split("\n## ", 1)[0]
    first = next(line for line in decisions.splitlines() if line.startswith("| HF"))
    assert first.startswith("| HF1.15 |") and "Frist verschoben um 24 Monate" in first


def test_a_lowered_target_fails_and_retarget_approves_it(plan: Path) -> None:
    break_plan(plan, HF3, ELECTROLYSER, ELECTROLYSER.replace("100", "80"))
    line, column = position(plan, HF3, "        target:\n          value: ")
    text = run("validate", plan=plan, code=1).stdout
    assert (
        f"{HF3}:{line}:{column}: Fehler: Gegenüber dem beschlossenen Plan: HF3.10 "
        "Industrieprojekte Klima, Energie und Umwelt, „Leistung des Elektrolyseurs im Hamburg "
        "Green Hydrogen Hub“: Ziel gesenkt (mindestens 100 MW → mindestens 80 MW), ohne "
        "Beschluss; Beschluss festhalten mit: "
        'mpi retarget elektrolyseur-leistung 80 --decision "TEXT"'
    ) in text
    git(plan.parent, "checkout", "-q", "plan")

    args = ["--decision", "Drucksache 22/12345", "--date", "03.11.2026"]
    run("retarget", "elektrolyseur-leistung", "80", *args, plan=plan)
    result = mpi("validate", plan=plan, lang="en")
    assert (
        "approved-change" in result.stdout
        and "target lowered (at least 100 MW → at least 80 MW)" in result.stdout
    )
    [row] = json.loads(run("diff", ADOPTED, "--format", "json", plan=plan).stdout)["changes"]
    assert (row["kind"], row["weakening"], row["old"], row["new"]) == (
        "lowered",
        True,
        "≥ 100",
        "≥ 80",
    )
    assert row["decision"]["text"] == "Drucksache 22/12345"
    assert (
        "„Leistung des Elektrolyseurs im Hamburg Green Hydrogen Hub“: "
        "Ziel mindestens 80 MW – Drucksache 22/12345"
        in words(run("show", "HF3.10", plan=plan).stdout)
    )


def test_a_dropped_measure_fails_and_drop_approves_it(plan: Path) -> None:
    line, column = drop_by_hand(plan)
    assert (
        f"{HF2}:{line}:{column}: Fehler: Gegenüber dem beschlossenen Plan: HF2.2 FabCity "
        "Hamburg entfallen, ohne Beschluss; Beschluss festhalten mit: "
        'mpi drop HF2.2 --decision "TEXT"  [weakened]'
    ) in run("validate", plan=plan, code=1).stdout
    git(plan.parent, "checkout", "-q", "plan")

    refused = mpi("set", "HF2.2", "--status", "entfallen", plan=plan, lang="de", code=2)
    assert "mpi drop" in refused.stderr
    run(
        "drop",
        "HF2.2",
        "--decision",
        "Koordinierungsrunde 10.12.2025, TOP 4",
        "--date",
        "10.12.2025",
        plan=plan,
    )
    result = mpi("validate", plan=plan, lang="de")
    assert (
        "approved-change" in result.stdout
        and "HF2.2 FabCity Hamburg entfallen, Beschluss vom 10.12.2025" in result.stdout
    )
    diff = run("diff", ADOPTED, plan=plan).stdout
    assert diff.startswith(
        "Abschwächung (1):\n"
        "! HF2.2 FabCity Hamburg entfallen (zuvor laufend), Beschluss vom 10.12.2025"
    )


def test_a_removed_milestone_needs_a_removal_decision(plan: Path) -> None:
    stage_2 = (
        "      - id: hh-win-stufe-2\n        title: HH-WIN Ausbaustufe 2\n        due: 2035\n"
        "        kind: by\n        status: open\n        basis: stated\n"
        "        quote: Ausbaustufe 2 bis 2035\n"
    )
    break_plan(plan, HF1, stage_2, "")
    text = run("validate", plan=plan, code=1).stdout
    content = (plan / HF1).read_text(encoding="utf-8")
    key = content.index("    milestones:\n", content.index("  - id: HF1.15\n"))
    assert f"{HF1}:{content[:key].count(chr(10)) + 1}:5: Fehler: Gegenüber" in text  # at the key
    assert (
        "HF1.15 Versorgung mit grünem Wasserstoff: Meilenstein „HH-WIN Ausbaustufe 2“ entfernt, "
        "ohne Beschluss" in text
    )
    assert "in `decisions` von HF1.15: `date`, `text` und `removed: hh-win-stufe-2`" in text
    break_plan(
        plan, HF1, "    updates: []\n\n  - id: HF1.16",
        "    decisions:\n      - {date: 2026-06-12, text: Koordinierungsrunde 12.06.2026, "
        "removed: hh-win-stufe-2}\n    updates: []\n\n  - id: HF1.16",
    )  # fmt: skip
    result = mpi("validate", plan=plan, lang="de", today=TODAY)
    assert (
        "approved-change" in result.stdout
        and "entfernt, Beschluss vom 12.06.2026: Koordinierungsrunde 12.06.2026" in result.stdout
    )


def test_strengthening_changes_are_notes_not_errors(plan: Path) -> None:
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2029"))
    result = mpi("validate", "--format", "json", plan=plan, lang="en")
    [row] = json.loads(result.stdout)
    assert (row["severity"], row["code"]) == ("info", "changed-since-adoption")
    assert "deadline brought forward by 12 months (2030 → 2029)" in row["message"]


def test_a_thinned_recurring_duty_is_rescheduled_without_a_new_end(plan: Path) -> None:
    every = (
        "        recurrence: {every: half-yearly, start: 2023-12}\n"
        "        status: open\n        basis: inferred\n"
    )
    break_plan(plan, HF1, every, every.replace("half-yearly", "yearly"))
    text = run("validate", plan=plan, code=1).stdout
    assert (
        "wiederkehrende Pflicht ausgedünnt (halbjährlich ab Dezember 2023 → jährlich ab "
        "Dezember 2023), "
        "ohne Beschluss" in text
    )
    how = 'mpi reschedule HF1.10 bericht-koordinierungsrunde --every jährlich --decision "TEXT"'
    assert how in text
    git(plan.parent, "checkout", "-q", "plan")
    run(
        "reschedule",
        "HF1.10",
        "bericht-koordinierungsrunde",
        "--every",
        "jährlich",
        "--decision",
        "Koordinierungsrunde 07.12.2026, TOP 1",
        plan=plan,
    )
    written = (plan / HF1).read_text(encoding="utf-8")
    assert "recurrence: {every: yearly, start: 2023-12}\n" in written
    assert (
        "derivation: 'Beschluss vom 07.12.2026: Koordinierungsrunde 07.12.2026, TOP 1'\n" in written
    )  # the folded text replaced whole
    mpi("validate", plan=plan)


def test_baseline_option_overrides_the_plan_and_rejects_an_unknown_revision(plan: Path) -> None:
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    commit(plan.parent, "later")
    mpi("validate", "--baseline", "later", plan=plan)
    mpi("validate", "--baseline", ADOPTED, plan=plan, code=1)
    unknown = mpi("validate", "--baseline", "nope", plan=plan, lang="de", code=2)
    assert unknown.stderr == "mpi: unbekannte Git-Revision 'nope'\n"


def test_decision_commands_understand_german_and_keep_the_files_canonical(plan: Path) -> None:
    decided = ["--decision", "Koordinierungsrunde 12.06.2026, TOP 2", "--date", "12.06.2026"]
    run(
        "reschedule",
        "HF1.15",
        "hh-win-stufe-1",
        "06.2032",
        "--kind",
        "voraussichtlich",
        *decided,
        plan=plan,
    )
    run("retarget", "flaechenreserve", "1.090,5", "--year", "dauerhaft", *decided, plan=plan)
    hf1 = (plan / HF1).read_text(encoding="utf-8")
    assert "        due: 2032-06\n        kind: expected\n" in hf1
    assert "            due: 2032-06\n            kind: expected\n" in hf1  # the decision record
    assert "year: permanent" in hf1 and "value: 1090.5" in hf1
    assert (
        "bis 2030 → voraussichtlich Juni 2032 (Beschluss vom 12.06.2026: Koordinierungsrunde "
        "12.06.2026, TOP 2)" in hf1
    )
    mpi("validate", plan=plan)


R = ["reschedule", "HF1.15", "1"]
D = ["drop", "HF2.2", "--decision"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ([*R, "2032", "--decision", " "], "--decision"),
        ([*R, "2032", "--decision", DECISION, "--date", "01.01.2099"], "2099"),
        ([*R, "bald", "--decision", DECISION], "bald"),
        ([*R, "--decision", DECISION], "nichts zu ändern"),
        (["reschedule", "HF1.10", "2", "2020", "--decision", DECISION], "vor dem ersten Termin"),
        ([*R, "--every", "jährlich", "--decision", DECISION], "wiederkehrend"),
        ([*D, ""], "--decision"),
        ([*D, "x", "--date", "20.11.2026"], "sagt nicht, welcher Beschluss"),
        ([*D, "…", "--date", "20.11.2026"], "sagt nicht, welcher Beschluss"),
        ([*D, "Koordinierungsrunde 10.12.2026, TOP 2"], "nach heute"),
        ([*D, "Koordinierungsrunde 10.12.2026, TOP 2", "--date", "07.12.2026"],
         "nennt 10.12.2026, sein Datum ist aber 07.12.2026"),
        ([*D, "Drucksache 22/12345"], "nennt keinen Tag"),
        (["drop", "HF2.2"], "--decision"),
        ([*R, "2032"], "--correction"),
        ([*R, "2032", "--decision", DECISION, "--correction", "a b c"], "--correction"),
        ([*R, "2032", "--correction", "Die Lesart war falsch"], "nur eine Lesart der Redaktion"),
    ],
)  # fmt: skip
def test_decision_commands_refuse_what_decides_nothing(
    plan: Path, args: list[str], said: str
) -> None:
    before = {p.name: p.read_bytes() for p in plan.glob("*.yaml")}
    result = mpi(*args, plan=plan, lang="de", today=TODAY, code=2)
    assert result.stderr.startswith("mpi: ") and said in result.stderr, result.stderr
    assert {p.name: p.read_bytes() for p in plan.glob("*.yaml")} == before


def test_a_schedule_that_would_orphan_recorded_occurrences_is_refused(plan: Path) -> None:
    run(
        "milestone",
        "HF1.10",
        "2",
        "erledigt",
        "--occurrence",
        "06.2026",
        "--date",
        "30.06.2026",
        plan=plan,
    )
    before = (plan / HF1).read_bytes()
    args = ["reschedule", "HF1.10", "2", "--every", "jährlich", "--decision", DECISION]
    result = mpi(*args, plan=plan, lang="de", today=TODAY, code=2)
    assert result.stderr == (
        "mpi: die erfassten Termine Juni 2026 sind keine Termine des neuen Zeitplans; die Reihe "
        "mit ihrem letzten erfassten Termin beenden (mpi reschedule HF1.10 "
        "bericht-koordinierungsrunde 2026-06 --decision …) und den neuen Zeitplan als eigenen "
        "Meilenstein anlegen\n"
    )
    assert (plan / HF1).read_bytes() == before
    run("reschedule", "HF1.10", "2", "2026-06", "--decision", DECISION, plan=plan)  # as it says
    assert "recurrence: {every: half-yearly, start: 2023-12, end: 2026-06}" in (
        plan / HF1
    ).read_text(encoding="utf-8")


def test_the_command_validate_suggests_records_the_decision_for_a_hand_edit(plan: Path) -> None:
    """Weakened by hand in four ways; each suggested command, run as printed, records the
    decision for the value in the file, and the plan passes."""
    hf1 = (plan / HF1).read_text(encoding="utf-8")
    moved = STAGE_1.replace("2030", "2032") + "        kind: expected\n"
    hf1 = hf1.replace(STAGE_1 + "        kind: by\n", moved)
    hf1 = hf1.replace("{every: half-yearly, start: 2023-12}", "{every: yearly, start: 2023-12}")
    (plan / HF1).write_text(hf1, encoding="utf-8")
    break_plan(plan, HF3, ELECTROLYSER, ELECTROLYSER.replace("100", "80"))
    drop_by_hand(plan)
    said = run("validate", plan=plan, code=1).stdout
    suggested = re.findall(r'Beschluss festhalten mit: (mpi [^"]+)"TEXT"', said)
    assert len(suggested) == 5, said
    for command in suggested:
        args = [*shlex.split(command)[1:], "Koordinierungsrunde 07.12.2026, TOP 2"]
        run(*args, plan=plan)
    result = mpi("validate", plan=plan, lang="de")
    assert result.stdout.count("approved-change") == 5
    written = (plan / HF1).read_text(encoding="utf-8")
    assert "Frist „HH-WIN Ausbaustufe 1“ per Beschluss bestätigt: voraussichtlich 2032" in written
    decided = "Koordinierungsrunde 07.12.2026, TOP 3"
    again = mpi(*shlex.split(suggested[0])[1:], decided, plan=plan, today=TODAY, code=2)
    assert "already" in again.stderr  # its decision is on record


def test_a_later_decision_overrules_an_earlier_one_and_none_is_backdated(plan: Path) -> None:
    run(
        "reschedule",
        "HF1.15",
        "1",
        "2034",
        "--decision",
        "Koordinierungsrunde 01.06.2025",
        plan=plan,
    )
    run(
        "reschedule",
        "HF1.15",
        "1",
        "2032",
        "--decision",
        "Koordinierungsrunde 01.06.2026",
        plan=plan,
    )
    title = "        title: HH-WIN Ausbaustufe 1\n"
    break_plan(
        plan, HF1, title + "        due: 2032\n", title + "        due: 2034\n"
    )  # A, by hand
    assert "2030 → 2034), ohne Beschluss" in run("validate", plan=plan, code=1).stdout
    for day, said in (
        ("15.01.2026", "ein späterer Beschluss (01.06.2026) dazu ist festgehalten"),
        ("01.01.1999", "liegt vor dem Beschluss des Plans (2023)"),
    ):
        args = ["reschedule", "HF1.15", "1", "2034", "--decision", f"Koordinierungsrunde {day}"]
        result = mpi(*args, plan=plan, lang="de", today=TODAY, code=2)
        assert said in result.stderr, result.stderr


def test_a_rule_error_elsewhere_does_not_hide_the_weakening(plan: Path) -> None:
    """A quote the plan cannot find (a rule across the file) and a postponed deadline: both
    are reported; a schema error comes first (the comparison follows once it is fixed)."""
    break_plan(plan, HF1, STAGE_1, STAGE_1.replace("2030", "2032"))
    break_plan(plan, HF1, "quote: Ausbaustufe 2 bis 2035", "quote: Ausbaustufe 2 bis 2099")
    codes = [
        r["code"] for r in json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    ]
    assert sorted(codes) == ["quote-not-found", "weakened"]
    break_plan(plan, HF3, ELECTROLYSER, ELECTROLYSER.replace("basis: stated", "basis: gesagt"))
    rows = json.loads(run("validate", "--format", "json", plan=plan, code=1).stdout)
    assert [r["code"] for r in rows] == ["schema"]  # compared once the file is read


def test_an_explicit_baseline_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "plan")
    args = ["validate", "--plan", str(tmp_path / "plan"), "--baseline", ADOPTED, "--lang", "de"]
    result = mpi(*args, code=2)
    assert "nicht in einem Git-Repository" in result.stderr


def test_diff_keeps_a_note_that_quotes_a_changed_milestone(plan: Path) -> None:
    """Only mpi's own line for a change is folded into it: a note someone wrote that quotes
    the milestone stays, and a decision's words are not split at a dash."""
    decided = "Koordinierungsrunde 12.06.2026 – TOP 3"
    run("reschedule", "HF1.15", "1", "2032", "--decision", decided, plan=plan)
    note = "Gasnetz meldet: „HH-WIN Ausbaustufe 1“ Trasse Moorburg genehmigt"
    run("note", "HF1.15", note, plan=plan)
    rows = json.loads(run("diff", ADOPTED, "--format", "json", plan=plan).stdout)["changes"]
    assert [(r["kind"], r["note"]) for r in rows] == [("postponed", None), ("update", None)]
    assert rows[0]["decision"]["text"] == decided and rows[1]["text"] == note
