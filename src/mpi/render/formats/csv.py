"""`--format csv`: one header row and flat cells, safe to open in a spreadsheet.

Cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR) get a leading `'`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mpi.domain.words import number
from mpi.render import records
from mpi.render.registry import Format
from mpi.render.safe import visible

if TYPE_CHECKING:
    from mpi.views.changes import ChangeLog
    from mpi.views.due import DueRow
    from mpi.views.history import History
    from mpi.views.indicators import IndicatorRow
    from mpi.views.measures import MeasureDetail, MeasureRow
    from mpi.views.milestones import OwnerDetail
    from mpi.views.status import StatusSummary
    from mpi.views.timeline import Timeline

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = "; ".join(cell(v) for v in value)
    else:
        text = visible(str(value))
    if text.startswith(_FORMULA) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


def status(summary: StatusSummary) -> str:
    return _table(records.STATUS_COLUMNS, records.status_rows(records.status(summary)))


def measures(rows: list[MeasureRow]) -> str:
    items = [records.measure_row(r) for r in rows]
    header = [
        "id",
        "field",
        "title",
        "status",
        "section",
        "lead",
        "tags",
        "next_due",
        "overdue_deadlines",
        "oldest_overdue",
        "delayed_deadlines",
    ]
    return _table(header, ([r[k] for k in header] for r in items))


def measure(detail: MeasureDetail) -> str:
    """Key/value rows: the measure's facts, then one row per milestone, indicator and update."""
    data = records.measure(detail)
    rows: list[list[Any]] = []
    for key in ("id", "field", "section", "title", "status", "text"):
        rows.append([key, data[key]])
    rows += [[f"item {i['id']}", i["text"]] for i in data["items"]]
    rows.append(["goals", [g["id"] for g in data["goals"]]])
    if data["goals"]:
        rows.append(["goals assigned", _how(data["goals"][0])])
    rows.append(["lead", [p["id"] for p in data["lead"]]])
    rows.append(["involved", [p["id"] for p in data["involved"]]])
    rows.append(["tags", data["tags"]])
    rows += _milestone_rows(data["milestones"])
    for i in data["indicators"]:
        rows.append(
            [
                f"indicator {i['id']}",
                f"{i['name']} ({i['unit']}): last {_number(i['last_value'])}, "
                f"target {_number(i['target']['value'])}",
            ]
        )
        for name in ("baseline", "target"):
            if i[name]:
                fact = i[name]
                when = f" ({fact['year']})" if fact["year"] is not None else ""
                value = f"{_number(fact['value'])}{when} ({_how(fact)})"
                rows.append([f"indicator {i['id']} {name}", value])
    rows += [
        [
            f"source {s['footnote'] or ''}".strip(),
            f"{s['text'] or s['label']} {s['url'] or ''}".strip(),
        ]
        for s in data["sources"]
    ]
    rows += _decision_rows(data["decisions"])
    rows += [[f"update {u['date']}", u["text"]] for u in data["updates"]]
    return _table(["key", "value"], rows)


def _decision_rows(decisions: list[dict[str, Any]]) -> list[list[Any]]:
    """`decision 2026-06-12 hh-win-stufe-1` | `due=2032; Koordinierungsrunde …`."""
    return [
        [
            " ".join(x for x in ("decision", d["date"], d["item"]) if x),
            "; ".join(f"{k}={_value(v)}" for k, v in d["decided"].items()) + f"; {d['text']}",
        ]
        for d in decisions
    ]


def _value(value: Any) -> str:
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dict):
        return ",".join(f"{k}:{v}" for k, v in value.items() if v is not None)
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


DUE_COLUMNS = [
    "measure",
    "field",
    "owner",
    "milestone",
    "title",
    "due",
    "status",
    "overdue",
    "recurring",
    "done",
    "kind",
    "delayed",
    "occurrence",
    "basis",
    "quote",
    "derivation",
    "note",
    "condition",
    "party",
    "aspiration",
    "state",
]
# The timeline groups by year; field and done date add nothing there.
TIMELINE_COLUMNS = ["year", *(c for c in DUE_COLUMNS if c not in ("field", "done"))]


def _milestone_rows(milestones: list[dict[str, Any]]) -> list[list[Any]]:
    """Key/value rows of deadlines: `milestone ID [OCCURRENCE]`, kind, due, state, basis."""
    return [
        [
            f"milestone {m['milestone']}" + (f" {m['occurrence']}" if m["occurrence"] else ""),
            f"{m['kind']} {m['due']} {_state(m)}: {m['title']} ({_how(m)})",
        ]
        for m in milestones
    ]


def _how(fact: dict[str, Any]) -> str:
    """How a fact is known, in one cell: basis, and quote and derivation where given."""
    parts = [f"basis: {fact['basis'] or 'none'}"]
    parts += [f"{key}: {fact[key]}" for key in ("quote", "derivation") if fact[key]]
    return "; ".join(parts)


def _state(row: dict[str, Any]) -> str:
    return "overdue" if row["overdue"] else "delayed" if row["delayed"] else row["status"]


def _number(value: float | None) -> str:
    """A number as the JSON contract writes it: the same in every language."""
    return "None" if value is None else number(value)


def due(rows: list[DueRow]) -> str:
    items = [records.due_row(r) for r in rows]
    return _table(DUE_COLUMNS, ([r[k] for k in DUE_COLUMNS] for r in items))


def timeline(view: Timeline) -> str:
    rows = [
        [y["year"], *(r[k] for k in TIMELINE_COLUMNS[1:])]
        for y in records.timeline(view)
        for r in [*y["milestones"], *y["recurring"]]
    ]
    return _table(TIMELINE_COLUMNS, rows)


def body(detail: OwnerDetail) -> str:
    """Key/value rows of `mpi show plan` or `mpi show BODY`."""
    data = records.body(detail)
    rows: list[list[Any]] = [["id", data["id"]], ["name", data["name"]], ["text", data["text"]]]
    rows += _milestone_rows(data["milestones"])
    rows += _decision_rows(data["decisions"])
    rows += [[f"update {u['date']}", u["text"]] for u in data["updates"]]
    return _table(["key", "value"], rows)


INDICATOR_COLUMNS = [
    "measure",
    "field",
    "id",
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "last_value",
    "last_date",
    "assessment",
    "reason",
    "method",
    "actual_rate",
    "required_rate",
    "ratio",
]


def indicators(rows: list[IndicatorRow]) -> str:
    """`mpi indicators`: one row per indicator with the numbers of its assessment."""
    out = []
    for row in rows:
        r = records.assessed(row)
        base = r["baseline"] or {}
        flat = r | {
            "baseline_value": base.get("value"),
            "baseline_year": base.get("year"),
            "target_value": r["target"]["value"],
            "target_year": r["target"]["year"],
        }
        out.append([flat[k] for k in INDICATOR_COLUMNS])
    return _table(INDICATOR_COLUMNS, out)


HISTORY_COLUMNS = (
    "commit_date", "commit", "subject", "title", "item", "item_title", "kind", "attribute",
    "old", "new", "occurrence", "months", "days", "weakening", "decision_date", "decision",
    "correction_date", "correction",
)  # fmt: skip


def history(view: History) -> str:
    """One row per move (commit empty: not committed yet), as `--format json` has them."""
    rows = [_decided(event) for event in records.history(view)["events"]]
    return _table(HISTORY_COLUMNS, [[r[k] for k in HISTORY_COLUMNS] for r in rows])


CHANGES_COLUMNS = (
    "id", "commit_date", "commit", "field", "lead", "subject", "title", "item", "item_title",
    "kind", "attribute", "old", "new", "date", "occurrence", "months", "days", "weakening",
    "reporter", "text", "decision_date", "decision", "correction_date", "correction",
)  # fmt: skip


def changes(view: ChangeLog) -> str:
    """One row per change, newest first, as `--format json` has them (lead partners joined
    by a space)."""
    rows = [_decided(c) | {"lead": " ".join(c["lead"])} for c in records.changes(view)["changes"]]
    return _table(CHANGES_COLUMNS, [[r[k] for k in CHANGES_COLUMNS] for r in rows])


def _decided(row: dict[str, Any]) -> dict[str, Any]:
    """A change's record with its decision and correction in flat columns."""
    decision, correction = row["decision"] or {}, row["correction"] or {}
    return row | {
        "decision_date": decision.get("date"),
        "decision": decision.get("text"),
        "correction_date": correction.get("date"),
        "correction": correction.get("reason"),
    }


FORMAT = Format(
    name="csv",
    history=history,
    changes=changes,
    status=status,
    measures=measures,
    measure=measure,
    body=body,
    due=due,
    timeline=timeline,
    indicators=indicators,
)
