"""`--format markdown`: GitHub-flavoured Markdown; plan text is escaped, never markup.

Dates read as the document words them ("bis 2030", "ab 2031"), and what the document does not
say in words carries a numbered note with its derivation, listed below the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mpi.i18n import _
from mpi.render import records, values
from mpi.render.decision_words import decision_line, decisions_heading
from mpi.render.formats import _changes, _history
from mpi.render.formats._markdown import (
    Raw,
    due_table,
    esc,
    indicator_table,
    late_table,
    notes_block,
    state,
    status_table,
    table,
    when,
)
from mpi.render.formats._markdown_report import diff, report
from mpi.render.formats._markdown_round import round_
from mpi.render.messages import late_heading, missed_heading, standpoint
from mpi.render.provenance import Notes, dated, progress, series, worded
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word
from mpi.render.registry import Format

if TYPE_CHECKING:
    from mpi.domain.model import Update
    from mpi.views.decisions import DecisionRow
    from mpi.views.due import DueRow
    from mpi.views.indicators import IndicatorRow
    from mpi.views.measures import MeasureDetail, MeasureRow
    from mpi.views.meetings import Minutes
    from mpi.views.milestones import MilestoneSummary, OwnerDetail
    from mpi.views.status import StatusSummary
    from mpi.views.timeline import Timeline


def status(summary: StatusSummary) -> str:
    notes = Notes()
    as_of = standpoint(summary.today, summary.as_of, summary.read_on)
    out = [f"# {esc(summary.title)}", "", as_of, ""]
    out += [status_table(summary, notes)]
    if summary.missed:  # what the partners did not do: first
        out += ["## " + missed_heading(summary), "", late_table(summary.missed, notes, "")]
    out += ["## " + late_heading(summary), ""]
    out += [late_table(summary.late, notes, _("Nothing is late.")), "## " + _("Next deadlines")]
    out += ["", due_table(summary.next_deadlines, notes)]
    out += notes_block(notes, "## " + _("Notes"))
    return "\n".join(out).rstrip("\n") + "\n"


def measures(rows: list[MeasureRow]) -> str:
    if not rows:
        return "_" + _("No measures match.") + "_\n"

    def due(r: MeasureRow) -> str:
        shown = r.due
        if shown is None:
            return "–"
        late = f" ({state_word(shown.state)}: {r.overdue or r.delayed})" if r.late else ""
        return dated(shown) + late

    return table(
        [_("ID"), _("Status"), _("Title"), _("Lead"), _("Tags"), _("Due")],
        (
            [r.id, status_word(r.status), r.title, r.lead_names or "–", r.tags or "–", due(r)]
            for r in rows
        ),
    )


def milestones(items: list[MilestoneSummary], notes: Notes) -> str:
    """The milestones with the number and id `mpi milestone` takes; a recurring one with its
    late occurrences, the ones recorded and the next one."""
    if not items:
        return "_" + _("No milestones.") + "_\n"
    rows = []
    for s in items:
        m, first = s.milestone, s.first
        if m.recurrence is None:
            rows.append([s.number, m.id, when(first, notes), m.title, state(first)])
            continue
        details = []
        for word in ("overdue", "delayed"):
            dues = [values.due(r.due) for r in s.late if r.state == word]
            if dues:
                details.append(f"{state_word(word)}: {', '.join(dues)}")
        details += [
            f"{values.due(r.due)} {progress(r.status, r.state, r.done)}" for r in s.recorded
        ]
        if s.next is not None:
            details.append(_("next:") + " " + dated(s.next))
        assert m.recurrence is not None
        cell = Raw(esc(series(m.recurrence)) + esc(notes.row(first)))
        rows.append([s.number, m.id, cell, m.title, "; ".join(details) or state_word("open")])
    return table(["#", _("ID"), _("Due"), _("Milestone"), _("Status")], rows)


def _updates(log: list[Update], partners: Mapping[str, str]) -> list[str]:
    out = ["## " + _("Updates"), ""]
    out += [
        f"- {esc(values.logged(u.date, u.by, partners))}: {esc(u.text)}"
        + (
            " " + esc(_("(status → {status})").format(status=status_word(u.status)))
            if u.status
            else ""
        )
        for u in log
    ]
    return out if log else [*out, "_" + _("No updates recorded.") + "_"]


def _decisions(rows: list[DecisionRow]) -> list[str]:
    """The decisions that changed its commitments, one bullet each."""
    if not rows:
        return []
    said = (f"- {esc(decision_line(r))}" for r in rows)
    return ["## " + esc(decisions_heading(rows)), "", *said, ""]


def measure(detail: MeasureDetail) -> str:
    m = detail.measure
    d = records.measure(detail)
    notes = Notes(every_fact=True)
    out = [f"# {esc(m.id)} {esc(m.title)}", ""]
    facts = [(_("Handlungsfeld"), f"{esc(detail.field.id)} {esc(detail.field.title)}")]
    if detail.section_title:
        facts.append((_("Section"), esc(detail.section_title)))
    facts += [
        (_("Status"), esc(status_word(m.status))),
        (_("Lead"), esc([p["name"] for p in d["lead"]]) or "–"),
        (
            _("Involved"),
            (esc([p["name"] for p in d["involved"]]) or "–")
            + esc(notes.involvement(m.id, m.involvement)),
        ),
        (_("Tags"), esc(m.tags) or "–"),
    ]
    out.append("  \n".join(f"**{name}:** {value}" for name, value in facts))
    out += ["", *(esc(p) + "\n" for p in m.text.split("\n\n"))]
    out += [f"- {esc(i.id)}. {esc(i.text)}" for i in m.items]
    if detail.goals:
        mark = notes.goals(m.id, detail.goal_assignment)
        out += ["", "## " + _("Goals") + esc(mark), ""]
        out += [f"- {esc(g.id)}: {esc(g.text)}" for g in detail.goals]
    out += ["", "## " + _("Milestones"), "", milestones(detail.milestones, notes)]
    if detail.indicators:
        drawn = indicator_table(detail.indicators, notes, measures=False)
        out += ["## " + _("Indicators"), "", drawn]
    if m.sources:
        out += ["## " + _("Sources"), ""]
        for s in m.sources:
            number = f"[{s.footnote}] " if s.footnote is not None else ""
            link = f" <{esc(s.url)}>" if s.url else ""
            out.append(f"- {esc(number)}{esc(s.shown)}{link}")
        out.append("")
    out += _decisions(detail.decisions)
    out += _updates(m.updates, detail.partners)
    out += ["", *notes_block(notes, "## " + _("How each date and target is known"))]
    return "\n".join(out).rstrip("\n") + "\n"


def indicators(rows: list[IndicatorRow]) -> str:
    """`mpi indicators`: every indicator against its target."""
    if not rows:
        return "_" + _("No indicators.") + "_\n"
    notes = Notes()
    out = [indicator_table(rows, notes, measures=True), *notes_block(notes)]
    return "\n".join(out).rstrip("\n") + "\n"


def body(detail: OwnerDetail) -> str:
    """`mpi show plan` or `mpi show BODY`."""
    notes = Notes(every_fact=True)
    out = [f"# {esc(detail.name)}", ""]  # its id is what the reader typed
    if detail.text:
        out += [*(esc(p) + "\n" for p in detail.text.split("\n\n"))]
    if detail.signing:
        out += ["## " + _("Partners"), ""]
        signed_by = _("signed by {names}")
        for p in detail.signing:
            line = f"- **{esc(p.short)}** ({esc(p.id)}): {esc(p.name)}"
            if p.signatories:
                line += ", " + signed_by.format(names="; ".join(esc(x) for x in p.signatories))
            out.append(line)
        out.append("")
    if detail.vision:
        out += ["## " + _("Vision"), "", esc(" ".join(detail.vision.split())), ""]
    if detail.agreements:
        out += ["## " + _("The partners agree"), ""]
        out += [f"- {esc(' '.join(a.split()))}" for a in detail.agreements] + [""]
    if detail.bodies:
        out += ["## " + _("Monitoring"), ""]
        out += [f"- {esc(name)} (`mpi show {i}`)" for i, name in detail.bodies] + [""]
    out += ["## " + _("Milestones"), "", milestones(detail.milestones, notes)]
    out += _decisions(detail.decisions)
    out += [
        *_updates(detail.updates, detail.partners),
        "",
        *notes_block(notes, "## " + _("How each date is known")),
    ]
    return "\n".join(out).rstrip("\n") + "\n"


def due(rows: list[DueRow]) -> str:
    notes = Notes()
    return "\n".join([due_table(rows, notes), *notes_block(notes)]).rstrip("\n") + "\n"


def timeline(view: Timeline) -> str:
    notes = Notes()
    head = [_("Year"), _("Milestones"), _("Recurring")]
    out = ["| " + " | ".join(head) + " |", "|---|---|---|"]
    for y in view.years:
        ms = "; ".join(
            f"{esc(r.whose)} {esc(r.title)} ({esc(worded(r))}, "
            f"{esc(state_word(r.state))}){esc(notes.row(r))}"
            for r in y.milestones
        )
        series: dict[tuple[str, str], DueRow] = {}
        for r in y.recurring:
            series.setdefault((r.owner, r.milestone), r)
        owners = sorted(esc(r.whose) + esc(notes.row(r)) for r in series.values())
        late = sum(1 for r in y.recurring if r.overdue)
        overdue = _("{count} overdue").format(count=late)
        rec = "; ".join(owners) + (f" ({overdue})" if late else "")
        out.append(f"| {y.year} | {ms} | {rec} |")
    return "\n".join([*out, "", *notes_block(notes)]).rstrip("\n") + "\n"


def minutes(view: Minutes) -> str:
    from mpi.render.formats._minutes import markdown

    return markdown(view)


FORMAT = Format(
    name="markdown",
    status=status,
    measures=measures,
    measure=measure,
    body=body,
    due=due,
    timeline=timeline,
    report=report,
    diff=diff,
    history=_history.markdown,
    changes=_changes.markdown,
    indicators=indicators,
    round=round_,
    minutes=minutes,
)
