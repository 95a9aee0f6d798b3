"""`mpi show` as text: one measure, the plan level or a monitoring body, on one screen.

Every date and target carries a numbered note saying how it is known (the document's words
for stated facts, the derivation or reason for the others), listed at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from mpi.i18n import _, ngettext
from mpi.render import values
from mpi.render.decision_words import decision_line, decisions_heading
from mpi.render.formats._grid import Column, Grid, hanging, whole
from mpi.render.formats._rich import STATUS_STYLE, indent, notes_grid, t
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
    from mpi.views.meetings import MeetingRow
    from mpi.views.milestones import MilestoneSummary, OwnerDetail


def _series(s: MilestoneSummary, notes: Notes) -> Text:
    """A recurring milestone's dates: `halbjährlich ab 2023` (the document's words)."""
    assert s.milestone.recurrence is not None
    out = t(series(s.milestone.recurrence))
    out.append(notes.row(s.first))
    return out


def _milestones(items: list[MilestoneSummary], notes: Notes) -> RenderableType:
    """The milestones, each a block under the number and id `mpi milestone` takes: its status,
    title, date in the document's words; a recurring one with its late occurrences, the next
    one, and the ones recorded. Blocks, not a table: at 80 columns a table of four columns
    left the title a word wide."""
    from rich.console import Group
    from rich.text import Text

    grid = Grid((Column("#", justify="right"), Column("", weight=1)), header=False)
    for index, s in enumerate(items):
        m, first = s.milestone, s.first
        head = Text(m.id, style="bold")
        head.append(" · ")
        block = [head, t(m.title)]
        if m.recurrence is None:
            head.append_text(t(progress(first.status, first.state, first.done)))
            head.stylize(STATUS_STYLE[first.state], len(m.id))
            date = t(worded(first), STATUS_STYLE.get(first.state, ""))
            date.append(notes.row(first))
        else:
            late, nxt = s.late, s.next
            state = state_word(late[0].state) if late else state_word("open") if nxt else _("ended")
            head.append(
                f"{len(late)} {state}" if late else state,
                STATUS_STYLE[late[0].state] if late else "",
            )
            block[1].append("\u00a0↻", style="dim")
            date = _series(s, notes)
            for word in ("overdue", "delayed"):
                dues = [whole(values.due(r.due)) for r in late if r.state == word]
                if dues:
                    date.append(
                        f"\n{state_word(word)}: {', '.join(dues)}", style=STATUS_STYLE[word]
                    )
            for r in s.recorded:
                held = f" ({values.due(r.done)})" if r.done else ""
                date.append(f"\n{values.due(r.due)} {state_word(r.status)}{held}", style="dim")
                if r.note:
                    date.append(f": {one_line(r.note)}", style="dim")
            if nxt is not None:
                date.append("\n" + _("next:") + f" {whole(dated(nxt))}", style="dim")
        block.append(date)
        if m.note:
            block.append(t(m.note, "dim italic"))
        if index:
            grid.add_row("", "")
        grid.add_row(str(s.number), Text("\n").join(block))
    return Group(Text(_("Milestones"), style="bold"), indent(grid))


def _updates(updates: list[Update], partners: Mapping[str, str]) -> list[RenderableType]:
    """The log, an entry a line (`Sachstand DGB Nord, 02.06.2027: …`). A status change the
    entry's words already say (`Status: laufend → entfallen`) is not said again."""
    from rich.text import Text

    parts: list[RenderableType] = [Text(_("Updates"), style="bold")]
    for u in updates:
        line = Text(f"{values.logged(u.date, u.by, partners)}{': ' if u.by else ' '}")
        line.append(one_line(u.text))
        if u.status and status_word(u.status) not in u.text:
            said = _("(status → {status})").format(status=status_word(u.status))
            line.append(" " + said, style="dim")
        parts.append(indent(line))
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
    return parts + [indent(t(one_line(decision_line(r, owner=False)))) for r in rows]


def _paragraphs(text: str) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = []
    for paragraph in text.split("\n\n"):
        out += [Text(""), Text(visible(" ".join(paragraph.split())))]
    return out[1:]


def _sections(*sections: Sequence[RenderableType]) -> RenderableType:
    """The sections of `mpi show`, one blank line between two, none at the end."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    for section in sections:
        if section:
            parts += [Text(""), *section] if parts else section
    return Group(*parts)


def _how_known(notes: Notes, title: str) -> list[RenderableType]:
    from rich.text import Text

    if not notes.items:
        return []
    return [Text(title, style="bold"), notes_grid(notes)]


def measure(detail: MeasureDetail) -> RenderableType:
    """`mpi show HF1.15`: the measure's head, facts, text, items, goals, milestones,
    indicators, sources, decisions and log, and how each date and target is known."""
    from rich.text import Text

    m = detail.measure
    notes = Notes(every_fact=True)
    head = Text()
    head.append(m.id, style="bold")
    head.append(" ")
    head.append(one_line(m.title), style="bold")
    head.append("  ")
    head.append(status_word(m.status), style=STATUS_STYLE.get(m.status, ""))
    where = f"{detail.field.id} {detail.field.title}"
    if detail.section_title:
        where += f" › {detail.section_title}"
    facts, goals = _facts(detail, notes), _goals(detail, notes)  # their notes come first
    milestones: list[RenderableType] = [_milestones(detail.milestones, notes)]
    if not detail.milestones:
        milestones = [Text(_("No milestones."), style="dim")]
    return _sections(
        [head, t(where, "dim")],
        [facts],
        _paragraphs(m.text),
        _items(detail),
        goals,
        milestones,
        _indicators(detail, notes) if detail.indicators else [],
        _sources(detail),
        _decisions(detail.decisions),
        _updates(m.updates, detail.partners),
        _how_known(notes, _("How each date and target is known")),
    )


def _facts(detail: MeasureDetail, notes: Notes) -> RenderableType:
    """Who leads, who is involved (and how that is known), the tags."""
    from rich.table import Table

    m, names = detail.measure, detail.partners
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row(_("Lead"), t(", ".join(names.get(p, p) for p in m.lead) or values.DASH))
    involved = ", ".join(names.get(p, p) for p in m.involved) or values.DASH
    facts.add_row(_("Involved"), t(involved + notes.involvement(m.id, m.involvement)))
    facts.add_row(_("Tags"), t(", ".join(m.tags) or values.DASH))
    return facts


def _items(detail: MeasureDetail) -> list[RenderableType]:
    """The measure's items, each text hanging under itself beside its number."""
    from rich.text import Text

    if not detail.measure.items:
        return []
    listed = hanging("bold")
    for item in detail.measure.items:
        listed.add_row(f"{item.id}.", Text(visible(" ".join(item.text.split())), style=""))
    return [indent(listed)]


def _goals(detail: MeasureDetail, notes: Notes) -> list[RenderableType]:
    from rich.text import Text

    if not detail.goals:
        return []
    mark = notes.goals(detail.measure.id, detail.goal_assignment)
    grid = hanging("bold")
    for g in detail.goals:
        grid.add_row(t(g.id), t(g.text))
    return [Text(_("Goals") + mark, style="bold"), indent(grid)]


def _sources(detail: MeasureDetail) -> list[RenderableType]:
    """The sources, each hanging under itself beside its footnote's number."""
    from rich.text import Text

    if not detail.measure.sources:
        return []
    cited = hanging()
    for s in detail.measure.sources:
        line = t(one_line(s.shown))
        if s.url:
            line.append(" ")
            line.append(one_line(s.url), style="underline")
        cited.add_row(f"[{s.footnote}]" if s.footnote is not None else "", line)
    return [Text(_("Sources"), style="bold"), indent(cited)]


def _indicators(detail: MeasureDetail, notes: Notes) -> list[RenderableType]:
    from mpi.render.formats._text_indicators import indicator_blocks

    return indicator_blocks(detail.indicators, notes, measures=False, title=_("Indicators"))


def _signing(detail: OwnerDetail) -> list[list[RenderableType]]:
    """The plan level's sections of its own (`mpi show plan`): the partners and who signed
    for each, its vision, its agreements and the monitoring bodies; none for a body."""
    from rich.text import Text

    if not detail.signing:
        return []
    partners = hanging("bold")
    for p in detail.signing:
        said = t(p.name)
        for person in p.signatories:
            said.append("\n")
            said.append_text(t(person, "dim"))
        partners.add_row(t(p.short), said)
    agreements = hanging()
    for agreement in detail.agreements:
        agreements.add_row("–", t(agreement))
    bodies = hanging("bold")
    for ident, name in detail.bodies:
        bodies.add_row(t(ident), t(name))
    vision = visible(" ".join((detail.vision or "").split()))
    return [
        [Text(_("Partners"), style="bold"), indent(partners)],
        [Text(_("Vision"), style="bold"), Text(vision)] if vision else [],
        [Text(_("The partners agree"), style="bold"), indent(agreements)]
        if detail.agreements
        else [],
        [Text(_("Monitoring (mpi show ID)"), style="bold"), indent(bodies)]
        if detail.bodies
        else [],
    ]


def body(detail: OwnerDetail) -> RenderableType:
    """The plan level (`mpi show plan`) or a monitoring body (`mpi show evaluation`)."""
    from rich.text import Text

    notes = Notes(every_fact=True)
    head = Text(one_line(detail.name), style="bold")  # its id is what the reader typed
    milestones: list[RenderableType] = [_milestones(detail.milestones, notes)]
    if not detail.milestones:
        milestones = [Text(_("No milestones."), style="dim")]
    return _sections(
        [head],
        _paragraphs(detail.text) if detail.text else [],
        *_signing(detail),
        milestones,
        _decisions(detail.decisions),
        _updates(detail.updates, detail.partners),
        _how_known(notes, _("How each date is known")),
    )


def meetings(rows: list[MeetingRow]) -> RenderableType:
    """The meetings at 80 columns: the id (it names the body), the day, where, and what is on
    record in words that wrap (TOPs, decisions, open action items)."""
    from rich.text import Text

    if not rows:
        return Text(_("No meetings on record (mpi meeting new records one)."))
    grid = Grid(
        (
            Column(_("Meeting"), style="bold"),
            Column(_("Day")),
            Column(_("Where"), weight=1, least=10),
            Column(_("On record"), weight=2, least=16),
        )
    )
    for r in rows:
        said = [
            ngettext("{count} TOP", "{count} TOPs", r.tops).format(count=r.tops),
            ngettext("{count} decision", "{count} decisions", r.decisions).format(
                count=r.decisions
            ),
            ngettext(
                "{count} open action item", "{count} open action items", r.open_actions
            ).format(count=r.open_actions),
        ]
        if r.overdue_actions:
            said[-1] += " " + _("({count} overdue)").format(count=r.overdue_actions)
        grid.add_row(r.id, values.day(r.day), r.where or values.DASH, ", ".join(said))
    return grid
