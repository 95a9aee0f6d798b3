"""The changes an edit can make to one measure's round-trip mapping.

Each public function checks its arguments at once (domain errors, before any lock is taken)
and returns a `Mutation` for `transaction.edit_measure`.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Any

from mpi.domain.dates import Due, series
from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.words import MILESTONE_STATUSES, measure_status, suggest
from mpi.edit.transaction import Mutation, PlanFacts

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _append_update(measure: CommentedMap, day: date, text: str, status: str | None = None) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = CommentedMap()
    entry["date"] = day
    entry["text"] = text
    if status is not None:
        entry["status"] = status
    updates = measure.get("updates")
    if isinstance(updates, CommentedSeq) and (len(updates) or not updates.fa.flow_style()):
        insert_dated(updates, entry)
        return
    block = CommentedSeq()
    block.fa.set_block_style()
    block.append(entry)
    measure["updates"] = block


def insert_dated(seq: CommentedSeq, entry: CommentedMap) -> None:
    """Insert a dated entry after all entries of the same or an earlier date.

    At the end of the list, the comment trailing the old last entry (typically the blank line
    that separates this measure from the next) moves to the new entry, so the entry does not
    land after it.
    """
    day = entry["date"]
    position = len(seq)
    while position and _entry_date(seq[position - 1]) > day:
        position -= 1
    if position < len(seq):
        seq.insert(position, entry)
        return
    previous = seq[-1] if len(seq) else None
    seq.append(entry)
    if previous is None or not hasattr(previous, "ca") or not len(previous):
        return
    last_key = list(previous)[-1]
    tokens = previous.ca.items.get(last_key)
    if tokens and len(tokens) > 2 and tokens[2] is not None:
        entry.ca.items[list(entry)[-1]] = [None, None, tokens[2], None]
        tokens[2] = None


def _entry_date(entry: Any) -> date:
    value = entry.get("date") if hasattr(entry, "get") else None
    if isinstance(value, date):
        return value
    try:
        return Due.parse(value).end
    except ValueError:
        return date.min


def _check_day(day: date, today: date) -> None:
    if day > today:
        raise InvalidValue("date", f"{day} lies in the future")


def set_status(status: str, note: str | None, day: date, today: date) -> Mutation:
    measure_status(status)
    _check_day(day, today)

    def mutate(measure: CommentedMap, _facts: PlanFacts) -> str:
        old = measure.get("status")
        if old == status and not note:
            raise UsageError(f"{measure['id']} is already {status}; add a note to log it anyway")
        measure["status"] = status
        _append_update(measure, day, note or f"Status: {old} → {status}", status)
        return f"{measure['id']}: {old} → {status}"

    return mutate


def add_note(text: str, day: date, today: date) -> Mutation:
    if not text.strip():
        raise UsageError("the note is empty")
    _check_day(day, today)

    def mutate(measure: CommentedMap, _facts: PlanFacts) -> str:
        _append_update(measure, day, text)
        return f"{measure['id']}: note added"

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

    def mutate(measure: CommentedMap, facts: PlanFacts) -> str:
        milestones = measure.get("milestones") or []
        target = _pick_milestone(measure["id"], milestones, milestone)
        title = target.get("title")
        if "recurrence" in target:
            return _recurring(measure, target, state, day, note, facts.horizon)
        old = target.get("status", "open")
        if old == state:
            raise UsageError(f"milestone {target['id']!r} of {measure['id']} is already {state}")
        _set_key(target, "status", state, after=("due",))
        if state == "done":
            _set_key(target, "done", day, after=("status",))
        elif "done" in target:
            del target["done"]
        text = note or f"Meilenstein „{title}“: {old} → {state}"
        _append_update(measure, day, text)
        return f"{measure['id']} milestone {target['id']}: {old} → {state}"

    return mutate


def _recurring(
    measure: CommentedMap,
    target: CommentedMap,
    state: str,
    day: date,
    note: str | None,
    horizon: int,
) -> str:
    """A recurring milestone records its latest held occurrence in `recurrence.last_done`.

    Its occurrences run to the recurrence's end or the plan's horizon, as everywhere else.
    """
    if state != "done":
        raise UsageError(
            f"milestone {target['id']!r} recurs: record a held occurrence with "
            "'done'; to end the series, edit its recurrence end"
        )
    rec = target["recurrence"]
    start = Due.parse(rec["start"])
    end = Due.parse(rec["end"]) if rec.get("end") is not None else None
    if day < start.start:
        raise UsageError(f"milestone {target['id']!r} starts {start.iso()}, after {day}")
    # The occurrence held is the first one whose period has not ended before that day.
    held = series(start, rec["every"], end, horizon)
    occurrence = next((o for o in held if o.end >= day), None)
    if occurrence is None:
        last = held[-1].iso() if held else start.iso()
        raise UsageError(f"milestone {target['id']!r} ended {last}, before {day}")
    rec["last_done"] = occurrence.yaml_value()
    text = note or f"Meilenstein „{target.get('title')}“ ({occurrence.iso()}) erledigt"
    _append_update(measure, day, text)
    return f"{measure['id']} milestone {target['id']}: {occurrence.iso()} done"


def _pick_milestone(measure_id: str, milestones: list[Any], wanted: str) -> Any:
    ids = [m.get("id") for m in milestones]
    if wanted.isdigit() and 1 <= int(wanted) <= len(milestones):
        return milestones[int(wanted) - 1]
    for m in milestones:
        if m.get("id") == wanted:
            return m
    if not ids:
        raise UsageError(f"{measure_id} has no milestones")
    raise UsageError(
        f"{measure_id} has no milestone {wanted!r}{suggest(wanted, ids)} "
        f"(milestones: {', '.join(map(str, ids))})"
    )


def _set_key(mapping: CommentedMap, key: str, value: Any, after: tuple[str, ...]) -> None:
    """Set a key; a new key goes right after the first existing key of `after`."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    position = len(keys)
    for anchor in after:
        if anchor in mapping:
            position = keys.index(anchor) + 1
            break
    mapping.insert(position, key, value)


def record_value(
    indicator: str, value: float, day: date, source: str | None, today: date
) -> Mutation:
    if not math.isfinite(value):
        raise InvalidValue("value", "the value must be a finite number")
    _check_day(day, today)

    def mutate(measure: CommentedMap, _facts: PlanFacts) -> str:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        ind = next(i for i in measure.get("indicators") or [] if i.get("id") == indicator)
        entry = CommentedMap()
        entry["date"] = day
        entry["value"] = int(value) if float(value).is_integer() else value
        if source:
            entry["source"] = source
        values = ind.get("values")
        if isinstance(values, CommentedSeq) and (len(values) or not values.fa.flow_style()):
            insert_dated(values, entry)
        else:
            block = CommentedSeq()
            block.fa.set_block_style()
            block.append(entry)
            _set_key(ind, "values", block, after=("direction", "target"))
        shown = entry["value"]
        unit = ind.get("unit", "")
        text = f"Indikator „{ind.get('name')}“: {shown} {unit}".rstrip()
        if source:
            text += f" (Quelle: {source})"
        _append_update(measure, day, text)
        return f"{measure['id']} indicator {indicator}: {shown} {unit} on {day}"

    return mutate
