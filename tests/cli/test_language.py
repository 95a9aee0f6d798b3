"""Which language mpi speaks, and that the parser's own words (help, usage errors) follow it.

Order: --lang, $MPI_LANG, the locale ($LC_ALL, $LC_MESSAGES, $LANG: the first set) when it
names German or English, the plan's `language:`, German.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import Result

from helpers import FIXTURES, MINI, SHIPPED, TODAY, commit, git, mpi
from mpi.cli.language import language_of

UNSET = {"MPI_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None, "LANGUAGE": None}
GERMAN = "Stand 07.12.2026"  # the heading of `mpi status` on a terminal-less run, in German


def speak(*args: str, code: int | None = 0, **env: str) -> Result:
    """Run mpi with no language settings but the ones given."""
    return mpi(*args, env={**UNSET, **env}, code=code)


def status_language(plan: Path = MINI, *extra: str, **env: str) -> str:
    result = speak("status", "--plan", str(plan), "--today", TODAY, *extra, **env)
    return "de" if "\ngesamt\t" in result.stdout else "en"  # the totals row


@pytest.mark.parametrize(
    ("env", "extra", "expected"),
    [
        ({}, [], "de"),  # no setting at all: the plan says German
        ({"LANG": "C"}, [], "de"),  # a CI machine: C names no language, the plan decides
        ({"LANG": "C.UTF-8", "LC_ALL": "POSIX"}, [], "de"),
        ({"LANG": "en_US.UTF-8"}, [], "en"),
        ({"LANG": "de_DE.UTF-8"}, [], "de"),
        ({"LANG": "fr_FR.UTF-8"}, [], "de"),  # French: not ours, the plan decides
        ({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, [], "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "en_GB", "LC_ALL": "de_AT.UTF-8"}, [], "de"),
        ({"LANG": "de_DE.UTF-8", "MPI_LANG": "en"}, [], "en"),
        ({"LC_ALL": "en_US.UTF-8", "MPI_LANG": "de"}, [], "de"),
        ({"MPI_LANG": "de"}, ["--lang", "en"], "en"),
        ({"MPI_LANG": "en"}, ["--lang=de"], "de"),
        ({"LANG": "en_US.UTF-8"}, ["--lang", "DE"], "de"),
    ],
)
def test_the_order_of_choice(env: dict[str, str], extra: list[str], expected: str) -> None:
    assert status_language(MINI, *extra, **env) == expected


def test_an_english_plan_speaks_english_where_nothing_else_decides(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    for source in MINI.iterdir():
        (plan / source.name).write_bytes(source.read_bytes())
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(
        text.replace("adopted: 2023\n", "adopted: 2023\nlanguage: en\n")
    )
    assert status_language(plan) == "en"
    assert status_language(plan, LANG="de_DE.UTF-8") == "de"
    assert status_language(plan, "--lang", "de") == "de"


def test_the_plan_is_found_the_way_the_command_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    english = tmp_path / "plan"
    english.mkdir()
    (english / "plan.yaml").write_text("title: x\nlanguage: en\n", encoding="utf-8")
    assert language_of(["status"], {}) == "en"  # ./plan/plan.yaml
    assert language_of(["status", "--plan", str(SHIPPED)], {}) == "de"
    assert language_of(["status"], {"MPI_PLAN": str(SHIPPED)}) == "de"
    assert language_of(["note", "HF1.1", "--", "--lang", "en"], {"MPI_PLAN": str(SHIPPED)}) == "de"


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["status", "--lang", "fr"], {}, "mpi: --lang: unbekannte Sprache 'fr' (de oder en)"),
        (
            ["status"],
            {"MPI_LANG": "klingon"},
            "mpi: MPI_LANG: unbekannte Sprache 'klingon' (de oder en)",
        ),
        (
            ["status", "--lang", "fr"],
            {"LANG": "en_US.UTF-8"},
            "mpi: --lang: unknown language 'fr' (de or en)",
        ),
    ],
)
def test_an_unknown_language_is_refused(args: list[str], env: dict[str, str], said: str) -> None:
    result = speak(*args, "--plan", str(MINI), code=2, **env)
    assert result.stderr == said + "\n" and result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "status",
        "list",
        "show",
        "due",
        "timeline",
        "set",
        "milestone",
        "record",
        "note",
        "report",
        "diff",
        "schema",
        "calendar",
    ],
)
def test_every_command_takes_lang_and_documents_it(command: str) -> None:
    result = speak(command, "--help", "--lang", "de")
    assert "--lang de|en" in result.stdout
    assert result.stdout.startswith(f"Aufruf: mpi {command} [OPTIONEN]")
    assert "Optionen:" in result.stdout and "Diese Hilfe zeigen und beenden." in result.stdout
    assert "Show this message" not in result.stdout and "Options:" not in result.stdout


def test_the_help_speaks_german() -> None:
    out = speak("--help").stdout
    assert "  milestone   " in out and "meilenstein" not in out  # commands keep their names
    assert out.startswith("Aufruf: mpi [OPTIONEN] BEFEHL [ARGUMENTE]...")
    assert "Verfolgt die Umsetzung des Hamburger Masterplans Industrie 2023." in out
    assert "Befehle:" in out and "Maßnahmen und Fristen auf einen Blick." in out
    detail = speak("milestone", "--help").stdout
    assert "Argumente:" in detail and "[erforderlich]" in detail
    assert "Ein wiederkehrender Meilenstein wird Termin für Termin vermerkt" in detail
    assert "Vorgabe: text" in speak("status", "--help").stdout
    english = speak("milestone", "--help", "--lang", "en").stdout
    assert english.startswith("Usage: mpi milestone [OPTIONS]") and "[required]" in english


HELP = " → Hilfe: mpi {} --help"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["status", "--foo"],
            "Unbekannte Option: --foo (Mögliche Optionen: --format)" + HELP.format("status"),
        ),
        (
            ["status", "--formt", "json"],
            "Unbekannte Option: --formt (Mögliche Optionen: --format)" + HELP.format("status"),
        ),
        (
            ["status", "--format", "x"],
            "Ungültiger Wert für '--format' / '-f': 'x' ist nicht zulässig; möglich: "
            "'text', 'json', 'csv', 'markdown', 'xlsx'" + HELP.format("status"),
        ),
        (["show"], "Argument 'maßnahme' fehlt → Aufruf: mpi show [OPTIONEN] {maßnahme}"),
        (["status", "--plan"], "Option '--plan' braucht einen Wert" + HELP.format("status")),
        (
            ["status", "extra"],
            "Unerwartetes zusätzliches Argument (extra) → Aufruf: mpi status [OPTIONEN]",
        ),
        (
            ["status", "a", "b"],
            "Unerwartete zusätzliche Argumente (a b) → Aufruf: mpi status [OPTIONEN]",
        ),
        (
            ["due", "--year", "bald"],
            "Ungültiger Wert für '--year': 'bald' ist keine ganze Zahl" + HELP.format("due"),
        ),
        (
            ["statsu"],
            "Unbekannter Befehl 'statsu'. Gemeint ist vielleicht 'status'? → mpi status",
        ),
    ],
)
def test_usage_errors_speak_german(args: list[str], said: str) -> None:
    """One line in mpi's way, what is wrong and then what to type (issue 31, point 11)."""
    result = speak(*args, code=2)
    assert result.stderr.splitlines() == ["mpi: " + said]
    assert "Error" not in result.stderr and "Usage" not in result.stderr


def test_usage_errors_in_english_stay_as_typer_says_them() -> None:
    result = speak("status", "--format", "x", "--lang", "en", code=2)
    assert result.stderr.splitlines() == [
        "mpi: Invalid value for '--format' / '-f': 'x' is not one of 'text', 'json', 'csv', "
        "'markdown', 'xlsx' → help: mpi status --help"
    ]


def test_mpi_without_a_command_shows_the_german_help() -> None:
    result = speak(code=2)
    assert "Aufruf: mpi [OPTIONEN] BEFEHL [ARGUMENTE]..." in result.output


# --- JSON and CSV: a machine contract, the same bytes in both languages -------------------

MACHINE = [
    ["status", "--format", "json"],
    ["status", "--format", "csv"],
    ["list", "--format", "json"],
    ["list", "--format", "csv"],
    ["show", "HF1.10", "--format", "json"],
    ["show", "HF1.10", "--format", "csv"],
    ["show", "plan", "--format", "json"],
    ["show", "evaluation", "--format", "csv"],
    ["due", "--all", "--format", "json"],
    ["due", "--all", "--format", "csv"],
    ["timeline", "--format", "json"],
    ["timeline", "--format", "csv"],
    ["validate", "--format", "json"],
    ["validate", "--format", "json", "--plan", str(FIXTURES / "every")],  # with messages
]  # not `mpi schema`: its descriptions are hover text for people (tests/views/test_schema.py)


@pytest.mark.parametrize("args", MACHINE, ids=lambda a: " ".join(a))
def test_machine_output_is_byte_identical_in_both_languages(args: list[str]) -> None:
    named = args[0] == "schema" or "--plan" in args
    common = args if named else [*args, "--plan", str(SHIPPED)]
    if args[0] not in ("validate", "schema"):
        common += ["--today", TODAY]
    german, english = speak(*common, "--lang", "de"), speak(*common, "--lang", "en")
    assert german.stdout_bytes == english.stdout_bytes
    assert german.stdout_bytes  # something was compared


def test_the_diff_as_json_is_byte_identical_in_both_languages(mini: Path) -> None:
    git(mini, "init", "-q")
    commit(mini, "round-1")
    speak("milestone", "HF1.2", "stufe-1", "erledigt", "--plan", str(mini), "--date", "1.3.2026")
    runs = [
        speak("diff", "round-1", "--format", "json", "--plan", str(mini), "--lang", lang)
        for lang in ("de", "en")
    ]
    assert (
        runs[0].stdout_bytes == runs[1].stdout_bytes and b"milestone_done" in runs[0].stdout_bytes
    )
