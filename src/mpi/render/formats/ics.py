"""`mpi calendar`: the milestones as an iCalendar file (RFC 5545), to subscribe to or import.

One all-day VEVENT per milestone on the last day of its due period; a recurring milestone is
one VEVENT with an RRULE (not one event per occurrence), so calendars stay small and an edit of
the series replaces it as a whole. An occurrence that is recorded (done, missed) or late on the
day the calendar is made (overdue, delayed) gets its own VEVENT with the series' UID and a
RECURRENCE-ID (RFC 5545, 3.8.4.4) saying so, so the calendar agrees with `mpi due`.
icalendar is imported only when a calendar is drawn.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from mpi.i18n import N_, _
from mpi.render import values
from mpi.render.provenance import deadline, explanation, progress, series
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word
from mpi.render.registry import Format
from mpi.render.safe import visible

if TYPE_CHECKING:
    from icalendar import Alarm, Event

    from mpi.domain.dates import Due
    from mpi.views.calendar import CalendarView, Entry
    from mpi.views.due import DueRow

UID_DOMAIN = "mpi.masterplan-industrie"
PRODID = "-//mpi//Hamburger Masterplan Industrie//DE"
PRECISION_TEXT = {
    "year": N_("year precision: by the end of the year"),
    "month": N_("month precision: by the end of the month"),
    "day": N_("day precision: on or by that day"),
}


def calendar(view: CalendarView, made: dict[tuple[object, ...], bytes] | None = None) -> bytes:
    """The whole calendar; the view's stamp (UTC) becomes every event's DTSTAMP. `made`
    keeps each milestone's events by what they are drawn from, for calendars drawn together
    (the site's: the whole plan's, each Handlungsfeld's and partner's share their events)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = view.title + (f" ({', '.join(view.only)})" if view.only else "")
    cal.add("x-wr-calname", _clean(name))
    made = {} if made is None else made
    events = []
    for entry in view.entries:
        key = (entry.owner, entry.milestone.id, view.alarm, view.stamp, view.today)
        if key not in made:
            made[key] = b"".join(part.to_ical() for part in _events(entry, view))
        events.append(made[key])
    head: bytes = cal.to_ical()  # its properties, then END:VCALENDAR: the events go between
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)] + b"".join(events) + end


def _events(entry: Entry, view: CalendarView) -> list[Event]:
    """A milestone's VEVENT, and one for each occurrence of a series that is recorded or
    late, each with the reminder asked for where something is still to be done (none on a
    deadline done, missed or cancelled)."""
    m = entry.milestone
    first = entry.deadlines[0].state if m.recurrence is None else "open"
    parts = [(event(entry, view.stamp, view.partners), first)]
    if m.recurrence is not None:
        parts += [
            (occurrence(entry, row, view.stamp, view.partners), row.state)
            for row in entry.deadlines
            if row.state != "open"
        ]
    for part, state in parts:
        pending = state not in ("done", "missed") and str(part.get("status")) != "CANCELLED"
        if view.alarm is not None and pending:
            part.add_component(_alarm(view.alarm, str(part.get("summary"))))
    return [part for part, _state in parts]


STATE_TEXT = {  # the prefix of an event's summary
    "overdue": N_("OVERDUE"),
    "delayed": N_("DELAYED"),
    "missed": N_("MISSED"),
    "done": N_("DONE"),
    "context": N_("CONTEXT"),
}


def _summary(e: Entry, state: str) -> str:
    """`HF1.15: HH-WIN Ausbaustufe 1`, prefixed with its state when it is not plainly open."""
    prefix = _(STATE_TEXT[state]) + ": " if state in STATE_TEXT else ""
    suffix = " " + _("(conditional)") if e.milestone.condition else ""
    return _clean(f"{prefix}{e.label}: {e.milestone.title}{suffix}")


def _base(e: Entry, stamp: datetime, day: Due, state: str) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"{e.owner}-{e.milestone.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", _summary(e, state))
    # "ab 2031" (kind from) is not before the start of its period; the others are due by
    # its end.
    on = day.start if e.milestone.kind == "from" else day.end
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    cancelled = e.cancelled or state == "missed"
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("categories", [state_word(state), e.field or _("Plan")])
    return event


def _alarm(days: int, summary: str) -> Alarm:
    """A reminder `days` before the event (RFC 5545, 3.6.6): shown, with the event's words."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    alarm.add("description", summary)
    return alarm


def event(e: Entry, stamp: datetime, partners: dict[str, str]) -> Event:
    """The milestone's VEVENT: a one-off milestone with its state, or the whole series."""
    m = e.milestone
    state = e.deadlines[0].state if m.recurrence is None else "open"
    event = _base(e, stamp, e.first, state)
    event.add("description", _clean(_description(e, partners)))
    if m.recurrence is not None:
        _add_recurrence(event, e.occurrences, m.recurrence.every, e.until)
    return event


def occurrence(e: Entry, row: DueRow, stamp: datetime, partners: dict[str, str]) -> Event:
    """One occurrence of a series that is recorded or late: it overrides the series there."""
    event = _base(e, stamp, row.due, row.state)
    event.add("recurrence-id", row.due.end)
    said = progress(row.status, row.state, row.done)
    lines = [_("Occurrence {date}: {state}").format(date=values.due(row.due), state=said)]
    if row.note:
        lines.append(_("Note: {note}").format(note=row.note))
    lines += ["", _description(e, partners)]
    event.add("description", _clean("\n".join(lines)))
    return event


def _add_recurrence(event: Event, series: list[Due], every: str, until: Due) -> None:
    """An RRULE when it reproduces the occurrences exactly, else the dates as one RDATE."""
    first = series[0]
    exact = first.precision != "day" or all(o.end.day == first.end.day for o in series)
    if not exact:  # days clamped at short months: no RRULE says "the 31st or the last day"
        if len(series) > 1:
            event.add("rdate", [o.end for o in series[1:]])
        return
    rule: dict[str, Any] = (
        {"freq": "yearly"} if every == "yearly" else {"freq": "monthly", "interval": 6}
    )
    if every == "yearly":
        rule["bymonth"] = first.end.month  # without it BYMONTHDAY would pick every month
    if first.precision != "day":
        rule["bymonthday"] = -1  # the last day of the month, whatever its length
    rule["until"] = until.end
    event.add("rrule", rule)


def _description(e: Entry, partners: dict[str, str]) -> str:
    m = e.milestone
    lines = []
    if e.measure is not None:
        lines.append(_("Measure {id}: {title}").format(id=e.measure.id, title=e.measure.title))
        lead = ", ".join(partners.get(p, p) for p in e.measure.lead) or values.DASH
        lines.append(_("Lead: {partners}").format(partners=lead))
        lines.append(_("Measure status: {status}").format(status=status_word(e.measure.status)))
    elif e.owner != "plan":
        lines.append(f"Dialog und Monitoring: {e.label}")
    else:
        lines.append(_("Plan-level milestone"))
    if m.recurrence is not None:
        r = m.recurrence
        until = values.due(e.until)
        end = _("{date} (the plan's horizon)").format(date=until) if e.until_horizon else until
        lines.append(_("Due: {series}, until {end}").format(series=series(r), end=end))
        lines.append(f"({_reading(m.kind, e.first)})")
        late = [row for row in e.deadlines if row.state in ("overdue", "delayed")]
        if late:
            listed = ", ".join(values.due(row.due) for row in late)
            lines.append(
                _("Late on {day}: {count} ({listed})").format(
                    day=values.day(e.today), count=len(late), listed=listed
                )
            )
    else:
        first = e.deadlines[0]
        said = progress(first.status, first.state, first.done)
        lines.append(_("Milestone status: {state}").format(state=said))
        lines.append(
            _("Due: {date} ({reading})").format(
                date=deadline(m.kind, e.first), reading=_reading(m.kind, e.first)
            )
        )
    how = explanation(m.basis, m.quote, m.derivation, condition=m.condition)
    lines.append(_("Date {how}").format(how=how))
    if m.note:
        lines.append(_("Note: {note}").format(note=m.note))
    return "\n".join(lines)


def _reading(kind: str, due: Due) -> str:
    """How the event's day relates to the date: the end of its period, or for "ab" its start."""
    if kind == "from":
        return _("not before {day}: the event is on the first day").format(
            day=values.day(due.start)
        )
    return _(PRECISION_TEXT[due.precision])


def _clean(text: str) -> str:
    """Text for an iCalendar TEXT value: line breaks as newlines, and the same sanitiser as
    every other output, so no control, bidi or invisible character reaches a calendar."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"))


FORMAT = Format(name="ics", calendar=calendar)
