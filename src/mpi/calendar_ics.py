"""The plan's milestones as an iCalendar file, so deadlines show up in everyone's calendar.

One all-day VEVENT per milestone on the last day of its due period; a recurring milestone
is one VEVENT with an RRULE (not one event per occurrence), so calendars stay small and an
edit of the series replaces it as a whole.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from mpi.dates import Due, occurrences
from mpi.diagnostics import UsageError
from mpi.model import Measure, Milestone, Plan

UID_DOMAIN = "mpi.masterplan-industrie"
PRODID = "-//mpi//Hamburger Masterplan Industrie//DE"
PRECISION_TEXT = {
    "year": "year precision: by the end of the year",
    "month": "month precision: by the end of the month",
    "day": "day precision: on or by that day",
}


@dataclass(frozen=True)
class Owner:
    """Whom a milestone belongs to: a measure, a monitoring body, or the plan itself."""

    key: str  # measure id, monitoring body id, or "plan" (as in `mpi due`)
    label: str  # the SUMMARY prefix
    field: str | None
    measure: Measure | None


def _milestones(plan: Plan) -> Iterator[tuple[Owner, Milestone]]:
    bodies = {b.id: b.name for b in plan.monitoring.bodies} if plan.monitoring else {}
    for body, m in plan.plan_milestones():
        label = bodies[body] if body else "Plan"
        yield Owner(body or "plan", label, None, None), m
    for f in plan.fields:
        for measure in f.measures:
            for m in measure.milestones:
                yield Owner(measure.id, measure.id, f.id, measure), m


def build(plan: Plan, stamp: datetime) -> bytes:
    """The whole calendar; `stamp` (UTC) becomes every event's DTSTAMP."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _clean(plan.title))
    for owner, milestone in _milestones(plan):
        event = _event(plan, owner, milestone, stamp)
        if event is not None:
            cal.add_component(event)
    return cal.to_ical()


def _event(plan: Plan, owner: Owner, m: Milestone, stamp: datetime) -> Any:
    from icalendar import Event

    if m.recurrence is not None:
        r = m.recurrence
        until = r.end or Due.parse(plan.horizon)
        series = occurrences(r.start, r.every, until)
        if not series:
            return None  # a series that ends before it starts has nothing to show
        first = series[0]
    else:
        assert m.due is not None  # a valid plan (checked by check.py) gives each milestone one
        first, until, series = m.due, m.due, []
    event = Event()
    event.add("uid", f"{owner.key}-{m.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", _clean(f"{owner.label}: {m.title}"))
    event.add("dtstart", first.end)
    event.add("dtend", first.end + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    cancelled = m.status == "missed" or (
        owner.measure is not None and owner.measure.status == "dropped"
    )
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("categories", [m.status, owner.field or "Plan"])
    event.add("description", _clean(_description(owner, m, first, until)))
    if m.recurrence is not None:
        _add_recurrence(event, series, m.recurrence.every, until)
    return event


def _add_recurrence(event: Any, series: list[Due], every: str, until: Due) -> None:
    """An RRULE when it reproduces `occurrences()` exactly, else the dates as one RDATE."""
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


def _description(owner: Owner, m: Milestone, first: Due, until: Due) -> str:
    lines = []
    if owner.measure is not None:
        lines.append(f"Measure {owner.measure.id}: {owner.measure.title}")
        lines.append(f"Measure status: {owner.measure.status}")
    elif owner.key != "plan":
        lines.append(f"Dialog und Monitoring: {owner.label}")
    else:
        lines.append("Plan-level milestone")
    lines.append(f"Milestone status: {m.status}")
    if m.recurrence is not None:
        r = m.recurrence
        end = until.iso() if r.end else f"{until.iso()} (the plan's horizon)"
        lines.append(f"Due {r.every} from {first.iso()} until {end}")
        lines.append(f"({PRECISION_TEXT[first.precision]})")
        if r.last_done is not None:
            lines.append(f"Last held: {r.last_done.iso()}")
    else:
        lines.append(f"Due: {first.iso()} ({PRECISION_TEXT[first.precision]})")
    if m.done is not None:
        lines.append(f"Done: {m.done.iso()}")
    if m.note:
        lines.append(f"Note: {m.note}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    """Drop characters iCalendar TEXT may not hold (controls other than tab and newline)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F))


def write(path: Path, data: bytes) -> None:
    """Write atomically: a temporary file beside `path`, fsync, then `os.replace`.

    A new file gets the usual permissions (0666 less the umask); an existing one keeps its
    mode. A symbolic link at `path` is replaced by the file, not followed.
    """
    directory = path.parent
    temp = directory / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with suppress(FileNotFoundError):
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
        _fsync_directory(directory)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(temp)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def utc_now() -> datetime:
    """Now in UTC to the second: the DTSTAMP of a calendar made now."""
    from datetime import UTC

    return datetime.now(UTC).replace(microsecond=0)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
