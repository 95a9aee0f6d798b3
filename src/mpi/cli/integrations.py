"""Integrations with other tools: the JSON Schema for editors and CI, the iCalendar export,
and a plan repository of one's own with its CI (`mpi init`)."""

from pathlib import Path
from typing import Annotated

import typer

from mpi.cli.options import (
    OutputOption,
    PlanOption,
    TodayOption,
    choice_option,
    full_date,
    valid_plan,
)
from mpi.cli.output import emit, shown
from mpi.i18n import N_, _
from mpi.render.registry import CALENDAR, SCHEMA
from mpi.views.schema import KINDS


def schema(
    kind: Annotated[
        str,
        choice_option(
            KINDS,
            help=N_(
                "field: a Handlungsfeld file (the default); plan: plan.yaml; adopted: adopted.yaml."
            ),
        ),
    ] = "field",
) -> None:
    from mpi.views.schema import build

    emit("json", SCHEMA, build(kind))


def calendar(
    output: OutputOption = None, plan: PlanOption = None, today: TodayOption = None
) -> None:
    from mpi.views.calendar import calendar as entries
    from mpi.views.calendar import utc_now

    day = full_date(today, "--today")
    emit("ics", CALENDAR, entries(valid_plan(plan), utc_now(), day), output)


def init(
    directory: Annotated[
        Path, typer.Argument(help=N_("The new directory (it must not exist, or be empty)."))
    ],
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help=N_("The plan's title (default: the directory's name)."),
            show_default=False,
        ),
    ] = None,
    field: Annotated[
        str,
        typer.Option("--field", help=N_("The title of its first Handlungsfeld.")),
    ] = "Handlungsfeld 1",
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help=N_(
                "Copy this plan directory instead (for a Fortschreibung): its files without "
                "its adopted plan; the copy is a draft until it is adopted."
            ),
            show_default=False,
        ),
    ] = None,
    requirement: Annotated[
        str | None,
        typer.Option(
            "--requirement",
            help=N_(
                "How CI installs mpi (a pip requirement); default: the git URL this mpi was "
                "installed from, else the repository variable MPI_REQUIREMENT."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    import sys

    from mpi.domain.dates import current_day
    from mpi.edit.repository import start
    from mpi.render.formats.json import schema as schema_text
    from mpi.views.schema import KINDS, build

    if source is not None:
        from mpi.cli.options import plan_directory

        source = plan_directory(source, "check")
    schemas = {kind: schema_text(build(kind)) for kind in KINDS}
    started = start(
        directory,
        title or directory.resolve().name,
        current_day().year,
        field=field,
        source=source,
        requirement=requirement,
        schemas=schemas,
    )
    where = shown(started.directory)
    said = [_("a plan repository in {directory}:").format(directory=where)]
    said += [f"  {name}" for name in started.files]
    if started.git:
        said.append(_("a git repository was made there"))
    if not started.installs:
        said.append(
            _(
                "the workflow installs mpi from the repository variable MPI_REQUIREMENT (a pip "
                "requirement such as mpi @ git+https://…): set it there, or pass --requirement"
            )
        )
    said.append(
        _(
            "next: write the plan's measures and deadlines into plan/, check them (mpi "
            "validate), then record its adoption (mpi adopt --decision TEXT)"
        )
    )
    sys.stderr.write("\n".join(said) + "\n")


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("JSON Schema of a plan file."),
        help=N_("Print the JSON Schema of a plan file, for editors and CI (see schema/)."),
    )(schema)
    app.command(
        short_help=N_("Milestones as an iCalendar file."),
        help=N_(
            "Export the milestones as an iCalendar (.ics) file to subscribe to or import.\n\n"
            "Occurrences that are late on the day of the export (or --today) are marked so."
        ),
    )(calendar)
    app.command(
        short_help=N_("Start a plan repository of your own."),
        help=N_(
            "Start a plan repository of your own (a Fortschreibung, or another plan of the "
            "same shape) in a new directory: plan/plan.yaml and a Handlungsfeld file (or, with "
            "--from, a copy of a plan), the JSON Schemas, a pre-commit hook and a GitHub "
            "workflow that run mpi validate, and a git repository. The plan is a draft until "
            "mpi adopt records its adoption."
        ),
    )(init)
