"""`mpi form`: the status request to a partner as an Excel workbook (openpyxl, imported only
here): sheets of its measures, deadlines and indicators, each with protected identifiers and
current values and unlocked input cells that have data validation, dates and numbers as typed
cells in German formats; a sheet of instructions; and a very hidden sheet `mpi` that records
the plan, the partner, the day and each measure's state, with a digest over them, for
`mpi import` to check the workbook it gets back."""

from __future__ import annotations

import io
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from mpi.i18n import _
from mpi.render import values
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word
from mpi.render.safe import one_line, visible

if TYPE_CHECKING:
    from mpi.views.form import Form

SHEETS = ("measures", "deadlines", "indicators")
META = "mpi"
DATE_FORMAT = "DD.MM.YYYY"
NUMBER_FORMAT = "#,##0.###"
NEW_STATUSES = ("planned", "in_progress", "ongoing", "done", "at_risk")  # dropped: by decision
STATES = ("done", "missed", "open")


def sheet_names() -> dict[str, str]:
    return {
        "measures": _("Measures"),
        "deadlines": _("Deadlines"),
        "indicators": _("Indicators"),
        "help": _("Instructions"),
    }


def headers() -> dict[str, list[str]]:
    """Each sheet's columns: the ones that are read back come after the given ones."""
    return {
        "measures": [
            _("Measure"),
            _("Title"),
            _("Status"),
            _("Latest note"),
            _("New status"),
            _("State of work"),
            _("Date"),
        ],
        "deadlines": [
            _("Measure"),
            _("Milestone"),
            _("Title"),
            _("Due"),
            _("State"),
            _("New state"),
            _("Date"),
            _("Note on it"),
            _("Occurrence"),
        ],
        "indicators": [
            _("Measure"),
            _("Indicator"),
            _("Name"),
            _("Unit"),
            _("Latest value"),
            _("As of"),
            _("New value"),
            _("Period"),
            _("Source"),
        ],
    }


INPUT = {"measures": (5, 7), "deadlines": (6, 8), "indicators": (7, 9)}  # first, last column


def form(view: Form) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    GREY = PatternFill("solid", fgColor="E7E9EC")
    book = Workbook()
    names = sheet_names()
    help_sheet = book.active
    assert help_sheet is not None
    help_sheet.title = names["help"]
    _instructions(help_sheet, view)
    rows = _rows(view)
    for key in SHEETS:
        sheet = book.create_sheet(names[key])
        head = headers()[key]
        sheet.append(head)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows[key]:
            sheet.append(row)
        first, last = INPUT[key]
        for r in range(2, len(rows[key]) + 2):
            for c in range(1, len(head) + 1):
                cell = sheet.cell(row=r, column=c)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # plan text, never a formula
                if first <= c <= last:
                    cell.protection = Protection(locked=False)
                else:  # what the partner reads, not writes: grey, as the instructions say
                    cell.fill = GREY
        _validate(sheet, key, len(rows[key]) + 1)
        _layout(sheet, key)
        sheet.freeze_panes = "A2"
        sheet.protection.sheet = True
        sheet.protection.formatRows = False  # rows may be made higher to read long text
        sheet.protection.formatColumns = False
    meta = book.create_sheet(META)
    for key, value in (
        ("format", _format()),
        ("plan", view.plan),
        ("partner", view.partner),
        ("made_on", view.made_on.isoformat()),
        ("digest", _digest(view)),
    ):
        meta.append([key, value])
    for key in SHEETS:
        meta.append(["sheet", key, names[key]])
        meta.append(["columns", key, "\t".join(headers()[key])])
    for ident, state in sorted(view.fingerprints.items()):
        meta.append(["measure", ident, state])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    book.properties.title = _("Status request")
    book.properties.creator = "mpi"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _format() -> str:
    from mpi.domain.exchange import FORMAT

    return FORMAT


def _digest(view: Form) -> str:
    from mpi.domain.exchange import digest

    return digest(view.plan, view.partner, view.made_on.isoformat(), view.fingerprints)


def _rows(view: Form) -> dict[str, list[list[Any]]]:
    def day(d: Any) -> datetime | None:
        return None if d is None else datetime.combine(d, time())

    return {
        "measures": [
            [
                m.id,
                one_line(m.title),
                status_word(m.status),
                one_line(m.latest.text) if m.latest else None,
                None,
                None,
                None,
            ]
            for m in view.measures
        ],
        "deadlines": [
            [
                d.measure,
                d.milestone,
                one_line(d.title),
                values.due(d.due),
                state_word("overdue" if d.overdue else "open"),
                None,
                None,
                None,
                d.occurrence,
            ]
            for d in view.deadlines
        ],
        "indicators": [
            [
                row.measure,
                row.indicator.id,
                one_line(row.indicator.name),
                visible(row.indicator.unit),
                row.last_value,
                values.due(row.last_period) if row.last_period else day(row.last_date),
                None,
                None,
                None,
            ]
            for row in view.indicators
        ],
    }


def _validate(sheet: Any, key: str, last_row: int) -> None:
    """Drop-downs of the words mpi reads back, dates, numbers; each with a German message."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if last_row < 2:
        return
    checks: list[tuple[str, DataValidation]] = []
    if key == "measures":
        words = ",".join(status_word(s) for s in NEW_STATUSES)
        checks.append(("E", DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)))
        checks.append(("G", _date_check()))
    elif key == "deadlines":
        words = ",".join(state_word(s) for s in STATES)
        checks.append(("F", DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)))
        checks.append(("G", _date_check()))
    else:
        number = DataValidation(
            type="decimal",
            operator="between",
            allow_blank=True,
            formula1="-1E+15",
            formula2="1E+15",
        )
        number.error = _("A number, e.g. 19,5")
        checks.append(("G", number))
    for column, check in checks:
        check.showErrorMessage = True
        check.errorTitle = _("Not a valid entry")
        check.error = check.error or _("Choose an entry of the list.")
        sheet.add_data_validation(check)
        check.add(f"{column}2:{column}{last_row}")
    for row in sheet.iter_rows(min_row=2, max_row=last_row):
        for cell in row:
            if key == "indicators" and cell.column in (5, 7):
                cell.number_format = NUMBER_FORMAT
            if (key, cell.column) in (("measures", 7), ("deadlines", 7), ("indicators", 6)):
                cell.number_format = DATE_FORMAT
            if (key, cell.column) == ("indicators", 8):
                cell.number_format = "@"  # a period as typed (06.2025), not made a day


def _date_check() -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
    check.error = _("A date, e.g. 02.06.2027")
    return check


WIDTHS = {
    "measures": (10, 40, 14, 40, 16, 50, 12),
    "deadlines": (10, 24, 40, 14, 12, 14, 12, 40, 10),
    "indicators": (10, 22, 36, 10, 14, 12, 14, 12, 30),
}


def _layout(sheet: Any, key: str) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(WIDTHS[key], start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    if key == "deadlines":
        sheet.column_dimensions["I"].hidden = True  # the occurrence, as mpi reads it


def _instructions(sheet: Any, view: Form) -> None:
    from openpyxl.styles import Alignment, Font

    lines = [
        _("Status request: {plan}").format(plan=one_line(view.plan)),
        _("For: {partner}").format(partner=one_line(view.partner_name)),
        _("As of {day}; made from {made_from}").format(
            day=values.day(view.made_on), made_from=one_line(view.made_from)
        ),
        "",
        _("Please fill in the white columns of the sheets Measures, Deadlines and Indicators:"),
        _("Measures: a new status from the list, the state of work in a few sentences, its date."),
        _("Deadlines: done, missed or open, the date it was done, a note (a missed one: why)."),
        _("Indicators: the new value, the period it refers to (2025 or 06.2025), its source."),
        _("Leave a row empty where nothing changed. Do not add rows or change the grey columns."),
        _("Send the file back as it is (.xlsx); the BWI imports it with mpi import."),
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110
    for row in sheet.iter_rows():
        row[0].alignment = Alignment(wrap_text=True)
    sheet.protection.sheet = True
