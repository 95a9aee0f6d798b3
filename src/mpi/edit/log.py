"""The updates log an edit writes to, and where dated entries go in a list."""

from __future__ import annotations

from datetime import date
from typing import Any

from mpi.domain.dates import Due, DueError
from mpi.edit.scalars import scalar
from mpi.edit.transaction import Edit
from mpi.i18n import pgettext
from mpi.loading.positions import PList


def _entry_date(entry: Any, key: str = "date") -> date:
    value = entry.get(key) if isinstance(entry, dict) else None
    try:
        return Due.parse(value).end
    except (DueError, ValueError):
        return date.min


def dated_position(items: Any, day: date, key: str = "date") -> int | None:
    """Where an entry dated `day` goes: after all entries of the same or an earlier date."""
    if not isinstance(items, PList):
        return None
    position = len(items)
    while position and _entry_date(items[position - 1], key) > day:
        position -= 1
    return position


def log_entry(target: Edit, day: date, text: str, status: str | None = None) -> None:
    """An entry in the owner's updates log (a measure's, the plan's or a body's)."""
    fields = [("date", target.doc.day(day)), ("text", scalar(text))]
    if status is not None:
        fields.append(("status", status))
    if target.by is not None:
        fields.append(("by", target.by))
    owner = target.owner
    position = dated_position(owner.get("updates"), day)
    target.doc.add_item(owner, "updates", fields, position, after=("milestones", "text"))


def with_note(said: str, note: str | None) -> str:
    """The log entry of a milestone change: what changed (which milestone, which occurrence),
    then the note, so that a note never hides what it is about."""
    return f"{said} – {note}" if note else said


def state_change(old: object, new: object) -> str:
    """`offen → erledigt`: a milestone's change of state, in the active language."""
    return pgettext("milestone state", str(old)) + " → " + pgettext("milestone state", str(new))
