"""An indicator against its target, by the method Eurostat uses for the EU SDG indicators with
quantitative targets (also Open SDG's): the actual compound annual growth rate from the
baseline to the latest value, against the rate required to reach the target in its year
from the baseline. The ratio of the two decides:

    ratio >= 95 %      on track
    60 % <= ratio < 95 %   moderate progress
    0 <= ratio < 60 %  insufficient progress
    ratio < 0          moving away

    CAGR(actual)   = (latest / baseline) ** (1 / (t - t0)) - 1
    CAGR(required) = (target / baseline) ** (1 / (T - t0)) - 1

An "at most" target (a falling quantity) needs no special case: both rates are negative when
it falls, and their ratio is positive. Where a compound rate is not defined or means nothing
(a baseline, latest value or target of zero or below: from or to zero a compound rate is
infinite or -100 %), mpi compares average annual changes instead, in the
indicator's unit per year (`method` "linear"), and says so. Years: t0 is the baseline's year,
t the year of the latest value, T the target year (annual statistics: a value stands for its
year: the period it refers to, `--period 2025`, or else the day it was recorded). A target
already met is on track, whatever the rates. A baseline the document gives only as a bound
("mehr als 46 Prozent") gives no rate: the true baseline moves both rates, so only a target
met can be concluded. docs/indicators.md has the method, its reference and the cases mpi
adds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from mpi.domain.items import Indicator, Reading

Category = Literal["on_track", "moderate", "insufficient", "moving_away", "not_assessable"]
CATEGORIES: tuple[Category, ...] = (
    "on_track",
    "moderate",
    "insufficient",
    "moving_away",
    "not_assessable",
)
# Why a category was given where the ratio alone does not say it (machine words).
Reason = Literal[
    "no_baseline",
    "no_target_year",
    "permanent_target",
    "no_value",
    "no_value_after_baseline",
    "target_year_not_after_baseline",
    "target_met",
    "baseline_met_target",
    "baseline_bound",
]
ON_TRACK = 0.95
MODERATE = 0.60


@dataclass(frozen=True)
class Assessment:
    """The assessment and every number it was made from."""

    category: Category
    reason: Reason | None = None  # why, where the ratio does not say it
    method: Literal["compound", "linear"] | None = None
    actual_rate: float | None = None  # per year: a fraction (compound) or units (linear)
    required_rate: float | None = None
    ratio: float | None = None  # actual_rate / required_rate
    latest: Reading | None = None  # the latest recorded value
    years: int | None = None  # t - t0: from the baseline year to the latest value's year
    target_years: int | None = None  # T - t0
    target_met: bool | None = None  # the latest value meets the target in its direction


def meets(value: float, indicator: Indicator) -> bool:
    """Whether `value` meets the indicator's target in its direction."""
    target = indicator.target.value
    return value >= target if indicator.direction == "at_least" else value <= target


def category(ratio: float) -> Category:
    """The category of a ratio of actual to required growth."""
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= MODERATE:
        return "moderate"
    if ratio >= 0:
        return "insufficient"
    return "moving_away"


def latest_reading(indicator: Indicator) -> Reading | None:
    """The latest value: of the latest period it refers to (its date where it names none);
    of two for one period, the one recorded later (of two on one day, the one listed later)."""
    if not indicator.values:
        return None
    return max(reversed(indicator.values), key=lambda r: (r.refers_to.end, r.date))


def rates(
    baseline: float, latest: float, target: float, years: int, target_years: int
) -> tuple[Literal["compound", "linear"], float, float]:
    """The actual and the required annual rate, compound where it is defined."""
    if baseline > 0 and latest > 0 and target > 0:
        actual = (latest / baseline) ** (1 / years) - 1
        required = (target / baseline) ** (1 / target_years) - 1
        return "compound", actual, required
    return "linear", (latest - baseline) / years, (target - baseline) / target_years


def assess(indicator: Indicator) -> Assessment:
    """The indicator's latest value against its target (see the module's description)."""
    latest = latest_reading(indicator)
    met = None if latest is None else meets(latest.value, indicator)
    base, target = indicator.baseline, indicator.target
    unassessed = Assessment("not_assessable", latest=latest, target_met=met)
    if base is None:
        return replace(unassessed, reason="no_baseline")
    if target.year is None:
        return replace(unassessed, reason="no_target_year")
    if target.year == "permanent":
        return replace(unassessed, reason="permanent_target")
    target_years = target.year - base.year
    if target_years <= 0:
        return replace(unassessed, reason="target_year_not_after_baseline")
    unassessed = replace(unassessed, target_years=target_years)
    if base.bound is not None and not met:  # the rates depend on the baseline not known
        years = latest.refers_to.year - base.year if latest else None
        return replace(unassessed, reason="baseline_bound", years=years)
    if latest is None:
        return replace(unassessed, reason="no_value")
    years = latest.refers_to.year - base.year
    if years <= 0:
        return replace(unassessed, reason="no_value_after_baseline")
    method, actual, required = rates(base.value, latest.value, target.value, years, target_years)
    measured = replace(
        unassessed, method=method, actual_rate=actual, required_rate=required, years=years
    )
    if met:
        ratio = actual / required if required else None
        return replace(measured, category="on_track", reason="target_met", ratio=ratio)
    direction = 1 if indicator.direction == "at_least" else -1
    if required * direction <= 0:  # the baseline met the target: holding it was the task
        return replace(measured, category="moving_away", reason="baseline_met_target")
    ratio = actual / required
    return replace(measured, category=category(ratio), ratio=ratio)
