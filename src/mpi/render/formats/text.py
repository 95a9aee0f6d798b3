"""`--format text`: rich tables for people. Built from Text objects: plan text is never markup.

On a terminal it is coloured; piped or with NO_COLOR it is plain. Ids never wrap or truncate.
rich is imported inside the draw functions, so that listing the formats stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mpi.i18n import _, pgettext
from mpi.render import values
from mpi.render.change_words import describe, other_changes_heading, weakening_heading
from mpi.render.formats import _changes, _history
from mpi.render.formats._grid import Column, Grid, Lines, Narrowing, Wrapped, hanging, whole
from mpi.render.formats._rich import (
    STATUS_GLYPH,
    STATUS_STYLE,
    breakdown,
    indent,
    notes_text,
    status_bar,
    t,
)
from mpi.render.formats._text_detail import body, measure, meetings
from mpi.render.formats._text_indicators import indicators, piped_indicators
from mpi.render.formats._text_piped import (
    measure_due,
    measures_count,
    piped_due,
    piped_measures,
    piped_status,
    piped_timeline,
)
from mpi.render.messages import late_heading, missed_heading, standpoint
from mpi.render.provenance import Notes, dated, deadline, progress, series, worded
from mpi.render.provenance import marks as what_it_is
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word
from mpi.render.registry import Draws, Format, Unwrapped
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from mpi.domain.diagnostics import Diagnostic
    from mpi.views.diff import Change, PlanDiff
    from mpi.views.due import DueRow, MilestoneLine
    from mpi.views.measures import MeasureRow
    from mpi.views.status import FieldStatus, StatusSummary
    from mpi.views.timeline import Timeline


def _due_text(row: DueRow | None, notes: Notes) -> Text:
    """`bis 2026-12 [1] HF1.10`: a deadline in the document's words and whose it is."""
    if row is None:
        return t(values.DASH)
    out = t(whole(dated(row)), STATUS_STYLE.get(row.state, ""))
    out.append(notes.row(row))
    out.append(" ")
    out.append(row.whose, style="bold")
    return out


def due_column(rows: Sequence[DueRow]) -> Column:
    """Dates in the document's words, each kept whole; what they are besides (another body's
    date, from before the plan) wraps below."""
    dates = [len(deadline(r.kind, r.due)) + len(" [99]") for r in rows]
    return Column(_("Due"), weight=1, least=max(dates, default=0))


def _count(number: int, style: str) -> Text:
    return t(str(number), style if number else "")


def status(summary: StatusSummary) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    notes = Notes()
    heading = Text()
    heading.append(one_line(summary.title), style="bold")
    past = summary.read_on is not None and summary.today < summary.read_on
    if summary.as_of is None and not past:
        heading.append(" · " + _("as of {day}").format(day=values.day(summary.today)))
    else:
        heading.append(" · " + standpoint(summary.today, summary.as_of, summary.read_on))
    grid = Grid(
        (
            Column(_("Field"), style="bold"),
            Column(_("Handlungsfeld"), weight=1, least=13),
            Column(_("Measures")),
            Column(_("Open\nmilestones"), justify="right"),
            Column(_("Overdue\ndeadlines"), justify="right"),
        )
    )
    rows: list[FieldStatus] = [*summary.fields]
    if summary.plan_level.open_milestones or summary.plan_level.overdue:
        rows.append(summary.plan_level)
    for f in [*rows, summary.totals]:
        measures = Text("")
        title = t(values.field_title(f))
        if f is not summary.plan_level:
            measures = status_bar(f.by_status, f.measures)
            measures.append(f" {f.measures:>3}")
            title.append("\n")
            title.append_text(breakdown(f.by_status))
        if f.next_due is not None:
            title.append("\n" + _("next:") + " ", style="dim")
            title.append_text(_due_text(f.next_due, notes))
        late = _count(f.overdue, "bold red")
        if f.delayed:
            late.append(f" ◐{f.delayed}", style="yellow")
        if f.missed:
            late.append(f" ✗{f.missed}", style="red")
        label = values.field_id(f, summary)
        grid.add_row(t(label), title, measures, str(f.open_milestones), late, end_section=True)
    parts: list[RenderableType] = [heading, Text(""), grid, *_legend()]
    parts.append(Text(""))
    if summary.missed:  # what the partners did not do: first
        parts += [_late(summary.missed, missed_heading(summary), notes), Text("")]
    if summary.late:
        parts += [_late(summary.late, late_heading(summary), notes), Text("")]
    parts.append(_due_table(summary.next_deadlines, notes, title=_("Next deadlines")))
    return Group(*parts, *notes_text(notes))


def _legend() -> list[RenderableType]:
    """What the status bar's glyphs and the table's counts mean, wrapped so that no glyph
    parts from its word."""
    from rich.text import Text

    legend = Text(_("Bar:") + " ", style="dim")
    for name, glyph in STATUS_GLYPH.items():
        legend.append(glyph, style=STATUS_STYLE[name])
        legend.append(whole(f" {status_word(name)}") + "\u00a0 ", style="dim")  # x entfallen
    counts = Text(
        _(
            "Open milestones: a recurring one once. Overdue deadlines: each occurrence on its "
            "own, as `mpi due` lists them; ◐ delayed: a „voraussichtlich“ date that passed; "
            "✗ missed: recorded as not met. In progress: a project with an end, begun; "
            "ongoing: a standing duty, with no end."
        ),
        style="dim",
    )
    return [Wrapped(legend), Wrapped(counts)]


def _deadlines(rows: Sequence[DueRow], title: str | None) -> Grid:
    """A table of deadlines: the date in the document's words, whose, the milestone, its
    status (late, missed and upcoming ones, `mpi due`)."""
    columns = (
        due_column(rows),
        Column(_("Measure"), style="bold"),
        Column(_("Milestone"), weight=3, least=16),
        Column(_("Status")),
    )
    return Grid(columns, title=title)


def _milestone(r: DueRow) -> Text:
    """A milestone's title, `↻` after a recurring one's (kept on its last line)."""
    name = t(r.title)
    if r.recurring:
        name.append("\u00a0↻", style="dim")
    return name


def _late(lines: list[MilestoneLine], title: str, notes: Notes) -> RenderableType:
    """Late deadlines, a recurring milestone once: its oldest late occurrence and a count."""
    grid = _deadlines([line.row for line in lines], title)
    for line in lines:
        r = line.row
        date = t(dated(r), STATUS_STYLE[r.state])
        date.append(notes.row(r))
        state = state_word(r.state)
        if line.occurrences > 1:
            state = f"{line.occurrences} {state}"
        grid.add_row(date, t(r.whose), _milestone(r), t(state, STATUS_STYLE[r.state]))
    return grid


def measures(rows: list[MeasureRow]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    if not rows:
        return Text(_("No measures match."))
    leads = any(r.lead for r in rows)  # most measures name no lead: no empty column then
    key = (Column(_("ID"), style="bold"), Column(_("Status")))
    lead, tags = pgettext("narrow column", "Lead"), pgettext("narrow column", "Tags")
    wide = Grid(
        (
            *key,
            Column(_("Title"), weight=2, least=14),
            *([Column(lead, weight=1)] if leads else []),
            Column(tags, weight=1),
            Column(_("Due")),
        )
    )
    narrow = Grid((*key, Column(_("Title"), weight=1), Column(_("Due"))))
    for r in rows:
        status = t(status_word(r.status), STATUS_STYLE.get(r.status, ""))
        names, tagged = ", ".join(map(whole, r.lead_names)), ", ".join(map(whole, r.tags))
        cells = [t(r.id), status, t(r.title)]
        cells += [t(names or values.DASH)] if leads else []
        wide.add_row(*cells, t(tagged or values.DASH), measure_due(r))
        under = t(r.title)
        folded = [f"{lead}: {names}"] if names else []
        folded += [tagged] if tagged else []
        if folded:
            under.append("\n" + " · ".join(folded), style="dim")
        narrow.add_row(t(r.id), status, under, measure_due(r))
    footer = measures_count(len(rows))
    if any(r.late for r in rows):
        footer += "; " + _(
            "Due: the oldest ✗ missed, else ! overdue or ◐ delayed deadline, else the next"
        )
    return Group(Narrowing(wide, narrow), Text(footer, style="dim"))


def due(rows: list[DueRow]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    if not rows:
        return Text(_("No milestones match."))
    notes = Notes()
    return Group(_due_table(rows, notes), *notes_text(notes))


def _due_table(rows: list[DueRow], notes: Notes, title: str | None = None) -> RenderableType:
    from rich.text import Text

    if not rows:
        return Text(_("No milestones match."))
    # An action item's on two lines, `Auftrag 3` over `(10.03.2027)`: the titles keep the room.
    owners = [
        values.owner(r).replace(" (", "\n(", 1) if r.meeting_day else values.owner(r) for r in rows
    ]
    grid = _deadlines(rows, title)
    for r, whose in zip(rows, owners, strict=True):
        style = STATUS_STYLE.get(r.state, "")
        date = t(worded(r), style if r.state in ("overdue", "delayed") else "")
        date.append(notes.row(r))
        state = t(progress(r.status, r.state, r.done), style)
        owner = Text("\n".join(one_line(x) for x in whose.split("\n")))
        grid.add_row(date, owner, _milestone(r), state)
    return grid


GLYPHS = {
    "done": ("●", "green"),
    "open": ("○", ""),
    "overdue": ("✗", "bold red"),
    "delayed": ("◐", "yellow"),
    "missed": ("✗", "red"),
    "context": ("·", "dim"),
}


def timeline(view: Timeline) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    notes = Notes()
    grid = Grid(
        (Column(_("Year"), style="bold"), Column(""), Column(_("Milestones"), weight=1, least=20))
    )
    for y in view.years:
        marks = Text()
        for r in y.milestones:
            glyph, style = GLYPHS[r.state]
            marks.append(glyph, style=style)
        if y.recurring:
            marks.append(f" ↻{len(y.recurring)}", style="dim")
            late = sum(1 for r in y.recurring if r.overdue)
            if late:
                marks.append(f" ✗{late}", style="bold red")
        names = Text()
        for index, r in enumerate(y.milestones):
            if index:
                names.append("; ")
            if r.measure:  # the plan's or a body's milestone: its title says whose it is
                names.append(r.measure + " ", style="bold")
            names.append(one_line(r.title))
            # how the date reads where it is not "bis" (the year says when), and what it is
            said = "" if r.kind in ("by", "history") else f" ({deadline(r.kind, r.due)})"
            said += what_it_is(r)
            if said:
                names.append(said, style="dim")
            names.append(notes.row(r))
        year = Text(str(y.year), style="reverse" if y.year == view.today.year else "")
        grid.add_row(year, marks, names)
    legend = Text(
        _(
            "● done  ○ open  ✗ overdue or missed  ◐ delayed  · context (before the plan or "
            "another's date)  ↻n occurrences of recurring milestones, ✗n of them overdue "
            "(mpi due --year Y lists them)"
        ),
        style="dim",
    )
    return Group(grid, legend, *_series_lines(view, notes), *notes_text(notes))


def _series_lines(view: Timeline, notes: Notes) -> list[RenderableType]:
    """The recurring milestones the ↻ counts stand for, each once, in its own words."""
    from rich.text import Text

    if not view.series:
        return []
    grid = hanging("bold")
    for r, recurrence in view.series:  # the text hangs under itself, not under the ids
        said = t(f"{r.title}: {series(recurrence)}")
        said.append(notes.row(r))
        grid.add_row(t(r.whose), said)
    return [Text(""), Text(_("Recurring milestones"), style="bold"), indent(grid)]


def diagnostics(items: Sequence[Diagnostic]) -> Unwrapped | str:
    """`FILE:LINE:COLUMN: severity: message  [code]`, one line each, never wrapped (mypy's shape:
    the code, an English word, stands apart from the sentence a person reads)."""
    from rich.text import Text

    if not items:
        return ""
    out = Text("\n").join(diagnostic(d) for d in items)
    return Unwrapped(out)


def diagnostic(d: Diagnostic) -> Text:
    """One problem on one line, as `validate` prints it and as a command that cannot read the
    plan says why."""
    from rich.text import Text

    severity = {"error": _("error"), "warning": _("warning")}.get(d.severity, _("note"))
    style = {"error": "bold red", "warning": "bold yellow"}.get(d.severity, "bold blue")
    return Text.assemble(
        (one_line(d.where) + ":", "bold"),
        " ",
        (severity + ":", style),
        " ",
        one_line(d.message),
        "  ",
        (f"[{d.code}]", "cyan"),
    )


def diff(view: PlanDiff) -> Lines:
    """One line per change (wrapped under its text on a terminal); nothing for none (the
    command says so on stderr). Weakening changes first, under their own heading and marked
    `!`."""

    def line(c: Change) -> tuple[str, int]:
        said = one_line(describe(c, view.names, view.titles, view.units))
        return ("! " + said, 2) if c.weakening else (said, 2)

    weakening = view.weakening
    if not weakening:
        return Lines(tuple(line(c) for c in view.changes))
    others = view.changes[len(weakening) :]
    out = [(weakening_heading(len(weakening)), 0), *(line(c) for c in weakening)]
    if others:
        out += [(other_changes_heading(len(others)), 0), *(line(c) for c in others)]
    return Lines(tuple(out))


FORMAT = Format(
    name="text",
    status=status,
    measures=measures,
    measure=measure,
    body=body,
    due=due,
    timeline=timeline,
    diff=diff,
    history=_history.lines,
    changes=_changes.terminal,
    diagnostics=diagnostics,
    indicators=indicators,
    meetings=meetings,
    piped=Draws(
        status=piped_status,
        measures=piped_measures,
        due=piped_due,
        timeline=piped_timeline,
        indicators=piped_indicators,
        changes=_changes.text,
        diff=lambda view: diff(view).text(),  # the same lines, whole
        history=lambda view: _history.lines(view).text(),
    ),
)
