"""Changing a commitment by a decision of the partners: reschedule, retarget, drop."""

from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli import completion
from mpi.cli.editing import today, write
from mpi.cli.options import (
    DryRunOption,
    MilestoneArgument,
    OwnerArgument,
    PlanOption,
    TopOption,
    edit_dir,
    full_date,
    percent_typed,
    typed_value,
)
from mpi.domain.errors import InvalidValue, UsageError
from mpi.i18n import N_, _

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from mpi.edit.grounds import Grounds

DecisionOption = Annotated[
    str | None,
    typer.Option(
        "--decision",
        help=N_(
            "The decision's words, which identify it: a meeting of a body of the plan with "
            "its day and agenda item (Koordinierungsrunde 12.06.2026, TOP 3), a Drucksache "
            "(Drucksache 22/12345) or a decision of the Senate with its day."
        ),
        show_default=False,
    ),
]
CorrectionOption = Annotated[
    str | None,
    typer.Option(
        "--correction",
        help=N_(
            "Instead of a decision, for a value that is an editor's reading (basis: "
            "inferred): the reason the reading is corrected."
        ),
        show_default=False,
    ),
]
DecisionDateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="<date>",
        help=N_(
            "The day of the decision (25.11.2026 or 2026-11-25); default: the day its words "
            "name. A correction's day; default: today."
        ),
        show_default=False,
    ),
]


MeetingOption = Annotated[
    str | None,
    typer.Option(
        "--meeting",
        help=N_(
            "Instead of --decision: the meeting on record that decided it (its id or day, "
            "see mpi meeting), with its agenda item (--top)."
        ),
        show_default=False,
    ),
]


def _grounds(
    decision: str | None,
    correction: str | None,
    date: str | None,
    held: tuple[str | None, int | None, "Path | None"] = (None, None, None),
) -> "Grounds":
    """Why it changes; `held`: the meeting that decided it, its TOP, the plan directory."""
    from mpi.edit.grounds import Grounds

    given = full_date(date, "--date") if date is not None else None
    meeting, top, plan = held
    if meeting is not None:
        if decision is not None or correction is not None or date is not None:
            raise UsageError(
                _(
                    "--meeting names the decision and its day: leave out --decision, "
                    "--correction and --date"
                )
            )
        decision, given = _meeting_decision(meeting, top, plan)
    elif top is not None:
        raise UsageError(_("--top names an agenda item of --meeting"))
    return Grounds.of(decision, correction, given, today())


def _meeting_decision(typed: str, top: int | None, plan: "Path | None") -> "tuple[str, date]":
    """The words of a decision of a meeting on record (Koordinierungsrunde 10.03.2027, TOP 8),
    in the plan's language, and its day."""
    from mpi.cli.meetings import check_top
    from mpi.edit.transaction import loaded_plan
    from mpi.i18n import formats, speaking
    from mpi.views.meetings import body_name, find_meeting

    current = loaded_plan(edit_dir(plan)).plan
    assert current is not None
    found = find_meeting(current, typed)
    if found.date > today():
        said = _("the meeting of {day} has not taken place yet; record its decisions after it")
        raise InvalidValue("--meeting", said.format(day=formats.day(found.date)))
    number = check_top(found, top, required=bool(found.agenda))
    with speaking(current.language):
        words = f"{body_name(current, found.body)} {formats.day(found.date)}"
    return (words + f", TOP {number}" if number else words), found.date


def reschedule(
    measure: OwnerArgument,
    milestone: MilestoneArgument,
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
            autocompletion=completion.date_kinds,
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            help=N_("For a recurring milestone: jährlich (yearly) or halbjährlich (half-yearly)."),
            autocompletion=completion.frequencies,
            show_default=False,
        ),
    ] = None,
    decision: DecisionOption = None,
    meeting: MeetingOption = None,
    top: TopOption = None,
    correction: CorrectionOption = None,
    date: DecisionDateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import decisions, transaction

    grounds = _grounds(decision, correction, date, (meeting, top, plan))
    change = decisions.reschedule(milestone, new_due, grounds, kind, every)
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
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help=N_("The new target year (2035), or `permanent` (dauerhaft)."),
            show_default=False,
        ),
    ] = None,
    decision: DecisionOption = None,
    meeting: MeetingOption = None,
    top: TopOption = None,
    correction: CorrectionOption = None,
    date: DecisionDateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import decisions, transaction

    number = typed_value(value, plan)
    grounds = _grounds(decision, correction, date, (meeting, top, plan))
    change = decisions.retarget(number, _year(year), grounds, percent_typed(value))
    directory = edit_dir(plan)
    write(lambda: transaction.edit_indicator(directory, indicator, change, dry_run=dry_run))


def _year(typed: str | None) -> int | str | None:
    """A target year within the plan's bounds, or `permanent` (German: dauerhaft)."""
    if typed is None:
        return None
    word = typed.strip().casefold()
    if word in ("permanent", "dauerhaft"):
        return "permanent"
    from mpi.domain.dates import MAX_YEAR, MIN_YEAR

    if word.isascii() and word.isdigit() and MIN_YEAR <= int(word) <= MAX_YEAR:
        return int(word)
    raise InvalidValue(
        "year",
        _("{typed} is not a year ({low}-{high}) or permanent").format(
            typed=repr(typed), low=MIN_YEAR, high=MAX_YEAR
        ),
    )


def drop(
    measure: Annotated[
        str,
        typer.Argument(help=N_("Measure id, e.g. HF1.12."), autocompletion=completion.measure_ids),
    ],
    decision: DecisionOption = None,
    meeting: MeetingOption = None,
    top: TopOption = None,
    date: DecisionDateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit import decisions, transaction

    if decision is None and meeting is None:
        raise UsageError(
            _("a measure is dropped by a decision: give it with --decision or --meeting")
        )
    change = decisions.drop(_grounds(decision, None, date, (meeting, top, plan)))
    directory = edit_dir(plan)
    write(lambda: transaction.edit_measure(directory, measure, change, dry_run=dry_run))


def adopt(
    decision: DecisionOption = None,
    correction: Annotated[
        str | None,
        typer.Option(
            "--correction",
            help=N_(
                "Instead of a decision: read the adopted plan anew, where an editor's reading "
                "of the document was corrected; the reason."
            ),
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="<date>",
            help=N_(
                "The day of the decision (12.05.2028), or its year where no day is known "
                "(2023); default: the day its words name. A correction's day; default: today."
            ),
            show_default=False,
        ),
    ] = None,
    revision: Annotated[
        str | None,
        typer.Option(
            "--revision",
            metavar="<revision>",
            help=N_(
                "Take the commitments from the plan at this git revision (a tag, a commit) "
                "instead of the plan in the directory."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.cli.output import adopted
    from mpi.domain.dates import DueError, typed_due
    from mpi.edit.adopt import Request
    from mpi.edit.adopt import adopt as make

    try:
        day = typed_due(date) if date is not None else None
    except DueError as exc:
        raise InvalidValue("date", str(exc)) from None
    if (decision is None) == (correction is None):
        raise UsageError(
            _(
                "say why: the decision that adopts the plan (--decision), or, to read the "
                "adopted plan anew, the correction's reason (--correction)"
            )
        )
    request = Request(decision, correction, day, today(), revision)
    directory = edit_dir(plan)
    try:
        result = make(directory, request, dry_run=dry_run)
    except OSError as exc:
        from mpi.i18n import reason

        where = f" {exc.filename}" if exc.filename else ""
        said = _("cannot write the plan{where}: {reason}")
        raise UsageError(said.format(where=where, reason=reason(exc))) from None
    adopted(result)


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
    app.command(
        short_help=N_("Record the plan as adopted, by its decision."),
        help=N_(
            "Record the plan as adopted: every commitment (deadlines, recurring duties, "
            "targets, leads, measures and milestones) goes into adopted.yaml in the plan "
            "directory, with the decision that adopted it, and plan.yaml declares it. "
            "`mpi validate` then compares every change with it, with or without git. Run it "
            "again for the next Fortschreibung (--decision), or to correct an editor's "
            "reading of the document (--correction)."
        ),
    )(adopt)
