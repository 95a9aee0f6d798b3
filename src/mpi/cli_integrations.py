"""Commands of the integrations group, registered on the main Typer app (imported by cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mpi.cli import PlanOption, _plan, app


@app.command()
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="field: a Handlungsfeld file (the default); plan: plan.yaml.",
            show_default=False,
        ),
    ] = "field",
) -> None:
    """Print the JSON Schema of a plan file, for editors and CI (see schema/)."""
    from mpi import schema as schemas

    typer.echo(schemas.dumps(kind))


@app.command()
def calendar(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of stdout (- is stdout).",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Export the milestones as an iCalendar (.ics) file to subscribe to or import."""
    from mpi import calendar_ics

    data = calendar_ics.build(_plan(plan), calendar_ics.utc_now())
    if output is None or str(output) == "-":
        typer.echo(data, nl=False)
    else:
        calendar_ics.write(output, data)
