"""Markdown building blocks: escaping, tables, deadline cells and provenance notes.

Plan text is escaped (never markup); cells that are already Markdown are passed as `Raw`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mpi.domain.words import MEASURE_STATUSES
from mpi.i18n import N_, _
from mpi.render import assessment, values
from mpi.render.messages import late_status
from mpi.render.provenance import Notes, progress, worded
from mpi.render.provenance import status as status_word
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from mpi.views.due import DueRow, MilestoneLine
    from mpi.views.indicators import IndicatorRow
    from mpi.views.status import StatusSummary

_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


class Raw(str):
    """A cell that is Markdown already (escaped parts, code spans): not escaped again."""

    __slots__ = ()


def esc(value: Any) -> str:
    """Plan text as inert Markdown: markup characters escaped, HTML neutralised, one line."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return values.number(value)
    if isinstance(value, list | tuple):
        return ", ".join(esc(v) for v in value)
    text = one_line(str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;")  # no tag can open without "<"
    text = _SPECIAL.sub(r"\\\1", text)
    # ">" is markup only where a line starts (a quote): "2030 -> 2032" stays as it reads
    return "\\" + text if text.startswith(">") else text


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def when(row: DueRow, notes: Notes) -> Raw:
    """A deadline in the document's words, with the mark of its note: `bis 2033 [1]`."""
    return Raw(esc(worded(row)) + esc(notes.row(row)))


def state(row: DueRow) -> str:
    return progress(row.status, row.state, row.done)


def due_table(rows: list[DueRow], notes: Notes) -> str:
    if not rows:
        return "_" + _("No milestones.") + "_\n"
    return table(
        [_("Due"), _("Measure"), _("Milestone"), _("Status")],
        ([when(r, notes), values.owner(r), r.title, state(r)] for r in rows),
    )


def late_table(lines: list[MilestoneLine], notes: Notes, empty: str) -> str:
    """Late deadlines, a recurring milestone once: its oldest late one and how many."""
    if not lines:
        return f"_{empty}_\n"
    rows = [[when(x.row, notes), x.row.whose, x.row.title, late_status(x)] for x in lines]
    return table([_("Due"), _("Measure"), _("Milestone"), _("Status")], rows)


def notes_block(notes: Notes, heading: str | None = None) -> list[str]:
    """The notes as a list below a table: how each marked date or target is known."""
    if not notes.items:
        return []
    out = [f"{heading}", ""] if heading else []
    return [*out, *(f"- {esc(line)}" for line in notes.lines()), ""]


STATUS_HEADER = [
    N_("Field"),
    N_("Title"),
    N_("Measures"),
    N_("Open milestones"),
    N_("Missed deadlines"),
    N_("Overdue deadlines"),
    N_("Delayed"),
    N_("Next deadline"),
]


def status_table(summary: StatusSummary, notes: Notes) -> str:
    """Measures by status per field, the plan level, the totals: what each count counts."""
    rows = [
        [*cells, Raw(f"{when(nxt, notes)} {esc(nxt.whose)}") if nxt else "–"]
        for f, cells in values.status_cells(summary)
        for nxt in [f.next_due]
    ]
    head = [_(word) for word in STATUS_HEADER]
    head[3:3] = [status_word(name) for name in MEASURE_STATUSES]
    return table(head, rows)


def assessed(row: IndicatorRow) -> Raw:
    """The assessment: the category in bold, then why and the numbers."""
    a = row.assessment
    details = assessment.details(a, row.indicator.unit)
    cell = "**" + esc(assessment.category(a)) + "**"
    return Raw(cell + ("<br>" + esc(details) if details else ""))


def indicator_table(rows: list[IndicatorRow], notes: Notes, *, measures: bool) -> str:
    """Baseline, last value and target with the marks of their notes, and the assessment."""
    out: list[list[Any]] = []
    for row in rows:
        i = row.indicator
        base = values.baseline(i) + (notes.baseline(i.id, i.baseline) if i.baseline else "")
        name = f"{esc(i.name)}<br>_{esc(i.note)}_" if i.note else esc(i.name)
        out.append(
            [
                i.id,
                *([row.measure] if measures else []),
                Raw(name),
                base,
                values.last(row),
                values.target(i) + notes.target(i.id, i.target),
                assessed(row),
            ]
        )
    head = [_("ID"), *([_("Measure")] if measures else []), _("Indicator"), _("Baseline")]
    head += [_("Last value"), _("Target"), _("Assessment")]
    return table(head, out)


def ended(out: list[str], colophon: str | None) -> str:
    """The document's lines, then what it was made from below a rule, at the end: the body
    speaks about the plan."""
    text = "\n".join(out).rstrip("\n") + "\n"
    return text + f"\n---\n\n_{esc(colophon)}_\n" if colophon else text
