"""The briefing for the next coordination round (`mpi round`), as plain data.

Per Handlungsfeld (and for the plan level with Dialog und Monitoring): what changed since the
last round, what is overdue or missed, what falls due before the next round, which measures are
at risk or have had no update for too long, the indicators with their assessment; each item
with its lead partner and its latest note. Then what the round has to decide on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from mpi.domain.dates import add_span
from mpi.domain.model import Plan, Update
from mpi.domain.words import number
from mpi.views.diff import Change
from mpi.views.due import DueRow, MilestoneLine, all_due, collapse, late
from mpi.views.indicators import IndicatorRow, all_indicators
from mpi.views.lookup import PLAN, find_partner
from mpi.views.measures import (
    MeasureFilter,
    MeasureRow,
    latest_update,
    list_measures,
    stale_since,
)
from mpi.views.record import Record

STALE = (6, "m")  # no update for longer than this: stale (the round's default)
NEXT_ROUND = (6, "m")  # the next round, unless --until says when
PLAN_LEVEL = "plan"  # the section of the plan's own milestones and Dialog und Monitoring
PLAN_LEVEL_TITLE = "Plan, Dialog und Monitoring"  # the document's words, as `mpi status` shows it

Reason = Literal["overdue_without_note", "missed", "at_risk", "stale"]


@dataclass(frozen=True)
class Item:
    """Something the round looks at: a measure, the plan level or a monitoring body, with who
    leads it and what was last noted about it."""

    id: str  # a measure id, `plan` or a body's id
    title: str
    section: str  # the Handlungsfeld it belongs to, or PLAN_LEVEL
    lead: tuple[str, ...]  # partner ids
    latest: Update | None  # the latest updates entry


@dataclass(frozen=True)
class Decision:
    """An item the round has to decide on, and why."""

    item: Item
    reason: Reason
    row: DueRow | None = None  # the deadline concerned (overdue, missed)
    occurrences: int = 1  # how many deadlines of that milestone the row stands for
    since: date | None = None  # stale: the day it became stale


@dataclass(frozen=True)
class Section:
    """One Handlungsfeld in the briefing (or the plan level)."""

    id: str
    title: str
    changes: list[Change] = field(default_factory=list)
    late: list[MilestoneLine] = field(default_factory=list)  # overdue and delayed
    missed: list[MilestoneLine] = field(default_factory=list)
    upcoming: list[MilestoneLine] = field(default_factory=list)  # due before the next round
    at_risk: list[MeasureRow] = field(default_factory=list)
    stale: list[MeasureRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass(frozen=True)
class Round:
    title: str
    record: Record
    today: date
    until: date  # the next round
    since: str | None  # the last round as given (a tag, a revision or a date)
    since_day: date | None  # the last round's day, where known
    stale: tuple[int, str]
    leads: tuple[str, ...]  # the partners whose own briefing this is (none: everyone's)
    partners: dict[str, str]  # id -> short name
    items: dict[str, Item]  # by id: every measure, `plan` and the bodies
    titles: dict[tuple[str, str], str]  # (owner, milestone or indicator id) -> its title
    sections: list[Section]
    decisions: list[Decision]


def items(plan: Plan) -> dict[str, Item]:
    """Every measure, the plan level and each body of Dialog und Monitoring, with its lead and
    latest note."""
    out = {
        m.id: Item(m.id, m.title, f.id, tuple(m.lead), latest_update(m.updates))
        for f in plan.fields
        for m in f.measures
    }
    out[PLAN] = Item(PLAN, plan.title, PLAN_LEVEL, (), latest_update(plan.updates))
    for b in plan.monitoring.bodies if plan.monitoring else []:
        out[b.id] = Item(b.id, b.name, PLAN_LEVEL, (), latest_update(b.updates))
    return out


def titles(plan: Plan) -> dict[tuple[str, str], str]:
    """The titles of milestones and names of indicators by owner and id, for changes said in
    words."""
    out = {(PLAN, m.id): m.title for m in plan.milestones}
    for b in plan.monitoring.bodies if plan.monitoring else []:
        out |= {(b.id, m.id): m.title for m in b.milestones}
    for m in plan.measures():
        out |= {(m.id, ms.id): ms.title for ms in m.milestones}
        out |= {(m.id, i.id): i.name for i in m.indicators}
    return out


def _noted_since(item: Item, day: date) -> bool:
    """Whether the item's log has an entry dated after `day`."""
    return item.latest is not None and item.latest.date > day


def build(
    plan: Plan,
    record: Record,
    today: date,
    *,
    until: date | None = None,
    since: str | None = None,
    since_day: date | None = None,
    changes: list[Change] | None = None,
    stale: tuple[int, str] = STALE,
    leads: tuple[str, ...] = (),
) -> Round:
    """The briefing; `changes` are the plan's changes since the last round (see the CLI)."""
    leads = tuple(dict.fromkeys(find_partner(plan, p, "lead") for p in leads))
    until = until or add_span(today, *NEXT_ROUND)
    known = items(plan)

    def wanted(owner: str) -> bool:
        """A partner's own briefing: only the measures it leads."""
        return not leads or bool(set(leads).intersection(known[owner].lead))

    rows = [r for r in all_due(plan, today) if wanted(r.owner)]
    measures = list_measures(plan, MeasureFilter(leads=leads), today)
    stale_rows = list_measures(plan, MeasureFilter(leads=leads, stale=stale), today)
    indicators = [row for row in all_indicators(plan) if wanted(row.measure)]
    sections = {f.id: Section(f.id, f.title) for f in plan.fields}
    if not leads:  # the plan level has no lead: it is in everyone's briefing, not a partner's
        sections[PLAN_LEVEL] = Section(PLAN_LEVEL, PLAN_LEVEL_TITLE)

    def section_of(owner: str) -> Section | None:
        item = known.get(owner)
        return sections.get(item.section) if item else None

    for c in changes or []:
        if c.subject in known:  # a measure, the plan level, a body
            found = section_of(c.subject) if wanted(c.subject) else None
        else:  # a field or a goal (HF1, HF1.II): its field
            found = None if leads else sections.get(c.subject.split(".")[0])
        if found is not None:
            found.changes.append(c)
    upcoming = [
        r for r in rows if r.status == "open" and today <= r.due.end and r.due.start <= until
    ]
    for kind, chosen in (
        ("late", [r for r in rows if late(r)]),
        ("missed", [r for r in rows if r.status == "missed"]),
        ("upcoming", upcoming),
    ):
        for line in collapse(chosen):
            section = section_of(line.row.owner)
            if section is not None:
                getattr(section, kind).append(line)
    for m in measures:
        if m.status == "at_risk":
            sections[m.field].at_risk.append(m)
    for m in stale_rows:
        sections[m.field].stale.append(m)
    for row in indicators:
        sections[row.field].indicators.append(row)

    decisions = _decisions(plan, known, rows, measures, stale_rows, stale, since_day)
    partners = {p.id: p.short for p in plan.partners}
    return Round(
        plan.title,
        record,
        today,
        until,
        since,
        since_day,
        stale,
        leads,
        partners,
        known,
        titles(plan),
        list(sections.values()),
        decisions,
    )


def _decisions(
    plan: Plan,
    known: dict[str, Item],
    rows: list[DueRow],
    measures: list[MeasureRow],
    stale_rows: list[MeasureRow],
    stale: tuple[int, str],
    since_day: date | None,
) -> list[Decision]:
    """What the round decides on: overdue deadlines nobody has written about since they fell
    due, deadlines missed since the last round (all of them when it is not known), measures
    at risk, stale measures."""
    out = []
    for line in collapse([r for r in rows if r.overdue]):
        item = known[line.row.owner]
        if not _noted_since(item, line.row.due.end):
            out.append(Decision(item, "overdue_without_note", line.row, line.occurrences))
    missed = [r for r in rows if r.status == "missed"]
    if since_day is not None:
        missed = [r for r in missed if r.due.end > since_day]
    for line in collapse(missed):
        out.append(Decision(known[line.row.owner], "missed", line.row, line.occurrences))
    for m in measures:
        if m.status == "at_risk":
            out.append(Decision(known[m.id], "at_risk"))
    by_id = {m.id: m for m in plan.measures()}
    for m in stale_rows:
        out.append(Decision(known[m.id], "stale", since=stale_since(plan, by_id[m.id], stale)))
    return out


def dated_changes(plan: Plan, since: date) -> list[Change]:
    """What the plan itself records as happened after `since`, where no git history says what
    changed: updates log entries, indicator values, milestones and occurrences done."""
    out: list[Change] = []
    owners = [("plan", plan.milestones, plan.updates)]
    owners += (
        [(b.id, b.milestones, b.updates) for b in plan.monitoring.bodies] if plan.monitoring else []
    )
    owners += [(m.id, m.milestones, m.updates) for m in plan.measures()]
    for owner, milestones, updates in owners:
        for ms in milestones:
            if ms.done is not None and ms.status == "done" and ms.done.end > since:
                out.append(Change("milestone_done", owner, ms.id, "open", "done", ms.done.iso()))
            for o in ms.occurrences:
                if o.status == "done" and o.done is not None and o.done.end > since:
                    day = o.done.iso()
                    out.append(
                        Change("milestone_done", owner, ms.id, date=day, occurrence=o.due.iso())
                    )
        out += [
            Change("update", owner, new=u.status, date=u.date.isoformat(), text=u.text)
            for u in updates
            if u.date > since
        ]
    for m in plan.measures():
        for ind in m.indicators:
            out += [
                Change(
                    "indicator_value",
                    m.id,
                    ind.id,
                    new=number(v.value),
                    date=v.date.isoformat(),
                    text=v.source,
                )
                for v in ind.values
                if v.date > since
            ]
    return out
