"""Changing a commitment by a decision of the partners: reschedule, retarget, drop."""

from typing import Annotated

import typer

from mpi.cli import completion
from mpi.cli.editing import today, write
from mpi.cli.options import (
    DryRunOption,
    MilestoneArgument,
    OwnerArgument,
    PlanOption,
    edit_dir,
    full_date,
)
from mpi.domain.errors import InvalidValue
from mpi.i18n import N_, _

DecisionOption = Annotated[
    str,
    typer.Option(
        "--decision",
        help=N_(
            "The decision's words: the round and its agenda item (Koordinierungsrunde "
            "12.06.2026, TOP 3) or a Drucksache number."
        ),
        show_default=False,
    ),
]
DecisionDateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help=N_("The day of the decision (25.11.2026 or 2026-11-25); default: today."),
        show_default=False,
    ),
]


def reschedule(
    measure: OwnerArgument,
    milestone: MilestoneArgument,
    decision: DecisionOption,
    new_due: Annotated[
        str | None,
        typer.Argument(
            help=N_(
                "The new deadline (2032, 06.2032, 2032-06); for a recurring milestone its last "
                "occurrence. Without it, the deadline stays (change --kind or --every)."
            ),
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help=N_("How the new date reads: bis (by), ab (from), voraussichtlich (expected)."),
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            help=N_("For a recurring milestone: jährlich (yearly) or halbjährlich (half-yearly)."),
            show_default=False,
        ),
    ] = None,
    date: DecisionDateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import decisions, transaction

    day = full_date(date, "--date")
    change = decisions.reschedule(milestone, new_due, decision, day, today(), kind, every)
    directory = edit_dir(plan)
    write(lambda: transaction.edit_owner(directory, measure, change, dry_run=dry_run))


def retarget(
    indicator: Annotated[
        str,
        typer.Argument(
            help=N_("Indicator id, e.g. elektrolyseur-leistung."),
            autocompletion=completion.indicator_ids,
        ),
    ],
    value: Annotated[str, typer.Argument(help=N_("The new target value, e.g. 80."))],
    decision: DecisionOption,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help=N_("The new target year (2035), or `permanent` (dauerhaft)."),
            show_default=False,
        ),
    ] = None,
    date: DecisionDateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import decisions, mutations, transaction

    number = mutations.parse_value(value)
    change = decisions.retarget(number, _year(year), decision, full_date(date, "--date"), today())
    directory = edit_dir(plan)
    write(lambda: transaction.edit_indicator(directory, indicator, change, dry_run=dry_run))


def _year(typed: str | None) -> int | str | None:
    """A target year: 1900 to 2100, or `permanent` (German: dauerhaft)."""
    if typed is None:
        return None
    word = typed.strip().casefold()
    if word in ("permanent", "dauerhaft"):
        return "permanent"
    if word.isascii() and word.isdigit() and 1900 <= int(word) <= 2100:
        return int(word)
    raise InvalidValue(
        "year", _("{typed} is not a year (1900-2100) or permanent").format(typed=repr(typed))
    )


def drop(
    measure: Annotated[
        str,
        typer.Argument(help=N_("Measure id, e.g. HF1.12."), autocompletion=completion.measure_ids),
    ],
    decision: DecisionOption,
    date: DecisionDateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import decisions, transaction

    change = decisions.drop(decision, full_date(date, "--date"), today())
    directory = edit_dir(plan)
    write(lambda: transaction.edit_measure(directory, measure, change, dry_run=dry_run))


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("Move a deadline by a decision of the partners."),
        help=N_(
            "Move a milestone's deadline by a decision of the partners: the new date, the "
            "decision record (--decision, --date) and a log entry, written together. "
            "`mpi validate` then reads the postponement as approved.\n\n"
            "For a recurring milestone NEW_DUE is its last occurrence; --every changes how "
            "often it recurs."
        ),
    )(reschedule)
    app.command(
        short_help=N_("Change an indicator's target by a decision."),
        help=N_(
            "Change an indicator's target value (and with --year its year) by a decision of the "
            "partners: the new target, the decision record and a log entry, written together."
        ),
    )(retarget)
    app.command(
        short_help=N_("Drop a measure by a decision."),
        help=N_(
            "Drop a measure by a decision of the partners: status dropped, the decision record "
            "and a log entry, written together."
        ),
    )(drop)
