"""The progress report for the coordination round, as plain data from the other views.

The markdown and html formats draw it; nothing here formats text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mpi.domain.dates import add_span
from mpi.domain.model import Plan
from mpi.views.decisions import DecisionRow, decisions
from mpi.views.diff import Change, names, titles, units
from mpi.views.due import DueQuery, MilestoneLine, all_due, collapse, select_due
from mpi.views.indicators import IndicatorRow, all_indicators
from mpi.views.lookup import find_partner
from mpi.views.made_from import MadeFrom
from mpi.views.measures import MeasureFilter, MeasureRow, list_measures
from mpi.views.status import StatusSummary, status

UPCOMING_MONTHS = 12  # how far ahead "upcoming milestones" looks


@dataclass(frozen=True)
class IndicatorLine:
    """An indicator with its measure and the span a chart of it should cover."""

    measure: str
    row: IndicatorRow
    low: float
    high: float

    def share(self, value: float) -> float:
        """Where `value` lies between `low` (0.0) and `high` (1.0) on the chart's axis."""
        return (value - self.low) / (self.high - self.low)


@dataclass(frozen=True)
class Report:
    """Everything `mpi report` shows, in the order it shows it."""

    title: str
    today: date
    summary: StatusSummary
    measures: list[MeasureRow]  # every measure, in field and natural id order
    overdue: list[MilestoneLine]
    delayed: list[MilestoneLine]  # "voraussichtlich" dates that passed
    missed: list[MilestoneLine]  # deadlines recorded as missed
    upcoming: list[MilestoneLine]
    indicators: list[IndicatorLine]
    since: str | None = None  # the git revision changes are counted from
    changes: list[Change] | None = None
    made_from: MadeFrom | None = None  # what it was made from
    leads: tuple[str, ...] = ()  # a partner's own report: the measures it leads
    partners: dict[str, str] = field(default_factory=dict)  # id -> short name
    decisions: list[DecisionRow] = field(default_factory=list)  # every one on record
    names: dict[str, str] = field(default_factory=dict)  # measures and fields by id: titles
    titles: dict[tuple[str, str], str] = field(default_factory=dict)  # milestones, indicators
    units: dict[tuple[str, str], str] = field(default_factory=dict)


def indicator_line(measure: str, row: IndicatorRow) -> IndicatorLine:
    """The indicator with an axis from zero (or the lowest value) past its largest value."""
    ind = row.indicator
    values = [ind.target.value, *(v.value for v in ind.values)]
    if ind.baseline:
        values.append(ind.baseline.value)
    low, high = min(0.0, *values), max(0.0, *values)
    if high == low:
        high = low + 1.0
    return IndicatorLine(measure, row, low, high)


def build(
    plan: Plan,
    today: date,
    since: str | None = None,
    changes: list[Change] | None = None,
    *,
    leads: tuple[str, ...] = (),
    made_from: MadeFrom | None = None,
) -> Report:
    """Assemble the report; `changes` is the semantic diff since revision `since`, if asked.
    With `leads`, a partner's own report: everything counted from the measures it leads (the
    plan level, led by nobody, left out)."""
    led = {find_partner(plan, p, "lead") for p in leads}
    whole = plan
    if led:
        fields = [
            f.model_copy(update={"measures": [m for m in f.measures if led.intersection(m.lead)]})
            for f in plan.fields
        ]
        plan = plan.model_copy(update={"fields": fields, "milestones": [], "monitoring": None})
        mine = {m.id for m in plan.measures()}
        changes = None if changes is None else [c for c in changes if c.subject in mine]
    rows = all_due(plan, today)
    until = add_span(today, UPCOMING_MONTHS, "m")
    upcoming = select_due(plan, DueQuery(until=until), today)
    indicators = [indicator_line(row.measure, row) for row in all_indicators(plan, today)]
    return Report(
        title=whole.title,
        today=today,
        summary=status(plan, today),
        measures=list_measures(plan, MeasureFilter(), today),
        overdue=collapse([r for r in rows if r.overdue]),
        delayed=collapse([r for r in rows if r.delayed]),
        missed=collapse([r for r in rows if r.status == "missed"]),
        upcoming=collapse(upcoming),
        indicators=indicators,
        since=since,
        changes=changes,
        made_from=made_from,
        leads=tuple(p.id for p in whole.partners if p.id in led),
        partners={p.id: p.short for p in whole.partners},
        decisions=decisions(plan),
        names=names(whole),
        titles=titles(whole),
        units=units(whole),
    )
