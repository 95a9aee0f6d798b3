"""`mpi round`: the briefing for the coordination round, in Markdown, HTML and Word; what a
report was made from; a partner's own briefing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import (
    FIXTURES,
    REPO,
    SHIPPED,
    TODAY,
    adopted_copy,
    git,
    glasfaser_indicators,
    mpi,
    repository,
)

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = REPO / "docs" / "round-screenshot.png"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git copy of the shipped plan: the last round tagged, then a few recorded changes."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("round") / "repo"
    adopted_copy(root, glasfaser_indicators)
    git(root, "tag", "runde-2026-06")
    plan = str(root / "plan")
    for args in (
        ["set", "HF1.10", "--status", "gefährdet", "--note", "Planfeststellung verzögert"],
        ["milestone", "HF1.10", "2", "erledigt", "--occurrence", "06.2026", "--date", "30.06.2026"],
        ["milestone", "HF5.2", "1", "verfehlt", "--occurrence", "2026", "--date", "01.11.2026"],
        ["record", "glasfaser-haushalte", "61", "--date", "31.12.2025", "--source", "Atlas"],
        ["note", "HF2.8", "Matchingveranstaltung mit 120 Teilnehmenden", "--date", "15.09.2026"],
    ):
        mpi(*args, plan=plan, lang="de", today=TODAY)
    return root


def run_round(repo: Path, *args: str, lang: str = "de") -> str:
    return mpi("round", "--today", TODAY, *args, plan=repo / "plan", lang=lang).stdout


def test_markdown_names_each_change_in_words(repo: Path) -> None:
    out = run_round(repo, "--since", "runde-2026-06")
    assert "HF1.10 Ausbau des Bundesfernstraßennetzes: laufend → gefährdet" in out
    assert (
        "„Halbjährliche Information der Partner (A 26 Ost, neue Köhlbrandquerung)“ "
        "Juni 2026 erledigt (30.06.2026)" in out
    )
    assert (
        "„Jährliches Spitzengespräch des Ersten Bürgermeisters mit Industrieunternehmen“ "
        "2026 verfehlt" in out
    )
    assert (
        "„Privathaushalte in Hamburg mit Glasfaseranschluss bis ins Gebäude“: "
        "Wert 61 % am 31.12.2025 (Atlas)" in out
    )
    assert (
        "HF2.8 Vernetzung von Industrie und Wissenschaft, 15.09.2026: "
        "Matchingveranstaltung mit 120 Teilnehmenden" in out
    )


def test_markdown_names_what_the_round_decides_with_lead_and_latest_note(repo: Path) -> None:
    out = run_round(repo, "--since", "runde-2026-06")
    decisions = out.split("## Zur Entscheidung", 1)[1].split("\n## ", 1)[0]
    rows = {
        line.split(" | ")[0].strip("| "): line
        for line in decisions.splitlines()
        if line.startswith("| HF")
    }
    assert "gefährdet" in rows["HF1.10"] and "Planfeststellung verzögert" in rows["HF1.10"]
    assert (
        "„Erkenntnisse aus dem BlmSchG-Dialog umgesetzt“ überfällig seit 2023, "
        "seither kein Vermerk" in rows["HF3.7"]
    )
    assert "Senat/BWI" in rows["HF3.7"]  # its lead partner
    assert "HF1.6" not in rows  # "Zu Mitte 2022": from before the plan, nothing to decide
    assert "verfehlt (2026)" in rows["HF5.2"]  # missed since the last round
    missing = out.split("## Sachstand fehlt", 1)[1].split("\n## ", 1)[0]
    assert "HF1.10 " not in missing  # noted just now: not missing
    assert "HF2.8" not in decisions and "HF2.8 " not in missing  # noted two months ago
    assert "nie aktualisiert" not in decisions  # a measure only without an update: not to decide


def test_each_field_has_its_late_upcoming_risky_and_stale_items(repo: Path) -> None:
    out = run_round(repo, "--since", "runde-2026-06", "--until", "30.06.2027")
    hf1 = out.split("## HF1 Flächen und Infrastruktur", 1)[1].split("\n## HF2", 1)[0]
    late = hf1.split("### Im Verzug", 1)[1].split("\n### ", 1)[0]
    assert "Halbjährliche Information der Partner" in late
    assert "Standortmanagement" not in late  # history, not a late commitment
    assert "### Fällig bis zur nächsten Runde (30.06.2027)" in hf1
    assert (
        "### Gefährdete Maßnahmen" in hf1
        and "### Ohne Aktualisierung seit mehr als 6 Monaten" in hf1
    )
    assert "### Indikatoren" in hf1 and "nicht bewertbar" in hf1
    plan = out.split("## Plan, Dialog und Monitoring", 1)[1].split("\n## ", 1)[0]
    assert "Nichts verändert, nichts fällig oder im Verzug." in plan  # the evaluation is in 2028


def test_it_states_what_it_was_made_from(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD").strip()
    out = run_round(repo)
    assert f"Git-Commit {head[:12]}, mit abweichenden Dateien: " in out
    assert "hf1-flaechen-und-infrastruktur.yaml (geändert)" in out
    assert "Stichtag 07.12.2026" in out and "Prüfung: gültig, 0 Warnungen" in out
    assert "Keine letzte Runde angegeben (--since)" in out
    report = mpi("report", "--today", TODAY, plan=repo / "plan", lang="de").stdout
    assert f"Git-Commit {head[:12]}" in report


def test_a_report_from_an_invalid_plan_says_so_at_the_top(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", plan)
    path = plan / "hf1-flaechen.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("quote: Ausbaustufe 1 bis 2030", "quote: nirgends")
    )
    for args in (["round"], ["report"], ["report", "--format", "html"]):
        result = mpi(*args, "--today", TODAY, plan=plan, lang="de")
        top = result.stdout.split("<body>", 1)[-1][:1500]
        assert "Der Plan ist ungültig (1 Fehler)" in top
        # What it was made from: at the end of the report and of the briefing (a handout).
        assert "(nicht in Git)" in result.stdout[-700:]
    broken = plan / "hf2-innovation.yaml"
    broken.write_text("id: HF2\ntitle: [kaputt\n")  # unreadable: no report at all
    result = mpi("round", "--today", TODAY, plan=plan, lang="de", code=1)
    assert "YAML-Syntaxfehler" in result.stderr


def test_a_partners_own_briefing(repo: Path) -> None:
    out = run_round(repo, "--since", "runde-2026-06", "--lead", "DGB Nord")
    assert "Die Vorlage des Partners DGB Nord: die Maßnahmen unter seiner Federführung." in out
    ids = set(re.findall(r"\| (HF\d\.\d+) \|", out))
    led = {m for m in ids}
    assert "HF1.6" in led and "HF1.10" not in led  # HF1.10 has no lead; HF1.6 is led by all four
    assert "## Plan, Dialog und Monitoring" not in out


def test_since_a_date_outside_git_lists_what_the_plan_dates_after_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURES / "every", plan)
    out = mpi("round", "--today", TODAY, "--since", "01.01.2025", plan=plan, lang="de").stdout
    assert (
        "Veränderungen seit der letzten Runde (01.01.2025). Der Stand des Plans von damals" in out
    )
    assert "Richtfest gefeiert" in out and "Bauantrag gestellt" not in out  # 2025-03-01, not 2024


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--until", "01.01.2026"], "--until 01.01.2026 liegt vor heute"),
        (["--stale", "bald"], "--stale: 'bald' ist keine Spanne"),
        (["--since", "keine-revision"], "unbekannte Git-Revision 'keine-revision'"),
        (["--lead", "xyz"], "--lead: unbekannter Partner 'xyz'"),
    ],
)
def test_bad_options_get_one_line(repo: Path, args: list[str], said: str) -> None:
    result = mpi("round", "--today", TODAY, *args, plan=repo / "plan", lang="de", code=2)
    assert said in result.stderr, result.stderr


def test_the_word_file_has_real_headings_and_tables(repo: Path, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "runde.docx"
    run_round(repo, "--since", "runde-2026-06", "--format", "docx", "-o", str(target))
    document = docx.Document(str(target))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style is not None]
    headings = [text for style, text in styles if style == "Heading 1"]
    assert styles[0][0] == "Title" and styles[0][1].startswith(
        "Vorlage für die Koordinierungsrunde"
    )
    assert headings[0] == "Inhalt" and headings[1].startswith("Zur Entscheidung (")
    assert headings[2].startswith("Sachstand fehlt (")
    assert headings[3] == "HF1 Flächen und Infrastruktur"
    assert "Plan, Dialog und Monitoring" in headings
    assert ("Heading 2", "Veränderungen seit der letzten Runde") in styles
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == [
        "Maßnahme",
        "Federführung",
        "Warum",
        "Letzter Vermerk",
    ]
    assert any("HF1.10 Ausbau des Bundesfernstraßennetzes" in r.cells[0].text for r in first.rows)
    assert document.core_properties.author == "mpi"
    field_headings = [
        p
        for p in document.paragraphs
        if p.style is not None and p.style.name == "Heading 1" and p.text.startswith("HF")
    ]
    assert all(p.paragraph_format.page_break_before for p in field_headings)


def test_a_word_file_is_not_written_to_a_terminal(repo: Path) -> None:
    import os
    import pty
    import sys

    ours, theirs = pty.openpty()
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mpi",
                "round",
                "--plan",
                str(repo / "plan"),
                "--format",
                "docx",
            ],
            stdout=theirs,
            stderr=subprocess.PIPE,
            env={**os.environ, "MPI_LANG": "de"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(ours)
        os.close(theirs)
    assert result.returncode == 2 and b"-o DATEI" in result.stderr


def test_html_is_self_contained_and_breaks_pages_between_fields(repo: Path) -> None:
    html = run_round(repo, "--since", "runde-2026-06", "--format", "html")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="de">' in html
    assert "@page { size: A4" in html and "section.field { break-before: page" in html
    assert "<script" not in html and "http" not in html.split("</style>", 1)[1].replace(
        "https://", ""
    )
    assert html.count('<section class="field"') == 6
    anchors = re.findall(r'<a href="#([^"]+)">', html)
    for anchor in anchors:
        assert f'id="{anchor}"' in html


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium for the print test")
def test_html_prints_on_a4_a_page_per_field_and_has_a_screenshot(
    repo: Path, tmp_path: Path, request
) -> None:
    page = tmp_path / "runde.html"
    run_round(repo, "--since", "runde-2026-06", "--format", "html", "-o", str(page))
    pdf, shot = tmp_path / "runde.pdf", tmp_path / "runde.png"
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    common = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", profile]  # fmt: skip
    subprocess.run(
        [*common, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    subprocess.run(
        [
            *common,
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=794,1400",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= 7  # the title with the decisions, then a page (or more) per field
    assert shot.stat().st_size > 20_000
    if request.config.getoption("--update-golden"):
        shutil.copyfile(shot, SCREENSHOT)


def test_english_on_request(repo: Path) -> None:
    out = run_round(repo, "--since", "runde-2026-06", lang="en")
    assert out.startswith(
        "# Briefing for the coordination round: Hamburger Masterplan Industrie 2023"
    )
    assert "## For decision (" in out and "## HF1 Flächen und Infrastruktur" in out


def test_the_markdown_reads_back_with_io(repo: Path) -> None:
    """The Markdown is one UTF-8 text (no stray bytes), whatever the plan text holds."""
    out = run_round(repo, "--since", "runde-2026-06")
    assert io.StringIO(out).read() == out


def test_all_three_formats_name_the_same_changes_and_decisions(repo: Path, tmp_path: Path) -> None:
    import html as html_text

    import docx

    wanted = [
        "HF1.10 Ausbau des Bundesfernstraßennetzes: laufend → gefährdet",
        "„Jährliches Spitzengespräch des Ersten Bürgermeisters mit Industrieunternehmen“ "
        "2026 verfehlt",
        "Matchingveranstaltung mit 120 Teilnehmenden",
        "„Erkenntnisse aus dem BlmSchG-Dialog umgesetzt“ überfällig seit 2023, "
        "seither kein Vermerk",
        "07.12.2026: Planfeststellung verzögert",  # HF1.10's latest note
        "Senat/BWI, Handelskammer, IVH, DGB Nord",  # HF1.6's lead
        "Ohne Aktualisierung seit mehr als 6 Monaten",
    ]
    markdown = run_round(repo, "--since", "runde-2026-06")
    page = html_text.unescape(run_round(repo, "--since", "runde-2026-06", "--format", "html"))
    target = tmp_path / "runde.docx"
    run_round(repo, "--since", "runde-2026-06", "--format", "docx", "-o", str(target))
    document = docx.Document(str(target))
    word = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    for text in wanted:
        assert text in markdown, text
        assert text in page, text
        assert text in word, text


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second round's history: notes on the plan level, a missed occurrence of an older
    deadline recorded after the last round, a status change with its own note."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("later") / "repo"
    plan = str(repository(root, SHIPPED, "runde-1"))
    for args in (
        ["note", "evaluation", "Evaluation ausgeschrieben", "--date", "01.09.2026"],
        ["milestone", "HF2.8", "1", "verfehlt", "--occurrence", "2025", "--date", "20.07.2026"],
        [
            "set",
            "HF2.6",
            "--status",
            "gefährdet",
            "--note",
            "Software verzögert",
            "--date",
            "01.08.2026",
        ],
        ["milestone", "HF1.15", "1", "erledigt", "--date", "30.09.2026"],
    ):
        mpi(*args, plan=plan, lang="de", today=TODAY)
    return root


def test_a_miss_recorded_since_the_last_round_is_up_for_decision(later: Path) -> None:
    out = run_round(later, "--since", "runde-1")
    decisions = out.split("## Zur Entscheidung", 1)[1].split("\n## ", 1)[0]
    assert "| HF2.8 |" in decisions and "verfehlt (2025)" in decisions


def test_notes_on_the_plan_level_are_changes(later: Path) -> None:
    out = run_round(later, "--since", "runde-1")
    plan_level = out.split("## Plan, Dialog und Monitoring", 1)[1]
    assert "Evaluation ausgeschrieben" in plan_level
    diff = mpi("diff", "runde-1", plan=later / "plan", lang="de").stdout
    assert "Evaluation Eintrag vom 01.09.2026: Evaluation ausgeschrieben" in diff


def test_each_change_once_with_its_own_note(later: Path) -> None:
    out = run_round(later, "--since", "runde-1")
    assert "HF2.6 Digitalisierung der Verwaltung: laufend → gefährdet – Software verzögert" in out
    assert "„HH-WIN Ausbaustufe 1“ erledigt (30.09.2026)" in out
    notes = out.split("**Neue Vermerke**")
    assert all("HH-WIN Ausbaustufe 1" not in part.split("###")[0] for part in notes[1:])
    assert all("Software verzögert" not in part.split("###")[0] for part in notes[1:])


def test_only_deadlines_due_by_the_next_round(later: Path) -> None:
    out = run_round(later, "--until", "10.01.2027")
    hf2 = out.split("## HF2 ", 1)[1].split("\n## ", 1)[0]
    upcoming = hf2.split("### Fällig bis zur nächsten Runde (10.01.2027)", 1)[1].split("###")[0]
    assert "bis 2026" in upcoming and "bis 2027" not in upcoming


def test_a_last_round_after_today_is_refused(later: Path) -> None:
    args = ["round", "--today", TODAY, "--since", "01.01.2030"]
    result = mpi(*args, plan=later / "plan", lang="de", code=2)
    assert "--since 01.01.2030 liegt nach dem Tag des Berichts" in result.stderr


def test_a_bad_date_is_said_as_a_date(later: Path) -> None:
    result = mpi("round", "--since", "31.02.2026", plan=later / "plan", lang="de", code=2)
    assert "--since: '31.02.2026'" in result.stderr


def test_delayed_deadlines_without_a_note_are_up_for_decision() -> None:
    out = mpi("round", "--today", TODAY, plan=FIXTURES / "every", lang="de").stdout
    decisions = out.split("## Zur Entscheidung", 1)[1].split("\n## ", 1)[0]
    # noted in March 2025, before its date passed: nothing since it fell due
    assert "„Neubau fertig“ voraussichtlich 2025, verzögert, seither kein Vermerk" in decisions
    assert "„Flächenkonzept erstellt“ überfällig seit 2024, seither kein Vermerk" in decisions


def test_a_status_change_outside_git_comes_from_the_log(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURES / "every", plan)
    out = mpi("round", "--today", TODAY, "--since", "01.01.2025", plan=plan, lang="de").stdout
    assert "- HF1.2 Neubau eines Instituts auf in Umsetzung gesetzt" in out


def test_a_partners_own_report_counts_its_own_deadlines(later: Path) -> None:
    report = mpi("report", "--today", TODAY, "--lead", "dgb", plan=later / "plan", lang="de").stdout
    assert "Der Bericht des Partners DGB Nord: die Maßnahmen unter seiner Federführung." in report
    overdue = re.search(r"## Überfällig \((\d+) Friste?n?\)", report)
    rows = report.split("## Überfällig", 1)[1].split("\n## ", 1)[0].count("\n| bis ")
    assert overdue is not None and int(overdue[1]) >= rows


def test_the_word_file_is_a4(repo: Path, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "runde.docx"
    run_round(repo, "--format", "docx", "-o", str(target))
    section = docx.Document(str(target)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED, plan)
    return plan


def _part(out: str, heading: str) -> str:
    return out.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


HALF_YEARLY = "bericht-koordinierungsrunde"


def test_a_note_on_one_occurrence_leaves_the_others_to_decide(shipped: Path) -> None:
    """A recorded occurrence of a recurring duty took all its other overdue occurrences off
    the decision list; each overdue occurrence is decided on its own."""
    mpi("milestone", "HF1.10", HALF_YEARLY, "verfehlt", "--occurrence", "06.2024",
        "--date", "15.01.2024", plan=shipped, lang="de", today=TODAY)  # fmt: skip
    out = mpi("round", "--today", TODAY, plan=shipped, lang="de").stdout
    rows = [line for line in _part(out, "Zur Entscheidung").splitlines() if "| HF1.10 |" in line]
    overdue = [line.split(" | ")[3] for line in rows if "überfällig seit" in line]  # why
    assert any("überfällig seit Dezember 2024" in line for line in overdue), rows
    assert any("überfällig seit Dezember 2023" in line for line in overdue)
    assert not any("Juni 2024" in line for line in overdue)  # recorded as missed
    assert len(overdue) == 5  # December 2023 to June 2026, but June 2024


def test_the_missed_row_shows_the_note_of_its_own_occurrence(shipped: Path) -> None:
    for occurrence, note in (("12.2023", "Termin entfiel"), ("06.2024", "Bericht fehlte")):
        mpi("milestone", "HF1.10", HALF_YEARLY, "verfehlt", "--occurrence", occurrence, "--note",
            note, "--date", "01.08.2024", plan=shipped, lang="de", today=TODAY)  # fmt: skip
    out = mpi("round", "--today", TODAY, plan=shipped, lang="de").stdout
    missed = _part(out, "HF1 Flächen und Infrastruktur").split("### Verfehlt", 1)[1]
    missed = missed.split("\n### ", 1)[0]
    lines = [line for line in missed.splitlines() if "HF1.10" in line]
    assert len(lines) == 2
    assert "Dezember 2023" in lines[0] and "Termin entfiel" in lines[0]
    assert "Juni 2024" in lines[1] and "Bericht fehlte" in lines[1]


def test_a_measure_without_an_update_is_asked_for_once_with_all_its_leads(shipped: Path) -> None:
    """Jointly led measures were listed once per partner, and stale ones counted as for
    decision; now "Sachstand fehlt" lists each once, grouped by all its leads."""
    out = mpi("round", "--today", TODAY, plan=shipped, lang="de").stdout
    decide, missing = _part(out, "Zur Entscheidung"), _part(out, "Sachstand fehlt")
    assert "nie aktualisiert" not in decide and "Aktualisierung" not in decide
    assert missing.count("HF1.6 ") == 1
    assert "- **Senat/BWI, Handelskammer, IVH, DGB Nord**: HF1.6 " in missing
    own = mpi("round", "--today", TODAY, "--lead", "dgb", plan=shipped, lang="de").stdout
    mine = _part(own, "Sachstand fehlt")
    assert "HF1.6 " in mine and "HF2.6 " not in mine  # HF2.6 is the BWI's alone


def test_the_word_briefing_is_a_handout(repo: Path, tmp_path: Path) -> None:
    """Page numbers and a running footer as Word fields, the document's language, no
    library's name in its properties, and what it was made from small at the end."""
    import docx

    target = tmp_path / "runde.docx"
    run_round(repo, "--since", "runde-2026-06", "--format", "docx", "-o", str(target))
    document = docx.Document(str(target))
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Hamburger Masterplan Industrie 2023 · Seite ")
    xml = document.sections[0].footer.part.blob.decode("utf-8")
    assert re.findall(r"<w:instrText[^>]*>\s*(\w+)\s*<", xml) == ["PAGE", "NUMPAGES"]
    properties = document.core_properties
    assert properties.language == "de-DE" and properties.author == "mpi"
    assert "python-docx" not in " ".join(
        str(getattr(properties, k)) for k in ("author", "comments", "title", "keywords")
    )
    assert document.paragraphs[-1].text.startswith("Erstellt aus dem Plan")
    body = document.part.blob.decode("utf-8")
    assert re.findall(r"<w:instrText[^>]*>\s*(TOC[^<]*?)\s*<", body) == [
        'TOC \\o "1-2" \\h \\z \\u'
    ]
    contents = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "List Number"
    ]
    assert (
        contents[0].startswith("Zur Entscheidung (") and "HF1 Flächen und Infrastruktur" in contents
    )
    from lxml import etree

    assert b"updateFields" in etree.tostring(document.settings.element)
    assert not any("Git-Commit" in p.text for p in document.paragraphs[:5])


def test_a_draft_with_its_classification_says_so_in_every_format(
    repo: Path, tmp_path: Path
) -> None:
    import docx

    stamp = ["--draft", "--classification", "Nur für den Dienstgebrauch"]
    head = "ENTWURF · Nur für den Dienstgebrauch"
    markdown = run_round(repo, *stamp)
    assert markdown.splitlines()[2] == f"**{head}**"
    html = run_round(repo, *stamp, "--format", "html")
    assert f'<p class="stamp">{head}</p>' in html
    target = tmp_path / "entwurf.docx"
    run_round(repo, *stamp, "--format", "docx", "-o", str(target))
    assert docx.Document(str(target)).sections[0].header.paragraphs[0].text == head
    assert "ENTWURF" not in run_round(repo)
    said = mpi("round", "--classification", "zwei\nZeilen", plan=repo / "plan", code=2)
    assert "--classification" in said.stderr


@pytest.mark.parametrize("command", ["round", "report"])
def test_every_table_scrolls_in_a_region_the_keyboard_reaches(repo: Path, command: str) -> None:
    """On a phone a wide table scrolls inside its own region, and a region that scrolls must
    be reachable by keyboard and named (axe-core's scrollable-region-focusable: the report
    had three without)."""
    from html.parser import HTMLParser

    class Tables(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[dict[str, str | None]] = []
            self.bad: list[str] = []
            self.tables = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "div":
                self.open.append(dict(attrs))
            elif tag == "table":
                self.tables += 1
                region = self.open[-1] if self.open else {}
                if not (
                    "scroll" in (region.get("class") or "")
                    and region.get("tabindex") == "0"
                    and region.get("role") == "region"
                    and (region.get("aria-label") or "").strip()
                ):
                    self.bad.append(str(region))

        def handle_endtag(self, tag: str) -> None:
            if tag == "div" and self.open:
                self.open.pop()

    html = mpi(command, "--format", "html", "--today", TODAY, plan=repo / "plan", lang="de")
    found = Tables()
    found.feed(html.stdout)
    assert found.tables > 3 and not found.bad, found.bad[:3]
