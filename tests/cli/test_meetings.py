"""Meetings as data (`mpi meeting`), the round's briefing for a meeting, its minutes: a
scripted year on a git copy of the shipped plan with two Koordinierungsrunden."""

from __future__ import annotations

import io
import re
from functools import partial
from pathlib import Path

import pytest

from helpers import FIRST, FIRST_ID, SECOND, SECOND_ID, mpi, scripted_year, top_of

run = partial(mpi, lang="de")


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scripted_year(tmp_path_factory.mktemp("year"))


def body(text: str) -> str:
    """The document without its colophon (what it was made from), which comes last."""
    for mark in ("Erstellt aus", "Made from"):
        if mark in text:
            return text.rsplit(mark, 1)[0]
    return text


def test_the_meetings_are_data_the_plan_validates(year: Path) -> None:
    out = run("validate", plan=year, today="2027-09-01")
    assert "0 Fehler" in out.stderr and "7 Dateien" in out.stderr
    text = (year / "meetings.yaml").read_text(encoding="utf-8")
    assert text.count("\n  - id: koordinierungsrunde-") == 2
    assert "excused: true" in text and "status: done" in text and "closed: '2027-04-28'" in text


def test_the_first_minutes_record_two_decisions_by_top_and_three_action_items(year: Path) -> None:
    out = run("meeting", "minutes", FIRST, plan=year, today="2027-09-01").stdout
    assert out.startswith("# Ergebnisprotokoll: Koordinierungsrunde am 10.03.2027")
    hf1 = out.split("Bericht aus dem Handlungsfeld 1", 1)[1].split("### TOP", 1)[0]
    assert "Standortmanagement Schnackenburgallee" in hf1 and "Dezember 2027" in hf1
    assert "Die Runde nimmt die Berichte zur Kenntnis." in hf1
    hf3 = out.split("Bericht aus dem Handlungsfeld 3", 1)[1].split("### TOP", 1)[0]
    assert "HF3.7" in hf3 and "entfallen" in hf3
    assert "Anwesend: Senat/BWI (B. Muster, Amtsleiter), Handelskammer" in out
    assert "Entschuldigt: DGB Nord" in out
    table = out.split("## Aufträge", 1)[1]
    assert table.count("\n| ") == 4  # the header and three action items
    assert "erledigt am 28.04.2027: Bericht liegt vor" in table


def test_the_second_invitation_names_the_meeting_agenda_and_action_items(year: Path) -> None:
    out = run("round", "--meeting", SECOND, plan=year, today="2027-09-01").stdout
    assert out.startswith("# Koordinierungsrunde am 22.09.2027")
    assert "**Wann:** Mittwoch, 22.09.2027" in out and "Videokonferenz (Link folgt)" in out
    agenda = out.split("## Tagesordnung", 1)[1].split("\n## ", 1)[0]
    assert "| Punkt | Gegenstand | Berichterstattung |" in agenda
    assert "Protokoll der Sitzung vom 10.03.2027" in agenda
    assert "| TOP 3 | Aufträge aus der letzten Sitzung | Handelskammer, IVH, DGB Nord |" in agenda
    assert "Halbjährliche Information der Partner (A 26 Ost, neue Köhlbrandquerung)" in agenda
    assert agenda.index("Bericht aus dem Handlungsfeld 5") < agenda.index("Halbjährliche")
    assert agenda.index("Beschlussvorschläge") < agenda.index("Verschiedenes")
    actions = out.split("## Aufträge aus der letzten Sitzung (10.03.2027)", 1)[1]
    actions = actions.split("\n## ", 1)[0]
    assert "erledigt am 28.04.2027" in actions
    assert actions.count("überfällig") == 1 and actions.count("| offen |") == 1
    assert "Stellungnahme zum Ausbildungsmonitor" in actions


def test_for_decision_holds_only_what_the_round_must_decide(year: Path) -> None:
    out = run("round", "--meeting", SECOND, plan=year, today="2027-09-01").stdout
    table = out.split("## Zur Entscheidung", 1)[1].split("\n## ", 1)[0]
    reasons = [line.split(" | ")[3] for line in table.splitlines() if line.startswith("| ")][2:]
    kinds = ("überfällig seit", "verzögert", "verfehlt", "gefährdet", "Auftrag der Sitzung")
    assert reasons and all(any(k in r for k in kinds) for r in reasons), reasons
    assert sum("Auftrag der Sitzung vom 10.03.2027" in r for r in reasons) == 1
    assert "HF1.6" not in table  # decided at the first round: postponed, not overdue now
    assert "Sachstand fehlt" in out and "Sachstand fehlt" not in table
    proposals = out.split("## Beschlussvorschläge", 1)[1].split("\n## ", 1)[0]
    top = top_of(year, SECOND_ID, "Beschlussvorschläge")
    assert f"--meeting {SECOND_ID} --top {top}`" in proposals
    assert f'`mpi meeting done {FIRST_ID} 3 --note "…"`' in proposals


@pytest.mark.parametrize("form", ["markdown", "html", "docx"])
def test_the_briefing_body_names_no_git_hash_or_path(year: Path, form: str, tmp_path: Path) -> None:
    target = tmp_path / f"round.{form}"
    run("round", "--meeting", SECOND, "--format", form, "-o", str(target),
        plan=year, today="2027-09-01")  # fmt: skip
    text = docx_text(target) if form == "docx" else target.read_text(encoding="utf-8")
    if form == "html":
        text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.S)
    shown = body(text)
    assert "Koordinierungsrunde am 22.09.2027" in shown
    assert "Tagesordnung" in shown and "Berichterstattung" in shown
    assert "Stellungnahme zum Ausbildungsmonitor" in shown and "Beschlussvorschläge" in shown
    assert not re.search(r"\bgit\b", shown, re.I), "git named in the body"
    assert not re.search(r"\b[0-9a-f]{7,40}\b", shown), "a hash in the body"
    assert str(year) not in shown and "plan/" not in shown and ".yaml" not in shown


@pytest.mark.parametrize("form", ["html", "docx"])
def test_the_minutes_in_html_and_word(year: Path, form: str, tmp_path: Path) -> None:
    target = tmp_path / f"minutes.{form}"
    run("meeting", "minutes", FIRST_ID, "--format", form, "-o", str(target),
        plan=year, today="2027-09-01")  # fmt: skip
    text = docx_text(target) if form == "docx" else target.read_text(encoding="utf-8")
    assert "Ergebnisprotokoll: Koordinierungsrunde am 10.03.2027" in text
    assert "Sachstand Flächenreserve vorlegen" in text
    assert "Die Runde nimmt die Berichte zur Kenntnis." in text


def docx_text(path: Path) -> str:
    """A Word file's text in the order it reads: paragraphs and table cells."""
    import docx
    from docx.table import Table

    doc = docx.Document(io.BytesIO(path.read_bytes()))
    out = []
    for part in doc.iter_inner_content():
        if isinstance(part, Table):
            out += [c.text for r in part.rows for c in r.cells]
        else:
            out.append(part.text)
    return "\n".join(out)


def test_a_decision_must_name_a_meeting_on_record(year: Path) -> None:
    before = (year / "hf1-flaechen-und-infrastruktur.yaml").read_bytes()
    out = run("reschedule", "HF1.15", "hh-win-stufe-1", "2032", "--decision",
              "Koordinierungsrunde 11.03.2027, TOP 2", plan=year, today="2027-09-01",
              code=1)  # fmt: skip
    assert "keine Sitzung, die er nennt (11.03.2027), steht in meetings.yaml" in out.stderr
    assert (year / "hf1-flaechen-und-infrastruktur.yaml").read_bytes() == before


def test_a_meeting_not_yet_held_decides_nothing(year: Path) -> None:
    out = run("drop", "HF2.1", "--meeting", SECOND, "--top", "1", plan=year, today="2027-09-01",
              code=2)  # fmt: skip
    assert "hat noch nicht stattgefunden" in out.stderr


def test_commands_refuse_what_the_meeting_does_not_have(year: Path) -> None:
    before = (year / "meetings.yaml").read_bytes()
    run = partial(mpi, lang="de", today="2027-09-01")
    out = run("meeting", "decide", FIRST, "Text", "--top", "40", plan=year, code=2)
    assert "TOP 40" in out.stderr
    out = run("meeting", "done", FIRST, "1", plan=year, today="2027-09-01", code=1)
    assert "bereits geschlossen" in out.stderr
    out = run("meeting", "attend", "11.03.2027", "hk", plan=year, code=2)
    assert "keine Sitzung" in out.stderr
    out = run("meeting", "new", "koordinierungsrunde", FIRST, plan=year, code=1)
    assert "bereits festgehalten" in out.stderr
    out = run("meeting", "new", "koordination", "01.10.2027", plan=year, code=2)
    assert "unbekanntes Gremium 'koordination' (bekannt: koordinierungsrunde," in out.stderr
    out = run("meeting", "action", FIRST, "X", "--owner", "xyz", "--due", "01.10.2027",
              plan=year, code=2)  # fmt: skip
    assert (year / "meetings.yaml").read_bytes() == before


def test_an_edit_adds_only_its_lines_to_a_hand_written_file(mini: Path) -> None:
    hand = (
        "# Sitzungen, von Hand gepflegt\r\n"
        "meetings:\r\n"
        "- id: ev-1   # die erste\r\n"
        "  body: evaluation\r\n"
        "  date: 2026-06-10\r\n"
        "  agenda:\r\n"
        "  - title: 'Begrüßung'\r\n"
        "  - {title: Bericht, lead: [bwi]}\r\n"
    )
    (mini / "meetings.yaml").write_bytes(hand.encode())
    run("meeting", "action", "ev-1", "Bericht: vorlegen", "--owner", "bwi", "--due", "30.09.2026",
        "--top", "2", plan=mini)  # fmt: skip
    after = (mini / "meetings.yaml").read_bytes().decode()
    assert after.startswith(hand)
    assert after[len(hand) :] == (
        "  actions:\r\n"
        "  - number: 1\r\n"
        "    text: 'Bericht: vorlegen'\r\n"
        "    owner: bwi\r\n"
        "    due: 2026-09-30\r\n"
        "    top: 2\r\n"
    )


def test_a_dry_run_writes_no_file(mini: Path) -> None:
    out = run("meeting", "new", "evaluation", "01.12.2026", "--dry-run", plan=mini)
    assert "+meetings:" in out.stdout and not (mini / "meetings.yaml").exists()


def test_an_invalid_meetings_file_is_reported_at_its_place(mini: Path) -> None:
    (mini / "meetings.yaml").write_text(
        "meetings:\n  - id: a\n    body: evaluation\n    date: 2026-02-30\n", encoding="utf-8"
    )
    out = run("validate", plan=mini, code=1)
    assert "meetings.yaml:4:11" in out.stdout


def test_due_lists_the_action_items_open_and_overdue(year: Path) -> None:
    import json

    rows = json.loads(run("due", "--format", "json", plan=year, today="2027-09-01").stdout)
    actions = [r for r in rows if r["owner"] == FIRST_ID]
    assert [(r["milestone"], r["due"], r["overdue"]) for r in actions] == [
        ("3", "2027-06-30", True),
        ("2", "2027-12-31", False),
    ]
    assert actions[0]["title"] == "Stellungnahme zum Ausbildungsmonitor (DGB Nord)"
    led = json.loads(
        run("due", "--lead", "ivh", "--format", "json", plan=year, today="2027-09-01").stdout
    )
    assert [r["milestone"] for r in led if r["owner"] == FIRST_ID] == ["2"]
    done = json.loads(run("due", "--all", "--format", "json", plan=year, today="2027-09-01").stdout)
    assert any(r["owner"] == FIRST_ID and r["status"] == "done" for r in done)


def test_the_written_file_passes_its_json_schema(year: Path) -> None:
    import json

    import jsonschema

    from helpers import REPO
    from mpi.loading import reader

    schema = json.loads((REPO / "schema" / "meetings.schema.json").read_text(encoding="utf-8"))
    data = reader.parse((year / "meetings.yaml").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    assert "meetings.schema.json" in (year / "meetings.yaml").read_text(encoding="utf-8")


def test_the_meetings_listed_with_their_record(year: Path) -> None:
    import json

    out = run("meeting", "list", plan=year, today="2027-09-01").stdout
    assert "Sitzung" in out and FIRST_ID in out and SECOND_ID in out
    assert "9 TOPs, 1 Beschluss, 2 offene Aufträge (davon 1 überfällig)" in out
    rows = json.loads(
        run("meeting", "list", "--format", "json", plan=year, today="2027-09-01").stdout
    )
    assert [(r["id"], r["held"], r["open_actions"]) for r in rows] == [
        (FIRST_ID, True, 2),
        (SECOND_ID, False, 0),
    ]
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "80"}
    narrow = run("meeting", "list", plan=year, today="2027-09-01", env=terminal).stdout
    assert all(len(line) <= 80 for line in narrow.splitlines())
    assert FIRST_ID in narrow and "10.03.2027" in narrow and "überfällig)" in narrow
    only = run("meeting", "list", "--body", "task-force", plan=year, today="2027-09-01").stdout
    assert "Keine Sitzungen festgehalten" in only


def test_due_on_a_terminal_names_an_action_item_by_number_and_day(year: Path) -> None:
    """Not by the meeting's long id, which left the titles a few letters at 80 columns."""
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "80"}
    out = run("due", plan=year, today="2027-09-01", env=terminal).stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "Auftrag 3" in out and "(10.03.2027)" in out and FIRST_ID not in out
    assert "Ausbildungsmonitor" in out  # a title word left whole


@pytest.mark.parametrize(
    "args",
    [
        ["meeting", "minutes", FIRST_ID],
        ["round", "--meeting", SECOND],
        ["report"],
    ],
)
def test_every_word_file_says_mpi_wrote_it_in_german(
    year: Path, args: list[str], tmp_path: Path
) -> None:
    """Issue 31, point 8: Word's properties named python-docx's template (its comment
    "generated by python-docx", "Microsoft Macintosh Word" as the application, another
    page's thumbnail); each .docx mpi writes has its own title, mpi as author and German."""
    import zipfile

    import docx

    target = tmp_path / "out.docx"
    run(*args, "--format", "docx", "-o", str(target), plan=year, today="2027-09-01")
    properties = docx.Document(str(target)).core_properties
    assert properties.title and properties.author == properties.last_modified_by == "mpi"
    assert properties.language == "de-DE" and not properties.comments
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        everything = b"".join(package.read(n) for n in names)
    assert "docProps/app.xml" not in names and not any("thumbnail" in n for n in names)
    for leftover in (b"python-docx", b"Macintosh", b"Normal.dotm"):
        assert leftover not in everything, leftover
