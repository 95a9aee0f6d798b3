"""The briefing's words, shared by its Markdown, HTML and Word forms: who leads an item, its
latest note, why the round decides on it, the period the briefing covers, what changed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mpi.i18n import _, ngettext
from mpi.render import values
from mpi.render.changes import describe

if TYPE_CHECKING:
    from mpi.views.diff import Change
    from mpi.views.round import Decision, Item, Round, Section


def lead(view: Round, item: Item | None) -> str:
    """The lead partners' short names, or a dash."""
    if item is None or not item.lead:
        return values.DASH
    return ", ".join(view.partners.get(p, p) for p in item.lead)


def latest(item: Item | None) -> str:
    """The item's latest note: `25.11.2026: Planfeststellung läuft`, or a dash."""
    if item is None or item.latest is None:
        return values.DASH
    return f"{values.day(item.latest.date)}: {item.latest.text}"


def reason(view: Round, d: Decision) -> str:
    """Why the round has to decide, in words: which deadline, since when."""
    if d.reason == "at_risk":
        return _("at risk")
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
    else:
        said = _("„{milestone}“ overdue since {date}, nothing noted since")
    return said.format(milestone=title, date=values.due(d.row.due)) + count


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
    said = _("As of {day}.").format(day=values.day(view.today)) + " "
    if view.since is None:
        said += _("No last round given (--since): no changes listed.")
    elif view.since_day is not None:
        said += _("Changes since the last round ({since}, {day}).").format(
            since=view.since, day=values.day(view.since_day)
        )
    else:
        said += _("Changes since the last round ({since}).").format(since=view.since)
    said += " " + _("Next round: {day}.").format(day=values.day(view.until))
    if view.leads:
        names = ", ".join(view.partners.get(p, p) for p in view.leads)
        said += " " + _("The briefing of {partners}: the measures they lead.").format(
            partners=names
        )
    return said


def heading(s: Section) -> str:
    """`HF1 Flächen und Infrastruktur`, or the plan level's title alone."""
    return s.title if s.id == "plan" else f"{s.id} {s.title}"


def changed(view: Round, s: Section) -> tuple[list[str], list[str]]:
    """What changed in the section since the last round, and the notes written since, each a
    line in words (titles, not ids alone)."""
    names = {ident: item.title for ident, item in view.items.items()}
    done = [describe(c, names, view.titles) for c in s.changes if not _note(c)]
    noted = [
        f"{c.subject} {names.get(c.subject, '')}, {values.day(date.fromisoformat(c.date or ''))}: "
        f"{c.text}"
        for c in s.changes
        if c.kind == "update"
    ]
    return done, noted


def _note(c: Change) -> bool:
    return c.kind in ("update", "update_removed")


def stale_summary(view: Round, stale: list[Decision]) -> str:
    """`51 Maßnahmen ohne Aktualisierung seit mehr als 6 Monaten: HF1.1, …`."""
    return ngettext(
        "{count} measure without an update for more than {span}: {ids}",
        "{count} measures without an update for more than {span}: {ids}",
        len(stale),
    ).format(count=len(stale), span=span(view.stale), ids=", ".join(d.item.id for d in stale))
