"""The briefing's words, shared by its Markdown, HTML and Word forms: who leads an item, its
latest note, why the round decides on it, the period the briefing covers, what changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from mpi.domain.words import inner
from mpi.i18n import N_, _, formats, ngettext
from mpi.render import values
from mpi.render.change_words import describe
from mpi.render.decision_words import decision_line, decisions_heading
from mpi.render.messages import milestone_note, standpoint
from mpi.render.provenance import progress

if TYPE_CHECKING:
    from mpi.domain.meetings import Participant, Top
    from mpi.views.agenda import Decision, Item, MeetingPart, Option
    from mpi.views.diff import Change
    from mpi.views.due import MilestoneLine
    from mpi.views.meetings import ActionRow, Minutes
    from mpi.views.round import Round, Section


def lead(view: Round, item: Item | None) -> str:
    """The lead partners' short names, or a dash."""
    if item is None or not item.lead:
        return values.DASH
    return ", ".join(view.partners.get(p, p) for p in item.lead)


def latest(view: Round, item: Item | None) -> str:
    """The item's latest note: `25.11.2026: Planfeststellung läuft`, `Sachstand DGB Nord,
    02.06.2027: …` where a partner reported it, or a dash."""
    if item is None or item.latest is None:
        return values.DASH
    u = item.latest
    return f"{values.logged(u.date, u.by, view.partners)}: {u.text}"


def reason(view: Round, d: Decision) -> str:
    """Why the round has to decide, in words: which deadline, since when."""
    if d.reason == "weakened_without_decision" and d.change is not None:
        return describe(d.change, None, view.titles, view.units, subject=False)
    if d.reason == "at_risk":
        return _("at risk")
    if d.reason == "action_overdue":
        return action_reason(view, d)
    if d.reason == "stale":
        last = d.item.latest.date if d.item.latest else None
        if last is None:
            return _("no update since the plan was adopted")
        return _("no update since {day}").format(day=values.day(last))
    assert d.row is not None
    title = view.titles.get((d.row.owner, d.row.milestone), d.row.milestone)
    count = ""
    if d.occurrences > 1:
        count = " " + ngettext(
            "({count} occurrence)", "({count} occurrences)", d.occurrences
        ).format(count=d.occurrences)
    if d.reason == "missed":
        said = _("„{milestone}“ missed ({date})")
    elif d.reason == "delayed_without_note":
        said = _("„{milestone}“ expected for {date}, delayed, nothing noted since")
    else:
        said = _("„{milestone}“ overdue since {date}, nothing noted since")
    return said.format(milestone=inner(title), date=values.due(d.row.due)) + count


def span(value: tuple[int, str]) -> str:
    """6 months, 90 days, 2 years."""
    n, unit = value
    words = {
        "d": ngettext("{count} day", "{count} days", n),
        "w": ngettext("{count} week", "{count} weeks", n),
        "m": ngettext("{count} month", "{count} months", n),
        "y": ngettext("{count} year", "{count} years", n),
    }
    return words[unit].format(count=n)


def period(view: Round) -> str:
    """`Stand 25.11.2026; seit der letzten Runde (v2026-06, 12.06.2026) bis zur nächsten am …`."""
    record = view.made_from
    said = standpoint(view.today, record.as_of, record.read_on) + " "
    if view.since is None:
        said += _("No last round given (--since): no changes listed.")
    elif view.since_day is not None and view.since != values.day(view.since_day):
        said += _("Changes since the last round ({since}, {day}).").format(
            since=view.since, day=values.day(view.since_day)
        )
    else:
        said += _("Changes since the last round ({since}).").format(
            since=values.day(view.since_day) if view.since_day else view.since
        )
    if view.dated:
        said += " " + _(
            "The plan as it stood then is not on record: the changes are what the plan's "
            "dated entries say (notes, values, milestones done)."
        )
    said += " " + _("Next round: {day}.").format(day=values.day(view.until))
    if view.leads:
        names = values.listing([view.partners.get(p, p) for p in view.leads])
        said += " " + ngettext(
            "The briefing of the partner {partners}: the measures it leads.",
            "The briefing of the partners {partners}: the measures they lead.",
            len(view.leads),
        ).format(partners=names)
    return said


def status(line: MilestoneLine) -> str:
    """A deadline's state (`überfällig`, `erledigt 30.06.2026`), or for a recurring milestone's
    several late occurrences how many (`6 Termine überfällig`)."""
    r = line.row
    if line.occurrences > 1:
        return milestone_note(line, r.state != "open")
    return progress(r.status, r.state, r.done)


def decided(view: Round) -> list[str]:
    """The decisions recorded since the last round (all of them without one), in words."""
    return [decision_line(r) for r in view.decided]


def decided_heading(view: Round) -> str:
    return decisions_heading(view.decided, since=view.since is not None, count=True)


def heading(s: Section) -> str:
    """`HF1 Flächen und Infrastruktur`, or the plan level's title alone."""
    return s.title if s.id == "plan" else f"{s.id} {s.title}"


def changed(view: Round, s: Section) -> tuple[list[str], list[str]]:
    """What changed in the section since the last round, and the notes written since (in date
    order), each a line in words (titles, not ids alone)."""
    names = {ident: item.title for ident, item in view.items.items()}
    done = [describe(c, names, view.titles, view.units) for c in s.changes if not _note(c)]
    noted = [
        f"{c.subject} {names.get(c.subject, '')}, "
        f"{values.logged(date.fromisoformat(c.date or ''), c.reporter, view.partners)}: {c.text}"
        for c in sorted(s.changes, key=lambda c: c.date or "")
        if c.kind == "update"
    ]
    return done, noted


def _note(c: Change) -> bool:
    return c.kind in ("update", "update_removed")


def missing_heading(view: Round) -> str:
    """`Sachstand fehlt (12)`: the measures without an update, for which to ask."""
    return _("Progress report missing ({count})").format(count=len(view.missing))


def missing_intro(view: Round) -> str:
    return _("No update for more than {span}; by whom to ask (each measure once):").format(
        span=span(view.stale)
    )


def missing_groups(view: Round) -> list[tuple[str, list[str]]]:
    """The measures without an update, each once, grouped by their lead partners (all of
    them: whom to ask), in the plan's order of partners; `HF1.2 Title (letzte Aktualisierung
    12.03.2025)` or `(nie aktualisiert)`."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for d in view.missing:
        last = d.item.latest.date if d.item.latest else None
        when = _("last update {day}").format(day=values.day(last)) if last else _("never updated")
        groups.setdefault(d.item.lead, []).append(f"{d.item.id} {d.item.title} ({when})")
    order = list(view.partners)

    def key(leads: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(order.index(p) if p in order else len(order) for p in leads) or (
            len(order) + 1,
        )

    out = []
    for leads in sorted(groups, key=key):
        who = ", ".join(view.partners.get(p, p) for p in leads) if leads else _("without a lead")
        out.append((who, groups[leads]))
    return out


def deadline_note(view: Round, line: MilestoneLine) -> str:
    """The note beside a deadline: a recorded occurrence's own note (a missed one says why),
    else the item's latest note."""
    if line.row.note and line.occurrences == 1:
        return line.row.note
    return latest(view, view.items.get(line.row.owner))


def stamp(view: Round) -> str:
    """`ENTWURF · Nur für den Dienstgebrauch`: what the document's head and every page say
    it is (empty when neither was asked for)."""
    parts = ([_("DRAFT")] if view.draft else []) + (
        [view.classification] if view.classification else []
    )
    return " · ".join(parts)


# --- a meeting on record (`mpi round --meeting`) -------------------------------------------


def meeting_title(part: MeetingPart) -> str:
    """`Koordinierungsrunde am 22.09.2027`."""
    return _("{body} on {day}").format(body=part.body, day=values.day(part.meeting.date))


def meeting_facts(view: Round, part: MeetingPart) -> list[tuple[str, str]]:
    """What the invitation says of the meeting: when, where, who chairs, who is invited."""
    m = part.meeting
    when = formats.weekday(m.date) + ", " + values.day(m.date)
    if m.time:
        when += ", " + _("{time} o'clock").format(time=m.time.replace("-", "–"))
    out = [(_("When"), when)]
    if m.place:
        out.append((_("Where"), m.place))
    if m.video:
        out.append((_("Video conference"), m.video))
    if m.chair:
        out.append((_("Chair"), m.chair))
    if m.participants:
        out.append((_("Invited"), people(view, m.participants)))
    return out


def people(view: Round | Minutes, listed: Sequence[Participant]) -> str:
    """`Handelskammer (Dr. A. Beispiel), DGB Nord`."""
    names = ((view.partners.get(p.partner, p.partner), p.names) for p in listed)
    return ", ".join(f"{name} ({'; '.join(them)})" if them else name for name, them in names)


def reporting(view: Round | Minutes, top: Top) -> str:
    """Who reports under an agenda item: its lead partners; the chair for the items of
    procedure; "nicht festgelegt" where the plan names nobody."""
    if top.lead:
        return ", ".join(view.partners.get(p, p) for p in top.lead)
    if top.kind in ("opening", "minutes", "decisions", "other"):
        return _("Chair")
    return _("not named in the plan")


def action_state(a: ActionRow) -> str:
    """`offen`, `überfällig`, `erledigt am 02.05.2027: …`, `entfallen am …: …`."""
    if a.state in ("done", "dropped") and a.closed is not None:
        said = _("done on {day}") if a.state == "done" else _("dropped on {day}")
        said = said.format(day=values.day(a.closed))
        return f"{said}: {a.note}" if a.note else said
    return _("overdue") if a.state == "overdue" else _("open")


def action_reason(view: Round, d: Decision) -> str:
    assert d.action is not None
    return _("action item of the meeting of {day}, due {due}, not done").format(
        day=values.day(d.action.day), due=values.day(d.action.due)
    )


OPTION_WORDS = {
    "postpone": N_("Postpone to a new date"),
    "done": N_("Record it as done"),
    "missed": N_("Record it as missed"),
    "drop": N_("Drop the measure"),
    "retarget": N_("Adjust the target"),
    "note": N_("Take note; record the state of work"),
    "approve": N_("Decide the change after the fact"),
    "restore": N_("Restore the adopted value (mpi diff --adopted shows it)"),
    "action_done": N_("The action item is done"),
    "action_dropped": N_("The action item is dropped"),
    "action_renewed": N_("Give it again, with a new due day"),
}


def option_words(option: Option) -> str:
    return _(OPTION_WORDS[option.kind])


def command_line(option: Option) -> str:
    """The command as one types it; what the reader fills in as a word in capitals."""
    fill = {
        "{date}": _("YYYY"),
        "{value}": _("VALUE"),
        "{text}": '"…"',
        "{day}": _("DD.MM.YYYY"),
        "{top}": "N",
    }
    return " ".join(fill.get(w) or _quote(w) for w in option.command)


def _quote(word: str) -> str:
    if word and all(c.isalnum() or c in "-_./:" for c in word):
        return word
    return '"' + word.replace('"', '\\"') + '"'


def item_label(d: Decision) -> str:
    """What to decide on, by its id: a measure's (HF1.6), or `Auftrag 3 (10.03.2027)`."""
    if d.action is not None:
        return _("Action item {number} ({day})").format(
            number=d.action.number, day=values.day(d.action.day)
        )
    return d.item.id


def action_number(part: MeetingPart, a: ActionRow) -> str:
    """An action item's number; of an earlier meeting than the last, with its day."""
    if part.previous is not None and a.meeting == part.previous.id:
        return str(a.number)
    return f"{a.number} ({values.day(a.day)})"


def action_cells(view: Round, part: MeetingPart, a: ActionRow) -> list[str]:
    """An action item's row: number, text, owner, due day, state."""
    owner = view.partners.get(a.owner, a.owner)
    return [action_number(part, a), a.text, owner, values.day(a.due), action_state(a)]


def action_head() -> list[str]:
    return [_("No."), _("Action item"), _("Owner"), _("Due"), _("State")]
