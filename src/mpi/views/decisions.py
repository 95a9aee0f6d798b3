"""The decisions the partners recorded about the plan's commitments (`mpi reschedule`,
`mpi retarget`, `mpi drop`): what each decided, about which item, on which day; and the
corrections of an editor's reading (`--correction`), which are listed with them, as such.

`show`, the report and the round list them as "Beschlossene Änderungen".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mpi.domain.decided import Correction, Decision
from mpi.domain.items import Indicator, Milestone
from mpi.domain.model import Plan

PLAN = "plan"


@dataclass(frozen=True)
class DecisionRow:
    """One decision: `owner` is a measure, a monitoring body, a Handlungsfeld or `plan`;
    `item` the milestone or indicator it is about (None: the owner itself); `title` the
    item's title (or the owner's); `unit` and `direction` an indicator's, for its target."""

    owner: str
    item: str | None
    title: str
    decision: Decision | Correction
    field: str | None = None  # the Handlungsfeld it belongs to (None: the plan level)
    unit: str = ""
    direction: str = "at_least"
    lead_names: tuple[str, ...] = ()  # a decision on a measure's lead: the partners' names

    @property
    def day(self) -> date:
        return self.decision.date

    @property
    def correction(self) -> bool:
        """Whether it is a corrected reading, not a decision."""
        return isinstance(self.decision, Correction)

    @property
    def words(self) -> str:
        """The decision's words, or the correction's reason."""
        d = self.decision
        return d.text if isinstance(d, Decision) else d.reason


def decisions(plan: Plan, since: date | None = None) -> list[DecisionRow]:
    """Every decision on record (after `since`, if given), oldest first, in plan order on
    the same day."""
    rows: list[DecisionRow] = []
    short = {p.id: p.short or p.id for p in plan.partners}

    def named(ids: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        return tuple(short.get(p, p) for p in ids)

    rows += [DecisionRow(PLAN, None, plan.title, d) for d in plan.decisions]
    for ms in plan.milestones:
        rows += [DecisionRow(PLAN, ms.id, ms.title, d) for d in _records(ms)]
    for b in plan.monitoring.bodies if plan.monitoring else []:
        rows += [DecisionRow(b.id, None, b.name, d) for d in b.decisions]
        for ms in b.milestones:
            rows += [DecisionRow(b.id, ms.id, ms.title, d) for d in _records(ms)]
    for f in plan.fields:
        rows += [DecisionRow(f.id, None, f.title, d, f.id) for d in f.decisions]
        for m in f.measures:
            rows += [
                DecisionRow(m.id, None, m.title, d, f.id, lead_names=named(d.lead or ()))
                for d in m.decisions
            ]
            for ms in m.milestones:
                rows += [DecisionRow(m.id, ms.id, ms.title, d, f.id) for d in _records(ms)]
            for ind in m.indicators:
                rows += [
                    DecisionRow(m.id, ind.id, ind.name, d, f.id, ind.unit, ind.direction)
                    for d in _records(ind)
                ]
    chosen = [r for r in rows if since is None or r.day > since]
    return sorted(chosen, key=lambda r: r.day)


def _records(item: Milestone | Indicator) -> list[Decision | Correction]:
    """An item's decisions, then its corrections."""
    return [*item.decisions, *item.corrections]


def of_owner(rows: list[DecisionRow], owner: str) -> list[DecisionRow]:
    return [r for r in rows if r.owner == owner]
