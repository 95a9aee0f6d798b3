"""Integrations with other tools: the JSON Schema for editors and CI, the iCalendar export,
and a plan repository of one's own with its CI (`mpi init`)."""

from pathlib import Path
from typing import Annotated

import typer

from mpi.cli.options import (
    FieldsOption,
    LeadOption,
    OutputOption,
    PlanOption,
    TodayOption,
    choice_option,
    full_date,
    load,
    several,
)
from mpi.cli.output import emit, shown
from mpi.domain.errors import UsageError
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
    output: OutputOption = None,
) -> None:
    from mpi.views.schema import build

    emit(None, SCHEMA, build(kind), output)


def calendar(
    output: OutputOption = None,
    plan: PlanOption = None,
    field: FieldsOption = None,
    lead: LeadOption = None,
    alarm: Annotated[
        str | None,
        typer.Option(
            "--alarm",
            metavar="<span>",
            help=N_("A reminder this long before each deadline (30d, 4w)."),
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    from mpi.cli.publish import field_id
    from mpi.loading.checkout import last_changed
    from mpi.loading.load import require_plan
    from mpi.views.calendar import calendar as entries
    from mpi.views.lookup import find_partner
    from mpi.views.made_from import files_read

    day = full_date(today, "--today")
    days = _days(alarm)
    loaded = load(plan)
    current = require_plan(loaded)
    fields = tuple(field_id(current, f) for f in several(field))
    leads = tuple(find_partner(current, p, "lead") for p in several(lead))
    stamp = last_changed(loaded.directory, files_read(loaded))
    view = entries(current, stamp, day, fields=fields, leads=leads, alarm=days)
    emit(None, CALENDAR, view, output)


def _days(alarm: str | None) -> int | None:
    """`--alarm 30d` or `4w` in days; a calendar's reminder has no months or years."""
    from mpi.cli.options import span

    if alarm is None:
        return None
    wrong = UsageError(
        _("--alarm: {value} is not a span of days or weeks (30d, 4w)").format(value=repr(alarm))
    )
    try:
        count, unit = span(alarm, "--alarm") or (0, "")
    except UsageError:
        raise wrong from None
    if unit not in ("d", "w") or count < 1:
        raise wrong
    return count * (7 if unit == "w" else 1)


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
            "Occurrences that are late on the day of the export (or --today) are marked so. "
            "--field and --lead give a Handlungsfeld's or a partner's own calendar, --alarm "
            "adds a reminder. Each event's DTSTAMP is when the plan last changed (its last "
            "commit), so a calendar made again from an unchanged plan on the same day has the "
            "same bytes."
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
