"""The plan's milestones as calendar entries: one per milestone, a recurring one as a series.

The ics format draws them (one VEVENT each, a series as an RRULE), so deadlines show up in
everyone's calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from mpi.domain import walk
from mpi.domain.dates import Due, series
from mpi.domain.model import Measure, Milestone, Plan
from mpi.domain.walk import Place


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
    occurrences: list[Due]
    cancelled: bool
    until_horizon: bool = False  # a series without an end of its own runs to the horizon


@dataclass(frozen=True)
class CalendarView:
    title: str
    stamp: datetime  # UTC: every event's DTSTAMP
    entries: list[Entry]


def entry(plan: Plan, place: Place, m: Milestone) -> Entry | None:
    """The calendar entry of one milestone; None for a series that ends before it starts."""
    label = place.body.name if place.body else place.owner if place.measure else "Plan"
    occurrences: list[Due] = []
    if m.recurrence is not None:
        r = m.recurrence
        occurrences = series(r.start, r.every, r.end, plan.horizon)
        if not occurrences:
            return None
        first, until = occurrences[0], r.end or Due.parse(plan.horizon)
    else:
        assert m.due is not None  # a valid plan gives each milestone a due date or a recurrence
        first = until = m.due
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
        occurrences,
        cancelled,
        m.recurrence is not None and m.recurrence.end is None,
    )


def calendar(plan: Plan, stamp: datetime) -> CalendarView:
    entries = [entry(plan, place, m) for place, m in walk.milestones(plan, plan.fields)]
    return CalendarView(plan.title, stamp, [e for e in entries if e is not None])


def utc_now() -> datetime:
    """Now in UTC to the second: the DTSTAMP of a calendar made now."""
    return datetime.now(UTC).replace(microsecond=0)
