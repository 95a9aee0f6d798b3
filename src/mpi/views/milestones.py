"""Milestones as `mpi show` lists them, for a measure, the plan or a monitoring body.

Each milestone keeps every deadline (one per occurrence of a recurring milestone) and says
which of them are late and which comes next; the plan level (`plan`) and the bodies of Dialog
und Monitoring (`evaluation`, ...) are shown like a measure: their text, milestones and log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mpi.domain import walk
from mpi.domain.items import Milestone
from mpi.domain.model import Partner, Plan, Update
from mpi.domain.walk import Place
from mpi.views.decisions import DecisionRow, decisions, of_owner
from mpi.views.due import DueRow, milestone_rows
from mpi.views.lookup import PLAN, find_owner


@dataclass(frozen=True)
class MilestoneSummary:
    """One milestone: the number `mpi milestone` takes for it, and all its deadlines."""

    number: int
    milestone: Milestone
    rows: list[DueRow]  # one, or one per occurrence of a recurring milestone

    @property
    def first(self) -> DueRow:
        return self.rows[0]

    @property
    def late(self) -> list[DueRow]:
        """Open deadlines past their date: overdue, or delayed (voraussichtlich)."""
        return [r for r in self.rows if r.state in ("overdue", "delayed")]

    @property
    def recorded(self) -> list[DueRow]:
        """Occurrences recorded done or missed (for a recurring milestone)."""
        return [r for r in self.rows if r.recurring and r.status != "open"]

    @property
    def next(self) -> DueRow | None:
        """The first open deadline that is not late: the one to work towards."""
        return next((r for r in self.rows if r.state == "open"), None)


def summaries(
    places: Iterable[tuple[Place, Milestone]], plan: Plan, today: date
) -> list[MilestoneSummary]:
    """The milestones at `places`, numbered 1, 2, ... in their order (as `mpi milestone`)."""
    out = []
    for number, (place, m) in enumerate(places, 1):
        rows = milestone_rows(place, m, plan, today)
        if rows:  # a series that ends before it starts has no deadline at all
            out.append(MilestoneSummary(number, m, rows))
    return out


@dataclass(frozen=True)
class OwnerDetail:
    """The plan level (`plan`) or a monitoring body, as `mpi show` shows it."""

    id: str
    name: str
    text: str | None
    milestones: list[MilestoneSummary]
    updates: list[Update]
    decisions: list[DecisionRow]
    partners: dict[str, str] = field(default_factory=dict)  # id -> short name
    # The plan level only: who signed it, its vision and agreements (the Präambel's), and the
    # monitoring bodies `mpi show` takes.
    signing: list[Partner] = field(default_factory=list)
    vision: str | None = None
    agreements: list[str] = field(default_factory=list)
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (id, name)


def owner_detail(plan: Plan, ident: str, today: date) -> OwnerDetail:
    """`plan` (the plan-level milestones) or a monitoring body such as `evaluation`."""
    owner = find_owner(plan, ident)
    places = [(p, m) for p, m in walk.milestones(plan, []) if p.owner == owner]
    decided = of_owner(decisions(plan), owner)
    milestones = summaries(places, plan, today)
    partners = {p.id: p.short for p in plan.partners}
    if owner == PLAN:
        bodies = [(b.id, b.name) for b in plan.monitoring.bodies] if plan.monitoring else []
        return OwnerDetail(
            PLAN,
            plan.title,
            None,
            milestones,
            plan.updates,
            decided,
            partners,
            signing=list(plan.partners),
            vision=plan.vision,
            agreements=list(plan.agreements),
            bodies=bodies,
        )
    body = next(b for b in plan.monitoring.bodies if b.id == owner) if plan.monitoring else None
    assert body is not None  # find_owner found it
    return OwnerDetail(body.id, body.name, body.text, milestones, body.updates, decided, partners)
