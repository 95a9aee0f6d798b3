"""`--format xlsx`: Excel workbooks for people (openpyxl, imported only when one is written):
`list`, `due`, `status` and `indicators` as one sheet each, with headers in the reader's
language, a frozen header row and a filter, dates and numbers as typed cells in German
formats; and the status request to a partner (`mpi form`, in `_xlsx_form.py`). JSON and CSV
stay the machine contract."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from mpi.domain.words import MEASURE_STATUSES
from mpi.i18n import _
from mpi.render import assessment, values
from mpi.render.provenance import basis as basis_word
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word
from mpi.render.provenance import worded
from mpi.render.registry import Format
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from mpi.views.due import DueRow
    from mpi.views.form import Form
    from mpi.views.indicators import IndicatorRow
    from mpi.views.measures import MeasureRow
    from mpi.views.status import StatusSummary

DATE_FORMAT = "DD.MM.YYYY"
NUMBER_FORMAT = "#,##0.###"


def form(view: Form) -> bytes:
    from mpi.render.formats._xlsx_form import form as draw

    return draw(view)


def _day(value: date | None) -> datetime | None:
    return None if value is None else datetime.combine(value, time())


def book(title: str, head: list[str], rows: list[list[Any]]) -> bytes:
    """One sheet: a bold, frozen header row with a filter; text made inert (never a formula,
    no control character), dates and numbers typed, columns as wide as their content."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(head)
    for values_ in rows:
        sheet.append([one_line(v) if isinstance(v, str) else v for v in values_])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in head]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # plan text, never a formula
                widths[cell.column - 1] = max(widths[cell.column - 1], min(len(cell.value), 60))
            elif isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT
                widths[cell.column - 1] = max(widths[cell.column - 1], 10)
            elif isinstance(cell.value, float):
                cell.number_format = NUMBER_FORMAT
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = title
    workbook.properties.creator = "mpi"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def measures(rows: list[MeasureRow]) -> bytes:
    head = [
        _("Measure"),
        _("Field"),
        _("Title"),
        _("Status"),
        _("Lead"),
        _("Next deadline"),
        _("Overdue deadlines"),
        _("Delayed"),
        _("Last update"),
    ]
    cells = [
        [
            m.id,
            m.field,
            m.title,
            status_word(m.status),
            ", ".join(m.lead_names),
            worded(m.next) if m.next else None,
            m.overdue,
            m.delayed,
            _day(m.last_update),
        ]
        for m in rows
    ]
    return book(_("Measures"), head, cells)


def due(rows: list[DueRow]) -> bytes:
    head = [
        _("Due"),
        _("Due by"),
        _("Measure"),
        _("Milestone"),
        _("Title"),
        _("Status"),
        _("Recurring"),
        _("How the date is known"),
    ]
    cells = [
        [
            worded(r),
            _day(r.due.end),
            values.owner(r),
            r.milestone,
            r.title,
            state_word(r.state),
            _("yes") if r.recurring else _("no"),
            basis_word(r.basis) if r.basis else None,
        ]
        for r in rows
    ]
    return book(_("Deadlines"), head, cells)


def status(summary: StatusSummary) -> bytes:
    head = [
        _("Field"),
        _("Title"),
        _("Measures"),
        *(status_word(s) for s in MEASURE_STATUSES),
        _("Open milestones"),
        _("Missed deadlines"),
        _("Overdue deadlines"),
        _("Delayed"),
        _("Next deadline"),
    ]
    cells = [
        [*row, f"{worded(nxt)} {nxt.whose}" if nxt else None]
        for f, row in values.status_cells(summary)
        for nxt in [f.next_due]
    ]
    return book(_("Status"), head, cells)


def indicators(rows: list[IndicatorRow]) -> bytes:
    head = [
        _("Measure"),
        _("Indicator"),
        _("Name"),
        _("Unit"),
        _("Baseline"),
        _("Baseline year"),
        _("Last value"),
        _("As of"),
        _("Period"),
        _("Target"),
        _("Target year"),
        _("Direction"),
        _("Assessment"),
    ]
    cells = []
    for row in rows:
        i, a = row.indicator, row.assessment
        year = i.target.year
        cells.append(
            [
                row.measure,
                i.id,
                i.name,
                i.unit,
                i.baseline.value if i.baseline else None,
                i.baseline.year if i.baseline else None,
                row.last_value,
                _day(row.last_date),
                values.due(row.last_period) if row.last_period else None,
                i.target.value,
                _("permanent") if year == "permanent" else year,
                values.direction(i.direction),
                assessment.category(a),
            ]
        )
    return book(_("Indicators"), head, cells)


FORMAT = Format(
    name="xlsx", status=status, measures=measures, due=due, indicators=indicators, form=form
)
