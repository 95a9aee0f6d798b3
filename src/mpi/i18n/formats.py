"""Numbers and dates as the active language writes them: one formatter for every renderer.

German uses Babel's CLDR data (25.11.2026, Dezember 2026, 19,5, 10.000), imported only when
a German number or date is first written (about 25 ms with the de locale data). English
keeps the ISO dates and plain numbers mpi always wrote (2026-11-25, 2026-12, 19.5, 10000),
which scripts and English readers of a German plan both read without ambiguity.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from functools import cache
from typing import Protocol

from mpi.i18n import language

LOCALES = {"de": "de_DE"}


class Dated(Protocol):
    """A date at year, month or day precision (`mpi.domain.dates.Due`)."""

    @property
    def end(self) -> date: ...

    @property
    def precision(self) -> str: ...

    def iso(self) -> str: ...


def plain_number(value: float) -> str:
    """19 rather than 19.0, 19.5 in full: the number as JSON and the plan files write it."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def number(value: float) -> str:
    """19 rather than 19.0, 19.5 in full (never rounded); 19,5 and 10.000 in German."""
    if language() == "en":
        return plain_number(value)
    from babel.numbers import format_decimal

    exact = Decimal(plain_number(value))
    with localcontext() as context:  # Babel quantizes: room for every digit of a float
        context.prec = 400
        return format_decimal(exact, locale=LOCALES["de"], decimal_quantization=False)


def count(value: int) -> str:
    """A count in a message: 67,108,865 in English, 67.108.865 in German."""
    if language() == "en":
        return f"{value:,}"
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=LOCALES["de"]))


def day(value: date) -> str:
    """A full date: 2026-11-25, in German 25.11.2026."""
    if language() == "en":
        return value.isoformat()
    return _date(value, "dd.MM.yyyy")


def due(value: Dated, *, short: bool = False) -> str:
    """A date at its precision: 2031, 2026-12 or 2026-11-25; in German 2031, Dezember 2026
    (`short`, for narrow columns: Dez. 2026) or 25.11.2026."""
    if language() == "en" or value.precision == "year":
        return value.iso()
    if value.precision == "month":
        return _date(value.end, "MMM yyyy" if short else "MMMM yyyy")
    return day(value.end)


def typed(value: Dated) -> str:
    """A date as a person types it on the command line: 2026, 06.2026 or 25.11.2026 in German
    (mpi reads them back), ISO in English."""
    if language() == "en" or value.precision == "year":
        return value.iso()
    if value.precision == "month":
        return f"{value.end.month:02d}.{value.end.year}"
    return day(value.end)


@cache
def _date(value: date, pattern: str) -> str:
    from babel.dates import format_date

    return str(format_date(value, pattern, locale=LOCALES["de"]))


def rounded(value: float, places: int = 1) -> str:
    """A number rounded for reading (a rate, a share): 4.1 in English, 4,1 in German; a
    negative one with the minus sign (−3), not a hyphen."""
    text = f"{abs(value):.{places}f}"
    text = text if language() == "en" else text.replace(".", ",")
    return "−" + text if value < 0 and text.strip("0,.") else text


def signed(value: float, places: int = 1) -> str:
    """A change with its sign: +4,1 or −2,8 (the minus sign, not a hyphen)."""
    text = rounded(abs(value), places)
    if text.strip("0,.") == "":
        return text
    return ("+" if value > 0 else "−") + text
