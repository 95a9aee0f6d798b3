"""`mpi validate`: check the plan; the exit code says whether it is valid."""

from __future__ import annotations

from typing import Annotated

import typer

from mpi.cli.options import PlanOption, format_option
from mpi.i18n import N_


def validate(
    plan: PlanOption = None,
    format: Annotated[str, format_option("diagnostics")] = "text",
) -> None:
    from contextlib import nullcontext

    from mpi.cli import output
    from mpi.cli.options import load
    from mpi.i18n import speaking
    from mpi.loading.locate import display_name
    from mpi.render.messages import validation_summary

    # JSON is the same bytes in every language: its messages are English, like its codes.
    with speaking("en") if format == "json" else nullcontext():
        loaded = load(plan, "check")
    output.emit(format, "diagnostics", loaded.diagnostics)
    if format == "text":
        files = 1 + len(loaded.field_files)
        summary = validation_summary(loaded.diagnostics, files, display_name(loaded.directory))
        output.console(stderr=True).print(summary)
    raise typer.Exit(loaded.exit_code)


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("Check the plan; exit 1 if it is invalid."),
        help=N_("Check the plan: schema, references, dates; exit 1 if it is invalid."),
    )(validate)
