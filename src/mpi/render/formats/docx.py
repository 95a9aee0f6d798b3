"""`mpi round --format docx`: the briefing as a Word document the BWI can edit before sending
it: real headings (Heading 1 per Handlungsfeld, Heading 2 per part, so Word's navigation pane
and a table of contents find them), real tables, a page per Handlungsfeld.

python-docx (and lxml) are imported here only, when a Word file is asked for (~60 ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.i18n import _
from mpi.render import assessment, briefing, values
from mpi.render.formats._docx import add_table, contents, document, plain, saved
from mpi.render.messages import colophon, invalid_warning
from mpi.render.provenance import Notes, worded
from mpi.render.registry import Format

if TYPE_CHECKING:
    from docx.document import Document

    from mpi.views.due import MilestoneLine
    from mpi.views.meetings import Minutes
    from mpi.views.report import Report
    from mpi.views.round import Round, Section


def _deadlines(doc: Document, view: Round, lines: list[MilestoneLine], notes: Notes) -> None:
    rows = []
    for line in lines:
        r = line.row
        item = view.items.get(r.owner)
        due = worded(r) + notes.row(r)
        note = briefing.deadline_note(view, line)
        rows.append(
            [due, f"{r.owner} {r.title}", briefing.status(line), briefing.lead(view, item), note]
        )
    add_table(doc, [_("Due"), _("Milestone"), _("Status"), _("Lead"), _("Latest note")], rows)


def _section(doc: Document, view: Round, s: Section, notes: Notes) -> None:
    title = doc.add_heading(plain(briefing.heading(s)), level=1)
    title.paragraph_format.page_break_before = True
    shown = False
    if view.since is not None:
        done, noted = briefing.changed(view, s)
        if done or noted:
            shown = True
            doc.add_heading(_("Changes since the last round"), level=2)
            for line in done:
                doc.add_paragraph(plain(line), style="List Bullet")
            if noted:
                doc.add_paragraph().add_run(_("New notes")).bold = True
                for line in noted:
                    doc.add_paragraph(plain(line), style="List Bullet")
    upcoming = _("Due before the next round ({day})").format(day=values.day(view.until))
    for part, lines in ((_("Late"), s.late), (_("Missed"), s.missed), (upcoming, s.upcoming)):
        if lines:
            shown = True
            doc.add_heading(part, level=2)
            _deadlines(doc, view, lines, notes)
    stale = _("Without an update for more than {span}").format(span=briefing.span(view.stale))
    for part, rows, is_stale in ((_("Measures at risk"), s.at_risk, False), (stale, s.stale, True)):
        if rows:
            shown = True
            doc.add_heading(part, level=2)
            last = _("Last update") if is_stale else _("Latest note")
            table = []
            for m in rows:
                item = view.items[m.id]
                when = values.day(m.last_update) if m.last_update else _("never")
                table.append(
                    [
                        f"{m.id} {m.title}",
                        briefing.lead(view, item),
                        when if is_stale else briefing.latest(view, item),
                    ]
                )
            add_table(doc, [_("Measure"), _("Lead"), last], table)
    if s.indicators:
        shown = True
        doc.add_heading(_("Indicators"), level=2)
        table = []
        for row in s.indicators:
            i, a = row.indicator, row.assessment
            said = assessment.summary(a, i.unit)
            table.append(
                [
                    f"{row.measure} {i.name}",
                    values.baseline(i) + (notes.baseline(i.id, i.baseline) if i.baseline else ""),
                    values.last(row),
                    values.target(i) + notes.target(i.id, i.target),
                    said,
                ]
            )
        head = [_("Indicator"), _("Baseline"), _("Last value"), _("Target"), _("Assessment")]
        add_table(doc, head, table)
    if not shown:
        doc.add_paragraph().add_run(_("Nothing changed, nothing is due or late.")).italic = True


def _meeting(doc: Document, view: Round) -> None:
    """The meeting it is for, its agenda, the action items it follows up."""
    part = view.meeting
    if part is None:
        return
    for label, value in briefing.meeting_facts(view, part):
        line = doc.add_paragraph()
        line.add_run(plain(label + ": ")).bold = True
        line.add_run(plain(value))
    doc.add_heading(_("Agenda"), level=1)
    rows = [[f"TOP {r.number}", r.top.title, briefing.reporting(view, r.top)] for r in part.agenda]
    if rows:
        add_table(doc, [_("Item"), _("Subject"), _("Reporting")], rows)
    else:
        doc.add_paragraph(_("No agenda on record."))
    if part.previous is not None:
        said = _("Action items of the last meeting ({day})")
        doc.add_heading(plain(said.format(day=values.day(part.previous.date))), level=1)
        actions = [briefing.action_cells(view, part, a) for a in part.actions]
        head = briefing.action_head()
        add_table(doc, head, actions) if actions else doc.add_paragraph(_("No action items."))


def _proposals(doc: Document, view: Round) -> None:
    part = view.meeting
    if part is None or not part.proposals:
        return
    doc.add_heading(_("Proposed decisions"), level=1)
    for p in part.proposals:
        d = p.decision
        doc.add_heading(plain(f"{briefing.item_label(d)} {d.item.title}"), level=3)
        doc.add_paragraph(plain(briefing.reason(view, d)))
        for option in p.options:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(plain(briefing.option_words(option)))
            if option.command:
                item.add_run(": ")
                item.add_run(plain(briefing.command_line(option))).font.name = "Courier New"


def round_(view: Round) -> bytes:
    """The briefing as a .docx file."""
    from docx.shared import Pt, RGBColor

    title = _("Briefing for the coordination round: {title}").format(title=view.title)
    if view.meeting is not None:
        title = briefing.meeting_title(view.meeting)
    doc = document(title, view.title, view.today, briefing.stamp(view))
    doc.add_heading(plain(title), level=0)
    warning = invalid_warning(view.made_from)
    if warning:
        run = doc.add_paragraph().add_run(plain(warning))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    doc.add_paragraph(plain(briefing.period(view)))
    _meeting(doc, view)
    doc.add_heading(_("Contents"), level=1)
    entries = [_("For decision ({count})").format(count=len(view.decisions))]
    if view.meeting is not None and view.meeting.proposals:
        entries.append(_("Proposed decisions"))
    entries += [plain(briefing.missing_heading(view))] if view.missing else []
    entries += [plain(briefing.decided_heading(view))] if view.decided else []
    contents(doc, entries + [plain(briefing.heading(s)) for s in view.sections])
    doc.add_heading(_("For decision ({count})").format(count=len(view.decisions)), level=1)
    if view.decisions:
        rows = [
            [
                f"{briefing.item_label(d)} {d.item.title}",
                briefing.lead(view, d.item),
                briefing.reason(view, d),
                briefing.latest(view, d.item),
            ]
            for d in view.decisions
        ]
        add_table(doc, [_("Measure"), _("Lead"), _("Why"), _("Latest note")], rows)
    else:
        doc.add_paragraph(_("Nothing to decide."))
    _proposals(doc, view)
    if view.missing:
        doc.add_heading(plain(briefing.missing_heading(view)), level=1)
        doc.add_paragraph(plain(briefing.missing_intro(view)))
        for who, entries in briefing.missing_groups(view):
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(plain(who)).bold = True
            item.add_run(plain(": " + "; ".join(entries)))
    if view.decided:
        doc.add_heading(plain(briefing.decided_heading(view)), level=1)
        for line in briefing.decided(view):
            doc.add_paragraph(plain(line), style="List Bullet")
    notes = Notes()
    for s in view.sections:
        _section(doc, view, s, notes)
    if notes.items:
        doc.add_heading(_("Notes: dates and targets the document does not state"), level=1)
        for line in notes.lines():
            doc.add_paragraph(plain(line), style="List Bullet")
    # What it was made from (commit, cut-off, version, validation): small, at the end; the
    # body speaks about the plan.
    made = doc.add_paragraph().add_run(plain(colophon(view.made_from)))
    made.italic, made.font.size = True, Pt(8)
    return saved(doc)


def minutes(view: Minutes) -> bytes:
    from mpi.render.formats._minutes import docx

    return docx(view)


def report(rep: Report) -> bytes:
    from mpi.render.formats._docx_report import report as draw

    return draw(rep)


FORMAT = Format(name="docx", report=report, round=round_, minutes=minutes)
