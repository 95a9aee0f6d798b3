"""Changing a commitment by a decision of the partners: a deadline (`mpi reschedule`), a
target (`mpi retarget`), a measure dropped (`mpi drop`).

Each writes the new value, the decision record on the item (`decisions`: its day, its words,
what it decided), the item's provenance (`basis: decided`, the decision in `derivation`; the
document's words stay in `quote`) and an entry in the owner's updates log, through the same
transaction as every edit. `mpi validate` then reads the change as approved.
"""

from __future__ import annotations

from collections.abc import Callable

from mpi.domain.dates import Due, DueError, series, typed_due
from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.words import FILE_WORDS, KIND_WORDS, file_value, inner, number, word_hint
from mpi.edit.grounds import Grounds, provenance, record, recorded
from mpi.edit.log import log_entry
from mpi.edit.mutations import not_recurring, pick_milestone, status_word
from mpi.edit.on_record import on_record, same_series, standing
from mpi.edit.plausible import check_unit
from mpi.edit.transaction import Edit, Mutation
from mpi.i18n import _, formats, speaking
from mpi.loading.positions import PMap

EVERY_WORDS = {"yearly": "jährlich", "half-yearly": "halbjährlich"}


def _word(key: str, what: str, typed: str | None) -> str | None:
    """A kind of date (bis, ab, voraussichtlich) or a frequency (jährlich, halbjährlich)."""
    if typed is None:
        return None
    meant = file_value(key, typed, False)
    if meant is None:
        words = FILE_WORDS[key]
        choices = ", ".join(f"{v} ({'/'.join(w)})" for v, w in words.items())
        hint = word_hint(typed, [w for v, ws in words.items() for w in (v, *ws)])
        said = _("{typed} is not one of {choices}").format(typed=repr(typed), choices=choices)
        raise InvalidValue(what, said + hint)
    return meant


def reschedule(
    milestone: str,
    new_due: str | None,
    grounds: Grounds,
    kind: str | None = None,
    every: str | None = None,
) -> Mutation:
    """A milestone's new deadline (for a recurring one: its last occurrence), how it reads
    (`kind`) or how often it recurs (`every`), by a decision or a correction; without
    `new_due` the deadline (the last occurrence) stays."""
    try:
        due = typed_due(new_due) if new_due is not None else None
    except DueError as exc:
        raise InvalidValue("new_due", str(exc)) from None
    kind = _word("kind", "kind", kind)
    every = _word("every", "every", every)
    if due is None and kind is None and every is None:
        raise UsageError(_("nothing to change: give NEW_DUE, --kind or --every"))

    def mutate(target: Edit) -> str:
        day = grounds.day(target)
        owner = target.owner_id
        chosen = pick_milestone(owner, target.owner.get("milestones") or [], milestone)
        title = chosen.get("title")
        hand = None  # the deadline in the file, where it differs from the one on record
        if "recurrence" in chosen:
            if kind is not None:
                raise InvalidValue(
                    "kind",
                    _("milestone {milestone} of {owner} recurs; its dates have no kind").format(
                        milestone=repr(chosen["id"]), owner=owner
                    ),
                )
            old, new, fields = _series(chosen, due, every, target)
        else:
            if every is not None:
                raise not_recurring("every", chosen, owner)
            old, new, fields = _single(chosen, due, kind, target)
            hand = _by_hand(chosen, target)
            if hand is not None:  # edited without a decision: the log keeps what was on record
                old, hand = hand, old
        provenance(target, chosen, day, grounds)
        record(target, chosen, day, grounds, fields)
        why = grounds.said(target, day)
        with speaking(target.facts.language):
            if grounds.correction:
                said = _("Deadline „{title}“ read anew: {old} → {new} ({why})")
            elif old == new:
                said = _("Deadline „{title}“ confirmed by decision: {new} ({decision})")
            else:
                said = _("Deadline „{title}“ changed by decision: {old} → {new} ({decision})")
            said = said.format(title=inner(title), old=old, new=new, decision=why, why=why)
            if hand is not None:
                said += " " + _hand(hand)
        log_entry(target, day, said)
        done = recorded(
            grounds,
            f"{owner} " + _("milestone {milestone}").format(milestone=chosen["id"]),
            old,
            new,
        )
        return done if hand is None else f"{done} {_hand(hand)}"

    return mutate


def _hand(value: str) -> str:
    return _("(in the file until now: {value}, without a decision)").format(value=value)


def _by_hand(chosen: PMap, target: Edit) -> str | None:
    """The deadline on record, where the file holds another one (edited by hand, without a
    decision), as the document words it; else None. On record: the one the milestone's
    standing decision or correction set; without one, the one in the last commit (git HEAD);
    outside git, the file's own."""
    last = standing(chosen, ("due",))
    if last is not None:
        recorded = last if last.get("due") is not None else None
    else:
        owner = target.committed() if target.committed is not None else None
        listed = owner.get("milestones") if owner is not None else None
        recorded = next(
            (m for m in listed or [] if isinstance(m, PMap) and m.get("id") == chosen.get("id")),
            None,
        )
    if recorded is None or recorded.get("due") is None or "recurrence" in recorded:
        return None
    try:
        was = Due.parse(recorded["due"])
    except (DueError, ValueError):
        return None
    kind = str(recorded.get("kind") or chosen.get("kind", "by"))
    now = Due.parse(chosen["due"]) if chosen.get("due") is not None else None
    if (was, kind) == (now, str(chosen.get("kind", "by"))):
        return None
    return _worded(kind, formats.due(was))


def _target_on_record(ind: PMap, target: Edit) -> tuple[object, object] | None:
    """An indicator's target (value, year) on record, as `_by_hand` finds a deadline."""
    last = standing(ind, ("target",))
    if last is not None:
        return (last.get("target"), last.get("year", ind["target"].get("year")))
    owner = target.committed() if target.committed is not None else None
    listed = owner.get("indicators") if owner is not None else None
    for item in listed or []:
        goal = item.get("target") if isinstance(item, PMap) else None
        if item.get("id") == ind.get("id") and isinstance(goal, PMap):
            return (goal.get("value"), goal.get("year"))
    return None


def _single(
    chosen: PMap, due: Due | None, kind: str | None, target: Edit
) -> tuple[str, str, list[tuple[str, str]]]:
    """A single deadline: `due` (and `kind`) set; a missed one is open again."""
    doc = target.doc
    old_due = Due.parse(chosen["due"]) if chosen.get("due") is not None else None
    due = due or old_due
    if due is None:
        raise UsageError(
            _("milestone {milestone} has no deadline yet: give NEW_DUE").format(
                milestone=repr(chosen["id"])
            )
        )
    old_kind = str(chosen.get("kind", "by"))
    new_kind = kind or old_kind
    if chosen.get("status") == "done":
        raise UsageError(
            _("milestone {milestone} is done; a done deadline is not rescheduled").format(
                milestone=repr(chosen["id"])
            )
        )
    if old_due == due and new_kind == old_kind:  # in the file already (edited by hand)?
        decided = on_record(chosen, "due", lambda v: Due.parse(v) == due) and (
            kind is None or on_record(chosen, "kind", lambda v: v == kind)
        )
        if decided:
            raise UsageError(
                _("milestone {milestone} is already due {date}").format(
                    milestone=repr(chosen["id"]),
                    date=_worded(new_kind, formats.due(due)),
                )
            )
    else:
        doc.set_value(chosen, "due", doc.day(due.yaml_value()), after=("title",))
        if kind is not None and kind != old_kind:
            doc.set_value(chosen, "kind", kind, after=("due",))
        if chosen.get("status") == "missed":
            doc.set_value(chosen, "status", "open")
    old = _worded(old_kind, formats.due(old_due) if old_due else "–")
    new = _worded(new_kind, formats.due(due))
    fields = [("due", doc.day(due.yaml_value()))]
    if kind is not None:
        fields.append(("kind", kind))
    return old, new, fields


def _series(
    chosen: PMap, end: Due | None, every: str | None, target: Edit
) -> tuple[str, str, list[tuple[str, str]]]:
    """A recurring duty: its last occurrence (`end`; None: it stays) and how often (`every`)."""
    rec = chosen["recurrence"]
    start = Due.parse(rec["start"])
    old_end = Due.parse(rec["end"]) if rec.get("end") is not None else None
    end = end or old_end
    if end is not None and end.end < start.end:
        raise InvalidValue(
            "new_due",
            _("{end} lies before the first occurrence {start}").format(
                end=formats.due(end), start=formats.due(start)
            ),
        )
    old_every = str(rec["every"])
    new_every = every or old_every
    if old_end == end and new_every == old_every:  # in the file already (edited by hand)?
        if on_record(chosen, "recurrence", lambda v: same_series(v, rec)):
            if end is None:
                raise UsageError(
                    _("the milestone already recurs {every}").format(every=EVERY_WORDS[new_every])
                )
            raise UsageError(_("the recurrence already ends {date}").format(date=formats.due(end)))
    else:
        _fits(chosen, start, new_every, end, target)
        if end is not None:
            target.doc.set_value(rec, "end", target.doc.day(end.yaml_value()), after=("start",))
        if new_every != old_every:
            target.doc.set_value(rec, "every", new_every)

    def said(often: str, last: Due | None) -> str:
        until = f" bis {formats.due(last)}" if last else ""
        return f"{EVERY_WORDS[often]} ab {formats.due(start)}{until}"

    day = target.doc.day
    until = f", end: {day(end.yaml_value())}" if end is not None else ""
    decided = f"{{every: {new_every}, start: {day(start.yaml_value())}{until}}}"
    return said(old_every, old_end), said(new_every, end), [("recurrence", decided)]


def _fits(chosen: PMap, start: Due, every: str, end: Due | None, target: Edit) -> None:
    """Occurrences recorded already stay occurrences of the changed series: a schedule that
    would orphan them is refused with what to do instead."""
    made = set(series(start, every, end, target.facts.horizon))
    recorded = [x.get("due") for x in chosen.get("occurrences") or [] if isinstance(x, PMap)]
    orphaned = [Due.parse(d) for d in recorded if d is not None and Due.parse(d) not in made]
    if orphaned:
        raise UsageError(
            _(
                "the recorded occurrences {dates} are not occurrences of the new schedule; end "
                "this series at its last recorded occurrence ({command}) and add the new "
                "schedule as a milestone of its own"
            ).format(
                dates=", ".join(formats.due(d) for d in orphaned),
                command=f"mpi reschedule {target.owner_id} {chosen['id']} "
                f"{max(Due.parse(d) for d in recorded if d is not None).iso()} --decision …",
            )
        )


def retarget(
    value: float, year: int | str | None, grounds: Grounds, percent: bool = False
) -> Callable[[str], Mutation]:
    """An indicator's new target (and year) by a decision or a correction, made for the
    indicator the edit finds (`percent`: the value was typed with `%`)."""
    return lambda indicator: _retarget(indicator, value, year, grounds, percent)


def _retarget(
    indicator: str, value: float, year: int | str | None, grounds: Grounds, percent: bool
) -> Mutation:
    def mutate(target: Edit) -> str:
        day = grounds.day(target)
        measure = target.measure
        ind = next(i for i in measure.get("indicators") or [] if i.get("id") == indicator)
        check_unit(percent, str(ind.get("unit", "")), indicator)
        goal = ind.get("target")
        if not isinstance(goal, PMap):
            raise UsageError(_("indicator {indicator} has no target").format(indicator=indicator))
        direction, unit = str(ind.get("direction")), str(ind.get("unit", ""))
        old_value, old_year = goal.get("value"), goal.get("year")
        fields = [("target", number(value))] + ([("year", str(year))] if year is not None else [])
        if old_value == value and (year is None or old_year == year):  # edited by hand?
            if on_record(ind, "target", lambda v: float(str(v)) == value) and (
                year is None or on_record(ind, "year", lambda v: str(v) == str(year))
            ):
                raise UsageError(
                    _("the target of {indicator} is already {value}").format(
                        indicator=indicator, value=formats.number(value)
                    )
                )
        else:
            target.doc.set_value(goal, "value", number(value))
            if year is not None:
                target.doc.set_value(goal, "year", str(year), after=("value",))
        provenance(target, goal, day, grounds)
        record(target, ind, day, grounds, fields)

        def shown(v: object, y: object) -> str:
            return _target_words(v, y, direction, unit)

        new_year = year if year is not None else old_year
        hand = None  # the target in the file, where it differs from the one on record
        on_file = _target_on_record(ind, target)
        if on_file is not None and on_file != (old_value, old_year):
            hand = shown(old_value, old_year)
            old_value, old_year = on_file
        same = old_value == value and old_year == new_year
        why = grounds.said(target, day)
        with speaking(target.facts.language):
            old, new = shown(old_value, old_year), shown(value, new_year)
            said = _target_line(grounds, inner(ind.get("name")), old, new, same, why)
            if hand is not None:
                said += " " + _hand(hand)
        log_entry(target, day, said)
        old, new = shown(old_value, old_year), shown(value, new_year)  # in the reader's words
        what = f"{measure['id']} " + _("indicator {indicator}").format(indicator=indicator)
        done = recorded(grounds, what, old, new)
        return done if hand is None else f"{done} {_hand(hand)}"

    return mutate


def _target_words(value: object, year: object, direction: str, unit: str) -> str:
    """`mindestens 100 MW (bis 2030)`: a target as the log and the confirmation say it."""
    amount = f"{formats.number(float(str(value)))} {unit}".rstrip()
    said = _("at least {amount}") if direction == "at_least" else _("at most {amount}")
    if year is None:
        return said.format(amount=amount)
    when = _("permanent") if year == "permanent" else f"bis {year}"
    return f"{said.format(amount=amount)} ({when})"


def _target_line(grounds: Grounds, name: str, old: str, new: str, same: bool, why: str) -> str:
    """The log's line: a target read anew, confirmed or changed, and on what grounds."""
    if grounds.correction:
        said = _("Target „{name}“ read anew: {old} → {new} ({why})")
    elif same:
        said = _("Target „{name}“ confirmed by decision: {new} ({decision})")
    else:
        said = _("Target „{name}“ changed by decision: {old} → {new} ({decision})")
    return said.format(name=name, old=old, new=new, decision=why, why=why)


def drop(grounds: Grounds) -> Mutation:
    """A measure dropped by a decision: its status, the record, the log entry."""
    if grounds.correction:
        raise InvalidValue("correction", _("a measure is dropped by a decision only"))

    def mutate(target: Edit) -> str:
        day = grounds.day(target)
        measure = target.measure
        old = str(measure.get("status"))
        if old == "dropped":  # set by hand? then the decision is recorded for it
            if on_record(measure, "status", lambda v: v == "dropped"):
                raise UsageError(
                    _("{measure} is already {status}").format(
                        measure=measure["id"], status=status_word("dropped")
                    )
                )
        else:
            target.doc.set_value(measure, "status", "dropped")
        record(target, measure, day, grounds, [("status", "dropped")])
        with speaking(target.facts.language):
            change = f"{status_word(old)} → {status_word('dropped')}"
            logged = (
                _("Status {status} confirmed by decision").format(status=status_word("dropped"))
                if old == "dropped"
                else _("Status: {change}").format(change=change)
            )
        log_entry(target, day, f"{logged} ({grounds.said(target, day)})", "dropped")
        if old == "dropped":
            return _("{measure}: {status}, decision recorded").format(
                measure=measure["id"], status=status_word("dropped")
            )
        return f"{measure['id']}: {status_word(old)} → {status_word('dropped')}"

    return mutate


def _worded(kind: str, date: str) -> str:
    """A date in the document's words: `bis 2030`, `ab 2031`, `2019` (from before the plan)."""
    return f"{KIND_WORDS[kind]} {date}" if KIND_WORDS[kind] else date
