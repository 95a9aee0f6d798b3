"""One change of the plan, as people and machines read it, and the small helpers that make
changes of each sort (added or removed, a text, a short value, a log entry, a decision).

`mpi.domain.compare` compares whole plans, `mpi.domain.compare_items` milestones and
indicators; `mpi.domain.commitments` classifies what a commitment's change means.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar, get_args

from mpi.domain import commitments as c
from mpi.domain.decided import Correction, Decision
from mpi.domain.model import Update
from mpi.domain.words import natural_key

ChangeKind = Literal[
    "added",
    "removed",
    "renumbered",  # a measure under another number (a Fortschreibung of the adopted plan)
    "dropped",  # a measure's status set to dropped
    "restored",  # a dropped measure taken up again
    "status_changed",
    "lead_removed",  # a partner no longer leads a measure
    "postponed",
    "advanced",
    "rescheduled",
    "softened",
    "firmed",
    "thinned",
    "extended",
    "lowered",
    "raised",
    "redefined",
    "milestone_done",
    "milestone_reopened",
    "milestone_missed",
    "indicator_value",
    "indicator_value_removed",
    "update",
    "update_removed",
    "decision_recorded",  # a decision written down without a change it covers (yet)
    "text_changed",
    "changed",
]
What = Literal["plan", "field", "goal", "measure", "body", "milestone", "indicator"]
# Kinds that change a commitment of the plan (what `mpi validate` compares with the adopted
# plan); the others record progress or edit wording and references.
COMMITMENTS = frozenset(
    {"added", "removed", "renumbered", "dropped", "restored", "lead_removed", *get_args(c.Shift)}
)


@dataclass(frozen=True)
class Change:
    """One change. `subject`: a measure, field or goal id, a monitoring body, or "plan";
    `item`: a milestone or indicator id; `attribute`: what changed (for shifts, text and
    other changes); `what`: the kind of thing changed; `decision`: the decision that covers
    it; `months` or `days`: how far a deadline moved."""

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
    what: What = "measure"
    weakening: bool = False
    decision: Decision | None = None
    correction: Correction | None = None  # an editor's reading corrected, not a decision
    months: int | None = None
    days: int | None = None
    reporter: str | None = None  # a log entry's: the partner who reported it (its id)

    @property
    def covered(self) -> bool:
        """Whether a decision (or, for an editor's reading, a correction) covers it."""
        return self.decision is not None or self.correction is not None

    def by(self, record: Decision | Correction | None) -> Change:
        """The change with the record that covers it: a decision or a correction."""
        if isinstance(record, Decision):
            return replace(self, decision=record)
        return replace(self, correction=record)

    @property
    def commitment(self) -> bool:
        """Whether it changes what the plan commits to (goal texts included), not progress."""
        if self.kind == "text_changed":
            return self.what == "goal"
        return self.kind in COMMITMENTS


T = TypeVar("T")


def pairs(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], str], *, natural: bool = False
) -> list[tuple[str, T | None, T | None]]:
    """Match items by id: new order first, then removed ones in old order (or natural id order)."""
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    ids = [key(x) for x in new] + [key(x) for x in old if key(x) not in after]
    if natural:
        ids.sort(key=natural_key)
    return [(i, before.get(i), after.get(i)) for i in ids]


def presence(ident: str, what: What, a: Any, b: Any, removals: Sequence[Decision]) -> Change:
    """An item added (not weakening) or removed (weakening; the owner's decision that removed
    it covers it). Its title or name is the change's text."""
    if a is None:
        return Change("added", ident, text=_title(b), what=what)
    decision = c.latest(removals, lambda d: getattr(d, "removed", None) == ident)
    return Change("removed", ident, text=_title(a), what=what, weakening=True, decision=decision)


def _title(x: Any) -> str | None:
    for name in ("title", "name", "text"):
        if isinstance(getattr(x, name, None), str):
            return str(getattr(x, name))
    return None


def texts(
    subject: str, item: str | None, what: What, pairs: Iterable[tuple[str, Any, Any]]
) -> list[Change]:
    """A text changed: it says only that it did, not how (the diff of the file shows how)."""
    return [
        Change("text_changed", subject, item, name, what=what) for name, a, b in pairs if a != b
    ]


def listed(subject: str, name: str, old: Sequence[Any], new: Sequence[Any]) -> list[Change]:
    """A change of a list of things with ids: the ids before and after when they differ."""
    if old == new:
        return []
    before, after = ", ".join(x.id for x in old), ", ".join(x.id for x in new)
    if before == after:
        return [Change("changed", subject, None, name, what="plan")]
    return [Change("changed", subject, None, name, before, after, what="plan")]


def short(subject: str, item: str | None, what: What, name: str, old: Any, new: Any) -> Change:
    """A change of a short value (ids, tags, a year): shown as old -> new."""

    def show(v: Any) -> str:
        return ", ".join(v) if isinstance(v, list | tuple) else "" if v is None else str(v)

    return Change("changed", subject, item, name, show(old), show(new), what=what)


def recorded(
    subject: str,
    item: str | None,
    what: What,
    old: Sequence[Decision],
    new: Sequence[Decision],
    changes: Sequence[Change],
) -> list[Change]:
    """Decisions written down that no change of the item carries: said on their own."""
    carried = [x.decision for x in changes if x.decision is not None]
    return [
        Change("decision_recorded", subject, item, date=d.date.isoformat(), what=what, decision=d)
        for d in new
        if d not in old and not any(d is x or d == x for x in carried)
    ]


def updates(subject: str, what: What, old: list[Update], new: list[Update]) -> list[Change]:
    """Entries added to and removed from an updates log (a measure's, the plan's, a body's)."""
    return log(
        [(u.date.isoformat(), u.text, u.status, u.by) for u in old],
        [(u.date.isoformat(), u.text, u.status, u.by) for u in new],
        lambda e, kind: Change(
            kind, subject, new=e[2], date=e[0], text=e[1], what=what, reporter=e[3]
        ),
        ("update", "update_removed"),
    )


def log(
    old: list[tuple[Any, ...]],
    new: list[tuple[Any, ...]],
    make: Callable[[tuple[Any, ...], ChangeKind], Change],
    kinds: tuple[ChangeKind, ChangeKind],
) -> list[Change]:
    """Entries added to (and removed from) a log, in log order, counting repeats."""
    added, removed = kinds
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
