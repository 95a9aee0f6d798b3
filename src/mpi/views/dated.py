"""What the plan itself records as happened since a day, for a round or a report whose last
round git does not know (`--since` a day before the plan's first commit, or no git at all):
updates log entries, indicator values, milestones and occurrences done or missed."""

from __future__ import annotations

from datetime import date

from mpi.domain.change import Change
from mpi.domain.model import Plan
from mpi.domain.words import names, number


def dated_changes(plan: Plan, since: date) -> list[Change]:
    """What the plan itself records as happened after `since`, where no git history says what
    changed: updates log entries (with the status they record), indicator values, milestones
    and occurrences done, occurrences missed that a log entry after `since` names."""
    out: list[Change] = []
    owners = [("plan", plan.milestones, plan.updates)]
    if plan.monitoring:
        owners += [(b.id, b.milestones, b.updates) for b in plan.monitoring.bodies]
    owners += [(m.id, m.milestones, m.updates) for m in plan.measures()]
    for owner, milestones, updates in owners:
        recent = [u for u in updates if u.date > since]
        for ms in milestones:
            if ms.done is not None and ms.status == "done" and ms.done.end > since:
                out.append(Change("milestone_done", owner, ms.id, "open", "done", ms.done.iso()))
            for o in ms.occurrences:
                if o.status == "done" and o.done is not None and o.done.end > since:
                    done = o.done.iso()
                    out.append(
                        Change("milestone_done", owner, ms.id, date=done, occurrence=o.due.iso())
                    )
                elif o.status == "missed" and any(names(ms.title, u.text) for u in recent):
                    out.append(
                        Change(
                            "milestone_missed", owner, ms.id, new="missed", occurrence=o.due.iso()
                        )
                    )
            if ms.status == "missed" and any(names(ms.title, u.text) for u in recent):
                out.append(Change("milestone_missed", owner, ms.id, new="missed"))
        previous = None
        for u in sorted(updates, key=lambda u: u.date):
            if u.status is not None and u.date > since and u.status != previous:
                out.append(
                    Change(
                        "dropped" if u.status == "dropped" else "status_changed",
                        owner,
                        old=previous,
                        new=u.status,
                        date=u.date.isoformat(),
                    )
                )
            previous = u.status or previous
        out += [
            Change(
                "update", owner, new=u.status, date=u.date.isoformat(), text=u.text, reporter=u.by
            )
            for u in recent
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
