"""`mpi report --format docx`: the progress report as a Word document, with the parts and
words of the Markdown and HTML report: measures by Handlungsfeld, late, missed and upcoming
deadlines, the indicators with their assessment, changes and decisions, every measure;
what it was made from in a small colophon at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.domain.words import MEASURE_STATUSES
from mpi.i18n import _
from mpi.render import assessment, values
from mpi.render.change_words import describe
from mpi.render.decision_words import decision_line, decisions_heading
from mpi.render.formats._docx import add_table, document, plain, saved
from mpi.render.messages import (
    colophon,
    invalid_warning,
    late_parts,
    late_status,
    milestone_note,
    standpoint,
)
from mpi.render.provenance import Notes, worded
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word

if TYPE_CHECKING:
    from docx.document import Document

    from mpi.views.due import DueRow, MilestoneLine
    from mpi.views.report import Report


def _when(row: DueRow, notes: Notes) -> str:
    return worded(row) + notes.row(row)


def _late(doc: Document, lines: list[MilestoneLine], notes: Notes, empty: str) -> None:
    if not lines:
        doc.add_paragraph(empty).runs[0].italic = True
        return
    rows = [[_when(x.row, notes), x.row.whose, x.row.title, late_status(x)] for x in lines]
    add_table(doc, [_("Due"), _("Measure"), _("Milestone"), _("Status")], rows)


def report(rep: Report) -> bytes:
    notes = Notes()
    title = _("Progress report: {title}").format(title=rep.title)
    doc = document(title, rep.title, rep.today, "")
    doc.add_heading(plain(title), level=0)
    rec = rep.made_from
    if rec is not None and invalid_warning(rec):
        doc.add_paragraph().add_run(plain(invalid_warning(rec))).bold = True
    doc.add_paragraph(
        plain(standpoint(rep.today, rec.as_of if rec else None, rec.read_on if rec else None))
    )
    if rep.leads:
        doc.add_paragraph(plain(values.report_of(rep.leads, rep.partners)))
    _fields(doc, rep, notes)
    for heading, lines, empty in late_parts(rep):
        doc.add_heading(heading, level=1)
        _late(doc, lines, notes, empty)
    _upcoming(doc, rep, notes)
    _indicators(doc, rep, notes)
    _changes(doc, rep)
    _measures(doc, rep, notes)
    if notes.items:
        doc.add_heading(_("Notes: dates and targets the document does not state"), level=1)
        for said in notes.lines():
            doc.add_paragraph(plain(said), style="List Bullet")
    if rec is not None:
        from docx.shared import Pt

        made = doc.add_paragraph().add_run(plain(colophon(rec)))
        made.italic, made.font.size = True, Pt(8)
    return saved(doc)


def _fields(doc: Document, rep: Report, notes: Notes) -> None:
    """Measures by Handlungsfeld: counts by status, open milestones, late deadlines, next."""
    s, t = rep.summary, rep.summary.totals
    doc.add_heading(_("Measures by Handlungsfeld"), level=1)
    rows = []
    for f in [*s.fields, s.plan_level, t]:
        counts = ", ".join(
            f"{f.by_status[n]} {status_word(n)}" for n in MEASURE_STATUSES if f.by_status.get(n)
        )
        nxt = f.next_due
        name = f"{values.field_id(f, s)} {values.field_title(f)}".strip()
        rows.append(
            [
                name,
                str(f.measures),
                counts or "–",
                str(f.open_milestones),
                str(f.missed),
                str(f.overdue),
                str(f.delayed),
                f"{_when(nxt, notes)} {nxt.whose}" if nxt else "–",
            ]
        )
    head = [_("Field"), _("Measures"), _("By status"), _("Open milestones")]
    late = [_("Missed deadlines"), _("Overdue deadlines"), _("Delayed"), _("Next deadline")]
    add_table(doc, [*head, *late], rows)


def _upcoming(doc: Document, rep: Report, notes: Notes) -> None:
    doc.add_heading(_("Upcoming (next 12 months)"), level=1)
    if not rep.upcoming:
        doc.add_paragraph(_("None due in the next 12 months.")).runs[0].italic = True
        return
    soon = [
        [_when(x.row, notes), x.row.whose, x.row.title, milestone_note(x, False)]
        for x in rep.upcoming
    ]
    add_table(doc, [_("Due"), _("Measure"), _("Milestone"), _("Note")], soon)


def _changes(doc: Document, rep: Report) -> None:
    """The changes since a revision (a weakening one in bold), then the decisions on record."""
    if rep.changes is not None:
        doc.add_heading(plain(_("Changes since {revision}").format(revision=rep.since)), level=1)
        for c in rep.changes:
            line = doc.add_paragraph(style="List Bullet")
            line.add_run(plain(describe(c, rep.names, rep.titles, rep.units))).bold = c.weakening
        if not rep.changes:
            doc.add_paragraph(_("No changes."))
    if rep.decisions:
        doc.add_heading(plain(decisions_heading(rep.decisions)), level=1)
        for r in rep.decisions:
            doc.add_paragraph(plain(decision_line(r)), style="List Bullet")


def _measures(doc: Document, rep: Report, notes: Notes) -> None:
    doc.add_heading(_("All measures"), level=1)
    for f in rep.summary.fields:
        doc.add_heading(plain(f"{f.id} {f.title}"), level=2)
        measures = [
            [m.id, m.title, status_word(m.status), _measure_due(m.due, bool(m.late), notes)]
            for m in rep.measures
            if m.field == f.id
        ]
        if measures:
            add_table(doc, [_("ID"), _("Measure"), _("Status"), _("Due")], measures)
        else:
            doc.add_paragraph(_("No measures."))


def _measure_due(due: DueRow | None, late: bool, notes: Notes) -> str:
    if due is None:
        return "–"
    return f"{_when(due, notes)} {state_word(due.state)}" if late else _when(due, notes)


def _indicators(doc: Document, rep: Report, notes: Notes) -> None:
    doc.add_heading(_("Indicators"), level=1)
    if not rep.indicators:
        doc.add_paragraph(_("No indicators.")).runs[0].italic = True
        return
    rows = []
    for line in rep.indicators:
        row, ind = line.row, line.row.indicator
        base = values.baseline(ind) + (notes.baseline(ind.id, ind.baseline) if ind.baseline else "")
        a = row.assessment
        rows.append(
            [
                line.measure,
                ind.name,
                base,
                values.last(row),
                values.target(ind) + notes.target(ind.id, ind.target),
                "; ".join(filter(None, [assessment.category(a), assessment.details(a, ind.unit)])),
            ]
        )
    head = [_("Measure"), _("Indicator"), _("Baseline"), _("Last value"), _("Target")]
    add_table(doc, [*head, _("Assessment")], rows)
