"""How numbers and dates read in every format people read: one place for both."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from mpi.i18n import _, formats, ngettext

if TYPE_CHECKING:
    from mpi.domain.dates import Due
    from mpi.domain.items import Baseline, Indicator
    from mpi.views.due import DueRow
    from mpi.views.indicators import IndicatorRow
    from mpi.views.status import FieldStatus, StatusSummary

DASH = "–"  # a value that is not there


def listing(names: list[str]) -> str:
    """`Handelskammer und DGB Nord`, `A, B und C`: names as a sentence lists them."""
    if len(names) < 2:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def report_of(leads: tuple[str, ...] | list[str], partners: Mapping[str, str]) -> str:
    """`Der Bericht der Partner Handelskammer und DGB Nord: …`: whose report `--lead` made."""
    names = listing([partners.get(p, p) for p in leads])
    return ngettext(
        "The report of the partner {partners}: the measures it leads.",
        "The report of the partners {partners}: the measures they lead.",
        len(leads),
    ).format(partners=names)


def number(value: float | None) -> str:
    """19 rather than 19.0; 19.5 in full, never rounded (19,5 and 10.000 in German); a dash
    for no value."""
    return DASH if value is None else formats.number(value)


def day(value: date | None) -> str:
    """A day: 2026-11-25, in German 25.11.2026."""
    return DASH if value is None else formats.day(value)


def due(value: Due | None, *, short: bool = False) -> str:
    """A deadline at its precision: 2031, 2030-06 or 2030-06-30 (German: Juni 2030,
    30.06.2030; `short` for narrow columns: Dez. 2030)."""
    return DASH if value is None else formats.due(value, short=short)


def amount(value: float | None, unit: str) -> str:
    """A value with its unit, or a dash."""
    return DASH if value is None else f"{number(value)} {unit}"


def target_year(year: int | str) -> str:
    """A target's year, or `permanent` (dauerhaft)."""
    return _("permanent") if year == "permanent" else str(year)


def field_title(field: FieldStatus) -> str:
    """A row of the status table: a Handlungsfeld's title, the plan level's ("Plan, Dialog
    und Monitoring", the document's words), or the total's in the reader's language."""
    return _("Total") if field.id == "total" else field.title


def bound_sign(base: Baseline) -> str:
    """`> ` before a baseline the document gives only as a lower bound ("mehr als 46
    Prozent"), `< ` before an upper one, else nothing."""
    return {"above": "> ", "below": "< "}.get(base.bound or "", "")


def not_committed(party: str, named: bool = False) -> str:
    """What another body's date or target is: `(keine Zusage des Plans: Autobahn GmbH)`;
    without the body where its title names it already (`named`)."""
    if named:
        return _("(not a commitment of the plan)")
    return _("(not a commitment of the plan: {party})").format(party=party)


def baseline(ind: Indicator) -> str:
    """`100 ha (2023)`, `> 46 % (2022)` where the document gives only a bound, or a dash."""
    base = ind.baseline
    if base is None:
        return DASH
    return f"{bound_sign(base)}{amount(base.value, ind.unit)} ({base.year})"


def target(ind: Indicator) -> str:
    """`≥ 10.000 ha (2030)`: the direction, the value and the target year if there is one;
    `(angestrebt)` where the document states an aspiration."""
    year = f" ({target_year(ind.target.year)})" if ind.target.year is not None else ""
    aspired = " " + _("(aspired)") if ind.target.aspiration else ""
    if party := ind.target.party:
        aspired += " " + not_committed(party)
    return f"{direction(ind.direction)} {amount(ind.target.value, ind.unit)}{year}{aspired}"


def reading(value: float | None, unit: str, on: date | None, period: Due | None = None) -> str:
    """A recorded value with its day, or the period it refers to where it names one:
    `97,5 ha (30.06.2024)`, `19,5 % (2025)`; or a dash."""
    if value is None:
        return DASH
    return f"{amount(value, unit)} ({formats.due(period) if period else day(on)})"


def direction(direction: str) -> str:
    return "≥" if direction == "at_least" else "≤"


def logged(day_: date, by: str | None, partners: Mapping[str, str]) -> str:
    """When a log entry was written, and who reported it where a partner did:
    `02.06.2027`, `Sachstand DGB Nord, 02.06.2027`."""
    if by is None:
        return day(day_)
    return _("Report by {partner}, {day}").format(partner=partners.get(by, by), day=day(day_))


def last(row: IndicatorRow) -> str:
    """An indicator's latest value with its day or period (`reading`), or a dash."""
    return reading(row.last_value, row.indicator.unit, row.last_date, row.last_period)


def field_id(f: FieldStatus, summary: StatusSummary) -> str:
    """A row's id where people read it: HF1; none for the plan level and the total (their
    titles say what they are: "Plan, Dialog und Monitoring", "Gesamt")."""
    return "" if f is summary.plan_level or f is summary.totals else f.id


def status_cells(summary: StatusSummary) -> list[tuple[FieldStatus, list[Any]]]:
    """The status table's rows, each field's (the plan level's, the total's) counts: id,
    title, measures, one per status, open milestones, missed, overdue and delayed deadlines;
    each format adds the next deadline its own way. The plan level has no id of its own."""
    from mpi.domain.words import MEASURE_STATUSES

    return [
        (
            f,
            [
                field_id(f, summary),
                field_title(f),
                f.measures,
                *(f.by_status.get(name, 0) for name in MEASURE_STATUSES),
                f.open_milestones,
                f.missed,
                f.overdue,
                f.delayed,
            ],
        )
        for f in [*summary.fields, summary.plan_level, summary.totals]
    ]


def owner(row: DueRow) -> str:
    """Whose deadline it is, as a column shows it: a measure (HF1.10), the plan or a body, or
    a meeting's action item by its number and day (`Auftrag 3 (10.03.2027)`), not by the
    meeting's long id."""
    if row.meeting_day is not None:
        return _("Action item {number} ({day})").format(
            number=row.milestone, day=day(row.meeting_day)
        )
    return row.whose
