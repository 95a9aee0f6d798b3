"""`mpi round --format markdown`: the briefing for the coordination round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpi.i18n import _
from mpi.render import briefing, values
from mpi.render.formats._markdown import ended, esc, indicator_table, notes_block, table, when
from mpi.render.messages import colophon, invalid_warning
from mpi.render.provenance import Notes

if TYPE_CHECKING:
    from mpi.views.agenda import MeetingPart
    from mpi.views.due import MilestoneLine
    from mpi.views.measures import MeasureRow
    from mpi.views.round import Round, Section


def decisions(view: Round) -> list[str]:
    """The items to decide on, in a table: each late deadline, each missed one, each
    endangered measure, each weakening without a decision."""
    out = ["## " + _("For decision ({count})").format(count=len(view.decisions)), ""]
    if not view.decisions:
        return [*out, "_" + _("Nothing to decide.") + "_", ""]
    rows = [
        [
            briefing.item_label(d),
            d.item.title,
            briefing.lead(view, d.item),
            briefing.reason(view, d),
            briefing.latest(view, d.item),
        ]
        for d in view.decisions
    ]
    out.append(table([_("Measure"), _("Title"), _("Lead"), _("Why"), _("Latest note")], rows))
    return out


def meeting(view: Round) -> list[str]:
    """The meeting it is for, its agenda, the action items it follows up."""
    part = view.meeting
    if part is None:
        return []
    out = [
        f"**{esc(label)}:** {esc(value)}  " for label, value in briefing.meeting_facts(view, part)
    ]
    out[-1] = out[-1].rstrip()
    out += ["", "## " + _("Agenda"), ""]
    rows = [[f"TOP {r.number}", r.top.title, briefing.reporting(view, r.top)] for r in part.agenda]
    head = [_("Item"), _("Subject"), _("Reporting")]
    out.append(table(head, rows) if rows else "_" + _("No agenda on record.") + "_\n")
    return [*out, *follow_up(view, part)]


def follow_up(view: Round, part: MeetingPart) -> list[str]:
    if part.previous is None:
        return []
    heading = _("Action items of the last meeting ({day})").format(
        day=values.day(part.previous.date)
    )
    out = ["## " + esc(heading), ""]
    if not part.actions:
        return [*out, "_" + _("No action items.") + "_", ""]
    rows = [briefing.action_cells(view, part, a) for a in part.actions]
    out.append(table(briefing.action_head(), rows))
    return out


def proposals(view: Round) -> list[str]:
    """For each item to decide, the options and the command that records each."""
    part = view.meeting
    if part is None or not part.proposals:
        return []
    out = ["## " + esc(_("Proposed decisions")), ""]
    for p in part.proposals:
        d = p.decision
        label = f"{briefing.item_label(d)} {d.item.title}"
        out += [f"**{esc(label)}**: {esc(briefing.reason(view, d))}", ""]
        for option in p.options:
            line = f"- {esc(briefing.option_words(option))}"
            out.append(line + (f": `{briefing.command_line(option)}`" if option.command else ""))
        out.append("")
    return out


def missing(view: Round) -> list[str]:
    """The measures without an update, each once, grouped by whom to ask."""
    if not view.missing:
        return []
    out = ["## " + esc(briefing.missing_heading(view)), "", esc(briefing.missing_intro(view)), ""]
    for who, entries in briefing.missing_groups(view):
        out.append(f"- **{esc(who)}**: " + "; ".join(esc(e) for e in entries))
    return [*out, ""]


def _deadlines(view: Round, lines: list[MilestoneLine], notes: Notes) -> str:
    rows: list[list[Any]] = []
    for line in lines:
        r = line.row
        item = view.items.get(r.owner)
        rows.append(
            [
                when(r, notes),
                r.owner,
                r.title,
                briefing.status(line),
                briefing.lead(view, item),
                briefing.deadline_note(view, line),
            ]
        )
    head = [_("Due"), _("Measure"), _("Milestone"), _("Status"), _("Lead"), _("Latest note")]
    return table(head, rows)


def _measures(view: Round, rows: list[MeasureRow], stale: bool) -> str:
    out = []
    for m in rows:
        item = view.items[m.id]
        last = values.day(m.last_update) if m.last_update else _("never")
        out.append(
            [
                m.id,
                m.title,
                briefing.lead(view, item),
                last if stale else briefing.latest(view, item),
            ]
        )
    last_head = _("Last update") if stale else _("Latest note")
    return table([_("Measure"), _("Title"), _("Lead"), last_head], out)


def _changes(view: Round, s: Section) -> str:
    done, noted = briefing.changed(view, s)
    out = [f"- {esc(line)}" for line in done]
    if noted:
        out += ["", "**" + _("New notes") + "**", "", *(f"- {esc(line)}" for line in noted)]
    return "\n".join(out) + "\n" if out else ""


def section(view: Round, s: Section, notes: Notes) -> list[str]:
    """A Handlungsfeld: only the parts that have something in them."""
    out = ["## " + esc(briefing.heading(s)), ""]
    parts: list[tuple[str, str]] = []
    if view.since is not None:
        parts.append((_("Changes since the last round"), _changes(view, s)))
    upcoming = _("Due before the next round ({day})").format(day=values.day(view.until))
    for title, lines in ((_("Late"), s.late), (_("Missed"), s.missed), (upcoming, s.upcoming)):
        parts.append((title, _deadlines(view, lines, notes) if lines else ""))
    parts.append((_("Measures at risk"), _measures(view, s.at_risk, False) if s.at_risk else ""))
    stale = _("Without an update for more than {span}").format(span=briefing.span(view.stale))
    parts.append((stale, _measures(view, s.stale, True) if s.stale else ""))
    shown = indicator_table(s.indicators, notes, measures=True) if s.indicators else ""
    parts.append((_("Indicators"), shown))
    filled = [(title, body) for title, body in parts if body]
    if not filled:
        return [*out, "_" + _("Nothing changed, nothing is due or late.") + "_", ""]
    for title, body in filled:
        out += [f"### {esc(title)}", "", body]
    return out


def round_(view: Round) -> str:
    """The briefing: what it was made from, what to decide, then each Handlungsfeld."""
    notes = Notes()
    title = _("Briefing for the coordination round: {title}").format(title=view.title)
    out = ["# " + esc(title), ""]
    if view.meeting is not None:
        title = _("Briefing: {title}").format(title=view.title)
        out = ["# " + esc(briefing.meeting_title(view.meeting)), "", f"_{esc(title)}_", ""]
    if briefing.stamp(view):
        out += [f"**{esc(briefing.stamp(view))}**", ""]
    warning = invalid_warning(view.made_from)
    if warning:
        out += [f"**{esc(warning)}**", ""]
    out += [esc(briefing.period(view)), ""]
    out += meeting(view)
    out += ["## " + _("Contents"), ""]
    out.append("- " + _("For decision ({count})").format(count=len(view.decisions)))
    if view.meeting is not None and view.meeting.proposals:
        out.append("- " + _("Proposed decisions"))
    if view.missing:
        out.append("- " + esc(briefing.missing_heading(view)))
    out += ["- " + esc(briefing.heading(s)) for s in view.sections]
    if view.decided:
        out.append("- " + esc(briefing.decided_heading(view)))
    out += ["", *decisions(view), *proposals(view), *missing(view)]
    if view.decided:
        out += ["## " + esc(briefing.decided_heading(view)), ""]
        out += [f"- {esc(line)}" for line in briefing.decided(view)] + [""]
    for s in view.sections:
        out += section(view, s, notes)
    out += notes_block(notes, "## " + _("Notes: dates and targets the document does not state"))
    return ended(out, colophon(view.made_from))
