"""Meetings at their edges: what a hostile review of `mpi meeting` and `mpi round --meeting`
found, each case as a person or a hand-written file meets it."""

from __future__ import annotations

import json
import shutil
from functools import partial
from pathlib import Path

import pytest

from helpers import SHIPPED, mpi

run = partial(mpi, lang="de", today="2027-03-12")
RUNDE = "koordinierungsrunde"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    shutil.copytree(SHIPPED, target)
    return target


def test_characters_no_word_file_may_hold_are_shown_not_a_crash(plan: Path, tmp_path: Path) -> None:
    run("meeting", "new", RUNDE, "10.03.2027", "--place", "Raum\ufffe1", "--chair",
        "A\uffffB", plan=plan)  # fmt: skip
    for args in (["meeting", "minutes", "10.03.2027"], ["round", "--meeting", "10.03.2027"]):
        target = tmp_path / "out.docx"
        today = "2027-03-12" if args[0] == "meeting" else "2027-03-01"
        run(*args, "--format", "docx", "-o", str(target), plan=plan, today=today)
        assert target.stat().st_size > 10_000


def test_a_duplicated_meeting_is_reported_where_it_is(plan: Path) -> None:
    (plan / "meetings.yaml").write_text(
        "meetings:\n"
        "  - id: koordinierungsrunde-2027-01-10\n"
        "    body: koordinierungsrunde\n"
        "    date: 2027-01-10\n"
        "  - id: koordinierungsrunde-2027-01-10\n"
        "    body: nobody\n"
        "    date: 2027-02-10\n"
        "    attendance:\n"
        "      - partner: xx\n",
        encoding="utf-8",
    )
    out = run("validate", plan=plan, code=1).stdout
    assert "meetings.yaml:5:9: Fehler: " in out and "  [duplicate-id]" in out
    assert "meetings.yaml:6:11: Fehler: " in out and "  [unknown-ref]" in out
    assert "meetings.yaml:9:18: Fehler: " in out


def test_invitations_to_two_meetings_ahead(plan: Path) -> None:
    run("meeting", "new", RUNDE, "10.04.2027", plan=plan)
    run("meeting", "new", RUNDE, "16.06.2027", plan=plan)
    out = run("round", "--meeting", "16.06.2027", plan=plan).stdout
    assert out.startswith("# Koordinierungsrunde am 16.06.2027")
    assert "Nächste Runde: 16.06.2027" in out


def test_round_for_a_meeting_that_took_place_or_with_until_is_refused(plan: Path) -> None:
    run("meeting", "new", RUNDE, "10.03.2027", plan=plan)
    out = run("round", "--meeting", "10.03.2027", plan=plan, today="2027-04-01", code=2)
    assert "hat stattgefunden: ihr Protokoll ist mpi meeting minutes" in out.stderr
    out = run("round", "--meeting", "10.03.2027", "--until", "01.12.2027", plan=plan, code=2)
    assert "--until weglassen" in out.stderr


def test_a_meeting_without_agenda_takes_decisions_without_top(plan: Path) -> None:
    run("meeting", "new", "task-force", "01.03.2027", "--no-agenda", plan=plan)
    run("meeting", "decide", "01.03.2027", "Die Task Force tagt quartalsweise.", plan=plan)
    out = run("meeting", "minutes", "01.03.2027", plan=plan).stdout
    assert "Keine Tagesordnung festgehalten." in out
    assert "Weitere Beschlüsse der Sitzung" in out and "quartalsweise" in out


def test_proposals_without_a_decisions_item_leave_the_top_to_choose(plan: Path) -> None:
    (plan / "meetings.yaml").write_text(
        "meetings:\n  - id: kr\n    body: koordinierungsrunde\n    date: 2027-04-10\n"
        "    agenda:\n      - title: Begrüßung\n      - title: Berichte\n",
        encoding="utf-8",
    )
    out = run("round", "--meeting", "kr", plan=plan).stdout
    assert "--meeting kr --top N`" in out


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("koordinierungsrunde 10.01.2027, top 99", "TOP 99 steht nicht auf der Tagesordnung"),
        ("Koordinierungsrunde 10.01.2027, TOP 0", "TOP 0 steht nicht auf der Tagesordnung"),
        ("Koordinierungsrunde 10.01.2027", "den Tagesordnungspunkt nennen"),
    ],
)
def test_a_decision_names_an_agenda_item_the_meeting_has(plan: Path, words: str, said: str) -> None:
    run("meeting", "new", RUNDE, "10.01.2027", plan=plan)
    out = run("reschedule", "HF1.6", "standortmanagement-schnackenburgallee", "2028",
              "--decision", words, plan=plan, code=1)  # fmt: skip
    assert said in out.stderr


def test_a_senate_decision_on_the_rounds_advice_is_the_senates(plan: Path) -> None:
    run("meeting", "new", RUNDE, "10.01.2027", plan=plan)
    words = "Senatsbeschluss vom 05.03.2027 auf Empfehlung der Koordinierungsrunde"
    run("reschedule", "HF1.6", "standortmanagement-schnackenburgallee", "2028",
        "--decision", words, plan=plan)  # fmt: skip


def test_hand_written_results_are_checked(plan: Path) -> None:
    (plan / "meetings.yaml").write_text(
        "meetings:\n  - id: kr\n    body: koordinierungsrunde\n    date: 2027-01-10\n"
        "    time: '25:99'\n"
        "    attendance:\n      - partner: hk\n      - partner: hk\n        excused: true\n",
        encoding="utf-8",
    )
    out = run("validate", plan=plan, code=1).stdout
    assert "meetings.yaml:5:11: Fehler: '25:99' ist keine Uhrzeit" in out
    assert "meetings.yaml:8:18: Fehler: " in out and "  [duplicate-id]" in out


def test_typed_words_are_checked_before_anything_is_written(plan: Path) -> None:
    out = run("meeting", "new", RUNDE, "10.03.2027", "--time", "morgens", plan=plan, code=2)
    assert "--time: 'morgens' ist keine Uhrzeit wie 10:00 oder 10:00-12:00" in out.stderr
    run("meeting", "new", RUNDE, "10.03.2027", plan=plan)
    before = (plan / "meetings.yaml").read_bytes()
    for args in (
        ["decide", "10.03.2027", "   ", "--top", "1"],
        ["action", "10.03.2027", " ", "--owner", "hk", "--due", "01.05.2027"],
        ["attend", "10.03.2027", "hk", "  "],
    ):
        out = run("meeting", *args, plan=plan, code=2)
        assert "ist leer" in out.stderr
    assert (plan / "meetings.yaml").read_bytes() == before


def test_apologies_before_the_meeting_nothing_else(plan: Path) -> None:
    run("meeting", "new", RUNDE, "10.06.2027", plan=plan)
    run("meeting", "attend", "10.06.2027", "dgb", "--excused", plan=plan)
    out = run("meeting", "attend", "10.06.2027", "hk", "A. Beispiel", plan=plan, code=1)
    assert "hat noch nicht stattgefunden" in out.stderr
    out = run("meeting", "minutes", "10.06.2027", plan=plan, code=2)
    assert "ihre Einladung ist mpi round --meeting" in out.stderr


def test_due_lists_one_meetings_action_items(plan: Path) -> None:
    run("meeting", "new", RUNDE, "10.03.2027", plan=plan)
    run("meeting", "action", "10.03.2027", "Bericht", "--owner", "hk", "--due", "01.05.2027",
        plan=plan)  # fmt: skip
    rows = json.loads(
        run("due", "koordinierungsrunde-2027-03-10", "--format", "json", plan=plan).stdout
    )
    assert [(r["milestone"], r["title"]) for r in rows] == [("1", "Bericht (Handelskammer)")]


def test_an_ambiguous_body_lists_the_candidates(plan: Path) -> None:
    out = run("meeting", "new", "ung", "10.03.2027", plan=plan, code=2)
    assert "'ung' ist mehrdeutig:" in out.stderr and "koordinierungsrunde" in out.stderr
