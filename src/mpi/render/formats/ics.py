"""`mpi calendar`: the milestones as an iCalendar file (RFC 5545), to subscribe to or import.

One all-day VEVENT per milestone on the last day of its due period; a recurring milestone is
one VEVENT with an RRULE (not one event per occurrence), so calendars stay small and an edit of
the series replaces it as a whole. icalendar is imported only when a calendar is drawn.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from mpi.render import values
from mpi.render.registry import Format
from mpi.render.safe import visible

if TYPE_CHECKING:
    from icalendar import Event

    from mpi.domain.dates import Due
    from mpi.views.calendar import CalendarView, Entry

UID_DOMAIN = "mpi.masterplan-industrie"
PRODID = "-//mpi//Hamburger Masterplan Industrie//DE"
PRECISION_TEXT = {
    "year": "year precision: by the end of the year",
    "month": "month precision: by the end of the month",
    "day": "day precision: on or by that day",
}


def calendar(view: CalendarView) -> bytes:
    """The whole calendar; the view's stamp (UTC) becomes every event's DTSTAMP."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _clean(view.title))
    for entry in view.entries:
        cal.add_component(event(entry, view.stamp))
    data: bytes = cal.to_ical()
    return data


def event(e: Entry, stamp: datetime) -> Event:
    from icalendar import Event

    m = e.milestone
    event = Event()
    event.add("uid", f"{e.owner}-{m.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", _clean(f"{e.label}: {m.title}"))
    event.add("dtstart", e.first.end)
    event.add("dtend", e.first.end + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    event.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
    event.add("categories", [m.status, e.field or "Plan"])
    event.add("description", _clean(_description(e)))
    if m.recurrence is not None:
        _add_recurrence(event, e.occurrences, m.recurrence.every, e.until)
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


def _description(e: Entry) -> str:
    m = e.milestone
    lines = []
    if e.measure is not None:
        lines.append(f"Measure {e.measure.id}: {e.measure.title}")
        lines.append(f"Measure status: {e.measure.status}")
    elif e.owner != "plan":
        lines.append(f"Dialog und Monitoring: {e.label}")
    else:
        lines.append("Plan-level milestone")
    lines.append(f"Milestone status: {m.status}")
    if m.recurrence is not None:
        r = m.recurrence
        until = values.due(e.until)
        end = f"{until} (the plan's horizon)" if e.until_horizon else until
        lines.append(f"Due {r.every} from {values.due(e.first)} until {end}")
        lines.append(f"({PRECISION_TEXT[e.first.precision]})")
        if r.last_done is not None:
            lines.append(f"Last held: {values.due(r.last_done)}")
    else:
        lines.append(f"Due: {values.due(e.first)} ({PRECISION_TEXT[e.first.precision]})")
    if m.done is not None:
        lines.append(f"Done: {values.due(m.done)}")
    if m.note:
        lines.append(f"Note: {m.note}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    """Text for an iCalendar TEXT value: line breaks as newlines, and the same sanitiser as
    every other output, so no control, bidi or invisible character reaches a calendar."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"))


FORMAT = Format("ics", {"calendar": calendar})
