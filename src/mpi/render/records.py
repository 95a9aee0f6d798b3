"""Query rows as plain JSON-ready records: the shape of `--format json` (docs/json-output.md).

CSV and Markdown flatten the same records, so every format carries the same facts.
"""

from __future__ import annotations

from typing import Any

from mpi.model import MEASURE_STATUSES
from mpi.query import (
    DueRow,
    FieldStatus,
    IndicatorRow,
    MeasureDetail,
    MeasureRow,
    StatusSummary,
    TimelineYear,
)


def due_row(row: DueRow) -> dict[str, Any]:
    return {
        "measure": row.measure,
        "field": row.field,
        "owner": row.owner,
        "milestone": row.milestone,
        "title": row.title,
        "due": row.due.iso(),
        "status": row.status,
        "overdue": row.overdue,
        "recurring": row.recurring,
        "done": row.done.iso() if row.done else None,
    }


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
    }


def field_status(s: FieldStatus) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "measures": s.measures,
        "by_status": {name: s.by_status.get(name, 0) for name in MEASURE_STATUSES},
        "open_milestones": s.open_milestones,
        "overdue_milestones": s.overdue_milestones,
        "next_due": due_row(s.next_due) if s.next_due else None,
    }


def status(summary: StatusSummary) -> dict[str, Any]:
    return {
        "title": summary.title,
        "today": summary.today.isoformat(),
        "fields": [field_status(f) for f in summary.fields],
        "totals": field_status(summary.totals),
        "next_deadlines": [due_row(r) for r in summary.next_deadlines],
    }


def status_rows(data: dict[str, Any]) -> list[list[Any]]:
    """The status record flattened for tables: one row per field and one for the totals.

    Columns: id, title, measures, a count per measure status, open and overdue milestones,
    and the next deadline's due date and title (None when there is none).
    """
    rows = []
    for f in [*data["fields"], data["totals"]]:
        nxt = f["next_due"] or {}
        rows.append(
            [
                f["id"],
                f["title"],
                f["measures"],
                *(f["by_status"][s] for s in MEASURE_STATUSES),
                f["open_milestones"],
                f["overdue_milestones"],
                nxt.get("due"),
                nxt.get("title"),
            ]
        )
    return rows


def indicator(row: IndicatorRow) -> dict[str, Any]:
    ind = row.indicator
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "direction": ind.direction,
        "baseline": ind.baseline.model_dump() if ind.baseline else None,
        "target": ind.target.model_dump(),
        "last_value": row.last_value,
        "last_date": row.last_date.isoformat() if row.last_date else None,
        "on_track": row.on_track,
        "values": [
            {"date": v.date.isoformat(), "value": v.value, "source": v.source} for v in ind.values
        ],
    }


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
        "goals": [{"id": g.id, "text": g.text} for g in detail.goals],
        "lead": [{"id": p, "name": detail.partners.get(p, p)} for p in m.lead],
        "involved": [{"id": p, "name": detail.partners.get(p, p)} for p in m.involved],
        "tags": list(m.tags),
        "sources": [s.model_dump() for s in m.sources],
        "milestones": [due_row(r) for r in detail.milestones],
        "indicators": [indicator(i) for i in detail.indicators],
        "updates": [
            {"date": u.date.isoformat(), "text": u.text, "status": u.status} for u in m.updates
        ],
    }


def timeline(years: list[TimelineYear]) -> list[dict[str, Any]]:
    return [
        {
            "year": y.year,
            "milestones": [due_row(r) for r in y.milestones],
            "recurring": [due_row(r) for r in y.recurring],
        }
        for y in years
    ]
