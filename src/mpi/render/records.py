"""View rows as plain JSON-ready records: the shape of `--format json` (docs/json-output.md).

CSV and Markdown flatten the same records, so every format carries the same facts.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from mpi.domain.words import MEASURE_STATUSES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mpi.domain.diagnostics import Diagnostic
    from mpi.domain.items import Baseline, Target
    from mpi.domain.model import Update
    from mpi.views.changes import ChangeLog
    from mpi.views.decisions import DecisionRow
    from mpi.views.diff import Change, PlanDiff
    from mpi.views.due import DueRow
    from mpi.views.history import History
    from mpi.views.indicators import IndicatorRow
    from mpi.views.measures import MeasureDetail, MeasureRow
    from mpi.views.meetings import MeetingRow
    from mpi.views.milestones import MilestoneSummary, OwnerDetail
    from mpi.views.status import FieldStatus, StatusSummary
    from mpi.views.timeline import Timeline


def due_row(row: DueRow) -> dict[str, Any]:
    """One deadline; a recurring milestone has one per occurrence (`occurrence`: its due)."""
    return {
        "measure": row.measure,
        "field": row.field,
        "owner": row.owner,
        "milestone": row.milestone,
        "title": row.title,
        "due": row.due.iso(),
        "kind": row.kind,
        "status": row.status,
        "overdue": row.overdue,
        "delayed": row.delayed,
        "recurring": row.recurring,
        "occurrence": row.occurrence.iso() if row.occurrence else None,
        "done": row.done.iso() if row.done else None,
        "note": row.note,
        "condition": row.condition,
        "party": row.party,
        "aspiration": row.aspiration,
        "state": row.state,
        **sourced(row),
    }


def sourced(fact: Any) -> dict[str, Any]:
    """How a fact is known: `basis` (stated, derived, inferred or null), `quote`,
    `derivation` (each null where the plan gives none)."""
    if fact is None:
        return {"basis": None, "quote": None, "derivation": None}
    return {"basis": fact.basis, "quote": fact.quote, "derivation": fact.derivation}


def measure_row(row: MeasureRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "field": row.field,
        "title": row.title,
        "status": row.status,
        "section": row.section,
        "lead": list(row.lead),
        "tags": list(row.tags),
        "next_due": row.next_due.iso() if row.next_due else None,
        "overdue_deadlines": row.overdue,
        "oldest_overdue": row.oldest_overdue.iso() if row.oldest_overdue else None,
        "delayed_deadlines": row.delayed,
        "last_update": row.last_update.isoformat() if row.last_update else None,
    }


def field_status(s: FieldStatus) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "measures": s.measures,
        "by_status": {name: s.by_status.get(name, 0) for name in MEASURE_STATUSES},
        "open_milestones": s.open_milestones,
        "overdue_milestones": s.overdue_milestones,
        "overdue_deadlines": s.overdue,
        "delayed_deadlines": s.delayed,
        "missed_deadlines": s.missed,
        "next_due": due_row(s.next_due) if s.next_due else None,
    }


def status(summary: StatusSummary) -> dict[str, Any]:
    return {
        "title": summary.title,
        "today": summary.today.isoformat(),
        "as_of": summary.as_of.isoformat() if summary.as_of else None,
        "fields": [field_status(f) for f in summary.fields],
        "plan_level": field_status(summary.plan_level),
        "totals": field_status(summary.totals),
        "missed": [{**due_row(line.row), "count": line.occurrences} for line in summary.missed],
        "late": [{**due_row(line.row), "count": line.occurrences} for line in summary.late],
        "next_deadlines": [due_row(r) for r in summary.next_deadlines],
    }


STATUS_COLUMNS = [
    "id",
    "title",
    "measures",
    *MEASURE_STATUSES,
    "open_milestones",
    "overdue_milestones",
    "next_due",
    "next_due_title",
    "overdue_deadlines",
    "delayed_deadlines",
    "missed_deadlines",
]


def status_rows(data: dict[str, Any]) -> list[list[Any]]:
    """The status record flattened for tables (STATUS_COLUMNS): one row per field, one for
    the plan level (its own milestones and those of Dialog und Monitoring), one for the
    totals. The next deadline's due date and title are None when there is none."""
    rows = []
    for f in [*data["fields"], data["plan_level"], data["totals"]]:
        nxt = f["next_due"] or {}
        flat = {**f, **f["by_status"], "next_due": nxt.get("due")}
        flat["next_due_title"] = nxt.get("title")
        rows.append([flat[column] for column in STATUS_COLUMNS])
    return rows


def indicator(row: IndicatorRow) -> dict[str, Any]:
    ind, a = row.indicator, row.assessment
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "direction": ind.direction,
        "baseline": _amount(ind.baseline) if ind.baseline else None,
        "target": _amount(ind.target),
        "last_value": row.last_value,
        "last_date": row.last_date.isoformat() if row.last_date else None,
        "last_period": row.last_period.iso() if row.last_period else None,
        "on_track": row.on_track,
        "assessment": a.category,
        "reason": a.reason,
        "method": a.method,
        "actual_rate": _rate(a.actual_rate),
        "required_rate": _rate(a.required_rate),
        "ratio": _rate(a.ratio),
        "values": [
            {
                "date": v.date.isoformat(),
                "period": v.period.iso() if v.period else None,
                "value": v.value,
                "source": v.source,
                "by": v.by,
            }
            for v in ind.values
        ],
    }


def _rate(value: float | None) -> float | None:
    """A rate or ratio to six decimals: enough for any reading, without float noise."""
    return None if value is None else round(value, 6)


def assessed(row: IndicatorRow) -> dict[str, Any]:
    """A row of `mpi indicators`: the indicator with its measure, field and lead."""
    return {"measure": row.measure, "field": row.field, "lead": list(row.lead), **indicator(row)}


def _amount(fact: Baseline | Target) -> dict[str, Any]:
    """A baseline or target: `{value, year, bound | aspiration, basis, quote, derivation}`:
    a baseline's `bound` (above: "mehr als"; null: the value itself), a target's
    `aspiration` (the document states an aspiration, not a committed target)."""
    said: dict[str, Any] = {"value": fact.value, "year": fact.year}
    aspiration = getattr(fact, "aspiration", None)  # a target's; a baseline has a bound
    if aspiration is not None:
        said["aspiration"] = aspiration
    else:
        said["bound"] = getattr(fact, "bound", None)
    return {**said, **sourced(fact)}


def measure(detail: MeasureDetail) -> dict[str, Any]:
    m = detail.measure
    return {
        "id": m.id,
        "field": detail.field.id,
        "field_title": detail.field.title,
        "section": m.section,
        "section_title": detail.section_title,
        "title": m.title,
        "status": m.status,
        "text": m.text,
        "items": [{"id": i.id, "text": i.text} for i in m.items],
        "goals": [
            {"id": g.id, "text": g.text, **sourced(detail.goal_assignment)} for g in detail.goals
        ],
        "lead": [{"id": p, "name": detail.partners.get(p, p)} for p in m.lead],
        "involved": [{"id": p, "name": detail.partners.get(p, p)} for p in m.involved],
        "involvement": sourced(m.involvement),
        "tags": list(m.tags),
        "sources": [s.model_dump() for s in m.sources],
        "milestones": milestone_rows(detail.milestones),
        "indicators": [indicator(i) for i in detail.indicators],
        "updates": updates(m.updates),
        "decisions": [decision(r) for r in detail.decisions],
    }


def decision(row: DecisionRow) -> dict[str, Any]:
    """A decision on record: its day and words, the item it is about and what it decided
    (only the keys it decided: due, kind, recurrence, target, year, direction, status, lead,
    removed)."""
    d = row.decision
    decided = d.model_dump(mode="json", exclude={"date", "text", "reason"}, exclude_none=True)
    return {
        "date": d.date.isoformat(),
        "kind": "correction" if row.correction else "decision",
        "text": row.words,
        "owner": row.owner,
        "item": row.item,
        "title": row.title,
        "decided": decided,
    }


def milestone_rows(items: list[MilestoneSummary]) -> list[dict[str, Any]]:
    """Every deadline of the milestones, each with the number `mpi milestone` takes."""
    return [{"number": s.number, **due_row(r)} for s in items for r in s.rows]


def updates(log: list[Update]) -> list[dict[str, Any]]:
    return [
        {"date": u.date.isoformat(), "text": u.text, "status": u.status, "by": u.by} for u in log
    ]


def body(detail: OwnerDetail) -> dict[str, Any]:
    """`mpi show plan` or `mpi show BODY`: the plan level or a monitoring body."""
    return {
        "id": detail.id,
        "name": detail.name,
        "text": detail.text,
        "milestones": milestone_rows(detail.milestones),
        "updates": updates(detail.updates),
        "decisions": [decision(r) for r in detail.decisions],
        **({"partners": [p.model_dump() for p in detail.signing]} if detail.signing else {}),
        **({"vision": detail.vision, "agreements": detail.agreements} if detail.signing else {}),
        **({"bodies": [{"id": i, "name": n} for i, n in detail.bodies]} if detail.bodies else {}),
    }


def timeline(view: Timeline) -> list[dict[str, Any]]:
    return [
        {
            "year": y.year,
            "milestones": [due_row(r) for r in y.milestones],
            "recurring": [due_row(r) for r in y.recurring],
        }
        for y in view.years
    ]


def diff(view: PlanDiff) -> dict[str, Any]:
    """Every key of every change always present, null when it does not apply; weakening
    changes first."""
    return {
        "from": view.old,
        "to": view.new,
        "changes": [change(c, view.names, view.titles) for c in view.changes],
    }


def change(
    c: Change, names: Mapping[str, str], titles: Mapping[tuple[str, str], str]
) -> dict[str, Any]:
    """A change with the titles of what it concerns and the decision that covers it."""
    plain = replace(c, decision=None, correction=None)
    row = {k: v for k, v in asdict(plain).items() if k not in ("decision", "correction")}
    row["title"] = names.get(c.subject)
    row["item_title"] = titles.get((c.subject, c.item)) if c.item else None
    row["decision"] = (
        {"date": c.decision.date.isoformat(), "text": c.decision.text} if c.decision else None
    )
    row["correction"] = (
        {"date": c.correction.date.isoformat(), "reason": c.correction.reason}
        if c.correction
        else None
    )
    return row


def history(view: History) -> dict[str, Any]:
    """Each move with its commit and date (commit null: not committed yet), then the course
    of each milestone and indicator."""
    return {
        "owner": view.owner,
        "title": view.title,
        "milestone": view.item,
        "first_commit": view.first[0] if view.first else None,
        "first_date": view.first[1].isoformat() if view.first else None,
        "events": [
            {
                "commit": e.commit,
                "commit_date": e.day.isoformat(),
                **change(e.change, {view.owner: view.title}, view.titles),
            }
            for e in view.events
        ],
        "summary": [asdict(c) for c in view.courses],
        "skipped_versions": view.skipped,
        "shallow": view.shallow,
    }


def changes(view: ChangeLog) -> dict[str, Any]:
    """The change log, newest first: each change with its stable id, commit (null: not
    committed yet), the commit's time, its Handlungsfeld and lead partners."""
    w = view.wanted
    return {
        "title": view.title,
        "filter": {
            "fields": list(w.fields),
            "leads": list(w.leads),
            "measures": list(w.measures),
            "since": w.since.isoformat() if w.since else w.after,
        },
        "in_git": view.in_git,
        "shallow": view.shallow,
        "skipped_versions": view.skipped,
        "changes": [
            {
                "id": e.id,
                "commit": e.commit,
                "commit_date": e.day.isoformat(),
                "committed_at": e.at.isoformat() if e.at else None,
                "field": e.field,
                "lead": list(e.lead),
                **change(e.change, view.names, view.titles),
            }
            for e in view.entries
        ],
    }


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    return asdict(d)  # file, line, column, severity, code, message (docs/json-output.md)


def meeting_row(r: MeetingRow) -> dict[str, Any]:
    """A meeting of `mpi meeting list --format json`."""
    return {
        "id": r.id,
        "body": r.body,
        "date": r.day.isoformat(),
        "time": r.time,
        "where": r.where,
        "chair": r.chair,
        "agenda_items": r.tops,
        "decisions": r.decisions,
        "open_actions": r.open_actions,
        "overdue_actions": r.overdue_actions,
        "held": r.held,
    }
