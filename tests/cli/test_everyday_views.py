"""Issue 31, points 2-5: what the everyday views show (missed deadlines, `mpi show`'s layout,
names instead of ids, piped records that sort)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpers import SHIPPED, TODAY, mpi


@pytest.fixture
def two_misses(mini: Path) -> Path:
    for occurrence in ("06.2023", "12.2023"):
        args = ["milestone", "HF1.2", "bericht", "missed", "--occurrence", occurrence]
        result = mpi(*args, plan=mini, today=TODAY)
        assert result.exit_code == 0, result.stderr
    return mini


def test_missed_deadlines_stay_in_status_list_and_due(
    two_misses: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    status = mpi("status", plan=two_misses, today=TODAY, lang="de").stdout
    assert "Verfehlt: 2 Fristen" in status
    assert status.index("Verfehlt: 2 Fristen") < status.index("Im Verzug")  # first
    assert "✗" in status
    listed = mpi("list", plan=two_misses, today=TODAY, lang="de").stdout
    assert "✗ " in listed
    due = mpi("due", plan=two_misses, today=TODAY, lang="de").stdout
    assert due.count("verfehlt") == 2
    data = json.loads(mpi("status", "--format", "json", plan=two_misses, today=TODAY).stdout)
    assert [m["count"] for m in data["missed"]] == [2]  # a recurring milestone once


def test_show_separates_its_sections_by_one_blank_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    out = mpi("show", "HF1.10", plan=SHIPPED, today=TODAY, lang="de").stdout
    assert "\n\n\n" not in out and not out.endswith("\n\n")
    lines = [line.rstrip() for line in out.splitlines()]
    for heading in (
        "Ziele [2]",
        "Meilensteine",
        "Verlauf",
        "Woher jedes Datum und jeder Zielwert stammt",
    ):
        at = lines.index(heading)
        assert lines[at - 1] == "" and lines[at - 2] != "", heading


def test_show_piped_is_wrapped_at_80_columns_without_a_long_rule() -> None:
    out = mpi("show", "HF1.10", plan=SHIPPED, today=TODAY, lang="de").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\u00a0" not in out and "nächste: bis Dezember 2026" in out


def test_show_plan_shows_partners_signatories_vision_and_agreements() -> None:
    out = mpi("show", "plan", plan=SHIPPED, today=TODAY, lang="de").stdout
    for said in ("Senat/BWI", "Laura Pooth, Vorsitzende", "Vision", "Die Partner verabreden"):
        assert said in out, said
    assert "koordinierungsrunde" in out and "Klimaneutralität" in out
    data = json.loads(mpi("show", "plan", "--format", "json", plan=SHIPPED, today=TODAY).stdout)
    assert [p["short"] for p in data["partners"]] == [
        "Senat/BWI",
        "Handelskammer",
        "IVH",
        "DGB Nord",
    ]
    assert data["vision"] and len(data["agreements"]) == 6


def test_a_logged_status_change_is_not_said_twice(mini: Path) -> None:
    dropped = mpi(
        "drop",
        "HF2.1",
        "--decision",
        "Koordinierungsrunde 01.12.2026, TOP 2",
        plan=mini,
        today=TODAY,
    )
    assert dropped.exit_code == 0, dropped.stderr
    out = mpi("show", "HF2.1", plan=mini, today=TODAY, lang="de").stdout
    assert "Status: geplant → entfallen" in out and "(Status → entfallen)" not in out


def test_list_shows_partners_by_their_short_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    out = mpi("list", "--field", "HF1", plan=SHIPPED, today=TODAY, lang="de").stdout
    assert "Senat/BWI" in out and " bwi" not in out
    monkeypatch.delenv("TTY_COMPATIBLE")
    piped = mpi("list", plan=SHIPPED, today=TODAY, lang="de").stdout
    assert "\tSenat/BWI\t" in piped


def test_piped_records_lead_with_iso_dates_and_bare_numbers() -> None:
    """Each record begins with the last day its deadline covers, so `sort` keeps mpi's order
    (`bis 2026` after `Dezember 2026`'s neighbours, `2030` after `2030-06`); numbers are bare;
    `status` pipes one kind of record (the deadlines are `mpi due`'s)."""
    for args in (["due"], ["due", "--year", "2030"], ["due", "--within", "6m"], ["timeline"]):
        due = mpi(*args, plan=SHIPPED, today=TODAY, lang="de").stdout.splitlines()
        column = 1 if args[0] == "timeline" else 0
        firsts = [line.split("\t")[column] for line in due]
        assert firsts and all(date.fromisoformat(f) for f in firsts)
        assert firsts == sorted(firsts), args
    status = mpi("status", plan=SHIPPED, today=TODAY, lang="de").stdout.splitlines()
    assert {len(line.split("\t")) for line in status} == {10}
    indicators = mpi("indicators", plan=SHIPPED, today=TODAY, lang="de").stdout.splitlines()
    hf312 = next(line.split("\t") for line in indicators if "\tHF1.12\t" in line)
    assert hf312[4:10] == ["18", "2021", "", "", "≥", "25"] and "–" not in hf312
    hf1 = status[0].split("\t")
    assert hf1[0] == "HF1" and hf1[2] == "17" and hf1[3] == "2 geplant, 15 laufend"
    assert hf1[4:8] == ["5", "6", "0", "0"] and hf1[8] == "2026-12" and hf1[9] == "HF1.10"


def test_german_reads_as_german() -> None:
    """Point 7, 9, 10: inferred is the editors' reading, not "gefolgert" (a reader cannot tell
    it from "abgeleitet"); prose uses →; the statuses say what sets them apart."""
    from mpi.i18n import speaking
    from mpi.render import provenance, values

    with speaking("de"):
        assert provenance.basis("inferred") == "Lesart der Redaktion"
        assert values.listing(["Handelskammer", "DGB Nord"]) == "Handelskammer und DGB Nord"
    with speaking("en"):
        assert provenance.status("in_progress") == "in progress"
        assert provenance.state("at_risk") == "at risk"
    shown = mpi("show", "HF1.10", plan=SHIPPED, today=TODAY, lang="de").stdout
    assert "gefolgert" not in shown and "Lesart der Redaktion" in shown
    helped = mpi("list", "--help", lang="de").stdout
    assert "Daueraufgabe" in " ".join(helped.split())


def test_help_names_values_as_people_do_in_both_languages() -> None:
    """No programmer's words (`<str>`, `<int>`) or file tokens (`in_progress`) in help; German
    placeholders are nouns (`<Text>`, `<Pfad>`, `<Zahl>`, `<Sekunden>`)."""
    from mpi.cli.app import COMMANDS

    for command in COMMANDS:
        english = mpi(command, "--help", lang="en").stdout
        german = mpi(command, "--help", lang="de").stdout
        for word in ("<str>", "<int>", "in_progress", "at_risk"):
            assert word not in english, (command, word)
        for word in ("<text>", "<pfad>", "<zahl>", "<sekunden>"):
            assert word not in german, (command, word)
    assert "<Pfad>" in mpi("status", "--help", lang="de").stdout


def test_a_mark_says_nothing_the_title_says() -> None:
    """ "Versorgung mit Glasfaser (angestrebt vom Senat)" is not marked "(angestrebt)" again;
    a body the title names is not named again, but the date still says it is no commitment."""
    rows = mpi("timeline", plan=SHIPPED, today=TODAY, lang="de").stdout.splitlines()
    said = {r.split("\t")[3]: r.split("\t")[7] for r in rows}
    assert said["glasfaser-vollversorgung"] == "bis 2033"
    assert said["klimaneutralitaet"] == "bis 2045 (keine Zusage des Plans)"
