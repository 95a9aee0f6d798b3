"""What changed in a milestone (its schedule, kind, state, occurrences) and in an indicator
(its target, year, recorded values)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mpi.domain import commitments as c
from mpi.domain.change import Change, ChangeKind, log, pairs, presence, recorded, short, texts
from mpi.domain.decided import MeasureDecision, Removal
from mpi.domain.items import Indicator, Milestone
from mpi.domain.words import number, target_text


def milestones(
    subject: str,
    old: list[Milestone],
    new: list[Milestone],
    removals: Sequence[Removal] | Sequence[MeasureDecision],
    horizon: int,
) -> list[Change]:
    out = []
    for ident, a, b in pairs(old, new, lambda x: x.id):
        if a is None or b is None:
            change = presence(ident, "milestone", a, b, removals)
            old_at = c.moment(a) if a is not None else None
            new_at = c.moment(b) if b is not None else None
            out.append(replace(change, subject=subject, item=ident, old=old_at, new=new_at))
        else:
            out += _milestone(subject, a, b, horizon)
    return out


def _milestone(subject: str, a: Milestone, b: Milestone, horizon: int) -> list[Change]:
    out: list[Change] = []
    shift, weak = c.schedule(a, b, horizon)
    attribute = "recurrence" if b.recurrence is not None else "due"
    if shift is not None:
        months, days = (None, None)
        if shift in ("postponed", "advanced") and a.due is not None and b.due is not None:
            months, days = c.span(a.due, b.due, b.kind)
        record = c.milestone_decision(b, shift, a.basis == "inferred")
        moved = (c.moment(a), c.moment(b))
        change = Change(shift, subject, b.id, attribute, *moved, what="milestone", weakening=weak)
        out.append(replace(change, months=months, days=days).by(record))
    elif c.moment(a) != c.moment(b):
        out.append(short(subject, b.id, "milestone", attribute, c.moment(a), c.moment(b)))
    kind = c.kind_shift(a, b)
    if kind is not None:
        record = c.milestone_decision(b, kind, a.basis == "inferred")
        moved = (c.reading(a), c.reading(b))
        out.append(Change(kind, subject, b.id, "kind", *moved, what="milestone"))
        out[-1] = replace(out[-1], weakening=kind == "softened").by(record)
    out += _progress(subject, a, b)
    out += texts(
        subject, b.id, "milestone", [("title", a.title, b.title), ("note", a.note, b.note)]
    )
    decided = b.basis in ("decided", "inferred") and any(x.covered for x in out)
    if (a.basis, a.quote, a.derivation) != (b.basis, b.quote, b.derivation) and not decided:
        out.append(Change("changed", subject, b.id, "basis", what="milestone"))
    return out + recorded(subject, b.id, "milestone", a.decisions, b.decisions, out)


def indicators(
    subject: str, old: list[Indicator], new: list[Indicator], removals: Sequence[MeasureDecision]
) -> list[Change]:
    out = []
    for ident, a, b in pairs(old, new, lambda x: x.id):
        if a is None or b is None:
            change = presence(ident, "indicator", a, b, removals)
            out.append(replace(change, subject=subject, item=ident))
        else:
            out += _indicator(subject, a, b)
    return out


def _indicator(subject: str, a: Indicator, b: Indicator) -> list[Change]:
    out = texts(subject, b.id, "indicator", [("name", a.name, b.name), ("note", a.note, b.note)])
    if a.unit != b.unit:
        out.append(short(subject, b.id, "indicator", "unit", a.unit, b.unit))
    base_a = f"{number(a.baseline.value)} ({a.baseline.year})" if a.baseline else None
    base_b = f"{number(b.baseline.value)} ({b.baseline.year})" if b.baseline else None
    if base_a != base_b:
        out.append(short(subject, b.id, "indicator", "baseline", base_a, base_b))
    shift = c.target_value(a, b)
    if shift is not None:
        old = target_text(a.target.value, a.direction)
        new = target_text(b.target.value, b.direction)
        aspect = "direction" if shift == "redefined" else "value"
        out.append(Change(shift, subject, b.id, "target", old, new, what="indicator"))
        # another body's target (the Bund's) moving weakens nothing the partners committed to
        weak = shift in ("lowered", "redefined") and b.target.party is None
        record = c.indicator_decision(b, aspect, a.target.basis == "inferred")
        out[-1] = replace(out[-1], weakening=weak).by(record)
    if a.target.party != b.target.party:  # whose target it is: another body's binds nobody
        party: ChangeKind = "softened" if b.target.party is not None else "firmed"
        moved = (a.target.party, b.target.party)
        out.append(Change(party, subject, b.id, "party", *moved, what="indicator"))
        out[-1] = replace(out[-1], weakening=party == "softened")
    year, weak = c.target_year(a, b)
    if year is not None:
        old_y, new_y = a.target.year, b.target.year
        months = 12 * (new_y - old_y) if isinstance(old_y, int) and isinstance(new_y, int) else None
        out.append(Change(year, subject, b.id, "year", _str(old_y), _str(new_y), what="indicator"))
        record = c.indicator_decision(b, "year", a.target.basis == "inferred")
        out[-1] = replace(out[-1], weakening=weak, months=months).by(record)
    out += log(
        [(v.date.isoformat(), v.value, v.source or "") for v in a.values],
        [(v.date.isoformat(), v.value, v.source or "") for v in b.values],
        lambda e, kind: Change(
            kind, subject, b.id, new=number(e[1]), date=e[0], text=e[2] or None, what="indicator"
        ),
        ("indicator_value", "indicator_value_removed"),
    )
    return out + recorded(subject, b.id, "indicator", a.decisions, b.decisions, out)


# What a milestone's (or an occurrence's) new status makes of the change; back to open:
# reopened.
_BECAME: dict[str, ChangeKind] = {"done": "milestone_done", "missed": "milestone_missed"}


def _progress(subject: str, a: Milestone, b: Milestone) -> list[Change]:
    """A milestone done, missed or reopened; occurrences recorded."""
    out = []
    if a.status != b.status:
        kind = _BECAME.get(b.status, "milestone_reopened")
        done = b.done.iso() if b.done and b.status == "done" else None
        out.append(
            Change(kind, subject, b.id, old=a.status, new=b.status, date=done, what="milestone")
        )
    elif a.done != b.done and b.done is not None:
        old = a.done.iso() if a.done else None
        out.append(short(subject, b.id, "milestone", "done", old, b.done.iso()))
    last_a = a.recurrence.last_done if a.recurrence else None
    last_b = b.recurrence.last_done if b.recurrence else None
    if last_a != last_b:
        # The old way of recording: a later `last_done` means another occurrence was held.
        if last_b is not None and (last_a is None or last_b.end > last_a.end):
            held = ("open", "done", last_b.iso())
            out.append(Change("milestone_done", subject, b.id, None, *held, what="milestone"))
        else:
            out.append(
                Change("milestone_reopened", subject, b.id, None, "done", "open", what="milestone")
            )
    return out + _occurrences(subject, a, b)


def _occurrences(subject: str, a: Milestone, b: Milestone) -> list[Change]:
    """Occurrences of a recurring milestone recorded, changed or reopened, in date order."""
    before = {o.due: o for o in a.occurrences}
    after = {o.due: o for o in b.occurrences}
    out = []
    for due in sorted(set(before) | set(after)):
        old, new = before.get(due), after.get(due)
        old_status = old.status if old else "open"
        new_status = new.status if new else "open"
        if old_status != new_status:
            kind = _BECAME.get(new_status, "milestone_reopened")
            done = new.done.iso() if new and new.done else None
            change = Change(kind, subject, b.id, old=old_status, new=new_status, date=done)
        elif old != new and new is not None:
            change = Change("changed", subject, b.id, "occurrence")
        else:
            continue
        out.append(replace(change, occurrence=due.iso(), what="milestone"))
    return out


def _str(value: object) -> str | None:
    return None if value is None else str(value)
