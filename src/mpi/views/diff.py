"""A semantic diff of two plans: what the coordination round cares about, not changed lines.

`diff(old, new)` returns `Change` values in plan order (plan level, then field by field,
measure by measure); `PlanDiff` is what `mpi diff` draws. The formats describe changes
through `mpi.render.changes`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from mpi.domain.model import Field, Indicator, Measure, Milestone, Plan, Target, Update
from mpi.domain.words import natural_key, number

ChangeKind = Literal[
    "field_added",
    "field_removed",
    "goal_added",
    "goal_removed",
    "measure_added",
    "measure_removed",
    "status",
    "milestone_added",
    "milestone_removed",
    "milestone_done",
    "milestone_reopened",
    "milestone_missed",
    "due_moved",
    "indicator_added",
    "indicator_removed",
    "indicator_value",
    "indicator_value_removed",
    "update",
    "update_removed",
    "changed",
]


@dataclass(frozen=True)
class PlanDiff:
    """The changes between two revisions; `new` is None for the working tree."""

    old: str
    new: str | None
    changes: list[Change]


@dataclass(frozen=True)
class Change:
    """One change. `subject`: measure, field or goal id, monitoring body, or "plan";
    `item`: milestone or indicator id; `attribute`: what changed for kind "changed"."""

    kind: ChangeKind
    subject: str
    item: str | None = None
    attribute: str | None = None
    old: str | None = None
    new: str | None = None
    date: str | None = None
    text: str | None = None
    occurrence: str | None = None  # the occurrence of a recurring milestone it concerns
    note: str | None = None  # what someone wrote with the change (the log line's own words)


T = TypeVar("T")


def _pairs(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], str], *, natural: bool = False
) -> list[tuple[str, T | None, T | None]]:
    """Match items by id: new order first, then removed ones in old order (or natural id order)."""
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    ids = [key(x) for x in new] + [key(x) for x in old if key(x) not in after]
    if natural:
        ids.sort(key=natural_key)
    return [(i, before.get(i), after.get(i)) for i in ids]


def _when(m: Milestone) -> str:
    if m.recurrence is None:
        return m.due.iso() if m.due else "–"
    r = m.recurrence
    end = f" to {r.end.iso()}" if r.end else ""
    return f"{r.every} from {r.start.iso()}{end}"


def _target(t: Target | None, direction: str) -> str:
    if t is None:
        return "–"
    sign = "≥" if direction == "at_least" else "≤"
    return f"{sign} {number(t.value)}" + (f" ({t.year})" if t.year is not None else "")


def diff(old: Plan, new: Plan) -> list[Change]:
    """Everything that changed from `old` to `new`, in plan order."""
    out = _plan_level(old, new)
    out += _milestones("plan", old.milestones, new.milestones)
    out += _updates("plan", old.updates, new.updates)
    old_bodies = old.monitoring.bodies if old.monitoring else []
    new_bodies = new.monitoring.bodies if new.monitoring else []
    for ident, a, b in _pairs(old_bodies, new_bodies, lambda x: x.id):
        if a is None or b is None:
            continue  # reported as a change of "monitoring bodies" above
        out += _changed(ident, None, [("name", a.name, b.name), ("text", a.text, b.text)])
        out += _milestones(ident, a.milestones, b.milestones)
        out += _updates(ident, a.updates, b.updates)
    for ident, f, g in _pairs(old.fields, new.fields, lambda x: x.id, natural=True):
        if f is None:
            out.append(Change("field_added", ident, text=g.title if g else None))
        elif g is None:
            out.append(Change("field_removed", ident, text=f.title))
        else:
            out += _field(f, g)
    return out


def _ids(items: Iterable[Any]) -> str:
    return ", ".join(x.id for x in items)


def _plan_level(old: Plan, new: Plan) -> list[Change]:
    out = _changed(
        "plan",
        None,
        [
            ("title", old.title, new.title),
            ("vision", old.vision, new.vision),
            ("agreements", old.agreements, new.agreements),
            ("background", old.background, new.background),
            ("sources", old.sources, new.sources),
            ("glossary", old.glossary, new.glossary),
        ],
    )
    if old.adopted != new.adopted:
        out.append(Change("changed", "plan", None, "adopted", str(old.adopted), str(new.adopted)))
    out += _listed("plan", None, "partners", old.partners, new.partners)
    old_m, new_m = old.monitoring, new.monitoring
    out += _changed(
        "plan",
        None,
        [("monitoring", old_m.intro if old_m else None, new_m.intro if new_m else None)],
    )
    bodies_before = [b.id for b in old_m.bodies] if old_m else []
    bodies_after = [b.id for b in new_m.bodies] if new_m else []
    out += _short("plan", None, "monitoring bodies", bodies_before, bodies_after)
    return out


def _changed(subject: str, item: str | None, pairs: Iterable[tuple[str, Any, Any]]) -> list[Change]:
    """ "text changed" entries: long text says only that it changed, not how."""
    return [Change("changed", subject, item, name) for name, a, b in pairs if a != b]


def _listed(
    subject: str, item: str | None, name: str, old: Sequence[Any], new: Sequence[Any]
) -> list[Change]:
    """A change of a list of things with ids: the ids before and after when they differ."""
    if old == new:
        return []
    before, after = _ids(old), _ids(new)
    if before == after:
        return [Change("changed", subject, item, name)]
    return [Change("changed", subject, item, name, before, after)]


def _short(subject: str, item: str | None, name: str, old: Any, new: Any) -> list[Change]:
    """A change of a short value (ids, tags): shown as old -> new."""
    if old == new:
        return []

    def show(v: Any) -> str:
        return ", ".join(v) if isinstance(v, list | tuple) else "" if v is None else str(v)

    return [Change("changed", subject, item, name, show(old), show(new))]


def _field(old: Field, new: Field) -> list[Change]:
    out = _changed(new.id, None, [("title", old.title, new.title)])
    out += _listed(new.id, None, "sections", old.sections, new.sections)
    for ident, a, b in _pairs(old.goals, new.goals, lambda x: x.id):
        if a is None:
            out.append(Change("goal_added", ident, text=b.text if b else None))
        elif b is None:
            out.append(Change("goal_removed", ident, text=a.text))
        else:
            out += _changed(ident, None, [("text", a.text, b.text)])
    for ident, m, n in _pairs(old.measures, new.measures, lambda x: x.id, natural=True):
        if m is None:
            out.append(Change("measure_added", ident, text=n.title if n else None))
        elif n is None:
            out.append(Change("measure_removed", ident, text=m.title))
        else:
            out += _measure(m, n)
    return out


def _measure(old: Measure, new: Measure) -> list[Change]:
    s = new.id
    out = []
    if old.status != new.status:
        out.append(Change("status", s, old=old.status, new=new.status))
    out += _changed(
        s,
        None,
        [
            ("title", old.title, new.title),
            ("text", old.text, new.text),
            ("items", old.items, new.items),
            ("sources", old.sources, new.sources),
        ],
    )
    for name in ("section", "goals", "lead", "involved", "tags"):
        out += _short(s, None, name, getattr(old, name), getattr(new, name))
    out += _milestones(s, old.milestones, new.milestones)
    out += _indicators(s, old.indicators, new.indicators)
    return out + _updates(s, old.updates, new.updates)


def _updates(subject: str, old: list[Update], new: list[Update]) -> list[Change]:
    """Entries added to and removed from an updates log (a measure's, the plan's, a body's)."""
    return _log(
        [(u.date.isoformat(), u.text, u.status) for u in old],
        [(u.date.isoformat(), u.text, u.status) for u in new],
        lambda e, kind: Change(kind, subject, new=e[2], date=e[0], text=e[1]),
        "update",
    )


LOGS: dict[str, tuple[ChangeKind, ChangeKind]] = {
    "update": ("update", "update_removed"),
    "indicator_value": ("indicator_value", "indicator_value_removed"),
}


def _log(
    old: list[tuple[Any, ...]],
    new: list[tuple[Any, ...]],
    make: Callable[[tuple[Any, ...], ChangeKind], Change],
    log: str,
) -> list[Change]:
    """Entries added to (and removed from) a log, in log order, counting repeats."""
    added, removed = LOGS[log]
    return [make(e, added) for e in _extra(new, old)] + [make(e, removed) for e in _extra(old, new)]


def _extra(items: list[tuple[Any, ...]], others: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Entries of `items` not matched by an equal entry of `others`."""
    left = Counter(others)
    out = []
    for entry in items:
        if left[entry]:
            left[entry] -= 1
        else:
            out.append(entry)
    return out


def _milestones(subject: str, old: list[Milestone], new: list[Milestone]) -> list[Change]:
    out = []
    for ident, a, b in _pairs(old, new, lambda x: x.id):
        if a is None:
            assert b is not None
            out.append(Change("milestone_added", subject, ident, new=_when(b), text=b.title))
        elif b is None:
            out.append(Change("milestone_removed", subject, ident, old=_when(a), text=a.title))
        else:
            out += _milestone(subject, a, b)
    return out


def _milestone(subject: str, a: Milestone, b: Milestone) -> list[Change]:
    out = []
    if _when(a) != _when(b):
        out.append(Change("due_moved", subject, b.id, old=_when(a), new=_when(b)))
    if a.status != b.status:
        kind: ChangeKind = (
            "milestone_done"
            if b.status == "done"
            else "milestone_missed"
            if b.status == "missed"
            else "milestone_reopened"
        )
        done = b.done.iso() if b.done and b.status == "done" else None
        out.append(Change(kind, subject, b.id, old=a.status, new=b.status, date=done))
    elif a.done != b.done and b.done is not None:
        out.append(Change("changed", subject, b.id, "done", _iso(a.done), _iso(b.done)))
    last_a = a.recurrence.last_done if a.recurrence else None
    last_b = b.recurrence.last_done if b.recurrence else None
    if last_a != last_b:
        # The old way of recording: a later `last_done` means another occurrence was held.
        if last_b is not None and (last_a is None or last_b.end > last_a.end):
            out.append(
                Change("milestone_done", subject, b.id, old="open", new="done", date=last_b.iso())
            )
        else:
            out.append(Change("milestone_reopened", subject, b.id, old="done", new="open"))
    out += _occurrences(subject, a, b)
    out += _short(subject, b.id, "kind", a.kind, b.kind)
    out += _changed(
        subject,
        b.id,
        [
            ("title", a.title, b.title),
            ("note", a.note, b.note),
            ("basis", (a.basis, a.quote, a.derivation), (b.basis, b.quote, b.derivation)),
        ],
    )
    return out


def _occurrences(subject: str, a: Milestone, b: Milestone) -> list[Change]:
    """Occurrences of a recurring milestone recorded, changed or reopened, in date order."""
    before = {o.due: o for o in a.occurrences}
    after = {o.due: o for o in b.occurrences}
    out = []
    for due in sorted(set(before) | set(after)):
        old, new = before.get(due), after.get(due)
        old_status = old.status if old else "open"
        new_status = new.status if new else "open"
        if old_status == new_status:
            if old != new and new is not None:
                out.append(Change("changed", subject, b.id, "occurrence", occurrence=due.iso()))
            continue
        kind: ChangeKind = (
            "milestone_done"
            if new_status == "done"
            else "milestone_missed"
            if new_status == "missed"
            else "milestone_reopened"
        )
        done = new.done.iso() if new and new.done else None
        out.append(
            Change(
                kind, subject, b.id, old=old_status, new=new_status, date=done, occurrence=due.iso()
            )
        )
    return out


def _iso(value: Any) -> str | None:
    return value.iso() if value is not None else None


def _indicators(subject: str, old: list[Indicator], new: list[Indicator]) -> list[Change]:
    out = []
    for ident, a, b in _pairs(old, new, lambda x: x.id):
        if a is None:
            assert b is not None
            out.append(Change("indicator_added", subject, ident, text=b.name))
        elif b is None:
            out.append(Change("indicator_removed", subject, ident, text=a.name))
        else:
            out += _indicator(subject, a, b)
    return out


def _indicator(subject: str, a: Indicator, b: Indicator) -> list[Change]:
    out = _changed(subject, b.id, [("name", a.name, b.name), ("note", a.note, b.note)])
    out += _short(subject, b.id, "unit", a.unit, b.unit)
    base_a = f"{number(a.baseline.value)} ({a.baseline.year})" if a.baseline else None
    base_b = f"{number(b.baseline.value)} ({b.baseline.year})" if b.baseline else None
    out += _short(subject, b.id, "baseline", base_a, base_b)
    out += _short(
        subject, b.id, "target", _target(a.target, a.direction), _target(b.target, b.direction)
    )
    out += _log(
        [(v.date.isoformat(), v.value, v.source or "") for v in a.values],
        [(v.date.isoformat(), v.value, v.source or "") for v in b.values],
        lambda e, kind: Change(kind, subject, b.id, new=number(e[1]), date=e[0], text=e[2] or None),
        "indicator_value",
    )
    return out
