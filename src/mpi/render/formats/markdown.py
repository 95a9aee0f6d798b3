"""`--format markdown`: GitHub-flavoured Markdown; plan text is escaped, never markup.

Dates read as the document words them ("bis 2030", "ab 2031"), and what the document does not
say in words carries a numbered note with its derivation, listed below the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpi.render import records, values
from mpi.render.formats._markdown import (
    Raw,
    due_table,
    esc,
    late_table,
    notes_block,
    state,
    status_table,
    table,
    when,
)
from mpi.render.formats._markdown_report import diff, report
from mpi.render.provenance import Notes, deadline, series, worded
from mpi.render.registry import Format

if TYPE_CHECKING:
    from mpi.domain.model import Update
    from mpi.views.due import DueRow
    from mpi.views.measures import MeasureDetail, MeasureRow
    from mpi.views.milestones import MilestoneSummary, OwnerDetail
    from mpi.views.status import StatusSummary
    from mpi.views.timeline import Timeline


def status(summary: StatusSummary) -> str:
    notes = Notes()
    late = summary.totals.overdue + summary.totals.delayed
    out = [f"# {esc(summary.title)}", "", f"As of {values.day(summary.today)}.", ""]
    out += [status_table(summary, notes), f"## Late: {late} deadline(s)", ""]
    out += [late_table(summary.late, notes, "Nothing is late."), "## Next deadlines", ""]
    out += [due_table(summary.next_deadlines, notes), *notes_block(notes, "## Notes")]
    return "\n".join(out).rstrip("\n") + "\n"


def measures(rows: list[MeasureRow]) -> str:
    if not rows:
        return "_No measures match._\n"

    def due(r: MeasureRow) -> str:
        shown = r.due
        if shown is None:
            return "–"
        late = f" ({shown.state}: {r.overdue or r.delayed})" if r.late else ""
        return deadline(shown.kind, shown.due) + late

    return table(
        ["ID", "Status", "Title", "Lead", "Tags", "Due"],
        ([r.id, r.status, r.title, r.lead, r.tags, due(r)] for r in rows),
    )


def milestones(items: list[MilestoneSummary], notes: Notes) -> str:
    """The milestones with the number and id `mpi milestone` takes; a recurring one with its
    late occurrences, the ones recorded and the next one."""
    if not items:
        return "_No milestones._\n"
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
                details.append(f"{word}: {', '.join(dues)}")
        details += [
            f"{values.due(r.due)} {values.state(r.status, r.state, r.done)}" for r in s.recorded
        ]
        if s.next is not None:
            details.append(f"next: {deadline(s.next.kind, s.next.due)}")
        assert m.recurrence is not None
        cell = Raw(esc(series(m.recurrence)) + esc(notes.row(first)))
        rows.append([s.number, m.id, cell, m.title, "; ".join(details) or "open"])
    return table(["#", "ID", "Due", "Milestone", "Status"], rows)


def _updates(log: list[Update]) -> list[str]:
    out = ["## Updates", ""]
    out += [
        f"- {esc(values.day(u.date))}: {esc(u.text)}"
        + (f" (status → {esc(u.status)})" if u.status else "")
        for u in log
    ]
    return out if log else [*out, "_No updates recorded._"]


def measure(detail: MeasureDetail) -> str:
    m = detail.measure
    d = records.measure(detail)
    notes = Notes(every_fact=True)
    out = [f"# {esc(m.id)} {esc(m.title)}", ""]
    out.append(f"**Handlungsfeld:** {esc(detail.field.id)} {esc(detail.field.title)}  ")
    if detail.section_title:
        out.append(f"**Section:** {esc(detail.section_title)}  ")
    out.append(f"**Status:** {esc(m.status)}  ")
    out.append(f"**Lead:** {esc([p['name'] for p in d['lead']]) or '–'}  ")
    out.append(f"**Involved:** {esc([p['name'] for p in d['involved']]) or '–'}  ")
    out.append(f"**Tags:** {esc(m.tags) or '–'}")
    out += ["", *(esc(p) + "\n" for p in m.text.split("\n\n"))]
    out += [f"- {esc(i.id)}. {esc(i.text)}" for i in m.items]
    if detail.goals:
        mark = notes.fact((m.id, "goals"), f"{m.id} goals", detail.goal_assignment)
        out += ["", f"## Goals{esc(mark)}", ""]
        out += [f"- {esc(g.id)}: {esc(g.text)}" for g in detail.goals]
    out += ["", "## Milestones", "", milestones(detail.milestones, notes)]
    if detail.indicators:
        out += ["## Indicators", "", _indicators(detail, notes)]
    if m.sources:
        out += ["## Sources", ""]
        for s in m.sources:
            number = f"[{s.footnote}] " if s.footnote is not None else ""
            link = f" <{esc(s.url)}>" if s.url else ""
            out.append(f"- {esc(number)}{esc(s.shown)}{link}")
        out.append("")
    out += _updates(m.updates)
    out += ["", *notes_block(notes, "## How each date and target is known")]
    return "\n".join(out).rstrip("\n") + "\n"


def _indicators(detail: MeasureDetail, notes: Notes) -> str:
    rows: list[list[Any]] = []
    for row in detail.indicators:
        i = row.indicator
        base = "–"
        if i.baseline:
            mark = notes.fact((i.id, "baseline"), f"{i.id} baseline", i.baseline)
            base = f"{values.number(i.baseline.value)} ({i.baseline.year}){mark}"
        year = f" ({i.target.year})" if i.target.year is not None else ""
        mark = notes.fact((i.id, "target"), f"{i.id} target", i.target)
        target = f"{values.direction(i.direction)} {values.number(i.target.value)}{year}{mark}"
        last = f"{values.number(row.last_value)} ({row.last_date})" if row.last_date else "–"
        name = f"{esc(i.name)}<br>_{esc(i.note)}_" if i.note else esc(i.name)
        rows.append([i.id, Raw(name), i.unit, base, target, last])
    return table(["ID", "Indicator", "Unit", "Baseline", "Target", "Last value"], rows)


def body(detail: OwnerDetail) -> str:
    """`mpi show plan` or `mpi show BODY`."""
    notes = Notes(every_fact=True)
    out = [f"# {esc(detail.id)}: {esc(detail.name)}", ""]
    if detail.text:
        out += [*(esc(p) + "\n" for p in detail.text.split("\n\n"))]
    out += ["## Milestones", "", milestones(detail.milestones, notes), *_updates(detail.updates)]
    out += ["", *notes_block(notes, "## How each date is known")]
    return "\n".join(out).rstrip("\n") + "\n"


def due(rows: list[DueRow]) -> str:
    notes = Notes()
    return "\n".join([due_table(rows, notes), *notes_block(notes)]).rstrip("\n") + "\n"


def timeline(view: Timeline) -> str:
    notes = Notes()
    out = ["| Year | Milestones | Recurring |", "|---|---|---|"]
    for y in view.years:
        ms = "; ".join(
            f"{esc(r.measure or r.owner)} {esc(r.title)} ({esc(worded(r))}, "
            f"{esc(r.state)}){esc(notes.row(r))}"
            for r in y.milestones
        )
        series: dict[tuple[str, str], DueRow] = {}
        for r in y.recurring:
            series.setdefault((r.owner, r.milestone), r)
        owners = sorted(esc(r.measure or r.owner) + esc(notes.row(r)) for r in series.values())
        late = sum(1 for r in y.recurring if r.overdue)
        rec = "; ".join(owners) + (f" ({late} overdue)" if late else "")
        out.append(f"| {y.year} | {ms} | {rec} |")
    return "\n".join([*out, "", *notes_block(notes)]).rstrip("\n") + "\n"


FORMAT = Format(
    "markdown",
    {
        "status": status,
        "measures": measures,
        "measure": measure,
        "body": body,
        "due": due,
        "timeline": timeline,
        "report": report,
        "diff": diff,
    },
)
