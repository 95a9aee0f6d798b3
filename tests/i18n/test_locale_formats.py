"""Numbers and dates as each language writes them, and as people type them back."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpi.domain.dates import Due, DueError, typed_day, typed_due
from mpi.domain.words import typed_number
from mpi.i18n import Language, activate, formats, language


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize(
    ("value", "written"),
    [(19.5, "19,5"), (10000, "10.000"), (49, "49"), (0.25, "0,25"), (-1234.5, "-1.234,5")],
)
def test_german_numbers(value: float, written: str) -> None:
    assert formats.number(value) == written


def test_english_numbers_stay_as_the_files_write_them() -> None:
    assert [formats.number(v) for v in (19.5, 10000, 49.0)] == ["19.5", "10000", "49"]
    assert formats.count(67108865) == "67,108,865"


@pytest.mark.usefixtures("german")
def test_german_dates_at_their_precision() -> None:
    assert formats.day(date(2026, 11, 25)) == "25.11.2026"
    assert formats.due(Due.parse("2026-12")) == "Dezember 2026"
    assert formats.due(Due.parse("2031")) == "2031"
    assert formats.due(Due.parse("2026-03-01")) == "01.03.2026"
    assert formats.count(67108865) == "67.108.865"


@given(st.dates())
def test_german_dates_are_babels(value: date) -> None:
    """The month names mpi keeps are CLDR's: every date at every precision as Babel writes it."""
    from babel.dates import format_date

    before = language()
    activate("de")
    try:

        def babel(pattern: str) -> str:
            return str(format_date(value, pattern, locale="de_DE"))

        assert formats.day(value) == babel("dd.MM.yyyy")
        assert formats.due(Due(value, "day")) == babel("dd.MM.yyyy")
        assert formats.due(Due(value, "month")) == babel("MMMM yyyy")
        assert formats.due(Due(value, "month"), short=True) == babel("MMM yyyy")
    finally:
        activate(before)


def test_english_dates_stay_iso() -> None:
    assert formats.day(date(2026, 11, 25)) == "2026-11-25"
    assert formats.due(Due.parse("2026-12")) == "2026-12"


@pytest.mark.parametrize(
    ("typed", "language", "meant"),
    [
        ("19,5", "de", "19.5"),
        ("19.5", "de", "19.5"),
        ("10.000", "de", "10000"),
        ("10,000", "de", "10.000"),  # German: ten, with three decimals
        ("10,000", "en", "10000"),
        ("1.234,5", "de", "1234.5"),
        ("1,234.5", "de", "1234.5"),
        ("1.234.567", "de", "1234567"),
        ("49", "de", "49"),
        ("1,2,3", "de", None),
    ],
)
def test_numbers_as_people_type_them(typed: str, language: str, meant: str | None) -> None:
    assert typed_number(typed, language) == meant


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_a_german_number_reads_back_as_itself(value: Decimal) -> None:
    before = language()
    activate("de")
    try:
        written = formats.number(float(value))
    finally:
        activate(before)
    read = typed_number(written, "de")
    assert read is not None and Decimal(read) == Decimal(formats.plain_number(float(value)))


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("25.11.2026", date(2026, 11, 25)),
        ("2026-11-25", date(2026, 11, 25)),
        ("1.3.2024", date(2024, 3, 1)),
    ],
)
def test_days_as_people_type_them(typed: str, day: date) -> None:
    assert typed_day(typed) == day


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2031", "2031"),
        ("12.2030", "2030-12"),
        ("12/2030", "2030-12"),
        ("25.11.2026", "2026-11-25"),
    ],
)
def test_deadlines_as_people_type_them(typed: str, iso: str) -> None:
    assert typed_due(typed).iso() == iso


@pytest.mark.parametrize("typed", ["31.02.2026", "2026-02-31", "Dienstag", "31.02.26", "25.11.2"])
def test_what_is_no_day_is_refused_in_the_words_typed(typed: str) -> None:
    with pytest.raises(DueError) as caught:
        typed_day(typed)
    assert repr(typed) in str(caught.value)


@pytest.mark.usefixtures("german")
def test_a_date_error_speaks_german() -> None:
    with pytest.raises(DueError, match=re.escape("ist kein Datum wie 25.11.2026 oder 2026-11-25")):
        typed_day("morgen")
    wanted = re.escape("ist kein Datum wie 2031, 12.2030 oder 25.11.2026")
    with pytest.raises(DueError, match=wanted):
        typed_due("bald")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_language_has_a_formatter(lang: Language) -> None:
    before = language()
    activate(lang)
    try:
        assert formats.number(2.5) in ("2,5", "2.5")
    finally:
        activate(before)
