"""The one definition of overdue: every deadline of a milestone and the state it is in today.

A milestone has one deadline, or one per occurrence of its recurrence. Each is `done` or
`missed` as recorded, else open, and an open one past its date is `overdue` (kind `by`, and
`start`: ab, a duty begun by the end of its period), `delayed` (kind `expected`:
voraussichtlich) or still `open` (kind `from`: ab, not before, which is never overdue). A
date that is not a commitment of the plan (from before it, kind `history`, or another body's,
`party`) is `context` whatever is recorded: never late, never counted. Every view (status,
list, show, due, timeline, report, calendar) asks this module, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mpi.domain.dates import Due, series
from mpi.domain.items import Milestone, Occurrence

State = Literal["open", "overdue", "delayed", "done", "missed", "context"]
STATES: tuple[State, ...] = ("open", "overdue", "delayed", "done", "missed", "context")


def state(
    status: str, kind: str, due: Due, today: date, context: bool = False, aspiration: bool = False
) -> State:
    """The state of one deadline on `today`: its recorded status, or how late it is."""
    if context or kind == "history":
        return "context"
    if status == "done":
        return "done"
    if status == "missed":
        return "missed"
    if kind == "from" or due.end >= today:
        return "open"
    return "delayed" if kind == "expected" or aspiration else "overdue"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline of a milestone: the milestone's own, or one occurrence of its series."""

    due: Due
    status: str  # as recorded: open, done or missed
    state: State
    done: Due | None = None
    note: str | None = None  # an occurrence's own note
    recurring: bool = False


def occurrences(m: Milestone, horizon: int) -> list[Due]:
    """The occurrences a recurring milestone generates (none for a one-off milestone)."""
    r = m.recurrence
    return [] if r is None else series(r.start, r.every, r.end, horizon)


def recorded(m: Milestone) -> dict[Due, Occurrence]:
    """The recorded occurrences of a recurring milestone, by their due."""
    return {o.due: o for o in m.occurrences}


def deadlines(m: Milestone, horizon: int, today: date) -> list[Deadline]:
    """Every deadline of `m` with its state on `today`, in date order."""
    if m.recurrence is None:
        assert m.due is not None  # a valid plan gives each milestone a due date or a recurrence
        at = state(m.status, m.kind, m.due, today, m.context, m.aspiration)
        return [Deadline(m.due, m.status, at, m.done)]
    records = recorded(m)
    legacy = m.recurrence.last_done  # every occurrence up to it counts as held
    out = []
    for due in occurrences(m, horizon):
        status: str
        record = records.get(due)
        if record is not None:
            status, done, note = record.status, record.done, record.note
        elif legacy is not None and due.end <= legacy.end:
            status, done, note = "done", None, None
        else:
            status, done, note = "open", None, None
        at = state(status, m.kind, due, today, m.context, m.aspiration)
        out.append(Deadline(due, status, at, done, note, True))
    return out


def is_open(items: Iterable[Deadline]) -> bool:
    """Whether any of the deadlines is still an open commitment (late or not)."""
    return any(d.status == "open" and d.state != "context" for d in items)
