"""The status request to one partner (`mpi form --lead PARTNER`): the measures it leads with
their status and latest note, their open and overdue deadlines (each occurrence of a recurring
one on its own), their indicators with the latest value; and what the workbook was made from,
so that `mpi import` can tell the plan, the partner and whether a measure changed since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mpi.domain.dates import Due, add_span
from mpi.domain.exchange import fingerprint, plan_identity
from mpi.domain.model import Plan, Update
from mpi.domain.partners import match
from mpi.views.due import DueRow, all_due, late
from mpi.views.indicators import IndicatorRow, indicator_row


@dataclass(frozen=True)
class MeasureLine:
    id: str
    title: str
    status: str
    latest: Update | None


@dataclass(frozen=True)
class DeadlineLine:
    measure: str
    milestone: str
    title: str
    due: Due
    occurrence: str  # as `mpi milestone --occurrence` takes it; "" for a single deadline
    overdue: bool


@dataclass(frozen=True)
class Form:
    plan: str  # the plan's title and year: which plan it was made for
    partner: str  # id
    partner_name: str
    made_on: date
    made_from: str  # what the workbook was made from, in words (commit, cut-off)
    measures: list[MeasureLine]
    deadlines: list[DeadlineLine]
    indicators: list[IndicatorRow]
    fingerprints: dict[str, str]  # measure id -> its state when the workbook was made


def _askable(row: DueRow, today: date, ahead: date) -> bool:
    """A deadline to ask about: late, or due within a year (a recurring one's occurrence
    only once its period has begun: it cannot be recorded before), and not one of those
    "ab" (from) dates that lie ahead."""
    if late(row):
        return True
    if row.recurring:
        return row.due.start <= today <= row.due.end
    return today <= row.due.end and row.due.start <= ahead


def form(plan: Plan, typed: str, today: date, made_from: str) -> Form:
    partner = match(plan.partners, typed, "lead")
    name = next(p.short or p.name for p in plan.partners if p.id == partner)
    led = [m for m in plan.measures() if partner in m.lead]
    ids = {m.id for m in led}
    measures = [
        MeasureLine(m.id, m.title, m.status, max(m.updates, key=lambda u: u.date, default=None))
        for m in led
    ]
    ahead = add_span(today, 12, "m")  # what falls due before the round after next
    deadlines = [
        DeadlineLine(
            r.owner,
            r.milestone,
            r.title,
            r.due,
            r.due.iso() if r.recurring else "",
            late(r),
        )
        for r in all_due(plan, today)
        if r.owner in ids and r.pending and _askable(r, today, ahead)
    ]
    indicators = [indicator_row(i, m.id) for m in led for i in m.indicators]
    return Form(
        plan_identity(plan),
        partner,
        name,
        today,
        made_from,
        measures,
        deadlines,
        indicators,
        {m.id: fingerprint(m) for m in led},
    )
