"""`--format text`: rich tables for people. Built from Text objects: plan text is never markup.

On a terminal it is coloured; piped or with NO_COLOR it is plain. Ids never wrap or truncate.
rich is imported inside the draw functions, so that listing the formats stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mpi.render import values
from mpi.render.changes import describe
from mpi.render.formats._rich import (
    STATUS_GLYPH,
    STATUS_STYLE,
    Fit,
    breakdown,
    fixed,
    id_column,
    status_bar,
    t,
    table,
)
from mpi.render.registry import Format, Unwrapped
from mpi.render.safe import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from mpi.domain.diagnostics import Diagnostic
    from mpi.views.diff import PlanDiff
    from mpi.views.due import DueRow
    from mpi.views.measures import MeasureDetail, MeasureRow
    from mpi.views.status import StatusSummary
    from mpi.views.timeline import Timeline


def _due_text(row: DueRow | None) -> Text:
    from rich.text import Text

    if row is None:
        return Text("–")
    out = Text(values.due(row.due), style="red" if row.overdue else "")
    out.append(" ")
    out.append(row.measure or row.owner, style="bold")
    return out


def status(summary: StatusSummary) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    heading = Text()
    heading.append(one_line(summary.title), style="bold")
    heading.append(f" · as of {values.day(summary.today)}")
    grid = table(
        id_column("Field", [f.id for f in summary.fields]),
        ("Handlungsfeld", {"ratio": 1, "min_width": 13}),
        ("Measures", {"no_wrap": True}),
        ("Open", {"justify": "right", "no_wrap": True}),
        ("Overdue", {"justify": "right", "no_wrap": True}),
        ("Next deadline", {"no_wrap": True}),
    )
    for f in [*summary.fields, summary.totals]:
        measures = status_bar(f.by_status, f.measures)
        measures.append(f" {f.measures:>3}")
        title = t(f.title)
        title.append("\n")
        title.append_text(breakdown(f.by_status))
        overdue = Text(str(f.overdue_milestones), style="bold red" if f.overdue_milestones else "")
        grid.add_row(
            t(f.id),
            title,
            measures,
            str(f.open_milestones),
            overdue,
            _due_text(f.next_due),
            end_section=True,
        )
    legend = Text("Bar: ", style="dim")
    for name, glyph in STATUS_GLYPH.items():
        legend.append(glyph, style=STATUS_STYLE[name])
        legend.append(f" {name}  ", style="dim")
    upcoming = due(summary.next_deadlines, title="Next deadlines")
    return Group(heading, Text(""), Fit(grid, {1: 1}), legend, Text(""), upcoming)


def measures(rows: list[MeasureRow]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    if not rows:
        return Text("No measures match.")
    leads = any(r.lead for r in rows)  # most measures name no lead: no empty column then
    columns = [
        id_column("ID", [r.id for r in rows]),
        fixed("Status", [r.status for r in rows]),
        ("Title", {"ratio": 1, "min_width": 20}),
        *([("Lead", {"max_width": 14})] if leads else []),
        ("Tags", {"max_width": 16}),
        fixed("Due", [values.due(r.next_due) for r in rows]),
    ]
    grid = table(*columns)
    for r in rows:
        cells = [t(r.id), t(r.status, STATUS_STYLE.get(r.status, "")), t(r.title)]
        cells += [t(", ".join(r.lead))] if leads else []
        cells += [t(", ".join(r.tags)), t(values.due(r.next_due))]
        grid.add_row(*cells)
    flexible = {2: 3, 3: 1, 4: 1} if leads else {2: 3, 3: 1}
    return Group(Fit(grid, flexible), Text(f"{len(rows)} measure(s)", style="dim"))


def due(rows: list[DueRow], title: str | None = None) -> RenderableType:
    from rich.text import Text

    if not rows:
        return Text("No milestones match.")
    grid = table(
        ("Due", {"no_wrap": True}),
        id_column("Measure", [r.measure or r.owner for r in rows]),
        ("Milestone", {"ratio": 1, "min_width": 16}),
        ("Status", {"no_wrap": True}),
        title=title,
    )
    for r in rows:
        state = Text(r.status, style=STATUS_STYLE.get(r.status, ""))
        if r.overdue:
            state = Text("overdue", style="bold red")
        name = t(r.title)
        if r.recurring:
            name.append(" ↻", style="dim")
        grid.add_row(
            t(values.due(r.due), "red" if r.overdue else ""), t(r.measure or r.owner), name, state
        )
    return Fit(grid, {2: 1})


def _milestones(detail: MeasureDetail) -> RenderableType:
    """The measure's milestones with the number and id `mpi milestone` takes."""
    from rich.text import Text

    grid = table(
        ("#", {"no_wrap": True, "justify": "right"}),
        id_column("ID", [r.milestone for r in detail.milestones]),
        ("Due", {"no_wrap": True}),
        ("Milestone", {"ratio": 1, "min_width": 16}),
        ("Status", {"no_wrap": True}),
        title="Milestones",
    )
    for r in detail.milestones:
        state = (
            Text("overdue", style="bold red")
            if r.overdue
            else t(r.status, STATUS_STYLE.get(r.status, ""))
        )
        name = t(r.title)
        if r.recurring:
            name.append(" ↻", style="dim")
        grid.add_row(
            str(detail.milestone_number(r.milestone) or ""),
            t(r.milestone),
            t(values.due(r.due), "red" if r.overdue else ""),
            name,
            state,
        )
    return Fit(grid, {3: 1})


def measure(detail: MeasureDetail) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    m = detail.measure
    parts: list[RenderableType] = []
    head = Text()
    head.append(m.id, style="bold")
    head.append(" ")
    head.append(one_line(m.title), style="bold")
    head.append("  ")
    head.append(m.status, style=STATUS_STYLE.get(m.status, ""))
    parts.append(head)
    where = f"{detail.field.id} {detail.field.title}"
    if detail.section_title:
        where += f" › {detail.section_title}"
    parts.append(t(where, "dim"))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    names = detail.partners
    facts.add_row("Lead", t(", ".join(names.get(p, p) for p in m.lead) or "–"))
    facts.add_row("Involved", t(", ".join(names.get(p, p) for p in m.involved) or "–"))
    facts.add_row("Tags", t(", ".join(m.tags) or "–"))
    parts += [Text(""), facts, Text("")]
    for paragraph in m.text.split("\n\n"):
        parts += [Text(visible(" ".join(paragraph.split()))), Text("")]
    for item in m.items:
        line = Text(f"  {item.id}. ", style="bold")
        line.append(visible(" ".join(item.text.split())))
        parts.append(line)
    if m.items:
        parts.append(Text(""))
    if detail.goals:
        goals = table(id_column("Goal", [g.id for g in detail.goals]), ("", {"ratio": 1}))
        for g in detail.goals:
            goals.add_row(t(g.id), t(g.text))
        parts.append(Fit(goals, {1: 1}))
    parts.append(_milestones(detail) if detail.milestones else Text("No milestones.", style="dim"))
    if detail.indicators:
        ind = table(
            id_column("ID", [row.indicator.id for row in detail.indicators]),
            ("Indicator", {"ratio": 2}),
            ("Baseline", {"no_wrap": True}),
            ("Target", {"no_wrap": True}),
            ("Last value", {"no_wrap": True}),
            title="Indicators",
        )
        for row in detail.indicators:
            i = row.indicator
            base = (
                f"{values.number(i.baseline.value)} {i.unit} ({i.baseline.year})"
                if i.baseline
                else "–"
            )
            sign = values.direction(i.direction)
            year = f" ({i.target.year})" if i.target.year is not None else ""
            last = (
                f"{values.number(row.last_value)} ({row.last_date})"
                if row.last_value is not None
                else "–"
            )
            ind.add_row(
                t(i.id),
                t(i.name),
                t(base),
                t(f"{sign} {values.number(i.target.value)} {i.unit}{year}"),
                t(last, "" if row.on_track is None else "green" if row.on_track else "yellow"),
            )
        parts.append(Fit(ind, {1: 1}))
    if m.sources:
        parts.append(Text("Sources", style="bold"))
        for s in m.sources:
            line = Text(f"  [{s.footnote}] " if s.footnote is not None else "  ")
            line.append(one_line(s.label))
            if s.url:
                line.append(" ")
                line.append(one_line(s.url), style="underline")
            parts.append(line)
        parts.append(Text(""))
    parts.append(Text("Updates", style="bold"))
    for u in m.updates:
        line = Text(f"  {values.day(u.date)} ")
        line.append(one_line(u.text))
        if u.status:
            line.append(f" (status → {u.status})", style="dim")
        parts.append(line)
    if not m.updates:
        parts.append(Text("  none recorded", style="dim"))
    return Group(*parts)


def timeline(view: Timeline) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    grid = table(
        ("Year", {"no_wrap": True, "style": "bold"}),
        ("", {"no_wrap": True}),
        ("Milestones", {"ratio": 1, "min_width": 20}),
    )
    for y in view.years:
        marks = Text()
        for r in y.milestones:
            glyph, style = (
                ("●", "green")
                if r.status == "done"
                else (("✗", "bold red") if r.overdue else ("○", ""))
            )
            if r.status == "missed":
                glyph, style = "✗", "red"
            marks.append(glyph, style=style)
        if y.recurring:
            marks.append(f" ↻{len(y.recurring)}", style="dim")
        names = Text()
        for index, r in enumerate(y.milestones):
            if index:
                names.append("; ")
            names.append(r.measure or r.owner, style="bold")
            names.append(" ")
            names.append(one_line(r.title))
        year = Text(str(y.year), style="reverse" if y.year == view.today.year else "")
        grid.add_row(year, marks, names)
    legend = Text(
        "● done  ○ open  ✗ overdue or missed  ↻n occurrences of recurring "
        "milestones (mpi due --year Y lists them)",
        style="dim",
    )
    return Group(Fit(grid, {2: 1}), legend)


def diagnostics(items: Sequence[Diagnostic]) -> Unwrapped | str:
    """`FILE:LINE:COLUMN: severity code message`, one line each, never wrapped."""
    from rich.text import Text

    if not items:
        return ""
    out = Text()
    for d in items:
        out.append(f"{one_line(d.file)}:{d.line}:{d.column}:", style="bold")
        out.append(" ")
        out.append(d.severity, style="bold red" if d.severity == "error" else "bold yellow")
        out.append(" ")
        out.append(d.code, style="cyan")
        out.append(" ")
        out.append(one_line(d.message))
        out.append("\n")
    out.rstrip()
    return Unwrapped(out)


def diff(view: PlanDiff) -> str:
    """One line per change; nothing for none (the command says so on stderr)."""
    return "".join(one_line(describe(c)) + "\n" for c in view.changes)


# --- piped: one record per line, tab-separated, nothing wrapped or padded ---------------------


def _record(*cells: object) -> str:
    return "\t".join(one_line("" if c is None else str(c)) for c in cells) + "\n"


def _due_record(r: DueRow) -> str:
    state = "overdue" if r.overdue else r.status
    recurring = "recurring" if r.recurring else ""
    return _record(values.due(r.due), r.measure or r.owner, r.milestone, r.title, state, recurring)


def piped_status(summary: StatusSummary) -> str:
    lines = []
    for f in [*summary.fields, summary.totals]:
        counts = ", ".join(f"{f.by_status[s]} {s}" for s in STATUS_GLYPH if f.by_status.get(s))
        nxt = f.next_due
        upcoming = f"{values.due(nxt.due)} {nxt.measure or nxt.owner}" if nxt else values.DASH
        lines.append(
            _record(
                f.id, f.title, f"{f.measures} measures", counts, f"{f.open_milestones} open",
                f"{f.overdue_milestones} overdue", upcoming,
            )
        )  # fmt: skip
    return "".join(lines) + "".join(_due_record(r) for r in summary.next_deadlines)


def piped_measures(rows: list[MeasureRow]) -> str:
    return "".join(
        _record(
            r.id,
            r.status,
            r.title,
            *(", ".join(x) for x in (r.lead, r.tags)),
            values.due(r.next_due),
        )
        for r in rows
    )


def piped_due(rows: list[DueRow]) -> str:
    return "".join(_due_record(r) for r in rows)


def piped_timeline(view: Timeline) -> str:
    return "".join(
        f"{y.year}\t" + _due_record(r) for y in view.years for r in [*y.milestones, *y.recurring]
    )


FORMAT = Format(
    "text",
    {
        "status": status,
        "measures": measures,
        "measure": measure,
        "due": due,
        "timeline": timeline,
        "diff": diff,
        "diagnostics": diagnostics,
    },
    {
        "status": piped_status,
        "measures": piped_measures,
        "due": piped_due,
        "timeline": piped_timeline,
    },
)
