"""The changes an edit can make to one measure (or the plan level, or a monitoring body), as
text edits of its file.

Each public function checks its arguments at once (domain errors, before any lock is taken)
and returns a `Mutation` for `transaction.edit_measure` or `transaction.edit_owner`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mpi.domain.dates import Due, DueError
from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.words import MILESTONE_STATUSES, measure_status, number, suggest
from mpi.edit.document import scalar
from mpi.edit.log import dated_position, log_entry, with_note
from mpi.edit.occurrences import record_occurrence
from mpi.edit.transaction import Mutation, Target
from mpi.loading.positions import PMap


def _check_text(what: str, text: str) -> str:
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise InvalidValue(what, "is not valid UTF-8 (check the terminal's encoding)")
    return text


def _check_day(day: date, today: date) -> None:
    if day > today:
        raise InvalidValue("date", f"{day} lies in the future")


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
        log_entry(target, day, note or f"Status: {old} → {status}", status)
        return f"{measure['id']}: {old} → {status}"

    return mutate


def add_note(text: str, day: date, today: date) -> Mutation:
    if not text.strip():
        raise UsageError("the note is empty")
    _check_text("text", text)
    _check_day(day, today)

    def mutate(target: Target) -> str:
        log_entry(target, day, text)
        return f"{target.owner_id}: note added"

    return mutate


def set_milestone(
    milestone: str,
    state: str,
    day: date,
    today: date,
    note: str | None = None,
    occurrence: str | None = None,
) -> Mutation:
    """Mark a milestone (or one occurrence of a recurring one) done, missed or open again."""
    if state not in MILESTONE_STATUSES:
        raise InvalidValue(
            "state", f"unknown milestone state {state!r} (one of {', '.join(MILESTONE_STATUSES)})"
        )
    _check_day(day, today)
    if note is not None:
        _check_text("note", note)
    wanted: Due | None = None
    if occurrence is not None:
        try:
            wanted = Due.parse(occurrence)
        except DueError as exc:
            raise InvalidValue("occurrence", str(exc)) from None

    def mutate(target: Target) -> str:
        owner = target.owner_id
        chosen = _pick_milestone(owner, target.owner.get("milestones") or [], milestone)
        if "recurrence" in chosen:
            return record_occurrence(target, chosen, state, day, today, note, wanted)
        if wanted is not None:
            raise InvalidValue(
                "occurrence", f"milestone {chosen['id']!r} of {owner} does not recur"
            )
        old = chosen.get("status", "open")
        if old == state:
            raise UsageError(f"milestone {chosen['id']!r} of {owner} is already {state}")
        doc = target.doc
        doc.set_value(chosen, "status", state, after=("kind", "due"))
        if state == "done":
            doc.set_value(chosen, "done", day.isoformat(), after=("status", "due"))
        else:
            doc.remove_key(chosen, "done")
        said = f"Meilenstein „{chosen.get('title')}“: {old} → {state}"
        log_entry(target, day, with_note(said, note))
        return f"{owner} milestone {chosen['id']}: {old} → {state}"

    return mutate


def _pick_milestone(owner: str, milestones: list[Any], wanted: str) -> PMap:
    ids = [str(m.get("id")) for m in milestones]
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(milestones):
        picked: PMap = milestones[int(wanted) - 1]
        return picked
    for m in milestones:
        if m.get("id") == wanted:
            return m  # type: ignore[no-any-return]
    if not ids:
        raise UsageError(f"{owner} has no milestones")
    raise UsageError(
        f"{owner} has no milestone {wanted!r}{suggest(wanted, ids)} (milestones: {', '.join(ids)})"
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
        position = dated_position(ind.get("values"), day)
        target.doc.add_item(ind, "values", fields, position, after=("direction", "target"))
        unit = ind.get("unit", "")
        text = f"Indikator „{ind.get('name')}“: {shown} {unit}".rstrip()
        if source:
            text += f" (Quelle: {source})"
        log_entry(target, day, text)
        return f"{measure['id']} indicator {indicator}: {shown} {unit} on {day}"

    return mutate
