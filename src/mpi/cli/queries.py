"""Read-only questions: status, list, show, due, timeline."""

from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli import completion, hints
from mpi.cli.options import (
    AsOfOption,
    FieldsOption,
    LeadOption,
    OutputOption,
    PlanOption,
    StaleOption,
    TodayOption,
    format_option,
    full_date,
    several,
    span,
    valid_plan,
)
from mpi.cli.output import emit
from mpi.domain.errors import UsageError
from mpi.i18n import N_, _
from mpi.render.registry import BODY, DUE, INDICATORS, MEASURE, MEASURES, STATUS, TIMELINE

if TYPE_CHECKING:
    from datetime import date

    from mpi.views.due import DueRow


def status(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(STATUS)] = None,
    output: OutputOption = None,
    today: TodayOption = None,
    as_of: AsOfOption = None,
) -> None:
    from mpi.domain.dates import current_day
    from mpi.views.status import status as summary

    if as_of is None:
        day = full_date(today, "--today")
        emit(format, STATUS, summary(valid_plan(plan), day, read_on=current_day()), output)
        return
    from mpi.cli.options import plan_as_of, plan_directory
    from mpi.loading.load import load_plan, require_plan

    with plan_as_of(plan_directory(plan, "check"), as_of) as (read_from, source):
        assert source is not None
        day = full_date(today, "--today") if today else source[2]
        read = require_plan(load_plan(read_from))
    emit(format, STATUS, summary(read, day, as_of=source[2]), output)


def list_measures(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(MEASURES)] = None,
    output: OutputOption = None,
    field: FieldsOption = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help=N_(
                "planned, in progress, ongoing, done, at risk, dropped; repeated, any of them. "
                "In progress: a project with an end, begun; ongoing: a standing duty or an "
                "activity that continues, with no end."
            ),
            autocompletion=completion.statuses,
            show_default=False,
        ),
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            help=N_(
                "A partner leading or involved: its id, short name or name; repeated, any of them."
            ),
            autocompletion=completion.partner_ids,
            show_default=False,
        ),
    ] = None,
    lead: LeadOption = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", help=N_("Tag, e.g. Wasserstoff; repeated, any of them."), show_default=False
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal", help=N_("Goal id, e.g. HF1.II; repeated, any of them."), show_default=False
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            help=N_(
                "Words to find, all of them, anywhere in the measure and in any order; each "
                "in any form and inside compound words (grüner Wasserstoff finds grünem "
                "Wasserstoff, Flächen finds Industriefläche); case and umlauts ignored."
            ),
        ),
    ] = None,
    stale: StaleOption = None,
    today: TodayOption = None,
) -> None:
    from mpi.views.measures import MeasureFilter, list_measures

    for word in several(status):
        hints.not_a_measure_status(word)
    flt = MeasureFilter(
        fields=several(field),
        statuses=several(status),
        partners=several(partner),
        tags=several(tag),
        goals=several(goal),
        search=search,
        leads=several(lead),
        stale=span(stale, "--stale"),
    )
    day = full_date(today, "--today")
    emit(format, MEASURES, list_measures(valid_plan(plan), flt, day), output)


def show(
    measure: Annotated[
        str,
        typer.Argument(
            help=N_("Measure id (HF1.10), `plan`, or a monitoring body (evaluation)."),
            autocompletion=completion.owner_ids,
        ),
    ],
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(MEASURE, file=False)] = None,
    today: TodayOption = None,
) -> None:
    from mpi.views.lookup import PLAN, find_body, find_owner
    from mpi.views.measures import measure_detail
    from mpi.views.milestones import owner_detail

    day = full_date(today, "--today")
    loaded = valid_plan(plan)
    owner = find_owner(loaded, measure)
    if owner == PLAN or find_body(loaded, owner) is not None:
        emit(format, BODY, owner_detail(loaded, owner, day))
    else:
        emit(format, MEASURE, measure_detail(loaded, owner, day))


def due(
    owner: Annotated[
        str | None,
        typer.Argument(
            help=N_("Only this measure, `plan` or monitoring body (evaluation)."),
            autocompletion=completion.owner_ids,
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(DUE)] = None,
    output: OutputOption = None,
    year: Annotated[int | None, typer.Option("--year", help=N_("Due in this year."))] = None,
    before: Annotated[
        str | None,
        typer.Option(
            "--before", metavar="<date>", help=N_("Due before this date (2030, 2030-06, …).")
        ),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within", metavar="<span>", help=N_("Due from today within a span: 30d, 6m, 2y.")
        ),
    ] = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue", help=N_("Open and past a `bis` date (delayed ones: without options).")
        ),
    ] = False,
    all: Annotated[
        bool,
        typer.Option("--all", help=N_("Include done ones (missed ones are listed without it).")),
    ] = False,
    field: FieldsOption = None,
    lead: LeadOption = None,
    today: TodayOption = None,
) -> None:
    from mpi.domain.dates import DueError, add_span, parse_span, typed_due
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
            _("choose one of --year, --before, --within, --overdue (got {options})").format(
                options=_(" and ").join(chosen)
            )
        )
    if overdue and all:
        raise UsageError(_("--overdue lists open milestones only; drop --all"))
    from mpi.domain.dates import MAX_YEAR, MIN_YEAR

    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            _("--year {year} is outside {low}-{high}").format(
                year=year, low=MIN_YEAR, high=MAX_YEAR
            )
        )
    day = full_date(today, "--today")
    try:
        limit = typed_due(before) if before is not None else None
    except DueError as exc:
        raise UsageError(f"--before: {exc}") from None
    try:
        until = add_span(day, *parse_span(within)) if within is not None else None
    except DueError as exc:
        raise UsageError(f"--within: {exc}") from None
    soon = add_span(day, 12, "m") if not chosen and not all else None
    query = DueQuery(year, limit, until, overdue, all, several(field), soon, owner, several(lead))
    rows = select_due(valid_plan(plan), query, day)
    if until is not None:
        _overlapping(rows, until)
    emit(format, DUE, rows, output)


def _overlapping(rows: "list[DueRow]", until: "date") -> None:
    """Say where --within lists deadlines of a year or a month that only begins within the
    span (bis 2027 in the next six months): listed, as they may need work now, but not due."""
    from mpi.cli.output import notice
    from mpi.i18n import formats, ngettext

    beyond = [r for r in rows if r.due.end > until]
    if not beyond:
        return
    said = ngettext(
        "{count} deadline listed is a year or a month that begins within the span but ends "
        "after {day} ({due}): listed, though not due by then",
        "{count} deadlines listed are a year or a month that begins within the span but ends "
        "after {day} (the first: {due}): listed, though not due by then",
        len(beyond),
    )
    notice(said.format(count=len(beyond), day=formats.day(until), due=formats.due(beyond[0].due)))


def indicators(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(INDICATORS)] = None,
    output: OutputOption = None,
    field: FieldsOption = None,
    lead: LeadOption = None,
    today: TodayOption = None,
) -> None:
    from mpi.views.indicators import select_indicators

    day = full_date(today, "--today")
    rows = select_indicators(valid_plan(plan), several(field), several(lead), day)
    emit(format, INDICATORS, rows, output)


def timeline(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(TIMELINE, file=False)] = None,
    today: TodayOption = None,
) -> None:
    from mpi.views.timeline import timeline as years

    day = full_date(today, "--today")
    emit(format, TIMELINE, years(valid_plan(plan), day))


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("Measures and deadlines on one screen."),
        help=N_("One screen: measures by status per Handlungsfeld, milestones, next deadlines."),
    )(status)
    app.command(
        "list",
        short_help=N_("List measures, filtered."),
        help=N_("List measures, filtered, in natural id order (HF1.2 before HF1.10)."),
    )(list_measures)
    app.command(
        short_help=N_("Everything about one measure."),
        help=N_(
            "Everything about one measure: text, goals, partners, milestones, indicators, "
            "log.\n\n"
            "`mpi show plan` shows the plan's own milestones (the 2045 horizon), `mpi show "
            "evaluation` (or another body of Dialog und Monitoring) that body's text, "
            "milestones and log."
        ),
    )(show)
    app.command(
        short_help=N_("Milestones by date (default: overdue, next 12 months)."),
        help=N_(
            "Milestones by date; recurring ones expand into their occurrences.\n\n"
            "Without --year, --before, --within or --overdue: what was missed, what is late "
            '(overdue, or delayed past a "voraussichtlich" date) and what falls due in the '
            "next 12 months. --all alone lists everything, done included. OWNER limits "
            "it to one measure, `plan` or a body."
        ),
    )(due)
    app.command(
        short_help=N_("Each indicator against its target."),
        help=N_(
            "Each indicator against its target: baseline, latest value, target, and an "
            "assessment by Eurostat's method for the EU SDG indicators (the actual annual "
            "growth against the growth the target needs: on track, moderate or insufficient "
            "progress, moving away, or not assessable and why; docs/indicators.md)."
        ),
    )(indicators)
    app.command(
        short_help=N_("The milestones year by year."),
        help=N_(
            "The milestones year by year, from the earliest (what the document reports from "
            "before the plan, such as 2019) to the plan's horizon."
        ),
    )(timeline)
