"""One screen of the plan: measures by status per field, open and overdue milestones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from mpi.domain.model import Plan
from mpi.views.due import DueRow, all_due


@dataclass
class FieldStatus:
    id: str
    title: str
    measures: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    open_milestones: int = 0
    overdue_milestones: int = 0
    next_due: DueRow | None = None


@dataclass
class StatusSummary:
    title: str
    today: date
    fields: list[FieldStatus]
    totals: FieldStatus
    next_deadlines: list[DueRow]
    plan_overdue: int = 0


def status(plan: Plan, today: date, upcoming: int = 5) -> StatusSummary:
    """Per field: measures by status, open and overdue milestones, the next deadline."""
    rows = all_due(plan, today)
    summaries = []
    totals = FieldStatus("total", "Gesamt")
    for f in plan.fields:
        s = FieldStatus(f.id, f.title, len(f.measures), Counter(m.status for m in f.measures))
        field_rows = [r for r in rows if r.field == f.id and r.status == "open"]
        s.overdue_milestones = len({(r.owner, r.milestone) for r in field_rows if r.overdue})
        s.open_milestones = len(_count_open(field_rows, today))
        s.next_due = next((r for r in field_rows if r.due.end >= today), None)
        summaries.append(s)
        totals.measures += s.measures
        totals.by_status.update(s.by_status)
        totals.open_milestones += s.open_milestones
        totals.overdue_milestones += s.overdue_milestones
    plan_rows = [r for r in rows if r.field is None and r.status == "open"]
    totals.open_milestones += len(_count_open(plan_rows, today))
    plan_overdue = len({(r.owner, r.milestone) for r in plan_rows if r.overdue})
    totals.overdue_milestones += plan_overdue
    future = [r for r in rows if r.status == "open" and r.due.end >= today]
    totals.next_due = future[0] if future else None
    return StatusSummary(plan.title, today, summaries, totals, future[:upcoming], plan_overdue)


def _count_open(rows: list[DueRow], today: date) -> list[tuple[str, str]]:
    """Open milestones, counting a recurring one once (not each future occurrence)."""
    keys = {(r.owner, r.milestone) for r in rows if not r.recurring}
    keys |= {
        (r.owner, r.milestone) for r in rows if r.recurring and (r.overdue or r.due.end >= today)
    }
    return sorted(keys)
