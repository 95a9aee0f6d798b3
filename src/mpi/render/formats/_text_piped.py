"""Text for pipes and files: one record per line, tab-separated, nothing wrapped or padded, so
`grep`, `cut -f`, `sort` and `wc -l` work (`--format text` when the output is not a terminal).
A date that leads a record is ISO (`2026-12`, sorts as text); a count is a bare number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.domain.words import MEASURE_STATUSES
from mpi.i18n import _, ngettext
from mpi.render import values
from mpi.render.formats._rich import STATUS_STYLE, t
from mpi.render.provenance import basis as basis_word
from mpi.render.provenance import dated, short
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from rich.text import Text

    from mpi.views.due import DueRow
    from mpi.views.measures import MeasureRow
    from mpi.views.status import StatusSummary
    from mpi.views.timeline import Timeline


def measures_count(count: int) -> str:
    return ngettext("{count} measure", "{count} measures", count).format(count=count)


LATE_MARK = {"missed": "✗ ", "overdue": "! ", "delayed": "◐ "}


def measure_due(row: MeasureRow) -> Text:
    """The oldest missed deadline, marked `✗`, or the oldest late one, marked `!` (overdue) or
    `◐` (delayed), or else the next one."""
    shown = row.due
    if shown is None:
        return t(values.DASH)
    mark = LATE_MARK.get(shown.state, "")
    return t(mark + short(shown), STATUS_STYLE.get(shown.state, ""))


def record(*cells: object) -> str:
    return "\t".join(one_line("" if c is None else str(c)) for c in cells) + "\n"


def _duerecord(r: DueRow) -> str:
    """The last day the deadline covers first (`2026-12-31` for `bis 2026`), so that `sort`
    puts the records in mpi's order; the deadline in the document's words follows."""
    recurring = _("recurring") if r.recurring else ""
    return record(
        r.due.end.isoformat(),
        r.measure or r.owner,
        r.milestone,
        r.title,
        state_word(r.state),
        recurring,
        dated(r),
        basis_word(r.basis),
    )


def piped_status(summary: StatusSummary) -> str:
    """Per field (then the plan level and the total): id, title, measures, their statuses (as
    the terminal orders them), open milestones, overdue, delayed and missed deadlines, the
    next deadline (ISO, at its own precision) and whose it is."""
    lines = []
    for f in [*summary.fields, summary.plan_level, summary.totals]:
        counts = ", ".join(
            f"{f.by_status[s]} {status_word(s)}" for s in MEASURE_STATUSES if f.by_status.get(s)
        )
        nxt = f.next_due
        lines.append(
            record(
                _("total") if f is summary.totals else f.id,
                values.field_title(f),
                f.measures,
                counts,
                f.open_milestones,
                f.overdue,
                f.delayed,
                f.missed,
                nxt.due.iso() if nxt else "",
                (nxt.measure or nxt.owner) if nxt else "",
            )
        )
    return "".join(lines)  # one kind of record: the deadlines are `mpi due`'s


def piped_measures(rows: list[MeasureRow]) -> str:
    return "".join(
        record(
            r.id,
            status_word(r.status),
            r.title,
            *(", ".join(x) for x in (r.lead_names, r.tags)),
            measure_due(r).plain if r.due else "",
        )
        for r in rows
    )


def piped_due(rows: list[DueRow]) -> str:
    return "".join(_duerecord(r) for r in rows)


def piped_timeline(view: Timeline) -> str:
    return "".join(
        f"{y.year}\t" + _duerecord(r)
        for y in view.years
        for r in sorted([*y.milestones, *y.recurring], key=lambda r: r.due.end)
    )
