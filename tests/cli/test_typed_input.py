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
