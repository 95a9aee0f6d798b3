"""Milestones by date: every milestone, and every occurrence of a recurring one, as a row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mpi.domain import walk
from mpi.domain.dates import Due, series
from mpi.domain.model import Milestone, Plan
from mpi.domain.walk import Place
from mpi.domain.words import natural_key
from mpi.views.lookup import find_field


@dataclass(frozen=True)
class DueRow:
    """One milestone, or one occurrence of a recurring milestone."""

    measure: str | None
    field: str | None
    owner: str  # measure id, monitoring body id, or "plan"
    milestone: str
    title: str
    due: Due
    status: str
    overdue: bool
    recurring: bool
    done: Due | None = None


def milestone_rows(place: Place, m: Milestone, plan: Plan, today: date) -> list[DueRow]:
    """The rows of one milestone: one, or one per occurrence up to the recurrence's end."""
    measure = place.measure.id if place.measure else None
    field_id = place.field.id if place.field else None
    if m.recurrence is None:
        assert m.due is not None  # a valid plan gives each milestone a due date or a recurrence
        overdue = m.status == "open" and m.due.end < today
        return [
            DueRow(
                measure,
                field_id,
                place.owner,
                m.id,
                m.title,
                m.due,
                m.status,
                overdue,
                False,
                m.done,
            )
        ]
    r = m.recurrence
    rows = []
    for occurrence in series(r.start, r.every, r.end, plan.horizon):
        held = r.last_done is not None and occurrence.end <= r.last_done.end
        status = "done" if held or m.status == "done" else m.status
        rows.append(
            DueRow(
                measure,
                field_id,
                place.owner,
                m.id,
                m.title,
                occurrence,
                status,
                status == "open" and occurrence.end < today,
                True,
                r.last_done if held else None,
            )
        )
    return rows


def all_due(plan: Plan, today: date) -> list[DueRow]:
    """Every milestone occurrence of the plan, in date order."""
    rows: list[DueRow] = []
    for place, m in walk.milestones(plan, plan.fields):
        rows += milestone_rows(place, m, plan, today)
    return sorted(rows, key=lambda r: (r.due.end, natural_key(r.owner), r.milestone))


@dataclass(frozen=True)
class DueQuery:
    """Which milestones to list: at most one of year, before, within (a last day), overdue."""

    year: int | None = None
    before: Due | None = None
    until: date | None = None  # from today up to and including this day
    overdue: bool = False
    include_done: bool = False
    field: str | None = None
    soon: date | None = None  # overdue, or due from today up to and including this day


def select_due(plan: Plan, query: DueQuery, today: date) -> list[DueRow]:
    """Milestones chosen by the query (open ones unless `include_done`), in date order."""
    if query.field is not None:
        find_field(plan, query.field)
    rows = all_due(plan, today)
    if query.field is not None:
        rows = [r for r in rows if r.field == query.field.upper()]
    if not query.include_done:
        rows = [r for r in rows if r.status == "open"]
    if query.year is not None:
        rows = [r for r in rows if r.due.year == query.year]
    if query.before is not None:
        limit = query.before.start
        rows = [r for r in rows if r.due.end < limit]
    if query.until is not None:
        horizon = query.until
        rows = [r for r in rows if today <= r.due.end and r.due.start <= horizon]
    if query.overdue:
        rows = [r for r in rows if r.overdue]
    if query.soon is not None:
        soon = query.soon
        rows = [r for r in rows if r.overdue or (today <= r.due.end and r.due.start <= soon)]
    return rows
