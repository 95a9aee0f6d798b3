"""The Typer app: the error boundary, the global options, and the command groups.

Heavy libraries (pydantic, rich, jinja2, icalendar) are imported inside the commands, so
`mpi --version` and `mpi --help` stay fast. Each group module registers its commands here,
explicitly: `register(app)`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from mpi import __version__
from mpi.cli import editing, integrations, output, queries, reports, validate
from mpi.domain.errors import EXIT_BUG, InvalidValue, MpiError

if TYPE_CHECKING:
    from typer._click import Context  # Typer vendors Click; this is its Context


class App(TyperGroup):
    """Turns errors users can cause into one line and an exit code; never a traceback."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except MpiError as exc:
            output.error(exc, self._flag(ctx, exc))
            raise SystemExit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            sys.stderr.write("mpi: interrupted\n")
            raise SystemExit(130) from None
        except BrokenPipeError:
            raise SystemExit(0) from None
        except Exception as exc:  # the last line of defence
            if hasattr(exc, "exit_code") and hasattr(exc, "show"):
                raise  # a usage error of the command-line parser: it prints itself
            if ctx.params.get("debug") or os.environ.get("MPI_DEBUG"):
                raise
            sys.stderr.write(
                f"mpi: internal error ({type(exc).__name__}); please report it with the "
                "command you ran. Run again with --debug to see the traceback.\n"
            )
            raise SystemExit(EXIT_BUG) from None

    def _flag(self, ctx: Context, exc: MpiError) -> str | None:
        """The option or argument of the running command that carried the invalid value."""
        if not isinstance(exc, InvalidValue) or ctx.invoked_subcommand is None:
            return None
        command = self.get_command(ctx, ctx.invoked_subcommand)
        for param in command.params if command else []:
            if param.name == exc.what:
                if param.param_type_name == "option":
                    return param.opts[0]
                return (param.name or exc.what).upper()  # an argument, as its help shows it
        return None


app = typer.Typer(
    cls=App,
    name="mpi",
    help="Tracker for the Hamburger Masterplan Industrie 2023.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mpi {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    """Tracker for the Hamburger Masterplan Industrie 2023."""


for group in (validate, queries, editing, reports, integrations):
    group.register(app)


def main() -> NoReturn:
    """Run the app; the console script (`mpi.console`) handles Ctrl-C and a closed pipe."""
    app()
    sys.stdout.flush()  # a closed pipe shows here, inside mpi.console's handling
    raise SystemExit(0)
