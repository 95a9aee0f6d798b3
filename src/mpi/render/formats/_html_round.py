"""`mpi round --format html`: the briefing as one self-contained page, print-ready on A4 (a page
per Handlungsfeld, headings kept with what follows, a table of contents)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpi import __version__
from mpi.i18n import _, language
from mpi.render import assessment, briefing, values
from mpi.render.formats._templates import page_css
from mpi.render.messages import colophon, invalid_warning
from mpi.render.provenance import Notes, basis, explanation, needs_note, worded

if TYPE_CHECKING:
    from mpi.views.due import MilestoneLine
    from mpi.views.measures import MeasureRow
    from mpi.views.round import Round, Section

STATE_CLASS = {
    "on_track": "ok",
    "moderate": "moderate",
    "insufficient": "behind",
    "moving_away": "away",
    "not_assessable": "",
}


def _deadline(view: Round, line: MilestoneLine, notes: Notes) -> dict[str, Any]:
    r = line.row
    item = view.items.get(r.owner)
    marked = needs_note(r.basis) or bool(r.condition)
    if marked:
        notes.row(r)
    return {
        "due": worded(r),
        "owner": r.owner,
        "title": r.title,
        "note": briefing.status(line),
        "basis": basis(r.basis) if marked else None,
        "how": (
            explanation(r.basis, r.quote, r.derivation, quotes=False, condition=r.condition)
            if marked
            else None
        ),
        "lead": briefing.lead(view, item),
        "latest": briefing.deadline_note(view, line),
    }


def _measure(view: Round, m: MeasureRow, stale: bool) -> dict[str, Any]:
    item = view.items[m.id]
    last = values.day(m.last_update) if m.last_update else _("never")
    return {
        "id": m.id,
        "title": m.title,
        "lead": briefing.lead(view, item),
        "last": last if stale else briefing.latest(view, item),
    }


def _section(view: Round, s: Section, notes: Notes) -> dict[str, Any]:
    done, noted = briefing.changed(view, s) if view.since is not None else ([], [])
    out: dict[str, Any] = {
        "anchor": s.id.lower(),
        "heading": briefing.heading(s),
        "changes": done,
        "noted": noted,
        "late": [_deadline(view, line, notes) for line in s.late],
        "missed": [_deadline(view, line, notes) for line in s.missed],
        "upcoming": [_deadline(view, line, notes) for line in s.upcoming],
        "at_risk": [_measure(view, m, False) for m in s.at_risk],
        "stale": [_measure(view, m, True) for m in s.stale],
        "indicators": [
            {
                "measure": row.measure,
                "name": row.indicator.name,
                "baseline": values.baseline(row.indicator),
                "last": values.last(row),
                "target": values.target(row.indicator),
                "state": assessment.category(row.assessment),
                "state_class": STATE_CLASS[row.assessment.category],
                "details": assessment.details(row.assessment, row.indicator.unit),
            }
            for row in s.indicators
        ],
    }
    out["empty"] = not any(v for k, v in out.items() if k not in ("anchor", "heading"))
    return out


def context(view: Round) -> dict[str, Any]:
    """Everything the template shows, as text: the template only lays it out."""
    notes = Notes()
    sections = [_section(view, s, notes) for s in view.sections]
    return {
        "lang": language(),
        "version": __version__,
        "heading": briefing.meeting_title(view.meeting)
        if view.meeting
        else _("Briefing for the coordination round: {title}").format(title=view.title),
        "today": values.day(view.today),
        "period": briefing.period(view),
        "made_from": colophon(view.made_from),
        "stamp": briefing.stamp(view),
        "invalid": invalid_warning(view.made_from),
        "decision_count": len(view.decisions),
        "decisions": [
            {
                "id": briefing.item_label(d),
                "title": d.item.title,
                "lead": briefing.lead(view, d.item),
                "why": briefing.reason(view, d),
                "latest": briefing.latest(view, d.item),
            }
            for d in view.decisions
        ],
        "missing_heading": briefing.missing_heading(view),
        "missing_intro": briefing.missing_intro(view),
        "missing": [
            {"who": who, "entries": entries} for who, entries in briefing.missing_groups(view)
        ],
        "decided_heading": briefing.decided_heading(view),
        "decided": briefing.decided(view),
        "sections": sections,
        "upcoming_heading": _("Due before the next round ({day})").format(
            day=values.day(view.until)
        ),
        "stale_heading": _("Without an update for more than {span}").format(
            span=briefing.span(view.stale)
        ),
        "notes": notes.lines(),
        "meeting": _meeting(view),
        "page_css": page_css(view.title),
    }


def _meeting(view: Round) -> dict[str, Any] | None:
    """The meeting it is for: facts, agenda, action items followed up, proposals."""
    part = view.meeting
    if part is None:
        return None
    follow = ""
    if part.previous is not None:
        follow = _("Action items of the last meeting ({day})").format(
            day=values.day(part.previous.date)
        )
    return {
        "facts": briefing.meeting_facts(view, part),
        "agenda": [
            {"number": r.number, "title": r.top.title, "reporting": briefing.reporting(view, r.top)}
            for r in part.agenda
        ],
        "follow_up": follow,
        "actions": [
            {
                "number": briefing.action_number(part, a),
                "text": a.text,
                "owner": view.partners.get(a.owner, a.owner),
                "due": values.day(a.due),
                "state": briefing.action_state(a),
            }
            for a in part.actions
        ],
        "proposals": [
            {
                "id": briefing.item_label(p.decision),
                "title": p.decision.item.title,
                "why": briefing.reason(view, p.decision),
                "options": [
                    {
                        "words": briefing.option_words(o),
                        "command": briefing.command_line(o) if o.command else "",
                    }
                    for o in p.options
                ],
            }
            for p in part.proposals
        ],
    }
