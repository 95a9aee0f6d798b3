"""Indicators against their targets: `mpi indicators`, and the indicator rows of `show`, the
report and the round (domain.assessment has the method)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mpi.domain.assessment import Assessment, assess
from mpi.domain.dates import Due
from mpi.domain.items import Indicator
from mpi.domain.model import Plan
from mpi.domain.words import natural_key


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator, the measure it belongs to, and how it stands against its target."""

    indicator: Indicator
    assessment: Assessment
    measure: str = ""
    field: str = ""
    lead: tuple[str, ...] = ()

    @property
    def last_value(self) -> float | None:
        latest = self.assessment.latest
        return None if latest is None else latest.value

    @property
    def last_date(self) -> date | None:
        latest = self.assessment.latest
        return None if latest is None else latest.date

    @property
    def last_period(self) -> Due | None:
        """The period the latest value refers to, where it names one."""
        latest = self.assessment.latest
        return None if latest is None else latest.period

    @property
    def on_track(self) -> bool | None:
        """Whether the latest value meets the target in its direction (None: no value)."""
        return self.assessment.target_met


def indicator_row(
    ind: Indicator,
    measure: str = "",
    field: str = "",
    lead: tuple[str, ...] = (),
    day: date | None = None,
) -> IndicatorRow:
    """The indicator as it stood on `day` (the values recorded up to it; None: all)."""
    if day is not None and any(v.date > day for v in ind.values):
        ind = ind.model_copy(update={"values": [v for v in ind.values if v.date <= day]})
    return IndicatorRow(ind, assess(ind), measure, field, lead)


def all_indicators(plan: Plan, day: date | None = None) -> list[IndicatorRow]:
    """Every indicator of the plan as it stood on `day`, in the order of its measures
    (natural id order)."""
    rows = [
        indicator_row(i, m.id, f.id, tuple(m.lead), day)
        for f in plan.fields
        for m in f.measures
        for i in m.indicators
    ]
    return sorted(rows, key=lambda r: natural_key(r.measure))


def select_indicators(
    plan: Plan, fields: tuple[str, ...] = (), leads: tuple[str, ...] = (), day: date | None = None
) -> list[IndicatorRow]:
    """The indicators of measures in any of `fields` led by any of `leads` (none: all), as
    they stood on `day`."""
    from mpi.views.lookup import find_field, find_partner

    wanted_fields = {find_field(plan, f).id for f in fields}
    wanted_leads = {find_partner(plan, p, "lead") for p in leads}
    return [
        row
        for row in all_indicators(plan, day)
        if (not wanted_fields or row.field in wanted_fields)
        and (not wanted_leads or wanted_leads.intersection(row.lead))
    ]
