"""The plan's milestones as calendar entries: one per milestone, a recurring one as a series.

The ics format draws them (one VEVENT each, a series as an RRULE), so deadlines show up in
everyone's calendar. Each entry carries its deadlines with their state on the day the
calendar is made (`domain.deadlines`), so an overdue occurrence is overdue there as in
`mpi due`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mpi.domain import walk
from mpi.domain.dates import Due
from mpi.domain.items import Milestone
from mpi.domain.model import Measure, Plan
from mpi.domain.walk import Place
from mpi.views.due import DueRow, milestone_rows


@dataclass(frozen=True)
class Entry:
    """A milestone in the calendar; `occurrences` is empty for a one-off milestone."""

    owner: str  # measure id, monitoring body id, or "plan" (as in `mpi due`)
    label: str  # what the event's summary starts with
    field: str | None
    measure: Measure | None
    milestone: Milestone
    first: Due
    until: Due
    deadlines: list[DueRow]  # one, or one per occurrence, with its state on `today`
    today: date
    cancelled: bool
    until_horizon: bool = False  # a series without an end of its own runs to the horizon

    @property
    def occurrences(self) -> list[Due]:
        """The occurrences of a recurring milestone; empty for a one-off milestone."""
        return [r.due for r in self.deadlines if r.recurring]


@dataclass(frozen=True)
class CalendarView:
    title: str
    stamp: datetime  # UTC: every event's DTSTAMP (when the plan last changed)
    today: date  # the day the states of the deadlines are taken on
    entries: list[Entry]
    partners: dict[str, str] = field(default_factory=dict)  # short names by id
    alarm: int | None = None  # days before each deadline a reminder goes off
    only: tuple[str, ...] = ()  # what it is limited to (Handlungsfelder, partners), as named


def entry(plan: Plan, place: Place, m: Milestone, today: date) -> Entry | None:
    """The calendar entry of one milestone; None for a series that ends before it starts."""
    label = place.body.name if place.body else place.owner if place.measure else "Plan"
    rows = milestone_rows(place, m, plan, today)
    if not rows:
        return None
    first = rows[0].due
    until = (m.recurrence.end or Due.parse(plan.horizon)) if m.recurrence else first
    cancelled = m.status == "missed" or (
        place.measure is not None and place.measure.status == "dropped"
    )
    return Entry(
        place.owner,
        label,
        place.field.id if place.field else None,
        place.measure,
        m,
        first,
        until,
        rows,
        today,
        cancelled,
        m.recurrence is not None and m.recurrence.end is None,
    )


def calendar(
    plan: Plan,
    stamp: datetime,
    today: date,
    *,
    fields: tuple[str, ...] = (),
    leads: tuple[str, ...] = (),
    alarm: int | None = None,
    entries: list[Entry] | None = None,
) -> CalendarView:
    """The calendar of the plan's milestones; with `fields` or `leads`, only the measures'
    of those Handlungsfelder and led by those partners (the plan's own and its bodies'
    milestones are in the whole plan's calendar). `entries`: every milestone's entry, made
    once by `all_entries` for calendars made together."""
    every = all_entries(plan, today) if entries is None else entries
    kept = [e for e in every if _wanted(e, fields, leads)]
    names = {p.id: p.short or p.name for p in plan.partners}
    only = (*fields, *(names.get(p, p) for p in leads))
    return CalendarView(plan.title, stamp, today, kept, names, alarm, only)


def all_entries(plan: Plan, today: date) -> list[Entry]:
    """The calendar entry of every milestone of the plan, in plan order."""
    places = walk.milestones(plan, plan.fields)
    made = [entry(plan, place, m, today) for place, m in places]
    return [e for e in made if e is not None]


def _wanted(e: Entry, fields: tuple[str, ...], leads: tuple[str, ...]) -> bool:
    if not fields and not leads:
        return True
    if e.measure is None:
        return False
    led = bool(set(e.measure.lead) & set(leads))
    return (not fields or e.field in fields) and (not leads or led)
