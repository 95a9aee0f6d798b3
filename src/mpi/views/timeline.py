"""The plan year by year: what falls due in each year from adoption to the horizon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mpi.domain.model import Plan
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


def timeline(plan: Plan, today: date) -> Timeline:
    """Every year from the plan's adoption to its horizon with what falls due in it."""
    rows = all_due(plan, today)
    years = []
    for year in range(plan.adopted, plan.horizon + 1):
        this = [r for r in rows if r.due.year == year]
        years.append(
            TimelineYear(
                year, [r for r in this if not r.recurring], [r for r in this if r.recurring]
            )
        )
    return Timeline(years, today)
