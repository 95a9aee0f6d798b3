"""The changes an edit can make to one measure, as text edits of its file.

Each public function checks its arguments at once (domain errors, before any lock is taken)
and returns a `Mutation` for `transaction.edit_measure`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mpi.domain.dates import Due, DueError, series
from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.words import MILESTONE_STATUSES, measure_status, number, suggest
from mpi.edit.document import scalar
from mpi.edit.transaction import Mutation, Target
from mpi.loading.positions import PList, PMap


def _check_text(what: str, text: str) -> str:
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise InvalidValue(what, "is not valid UTF-8 (check the terminal's encoding)")
    return text


def _check_day(day: date, today: date) -> None:
    if day > today:
        raise InvalidValue("date", f"{day} lies in the future")


def _entry_date(entry: Any) -> date:
    value = entry.get("date") if isinstance(entry, dict) else None
    try:
        return Due.parse(value).end
    except (DueError, ValueError):
        return date.min


def _dated_position(items: Any, day: date) -> int | None:
    """Where an entry dated `day` goes: after all entries of the same or an earlier date."""
    if not isinstance(items, PList):
        return None
    position = len(items)
    while position and _entry_date(items[position - 1]) > day:
        position -= 1
    return position


def _log(target: Target, day: date, text: str, status: str | None = None) -> None:
    fields = [("date", day.isoformat()), ("text", scalar(text))]
    if status is not None:
        fields.append(("status", status))
    measure = target.measure
    target.doc.add_item(measure, "updates", fields, _dated_position(measure.get("updates"), day))


def set_status(status: str, note: str | None, day: date, today: date) -> Mutation:
    measure_status(status)
    _check_day(day, today)
    if note is not None:
        _check_text("note", note)

    def mutate(target: Target) -> str:
        measure = target.measure
        old = measure.get("status")
        if old == status and not note:
            raise UsageError(f"{measure['id']} is already {status}; add a note to log it anyway")
        target.doc.set_value(measure, "status", status)
        _log(target, day, note or f"Status: {old} → {status}", status)
        return f"{measure['id']}: {old} → {status}"

    return mutate


def add_note(text: str, day: date, today: date) -> Mutation:
    if not text.strip():
        raise UsageError("the note is empty")
    _check_text("text", text)
    _check_day(day, today)

    def mutate(target: Target) -> str:
        _log(target, day, text)
        return f"{target.measure['id']}: note added"

    return mutate


def set_milestone(
    milestone: str, state: str, day: date, today: date, note: str | None = None
) -> Mutation:
    """Mark a milestone done (with a date), open again, or missed."""
    if state not in MILESTONE_STATUSES:
        raise InvalidValue(
            "state", f"unknown milestone state {state!r} (one of {', '.join(MILESTONE_STATUSES)})"
        )
    _check_day(day, today)
    if note is not None:
        _check_text("note", note)

    def mutate(target: Target) -> str:
        measure = target.measure
        chosen = _pick_milestone(measure["id"], measure.get("milestones") or [], milestone)
        if "recurrence" in chosen:
            return _recurring(target, chosen, state, day, note)
        old = chosen.get("status", "open")
        if old == state:
            raise UsageError(f"milestone {chosen['id']!r} of {measure['id']} is already {state}")
        doc = target.doc
        doc.set_value(chosen, "status", state, after=("due",))
        if state == "done":
            doc.set_value(chosen, "done", day.isoformat(), after=("status", "due"))
        else:
            doc.remove_key(chosen, "done")
        _log(target, day, note or f"Meilenstein „{chosen.get('title')}“: {old} → {state}")
        return f"{measure['id']} milestone {chosen['id']}: {old} → {state}"

    return mutate


def _recurring(target: Target, chosen: PMap, state: str, day: date, note: str | None) -> str:
    """A recurring milestone records its latest held occurrence in `recurrence.last_done`.

    Its occurrences run to the recurrence's end or the plan's horizon, as everywhere else.
    """
    measure = target.measure
    if state != "done":
        raise UsageError(
            f"milestone {chosen['id']!r} recurs: record a held occurrence with "
            "'done'; to end the series, edit its recurrence end"
        )
    rec = chosen["recurrence"]
    start = Due.parse(rec["start"])
    end = Due.parse(rec["end"]) if rec.get("end") is not None else None
    if day < start.start:
        raise UsageError(f"milestone {chosen['id']!r} starts {start.iso()}, after {day}")
    # The occurrence held is the first one whose period has not ended before that day.
    held = series(start, rec["every"], end, target.facts.horizon)
    occurrence = next((o for o in held if o.end >= day), None)
    if occurrence is None:
        last = held[-1].iso() if held else start.iso()
        raise UsageError(f"milestone {chosen['id']!r} ended {last}, before {day}")
    target.doc.set_value(rec, "last_done", str(occurrence.yaml_value()))
    _log(target, day, note or f"Meilenstein „{chosen.get('title')}“ ({occurrence.iso()}) erledigt")
    return f"{measure['id']} milestone {chosen['id']}: {occurrence.iso()} done"


def _pick_milestone(measure_id: str, milestones: list[Any], wanted: str) -> PMap:
    ids = [str(m.get("id")) for m in milestones]
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(milestones):
        picked: PMap = milestones[int(wanted) - 1]
        return picked
    for m in milestones:
        if m.get("id") == wanted:
            return m  # type: ignore[no-any-return]
    if not ids:
        raise UsageError(f"{measure_id} has no milestones")
    raise UsageError(
        f"{measure_id} has no milestone {wanted!r}{suggest(wanted, ids)} "
        f"(milestones: {', '.join(ids)})"
    )


def parse_value(text: str) -> float:
    """A measured value as people type it (19.5 or 19,5), stored exactly or refused."""
    cleaned = text.strip().replace(",", ".") if text.count(",") <= 1 else ""
    try:
        exact = Decimal(cleaned) if cleaned.isascii() else None
    except InvalidOperation:
        exact = None
    if exact is None:
        raise InvalidValue("value", f"must be a number like 19.5 or 19,5, not {text!r}")
    if not exact.is_finite():
        raise InvalidValue("value", f"must be a finite number, not {text!r}")
    value = float(exact)
    if not math.isfinite(value) or Decimal(repr(value)) != exact:
        raise InvalidValue(
            "value",
            f"{text} cannot be stored exactly (at most 15 significant digits); round it",
        )
    return value


def record_value(
    value: float, day: date, source: str | None, today: date
) -> Callable[[str], Mutation]:
    """Checks the arguments now; the mutation is made for the indicator the edit finds."""
    if not math.isfinite(value):
        raise InvalidValue("value", "the value must be a finite number")
    _check_day(day, today)
    if source is not None:
        _check_text("source", source)
    return lambda indicator: _record(indicator, value, day, source)


def _record(indicator: str, value: float, day: date, source: str | None) -> Mutation:
    def mutate(target: Target) -> str:
        measure = target.measure
        ind = next(i for i in measure.get("indicators") or [] if i.get("id") == indicator)
        shown = number(value)
        fields = [("date", day.isoformat()), ("value", shown)]
        if source:
            fields.append(("source", scalar(source)))
        position = _dated_position(ind.get("values"), day)
        target.doc.add_item(ind, "values", fields, position, after=("direction", "target"))
        unit = ind.get("unit", "")
        text = f"Indikator „{ind.get('name')}“: {shown} {unit}".rstrip()
        if source:
            text += f" (Quelle: {source})"
        _log(target, day, text)
        return f"{measure['id']} indicator {indicator}: {shown} {unit} on {day}"

    return mutate
