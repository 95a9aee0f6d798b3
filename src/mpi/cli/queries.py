"""Read-only questions: status, list, show, due, timeline."""

from __future__ import annotations

from typing import Annotated

import typer

from mpi.cli import completion
from mpi.cli.options import PlanOption, TodayOption, format_option, full_date, valid_plan
from mpi.cli.output import emit
from mpi.domain.errors import UsageError


def status(
    plan: PlanOption = None,
    format: Annotated[str, format_option("status")] = "text",
    today: TodayOption = None,
) -> None:
    """One screen: measures by status per Handlungsfeld, milestones, next deadlines."""
    from mpi.views.status import status as summary

    day = full_date(today, "--today")
    emit(format, "status", summary(valid_plan(plan), day))


def list_measures(
    plan: PlanOption = None,
    format: Annotated[str, format_option("measures")] = "text",
    field: Annotated[str | None, typer.Option("--field", help="Handlungsfeld, e.g. HF1.")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="planned, in_progress, ongoing, done, …",
            autocompletion=completion.statuses,
        ),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            help="Partner id (bwi, hk, ivh, dgb).",
            autocompletion=completion.partner_ids,
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Tag, e.g. Wasserstoff.")] = None,
    goal: Annotated[str | None, typer.Option("--goal", help="Goal id, e.g. HF1.II.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Text to find (case and umlauts ignored).")
    ] = None,
    today: TodayOption = None,
) -> None:
    """List measures, filtered, in natural id order (HF1.2 before HF1.10)."""
    from mpi.views.measures import MeasureFilter, list_measures

    flt = MeasureFilter(field, status, partner, tag, goal, search)
    day = full_date(today, "--today")
    emit(format, "measures", list_measures(valid_plan(plan), flt, day))


def show(
    measure: Annotated[
        str,
        typer.Argument(
            help="Measure id (HF1.10), `plan`, or a monitoring body (evaluation).",
            autocompletion=completion.owner_ids,
        ),
    ],
    plan: PlanOption = None,
    format: Annotated[str, format_option("measure")] = "text",
    today: TodayOption = None,
) -> None:
    """Everything about one measure: text, goals, partners, milestones, indicators, log.

    `mpi show plan` shows the plan's own milestones (the 2045 horizon), `mpi show evaluation`
    (or another body of Dialog und Monitoring) that body's text, milestones and log.
    """
    from mpi.views.lookup import PLAN, find_body, find_owner
    from mpi.views.measures import measure_detail
    from mpi.views.milestones import owner_detail

    day = full_date(today, "--today")
    loaded = valid_plan(plan)
    owner = find_owner(loaded, measure)
    if owner == PLAN or find_body(loaded, owner) is not None:
        emit(format, "body", owner_detail(loaded, owner, day))
    else:
        emit(format, "measure", measure_detail(loaded, owner, day))


def due(
    owner: Annotated[
        str | None,
        typer.Argument(
            help="Only this measure, `plan` or monitoring body (evaluation).",
            autocompletion=completion.owner_ids,
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    format: Annotated[str, format_option("due")] = "text",
    year: Annotated[int | None, typer.Option("--year", help="Due in this year.")] = None,
    before: Annotated[
        str | None, typer.Option("--before", help="Due before this date (2030, 2030-06, …).")
    ] = None,
    within: Annotated[
        str | None, typer.Option("--within", help="Due from today within a span: 30d, 6m, 2y.")
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue", help="Open and past a `bis` date (delayed ones: without options)."
        ),
    ] = False,
    all: Annotated[bool, typer.Option("--all", help="Include done and missed ones.")] = False,
    field: Annotated[str | None, typer.Option("--field", help="Handlungsfeld, e.g. HF1.")] = None,
    today: TodayOption = None,
) -> None:
    """Milestones by date; recurring ones expand into their occurrences.

    Without --year, --before, --within or --overdue: what is late (overdue, or delayed past a
    "voraussichtlich" date) and what falls due in the next 12 months. --all alone lists
    everything, done and missed included. OWNER limits it to one measure, `plan` or a body.
    """
    from mpi.domain.dates import Due, DueError, add_span, parse_span
    from mpi.views.due import DueQuery, select_due

    chosen = [
        name
        for name, value in (
            ("--year", year),
            ("--before", before),
            ("--within", within),
            ("--overdue", overdue),
        )
        if value
    ]
    if len(chosen) > 1:
        raise UsageError(
            f"choose one of --year, --before, --within, --overdue (got {' and '.join(chosen)})"
        )
    if overdue and all:
        raise UsageError("--overdue lists open milestones only; drop --all")
    if year is not None and not 1900 <= year <= 2100:
        raise UsageError(f"--year {year} is outside 1900-2100")
    day = full_date(today, "--today")
    try:
        limit = Due.parse(before) if before is not None else None
    except DueError as exc:
        raise UsageError(f"--before: {exc}") from None
    try:
        until = add_span(day, *parse_span(within)) if within is not None else None
    except DueError as exc:
        raise UsageError(f"--within: {exc}") from None
    soon = add_span(day, 12, "m") if not chosen and not all else None
    query = DueQuery(year, limit, until, overdue, all, field, soon, owner)
    emit(format, "due", select_due(valid_plan(plan), query, day))


def timeline(
    plan: PlanOption = None,
    format: Annotated[str, format_option("timeline")] = "text",
    today: TodayOption = None,
) -> None:
    """The milestones year by year from the plan's adoption to its horizon."""
    from mpi.views.timeline import timeline as years

    day = full_date(today, "--today")
    emit(format, "timeline", years(valid_plan(plan), day))


def register(app: typer.Typer) -> None:
    app.command(short_help="Measures and deadlines on one screen.")(status)
    app.command("list", short_help="List measures, filtered.")(list_measures)
    app.command(short_help="Everything about one measure.")(show)
    app.command(short_help="Milestones by date (default: overdue, next 12 months).")(due)
    app.command(short_help="The milestones year by year.")(timeline)
