"""domain: month arithmetic, recurrence series and horizon; the walk's places."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from helpers import MINI, SHIPPED
from mpi.domain import walk
from mpi.domain.dates import Due, add_months, horizon, occurrences, series
from mpi.domain.words import number
from mpi.loading.load import load_plan, require_plan
from mpi.loading.positions import locate
from mpi.loading.sources import read_source


@given(st.dates(date(1950, 1, 1), date(2090, 12, 31)), st.integers(-240, 240))
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and add_months(moved, 0) == moved)
    assert add_months(day, 0) == day


def test_add_months_clamps_at_short_months() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert Due.parse("2024-08").add_months(6) == Due.parse("2025-02")
    assert Due.parse(2024).add_months(12) == Due.parse(2025)


def test_series_without_an_end_runs_to_the_horizon() -> None:
    start = Due.parse("2024-06")
    assert series(start, "half-yearly", None, 2026) == occurrences(
        start, "half-yearly", Due.parse(2026)
    )
    assert series(start, "yearly", Due.parse(2025), 2040)[-1] == Due.parse("2025-06")


def test_horizon_is_the_latest_deadline_or_ten_years_after_adoption() -> None:
    assert horizon(2023, []) == 2033
    assert horizon(2023, [2030, 2045]) == 2045


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_number_is_exact_and_has_no_needless_decimals(value: float) -> None:
    text = number(value)
    assert float(text) == value
    assert not text.endswith(".0")


def test_number_keeps_large_values_whole() -> None:
    assert number(1234567.5) == "1234567.5"
    assert number(19.0) == "19"


def test_every_place_of_the_walk_points_at_its_item() -> None:
    for plan_dir in (MINI, SHIPPED):
        plan = require_plan(load_plan(plan_dir))
        trees = {None: read_source(plan_dir / "plan.yaml")[0].tree}
        for f in plan.fields:
            path = next(p for p in plan_dir.glob("hf*.yaml") if f"id: {f.id}\n" in p.read_text())
            trees[f.id] = read_source(path)[0].tree
        items = [
            *walk.measures(plan.fields),
            *walk.milestones(plan, plan.fields),
            *walk.indicators(plan.fields),
        ]
        assert items
        for place, item in items:
            tree = trees[place.field.id if place.field else None]
            node = tree
            for step in place.path:
                node = node[step]
            assert node["id"] == item.id
            assert locate(tree, (*place.path, "id")) == node.value_at("id")
            if place.measure is not None:
                assert place.owner == place.measure.id
            elif place.body is not None:
                assert place.owner == place.body.id
            else:
                assert place.owner == "plan"
