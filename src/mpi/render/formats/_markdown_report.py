"""`mpi report` and `mpi diff` as Markdown: the progress report for the coordination round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpi.render import values
from mpi.render.changes import describe
from mpi.render.formats._markdown import (
    Raw,
    esc,
    late_table,
    notes_block,
    status_table,
    table,
    when,
)
from mpi.render.messages import milestone_note
from mpi.render.provenance import Notes

if TYPE_CHECKING:
    from mpi.views.diff import PlanDiff
    from mpi.views.due import MilestoneLine
    from mpi.views.measures import MeasureRow
    from mpi.views.report import IndicatorLine, Report

BAR_WIDTH = 20


def text_bar(line: IndicatorLine, width: int = BAR_WIDTH) -> str:
    """An indicator as a bar of fixed glyphs: █ last value, ▒ baseline beyond it, ┃ target."""
    row, ind = line.row, line.row.indicator

    def cells(value: float | None) -> int:
        return 0 if value is None else round(line.share(value) * width)

    last, base = cells(row.last_value), cells(ind.baseline.value if ind.baseline else None)
    bar = ["█" if i < last else "▒" if i < base else "░" for i in range(width)]
    bar[min(width - 1, int(line.share(ind.target.value) * width))] = "┃"
    return "`" + "".join(bar) + "`"


def _amount(value: float | None, unit: str, when: Any = None) -> str:
    if value is None:
        return "–"
    return f"{esc(value)} {esc(unit)}" + (f" ({esc(when)})" if when is not None else "")


def _measure_due(m: MeasureRow, notes: Notes) -> Raw | str:
    """A measure's oldest late deadline, in bold with its state, or its next one."""
    shown = m.due
    if shown is None:
        return "–"
    cell = when(shown, notes)
    return Raw(f"**{cell} {shown.state}**") if m.late else cell


def _upcoming(lines: list[MilestoneLine], notes: Notes) -> str:
    if not lines:
        return "_None due in the next 12 months._\n"
    rows = [
        [when(line.row, notes), line.row.measure or line.row.owner, line.row.title, note]
        for line in lines
        for note in [milestone_note(line, False)]
    ]
    return table(["Due", "Measure", "Milestone", "Note"], rows)


def _indicators(rep: Report, notes: Notes) -> list[str]:
    if not rep.indicators:
        return ["_No indicators._\n"]
    rows = []
    for line in rep.indicators:
        row, ind = line.row, line.row.indicator
        base = ind.baseline
        target = values.direction(ind.direction) + " " + _amount(ind.target.value, ind.unit)
        if ind.target.year is not None:
            target += f" ({esc(ind.target.year)})"
        target += esc(notes.fact((ind.id, "target"), f"{ind.id} target", ind.target))
        baseline = "–"
        if base:
            mark = esc(notes.fact((ind.id, "baseline"), f"{ind.id} baseline", base))
            baseline = _amount(base.value, ind.unit, base.year) + mark
        rows.append(
            [
                esc(line.measure),
                esc(ind.name) + (f"<br>_{esc(ind.note)}_" if ind.note else ""),
                baseline,
                _amount(row.last_value, ind.unit, row.last_date),
                target,
                esc(row.on_track) or "–",
                text_bar(line),
            ]
        )
    lines = ["| Measure | Indicator | Baseline | Last value | Target | On track | Chart |"]
    lines.append("|---|---|---|---|---|---|---|")
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return [
        "\n".join(lines) + "\n",
        "Each bar runs from 0 to the largest of baseline, values and target: "
        "█ last value, ▒ baseline, ┃ target.\n",
    ]


def report(rep: Report) -> str:
    """The progress report: summary per field, late and missed deadlines, upcoming ones,
    indicators, changes since a revision, every measure."""
    notes = Notes()
    s = rep.summary
    out = [f"# Progress report: {esc(rep.title)}", "", f"As of {values.day(rep.today)}.", ""]
    out += ["## Measures by Handlungsfeld", "", status_table(s, notes)]
    out += [f"## Overdue ({s.totals.overdue} deadlines)", ""]
    out.append(late_table(rep.overdue, notes, "None overdue."))
    out += [f"## Delayed ({s.totals.delayed} deadlines given as „voraussichtlich“)", ""]
    out.append(late_table(rep.delayed, notes, "None delayed."))
    out += [f"## Missed ({s.totals.missed} deadlines)", ""]
    out.append(late_table(rep.missed, notes, "None recorded as missed."))
    out += ["## Upcoming (next 12 months)", "", _upcoming(rep.upcoming, notes)]
    out += ["## Indicators", "", *_indicators(rep, notes)]
    if rep.changes is not None:
        out += [f"## Changes since {esc(rep.since)}", ""]
        out += [f"- {esc(describe(c))}" for c in rep.changes] or ["_No changes._"]
        out.append("")
    out += ["## All measures", ""]
    for f in s.fields:
        in_field = [m for m in rep.measures if m.field == f.id]
        out += [f"### {esc(f.id)} {esc(f.title)}", ""]
        out.append(
            table(
                ["ID", "Measure", "Status", "Due"],
                ([m.id, m.title, m.status, _measure_due(m, notes)] for m in in_field),
            )
            if in_field
            else "_No measures._\n"
        )
    out += notes_block(notes, "## Notes: dates and targets the document does not state")
    return "\n".join(out).rstrip("\n") + "\n"


def diff(view: PlanDiff) -> str:
    """`mpi diff --format markdown`: one bullet per semantic change."""
    new = view.new if view.new is not None else "the working tree"
    out = [f"## Changes from {esc(view.old)} to {esc(new)}", ""]
    out += [f"- {esc(describe(c))}" for c in view.changes] or ["_No changes._"]
    return "\n".join(out) + "\n"
