"""`mpi round --format docx`: the briefing as a Word document the BWI can edit before sending
it: real headings (Heading 1 per Handlungsfeld, Heading 2 per part, so Word's navigation pane
and a table of contents find them), real tables, a page per Handlungsfeld.

python-docx (and lxml) are imported here only, when a Word file is asked for (~60 ms).
"""

from __future__ import annotations

import io
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from mpi.i18n import _, language
from mpi.render import assessment, values
from mpi.render.briefing import (
    changed,
    deadline_note,
    decided,
    decided_heading,
    heading,
    latest,
    lead,
    missing_groups,
    missing_heading,
    missing_intro,
    period,
    reason,
    span,
    stamp,
    status,
)
from mpi.render.messages import colophon, invalid_warning
from mpi.render.provenance import Notes, worded
from mpi.render.registry import Format
from mpi.render.safe import visible

if TYPE_CHECKING:
    from docx.document import Document

    from mpi.views.due import MilestoneLine
    from mpi.views.round import Round, Section

LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}


def _text(value: Any) -> str:
    """Plan text for a Word run: no control or bidi character reaches the file (XML 1.0 has
    no room for most of them anyway)."""
    return visible("" if value is None else str(value))


def _table(doc: Document, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(text)).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _text(text)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of each page a table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _deadlines(doc: Document, view: Round, lines: list[MilestoneLine], notes: Notes) -> None:
    rows = []
    for line in lines:
        r = line.row
        item = view.items.get(r.owner)
        due = worded(r) + notes.row(r)
        note = deadline_note(view, line)
        rows.append([due, f"{r.owner} {r.title}", status(line), lead(view, item), note])
    _table(doc, [_("Due"), _("Milestone"), _("Status"), _("Lead"), _("Latest note")], rows)


def _section(doc: Document, view: Round, s: Section, notes: Notes) -> None:
    title = doc.add_heading(_text(heading(s)), level=1)
    title.paragraph_format.page_break_before = True
    shown = False
    if view.since is not None:
        done, noted = changed(view, s)
        if done or noted:
            shown = True
            doc.add_heading(_("Changes since the last round"), level=2)
            for line in done:
                doc.add_paragraph(_text(line), style="List Bullet")
            if noted:
                doc.add_paragraph().add_run(_("New notes")).bold = True
                for line in noted:
                    doc.add_paragraph(_text(line), style="List Bullet")
    upcoming = _("Due before the next round ({day})").format(day=values.day(view.until))
    for part, lines in ((_("Late"), s.late), (_("Missed"), s.missed), (upcoming, s.upcoming)):
        if lines:
            shown = True
            doc.add_heading(part, level=2)
            _deadlines(doc, view, lines, notes)
    stale = _("Without an update for more than {span}").format(span=span(view.stale))
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
                    [f"{m.id} {m.title}", lead(view, item), when if is_stale else latest(item)]
                )
            _table(doc, [_("Measure"), _("Lead"), last], table)
    if s.indicators:
        shown = True
        doc.add_heading(_("Indicators"), level=2)
        table = []
        for row in s.indicators:
            i, a = row.indicator, row.assessment
            details = [d for d in (assessment.reason(a), assessment.numbers(a, i.unit)) if d]
            said = assessment.category(a) + (": " + "; ".join(details) if details else "")
            table.append(
                [
                    f"{row.measure} {i.name}",
                    values.baseline(i) + (notes.baseline(i.id, i.baseline) if i.baseline else ""),
                    values.reading(row.last_value, i.unit, row.last_date),
                    values.target(i) + notes.target(i.id, i.target),
                    said,
                ]
            )
        head = [_("Indicator"), _("Baseline"), _("Last value"), _("Target"), _("Assessment")]
        _table(doc, head, table)
    if not shown:
        doc.add_paragraph().add_run(_("Nothing changed, nothing is due or late.")).italic = True


def round_(view: Round) -> bytes:
    """The briefing as a .docx file."""
    from docx import Document as new_document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = new_document()
    for part in doc.sections:  # A4 with 2 cm margins, as a German office prints it
        part.page_width, part.page_height = Mm(210), Mm(297)
        part.left_margin = part.right_margin = Mm(20)
        part.top_margin = part.bottom_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), LANGUAGE_TAGS.get(language(), "de-DE"))
    normal.element.get_or_add_rPr().append(tag)  # Word's spelling checker reads German
    title = _("Briefing for the coordination round: {title}").format(title=view.title)
    properties = doc.core_properties
    properties.title = _text(title)
    properties.author = properties.last_modified_by = "mpi"
    properties.comments = ""  # the template's says which library wrote the file
    properties.language = LANGUAGE_TAGS.get(language(), "de-DE")
    properties.created = properties.modified = datetime.combine(view.today, time())
    _page_numbers(doc, _text(view.title))
    if stamp(view):  # on every page: in the header
        for part in doc.sections:
            head = part.header.paragraphs[0].add_run(_text(stamp(view)))
            head.bold = True
            head.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    doc.add_heading(_text(title), level=0)
    warning = invalid_warning(view.made_from)
    if warning:
        run = doc.add_paragraph().add_run(_text(warning))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    doc.add_paragraph(_text(period(view)))
    doc.add_heading(_("Contents"), level=1)
    entries = [_("For decision ({count})").format(count=len(view.decisions))]
    entries += [_text(missing_heading(view))] if view.missing else []
    entries += [_text(decided_heading(view))] if view.decided else []
    _contents(doc, entries + [_text(heading(s)) for s in view.sections])
    doc.add_heading(_("For decision ({count})").format(count=len(view.decisions)), level=1)
    if view.decisions:
        rows = [
            [f"{d.item.id} {d.item.title}", lead(view, d.item), reason(view, d), latest(d.item)]
            for d in view.decisions
        ]
        _table(doc, [_("Measure"), _("Lead"), _("Why"), _("Latest note")], rows)
    else:
        doc.add_paragraph(_("Nothing to decide."))
    if view.missing:
        doc.add_heading(_text(missing_heading(view)), level=1)
        doc.add_paragraph(_text(missing_intro(view)))
        for who, entries in missing_groups(view):
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(_text(who)).bold = True
            item.add_run(_text(": " + "; ".join(entries)))
    if view.decided:
        doc.add_heading(_text(decided_heading(view)), level=1)
        for line in decided(view):
            doc.add_paragraph(_text(line), style="List Bullet")
    notes = Notes()
    for s in view.sections:
        _section(doc, view, s, notes)
    if notes.items:
        doc.add_heading(_("Notes: dates and targets the document does not state"), level=1)
        for line in notes.lines():
            doc.add_paragraph(_text(line), style="List Bullet")
    # What it was made from (commit, cut-off, version, validation): small, at the end; the
    # body speaks about the plan.
    made = doc.add_paragraph().add_run(_text(colophon(view.made_from)))
    made.italic, made.font.size = True, Pt(8)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_numbers(doc: Any, running: str) -> None:
    """A running footer on every page: the plan's title and `Seite N von M`, as Word fields
    (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay the pages out."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc.styles["Footer"].font.size = Pt(8)
    words = _("page {page} of {pages}")  # `Seite 3 von 12`
    before, rest = words.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    for part in doc.sections:
        footer = part.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(f"{running} · {before}")
        _field(footer, "PAGE", "1")
        footer.add_run(between)
        _field(footer, "NUMPAGES", "1")
        footer.add_run(after)


def _contents(doc: Any, entries: list[str]) -> None:
    """The table of contents as Word's TOC field over the headings of levels 1 and 2, with
    the list of parts as its text until Word updates it (it is told to on opening, and adds
    the page numbers); LibreOffice shows the list."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraphs = [doc.add_paragraph(style="List Number") for _entry in entries]
    first, last = paragraphs[0], paragraphs[-1]
    _mark(first, "begin")
    _code(first, 'TOC \\o "1-2" \\h \\z \\u')
    _mark(first, "separate")
    for paragraph, entry in zip(paragraphs, entries, strict=True):
        paragraph.add_run(entry)
    _mark(last, "end")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _field(paragraph: Any, code: str, shown: str) -> None:
    """A Word field in runs of its own: begin, its code, separate, `shown` (until Word or
    LibreOffice updates it), end."""
    _mark(paragraph, "begin")
    _code(paragraph, code)
    _mark(paragraph, "separate")
    paragraph.add_run(shown)
    _mark(paragraph, "end")


def _mark(paragraph: Any, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    paragraph.add_run().element.append(mark)


def _code(paragraph: Any, code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run().element.append(instruction)


FORMAT = Format(name="docx", round=round_)
