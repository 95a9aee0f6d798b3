"""One screen of the plan: measures by status per field, open milestones, late deadlines.

The counts say what they count: `open_milestones` counts milestones (a recurring one once,
while it has open occurrences), `overdue`, `delayed` and `missed` count deadlines (each
occurrence of a recurring milestone on its own), exactly the rows `mpi due` lists.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from mpi.domain.model import Plan
from mpi.views.due import DueRow, MilestoneLine, all_due, collapse


@dataclass
class FieldStatus:
    id: str
    title: str
    measures: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    open_milestones: int = 0
    overdue: int = 0  # overdue deadlines
    delayed: int = 0  # deadlines given as "voraussichtlich" that passed
    missed: int = 0  # deadlines recorded as missed
    overdue_milestones: int = 0  # distinct milestones with an overdue deadline
    next_due: DueRow | None = None

    def add(self, rows: list[DueRow], today: date) -> None:
        """Count the deadlines `rows` (of this field, the plan level, or all for the totals)
        and take the first open one from `today` on as the next deadline."""
        self.open_milestones += len({(r.owner, r.milestone) for r in rows if r.pending})
        self.overdue += sum(r.overdue for r in rows)
        self.delayed += sum(r.delayed for r in rows)
        self.missed += sum(r.state == "missed" for r in rows)
        self.overdue_milestones += len({(r.owner, r.milestone) for r in rows if r.overdue})
        ahead = (r for r in rows if r.pending and r.due.end >= today)
        self.next_due = next(ahead, self.next_due)


@dataclass
class StatusSummary:
    title: str
    today: date
    fields: list[FieldStatus]
    totals: FieldStatus
    next_deadlines: list[DueRow]
    late: list[MilestoneLine]  # overdue and delayed deadlines, a recurring milestone once
    plan_level: FieldStatus  # the plan's own milestones and those of Dialog und Monitoring
    as_of: date | None = None  # the plan as committed on this day (--as-of)
    read_on: date | None = None  # the day the plan was read (today's plan, seen from `today`)
    missed: list[MilestoneLine] = field(default_factory=list)  # recorded missed, shown first


def status(
    plan: Plan,
    today: date,
    upcoming: int = 5,
    *,
    as_of: date | None = None,
    read_on: date | None = None,
    due: list[DueRow] | None = None,
) -> StatusSummary:
    """Per field: measures by status, open milestones, late deadlines, the next deadline;
    `as_of` and `read_on` say which plan it was made from (see `StatusSummary`); `due`:
    `all_due(plan, today)` where the caller has it already."""
    rows = all_due(plan, today) if due is None else due
    summaries = []
    totals = FieldStatus("total", "Gesamt")
    for f in plan.fields:
        s = FieldStatus(f.id, f.title, len(f.measures), Counter(m.status for m in f.measures))
        s.add([r for r in rows if r.field == f.id], today)
        summaries.append(s)
        totals.measures += s.measures
        totals.by_status.update(s.by_status)
    plan_level = FieldStatus("plan", "Plan, Dialog und Monitoring")
    plan_level.add([r for r in rows if r.field is None], today)
    totals.add(rows, today)
    future = [r for r in rows if r.pending and r.due.end >= today]
    late = collapse([r for r in rows if r.state in ("overdue", "delayed")])
    missed = collapse([r for r in rows if r.state == "missed"])
    return StatusSummary(
        plan.title,
        today,
        summaries,
        totals,
        future[:upcoming],
        late,
        plan_level,
        as_of,
        read_on,
        missed,
    )
