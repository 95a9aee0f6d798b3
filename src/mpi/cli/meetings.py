"""`mpi meeting`: the meetings of the plan's bodies, recorded without hand-editing YAML: a new
meeting with its proposed agenda, its attendance, decisions and action items, an action item
closed; and its minutes (Ergebnisprotokoll) in Markdown, HTML or Word."""

from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli import completion
from mpi.cli.editing import today, write
from mpi.cli.options import (
    DateOption,
    DryRunOption,
    OutputOption,
    PlanOption,
    TodayOption,
    TopOption,
    edit_dir,
    format_option,
    full_date,
    load,
)
from mpi.cli.output import emit
from mpi.cli.usage import placeholder
from mpi.domain.errors import InvalidValue, UsageError
from mpi.i18n import N_, _, formats
from mpi.render.registry import MEETINGS, MINUTES

if TYPE_CHECKING:
    from pathlib import Path

    from mpi.domain.meetings import Meeting
    from mpi.domain.model import Plan

MeetingArgument = Annotated[
    str,
    typer.Argument(
        help=N_("The meeting: its id (koordinierungsrunde-2027-03-10) or its day (10.03.2027)."),
        show_default=False,
    ),
]


def _plan(directory: "Path") -> "Plan":
    from mpi.edit.transaction import loaded_plan

    plan = loaded_plan(directory).plan
    assert plan is not None
    return plan


def _meeting(plan: "Plan", typed: str) -> "Meeting":
    from mpi.views.meetings import find_meeting

    return find_meeting(plan, typed)


def _partner(plan: "Plan", typed: str, what: str) -> str:
    from mpi.views.lookup import find_partner

    return find_partner(plan, typed, what)


def check_top(meeting: "Meeting", top: int | None, required: bool) -> int | None:
    if top is None:
        if required:
            raise UsageError(_("say under which agenda item: --top N"))
        return None
    if not 1 <= top <= len(meeting.agenda):
        said = _("TOP {number} is not on the agenda of that meeting ({count} items)")
        raise InvalidValue("--top", said.format(number=top, count=len(meeting.agenda)))
    return top


def new(
    body: Annotated[
        str,
        typer.Argument(
            help=N_("The body that meets: koordinierungsrunde, task-force, arbeitsgruppen, …"),
            autocompletion=completion.owner_ids,
        ),
    ],
    day: Annotated[str, typer.Argument(help=N_("Its day (10.06.2027 or 2027-06-10)."))],
    time: Annotated[
        str | None, typer.Option("--time", help=N_("Its time (10:00 or 10:00-12:00)."))
    ] = None,
    place: Annotated[str | None, typer.Option("--place", help=N_("Where it meets."))] = None,
    video: Annotated[
        str | None, typer.Option("--video", help=N_("A video conference: its name or link."))
    ] = None,
    chair: Annotated[str | None, typer.Option("--chair", help=N_("Who chairs it."))] = None,
    invite: Annotated[
        list[str] | None,
        typer.Option(
            "--invite",
            help=N_(
                'Who is invited: a partner, or "partner=Name, function" for a person; '
                "repeated (default: every partner)."
            ),
            show_default=False,
        ),
    ] = None,
    agenda: Annotated[
        bool,
        typer.Option(
            "--agenda/--no-agenda",
            help=N_("Write the proposed agenda (Tagesordnung) from the plan as it stands."),
        ),
    ] = True,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit.meetings import NewMeeting, create
    from mpi.views.meetings import find_body_of_meetings, proposed_agenda

    directory = edit_dir(plan)
    current = _plan(directory)
    found = find_body_of_meetings(current, body)
    when = full_date(day, placeholder("day").upper())
    people: dict[str, list[str]] = {}
    for typed in invite or [p.id for p in current.partners]:
        who, _sep, name = typed.partition("=")
        names = people.setdefault(_partner(current, who, "--invite"), [])
        if name.strip():
            names.append(name.strip())
    tops = proposed_agenda(current, found, when, today()) if agenda else []
    request = NewMeeting(
        f"{found}-{when.isoformat()}",
        found,
        when,
        time,
        place,
        video,
        chair,
        tuple(people.items()),
        tuple(tops),
    )
    write(lambda: create(directory, request, dry_run=dry_run))


def attend(
    meeting: MeetingArgument,
    partner: Annotated[
        str, typer.Argument(help=N_("The partner (dgb, Handelskammer, …)."), show_default=False)
    ],
    names: Annotated[
        list[str] | None,
        typer.Argument(help=N_('Who took part for it ("Name, function").'), show_default=False),
    ] = None,
    excused: Annotated[
        bool, typer.Option("--excused", help=N_("The partner sent apologies."))
    ] = False,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit.meetings import attend as record

    directory = edit_dir(plan)
    current = _plan(directory)
    found = _meeting(current, meeting)
    who = _partner(current, partner, "partner")
    write(lambda: record(directory, found.id, who, names or [], excused, dry_run=dry_run))


def decide(
    meeting: MeetingArgument,
    text: Annotated[str, typer.Argument(help=N_("The decision's words."))],
    top: TopOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit.meetings import decide as record

    directory = edit_dir(plan)
    found = _meeting(_plan(directory), meeting)
    number = check_top(found, top, required=bool(found.agenda))
    write(lambda: record(directory, found.id, number, text, dry_run=dry_run))


def action(
    meeting: MeetingArgument,
    text: Annotated[str, typer.Argument(help=N_("What is to be done."))],
    owner: Annotated[
        str, typer.Option("--owner", help=N_("The partner who is to do it."), show_default=False)
    ],
    due: Annotated[
        str,
        typer.Option(
            "--due", metavar="<date>", help=N_("By when (30.09.2027)."), show_default=False
        ),
    ],
    top: TopOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit.meetings import give_action

    directory = edit_dir(plan)
    current = _plan(directory)
    found = _meeting(current, meeting)
    who = _partner(current, owner, "--owner")
    by = full_date(due, "--due")
    number = check_top(found, top, required=False)
    write(lambda: give_action(directory, found.id, text, who, by, number, dry_run=dry_run))


def done(
    meeting: MeetingArgument,
    number: Annotated[int, typer.Argument(help=N_("The action item's number."))],
    dropped: Annotated[
        bool,
        typer.Option("--dropped", help=N_("Not done: it was dropped.")),
    ] = False,
    note: Annotated[
        str | None,
        typer.Option("--note", help=N_("How it was done, or why it was dropped.")),
    ] = None,
    date: DateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit.meetings import close_action

    directory = edit_dir(plan)
    found = _meeting(_plan(directory), meeting)
    day = full_date(date, "--date")
    status = "dropped" if dropped else "done"
    if dropped and not (note or "").strip():
        raise UsageError(_("say why it was dropped: --note"))
    write(lambda: close_action(directory, found.id, number, status, day, note, dry_run=dry_run))


def minutes(
    meeting: MeetingArgument,
    format: Annotated[str | None, format_option(MINUTES)] = None,
    output: OutputOption = None,
    on: TodayOption = None,
    plan: PlanOption = None,
) -> None:

    from mpi.loading.load import require_plan
    from mpi.views.meetings import minutes as build

    current = require_plan(load(plan))
    found = _meeting(current, meeting)
    day = full_date(on, "--today")
    if found.date > day:
        said = _(
            "the meeting of {day} has not taken place yet: its invitation is mpi round "
            "--meeting {id}"
        )
        raise InvalidValue("meeting", said.format(day=formats.day(found.date), id=found.id))
    view = build(current, found, day)
    emit(format, MINUTES, view, output)


def list_meetings(
    body: Annotated[
        str | None,
        typer.Option("--body", help=N_("Only the meetings of this body."), show_default=False),
    ] = None,
    format: Annotated[str | None, format_option(MEETINGS, file=False)] = None,
    on: TodayOption = None,
    plan: PlanOption = None,
) -> None:
    from mpi.loading.load import require_plan
    from mpi.views.meetings import find_body_of_meetings, meeting_rows

    current = require_plan(load(plan))
    chosen = find_body_of_meetings(current, body) if body is not None else None
    emit(format, MEETINGS, meeting_rows(current, full_date(on, "--today"), chosen))


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        name="meeting",
        short_help=N_("Meetings of the plan's bodies and what they decided."),
        help=N_(
            "The meetings of the plan's bodies (Koordinierungsrunde, Task Force, working "
            "groups), kept in meetings.yaml: a new meeting with the agenda proposed from the "
            "plan, then its attendance, decisions and action items, and its minutes. A "
            "decision that changes the plan is recorded on the item with --meeting "
            "(mpi reschedule, retarget, drop)."
        ),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    group.command("list", short_help=N_("The meetings on record, by day."))(list_meetings)
    group.command(short_help=N_("Record a new meeting with its proposed agenda."))(new)
    group.command(short_help=N_("Record who took part for a partner."))(attend)
    group.command(short_help=N_("Record a decision under an agenda item."))(decide)
    group.command(short_help=N_("Record an action item for a partner."))(action)
    group.command(short_help=N_("Close an action item: done or dropped."))(done)
    group.command(short_help=N_("The minutes (Ergebnisprotokoll) of a meeting."))(minutes)
    app.add_typer(group)
