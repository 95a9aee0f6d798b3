"""The meetings of the plan's bodies as the round reads them: a meeting found by what a person
typed, the agenda a new meeting is proposed, its action items with their state, and its
minutes (Ergebnisprotokoll): attendance, and by agenda item the decisions taken (those in
meetings.yaml and those recorded on the plan's items that name the meeting) and the action
items given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from mpi.domain.dates import DueError, typed_day
from mpi.domain.errors import InvalidValue
from mpi.domain.meetings import Meeting, Participant, Top
from mpi.domain.model import Plan
from mpi.domain.reference import TOP, body_forms
from mpi.domain.words import fold, inner, natural_key, suggest
from mpi.i18n import _, formats, speaking
from mpi.views.decisions import DecisionRow
from mpi.views.decisions import decisions as all_decisions
from mpi.views.due import all_due, late

ActionState = Literal["open", "overdue", "done", "dropped"]


@dataclass(frozen=True)
class ActionRow:
    """An action item and where it stands on the day asked."""

    meeting: str
    day: date  # the meeting's
    number: int
    text: str
    owner: str
    due: date
    state: ActionState
    top: int | None = None
    closed: date | None = None
    note: str | None = None

    @property
    def id(self) -> str:
        return f"{self.meeting}/{self.number}"


@dataclass(frozen=True)
class AgendaRow:
    number: int
    top: Top


@dataclass(frozen=True)
class MinutesTop:
    """One agenda item in the minutes: what was decided and given under it."""

    number: int
    top: Top
    decisions: list[str] = field(default_factory=list)
    recorded: list[DecisionRow] = field(default_factory=list)  # on the plan's items
    actions: list[ActionRow] = field(default_factory=list)


@dataclass(frozen=True)
class Minutes:
    meeting: Meeting
    body: str  # its name
    title: str  # the plan's
    partners: dict[str, str]  # id -> short name
    attendance: list[Participant]
    tops: list[MinutesTop]
    unplaced: list[DecisionRow]  # decisions naming the meeting but no agenda item of it
    actions: list[ActionRow]  # every action item given, in number order
    loose: list[str] = field(default_factory=list)  # its own decisions under no agenda item


@dataclass(frozen=True)
class MeetingRow:
    """A meeting in the list (`mpi meeting list`): when and where, how far its record goes."""

    id: str
    body: str  # its name
    day: date
    time: str | None
    where: str | None  # the place, or the video conference
    chair: str | None
    tops: int
    decisions: int
    open_actions: int
    overdue_actions: int
    held: bool  # results on record


def meeting_rows(plan: Plan, today: date, body: str | None = None) -> list[MeetingRow]:
    """The meetings (of one body), by day."""
    chosen = [m for m in plan.meetings if body is None or m.body == body]
    return [
        MeetingRow(
            m.id,
            body_name(plan, m.body),
            m.date,
            m.time,
            m.place or m.video,
            m.chair,
            len(m.agenda),
            len(m.decisions),
            sum(a.status == "open" for a in m.actions),
            sum(a.overdue(today) for a in m.actions),
            m.held,
        )
        for m in sorted(chosen, key=lambda m: (m.date, m.time or "", m.id))
    ]


def body_name(plan: Plan, body: str) -> str:
    found = [b.name for b in plan.monitoring.bodies if b.id == body] if plan.monitoring else []
    return found[0] if found else body


def find_body_of_meetings(plan: Plan, typed: str) -> str:
    """The body a person named for a meeting: its id or name, or an unambiguous start."""
    bodies = plan.monitoring.bodies if plan.monitoring else []
    wanted = fold(typed.strip())[0]
    exact = [b.id for b in bodies if wanted in (b.id, fold(b.name)[0])]
    starting = [
        b.id for b in bodies if len(wanted) >= 3 and fold(f"{b.id} {b.name}")[0].find(wanted) >= 0
    ]
    found = exact or starting
    if len(found) == 1:
        return found[0]
    known = [b.id for b in bodies]
    if found:
        said = _("{body} is ambiguous: {choices}").format(
            body=repr(typed), choices=", ".join(found)
        )
        raise InvalidValue("body", said)
    said = _("unknown body {body}{hint}").format(body=repr(typed), hint=suggest(wanted, known))
    said += _(" (known: {known})").format(known=", ".join(known))
    raise InvalidValue("body", said)


def find_meeting(plan: Plan, typed: str) -> Meeting:
    """The meeting a person named: by its id, or by its day where one meeting was held then."""
    wanted = typed.strip()
    for m in plan.meetings:
        if m.id == wanted.lower():
            return m
    try:
        day = typed_day(wanted)
    except DueError:
        day = None
    on_day = [m for m in plan.meetings if m.date == day]
    if len(on_day) == 1:
        return on_day[0]
    if on_day:
        said = _("several meetings on {day}: name one ({ids})").format(
            day=formats.day(on_day[0].date), ids=", ".join(m.id for m in on_day)
        )
        raise InvalidValue("meeting", said)
    known = [m.id for m in plan.meetings]
    hint = suggest(wanted.lower(), known) if known else ""
    said = _("no meeting {meeting} is on record{hint}").format(meeting=repr(typed), hint=hint)
    if not known:
        said += _(" (record one with mpi meeting new)")
    raise InvalidValue("meeting", said)


def previous(plan: Plan, meeting: Meeting | None, body: str, day: date) -> Meeting | None:
    """The last meeting of the body before `day` (or before `meeting`)."""
    earlier = [m for m in plan.meetings if m.body == body and m.date < day and m is not meeting]
    return earlier[-1] if earlier else None


def action_rows(plan: Plan, today: date, meetings: list[Meeting] | None = None) -> list[ActionRow]:
    """The action items of the meetings (all of the plan's), in the order of their due days."""
    rows = [
        ActionRow(
            m.id,
            m.date,
            a.number,
            a.text,
            a.owner,
            a.due,
            "overdue" if a.overdue(today) else a.status,
            a.top,
            a.closed,
            a.note,
        )
        for m in (plan.meetings if meetings is None else meetings)
        for a in m.actions
    ]
    return sorted(rows, key=lambda r: (r.due, r.day, r.number))


def follow_up(
    plan: Plan, meeting: Meeting | None, body: str, day: date, today: date
) -> list[ActionRow]:
    """The action items a meeting follows up: all of the last meeting's, and those of earlier
    meetings of the body still open."""
    last = previous(plan, meeting, body, day)
    if last is None:
        return []
    earlier = [m for m in plan.meetings if m.body == body and m.date <= last.date]
    return [
        r
        for r in action_rows(plan, today, earlier)
        if r.meeting == last.id or r.state in ("open", "overdue")
    ]


def duty_words(plan: Plan, body: str) -> tuple[str, ...]:
    return body_forms(body, body_name(plan, body))


def proposed_agenda(plan: Plan, body: str, day: date, today: date) -> list[Top]:
    """The agenda a meeting of `body` on `day` is proposed, in the order such meetings use:
    opening, the last meeting's minutes and action items, a report per Handlungsfeld (who
    reports: the leads of its measures with something for the round), each recurring
    report to this body the plan asks for that falls due by then, the proposed decisions,
    other business. In the plan's language."""
    last = previous(plan, None, body, day)
    words = duty_words(plan, body)
    rows = all_due(plan, today)
    order = {p.id: i for i, p in enumerate(plan.partners)}
    leads = {m.id: m.lead for m in plan.measures()}

    def who(ids: list[str]) -> list[str]:
        found = {p for i in ids for p in leads.get(i, [])}
        return sorted(found, key=lambda p: order.get(p, len(order)))

    tops: list[Top] = []
    with speaking(plan.language):
        tops.append(Top(title=_("Welcome and adoption of the agenda"), kind="opening"))
        if last is not None:
            said = _("Minutes of the meeting of {day}").format(day=formats.day(last.date))
            tops.append(Top(title=said, kind="minutes"))
        followed = follow_up(plan, None, body, day, today)
        if followed:  # the last meeting's, and those of earlier ones still open
            owners = sorted({a.owner for a in followed}, key=lambda p: order.get(p, 0))
            tops.append(
                Top(title=_("Action items of the last meeting"), kind="actions", lead=owners)
            )
        duties: dict[tuple[str, str], Top] = {}
        for r in rows:
            text = fold(f"{r.title} {r.quote or ''}")[0]
            if not r.recurring or not r.pending or r.due.start > day:
                continue
            if not any(w in text for w in words) or r.measure is None:
                continue
            duties.setdefault(
                (r.owner, r.milestone),
                Top(
                    title=r.title,
                    kind="duty",
                    lead=who([r.measure]),
                    items=[r.measure],
                    milestone=r.milestone,
                ),
            )
        for f in plan.fields:
            current = {
                r.measure
                for r in rows
                if r.field == f.id
                and r.measure
                and (r.owner, r.milestone) not in duties  # reported under a TOP of its own
                and (late(r) or (r.pending and r.due.start <= day))
            }
            current |= {m.id for m in f.measures if m.status == "at_risk"}
            items = sorted(current, key=natural_key)
            said = _("Report on Handlungsfeld {number} „{title}“").format(
                number=f.number, title=inner(f.title)
            )
            lead = who(items) or who([m.id for m in f.measures])
            tops.append(Top(title=said, kind="report", lead=lead, items=items))
        tops += duties.values()
        tops.append(Top(title=_("Proposed decisions"), kind="decisions"))
        tops.append(Top(title=_("Any other business"), kind="other"))
    return tops


def minutes(plan: Plan, meeting: Meeting, today: date) -> Minutes:
    """The minutes of a meeting from its records."""
    names = duty_words(plan, meeting.body)
    recorded = [
        r
        for r in all_decisions(plan)
        if not r.correction
        and r.decision.date == meeting.date
        and any(w in fold(r.words)[0] for w in names)
    ]
    rows = action_rows(plan, today, [meeting])
    tops = [
        MinutesTop(
            n,
            top,
            [d.text for d in meeting.decisions if d.top == n],
            [r for r in recorded if _top_of(r.words) == n],
            [a for a in rows if a.top == n],
        )
        for n, top in enumerate(meeting.agenda, start=1)
    ]
    placed = set(range(1, len(meeting.agenda) + 1))
    order = {p.id: i for i, p in enumerate(plan.partners)}
    unplaced = [r for r in recorded if _top_of(r.words) not in placed]
    return Minutes(
        meeting,
        body_name(plan, meeting.body),
        plan.title,
        {p.id: p.short for p in plan.partners},
        sorted(meeting.attendance, key=lambda p: order.get(p.partner, len(order))),
        tops,
        unplaced,
        sorted(rows, key=lambda a: a.number),
        [d.text for d in meeting.decisions if d.top is None or d.top > len(meeting.agenda)],
    )


def _top_of(words: str) -> int | None:
    found = TOP.search(words)
    return int(found[1]) if found else None
