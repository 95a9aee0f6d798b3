"""German input: status and state words, dates and numbers as people type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import MINI, mpi
from mpi.domain.errors import InvalidValue
from mpi.domain.words import (
    MEASURE_STATUS_WORDS,
    MILESTONE_STATE_WORDS,
    measure_status,
    milestone_state,
)
from mpi.loading.load import load_plan, require_plan

STATUS_ALIASES = [(w, v) for v, ws in MEASURE_STATUS_WORDS.items() for w in (v, *ws)]
STATE_ALIASES = [(w, v) for v, ws in MILESTONE_STATE_WORDS.items() for w in (v, *ws)]


@pytest.mark.parametrize(("word", "value"), STATUS_ALIASES)
def test_each_status_word_means_its_status(word: str, value: str) -> None:
    assert measure_status(word) == value
    assert measure_status(word.upper()) == value
    assert measure_status(f"  {word.lower()} ") == value


@pytest.mark.parametrize(("word", "value"), STATE_ALIASES)
def test_each_state_word_means_its_state(word: str, value: str) -> None:
    assert milestone_state(word) == value
    assert milestone_state(word.upper()) == value


@pytest.mark.parametrize("words", [MEASURE_STATUS_WORDS, MILESTONE_STATE_WORDS])
def test_no_word_means_two_things(words: dict[str, tuple[str, ...]]) -> None:
    meant: dict[str, str] = {}
    for value, aliases in words.items():
        for word in (value, *aliases):
            assert meant.setdefault(word.casefold(), value) == value, word


def test_spelling_variants_and_starts_of_words() -> None:
    assert measure_status("in-umsetzung") == "in_progress"
    assert measure_status("IN_UMSETZUNG") == "in_progress"
    assert measure_status("gefaehrdet") == "at_risk"
    assert measure_status("lauf") == "ongoing"
    assert milestone_state("verf") == "missed"


@pytest.mark.usefixtures("german")
def test_an_unknown_word_lists_the_choices_in_german() -> None:
    with pytest.raises(InvalidValue) as caught:
        measure_status("fertiggestellt bald")
    message = caught.value.message
    assert message.startswith("unbekannter Status 'fertiggestellt bald' (möglich: geplant, ")
    assert "in Umsetzung" in message and "entfallen" in message
    with pytest.raises(InvalidValue) as caught:
        milestone_state("vielleicht")
    assert caught.value.message == (
        "unbekannter Status eines Meilensteins 'vielleicht' (möglich: offen, erledigt, verfehlt)"
    )


@pytest.mark.usefixtures("german")
def test_an_ambiguous_start_names_what_it_could_mean() -> None:
    with pytest.raises(InvalidValue) as caught:
        milestone_state("aus")  # ausstehend (open) or ausgefallen (missed)
    assert caught.value.message == "'aus' ist mehrdeutig: verfehlt oder offen?"


def test_an_unknown_word_in_english_lists_the_english_names() -> None:
    with pytest.raises(InvalidValue) as caught:
        measure_status("soon")
    assert "planned, in_progress, ongoing, done, at_risk, dropped" in caught.value.message


# --- the commands take German words, dates and numbers; the files keep English values ----


def edit(plan: Path, *args: str) -> str:
    result = mpi(*args, plan=plan, lang="de")
    return result.stderr


def test_set_takes_a_german_status_and_writes_the_english_value(mini: Path) -> None:
    said = edit(mini, "set", "HF1.2", "--status", "in Umsetzung", "--date", "25.11.2026")
    assert said.startswith("HF1.2: geplant → in Umsetzung")
    measure = require_plan(load_plan(mini)).fields[0].measures[1]
    assert measure.status == "in_progress"
    assert measure.updates[-1].text == "Status: geplant → in Umsetzung"
    assert str(measure.updates[-1].date) == "2026-11-25"
    assert "status: in_progress" in (mini / "hf1-flaechen.yaml").read_text(encoding="utf-8")


def test_milestone_takes_erledigt_and_a_german_date(mini: Path) -> None:
    edit(mini, "milestone", "HF1.2", "stufe-1", "Erledigt", "--date", "1.3.2026")
    stufe = require_plan(load_plan(mini)).fields[0].measures[1].milestones[0]
    assert (stufe.status, str(stufe.done.iso())) == ("done", "2026-03-01")


def test_an_occurrence_is_named_the_german_way(mini: Path) -> None:
    edit(mini, "milestone", "HF1.2", "bericht", "verfehlt", "--occurrence", "12.2024")
    bericht = require_plan(load_plan(mini)).fields[0].measures[1].milestones[2]
    assert [(o.due.iso(), o.status) for o in bericht.occurrences] == [("2024-12", "missed")]


def test_record_takes_a_thousands_separator(mini: Path) -> None:
    said = edit(mini, "record", "flaechenreserve", "1.234,5", "--date", "25.11.2026")
    assert "1.234,5 ha am 25.11.2026" in said
    values = require_plan(load_plan(mini)).fields[0].measures[0].indicators[0].values
    assert values[-1].value == 1234.5
    assert "value: 1234.5" in (mini / "hf1-flaechen.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["set", "HF1.2", "--status", "bald"], "--status: unbekannter Status 'bald' (möglich: "),
        (["set", "HF1.2", "--status", "laufend", "--date", "31.02.2026"], "--date: "),
        (["record", "flaechenreserve", "viel"], "WERT: muss eine Zahl wie 19,5"),
        (["milestone", "HF1.2", "stufe-1", "vielleicht"], "STATUS: unbekannter Status"),
    ],
)
def test_bad_german_input_gets_one_german_line(mini: Path, args: list[str], said: str) -> None:
    result = mpi(*args, plan=mini, lang="de", code=2)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mpi: " + said), result.stderr


@pytest.mark.parametrize(
    ("typed", "iso"),
    [("Dezember 2030", "2030-12"), ("Dez. 2030", "2030-12"), ("märz 2024", "2024-03")],
)
def test_a_month_as_mpi_writes_it_is_understood(typed: str, iso: str) -> None:
    from mpi.domain.dates import typed_due

    assert typed_due(typed).iso() == iso


def test_spans_in_german_units() -> None:
    from mpi.domain.dates import parse_span

    assert parse_span("30T") == (30, "d") and parse_span("2 J") == (2, "y")


@pytest.mark.parametrize(("typed", "meant"), [("0.125", "0.125"), ("-0.500", "-0.500")])
def test_a_number_with_a_leading_zero_is_no_thousands(typed: str, meant: str) -> None:
    from mpi.domain.words import typed_number

    assert typed_number(typed, "de") == meant


def test_a_thousands_reading_is_said(mini: Path) -> None:
    result = mpi("record", "flaechenreserve", "2.125", "--dry-run", plan=mini, lang="de")
    assert "'2.125' als 2125 gelesen (Tausendertrennzeichen in der Sprache des Plans); " in (
        result.stderr
    )
    quiet = mpi("record", "flaechenreserve", "2,5", "--dry-run", plan=mini)
    assert "gelesen" not in quiet.stderr and "read as" not in quiet.stderr


def test_a_german_word_in_the_file_gets_its_english_value_named(mini: Path) -> None:
    path = mini / "hf1-flaechen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: ongoing", "status: laufend"))
    result = mpi("validate", plan=mini, lang="de", code=1)
    assert "in der Datei heißt „laufend“ 'ongoing'" in result.stdout


def test_the_system_s_reasons_speak_german(tmp_path: Path) -> None:
    result = mpi("report", "-o", str(tmp_path / "nirgends" / "r.md"), plan=MINI, lang="de", code=2)
    assert "Datei oder Verzeichnis nicht gefunden" in result.stderr
