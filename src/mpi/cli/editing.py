"""Recording progress without hand-editing YAML: set, milestone, record, note."""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli import completion
from mpi.cli.options import (
    ByOption,
    DateOption,
    DryRunOption,
    MilestoneArgument,
    OwnerArgument,
    PlanOption,
    edit_dir,
    full_date,
    percent_typed,
    typed_value,
)
from mpi.cli.output import edit_result
from mpi.domain.errors import InvalidValue, UsageError
from mpi.i18n import N_, _, reason

if TYPE_CHECKING:
    from mpi.edit.transaction import EditResult

NoteOption = Annotated[str | None, typer.Option("--note", help=N_("Text for the updates log."))]


def write(edit: "Callable[[], EditResult]") -> None:
    """Run an edit; a file system error is one line naming the file, not a traceback."""
    try:
        result = edit()
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        said = _("cannot write the plan{where}: {reason}")
        raise UsageError(said.format(where=where, reason=reason(exc))) from None
    edit_result(result)


def set_status(
    measure: Annotated[
        str,
        typer.Argument(help=N_("Measure id, e.g. HF1.10."), autocompletion=completion.measure_ids),
    ],
    status: Annotated[
        str,
        typer.Option(
            "--status",
            help=N_(
                "The new status. In progress: a project with an end, begun; ongoing: a "
                "standing duty or an activity that continues, with no end."
            ),
            autocompletion=completion.statuses,
        ),
    ],
    note: NoteOption = None,
    date: DateOption = None,
    by: ByOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import mutations, transaction

    change = mutations.set_status(status, note, full_date(date, "--date"), today(), measure)
    directory = edit_dir(plan)
    write(lambda: transaction.edit_measure(directory, measure, change, dry_run=dry_run, by=by))


def milestone(
    measure: OwnerArgument,
    milestone: MilestoneArgument,
    state: Annotated[
        str,
        typer.Argument(
            help=N_("done, open or missed."), autocompletion=completion.milestone_states
        ),
    ],
    occurrence: Annotated[
        str | None,
        typer.Option(
            "--occurrence",
            metavar="<date>",
            help=N_("Which occurrence of a recurring milestone (2026-12, 2026)."),
            show_default=False,
        ),
    ] = None,
    note: NoteOption = None,
    date: DateOption = None,
    by: ByOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import mutations, transaction

    day = full_date(date, "--date")
    change = mutations.set_milestone(milestone, state, day, today(), note, occurrence)
    directory = edit_dir(plan)
    write(lambda: transaction.edit_owner(directory, measure, change, dry_run=dry_run, by=by))


def record_value(
    indicator: Annotated[
        str,
        typer.Argument(
            help=N_("Indicator id, e.g. bahnanteil-gueterverkehr."),
            autocompletion=completion.indicator_ids,
        ),
    ],
    value: Annotated[str, typer.Argument(help=N_("The measured value, e.g. 19.5."))],
    source: Annotated[
        str | None, typer.Option("--source", help=N_("Where the value is from."))
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="<date>",
            help=N_(
                "The period the value refers to (2025: the annual figure; 06.2025); --date is "
                "the day it was published or recorded."
            ),
            show_default=False,
        ),
    ] = None,
    date: DateOption = None,
    by: ByOption = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help=N_("Replace the value already recorded for this period (a correction)."),
        ),
    ] = False,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.domain.dates import DueError, typed_due
    from mpi.edit import mutations, transaction

    number = typed_value(value, plan)
    try:
        refers = typed_due(period) if period is not None else None
    except DueError as exc:
        raise InvalidValue("period", str(exc)) from None
    day = full_date(date, "--date")
    percent = percent_typed(value)
    change = mutations.record_value(number, day, source, today(), refers, replace, percent)
    directory = edit_dir(plan)
    write(lambda: transaction.edit_indicator(directory, indicator, change, dry_run=dry_run, by=by))


def note(
    measure: Annotated[
        str,
        typer.Argument(
            help=N_("Measure id (HF2.8), `plan`, or a monitoring body (evaluation)."),
            autocompletion=completion.owner_ids,
        ),
    ],
    text: Annotated[str, typer.Argument(help=N_("The note for the updates log."))],
    date: DateOption = None,
    by: ByOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import mutations, transaction

    change = mutations.add_note(text, full_date(date, "--date"), today())
    directory = edit_dir(plan)
    write(lambda: transaction.edit_owner(directory, measure, change, dry_run=dry_run, by=by))


def today() -> date:
    from mpi.domain.dates import current_day

    return current_day()


def register(app: typer.Typer) -> None:
    app.command(
        "set",
        short_help=N_("Change a measure's status."),
        help=N_("Change a measure's status and log it."),
    )(set_status)
    app.command(
        short_help=N_("Mark a milestone (or an occurrence) done, missed, open."),
        help=N_(
            "Mark a milestone done (with its date), missed, or open again.\n\n"
            "A recurring milestone is recorded occurrence by occurrence: --occurrence names "
            "one; without it, done or missed takes the one occurrence past its date that is "
            "not recorded (refusing with a list when there are several), or else the next "
            "one."
        ),
    )(milestone)
    app.command(
        "record",
        short_help=N_("Record a value of an indicator."),
        help=N_("Record a measured value of an indicator."),
    )(record_value)
    app.command(
        short_help=N_("Add a dated note to a measure, the plan or a body."),
        help=N_("Add a dated note to a measure's updates log."),
    )(note)
