"""`mpi history`: how a measure's (or the plan level's, or a body's) deadlines, targets and
status moved through the plan's git history, each move with its commit date and decision,
and per milestone and indicator how often and how far it moved.

The versions come from `mpi.loading.history` (only the file that holds the item is read);
each pair of neighbouring versions is compared by `mpi.domain.compare`, as `mpi diff` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from mpi.domain.change import COMMITMENTS, Change
from mpi.domain.commitments import moment
from mpi.domain.compare import measure_changes
from mpi.domain.compare_items import milestones as milestone_changes
from mpi.domain.decided import Removal
from mpi.domain.errors import UsageError
from mpi.domain.items import Indicator, Milestone
from mpi.domain.model import Measure, MonitoringBody, Plan
from mpi.domain.words import suggest, target_text
from mpi.i18n import _
from mpi.loading.history import Version, shallow, versions
from mpi.loading.load import Loaded
from mpi.loading.schema_errors import validated
from mpi.views.lookup import PLAN, find_body, find_measure, find_owner

# What history follows: deadlines, targets, status, and the decisions about them.
KINDS = (COMMITMENTS - {"text_changed"}) | {
    "status_changed",
    "milestone_done",
    "milestone_missed",
    "milestone_reopened",
    "decision_recorded",
}
MOVES = ("postponed", "advanced", "rescheduled", "thinned", "extended", "softened", "firmed")
TARGET_MOVES = ("lowered", "raised", "redefined", "postponed", "advanced", "rescheduled")


@dataclass(frozen=True)
class Event:
    """A change in one commit (`commit` None: not committed yet)."""

    commit: str | None
    day: date
    change: Change


@dataclass(frozen=True)
class Course:
    """One milestone's or indicator's course: where it started, where it is now (None:
    removed), how often its deadline or target changed, how many of those weakened it, and
    by how much its deadline moved in all (later positive)."""

    item: str
    title: str
    what: str  # milestone or indicator
    first: str
    current: str | None
    changes: int = 0
    weakening: int = 0
    months: int = 0
    days: int = 0


@dataclass(frozen=True)
class History:
    owner: str
    title: str
    item: str | None  # the milestone asked for, if one was
    first: tuple[str, date] | None  # the first commit that holds the owner
    events: list[Event]
    courses: list[Course]
    skipped: int = 0  # versions that could not be read or validated
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    units: dict[tuple[str, str], str] = field(default_factory=dict)
    shallow: bool = False  # a shallow clone: the versions before its oldest commit are missing

    @property
    def name(self) -> str:
        """`HF1.15 Versorgung mit grünem Wasserstoff`; the plan or a body by its title alone
        (its id is a handle, not a name)."""
        return f"{self.owner} {self.title}" if "." in self.owner else self.title


@dataclass(frozen=True)
class Snapshot:
    """What history compares of one version: a measure, or the plan level's or a body's
    milestones with the decisions that removed some."""

    measure: Measure | None
    milestones: list[Milestone]
    removals: list[Removal]
    indicators: list[Indicator]


def build(loaded: Loaded, ident: str, milestone: str | None, today: date) -> History:
    """The history of a measure, `plan` or a body (only of `milestone` if given)."""
    plan = loaded.plan
    assert plan is not None
    owner, title, file = _owner(loaded, plan, ident)
    readable: list[tuple[tuple[str | None, date], Snapshot]] = []
    skipped, last = 0, None
    for version in versions(loaded.directory, file, today, owner if "." in owner else None):
        # The same lines as the version before: the same snapshot object, compared at once.
        snap = last if version.same else _snapshot(version, owner)
        last = snap
        if snap is UNREADABLE:
            skipped += 1
        elif isinstance(snap, Snapshot):
            readable.append(((version.commit, version.day), snap))
    wanted = _milestone(plan, owner, milestone, [s for _v, s in readable]) if milestone else None
    events: list[Event] = []
    for (_v0, a), (v, b) in pairwise(readable):
        for c in _compare(owner, a, b, plan.horizon) if a is not b else ():
            if c.kind in KINDS and (wanted is None or c.item == wanted):
                events.append(Event(v[0], v[1], c))
    first = (readable[0][0][0] or "", readable[0][0][1]) if readable else None
    courses = _courses([s for _v, s in readable], events)
    if wanted is not None:
        courses = [c for c in courses if c.item == wanted]
    titles = {(owner, c.item): c.title for c in courses}
    units = {(owner, i.id): i.unit for _v, s in readable for i in s.indicators}
    cut = shallow(loaded.directory)
    return History(owner, title, wanted, first, events, courses, skipped, titles, units, cut)


def _owner(loaded: Loaded, plan: Plan, ident: str) -> tuple[str, str, str]:
    """The owner's id and title and the name of the file that holds it."""
    owner = find_owner(plan, ident)
    if owner == PLAN:
        return PLAN, plan.title, "plan.yaml"
    body = find_body(plan, owner)
    if body is not None:
        return body.id, body.name, "plan.yaml"
    f, m = find_measure(plan, owner)
    path = next(p for p, (_s, x) in loaded.models.items() if x is f)
    return m.id, m.title, path.name


UNREADABLE = "unreadable"  # a version that is not YAML, or not valid where the owner is


def _snapshot(version: Version, owner: str) -> Snapshot | str | None:
    """The owner as the version holds it, None where it is absent (not added yet, or
    removed for a while), UNREADABLE where the version cannot be read."""
    from pydantic import ValidationError

    tree: Any = version.tree
    if not isinstance(tree, dict):
        return UNREADABLE
    try:
        if owner == PLAN:
            ms = [validated(Milestone, x) for x in tree.get("milestones") or []]
            removals = [validated(Removal, x) for x in tree.get("decisions") or []]
            return Snapshot(None, ms, removals, [])
        if "." not in owner:  # a monitoring body
            bodies = (tree.get("monitoring") or {}).get("bodies") or []
            data = next((b for b in bodies if isinstance(b, dict) and b.get("id") == owner), None)
            if data is None:
                return None
            body = validated(MonitoringBody, data)
            return Snapshot(None, body.milestones, body.decisions, [])
        listed = tree.get("measures") or []
        data = next((m for m in listed if isinstance(m, dict) and m.get("id") == owner), None)
        if data is None:
            return None
        m = validated(Measure, {k: v for k, v in data.items() if k != "updates"})
        return Snapshot(m, m.milestones, [], m.indicators)
    except (ValidationError, AttributeError, TypeError):
        return UNREADABLE


def _compare(owner: str, a: Snapshot, b: Snapshot, horizon: int) -> list[Change]:
    if a.measure is not None and b.measure is not None:
        return measure_changes(a.measure, b.measure, horizon)
    return milestone_changes(owner, a.milestones, b.milestones, b.removals, horizon)


def _milestone(plan: Plan, owner: str, typed: str, snaps: list[Snapshot]) -> str:
    """A milestone by id or by its number today; one that existed once counts too."""
    known = list(dict.fromkeys(m.id for s in snaps for m in s.milestones))
    current = [m.id for s in snaps[-1:] for m in s.milestones]
    if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= len(current):
        return current[int(typed) - 1]
    if typed in known:
        return typed
    raise UsageError(
        _("{owner} has no milestone {milestone}{hint} (milestones: {ids})").format(
            owner=owner, milestone=repr(typed), hint=suggest(typed, known), ids=", ".join(known)
        )
    )


def _courses(snaps: list[Snapshot], events: list[Event]) -> list[Course]:
    """Each milestone and indicator that ever was there: first and current value, moves."""
    firsts: dict[str, tuple[str, str, str]] = {}  # id -> (what, title, first value)
    for s in snaps:
        for m in s.milestones:
            firsts.setdefault(m.id, ("milestone", m.title, moment(m)))
        for i in s.indicators:
            firsts.setdefault(i.id, ("indicator", i.name, _target(i)))
    last = snaps[-1] if snaps else None
    now = {m.id: (m.title, moment(m)) for m in last.milestones} if last else {}
    now |= {i.id: (i.name, _target(i)) for i in last.indicators} if last else {}
    out = []
    for ident, (what, title, first) in firsts.items():
        moves = MOVES if what == "milestone" else TARGET_MOVES
        mine = [e.change for e in events if e.change.item == ident and e.change.kind in moves]
        sign = {"postponed": 1, "advanced": -1}
        months = sum(sign.get(c.kind, 0) * abs(c.months or 0) for c in mine)
        days = sum(sign.get(c.kind, 0) * abs(c.days or 0) for c in mine)
        title, current = now.get(ident, (title, None))  # removed: its first title, no value
        weakening = sum(c.weakening for c in mine)
        out.append(Course(ident, title, what, first, current, len(mine), weakening, months, days))
    return out


def _target(i: Indicator) -> str:
    """`≥ 100 (2030)`: a target as history compares it."""
    year = f" ({i.target.year})" if i.target.year is not None else ""
    return target_text(i.target.value, i.direction) + year
