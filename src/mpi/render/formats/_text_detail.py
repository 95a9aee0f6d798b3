"""`mpi show` as text: one measure, the plan level or a monitoring body, on one screen.

Every date and target carries a numbered note saying how it is known (the document's words
for stated facts, the derivation or reason for the others), listed at the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mpi.i18n import _
from mpi.render import values
from mpi.render.change_words import decision_line, decisions_heading
from mpi.render.formats._rich import STATUS_STYLE, Fit, id_column, t, table
from mpi.render.provenance import Notes, dated, progress, series, worded
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word
from mpi.render.safe import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from mpi.domain.model import Update
    from mpi.views.decisions import DecisionRow
    from mpi.views.measures import MeasureDetail
    from mpi.views.milestones import MilestoneSummary, OwnerDetail


def _series(s: MilestoneSummary, notes: Notes) -> Text:
    """A recurring milestone's dates: `halbjährlich ab 2023` (the document's words)."""
    assert s.milestone.recurrence is not None
    out = t(series(s.milestone.recurrence))
    out.append(notes.row(s.first))
    return out


def _milestones(items: list[MilestoneSummary], notes: Notes) -> RenderableType:
    """The milestones with the number and id `mpi milestone` takes; a recurring one with its
    late occurrences, the next one, and the ones recorded."""

    dates = [
        worded(s.first) if s.milestone.recurrence is None else series(s.milestone.recurrence)
        for s in items
        if s.milestone.party is None  # whose date it is: a long mark, which wraps
    ]  # as wide as a date with its marks (bedingt, vor dem Plan) and note
    party = any(s.milestone.party for s in items)  # its words wrap no narrower than 24
    widest = max([len(d) + 4 for d in dates] + [len(_("Due")), 24 if party else 20])
    grid = table(
        ("#", {"no_wrap": True, "justify": "right"}),
        id_column("ID", [s.milestone.id for s in items]),
        (_("Due"), {"width": min(widest, 30)}),
        (_("Milestone"), {"ratio": 1, "min_width": 16}),
        (_("Status"), {"no_wrap": True}),
        title=_("Milestones"),
    )
    for s in items:
        m, first = s.milestone, s.first
        name = t(m.title)
        if m.recurrence is None:
            date = t(worded(first), STATUS_STYLE.get(first.state, ""))
            date.append(notes.row(first))
            state = t(progress(first.status, first.state, first.done))
            state.stylize(STATUS_STYLE[first.state])
        else:
            date = _series(s, notes)
            name.append(" ↻", style="dim")
            late = s.late
            for word in ("overdue", "delayed"):
                dues = [values.due(r.due) for r in late if r.state == word]
                if dues:
                    name.append(
                        f"\n{state_word(word)}: {', '.join(dues)}", style=STATUS_STYLE[word]
                    )
            for r in s.recorded:
                held = f" ({values.due(r.done)})" if r.done else ""
                name.append(f"\n{values.due(r.due)} {state_word(r.status)}{held}", style="dim")
                if r.note:
                    name.append(f": {one_line(r.note)}", style="dim")
            nxt = s.next
            if nxt is not None:
                name.append("\n" + _("next:") + f" {dated(nxt)}", style="dim")
            state = (
                t(f"{len(late)} {state_word(late[0].state)}", STATUS_STYLE[late[0].state])
                if late
                else t(state_word("open") if nxt else _("ended"))
            )
        if m.note:
            name.append(f"\n{one_line(m.note)}", style="dim italic")
        grid.add_row(str(s.number), t(m.id), date, name, state)
    return Fit(grid, {3: 1})


def _updates(updates: list[Update], partners: Mapping[str, str]) -> list[RenderableType]:
    from rich.text import Text

    parts: list[RenderableType] = [Text(_("Updates"), style="bold")]
    for u in updates:
        line = Text(f"  {values.logged(u.date, u.by, partners)}{': ' if u.by else ' '}")
        line.append(one_line(u.text))
        if u.status:
            line.append(
                " " + _("(status → {status})").format(status=status_word(u.status)), style="dim"
            )
        parts.append(line)
    if not updates:
        parts.append(Text("  " + _("none recorded"), style="dim"))
    return parts


def _decisions(rows: list[DecisionRow]) -> list[RenderableType]:
    """The decisions that changed its commitments: `12.06.2026 „HH-WIN Ausbaustufe 1“: Frist
    2032 – Koordinierungsrunde 12.06.2026, TOP 3`."""
    from rich.text import Text

    if not rows:
        return []
    parts: list[RenderableType] = [Text(decisions_heading(rows), style="bold")]
    parts += [Text("  " + one_line(decision_line(r, owner=False))) for r in rows]
    return [*parts, Text("")]


def _paragraphs(text: str) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = []
    for paragraph in text.split("\n\n"):
        out += [Text(visible(" ".join(paragraph.split()))), Text("")]
    return out


def measure(detail: MeasureDetail) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    m = detail.measure
    notes = Notes(every_fact=True)
    parts: list[RenderableType] = []
    head = Text()
    head.append(m.id, style="bold")
    head.append(" ")
    head.append(one_line(m.title), style="bold")
    head.append("  ")
    head.append(status_word(m.status), style=STATUS_STYLE.get(m.status, ""))
    parts.append(head)
    where = f"{detail.field.id} {detail.field.title}"
    if detail.section_title:
        where += f" › {detail.section_title}"
    parts.append(t(where, "dim"))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    names = detail.partners
    facts.add_row(_("Lead"), t(", ".join(names.get(p, p) for p in m.lead) or "–"))
    involved = ", ".join(names.get(p, p) for p in m.involved) or "–"
    facts.add_row(_("Involved"), t(involved + notes.involvement(m.id, m.involvement)))
    facts.add_row(_("Tags"), t(", ".join(m.tags) or "–"))
    parts += [Text(""), facts, Text(""), *_paragraphs(m.text)]
    for item in m.items:
        line = Text(f"  {item.id}. ", style="bold")
        line.append(visible(" ".join(item.text.split())))
        parts.append(line)
    if m.items:
        parts.append(Text(""))
    if detail.goals:
        mark = notes.goals(m.id, detail.goal_assignment)
        goals = table(id_column(_("Goal") + mark, [g.id for g in detail.goals]), ("", {"ratio": 1}))
        for g in detail.goals:
            goals.add_row(t(g.id), t(g.text))
        parts.append(Fit(goals, {1: 1}))
    if detail.milestones:
        parts.append(_milestones(detail.milestones, notes))
    else:
        parts.append(Text(_("No milestones."), style="dim"))
    if detail.indicators:
        parts += _indicators(detail, notes)
    if m.sources:
        parts.append(Text(_("Sources"), style="bold"))
        for s in m.sources:
            line = Text(f"  [{s.footnote}] " if s.footnote is not None else "  ")
            line.append(one_line(s.shown))
            if s.url:
                line.append(" ")
                line.append(one_line(s.url), style="underline")
            parts.append(line)
        parts.append(Text(""))
    parts += _decisions(detail.decisions)
    parts += _updates(m.updates, detail.partners)
    if notes.items:
        parts += [Text(""), Text(_("How each date and target is known"), style="bold")]
        parts += [Text(one_line(line)) for line in notes.lines()]
    return Group(*parts)


def _indicators(detail: MeasureDetail, notes: Notes) -> list[RenderableType]:
    from mpi.render.formats._text_indicators import indicator_blocks

    return indicator_blocks(detail.indicators, notes, measures=False, title=_("Indicators"))


def body(detail: OwnerDetail) -> RenderableType:
    """The plan level (`mpi show plan`) or a monitoring body (`mpi show evaluation`)."""
    from rich.console import Group
    from rich.text import Text

    notes = Notes(every_fact=True)
    head = Text()
    head.append(detail.id, style="bold")
    head.append(" ")
    head.append(one_line(detail.name), style="bold")
    parts: list[RenderableType] = [head, Text("")]
    if detail.text:
        parts += _paragraphs(detail.text)
    if detail.milestones:
        parts.append(_milestones(detail.milestones, notes))
    else:
        parts.append(Text(_("No milestones."), style="dim"))
    parts += _decisions(detail.decisions)
    parts += _updates(detail.updates, detail.partners)
    if notes.items:
        parts += [Text(""), Text(_("How each date is known"), style="bold")]
        parts += [Text(one_line(line)) for line in notes.lines()]
    return Group(*parts)
