"""Numbers and dates as the active language writes them: one formatter for every renderer.

German writes numbers with Babel's CLDR data (19,5, 10.000), imported only when a German
number is first written (about 25 ms with the de locale data). German dates (25.11.2026,
Dezember 2026, Dez. 2026) need only CLDR's twelve month names, kept here and compared with
Babel's by the tests, so a status table with dates never pays for Babel. English
keeps the ISO dates and plain numbers mpi always wrote (2026-11-25, 2026-12, 19.5, 10000),
which scripts and English readers of a German plan both read without ambiguity.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
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
    """19 rather than 19.0, 19.5 in full: the number as JSON and the plan files write it. An
    exponent gets a decimal point (1.0e-22, not 1e-22), which YAML 1.1 readers (PyYAML)
    need to read a number rather than a string."""
    if float(value).is_integer():
        return str(int(value))
    text = repr(float(value))
    mantissa, exponent = text.partition("e")[::2]
    return f"{mantissa}.0e{exponent}" if exponent and "." not in mantissa else text


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


# CLDR's German month names (de, format context), wide (MMMM) and abbreviated (MMM).
# fmt: off
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
MONTHS_SHORT = (
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.",
)
# fmt: on


def day(value: date) -> str:
    """A full date: 2026-11-25, in German 25.11.2026 (CLDR's dd.MM.y)."""
    if language() == "en":
        return value.isoformat()
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday(value: date) -> str:
    """The day of the week: Mittwoch, Wednesday (CLDR's wide names)."""
    return (WEEKDAYS_EN if language() == "en" else WEEKDAYS)[value.weekday()]


def due(value: Dated, *, short: bool = False) -> str:
    """A date at its precision: 2031, 2026-12 or 2026-11-25; in German 2031, Dezember 2026
    (`short`, for narrow columns: Dez. 2026) or 25.11.2026."""
    if language() == "en" or value.precision == "year":
        return value.iso()
    if value.precision == "month":
        names = MONTHS_SHORT if short else MONTHS
        return f"{names[value.end.month - 1]} {value.end.year:04d}"
    return day(value.end)


def typed(value: Dated) -> str:
    """A date as a person types it on the command line: 2026, 06.2026 or 25.11.2026 in German
    (mpi reads them back), ISO in English."""
    if language() == "en" or value.precision == "year":
        return value.iso()
    if value.precision == "month":
        return f"{value.end.month:02d}.{value.end.year}"
    return day(value.end)


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
