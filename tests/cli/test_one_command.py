"""A run builds the app of its own command only (mpi.cli.app.app_for), and no run notices."""

from __future__ import annotations

import pytest
import typer
from typer.core import TyperGroup
from typer.main import get_command

from helpers import mpi
from mpi.cli.app import COMMANDS, GROUPS, app_for, build, command_named, full_app


def names(app: typer.Typer) -> list[str]:
    group = get_command(app)
    assert isinstance(group, TyperGroup)
    return sorted(group.commands)


@pytest.mark.parametrize("group", GROUPS)
def test_every_command_is_in_the_table_under_its_module(group: str) -> None:
    registered = names(build([group]))
    assert registered == sorted(c for c, g in COMMANDS.items() if g == group)


def test_the_table_holds_every_command() -> None:
    assert names(full_app()) == sorted(COMMANDS)


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["status"], "status"),
        (["--lang", "en", "status", "--plan", "x"], "status"),
        (["--lang=en", "--debug", "show", "HF1.1"], "show"),
        (["--", "due"], "due"),
        (["--lang", "status"], None),  # status is the language here (an error later)
        (["--version"], None),
        ([], None),
    ],
)
def test_the_command_word(args: list[str], word: str | None) -> None:
    assert command_named(args) == word


def test_a_named_command_gets_an_app_of_its_own() -> None:
    assert names(app_for(["--lang", "en", "set", "HF1.1"])) == ["set"]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["--help", "status"],  # the app's help, with every command
        ["--lang", "en", "-h", "list"],
        ["--version"],
        ["staus"],
        ["--lang", "en", "nothing"],
    ],
)
def test_help_and_unknown_words_get_every_command(args: list[str]) -> None:
    assert names(app_for(args)) == sorted(COMMANDS)


def test_shell_completion_gets_every_command() -> None:
    assert names(app_for(["status"], {"_MPI_COMPLETE": "bash_complete"})) == sorted(COMMANDS)


def test_an_unknown_command_is_told_with_suggestions() -> None:
    result = mpi("--lang", "en", "stauts", code=2)
    assert "No such command 'stauts'. Did you mean 'status'?" in result.stderr
