"""`mpi report` and `mpi diff` as Markdown: the progress report for the coordination round."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.i18n import _
from mpi.render import values
from mpi.render.change_words import describe, other_changes_heading, weakening_heading
from mpi.render.decision_words import decision_line, decisions_heading
from mpi.render.formats._markdown import (
    Raw,
    assessed,
    ended,
    esc,
    late_table,
    notes_block,
    status_table,
    table,
    when,
)
from mpi.render.messages import (
    colophon,
    invalid_warning,
    late_parts,
    milestone_note,
    standpoint,
)
from mpi.render.provenance import Notes
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word

if TYPE_CHECKING:
    from mpi.views.diff import Change, PlanDiff
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


def _measure_due(m: MeasureRow, notes: Notes) -> Raw | str:
    """A measure's oldest late deadline, in bold with its state, or its next one."""
    shown = m.due
    if shown is None:
        return "–"
    cell = when(shown, notes)
    return Raw(f"**{cell} {esc(state_word(shown.state))}**") if m.late else cell


def _upcoming(lines: list[MilestoneLine], notes: Notes) -> str:
    if not lines:
        return "_" + _("None due in the next 12 months.") + "_\n"
    rows = [
        [when(line.row, notes), line.row.whose, line.row.title, note]
        for line in lines
        for note in [milestone_note(line, False)]
    ]
    return table([_("Due"), _("Measure"), _("Milestone"), _("Note")], rows)


def _indicators(rep: Report, notes: Notes) -> list[str]:
    if not rep.indicators:
        return ["_" + _("No indicators.") + "_\n"]
    rows = []
    for line in rep.indicators:
        row, ind = line.row, line.row.indicator
        base = values.baseline(ind) + (notes.baseline(ind.id, ind.baseline) if ind.baseline else "")
        rows.append(
            [
                line.measure,
                Raw(esc(ind.name) + (f"<br>_{esc(ind.note)}_" if ind.note else "")),
                base,
                values.last(row),
                values.target(ind) + notes.target(ind.id, ind.target),
                assessed(row),
                Raw(text_bar(line)),
            ]
        )
    head = [_("Measure"), _("Indicator"), _("Baseline"), _("Last value"), _("Target")]
    return [
        table([*head, _("Assessment"), _("Chart")], rows),
        _(
            "Each bar runs from 0 to the largest of baseline, values and target: "
            "█ last value, ▒ baseline, ┃ target."
        )
        + "\n",
    ]


def report(rep: Report) -> str:
    """The progress report: summary per field, late and missed deadlines, upcoming ones,
    indicators, changes since a revision, every measure."""
    notes = Notes()
    s = rep.summary
    out = ["# " + _("Progress report: {title}").format(title=esc(rep.title)), ""]
    if rep.made_from is not None:
        warning = invalid_warning(rep.made_from)
        out += [f"**{esc(warning)}**", ""] if warning else []
    rec = rep.made_from
    out += [standpoint(rep.today, rec.as_of if rec else None, rec.read_on if rec else None), ""]
    if rep.leads:
        out += [esc(values.report_of(rep.leads, rep.partners)), ""]
    out += ["## " + _("Measures by Handlungsfeld"), "", status_table(s, notes)]
    for heading, lines, empty in late_parts(rep):
        out += ["## " + heading, "", late_table(lines, notes, empty)]
    out += ["## " + _("Upcoming (next 12 months)"), "", _upcoming(rep.upcoming, notes)]
    out += ["## " + _("Indicators"), "", *_indicators(rep, notes)]
    if rep.changes is not None:
        out += ["## " + _("Changes since {revision}").format(revision=esc(rep.since)), ""]
        no_changes = "_" + _("No changes.") + "_"
        said = [(c, esc(describe(c, rep.names, rep.titles, rep.units))) for c in rep.changes]
        out += [f"- **{s}**" if c.weakening else f"- {s}" for c, s in said] or [no_changes]
        out.append("")
    if rep.decisions:
        out += ["## " + esc(decisions_heading(rep.decisions)), ""]
        out += [f"- {esc(decision_line(r))}" for r in rep.decisions]
        out.append("")
    out += ["## " + _("All measures"), ""]
    for f in s.fields:
        in_field = [m for m in rep.measures if m.field == f.id]
        out += [f"### {esc(f.id)} {esc(f.title)}", ""]
        out.append(
            table(
                [_("ID"), _("Measure"), _("Status"), _("Due")],
                ([m.id, m.title, status_word(m.status), _measure_due(m, notes)] for m in in_field),
            )
            if in_field
            else "_" + _("No measures.") + "_\n"
        )
    notes_title = _("Notes: dates and targets the document does not state")
    out += notes_block(notes, "## " + notes_title)
    return ended(out, colophon(rep.made_from) if rep.made_from is not None else None)


def diff(view: PlanDiff) -> str:
    """`mpi diff --format markdown`: one bullet per semantic change."""
    new = view.new if view.new is not None else _("the working tree")
    out = ["## " + _("Changes from {old} to {new}").format(old=esc(view.old), new=esc(new)), ""]
    if not view.changes:
        return "\n".join([*out, "_" + _("No changes.") + "_"]) + "\n"

    def line(c: Change) -> str:
        said = esc(describe(c, view.names, view.titles, view.units))
        return f"- **{said}**" if c.weakening else f"- {said}"

    weakening = view.weakening
    others = view.changes[len(weakening) :]
    if weakening:
        out += ["### " + weakening_heading(len(weakening)).rstrip(":"), ""]
        out += [line(c) for c in weakening] + [""]
        if others:
            out += ["### " + other_changes_heading(len(others)).rstrip(":"), ""]
    out += [line(c) for c in others]
    return "\n".join(out).rstrip("\n") + "\n"
