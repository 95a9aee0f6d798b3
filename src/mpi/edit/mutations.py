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

from mpi.domain.dates import Due, DueError, series
from mpi.domain.deadlines import state as deadline_state
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


def _entry_date(entry: Any, key: str = "date") -> date:
    value = entry.get(key) if isinstance(entry, dict) else None
    try:
        return Due.parse(value).end
    except (DueError, ValueError):
        return date.min


def _dated_position(items: Any, day: date, key: str = "date") -> int | None:
    """Where an entry dated `day` goes: after all entries of the same or an earlier date."""
    if not isinstance(items, PList):
        return None
    position = len(items)
    while position and _entry_date(items[position - 1], key) > day:
        position -= 1
    return position


def _log(target: Target, day: date, text: str, status: str | None = None) -> None:
    """An entry in the owner's updates log (a measure's, the plan's or a body's)."""
    fields = [("date", day.isoformat()), ("text", scalar(text))]
    if status is not None:
        fields.append(("status", status))
    owner = target.owner
    position = _dated_position(owner.get("updates"), day)
    target.doc.add_item(owner, "updates", fields, position, after=("milestones", "text"))


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
            return _recurring(target, chosen, state, day, today, note, wanted)
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
        _log(target, day, note or f"Meilenstein „{chosen.get('title')}“: {old} → {state}")
        return f"{owner} milestone {chosen['id']}: {old} → {state}"

    return mutate


def _recurring(
    target: Target,
    chosen: PMap,
    state: str,
    day: date,
    today: date,
    note: str | None,
    wanted: Due | None,
) -> str:
    """Record one occurrence of a recurring milestone in its `occurrences` list.

    Without --occurrence: done or missed takes the one open occurrence past its date, refuses
    with a list when there are several, and takes the next one when none is past; open takes
    the one recorded occurrence, or refuses with a list.
    """
    owner = target.owner_id
    rec = chosen["recurrence"]
    start = Due.parse(rec["start"])
    end = Due.parse(rec["end"]) if rec.get("end") is not None else None
    generated = series(start, rec["every"], end, target.facts.horizon)
    entries = chosen.get("occurrences") or []
    recorded = {Due.parse(o.get("due")): i for i, o in enumerate(entries) if isinstance(o, PMap)}
    name = f"milestone {chosen['id']!r} of {owner}"
    if wanted is None:
        wanted = _choose(name, generated, recorded, state, chosen.get("kind", "by"), today)
    elif wanted not in generated:
        nearby = [o.iso() for o in generated if o.year == wanted.year]
        listed = f"; in {wanted.year}: {', '.join(nearby)}" if nearby else ""
        raise InvalidValue("occurrence", f"{name} has no occurrence {wanted.iso()}{listed}")
    doc, title = target.doc, chosen.get("title")
    index = recorded.get(wanted)
    old = str(entries[index].get("status")) if index is not None else "open"
    if old == state:
        raise UsageError(f"{name}: occurrence {wanted.iso()} is already {state}")
    if state == "open":
        assert index is not None  # `old` is "open" otherwise
        doc.remove_item(chosen, "occurrences", index)
    elif index is not None:
        record = entries[index]
        doc.set_value(record, "status", state, after=("due",))
        if state == "done":
            doc.set_value(record, "done", day.isoformat(), after=("status",))
        else:
            doc.remove_key(record, "done")
    else:
        fields = [("due", str(wanted.yaml_value())), ("status", state)]
        if state == "done":
            fields.append(("done", day.isoformat()))
        if note:
            fields.append(("note", scalar(note)))
        position = _dated_position(entries or None, wanted.end, "due")
        doc.add_item(chosen, "occurrences", fields, position, after=("status", "recurrence"))
    _log(target, day, note or f"Meilenstein „{title}“, Termin {wanted.iso()}: {old} → {state}")
    return f"{owner} milestone {chosen['id']} ({wanted.iso()}): {old} → {state}"


def _choose(
    name: str,
    generated: list[Due],
    recorded: dict[Due, int],
    state: str,
    kind: str,
    today: date,
) -> Due:
    """The occurrence a command without --occurrence means, or a refusal that lists them."""
    if state == "open":
        if len(recorded) == 1:
            return next(iter(recorded))
        listed = ", ".join(d.iso() for d in sorted(recorded)) or "none is recorded"
        raise InvalidValue("occurrence", f"{name}: which occurrence? ({listed})")
    unrecorded = [o for o in generated if o not in recorded]
    late = [o for o in unrecorded if deadline_state("open", kind, o, today) != "open"]
    if len(late) == 1:
        return late[0]
    if late:
        shown = ", ".join(o.iso() for o in late[:12]) + (", …" if len(late) > 12 else "")
        raise InvalidValue(
            "occurrence",
            f"{name} has {len(late)} occurrences past their date and not recorded "
            f"({shown}); say which with --occurrence, e.g. --occurrence {late[-1].iso()}",
        )
    upcoming = next((o for o in unrecorded if o.end >= today), None)
    if upcoming is None:
        raise UsageError(f"{name}: every occurrence is recorded; the series has ended")
    return upcoming


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
        position = _dated_position(ind.get("values"), day)
        target.doc.add_item(ind, "values", fields, position, after=("direction", "target"))
        unit = ind.get("unit", "")
        text = f"Indikator „{ind.get('name')}“: {shown} {unit}".rstrip()
        if source:
            text += f" (Quelle: {source})"
        _log(target, day, text)
        return f"{measure['id']} indicator {indicator}: {shown} {unit} on {day}"

    return mutate
