"""The plan year by year: what falls due in each year, from the earliest dated item (done
events before the adoption, such as the FabCity accession in 2019, included) to the horizon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mpi.domain import walk
from mpi.domain.model import Plan
from mpi.domain.types import Recurrence
from mpi.views.due import DueRow, all_due


@dataclass(frozen=True)
class TimelineYear:
    year: int
    milestones: list[DueRow]  # non-recurring milestones due this year
    recurring: list[DueRow]  # occurrences of recurring milestones this year


@dataclass(frozen=True)
class Timeline:
    years: list[TimelineYear]
    today: date
    series: list[tuple[DueRow, Recurrence]]  # each recurring milestone: its first row


def timeline(plan: Plan, today: date) -> Timeline:
    """Every year from the earliest deadline (or the adoption) to the horizon, with its rows."""
    rows = all_due(plan, today)
    first = min([plan.adopted, *(r.due.year for r in rows)])
    years = []
    for year in range(first, plan.horizon + 1):
        this = [r for r in rows if r.due.year == year]
        years.append(
            TimelineYear(
                year, [r for r in this if not r.recurring], [r for r in this if r.recurring]
            )
        )
    series: dict[tuple[str, str], tuple[DueRow, Recurrence]] = {}
    for place, m in walk.milestones(plan, plan.fields):
        if m.recurrence is not None:
            key = (place.owner, m.id)
            row = next((r for r in rows if (r.owner, r.milestone) == key), None)
            if row is not None:
                series[key] = (row, m.recurrence)
    return Timeline(years, today, list(series.values()))
