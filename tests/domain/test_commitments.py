"""How a commitment changed: deadlines postponed or advanced, kinds softened, recurring duties
thinned, targets lowered, and the decision that covers a weakening change.

`bis 2030` → `bis 2032` is postponed by 24 months; a decision on the milestone that names
2032 covers it, one that names 2031 does not.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpi.domain import commitments as c
from mpi.domain.change import Change, ChangeKind
from mpi.domain.compare_items import indicators, milestones
from mpi.domain.dates import Due
from mpi.domain.items import Indicator, Milestone

HORIZON = 2040
Every = tuple[Any, ...]  # a recurrence: every, start and (optionally) end
Shifted = tuple[str | None, bool]


def milestone(due: Any = None, *, kind: str = "by", every: Every = (), **extra: Any) -> Milestone:
    data: dict[str, Any] = {"id": "m", "title": "T", "kind": kind, "basis": "stated", "quote": "q"}
    if due is not None:
        data["due"] = due
    if every:
        data["recurrence"] = dict(zip(("every", "start", "end"), every, strict=False))
    return Milestone.model_validate(data | extra)


def indicator(value: float = 25, year: Any = 2030, **extra: Any) -> Indicator:
    target: dict[str, Any] = {"value": value, "basis": "stated", "quote": "q"}
    if year is not None:
        target["year"] = year
    data = {"id": "i", "name": "N", "unit": "%", "target": target, "direction": "at_least"}
    return Indicator.model_validate(data | extra)


def said(month: str, text: str = "Runde", **what: Any) -> dict[str, Any]:
    """A decision of the partners, taken on the first of `month`, as a plan file writes it."""
    return {"date": f"{month}-01", "text": text, **what}


def shift(kind: ChangeKind, attribute: str, old: str, new: str, **rest: Any) -> Change:
    return Change(kind, "HF1.2", "m", attribute, old, new, what="milestone", **rest)


def changed(old: Milestone, new: Milestone) -> list[Change]:
    return milestones("HF1.2", [old], [new], [], HORIZON)


def test_moment_is_one_canonical_text() -> None:
    assert c.moment(milestone(2030)) == "2030"
    assert c.moment(milestone()) == "–"
    assert c.moment(milestone(every=("half-yearly", 2023, 2030))) == "half-yearly from 2023 to 2030"
    assert c.moment(milestone(every=("yearly", "2023-06"))) == "yearly from 2023-06"


@pytest.mark.parametrize(
    ("old", "new", "kind", "months", "days"),
    [
        (2030, 2032, "postponed", 24, None),
        ("2030-06", "2031-03", "postponed", 9, None),
        ("2030-06-15", "2030-07-01", "postponed", None, 16),
        (2032, 2030, "advanced", -24, None),
    ],
)
def test_deadline_moved(old: Any, new: Any, kind: ChangeKind, months: Any, days: Any) -> None:
    """Later is postponed (weakening), earlier advanced; months, or days at day precision."""
    weak = kind == "postponed"
    expected = shift(kind, "due", str(old), str(new), weakening=weak, months=months, days=days)
    assert changed(milestone(old), milestone(new)) == [expected]


def test_the_same_deadline_at_another_precision_is_no_shift() -> None:
    assert c.schedule(milestone(2030), milestone("2030-12"), HORIZON) == (None, False)
    [change] = changed(milestone(2030), milestone("2030-12"))
    assert change == shift("changed", "due", "2030", "2030-12")
    assert not change.commitment


def test_span_compares_last_days_and_for_from_first_days() -> None:
    old, new = Due.parse(2030), Due.parse("2031-03")
    assert c.span(old, new, "by") == (3, None)  # 2030-12-31 → 2031-03-31
    assert c.span(old, new, "from") == (14, None)  # 2030-01-01 → 2031-03-01
    assert c.span(old, Due.parse("2031-01-15"), "by") == (None, 15)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (milestone(2030), milestone(), ("rescheduled", True)),  # a deadline taken away
        (milestone(), milestone(2030), ("rescheduled", False)),
        (milestone(), milestone(), (None, False)),
        (milestone(2030), milestone(every=("yearly", 2023, 2030)), ("rescheduled", True)),
        (milestone(every=("yearly", 2023, 2030)), milestone(2030), ("rescheduled", True)),
    ],
)
def test_incomparable_schedules(a: Milestone, b: Milestone, expected: Shifted) -> None:
    assert c.schedule(a, b, HORIZON) == expected


def test_kind_shift_by_expected_from() -> None:
    def shifted(pair: str) -> str | None:
        old, new = pair.split(">")
        return c.kind_shift(milestone(2030, kind=old), milestone(2030, kind=new))

    assert [shifted(p) for p in ("by>expected", "expected>from", "by>from")] == ["softened"] * 3
    assert [shifted(p) for p in ("from>expected", "expected>by", "from>by")] == ["firmed"] * 3
    assert shifted("expected>expected") is None
    # by 2030 → from 2030: the same first day, so only the kind changed
    expected = shift("softened", "kind", "by", "from", weakening=True)
    assert changed(milestone(2030), milestone(2030, kind="from")) == [expected]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (("half-yearly", 2023), ("yearly", 2023), ("thinned", True)),
        (("yearly", 2023, 2030), ("yearly", 2023, 2028), ("thinned", True)),
        (("yearly", 2023), ("yearly", 2025), ("thinned", True)),
        (("yearly", 2023), ("yearly", 2023, 2035), ("thinned", True)),  # before the horizon
        (("yearly", 2023, 2030), ("half-yearly", 2023, 2028), ("thinned", True)),  # thinning wins
        (("yearly", 2023, 2030), ("yearly", 2023, 2032), ("extended", False)),
        (("yearly", 2023), ("half-yearly", 2023), ("extended", False)),
        (("yearly", 2025), ("yearly", 2023), ("extended", False)),
        (("yearly", 2023, 2030), ("yearly", 2023, 2030), (None, False)),
        (("yearly", 2023), ("yearly", 2023, HORIZON), (None, False)),
        # the same occurrences (2023 ... 2030): nothing changed in substance
        # compared by the deadlines the series make, not by how their dates are written
        (("yearly", 2023, 2030), ("yearly", 2023, "2030-12"), (None, False)),
        # the first occurrence, 2023-06, dropped: the duty starts later
        pytest.param(("half-yearly", 2023), ("half-yearly", "2023-12"), ("thinned", True)),
    ],
)
def test_recurring_duties(old: Every, new: Every, expected: Shifted) -> None:
    assert c.schedule(milestone(every=old), milestone(every=new), HORIZON) == expected


def test_target_value_lowered_or_raised_by_direction() -> None:
    def shifted(way: str, old: float, new: float) -> str | None:
        return c.target_value(indicator(old, direction=way), indicator(new, direction=way))

    assert (shifted("at_least", 25, 20), shifted("at_least", 25, 30)) == ("lowered", "raised")
    assert (shifted("at_most", 25, 20), shifted("at_most", 25, 30)) == ("raised", "lowered")
    assert shifted("at_most", 25, 25) is None


def test_indicator_changes_lowered_redefined_and_unit() -> None:
    [lowered] = indicators("HF1.1", [indicator(25)], [indicator(20)], [])
    assert (lowered.kind, lowered.attribute, lowered.weakening) == ("lowered", "target", True)
    [turned] = indicators("HF1.1", [indicator(25)], [indicator(30, direction="at_most")], [])
    assert (turned.kind, turned.weakening) == ("redefined", True)  # the value is not compared then
    [unit] = indicators("HF1.1", [indicator()], [indicator(unit="ha")], [])
    assert (unit.kind, unit.attribute, unit.old, unit.new) == ("changed", "unit", "%", "ha")
    assert not unit.commitment and not unit.weakening


@pytest.mark.parametrize(
    ("old", "new", "expected", "months"),
    [
        (2030, 2032, ("postponed", True), 24),
        (2032, 2030, ("advanced", False), -24),
        (2030, "permanent", ("rescheduled", False), None),
        (2030, None, ("rescheduled", True), None),  # the year given up
        (None, 2030, ("rescheduled", False), None),
        ("permanent", 2030, ("rescheduled", True), None),  # a standing target made to end
        ("permanent", None, ("rescheduled", True), None),
    ],
)
def test_target_year(old: Any, new: Any, expected: Shifted, months: int | None) -> None:
    a, b = indicator(year=old), indicator(year=new)
    assert c.target_year(a, b) == expected
    [change] = indicators("HF1.1", [a], [b], [])
    assert change.attribute == "year"
    assert (change.kind, change.weakening, change.months) == (*expected, months)


def test_the_latest_decision_naming_the_new_deadline_covers_it() -> None:
    decided = [said("2024-01", due=2032), said("2025-01", due=2032), said("2024-06", due=2032)]
    b = milestone(2032, decisions=decided)
    [change, *recorded] = changed(milestone(2030), b)
    expected = shift("postponed", "due", "2030", "2032", weakening=True, months=24)
    assert change == replace(expected, decision=b.decisions[1])
    assert [r.decision for r in recorded] == [b.decisions[i] for i in (0, 2)]
    assert {r.kind for r in recorded} == {"decision_recorded"}


def test_a_later_decision_on_the_deadline_overrules_an_earlier_one() -> None:
    """2032 decided in 2024, then 2031 in 2026, then 2032 again by hand: not covered."""
    decided = [said("2024-01", due=2032), said("2026-01", due=2031)]
    b = milestone(2032, decisions=decided)
    assert c.milestone_decision(b, "postponed") is None
    [change, *_] = changed(milestone(2030), b)
    assert (change.kind, change.weakening, change.decision) == ("postponed", True, None)
    # a later decision on something else (the kind) does not overrule the deadline's
    kinds = milestone(2032, decisions=[said("2024-01", due=2032), said("2026-01", kind="by")])
    assert c.milestone_decision(kinds, "postponed") == kinds.decisions[0]


def test_a_decision_naming_another_value_does_not_cover() -> None:
    b = milestone(2032, decisions=[said("2024-01", due=2031), said("2024-02", kind="by")])
    assert c.milestone_decision(b, "postponed") is None
    i = indicator(20, decisions=[said("2024-01", target=22), said("2024-02", year=2030)])
    assert c.indicator_decision(i, "value") is None
    [change, *_] = indicators("HF1.1", [indicator(25)], [i], [])
    assert (change.kind, change.weakening, change.decision) == ("lowered", True, None)


def test_kind_and_recurrence_decisions() -> None:
    decided = [said("2024-01", kind="expected"), said("2025-01", due=2030)]
    b = milestone(2030, kind="expected", decisions=decided)
    assert c.milestone_decision(b, "softened") == b.decisions[0]
    series = {"every": "yearly", "start": 2023, "end": 2028}
    r = milestone(every=("yearly", 2023, 2028), decisions=[said("2024-01", recurrence=series)])
    old, new = "yearly from 2023 to 2030", "yearly from 2023 to 2028"
    expected = shift("thinned", "recurrence", old, new, weakening=True, decision=r.decisions[0])
    assert changed(milestone(every=("yearly", 2023, 2030)), r) == [expected]


def test_indicator_decisions_by_aspect() -> None:
    decided = [said("2024-01", target=20), said("2024-02", year=2032)]
    b = indicator(20, 2032, decisions=[*decided, said("2024-03", direction="at_least")])
    [value, year, recorded] = indicators("HF1.1", [indicator(25, 2030)], [b], [])
    assert (value.kind, value.decision) == ("lowered", b.decisions[0])
    assert (year.kind, year.decision, year.months) == ("postponed", b.decisions[1], 24)
    assert (recorded.kind, recorded.decision) == ("decision_recorded", b.decisions[2])
    assert c.indicator_decision(b, "direction") == b.decisions[2]


def test_latest_breaks_ties_by_place_in_the_list() -> None:
    b = milestone(2032, decisions=[said("2024-01", "a", due=2032), said("2024-01", "b", due=2032)])
    assert c.latest(b.decisions, lambda d: True) is b.decisions[1]
    assert c.latest(b.decisions, lambda d: False) is None


DUES = st.tuples(st.integers(2020, 2040), st.integers(0, 12))  # month 0: a bare year


@given(DUES, DUES)
def test_schedule_is_antisymmetric(one: tuple[int, int], other: tuple[int, int]) -> None:
    x, y = (f"{year}-{month:02d}" if month else str(year) for year, month in (one, other))
    a, b = milestone(x), milestone(y)
    assert c.schedule(a, a, HORIZON) == (None, False)
    there, back = c.schedule(a, b, HORIZON), c.schedule(b, a, HORIZON)
    mirror = {"postponed": "advanced", "advanced": "postponed", None: None}
    assert back[0] == mirror[there[0]] and there[1] == (there[0] == "postponed")
    months, days = c.span(Due.parse(x), Due.parse(y), "by")
    assert months is not None and days is None
    assert c.span(Due.parse(y), Due.parse(x), "by") == (-months, None)
    assert (months == 0) == (there[0] is None) and (months > 0) == (there[0] == "postponed")
