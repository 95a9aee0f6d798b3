"""Recording progress: minimal diffs, refusal of invalid changes, atomic and locked writes."""

from __future__ import annotations

import difflib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import SHIPPED, TODAY, TODAY_DATE, break_plan, mpi
from mpi.domain.dates import current_day
from mpi.domain.errors import EditRefused, InternalError
from mpi.edit import mutations, transaction
from mpi.edit.document import Document
from mpi.loading.load import load_plan, require_plan
from mpi.loading.sources import read_source

HF1 = "hf1-flaechen.yaml"


def changed_lines(before: str, after: str) -> list[str]:
    """The +/- lines of a unified diff, without headers."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def edit_ok(plan: Path, *args: str) -> str:
    result = mpi(*args, plan=plan)
    return result.stdout


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.name)
def test_round_trip_of_shipped_files_is_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert Document(text, read_source(path)[0].tree).result() == text


def test_set_changes_only_status_line_and_adds_log_entry(mini: Path) -> None:
    before = (mini / HF1).read_text(encoding="utf-8")
    edit_ok(
        mini,
        "set",
        "HF1.2",
        "--status",
        "in_progress",
        "--note",
        "Bau begonnen",
        "--date",
        "2026-03-01",
    )
    after = (mini / HF1).read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-    status: planned",
        "+    status: in_progress",
        "-    updates: []",
        "+    updates:",
        "+      - date: '2026-03-01'",
        "+        text: Bau begonnen",
        "+        status: in_progress",
    ]
    measure = require_plan(load_plan(mini)).fields[0].measures[1]
    assert measure.status == "in_progress" and measure.updates[0].status == "in_progress"


def test_second_entry_stays_inside_the_measure(mini: Path) -> None:
    edit_ok(mini, "note", "HF1.1", "erste Notiz", "--date", "2026-01-10")
    before = (mini / HF1).read_text(encoding="utf-8")
    edit_ok(mini, "note", "HF1.1", "zweite Notiz", "--date", "2026-02-10")
    after = (mini / HF1).read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "+      - date: '2026-02-10'",
        "+        text: zweite Notiz",
    ]
    # the blank line between HF1.1 and HF1.2 is still right before HF1.2
    assert "text: zweite Notiz\n\n  - id: HF1.2" in after


def test_earlier_entry_is_inserted_in_date_order(mini: Path) -> None:
    edit_ok(mini, "note", "HF1.1", "später", "--date", "2026-05-01")
    edit_ok(mini, "note", "HF1.1", "früher", "--date", "2026-01-01")
    updates = require_plan(load_plan(mini)).fields[0].measures[0].updates
    assert [u.text for u in updates] == ["früher", "später"]


def test_milestone_done_then_open_again(mini: Path) -> None:
    """In German, as the log of a German plan reads (the values in the file stay English)."""
    before = (mini / HF1).read_text(encoding="utf-8")
    edit_ok(
        mini, "milestone", "HF1.2", "stufe-1", "erledigt", "--date", "30.04.2026", "--lang", "de"
    )
    done = (mini / HF1).read_text(encoding="utf-8")
    assert changed_lines(before, done) == [
        "-        status: open",
        "+        status: done",
        "+        done: '2026-04-30'",
        "-    updates: []",
        "+    updates:",
        "+      - date: '2026-04-30'",
        "+        text: 'Meilenstein „Ausbaustufe 1“: offen → erledigt'",
    ]
    edit_ok(mini, "milestone", "HF1.2", "1", "offen", "--date", "2026-05-02", "--lang", "de")
    reopened = (mini / HF1).read_text(encoding="utf-8")
    assert changed_lines(done, reopened) == [
        "-        status: done",
        "-        done: '2026-04-30'",
        "+        status: open",
        "+      - date: '2026-05-02'",
        "+        text: 'Meilenstein „Ausbaustufe 1“: erledigt → offen'",
    ]


def overdue(plan: Path, today: str = TODAY) -> list[str]:
    result = mpi("due", "--overdue", "--today", today, "--format", "json", plan=plan)
    return [row["due"] for row in json.loads(result.stdout)]


def occurrences(plan: Path) -> list[tuple[str, str, str | None, str | None]]:
    bericht = require_plan(load_plan(plan)).fields[0].measures[1].milestones[2]
    return [
        (o.due.iso(), o.status, o.done.iso() if o.done else None, o.note)
        for o in bericht.occurrences
    ]


def test_recording_one_occurrence_changes_exactly_that_one(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPI_TODAY", TODAY)
    before = overdue(mini)
    assert before == ["2023-06", "2023-12", "2024-06", "2024-12", "2025-06", "2025-12", "2026-06"]
    edit_ok(
        mini, "milestone", "HF1.2", "bericht", "done", "--occurrence", "2026-06",
        "--date", "2026-05-10",
    )  # fmt: skip
    assert occurrences(mini) == [("2026-06", "done", "2026-05-10", None)]
    assert overdue(mini) == before[:-1]  # the earlier ones stay overdue
    edit_ok(
        mini, "milestone", "HF1.2", "3", "missed", "--occurrence", "2023-12",
        "--note", "Runde ausgefallen", "--date", "2026-05-11",
    )  # fmt: skip
    assert occurrences(mini) == [
        ("2023-12", "missed", None, "Runde ausgefallen"),
        ("2026-06", "done", "2026-05-10", None),
    ]
    assert overdue(mini) == ["2023-06", "2024-06", "2024-12", "2025-06", "2025-12"]
    updates = require_plan(load_plan(mini)).fields[0].measures[1].updates
    assert (
        updates[0].text
        == "Meilenstein „Halbjährlicher Bericht“, Termin Juni 2026: offen → erledigt"
    )
    edit_ok(mini, "milestone", "HF1.2", "bericht", "open", "--occurrence", "2023-12")
    assert occurrences(mini) == [("2026-06", "done", "2026-05-10", None)]


def test_without_an_occurrence_several_past_ones_are_listed_not_guessed(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPI_TODAY", TODAY)
    before = (mini / HF1).read_bytes()
    result = mpi("milestone", "HF1.2", "bericht", "done", plan=mini, code=2)
    assert "7 occurrences past their date and not recorded (2023-06, 2023-12" in result.stderr
    assert "--occurrence 2026-06" in result.stderr
    assert (mini / HF1).read_bytes() == before


def test_without_an_occurrence_the_one_past_or_else_the_next_is_taken(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPI_TODAY", TODAY)
    for due in ("2023-06", "2023-12", "2024-06", "2024-12", "2025-06", "2025-12"):
        edit_ok(mini, "milestone", "HF1.2", "bericht", "missed", "--occurrence", due)
    edit_ok(mini, "milestone", "HF1.2", "bericht", "done", "--date", "2026-06-20")
    assert occurrences(mini)[-1] == ("2026-06", "done", "2026-06-20", None)
    # none is past its date now: the half-yearly report held on 2026-11-25 is the next one
    edit_ok(mini, "milestone", "HF1.2", "bericht", "done", "--date", "2026-11-25")
    assert occurrences(mini)[-1] == ("2026-12", "done", "2026-11-25", None)
    assert overdue(mini) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["bericht", "done", "--occurrence", "2026-11"],
            "no occurrence 2026-11; in 2026: 2026-06, 2026-12",
        ),
        (["bericht", "done", "--occurrence", "Juni"], "--occurrence: 'Juni' is not a date"),
        (["bericht", "open"], "which occurrence? (none is recorded)"),
        (
            ["stufe-1", "done", "--occurrence", "2030"],
            "--occurrence: milestone 'stufe-1' of HF1.2 does not recur",
        ),
    ],
)
def test_bad_occurrence_is_refused(
    mini: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.setenv("MPI_TODAY", TODAY)
    result = mpi("milestone", "HF1.2", *args, plan=mini, code=2)
    assert message in result.stderr


def test_a_note_never_hides_which_occurrence_it_is_about(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPI_TODAY", TODAY)
    args = ["milestone", "HF1.2", "bericht"]
    edit_ok(mini, *args, "done", "--occurrence", "2024-06", "--note", "mit 12 Firmen")
    edit_ok(mini, *args, "missed", "--occurrence", "2024-06", "--note", "doch ausgefallen")
    assert occurrences(mini)[0] == ("2024-06", "missed", None, "doch ausgefallen")
    log = [u.text for u in require_plan(load_plan(mini)).fields[0].measures[1].updates]
    assert log == [
        "Meilenstein „Halbjährlicher Bericht“, Termin Juni 2024: offen → erledigt – mit 12 Firmen",
        "Meilenstein „Halbjährlicher Bericht“, Termin Juni 2024: erledigt → verfehlt"
        " – doch ausgefallen",
    ]


def test_an_occurrence_that_has_not_come_round_is_not_recorded(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeated `done` must not record next year's event in advance."""
    monkeypatch.setenv("MPI_TODAY", TODAY)
    for due in ("2023-06", "2023-12", "2024-06", "2024-12", "2025-06", "2025-12", "2026-06"):
        edit_ok(mini, "milestone", "HF1.2", "bericht", "missed", "--occurrence", due)
    edit_ok(mini, "milestone", "HF1.2", "bericht", "done")  # the current one, 2026-12
    again = mpi("milestone", "HF1.2", "bericht", "done", plan=mini, code=2)
    assert "occurrence 2027-06 has not come round yet (the current one is 2026-12)" in (
        again.stderr
    )
    early = mpi("milestone", "HF1.2", "3", "done", "--occurrence", "2030-06", plan=mini, code=2)
    assert "has not come round yet" in early.stderr


def test_occurrences_written_as_a_flow_list_are_undone_in_place(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPI_TODAY", TODAY)
    records = "[{due: 2024-06, status: done, done: 2024-06-10}, {due: 2024-12, status: missed}]"
    break_plan(mini, HF1, "start: 2023}\n", f"start: 2023}}\n        occurrences: {records}\n")
    edit_ok(mini, "milestone", "HF1.2", "bericht", "open", "--occurrence", "2024-12")
    assert "        occurrences: [{due: 2024-06, status: done, done: 2024-06-10}]\n" in (
        (mini / HF1).read_text(encoding="utf-8")
    )
    edit_ok(mini, "milestone", "HF1.2", "bericht", "open")  # the only one recorded
    assert "        occurrences: []\n" in (mini / HF1).read_text(encoding="utf-8")
    edit_ok(mini, "milestone", "HF1.2", "bericht", "missed", "--occurrence", "2023-06")
    assert occurrences(mini) == [("2023-06", "missed", None, None)]


def test_occurrences_held_through_last_done_read_as_done(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old `last_done` counts as held in the views; the command reads it the same way."""
    monkeypatch.setenv("MPI_TODAY", TODAY)
    break_plan(mini, HF1, "start: 2023}", "start: 2023, last_done: 2026-06}")
    assert overdue(mini) == []
    edit_ok(mini, "milestone", "HF1.2", "bericht", "missed", "--occurrence", "2024-06")
    assert overdue(mini) == [] and occurrences(mini)[0][:2] == ("2024-06", "missed")
    log = require_plan(load_plan(mini)).fields[0].measures[1].updates[-1].text
    assert log.endswith("Termin Juni 2024: erledigt → verfehlt")
    undo = mpi("milestone", "HF1.2", "3", "open", "--occurrence", "2023-06", plan=mini, code=2)
    assert "counts as held through `recurrence.last_done`" in undo.stderr


def test_plan_level_and_monitoring_milestones_are_recorded_like_a_measures(mini: Path) -> None:
    edit_ok(mini, "milestone", "evaluation", "evaluation", "done", "--date", "2026-03-01")
    edit_ok(mini, "note", "plan", "Klimaschutzgesetz geändert", "--date", "2026-03-02")
    plan = require_plan(load_plan(mini))
    body = plan.monitoring.bodies[0]
    assert (body.milestones[0].status, body.milestones[0].done.iso()) == ("done", "2026-03-01")
    assert [u.text for u in body.updates] == [
        "Meilenstein „Evaluation des Plans“: offen → erledigt"
    ]
    assert [u.text for u in plan.updates] == ["Klimaschutzgesetz geändert"]
    shown = json.loads(edit_ok(mini, "show", "evaluation", "--format", "json"))
    assert shown["milestones"][0]["status"] == "done" and shown["updates"]
    result = mpi("milestone", "gremium", "1", "done", plan=mini, code=2)
    assert "unknown measure or monitoring body 'gremium'" in result.stderr


def test_set_says_when_a_finished_measure_keeps_open_milestones(mini: Path) -> None:
    result = mpi("set", "HF1.2", "--status", "done", plan=mini)
    assert "HF1.2 is done, but milestones are still open (stufe-1, stufe-2, bericht)" in (
        result.stderr
    )
    quiet = mpi("set", "HF1.1", "--status", "done", plan=mini)
    assert "warning" not in quiet.stderr


def test_record_adds_value_and_log(mini: Path) -> None:
    before = (mini / HF1).read_text(encoding="utf-8")
    edit_ok(
        mini,
        "record",
        "flaechenreserve",
        "97,5",
        "--date",
        "2026-06-30",
        "--source",
        "Statistikamt Nord",
    )
    after = (mini / HF1).read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-    updates: []",
        "+        values:",
        "+          - date: '2026-06-30'",
        "+            value: 97.5",
        "+            source: Statistikamt Nord",
        "+    updates:",
        f"+      - date: '{current_day().isoformat()}'",  # logged the day it is recorded
        "+        text: 'Indikator „Flächenreserve“: 97,5 ha (Stand 30.06.2026) (Quelle: "
        "Statistikamt Nord)'",
    ]
    out = edit_ok(mini, "show", "HF1.1", "--format", "json")
    assert '"last_value": 97.5' in out and '"on_track": false' in out


def test_dry_run_prints_diff_and_writes_nothing(mini: Path) -> None:
    before = (mini / HF1).read_bytes()
    out = edit_ok(mini, "set", "HF1.1", "--status", "at_risk", "--dry-run")
    assert "+    status: at_risk" in out and out.startswith(f"--- {(mini / HF1).resolve()}\n")
    assert (mini / HF1).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "HF1.9", "--status", "done"], "unknown measure 'HF1.9'"),
        (["set", "HF1.1", "--status", "finished"], "--status: unknown status 'finished'"),
        (["set", "HF1.1", "--status", "ongoing"], "already ongoing"),
        (["set", "HF1.1", "--status", "done", "--date", "2099-01-01"], "lies in the future"),
        (["milestone", "HF1.2", "stufe-9", "done"], "has no milestone 'stufe-9'"),
        (
            ["milestone", "HF1.2", "stufe-1", "finished"],
            "STATE: unknown milestone state 'finished'",
        ),
        (["milestone", "HF1.2", "bericht", "missed"], "say which with --occurrence"),
        (["record", "nichtda", "5"], "unknown indicator 'nichtda'"),
        (["record", "flaechenreserve", "viel"], "VALUE: must be a number"),
        (["record", "flaechenreserve", "nan"], "finite number"),
        (["note", "HF1.1", "  "], "the note is empty"),
    ],
)
def test_bad_edit_is_refused_and_file_untouched(mini: Path, args: list[str], message: str) -> None:
    before = {p.name: p.read_bytes() for p in mini.glob("*.yaml")}
    result = mpi(*args, plan=mini, code=2)
    assert message in result.stderr
    assert {p.name: p.read_bytes() for p in mini.glob("*.yaml")} == before


def test_change_that_makes_plan_invalid_is_refused(mini: Path) -> None:
    before = (mini / HF1).read_bytes()

    def corrupt(target):
        target.doc.set_value(target.measure, "status", "bogus")
        return "corrupted"

    with pytest.raises(EditRefused, match=r"would make the plan invalid.*status"):
        transaction.edit_measure(mini, "HF1.1", corrupt)
    assert (mini / HF1).read_bytes() == before


def test_edit_refused_while_another_file_is_invalid(mini: Path) -> None:
    break_plan(mini, "hf2-innovation.yaml", "    status: planned", "    status: kaputt")
    before = (mini / HF1).read_bytes()
    result = mpi("note", "HF1.1", "x", plan=mini, code=1)
    assert "hf2-innovation.yaml" in result.stderr and "nothing was written" in result.stderr
    assert (mini / HF1).read_bytes() == before


def test_file_changed_on_disk_is_not_overwritten(mini: Path) -> None:
    path = mini / HF1

    def meanwhile(target):
        path.write_text(path.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
        target.doc.set_value(target.measure, "status", "at_risk")
        return "x"

    with pytest.raises(EditRefused, match="changed on disk"):
        transaction.edit_measure(mini, "HF1.1", meanwhile)
    assert path.read_text(encoding="utf-8").endswith("# edited by hand\n")


def test_failed_rename_leaves_original_and_no_temp_files(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (mini / HF1).read_bytes()

    def crash(*_args):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(EditRefused, match=r"cannot write .*: disk on fire; nothing was written"):
        transaction.edit_measure(mini, "HF1.1", mutations.add_note("x", TODAY_DATE, TODAY_DATE))
    assert (mini / HF1).read_bytes() == before
    assert sorted(p.name for p in mini.iterdir() if p.name.endswith(".tmp")) == []


def test_write_keeps_file_mode(mini: Path) -> None:
    os.chmod(mini / HF1, 0o640)
    edit_ok(mini, "note", "HF1.1", "x")
    assert (mini / HF1).stat().st_mode & 0o777 == 0o640


def _spawn(plan: Path, text: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mpi", "note", "HF1.1", text, "--plan", str(plan)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_eight_concurrent_writers_all_keep_their_updates(mini: Path) -> None:
    writers = [_spawn(mini, f"Schreiber {i}") for i in range(8)]
    for w in writers:
        assert w.wait(timeout=60) == 0, w.stderr.read() if w.stderr else ""
    texts = [u.text for u in require_plan(load_plan(mini)).fields[0].measures[0].updates]
    assert sorted(texts) == sorted(f"Schreiber {i}" for i in range(8))


def test_writer_killed_mid_write_leaves_a_valid_file(mini: Path) -> None:
    original = (mini / HF1).read_bytes()
    kills = 0
    for delay in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
        writer = _spawn(mini, f"kill {delay}")
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        kills += writer.returncode == -signal.SIGKILL
        loaded = load_plan(mini)
        assert loaded.errors == [], loaded.errors
        current = (mini / HF1).read_bytes()
        assert current == original or b"kill " in current
        original = current
    assert kills > 0


def test_shipped_package_plan_is_not_edited(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from mpi.loading.locate import Location, packaged_plan

    packaged = packaged_plan()
    monkeypatch.setattr(
        "mpi.loading.locate.locate_plan", lambda _explicit=None: Location(packaged, "option")
    )
    result = mpi("note", "HF1.1", "x", code=2)
    assert "refusing to edit the plan shipped inside the installed package" in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        ">-\n  Erste Zeile\n  zweite Zeile",
        "|\n  Erste Zeile\n  zweite Zeile",
        "Erste Zeile\n  zweite Zeile",  # a plain text folded over two lines
        "'Erste Zeile\n  zweite Zeile'",
    ],
    ids=["folded", "literal", "plain", "quoted"],
)
def test_set_value_replaces_a_text_over_several_lines_whole(value: str) -> None:
    import yaml

    from mpi.loading.positions import PMap

    text = f"a:\n  derivation: {value.replace(chr(10), chr(10) + '  ')}\n  after: 1\n"
    tree = read_source(Path("x.yaml"), text)[0].tree
    assert isinstance(tree, PMap)
    doc = Document(text, tree)
    doc.set_value(tree["a"], "derivation", "neu")
    assert doc.result() == "a:\n  derivation: neu\n  after: 1\n"
    assert yaml.safe_load(doc.result()) == {"a": {"derivation": "neu", "after": 1}}


@given(
    st.lists(st.sampled_from(["a: 1\n", "b:\n", "  - x\n", "\n", "c: „ü“\n"]), max_size=40),
    st.integers(0, 400),
    st.integers(0, 40),
    st.sampled_from(["", "X", "neu\n", "a\nb\nc\n"]),
)
def test_the_diff_of_an_edit_span_is_the_diff_of_the_whole_file(
    lines: list[str], at: int, length: int, replacement: str
) -> None:
    """The dry-run diff compares only the lines around the edit: the same hunks as difflib
    on the whole file (trimmed of the lines both share)."""
    from mpi.edit.owners import _trimmed_diff, unified_diff

    old = "".join(lines)
    start = min(at, len(old))
    end = min(start + length, len(old))
    new = old[:start] + replacement + old[end:]
    assert unified_diff(old, new, "f", (start, end)) == _trimmed_diff(old, new, "f", 3)


def test_an_edit_of_a_plan_that_breaks_a_rule_across_files_is_refused(mini: Path) -> None:
    """The first read checks each file against its model only; a rule broken already is
    found when the edited plan is checked whole, and named as the plan's, not the edit's."""
    break_plan(mini, HF1, "quote: Wie bisher sind 100 Hektar", "quote: Gibt es nicht")
    before = (mini / HF1).read_bytes()
    result = mpi("set", "HF1.2", "--status", "at_risk", plan=mini, code=1)
    assert result.stderr.startswith("mpi: the plan on disk is invalid: ")
    assert "hf1-flaechen.yaml:28:" in result.stderr
    assert "fix it first (mpi validate); nothing was written" in result.stderr
    assert (mini / HF1).read_bytes() == before


@pytest.mark.parametrize("where", ["another measure", "the field"])
def test_an_edit_that_reaches_beyond_its_measure_is_refused(mini: Path, where: str) -> None:
    """The guard behind every mutation: what holds the measure must come out the same."""
    before = (mini / HF1).read_bytes()

    def stray(target):
        tree = target.doc.tree
        if where == "the field":
            target.doc.set_value(tree, "title", "Anderer Titel")
        else:
            other = next(m for m in tree["measures"] if m["id"] != "HF1.1")
            target.doc.set_value(other, "status", "at_risk")
        target.doc.set_value(target.measure, "status", "at_risk")
        return "x"

    with pytest.raises(InternalError, match=r"would also change other parts of hf1-flaechen\.yaml"):
        transaction.edit_measure(mini, "HF1.1", stray)
    assert (mini / HF1).read_bytes() == before


@pytest.mark.parametrize(
    "text", ["2026-06-12", "yes", "On", "NO", "12:30", "~", "2026-06-12T10:00"]
)
def test_texts_that_yaml_1_1_reads_otherwise_are_quoted(text: str) -> None:
    """mpi reads YAML 1.2, where these are strings; PyYAML and editors (YAML 1.1) would read a
    date, a boolean or a number: written quoted, every tool reads the text."""
    import yaml

    from mpi.edit.scalars import scalar

    written = scalar(text)
    assert written.startswith("'") and yaml.safe_load(f"x: {written}") == {"x": text}
