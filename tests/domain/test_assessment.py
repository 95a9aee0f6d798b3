"""Indicators against their targets (Eurostat's method), with rates computed by hand.

Rail share, baseline 18 % in 2023, target at least 25 % in 2030, a value in 2025 (t - t0 = 2,
T - t0 = 7): the required rate is (25 / 18) ** (1/7) - 1 = 4.8048 % a year.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpi.domain.assessment import assess, category
from mpi.domain.items import Indicator

REQUIRED = 0.048048  # (25/18)^(1/7) - 1


def indicator(
    values: list[tuple[str, float]],
    *,
    baseline: tuple[float, int] | None = (18, 2023),
    target: tuple[float, Any] = (25, 2030),
    direction: str = "at_least",
) -> Indicator:
    data: dict[str, Any] = {
        "id": "anteil",
        "name": "Anteil",
        "unit": "%",
        "target": {"value": target[0], "basis": "inferred", "derivation": "Test"},
        "direction": direction,
        "values": [{"date": d, "value": v} for d, v in values],
    }
    if target[1] is not None:
        data["target"]["year"] = target[1]
    if baseline is not None:
        data["baseline"] = {
            "value": baseline[0],
            "year": baseline[1],
            "basis": "inferred",
            "derivation": "Test",
        }
    return Indicator.model_validate(data)


@pytest.mark.parametrize(
    ("latest", "expected", "actual", "ratio"),
    [
        (20.0, "on_track", 0.054093, 1.12581),  # sqrt(20/18) - 1
        (19.5, "moderate", 0.040833, 0.84984),  # sqrt(19.5/18) - 1
        (18.5, "insufficient", 0.013794, 0.28708),  # sqrt(18.5/18) - 1
        (17.0, "moving_away", -0.028175, -0.58639),  # sqrt(17/18) - 1
    ],
)
def test_the_four_categories_of_a_rising_target(
    latest: float, expected: str, actual: float, ratio: float
) -> None:
    result = assess(indicator([("2024-06-30", 19.0), ("2025-12-31", latest)]))
    assert result.category == expected
    assert result.method == "compound"
    assert result.actual_rate == pytest.approx(actual, abs=1e-6)
    assert result.required_rate == pytest.approx(REQUIRED, abs=1e-6)
    assert result.ratio == pytest.approx(ratio, abs=1e-4)
    assert (result.years, result.target_years) == (2, 7)
    assert result.latest is not None and result.latest.value == latest


@pytest.mark.parametrize(
    ("latest", "expected", "ratio"),
    [
        (60.0, "on_track", 1.79026),  # (0.6^(1/4) - 1) / (0.5^(1/10) - 1)
        (80.0, "moderate", 0.81023),  # (0.8^(1/4) - 1) / (0.5^(1/10) - 1) = -0.054258 / -0.066967
        (95.0, "insufficient", 0.19026),
        (110.0, "moving_away", -0.36008),
    ],
)
def test_an_at_most_target_falls_and_the_ratio_reads_the_same(
    latest: float, expected: str, ratio: float
) -> None:
    emissions = indicator(
        [("2024-12-31", latest)], baseline=(100, 2020), target=(50, 2030), direction="at_most"
    )
    result = assess(emissions)
    assert result.category == expected
    assert result.required_rate == pytest.approx(0.5**0.1 - 1)
    assert result.ratio == pytest.approx(ratio, abs=1e-4)


def test_a_zero_baseline_compares_average_annual_changes() -> None:
    """A compound rate from zero is not defined: 30 in three years is 10 a year, as needed."""

    def share(latest: float) -> Indicator:
        return indicator([("2026-03-01", latest)], baseline=(0, 2023), target=(100, 2033))

    on_track = assess(share(30))
    assert (on_track.category, on_track.method) == ("on_track", "linear")
    assert (on_track.actual_rate, on_track.required_rate, on_track.ratio) == (10.0, 10.0, 1.0)
    assert assess(share(15)).category == "insufficient"  # 5 a year: half of what is needed


def test_a_target_already_met_is_on_track_whatever_the_rates() -> None:
    result = assess(indicator([("2025-06-30", 26.0)]))
    assert (result.category, result.reason, result.target_met) == ("on_track", "target_met", True)


def test_a_target_that_is_the_baseline_must_be_held() -> None:
    """ "Wie bisher 100 Hektar": falling below it is moving away, not a ratio of zero."""
    held = indicator([("2025-06-30", 100.0)], baseline=(100, 2023), target=(100, 2030))
    slipped = indicator([("2025-06-30", 90.0)], baseline=(100, 2023), target=(100, 2030))
    assert assess(held).category == "on_track"
    assert (assess(slipped).category, assess(slipped).reason) == (
        "moving_away",
        "baseline_met_target",
    )


def test_a_baseline_given_as_a_bound_gives_no_rate_but_a_target_met_still_counts() -> None:
    """ "Mehr als 46 Prozent": from 46 to 60 looks like progress, but from 58 it is little;
    the true baseline moves both rates, so only a target met may be concluded."""
    base = indicator([("2025-06-30", 60.0)], baseline=(46, 2022), target=(100, 2033))
    bound = base.model_copy(
        update={"baseline": base.baseline.model_copy(update={"bound": "above"})}  # type: ignore[union-attr]
    )
    assert assess(base).category != "not_assessable"
    result = assess(bound)
    assert (result.category, result.reason, result.target_met) == (
        "not_assessable",
        "baseline_bound",
        False,
    )
    met = bound.model_copy(update={"target": bound.target.model_copy(update={"value": 50.0})})
    assert (assess(met).category, assess(met).reason) == ("on_track", "target_met")


@pytest.mark.parametrize(
    ("ind", "reason"),
    [
        (indicator([("2025-01-01", 20.0)], baseline=None), "no_baseline"),
        (indicator([("2025-01-01", 20.0)], target=(25, None)), "no_target_year"),
        (indicator([("2025-01-01", 20.0)], target=(25, "permanent")), "permanent_target"),
        (indicator([]), "no_value"),
        (indicator([("2023-12-31", 20.0)]), "no_value_after_baseline"),
        (indicator([("2025-01-01", 20.0)], target=(25, 2023)), "target_year_not_after_baseline"),
    ],
)
def test_not_assessable_says_why(ind: Indicator, reason: str) -> None:
    result = assess(ind)
    assert (result.category, result.reason) == ("not_assessable", reason)
    assert result.ratio is None


def test_the_latest_value_is_the_latest_by_date_not_by_position() -> None:
    result = assess(indicator([("2025-12-31", 20.0), ("2024-06-30", 17.0)]))
    assert result.latest is not None and result.latest.value == 20.0


def test_not_assessable_still_says_whether_the_target_is_met() -> None:
    assert assess(indicator([("2025-01-01", 26.0)], target=(25, None))).target_met is True
    assert assess(indicator([("2025-01-01", 20.0)], baseline=None)).target_met is False


@given(st.floats(min_value=-10, max_value=10, allow_nan=False))
def test_the_thresholds(ratio: float) -> None:
    expected = (
        "on_track" if ratio >= 0.95 else "moderate" if ratio >= 0.6 else
        "insufficient" if ratio >= 0 else "moving_away"
    )  # fmt: skip
    assert category(ratio) == expected


@given(
    st.floats(min_value=1, max_value=1e6),
    st.floats(min_value=0, max_value=1e6),
    st.floats(min_value=1, max_value=1e6),
    st.sampled_from(["at_least", "at_most"]),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=1, max_value=30),
)
def test_every_valid_indicator_gets_a_category(
    base: float, latest: float, target: float, direction: str, years: int, span: int
) -> None:
    if (direction == "at_least") != (target >= base):
        target, base = base, target  # keep the target on the side its direction says
    ind = indicator(
        [(f"{2000 + years}-06-30", latest)],
        baseline=(base, 2000),
        target=(target, 2000 + span),
        direction=direction,
    )
    result = assess(ind)
    assert result.category in ("on_track", "moderate", "insufficient", "moving_away")
    assert result.actual_rate is not None and result.required_rate is not None


def test_a_target_of_zero_is_read_by_average_annual_change() -> None:
    """Halfway from 100 to "at most 0" after half the time is on track (a compound rate to
    zero would be -100 % a year and call it insufficient)."""
    emissions = indicator(
        [("2025-06-30", 50.0)], baseline=(100, 2020), target=(0, 2030), direction="at_most"
    )
    result = assess(emissions)
    assert (result.category, result.method) == ("on_track", "linear")
    assert (result.actual_rate, result.required_rate, result.ratio) == (-10.0, -10.0, 1.0)


def test_a_value_is_assessed_for_the_period_it_refers_to() -> None:
    """The 2025 annual figure, published in March 2026, is a value for 2025 (t - t0 = 2), not
    for 2026; and it is the latest even when a value for 2024 was recorded after it."""
    published = indicator([("2026-03-10", 20.0)])
    for_2025 = published.model_copy(
        update={"values": [published.values[0].model_copy(update={"period": _due("2025")})]}
    )
    assert assess(published).years == 3 and assess(for_2025).years == 2
    late_2024 = for_2025.values[0].model_copy(
        update={"value": 19.0, "period": _due("2024"), "date": _day("2026-04-01")}
    )
    both = for_2025.model_copy(update={"values": [*for_2025.values, late_2024]})
    latest = assess(both).latest
    assert latest is not None and latest.value == 20.0


def _due(text: str) -> Any:
    from mpi.domain.dates import Due

    return Due.parse(text)


def _day(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


def test_the_method_document_names_every_outcome_and_reason_of_the_code() -> None:
    """Rule 10 of the second reading: docs/indicators.md and the code agree: every category
    and every reason the assessment can give (a target without a year included) is named
    in the method document, and the document names none the code does not have."""
    import re
    from typing import get_args

    from helpers import REPO
    from mpi.domain import assessment

    text = (REPO / "docs" / "indicators.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:reason: )?([a-z_]+)`", text))
    reasons = set(get_args(assessment.Reason))
    categories = set(get_args(assessment.Category))
    assert reasons <= named and categories <= named
    keys = {"actual_rate", "required_rate", "ratio", "method", "assessment", "show", "on_track"}
    assert named - reasons - categories <= keys, named - reasons - categories
