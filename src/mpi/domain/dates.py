"""Dates at the precision the plan text gives them: a year, a month or a day.

`Due("2031")` means "by the end of 2031", `Due("2030-06")` "by the end of June 2030".
Recurring milestones expand into a sequence of such dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from mpi.domain.words import clip
from mpi.i18n import _

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MIN_YEAR = 1900
MAX_YEAR = 2100


class DueError(ValueError):
    """A text that is not a date of year, month or day precision."""


@dataclass(frozen=True, order=True, slots=True)
class Due:
    """A deadline at year, month or day precision; ordered by the last day it covers."""

    end: date
    precision: Precision

    @classmethod
    def parse(cls, value: object) -> Due:
        """Parse `2031`, `"2031"`, `"2030-06"` or `"2023-12-31"` (or a `date`)."""
        if isinstance(value, Due):
            return value
        if isinstance(value, date):
            return cls(value, "day")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise DueError(
                _("expected a date like 2031, 2030-06 or 2023-12-31, got {kind}").format(
                    kind=_kind(value)
                )
            )
        match = _PATTERN.fullmatch(value.strip())
        if not match:
            raise DueError(
                _("{value} is not a date like 2031, 2030-06 or 2023-12-31").format(
                    value=repr(clip(value, 40))
                )
            )
        year, month, day = match.groups()
        y = int(year)
        if not MIN_YEAR <= y <= MAX_YEAR:
            raise DueError(
                _("year {year} is outside the plausible range {low}-{high}").format(
                    year=y, low=MIN_YEAR, high=MAX_YEAR
                )
            )
        if month is None:
            return cls(date(y, 12, 31), "year")
        m = int(month)
        if not 1 <= m <= 12:
            raise DueError(
                _("{value} has no month {month}").format(value=repr(value.strip()), month=m)
            )
        last = calendar.monthrange(y, m)[1]
        if day is None:
            return cls(date(y, m, last), "month")
        d = int(day)
        if not 1 <= d <= last:
            raise DueError(_("{value} is not a calendar day").format(value=repr(value.strip())))
        return cls(date(y, m, d), "day")

    @property
    def start(self) -> date:
        """The first day the period covers."""
        if self.precision == "year":
            return date(self.end.year, 1, 1)
        if self.precision == "month":
            return date(self.end.year, self.end.month, 1)
        return self.end

    @property
    def year(self) -> int:
        return self.end.year

    def iso(self) -> str:
        """ISO text at this precision: `2030`, `2030-06` or `2030-06-30`."""
        if self.precision == "year":
            return f"{self.end.year:04d}"
        if self.precision == "month":
            return f"{self.end.year:04d}-{self.end.month:02d}"
        return self.end.isoformat()

    def yaml_value(self) -> int | str:
        """The value as written in plan files: a bare year is an int."""
        return self.end.year if self.precision == "year" else self.iso()

    def add_months(self, months: int) -> Due:
        """The same kind of period `months` later (days clamp to the month's end)."""
        moved = add_months(self.end, months)
        if self.precision == "year":
            return Due(date(moved.year, 12, 31), "year")
        if self.precision == "month":
            return Due(date(moved.year, moved.month, _last_day(moved)), "month")
        return Due(moved, "day")

    def __str__(self) -> str:
        return self.iso()


STEP_MONTHS = {"yearly": 12, "half-yearly": 6}


def occurrences(start: Due, every: str, until: Due, limit: int = 1000) -> list[Due]:
    """Expand a recurrence from `start` every `every` up to and including `until`.

    A half-yearly series that starts with a bare year runs at the end of each half year
    (June and December); `limit` bounds the expansion of hostile input.
    """
    step = STEP_MONTHS[every]
    first = start
    if every == "half-yearly" and start.precision == "year":
        first = Due(date(start.year, 6, 30), "month")
    out: list[Due] = []
    # Count from the first occurrence, so a day clamped in a short month does not drift.
    current = first
    while current.end <= until.end and len(out) < limit:
        out.append(current)
        current = first.add_months(step * len(out))
    return out


def series(start: Due, every: str, end: Due | None, horizon: int) -> list[Due]:
    """The occurrences of a recurrence; without an `end` it runs to the plan's horizon.

    Every reader of recurrences (due, show, status, calendar, the editor) expands them here,
    so they agree on the last occurrence.
    """
    return occurrences(start, every, end or Due.parse(horizon))


def horizon(adopted: int, milestone_years: Iterable[int]) -> int:
    """The last year a plan looks to: its latest plan-level deadline, at least adoption + 10."""
    return max([*milestone_years, adopted + 10])


# Patterns of what people type (compiled on first use by re's cache: most runs parse none).
_SPAN = r"([0-9]{1,3}) *([dwmytj])"  # t, j: Tage, Jahre (w, m: Wochen, Monate)
_GERMAN_UNITS = {"t": "d", "j": "y"}


def parse_span(text: str) -> tuple[int, str]:
    """Parse a span like `6m`, `2y`, `30d` or `4w` into (count, unit)."""
    match = re.fullmatch(_SPAN, text.strip().lower())
    if not match:
        raise DueError(
            _("{value} is not a span like 30d, 4w, 6m or 2y").format(value=repr(clip(text, 40)))
        )
    return int(match.group(1)), _GERMAN_UNITS.get(match.group(2), match.group(2))


def add_span(day: date, count: int, unit: str) -> date:
    """`day` moved forward by a span from `parse_span`."""
    if unit == "d":
        return day + timedelta(days=count)
    if unit == "w":
        return day + timedelta(weeks=count)
    return add_months(day, count * (12 if unit == "y" else 1))


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; a day past the target month's end becomes its last day."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    moved = date(y, m + 1, 1)
    return moved.replace(day=min(day.day, _last_day(moved)))


def _last_day(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


TODAY_VARIABLE = "MPI_TODAY"


def current_day() -> date:
    """Today: $MPI_TODAY if set (YYYY-MM-DD), else the local date of this machine.

    The local date follows the machine's time zone (TZ); set MPI_TODAY (or pass --today)
    where that is not Hamburg's, or for reproducible output.
    """
    import os

    value = os.environ.get(TODAY_VARIABLE)
    if not value:
        return date.today()
    try:
        return parse_day(value)
    except DueError as exc:
        from mpi.domain.errors import UsageError

        raise UsageError(f"{TODAY_VARIABLE}: {exc}") from None


def parse_day(value: object) -> date:
    """A full calendar date (`2024-03-01`) from YAML or the command line."""
    due = Due.parse(value)
    if due.precision != "day":
        raise DueError(
            _("{value} is not a full date like 2024-03-01").format(value=repr(due.iso()))
        )
    return due.end


def _kind(value: object) -> str:
    kinds = {list: _("a list"), dict: _("a mapping"), bool: _("a boolean"), float: _("a number")}
    return kinds.get(type(value), type(value).__name__)


# Dates as people type them on the command line: German order besides ISO, ASCII digits only;
# a two-digit year (01.12.26) is in this century.
_TYPED_DAY = r"([0-9]{1,2})\. ?([0-9]{1,2})\. ?([0-9]{4}|[0-9]{2})"
_TYPED_MONTH = r"([0-9]{1,2})[./]([0-9]{4})"


# Month names as mpi writes them (Dezember 2026) and as people abbreviate them, German and English.
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "januar jan january",
            "februar feb february",
            "maerz märz mär mrz march mar",
            "april apr",
            "mai may",
            "juni jun june",
            "juli jul july",
            "august aug",
            "september sep sept",
            "oktober okt october oct",
            "november nov",
            "dezember dez december dec",
        ],
        1,
    )
    for name in names.split()
}
_TYPED_NAMED_MONTH = r"([^\W\d_]+)\.? *([0-9]{4}|[0-9]{2})"


def _year(typed: str) -> str:
    """A typed year in four digits: 26 is 2026."""
    return f"20{typed}" if len(typed) == 2 else typed


def _typed(text: str) -> str:
    """A typed date in ISO: 25.11.2026 or 25.11.26 -> 2026-11-25, 12.2026 or 12/2026 ->
    2026-12, Dezember 2026, Dez. 2026 or Dez 26 -> 2026-12."""
    text = text.strip()
    named = re.fullmatch(_TYPED_NAMED_MONTH, text)
    if named and named[1].casefold() in _MONTHS:
        return f"{_year(named[2])}-{_MONTHS[named[1].casefold()]:02d}"
    day = re.fullmatch(_TYPED_DAY, text)
    if day:
        return f"{_year(day[3])}-{int(day[2]):02d}-{int(day[1]):02d}"
    month = re.fullmatch(_TYPED_MONTH, text)
    if month:
        return f"{month[2]}-{int(month[1]):02d}"
    return text


_DATE_SHAPE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"


def typed_day(text: str) -> date:
    """A full date typed by a person: 25.11.2026 or 2026-11-25."""
    iso = _typed(text)
    try:
        return parse_day(iso)
    except DueError as exc:
        if re.fullmatch(_DATE_SHAPE, iso) and len(iso) == 10:  # a date, but not a real one
            raise DueError(str(exc).replace(repr(iso), repr(text.strip()))) from None
        if re.fullmatch(_DATE_SHAPE, iso):  # Dezember 2026: a month where a day is asked for
            raise DueError(
                _("{value} is a month or a year; give a day like 25.11.2026 or 2026-11-25").format(
                    value=repr(clip(text.strip(), 40))
                )
            ) from None
        raise DueError(
            _("{value} is not a date like 25.11.2026 or 2026-11-25").format(
                value=repr(clip(text, 40))
            )
        ) from None


def typed_due(text: str) -> Due:
    """A deadline typed by a person: 2031, 12.2030 (2030-12) or 25.11.2026 (2026-11-25)."""
    iso = _typed(text)
    try:
        return Due.parse(iso)
    except DueError as exc:
        if re.fullmatch(_DATE_SHAPE, iso):  # a date, but not a real one (month 13)
            raise DueError(str(exc).replace(repr(iso), repr(text.strip()))) from None
        raise DueError(
            _("{value} is not a date like 2031, 12.2030 or 25.11.2026").format(
                value=repr(clip(text, 40))
            )
        ) from None
