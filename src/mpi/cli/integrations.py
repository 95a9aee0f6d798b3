"""Integrations with other tools: the JSON Schema for editors and CI, the iCalendar export."""

from typing import Annotated

import typer

from mpi.cli.options import (
    OutputOption,
    PlanOption,
    TodayOption,
    choice,
    full_date,
    valid_plan,
)
from mpi.cli.output import emit
from mpi.i18n import N_
from mpi.views.schema import KINDS


def schema(
    kind: Annotated[
        str,
        typer.Argument(
            click_type=choice(KINDS),
            help=N_("field: a Handlungsfeld file (the default); plan: plan.yaml."),
            show_default=False,
        ),
    ] = "field",
) -> None:
    from mpi.views.schema import build

    emit("json", "schema", build(kind))


def calendar(
    output: OutputOption = None, plan: PlanOption = None, today: TodayOption = None
) -> None:
    from mpi.views.calendar import calendar as entries
    from mpi.views.calendar import utc_now

    day = full_date(today, "--today")
    emit("ics", "calendar", entries(valid_plan(plan), utc_now(), day), output)


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
