"""`mpi diff`: what changed between two revisions, each change once, weakening ones first,
with the titles people know the measures and milestones by.

The changes themselves come from `mpi.domain.compare`; here a log line mpi wrote for a change
it also shows (`mpi set`, `mpi milestone`, `mpi reschedule` write one) is folded into that
change, so the round reads it once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from mpi.domain.change import Change, ChangeKind
from mpi.domain.compare import compare, compare_renumbered
from mpi.domain.decided import Correction, Decision
from mpi.domain.model import Plan
from mpi.domain.words import inner

if TYPE_CHECKING:
    from mpi.domain.adopted import AdoptedPlan

__all__ = ["Change", "ChangeKind", "PlanDiff", "build", "diff", "merged", "titles"]

PLAN = "plan"


@dataclass(frozen=True)
class PlanDiff:
    """The changes between two revisions; `new` is None for the working tree. `names`: the
    titles of measures, fields and bodies by id; `titles`: milestones' titles and indicators'
    names by (owner, id); `units`: indicators' units by (measure, id)."""

    old: str
    new: str | None
    changes: list[Change]
    names: dict[str, str] = field(default_factory=dict)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    units: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def weakening(self) -> list[Change]:
        return [c for c in self.changes if c.weakening]


def diff(old: Plan, new: Plan) -> list[Change]:
    """Every change from `old` to `new` in plan order, each once (see `merged`)."""
    changes = compare(old, new)
    named = {c.subject for c in changes}
    return merged(changes, titles(new, named) | titles(old, named))


def build(old_rev: str, new_rev: str | None, old: Plan, new: Plan) -> PlanDiff:
    """The diff `mpi diff` draws: weakening changes first, then the others, in plan order."""
    changes = diff(old, new)
    ordered = [c for c in changes if c.weakening] + [c for c in changes if not c.weakening]
    named = {c.subject for c in changes}  # only what the changes name (10,000 measures...)
    return PlanDiff(
        old_rev,
        new_rev,
        ordered,
        names(old, named) | names(new, named),
        titles(old, named) | titles(new, named),
        units(old, named) | units(new, named),
    )


def between_adopted(
    old_rev: str, new_rev: str | None, old: AdoptedPlan, new: AdoptedPlan, like: Plan
) -> PlanDiff:
    """What a new adoption (a Fortschreibung) or a renewed reading changed in the adopted
    plan: measures new, dropped, removed and renumbered (the same title under another number),
    deadlines and targets moved; each covered by the new adoption's decision (or correction)
    where it has a day."""
    from mpi.domain.adopted import as_plan

    a, b = as_plan(old, like), as_plan(new, like)
    record = _adoption_record(new) if new.adoption != old.adoption else None
    changes = [c for c in compare_renumbered(a, b) if c.commitment]
    changes = [c.by(record) if c.weakening and record is not None else c for c in changes]
    ordered = [c for c in changes if c.weakening] + [c for c in changes if not c.weakening]
    return PlanDiff(old_rev, new_rev, ordered, names(a) | names(b), titles(a) | titles(b), units(b))


def _adoption_record(plan: AdoptedPlan) -> Decision | Correction | None:
    """The record that covers the changes of an adoption: its decision (where its date is a
    day), or the correction of its latest renewal."""
    a = plan.adoption
    if a.renewals:
        last = a.renewals[-1]
        return Correction(date=last.date, reason=last.reason)
    if a.date.precision != "day":
        return None
    return Decision(date=a.date.end, text=a.decision)


def names(plan: Plan, only: Collection[str] | None = None) -> dict[str, str]:
    """Measures and fields by id (those in `only`, if given): the title people know them by;
    the monitoring bodies' names by `body:ID` (a body is named, never shown by its id); and
    the partners' short names, by `partner:ID` (who reported a log entry)."""
    fields = {f.id: f.title for f in plan.fields if only is None or f.id in only}
    partners = {f"partner:{p.id}": p.short or p.id for p in plan.partners}
    bodies = {f"body:{b.id}": b.name for b in plan.monitoring.bodies} if plan.monitoring else {}
    measures = {m.id: m.title for m in plan.measures() if only is None or m.id in only}
    return fields | measures | partners | bodies


def titles(plan: Plan, only: Collection[str] | None = None) -> dict[tuple[str, str], str]:
    """The titles of milestones and names of indicators by owner and id (of the owners in
    `only`, if given), for changes said in words."""
    out = {(PLAN, m.id): m.title for m in plan.milestones}
    for b in plan.monitoring.bodies if plan.monitoring else []:
        out |= {(b.id, m.id): m.title for m in b.milestones}
    for m in plan.measures():
        if only is None or m.id in only:
            out |= {(m.id, ms.id): ms.title for ms in m.milestones}
            out |= {(m.id, i.id): i.name for i in m.indicators}
    return out


def units(plan: Plan, only: Collection[str] | None = None) -> dict[tuple[str, str], str]:
    return {
        (m.id, i.id): i.unit
        for m in plan.measures()
        if only is None or m.id in only
        for i in m.indicators
    }


_STATUS_KINDS: tuple[ChangeKind, ...] = ("status_changed", "dropped", "restored")


def restates(note: Change, change: Change, titles: dict[tuple[str, str], str]) -> bool:
    """Whether a log entry only says what `change` says: the line mpi writes with a change
    (the milestone or indicator named in it, the status it records, the same day)."""
    if note.subject != change.subject or change.kind in ("update", "update_removed"):
        return False
    if change.kind in _STATUS_KINDS:
        return note.new is not None and note.new == change.new
    name = titles.get((change.subject, change.item or ""))
    if name is None:
        return False
    # mpi's own lines begin with what they are about: `Frist „…“`, `Meilenstein „…“`, …;
    # a note someone wrote that quotes the title is theirs, not a restatement.
    text = note.text or ""
    for said in (f" „{inner(name)}“", f" „{name}“"):  # as mpi writes it now, and wrote it before
        opening, quote, _rest = text.partition(said)
        if quote:
            return opening in _OPENINGS
    return False


def merged(changes: list[Change], titles: dict[tuple[str, str], str]) -> list[Change]:
    """The changes with each log line mpi wrote for one of them left out: a change once. What
    someone wrote with it (`--note`) stays, as the change's `note`."""
    notes: dict[int, str] = {}
    kept = []
    for c in changes:
        said = next((o for o in changes if c.kind == "update" and restates(c, o, titles)), None)
        if said is None:
            kept.append(c)
            continue
        own = _own_words(c.text or "", said)
        if own:
            notes[id(said)] = own
    return [replace(c, note=notes[id(c)]) if id(c) in notes else c for c in kept]


def _own_words(text: str, change: Change) -> str | None:
    """The part of a log line someone wrote: all of it after `mpi set --note` (mpi writes
    "Status: a → b" only without one), the part after " – " of a milestone's line. A line
    that records a decision has no words of its own (the decision's are the change's)."""
    if change.kind in _STATUS_KINDS:
        return None if text.startswith("Status: ") else text
    if change.covered:
        return None
    return text.split(" – ", 1)[1] if " – " in text else None


# The first word of the lines mpi writes about a milestone or an indicator, in both
# languages (a log keeps the plan's language; a plan may change it).
_OPENINGS = frozenset(
    {"Deadline", "Target", "Milestone", "Indicator", "Frist", "Ziel", "Meilenstein", "Indikator"}
)
