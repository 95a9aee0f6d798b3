"""What a new user types on a working day (issue 31): usage errors on one line with the fix,
suggestions for every closed vocabulary, dates and numbers as people write them, and
plausibility warnings on what is recorded."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from helpers import SHIPPED, mpi
from mpi.loading.load import load_plan, require_plan

de = partial(mpi, env={"MPI_LANG": "de"})  # not --lang: it would follow a `--`


def one_line(result: object) -> str:
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert lines[0].startswith("mpi: "), lines
    return lines[0]


# --- point 11: usage errors are one line, with what to type instead ------------------------


@pytest.mark.parametrize(
    ("args", "fix"),
    [
        (
            ["note", "HF1.1", "Text", "in", "Eile"],
            '→ Text mit Leerzeichen in Anführungszeichen setzen: mpi note HF1.1 "Text in Eile"',
        ),
        (
            ["note", "HF1.1", "-Text"],
            "→ einen Wert, der mit „-“ beginnt, hinter „--“ angeben: mpi note HF1.1 -- -Text",
        ),
        (
            ["record", "flaechenreserve", "-5"],
            "→ eine negative Zahl hinter „--“ angeben: mpi record flaechenreserve -- -5",
        ),
        (
            ["record", "flaechenreserve", "-0,5", "--dry-run"],
            "→ eine negative Zahl hinter „--“ angeben: "
            "mpi record flaechenreserve --dry-run -- -0,5",
        ),
        (["show", "HF", "1.2"], "→ eine ID ohne Leerzeichen schreiben: mpi show HF1.2"),
        (
            ["set", "HF1.1", "--status", "in", "Umsetzung"],
            '→ Text mit Leerzeichen in Anführungszeichen setzen: mpi set HF1.1 --status "in '
            'Umsetzung"',
        ),
        (
            ["milestone", "HF1.2", "1", "verfehlt", "--note", "Runde", "ausgefallen"],
            "→ Text mit Leerzeichen in Anführungszeichen setzen: mpi milestone HF1.2 1 verfehlt "
            '--note "Runde ausgefallen"',
        ),
        (
            ["note", "HF1.1", "--", "-Text", "--dry-run"],
            "→ Optionen vor „--“ angeben: mpi note HF1.1 --dry-run -- -Text",
        ),
    ],
)
def test_a_usage_error_is_one_line_with_the_fix(args: list[str], fix: str) -> None:
    line = one_line(de(*args, code=2))
    assert line.endswith(fix), line


def test_the_unknown_option_is_named_as_typed() -> None:
    line = one_line(de("note", "HF1.1", "-Text", code=2))
    assert line.startswith("mpi: Unbekannte Option: -Text →"), line


def test_a_note_or_a_value_that_begins_with_a_dash_goes_after_dashes(mini: Path) -> None:
    de("note", "HF1.1", "--plan", str(mini), "--", "-Text beginnt mit Strich")
    de("record", "flaechenreserve", "--plan", str(mini), "--", "-5")
    measure = require_plan(load_plan(mini)).fields[0].measures[0]
    assert measure.updates[0].text == "-Text beginnt mit Strich"
    assert [v.value for v in measure.indicators[0].values] == [-5.0]


@pytest.mark.parametrize(
    "args",
    [
        ["--plan", str(SHIPPED), "status"],
        ["--plan", str(SHIPPED), "--format", "json", "status"],
        ["--dry-run", "--plan", str(SHIPPED), "status"],
    ],
)
def test_a_commands_options_may_come_before_it(args: list[str]) -> None:
    """`mpi --plan plan status` is `mpi status --plan plan` (a flag the command lacks is
    still its own error)."""
    from mpi.cli.app import command_first

    assert command_first(args)[0] == "status"
    if "--dry-run" in args:
        assert "--dry-run" in one_line(mpi(*args, code=2))
    else:
        assert mpi(*args).stdout


def test_options_before_the_command_keep_the_global_ones_and_dashes() -> None:
    from mpi.cli.app import command_first

    assert command_first(["--lang", "de", "--plan", "p", "note", "HF1.1", "--", "-x"]) == [
        "--lang",
        "de",
        "note",
        "HF1.1",
        "--plan",
        "p",
        "--",
        "-x",
    ]
    assert command_first(["--help", "status"]) == ["--help", "status"]
    assert command_first(["--version"]) == ["--version"]


# --- point 12: suggestions for every closed vocabulary --------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["list", "--status", "erldigt"], "gemeint ist vielleicht 'abgeschlossen'?"),
        (["set", "HF1.1", "--status", "erldigt"], "gemeint ist vielleicht 'abgeschlossen'?"),
        (["milestone", "HF1.2", "1", "erldigt"], "gemeint ist vielleicht 'erledigt'?"),
        (
            ["list", "--field", "1"],
            "--field: unbekanntes Handlungsfeld '1'; gemeint ist vielleicht HF1?",
        ),
        (["due", "--field", "hf 2"], "gemeint ist vielleicht HF2?"),
        (["indicators", "--field", "1"], "gemeint ist vielleicht HF1?"),
        (["status", "--format", "jsn"], "gemeint ist vielleicht 'json'?"),
        (
            [
                "reschedule",
                "HF1.2",
                "1",
                "2031",
                "--kind",
                "bsi",
                "--decision",
                "Beschluss der Runde",
            ],
            "gemeint ist vielleicht 'bis'?",
        ),
        (
            ["list", "--tag", "wasserstof"],
            "--tag: keine Maßnahme hat das Schlagwort 'wasserstof'; gemeint ist vielleicht "
            "'Wasserstoff'? (die Schlagwörter: Flächen, Innovation, Wasserstoff)",
        ),
        (["list", "--tag", "H2"], "--search H2 sucht ein Wort in den Texten der Maßnahmen"),
        (
            ["list", "--status", "überfällig"],
            "→ mpi due --overdue listet die überfälligen Fristen, mpi due auch die verzögerten",
        ),
    ],
)
def test_a_closed_vocabulary_suggests_what_was_meant(
    mini: Path, args: list[str], said: str
) -> None:
    line = one_line(de(*args, plan=mini, code=2))
    assert said in line, line


# --- point 14: dates and numbers as people type them; plausibility of what is recorded ------


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("01.12.26", "2026-12-01"),
        ("1.12.26", "2026-12-01"),
        ("1. 12. 2026", "2026-12-01"),
        ("Dez 2026", "2026-12"),
        ("Dezember 2026", "2026-12"),
        ("Dez. 26", "2026-12"),
        ("12.2026", "2026-12"),
    ],
)
def test_dates_as_people_type_them(typed: str, iso: str) -> None:
    from mpi.domain.dates import typed_day, typed_due

    assert typed_due(typed).iso() == iso
    if len(iso) == 10:
        assert typed_day(typed).isoformat() == iso


def test_every_date_option_takes_them(mini: Path) -> None:
    de("note", "HF1.1", "Notiz", "--date", "01.12.26", plan=mini)
    assert require_plan(load_plan(mini)).fields[0].measures[0].updates[0].date.isoformat() == (
        "2026-12-01"
    )
    out = de("due", "--before", "Dez 2030", "--format", "json", plan=mini).stdout
    assert '"stufe-1"' not in out  # bis 2030 ends after December 2030 begins
    month = one_line(de("note", "HF1.1", "x", "--date", "Dezember 2026", plan=mini, code=2))
    assert month == (
        "mpi: --date: 'Dezember 2026' ist ein Monat oder ein Jahr → einen Tag angeben, etwa "
        "25.11.2026 oder 2026-11-25"
    )


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(SHIPPED, tmp_path / "plan")
    return tmp_path / "plan"


def values(plan: Path, indicator: str) -> list[float]:
    found = [
        i for f in require_plan(load_plan(plan)).fields for m in f.measures for i in m.indicators
    ]
    return [v.value for i in found if i.id == indicator for v in i.values]


@pytest.mark.parametrize("typed", ["19,5%", "19,5 %"])
def test_a_percentage_with_its_sign(shipped: Path, typed: str) -> None:
    de("record", "bahnanteil-gueterverkehr", typed, "--period", "2025", plan=shipped)
    assert values(shipped, "bahnanteil-gueterverkehr") == [19.5]


def test_a_percentage_for_an_indicator_in_another_unit_is_refused(mini: Path) -> None:
    line = one_line(de("record", "flaechenreserve", "19,5 %", plan=mini, code=2))
    assert "als Prozentwert eingegeben, aber flaechenreserve wird in ha gemessen" in line
    assert values(mini, "flaechenreserve") == []


def test_an_implausible_value_warns_and_is_recorded(shipped: Path) -> None:
    de("record", "bahnanteil-gueterverkehr", "19,5", "--period", "2025", plan=shipped)
    slip = de("record", "bahnanteil-gueterverkehr", "1950", "--period", "2026", plan=shipped)
    warned = slip.stderr.splitlines()[1:]
    assert warned == [
        "mpi: Warnung: 1.950 % ist mehr als 100 %: bitte den Wert prüfen",
        "mpi: Warnung: 1.950 % ist mehr als das Hundertfache des letzten Werts 19,5 % (2025): "
        "bitte Einheit und Dezimaltrennzeichen prüfen",
    ]
    assert values(shipped, "bahnanteil-gueterverkehr") == [19.5, 1950.0]
    tried = ["record", "bahnanteil-gueterverkehr", "--period", "2020", "--dry-run", "--", "-5"]
    dry = mpi(*tried, env={"MPI_PLAN": str(shipped), "MPI_LANG": "de"}).stderr
    assert "-5 % ist ein negativer Anteil: bitte den Wert prüfen" in dry
    assert "erfasst ist" not in dry and values(shipped, "bahnanteil-gueterverkehr")[-1] == 1950


def test_a_value_a_hundredth_of_the_last_warns(mini: Path) -> None:
    de("record", "flaechenreserve", "100", "--period", "2025", plan=mini)
    slip = de("record", "flaechenreserve", "0,5", "--period", "2026", plan=mini)
    assert "ist weniger als ein Hundertstel des letzten Werts 100 ha (2025)" in slip.stderr


def test_a_second_value_for_a_period_needs_replace(mini: Path) -> None:
    de("record", "flaechenreserve", "100", "--period", "2025", plan=mini)
    again = one_line(de("record", "flaechenreserve", "98", "--period", "2025", plan=mini, code=2))
    assert again == (
        "mpi: flaechenreserve hat für 2025 schon einen Wert: 100 → um ihn zu ersetzen, "
        "denselben Befehl mit --replace ausführen"
    )
    assert values(mini, "flaechenreserve") == [100.0]
    de("record", "flaechenreserve", "98", "--period", "2025", "--replace", plan=mini)
    assert values(mini, "flaechenreserve") == [98.0]
    log = require_plan(load_plan(mini)).fields[0].measures[0].updates
    assert log[-1].text.endswith("98 ha (für 2025) (ersetzt 100 ha)")
    none = one_line(
        de("record", "flaechenreserve", "1", "--period", "2024", "--replace", plan=mini, code=2)
    )
    assert "flaechenreserve hat für 2024 keinen Wert, der zu ersetzen wäre" in none
    de("record", "flaechenreserve", "99", "--date", "2026-12-01", plan=mini)
    day = one_line(de("record", "flaechenreserve", "97", "--date", "01.12.2026", plan=mini, code=2))
    assert "für 01.12.2026 schon einen Wert: 99" in day


def test_a_deadline_years_ahead_marked_missed_warns(mini: Path) -> None:
    result = de("milestone", "HF1.2", "stufe-1", "verfehlt", plan=mini)
    assert result.stderr.splitlines()[-1] == (
        "mpi: Warnung: Meilenstein stufe-1 wird als verfehlt vermerkt, seine Frist 2030 liegt "
        "aber noch in der Zukunft; war ein anderer Meilenstein oder „erledigt“ gemeint, bitte "
        "neu vermerken"
    )
    milestone = require_plan(load_plan(mini)).fields[0].measures[1].milestones[0]
    assert milestone.status == "missed"


def test_due_within_says_which_deadlines_only_begin_in_the_span() -> None:
    result = de("due", "--within", "6m", plan=SHIPPED)
    assert "bis 2027" in result.stdout
    assert result.stderr.splitlines()[-1].startswith(
        "mpi: 3 der aufgeführten Fristen sind Jahre oder Monate, die in der Spanne beginnen, "
        "aber erst nach dem 07.06.2027 enden (die erste: Juni 2027)"
    )


# --- point 8 (part): the placeholders of dates, spans and revisions in the reader's language


DATED = {
    "<date>": ("--today", "--date", "--as-of", "--before", "--until", "--period", "--occurrence"),
    "<span>": ("--alarm", "--stale", "--within"),
    "<revision>": ("--baseline", "--revision"),
    "<revision|date>": ("--since",),
}


def test_every_date_span_and_revision_option_names_its_kind() -> None:
    import typer

    from mpi.cli.app import full_app

    commands = [typer.main.get_command(full_app())]
    seen = set()
    while commands:
        command = commands.pop()
        commands += getattr(command, "commands", {}).values()
        for param in command.params:
            for metavar, options in DATED.items():
                if set(param.opts) & set(options):
                    assert param.metavar == metavar, (command.name, param.opts)
                    seen.update(set(param.opts) & set(options))
    assert seen == {o for options in DATED.values() for o in options}


@pytest.mark.parametrize(
    ("args", "german", "english"),
    [
        (["report", "--help"], "--since <Revision|Datum>", "--since <revision|date>"),
        (["report", "--help"], "--today <Datum>", "--today <date>"),
        (["due", "--help"], "--within <Spanne>", "--within <span>"),
        (["validate", "--help"], "--baseline <Revision>", "--baseline <revision>"),
        (["meeting", "action", "--help"], "--due <Datum>", "--due <date>"),
        (["reschedule", "--help"], "ist NEUE_FRIST sein letzter Termin", "NEW_DUE is its last"),
        (["diff", "--help"], "mpi diff [OPTIONEN] [revision] [revision2]", "[rev] [rev2]"),
    ],
)
def test_placeholders_speak_the_readers_language(
    args: list[str], german: str, english: str
) -> None:
    assert german in " ".join(de(*args).stdout.split())
    assert english in " ".join(mpi(*args, lang="en").stdout.split())
    assert "NEW_DUE" not in de("reschedule", "--help").stdout


def test_set_dropped_names_the_command_for_this_measure(mini: Path) -> None:
    said = mpi("set", "HF1.1", "--status", "entfallen", plan=mini, lang="de", code=2).stderr
    assert said == (
        "mpi: --status: eine Maßnahme entfällt nur per Beschluss: mpi drop HF1.1 --decision TEXT\n"
    )
