"""What mpi.cli.usage takes from past Typer's public API, checked against the Typer that is
installed: when a release renames or reshapes any of it, this fails first, and says what."""

from __future__ import annotations

import inspect

import typer
from typer._click import exceptions
from typer._click.formatting import HelpFormatter


def test_the_help_formatter_is_the_one_typer_uses() -> None:
    assert typer.Context.formatter_class is HelpFormatter
    for method in ("write_usage", "write_heading", "write_text", "write_dl", "section"):
        assert callable(getattr(HelpFormatter, method)), method
    assert list(inspect.signature(HelpFormatter.write_dl).parameters)[:4] == [
        "self",
        "rows",
        "col_max",
        "col_spacing",
    ]


def test_the_kinds_of_usage_error_and_their_fields() -> None:
    for name in ("ClickException", "BadParameter", "MissingParameter", "NoSuchOption"):
        assert issubclass(getattr(exceptions, name), typer.TyperException), name
    assert issubclass(exceptions.NoArgsIsHelpError, typer.TyperException)
    assert typer.BadParameter is exceptions.BadParameter
    missing = exceptions.MissingParameter(param_type="argument")
    assert (missing.param_type, missing.param, missing.param_hint) == ("argument", None, None)
    unknown = exceptions.NoSuchOption("--nope", possibilities=["--note"])
    assert (unknown.option_name, unknown.possibilities) == ("--nope", ["--note"])


def test_the_words_mpi_says_again_are_typers() -> None:
    """The English messages mpi.cli.usage recognises, as this Typer writes them."""
    from mpi.cli import usage

    app = typer.Typer()

    @app.command()
    def run(count: int, name: str = "x", flag: bool = False) -> None:
        """A toy command."""

    command = typer.main.get_command(app)

    def error(args: list[str]) -> str:
        try:
            command.main(args, prog_name="run", standalone_mode=False)
        except typer.TyperException as exc:
            return exc.format_message()
        raise AssertionError(f"{args} passed")

    for args, english in (
        (["x"], "'x' is not a valid int."),
        (["1", "--nope"], "No such option: --nope"),
        (["1", "--name"], "Option '--name' requires an argument."),
        (["1", "2"], "Got unexpected extra argument(s) (2)"),
        ([], "Missing argument 'count'."),
    ):
        assert english in error(args), (args, error(args))
    import re

    assert re.match(usage._NUMBER, "'x' is not a valid int.")
    assert re.match(usage._REQUIRES, "Option '--name' requires an argument.")
    assert re.match(usage._EXTRA_ARGS, "Got unexpected extra argument(s) (2)")
