"""Indicators as text: `mpi indicators`, and the indicator table of `mpi show`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mpi.i18n import _
from mpi.render import assessment, values
from mpi.render.formats._rich import indent, notes_text, t
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mpi.render.provenance import Notes
    from mpi.views.indicators import IndicatorRow


MARK = {  # the assessment at a glance, also without colour
    "on_track": "●",
    "moderate": "◕",
    "insufficient": "◑",
    "moving_away": "○",
    "not_assessable": "–",
}


def block(row: IndicatorRow, notes: Notes, *, measure: bool) -> list[RenderableType]:
    """One indicator in lines that wrap, indented, at any width: its name (and note), its
    figures with the marks of their notes, its assessment with the numbers it rests on."""
    from rich.text import Text

    from mpi.render.formats._grid import hanging

    i, a = row.indicator, row.assessment
    key = Text(i.id, style="bold")
    if measure:
        key.append(f"  {row.measure}", style="")
    head = hanging()  # the name wraps under itself, beside the id
    head.add_row(key, t(one_line(i.name)))
    base = values.baseline(i) + (notes.baseline(i.id, i.baseline) if i.baseline else "")
    figures = [
        _("Baseline") + " " + base,
        _("Last value") + " " + values.last(row),
        _("Target") + " " + values.target(i) + notes.target(i.id, i.target),
    ]
    said = Text(f"{MARK[a.category]} {assessment.category(a)}", style=assessment.STYLE[a.category])
    details = assessment.details(a, i.unit)
    if details:
        said.append(": " + details, style="")
    lines = [t(one_line(i.note), "dim italic")] if i.note else []
    lines += [t(" · ".join(figures)), said]
    return [head, *(indent(line) for line in lines)]


def indicator_blocks(
    rows: list[IndicatorRow], notes: Notes, *, measures: bool, title: str | None = None
) -> list[RenderableType]:
    """The indicators one after another, a blank line between them."""
    from rich.text import Text

    out: list[RenderableType] = [Text(title, style="bold")] if title else []
    for n, row in enumerate(rows):
        if n:
            out.append(Text(""))
        out += block(row, notes, measure=measures)
    return out


def indicators(rows: list[IndicatorRow]) -> RenderableType:
    """`mpi indicators`: every indicator against its target, and how each figure is known."""
    from rich.console import Group
    from rich.text import Text

    from mpi.render.provenance import Notes

    if not rows:
        return Text(_("No indicators."))
    notes = Notes()
    return Group(*indicator_blocks(rows, notes, measures=True), *notes_text(notes))


def piped_indicators(rows: list[IndicatorRow]) -> str:
    """One indicator a line, its numbers bare (`19.5`, as `sort -n` and `awk` read them) and an
    empty field for none: id, measure, name, unit, baseline and its year, the last value and
    its day or period (ISO), ≥ or ≤, the target and its year, the assessment in words."""
    from mpi.domain.words import number
    from mpi.render.formats._text_piped import record

    def bare(value: float | None) -> str:
        return "" if value is None else number(value)

    out = []
    for row in rows:
        ind, base, target = row.indicator, row.indicator.baseline, row.indicator.target
        when = row.last_period.iso() if row.last_period else row.last_date
        out.append(
            record(
                ind.id,
                row.measure,
                ind.name,
                ind.unit,
                bare(base.value if base else None),
                base.year if base else "",
                bare(row.last_value),
                when.isoformat() if isinstance(when, date) else when,
                "≤" if ind.direction == "at_most" else "≥",
                bare(target.value),
                target.year if isinstance(target.year, int) else "",
                assessment.category(row.assessment),
            )
        )
    return "".join(out)
