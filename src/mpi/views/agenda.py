"""What the round decides on (`Item`, `Decision`, why: `Reason`), and the briefing for a
meeting on record (`mpi round --meeting`): which meeting it is for, its agenda (Tagesordnung)
with who reports, the action items it follows up, and for each item to decide a proposed
decision (Beschlussvorschlag) with its options and the mpi command that records each.
Commands are argument lists; a word in braces is for the reader to fill in (`{date}`,
`{value}`, `{text}`, `{day}`, `{top}`): the renderer words it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from mpi.domain.meetings import Meeting
from mpi.domain.model import Measure, Plan, Update
from mpi.views.diff import Change
from mpi.views.due import DueRow
from mpi.views.meetings import ActionRow, AgendaRow, body_name, follow_up, previous

Command = tuple[str, ...]

Reason = Literal[
    "overdue_without_note",
    "delayed_without_note",
    "missed",
    "at_risk",
    "stale",
    "weakened_without_decision",  # a deadline or target weakened since the adoption, undecided
    "action_overdue",  # an action item of an earlier meeting past its due day
]


@dataclass(frozen=True)
class Item:
    """Something the round looks at: a measure, the plan level or a monitoring body, with who
    leads it, its log and what was last noted about it."""

    id: str  # a measure id, `plan` or a body's id
    title: str
    section: str  # the Handlungsfeld it belongs to, or PLAN_LEVEL
    lead: tuple[str, ...]  # partner ids
    latest: Update | None  # the latest updates entry
    log: tuple[Update, ...] = ()
    names: tuple[str, ...] = ()  # its milestones' titles and indicators' names


@dataclass(frozen=True)
class Decision:
    """An item the round has to decide on, and why."""

    item: Item
    reason: Reason
    row: DueRow | None = None  # the deadline concerned (overdue, delayed, missed)
    occurrences: int = 1  # how many deadlines of that milestone the row stands for
    since: date | None = None  # stale: the day it became stale
    change: Change | None = None  # weakened without decision: the change
    action: ActionRow | None = None  # an action item past its due day


@dataclass(frozen=True)
class Option:
    """One way to decide: `postpone`, `done`, `missed`, `drop`, `retarget`, `note`,
    `approve`, `restore`, `action_done`, `action_dropped`, `action_renewed`; and the command
    that records it (empty where none does)."""

    kind: str
    command: Command = ()


@dataclass(frozen=True)
class Proposal:
    decision: Decision
    options: tuple[Option, ...]


@dataclass(frozen=True)
class MeetingPart:
    meeting: Meeting
    body: str  # its name
    previous: Meeting | None
    agenda: list[AgendaRow]
    actions: list[ActionRow]  # the action items it follows up
    decisions_top: int | None  # the agenda item of the proposed decisions
    proposals: list[Proposal]


def part(plan: Plan, meeting: Meeting, today: date, leads: tuple[str, ...]) -> MeetingPart:
    """The meeting's part of the briefing, without proposals (`propose` adds them)."""
    actions = follow_up(plan, meeting, meeting.body, meeting.date, today)
    if leads:
        actions = [a for a in actions if a.owner in leads]
    rows = [AgendaRow(n, t) for n, t in enumerate(meeting.agenda, start=1)]
    top = next((r.number for r in rows if r.top.kind == "decisions"), None)
    return MeetingPart(
        meeting,
        body_name(plan, meeting.body),
        previous(plan, meeting, meeting.body, meeting.date),
        rows,
        actions,
        top,
        [],
    )


def propose(plan: Plan, found: MeetingPart, decisions: list[Decision]) -> list[Proposal]:
    """For each item to decide, the options and the commands that record them."""
    by_measure = {m.id: m for m in plan.measures()}
    top = str(found.decisions_top) if found.decisions_top else "{top}"  # the reader's choice
    held = ("--meeting", found.meeting.id) + (("--top", top) if found.meeting.agenda else ())
    out = []
    for d in decisions:
        measure = by_measure.get(d.item.id)
        options = _options(d, measure, found, held)
        recurring = d.row is not None and d.row.recurring
        if measure is not None and d.action is None and not recurring and d.change is None:
            options.append(Option("drop", ("mpi", "drop", d.item.id, *held)))
        if d.action is None:
            options.append(Option("note", ("mpi", "note", d.item.id, "{text}")))
        out.append(Proposal(d, tuple(options)))
    return out


def _options(
    d: Decision, measure: Measure | None, found: MeetingPart, held: Command
) -> list[Option]:
    """What the round may decide on one item, by why it is on the agenda: an action item
    done, dropped or renewed; a weakening approved or undone; an occurrence done or missed;
    a deadline postponed or missed; a measure at risk postponed or its target changed."""
    owner, row = d.item.id, d.row
    if d.action is not None:
        a = d.action
        close = ("mpi", "meeting", "done", a.meeting, str(a.number))
        renew = ("mpi", "meeting", "action", found.meeting.id, "{text}", "--owner", a.owner)
        return [
            Option("action_done", (*close, "--note", "{text}")),
            Option("action_dropped", (*close, "--dropped", "--note", "{text}")),
            Option("action_renewed", (*renew, "--due", "{day}")),
        ]
    if d.reason == "weakened_without_decision" and d.change is not None:
        c = d.change
        command: Command = ()
        if c.what == "milestone" and c.item:
            command = ("mpi", "reschedule", c.subject, c.item, "{date}", *held)
        elif c.what == "indicator" and c.item:
            command = ("mpi", "retarget", c.item, "{value}", *held)
        return [Option("approve", command), Option("restore")]
    if row is not None and row.recurring and d.reason != "missed":
        mark = ("mpi", "milestone", owner, row.milestone)
        occurrence = ("--occurrence", str(row.due.yaml_value()))
        return [
            Option("done", (*mark, "done", *occurrence)),
            Option("missed", (*mark, "missed", *occurrence)),
        ]
    if row is not None:
        options = [Option("postpone", ("mpi", "reschedule", owner, row.milestone, "{date}", *held))]
        if d.reason != "missed":
            options.append(Option("missed", ("mpi", "milestone", owner, row.milestone, "missed")))
        return options
    options = []
    if measure is not None:  # at risk
        ahead = [m for m in measure.milestones if m.status == "open" and m.due and not m.context]
        if ahead:
            options.append(
                Option("postpone", ("mpi", "reschedule", owner, ahead[0].id, "{date}", *held))
            )
        if measure.indicators:
            first = measure.indicators[0].id
            options.append(Option("retarget", ("mpi", "retarget", first, "{value}", *held)))
    return options
