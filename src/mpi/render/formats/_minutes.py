"""`mpi meeting minutes`: the Ergebnisprotokoll of a meeting in Markdown, HTML and Word, from
its records: when and where, who took part, by agenda item (TOP) the decisions taken (those
recorded on the plan's items in words, as the round lists them) and the action items given,
then every action item with its owner, due day and state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mpi.i18n import _
from mpi.render import values
from mpi.render.briefing import action_head, action_state, people, reporting
from mpi.render.decision_words import decision_line

if TYPE_CHECKING:
    from mpi.views.meetings import Minutes


@dataclass(frozen=True)
class Words:
    heading: str
    facts: list[tuple[str, str]]
    attendance: list[str]
    tops: list[tuple[int, str, str, list[str]]]  # number, title, reporting, results
    unplaced: list[str]
    action_head: list[str]
    actions: list[list[str]]


def words(view: Minutes) -> Words:
    m = view.meeting
    heading = _("Minutes: {body} on {day}").format(body=view.body, day=values.day(m.date))
    facts = [(_("When"), values.day(m.date) + (", " + m.time if m.time else ""))]
    facts += [(_("Where"), m.place)] if m.place else []
    facts += [(_("Video conference"), m.video)] if m.video else []
    facts += [(_("Chair"), m.chair)] if m.chair else []
    present = [p for p in view.attendance if not p.excused]
    excused = [p for p in view.attendance if p.excused]
    attendance = [_("Present: {people}").format(people=people(view, present))] if present else []
    if excused:
        attendance.append(_("Excused: {people}").format(people=people(view, excused)))
    tops = []
    for t in view.tops:
        results = [_("Decision: {text}").format(text=d) for d in t.decisions]
        results += [_("Decision: {text}").format(text=decision_line(r)) for r in t.recorded]
        results += [
            _("Action item {number} for {owner}, due {due}: {text}").format(
                number=a.number,
                owner=view.partners.get(a.owner, a.owner),
                due=values.day(a.due),
                text=a.text,
            )
            for a in t.actions
        ]
        tops.append((t.number, t.top.title, reporting(view, t.top), results))
    head = action_head()
    rows = [
        [
            str(a.number),
            a.text,
            view.partners.get(a.owner, a.owner),
            values.day(a.due),
            action_state(a),
        ]
        for a in view.actions
    ]
    unplaced = [decision_line(r) for r in view.unplaced] + view.loose
    return Words(heading, facts, attendance, tops, unplaced, head, rows)


def markdown(view: Minutes) -> str:
    from mpi.render.formats._markdown import esc, table

    w = words(view)
    out = ["# " + esc(w.heading), "", "_" + esc(view.title) + "_", ""]
    out += [f"**{esc(label)}:** {esc(value)}  " for label, value in w.facts]
    out[-1] = out[-1].rstrip()
    out += ["", "## " + _("Attendance"), ""]
    out += [f"- {esc(line)}" for line in w.attendance] or [
        "_" + _("No attendance on record.") + "_"
    ]
    out += ["", "## " + _("Agenda and results"), ""]
    out += [] if w.tops else ["_" + _("No agenda on record.") + "_", ""]
    for number, title, who, results in w.tops:
        out += [
            f"### TOP {number} {esc(title)}",
            "",
            "_" + esc(_("Reporting") + ": " + who) + "_",
            "",
        ]
        out += [f"- {esc(line)}" for line in results] or ["_" + _("No results on record.") + "_"]
        out.append("")
    if w.unplaced:
        out += ["### " + _("Further decisions of the meeting"), ""]
        out += [f"- {esc(line)}" for line in w.unplaced] + [""]
    out += ["## " + _("Action items"), ""]
    out.append(table(w.action_head, w.actions) if w.actions else "_" + _("No action items.") + "_")
    return "\n".join(out).rstrip("\n") + "\n"


def html(view: Minutes) -> str:
    from mpi import __version__
    from mpi.i18n import language
    from mpi.render.formats._templates import environment, page_css

    w = words(view)
    tops = [
        {"number": n, "title": title, "reporting": who, "results": results}
        for n, title, who, results in w.tops
    ]
    return (
        environment()
        .get_template("minutes.html.j2")
        .render(
            lang=language(),
            version=__version__,
            heading=w.heading,
            plan=view.title,
            facts=w.facts,
            attendance=w.attendance,
            tops=tops,
            unplaced=w.unplaced,
            action_head=w.action_head,
            actions=w.actions,
            page_css=page_css(view.title),
        )
    )


def docx(view: Minutes) -> bytes:
    from mpi.render.formats._docx import add_table, document, plain, saved

    w = words(view)
    doc = document(w.heading, view.title, view.meeting.date, "")
    doc.add_heading(plain(w.heading), level=0)
    for label, value in w.facts:
        fact = doc.add_paragraph()
        fact.add_run(plain(label + ": ")).bold = True
        fact.add_run(plain(value))
    doc.add_heading(_("Attendance"), level=1)
    for said in w.attendance or [_("No attendance on record.")]:
        doc.add_paragraph(plain(said), style="List Bullet" if w.attendance else None)
    doc.add_heading(_("Agenda and results"), level=1)
    if not w.tops:
        doc.add_paragraph(_("No agenda on record."))
    for number, title, who, results in w.tops:
        doc.add_heading(plain(f"TOP {number} {title}"), level=2)
        doc.add_paragraph(plain(_("Reporting") + ": " + who)).runs[0].italic = True
        for result in results or [_("No results on record.")]:
            doc.add_paragraph(plain(result), style="List Bullet" if results else None)
    if w.unplaced:
        doc.add_heading(_("Further decisions of the meeting"), level=2)
        for decision in w.unplaced:
            doc.add_paragraph(plain(decision), style="List Bullet")
    doc.add_heading(_("Action items"), level=1)
    if w.actions:
        add_table(doc, w.action_head, w.actions)
    else:
        doc.add_paragraph(_("No action items."))
    return saved(doc)
