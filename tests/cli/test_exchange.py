"""Partners report back without git: `mpi form` writes a partner's workbook, a person fills
it in (openpyxl; and, where LibreOffice is installed, saved again by an office program),
`mpi import` reads it back through the checked edit path, with who said it."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from functools import partial
from pathlib import Path

import pytest

from helpers import adopted_copy, git, glasfaser_indicators, hf1_6_committed, mpi

run = partial(mpi, lang="de", today="2027-05-20")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice's spreadsheet (Debian: libreoffice-calc-nogui), beside its word processor
CALC = SOFFICE is not None and (Path(SOFFICE).resolve().parent / "libsclo.so").exists()


def workbook(plan: Path, tmp: Path, lead: str = "dgb") -> Path:
    target = tmp / f"sachstand-{lead}.xlsx"
    run("form", "--lead", lead, "-o", str(target), plan=plan)
    return target


def fill(path: Path, cells: dict[str, dict[str, object]], target: Path | None = None) -> Path:
    """Type into the workbook as a person would: sheet name → {cell: value}."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for sheet, values in cells.items():
        for where, value in values.items():
            book[sheet][where] = value
    out = target or path
    book.save(out)
    return out


def plan_bytes(plan: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(plan.glob("*.yaml"))}


def test_the_workbook_is_german_protected_validated_and_typed(tmp_path: Path) -> None:
    import openpyxl

    plan = adopted_copy(tmp_path)
    book = openpyxl.load_workbook(workbook(plan, tmp_path, "bwi"))
    assert book.sheetnames == ["Anleitung", "Maßnahmen", "Termine", "Indikatoren", "mpi"]
    assert book["mpi"].sheet_state == "veryHidden"
    sheet = book["Maßnahmen"]
    assert [c.value for c in sheet[1]] == ["Maßnahme", "Titel", "Status", "Letzter Vermerk",
                                          "Neuer Status", "Sachstand", "Datum"]  # fmt: skip
    assert sheet.protection.sheet and sheet.freeze_panes == "A2"
    assert sheet["A2"].protection.locked and not sheet["E2"].protection.locked
    assert sheet["A2"].fill.fgColor.rgb.endswith("E7E9EC") and sheet["E2"].fill.fill_type is None
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists == ['"geplant,in Umsetzung,laufend,abgeschlossen,gefährdet"']
    assert sheet["G2"].number_format == "DD.MM.YYYY"
    values = book["Indikatoren"]
    assert values["G2"].number_format == "#,##0.###"
    assert any(v.type == "decimal" for v in values.data_validations.dataValidation)


def test_a_returned_workbook_records_what_dgb_said(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path, hf1_6_committed)  # a deadline DGB Nord leads
    before = plan_bytes(plan)
    filled = fill(
        workbook(plan, tmp_path),
        {
            "Maßnahmen": {"E2": "in Umsetzung", "F2": "Standortmanagement ausgeschrieben",
                          "F3": "Leitfaden abgestimmt", "G3": "12.05.2027"},
            "Termine": {"F2": "erledigt", "G2": "02.05.2027", "H2": "Standortmanager im Amt"},
        },
    )  # fmt: skip
    dry = run("import", str(filled), "--dry-run", plan=plan)
    assert "+        by: dgb" in dry.stdout and plan_bytes(plan) == before
    out = run("import", str(filled), plan=plan)
    assert "3 Einträge übernommen" in out.stderr
    diff = git(tmp_path, "diff", "-U0", "--", "plan")
    removed = [x for x in diff.splitlines() if x.startswith("-") and not x.startswith("---")]
    # HF1.6: status, its milestone done, its log (the report and the note); HF3.5: its log
    assert removed == ["-    status: ongoing", "-        status: open", "-    updates: []",
                       "-    updates: []"]  # fmt: skip
    assert diff.count("by: dgb") == 3
    assert "text: Standortmanagement ausgeschrieben\n+        status: in_progress" in diff
    assert "- date: '2027-05-12'\n+        text: Leitfaden abgestimmt" in diff
    assert "done: '2027-05-02'" in diff and "Standortmanager im Amt" in diff
    assert run("validate", plan=plan).exit_code == 0
    again = run("import", str(filled), plan=plan)
    assert "nichts zu übernehmen: alles steht bereits im Plan" in again.stderr
    assert git(tmp_path, "diff", "--stat", "--", "plan") == git(tmp_path, "diff", "--stat")
    shown = run("show", "HF1.6", plan=plan).stdout
    assert "Sachstand DGB Nord, 20.05.2027: Standortmanagement ausgeschrieben" in shown


def test_values_with_their_period_and_source(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path, glasfaser_indicators)
    filled = fill(
        workbook(plan, tmp_path, "bwi"),
        {"Indikatoren": {"G2": 19.5, "H2": "2026", "I2": "Statistikamt Nord",
                         "G3": "87,5", "H3": 2026}},
    )  # fmt: skip
    run("import", str(filled), plan=plan)
    text = (plan / "hf1-flaechen-und-infrastruktur.yaml").read_text(encoding="utf-8")
    assert "value: 19.5\n            period: 2026\n            source: Statistikamt Nord\n" in text
    assert "value: 87.5\n            period: 2026\n            by: bwi\n" in text


@pytest.mark.slow
@pytest.mark.skipif(not CALC, reason="no LibreOffice Calc (Debian: libreoffice-calc-nogui)")
def test_a_workbook_saved_by_libreoffice_is_read_the_same(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    said = {"Maßnahmen": {"F2": "Sachstand aus LibreOffice"}}
    filled = fill(workbook(plan, tmp_path), said, tmp_path / "in.xlsx")
    assert SOFFICE is not None
    saved, profile = tmp_path / "saved", (tmp_path / "lo").as_uri()
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(filled)],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    office = saved / "in.xlsx"
    assert office.exists(), "LibreOffice wrote no workbook"
    run("import", str(office), plan=plan)
    text = (plan / "hf1-flaechen-und-infrastruktur.yaml").read_text(encoding="utf-8")
    assert "text: Sachstand aus LibreOffice\n        by: dgb\n" in text


def test_each_problem_by_sheet_row_and_column_and_nothing_written(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path, hf1_6_committed)
    before = plan_bytes(plan)
    filled = fill(
        workbook(plan, tmp_path),
        {"Termine": {"F2": "erldigt"}, "Maßnahmen": {"E3": "fertigg", "G2": "31.02.2027",
                                                     "F2": "Text"}},
    )  # fmt: skip
    out = run("import", str(filled), plan=plan, code=2)
    assert "Blatt Termine, Zeile 2, Neuer Stand: 'erldigt'" in out.stderr
    line = out.stderr.split("Blatt Termine, Zeile 2", 1)[1].splitlines()[0]
    assert line.endswith("gemeint ist vielleicht 'erledigt'?")
    assert "Blatt Maßnahmen, Zeile 3, Neuer Status: 'fertigg'" in out.stderr
    assert "Blatt Maßnahmen, Zeile 2, Datum:" in out.stderr
    assert out.stderr.rstrip().endswith("sachstand-dgb.xlsx: nichts wurde geschrieben")
    assert plan_bytes(plan) == before


def test_a_measure_changed_since_is_a_conflict(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    filled = fill(workbook(plan, tmp_path), {"Maßnahmen": {"F2": "Neuer Sachstand"}})
    run("note", "HF1.6", "Die BWI hat inzwischen etwas vermerkt", plan=plan)
    before = plan_bytes(plan)
    out = run("import", str(filled), plan=plan, code=2)
    assert "HF1.6 hat sich im Plan geändert, seit die Arbeitsmappe erstellt wurde" in out.stderr
    assert plan_bytes(plan) == before


def _with_part(path: Path, name: str, data: bytes, target: Path) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        out.writestr(name, data)
    return target


def _meta(path: Path, cell: str, value: str, target: Path) -> Path:
    import openpyxl

    book = openpyxl.load_workbook(path)
    book["mpi"][cell] = value
    book.save(target)
    return target


@pytest.mark.parametrize(
    "hostile",
    ["formula", "macro", "links", "not-zip", "bomb", "rows", "other-partner", "other-rows",
     "other-plan"],
)  # fmt: skip
def test_hostile_workbooks_are_refused_and_the_plan_untouched(tmp_path: Path, hostile: str) -> None:
    plan = adopted_copy(tmp_path)
    made = workbook(plan, tmp_path)
    bad = tmp_path / "bad.xlsx"
    if hostile == "formula":
        fill(made, {"Maßnahmen": {"F2": '=HYPERLINK("http://x")'}}, bad)
        said = "Blatt Maßnahmen, Zeile 2, Sachstand: eine Formel"
    elif hostile == "macro":
        _with_part(made, "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro", bad)
        said = "Makros"
    elif hostile == "links":
        _with_part(made, "xl/externalLinks/externalLink1.xml", b"<externalLink/>", bad)
        said = "verknüpft andere Dateien"
    elif hostile == "not-zip":
        bad.write_text("Maßnahme;Sachstand\nHF1.6;gut\n", encoding="utf-8")
        said = "kein Zip-Archiv"
    elif hostile == "bomb":
        _with_part(made, "xl/media/bomb.bin", b"\0" * (60 * 2**20), bad)
        said = "Zip-Bombe"
    elif hostile == "rows":
        import openpyxl

        book = openpyxl.load_workbook(made)
        for i in range(2, 5_100):
            book["Maßnahmen"].cell(row=i, column=1, value="HF1.6")
        book.save(bad)
        said = "mehr Zeilen, als eine Sachstandsabfrage hat"
    elif hostile == "other-partner":
        _meta(made, "B3", "hk", bad)
        said = "ihre Angaben wurden geändert"
    elif hostile == "other-rows":
        fill(made, {"Maßnahmen": {"A2": "HF2.6", "F2": "Von der BWI"}}, bad)
        said = "HF2.6 gehört nicht zu den Maßnahmen dieser Arbeitsmappe"
    else:
        _meta(made, "B2", "Hamburger Masterplan Industrie 2030 (2030)", bad)
        said = "für einen anderen Plan erstellt"
    before = plan_bytes(plan)
    out = run("import", str(bad), plan=plan, code=2)
    assert said in out.stderr and "nichts wurde geschrieben" in out.stderr
    assert "Traceback" not in out.stderr
    assert plan_bytes(plan) == before


def test_the_form_refuses_a_terminal_and_an_unknown_partner(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path)
    out = run("form", "--lead", "gewerkschaft", "-o", str(tmp_path / "x.xlsx"), plan=plan, code=2)
    assert "unbekannter Partner 'gewerkschaft'" in out.stderr
    assert not (tmp_path / "x.xlsx").exists()
    assert io.BytesIO((workbook(plan, tmp_path)).read_bytes()).read(2) == b"PK"


@pytest.mark.parametrize(
    ("command", "title", "head"),
    [
        ("status", "Status", ["Feld", "Titel", "Maßnahmen", "geplant"]),
        ("list", "Maßnahmen", ["Maßnahme", "Feld", "Titel", "Status"]),
        ("due", "Termine", ["Frist", "Fällig bis", "Maßnahme", "Meilenstein"]),
        ("indicators", "Indikatoren", ["Maßnahme", "Indikator", "Name", "Einheit"]),
    ],
)
def test_queries_as_spreadsheets_for_people(
    tmp_path: Path, command: str, title: str, head: list[str]
) -> None:
    import datetime

    import openpyxl

    plan = adopted_copy(tmp_path)
    run("note", "HF1.2", '=HYPERLINK("http://x","klick")', plan=plan)  # plan text: inert
    target = tmp_path / f"{command}.xlsx"
    run(command, "--format", "xlsx", "-o", str(target), plan=plan)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and sheet.title == title and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][: len(head)] == head
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    if command == "due":
        assert isinstance(sheet["B2"].value, datetime.datetime)
        assert sheet["B2"].number_format == "DD.MM.YYYY"
    if command == "indicators":
        assert isinstance(sheet["E2"].value, int | float)
    assert run(command, "--format", "json", plan=plan).stdout.startswith(("[", "{"))


def test_review_cases_are_refused_by_sheet_row_and_column(tmp_path: Path) -> None:
    """From a hostile review: a deleted column, a copied row, an edited occurrence, a
    measure the partner does not lead (with the record recomputed), a damaged zip, a
    directory: each refused with its place, never an internal error, the plan untouched."""
    import openpyxl

    from mpi.domain.exchange import digest

    plan = adopted_copy(tmp_path)
    before = plan_bytes(plan)
    made = workbook(plan, tmp_path, "bwi")
    cases: dict[str, str] = {}
    book = openpyxl.load_workbook(made)
    book["Indikatoren"]["G2"] = 19.5
    book["Indikatoren"].delete_cols(4)
    book.save(tmp_path / "cols.xlsx")
    cases["cols.xlsx"] = "die Spalten des Blatts Indikatoren wurden geändert"
    book = openpyxl.load_workbook(made)
    for column in "ABCDEFG":
        book["Maßnahmen"][f"{column}3"] = book["Maßnahmen"][f"{column}2"].value
    book["Maßnahmen"]["F2"] = book["Maßnahmen"]["F3"] = "Sachstand"
    book.save(tmp_path / "twice.xlsx")
    cases["twice.xlsx"] = "Blatt Maßnahmen, Zeile 3, Maßnahme: wie Zeile 2"
    book = openpyxl.load_workbook(made)
    recurring = next(r for r in book["Termine"].iter_rows(min_row=2) if r[8].value)
    recurring[5].value, recurring[8].value = "erledigt", "2023/24"
    book.save(tmp_path / "occurrence.xlsx")
    cases["occurrence.xlsx"] = "Termin (Kennung): der Termin wurde geändert"
    book = openpyxl.load_workbook(made)
    meta = book["mpi"]
    rows = {r[0].value: r for r in meta.iter_rows()}
    fingerprints = {r[1].value: r[2].value for r in meta.iter_rows() if r[0].value == "measure"}
    rows["partner"][1].value = "hk"
    rows["digest"][1].value = digest(rows["plan"][1].value, "hk", rows["made_on"][1].value,
                                     fingerprints)  # fmt: skip
    book["Maßnahmen"]["F2"] = "Die Handelskammer meldet für die BWI"
    book.save(tmp_path / "forged.xlsx")
    cases["forged.xlsx"] = "hk leitet HF1.2 nicht federführend"
    data = bytearray(made.read_bytes())
    end = data.rfind(b"PK\x01\x02")
    data[end : end + 4] = b"XXXX"
    (tmp_path / "damaged.xlsx").write_bytes(bytes(data))
    cases["damaged.xlsx"] = "beschädigt"
    (tmp_path / "folder.xlsx").mkdir()
    cases["folder.xlsx"] = "keine Datei"
    for name, said in cases.items():
        out = run("import", str(tmp_path / name), plan=plan, code=None)
        assert out.exit_code == 2, (name, out.stderr)
        assert said in out.stderr, (name, out.stderr)
    assert plan_bytes(plan) == before


def test_a_note_on_an_open_deadline_and_a_second_import_a_day_later(tmp_path: Path) -> None:
    plan = adopted_copy(tmp_path, hf1_6_committed)
    filled = fill(
        workbook(plan, tmp_path),
        {"Termine": {"F2": "offen", "H2": "Ausschreibung läuft,\nVergabe erst 2028"},
         "Maßnahmen": {"F3": "Sachstand ohne Datum"}},
    )  # fmt: skip
    run("import", str(filled), plan=plan)
    text = (plan / "hf1-flaechen-und-infrastruktur.yaml").read_text(encoding="utf-8")
    assert "Ausschreibung läuft,\\nVergabe erst 2028" in text and "by: dgb" in text
    later = mpi("import", str(filled), plan=plan, lang="de", today="2027-05-21")
    assert "nichts zu übernehmen" in later.stderr
