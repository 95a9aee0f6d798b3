"""Recording one occurrence of a recurring milestone, in the milestone's `occurrences` list.

Each occurrence is recorded on its own (done, missed) or undone (open); the others stay as
they are. Occurrences counted as held through the old `recurrence.last_done` are read as
done, as every view reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mpi.domain.dates import Due, series
from mpi.domain.deadlines import state as deadline_state
from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.words import inner
from mpi.edit.log import dated_position, log_entry, state_change, with_note
from mpi.edit.scalars import scalar
from mpi.edit.transaction import Edit
from mpi.i18n import _, formats, pgettext, speaking
from mpi.loading.positions import PMap


def record_occurrence(
    target: Edit,
    chosen: PMap,
    state: str,
    day: date,
    today: date,
    note: str | None,
    wanted: Due | None,
) -> str:
    """Record (or undo) one occurrence; returns the one-line summary.

    Without --occurrence: done or missed takes the one open occurrence past its date, refuses
    with a list when there are several, and takes the current one when none is past; open
    takes the one recorded occurrence, or refuses with a list. An occurrence after the
    current one has not come round yet and cannot be recorded.
    """
    rec = chosen["recurrence"]
    start = Due.parse(rec["start"])
    end = Due.parse(rec["end"]) if rec.get("end") is not None else None
    generated = series(start, rec["every"], end, target.facts.horizon)
    entries = chosen.get("occurrences") or []
    recorded = {Due.parse(o.get("due")): i for i, o in enumerate(entries) if isinstance(o, PMap)}
    legacy = Due.parse(rec["last_done"]) if rec.get("last_done") is not None else None

    def status_of(due: Due) -> str:
        if due in recorded:
            return str(entries[recorded[due]].get("status"))
        return "done" if legacy is not None and due.end <= legacy.end else "open"

    name = _("milestone {milestone} of {owner}").format(
        milestone=repr(chosen["id"]), owner=target.owner_id
    )
    current = next((o for o in generated if o.end >= today), None)  # coming round now
    if wanted is None:
        kind = str(chosen.get("kind", "by"))
        wanted = _choose(name, generated, list(recorded), status_of, state, kind, today)
    else:
        _known(name, generated, wanted)
    _come_round(name, wanted, state, current)
    old = status_of(wanted)
    if old == state:
        raise UsageError(
            _("{milestone}: occurrence {occurrence} is already {state}").format(
                milestone=name,
                occurrence=formats.due(wanted),
                state=pgettext("milestone state", state),
            )
        )
    _write(target, chosen, entries, recorded.get(wanted), wanted, state, day, note, name)
    with speaking(target.facts.language):
        said = _("Milestone „{title}“, occurrence {occurrence}: {change}").format(
            title=inner(chosen.get("title")),
            occurrence=formats.due(wanted),
            change=state_change(old, state),
        )
    log_entry(target, day, with_note(said, note))
    return _("{owner} milestone {milestone} ({occurrence}): {change}").format(
        owner=target.owner_id,
        milestone=chosen["id"],
        occurrence=formats.due(wanted),
        change=state_change(old, state),
    )


def _known(name: str, generated: list[Due], wanted: Due) -> None:
    """Refuse an occurrence the recurrence does not have, naming those of its year."""
    if wanted in generated:
        return
    nearby = [formats.due(o) for o in generated if o.year == wanted.year]
    listed = (
        _("; in {year}: {occurrences}").format(year=wanted.year, occurrences=", ".join(nearby))
        if nearby
        else ""
    )
    raise InvalidValue(
        "occurrence",
        _("{milestone} has no occurrence {occurrence}{listed}").format(
            milestone=name, occurrence=formats.due(wanted), listed=listed
        ),
    )


def _come_round(name: str, wanted: Due, state: str, current: Due | None) -> None:
    """Refuse recording an occurrence after the current one as done or missed."""
    if state != "open" and current is not None and wanted.end > current.end:
        raise InvalidValue(
            "occurrence",
            _(
                "{milestone}: occurrence {occurrence} has not come round yet (the current one "
                "is {current})"
            ).format(milestone=name, occurrence=formats.due(wanted), current=formats.due(current)),
        )


def _write(
    target: Edit,
    chosen: PMap,
    entries: list[PMap],
    index: int | None,
    wanted: Due,
    state: str,
    day: date,
    note: str | None,
    name: str,
) -> None:
    """The edit of the `occurrences` list: a record added, changed or removed."""
    doc = target.doc
    if state == "open":
        if index is None:  # held only through the old `last_done`
            raise UsageError(
                _(
                    "{milestone}: occurrence {occurrence} counts as held through "
                    "`recurrence.last_done`; change last_done by hand to undo it"
                ).format(milestone=name, occurrence=formats.due(wanted))
            )
        doc.remove_item(chosen, "occurrences", index)
    elif index is not None:
        record = entries[index]
        doc.set_value(record, "status", state, after=("due",))
        if state == "done":
            doc.set_value(record, "done", doc.day(day), after=("status",))
        else:
            doc.remove_key(record, "done")
        if note:
            doc.set_value(record, "note", scalar(note), after=("done", "status"))
    else:
        fields = [("due", doc.day(wanted.yaml_value())), ("status", state)]
        if state == "done":
            fields.append(("done", doc.day(day)))
        if note:
            fields.append(("note", scalar(note)))
        position = dated_position(entries or None, wanted.end, "due")
        doc.add_item(chosen, "occurrences", fields, position, after=("status", "recurrence"))


def _choose(
    name: str,
    generated: list[Due],
    recorded: list[Due],
    status_of: Callable[[Due], str],
    state: str,
    kind: str,
    today: date,
) -> Due:
    """The occurrence a command without --occurrence means, or a refusal that lists them."""
    if state == "open":
        if len(recorded) == 1:
            return recorded[0]
        listed = ", ".join(formats.due(d) for d in sorted(recorded)) or _("none is recorded")
        raise InvalidValue(
            "occurrence",
            _("{milestone}: which occurrence? ({listed})").format(milestone=name, listed=listed),
        )
    unrecorded = [o for o in generated if status_of(o) == "open"]
    late = [o for o in unrecorded if deadline_state("open", kind, o, today) != "open"]
    if len(late) == 1:
        return late[0]
    if late:
        shown = ", ".join(formats.due(o) for o in late[:12]) + (", …" if len(late) > 12 else "")
        raise InvalidValue(
            "occurrence",
            _(
                "{milestone} has {count} occurrences past their date and not recorded "
                "({listed}); say which with --occurrence, e.g. --occurrence {example}"
            ).format(
                milestone=name, count=len(late), listed=shown, example=formats.typed(late[-1])
            ),
        )
    upcoming = next((o for o in unrecorded if o.end >= today), None)
    if upcoming is None:
        raise UsageError(
            _("{milestone}: every occurrence is recorded; the series has ended").format(
                milestone=name
            )
        )
    return upcoming
