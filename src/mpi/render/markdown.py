"""`--format markdown`: GitHub-flavoured Markdown; plan text is escaped, never markup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from mpi.model import MEASURE_STATUSES
from mpi.render import records
from mpi.render.safe import one_line

_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def esc(value: Any) -> str:
    """Plan text as inert Markdown: markup characters escaped, HTML neutralised, one line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(esc(v) for v in value)
    text = one_line(str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _due_table(items: list[dict[str, Any]]) -> str:
    if not items:
        return "_No milestones._\n"
    return _table(
        ["Due", "Measure", "Milestone", "Status"],
        (
            [
                r["due"],
                r["measure"] or r["owner"],
                r["title"],
                r["status"] + (" (overdue)" if r["overdue"] else ""),
            ]
            for r in items
        ),
    )


def status(summary: Any) -> str:
    data = records.status(summary)
    header = [
        "Field",
        "Title",
        "Measures",
        *MEASURE_STATUSES,
        "Open milestones",
        "Overdue",
        "Next deadline",
    ]
    rows = []
    for f in [*data["fields"], data["totals"]]:
        nxt = f["next_due"]
        rows.append(
            [
                f["id"],
                f["title"],
                f["measures"],
                *(f["by_status"][s] for s in MEASURE_STATUSES),
                f["open_milestones"],
                f["overdue_milestones"],
                f"{nxt['due']} {nxt['title']}" if nxt else "–",
            ]
        )
    return (
        f"# {esc(data['title'])}\n\nAs of {data['today']}.\n\n"
        + _table(header, rows)
        + "\n## Next deadlines\n\n"
        + _due_table(data["next_deadlines"])
    )


def measures(rows: list[Any]) -> str:
    items = [records.measure_row(r) for r in rows]
    if not items:
        return "_No measures match._\n"
    return _table(
        ["ID", "Status", "Title", "Lead", "Tags", "Next due"],
        ([r["id"], r["status"], r["title"], r["lead"], r["tags"], r["next_due"]] for r in items),
    )


def measure(detail: Any) -> str:
    d = records.measure(detail)
    out = [f"# {esc(d['id'])} {esc(d['title'])}", ""]
    out.append(f"**Handlungsfeld:** {esc(d['field'])} {esc(d['field_title'])}  ")
    if d["section_title"]:
        out.append(f"**Section:** {esc(d['section_title'])}  ")
    out.append(f"**Status:** {esc(d['status'])}  ")
    out.append(f"**Lead:** {esc([p['name'] for p in d['lead']]) or '–'}  ")
    out.append(f"**Involved:** {esc([p['name'] for p in d['involved']]) or '–'}  ")
    out.append(f"**Tags:** {esc(d['tags']) or '–'}")
    out += ["", *(esc(p) + "\n" for p in d["text"].split("\n\n"))]
    out += [f"- {esc(i['id'])}. {esc(i['text'])}" for i in d["items"]]
    if d["goals"]:
        out += ["", "## Goals", ""] + [f"- {esc(g['id'])}: {esc(g['text'])}" for g in d["goals"]]
    out += ["", "## Milestones", "", _due_table(d["milestones"])]
    if d["indicators"]:
        out += [
            "## Indicators",
            "",
            _table(
                ["Indicator", "Unit", "Baseline", "Target", "Last value"],
                (
                    [
                        i["name"],
                        i["unit"],
                        f"{esc(i['baseline']['value'])} ({i['baseline']['year']})"
                        if i["baseline"]
                        else "–",
                        f"{_direction(i['direction'])} {esc(i['target']['value'])}"
                        + (f" ({i['target']['year']})" if i["target"]["year"] else ""),
                        f"{esc(i['last_value'])} ({i['last_date']})" if i["last_date"] else "–",
                    ]
                    for i in d["indicators"]
                ),
            ),
        ]
    if d["sources"]:
        out += ["## Sources", ""]
        out += [
            f"- {_footnote(s)}{esc(s['label'])}" + (f" <{esc(s['url'])}>" if s["url"] else "")
            for s in d["sources"]
        ]
        out.append("")
    out += ["## Updates", ""]
    out += [
        f"- {esc(u['date'])}: {esc(u['text'])}"
        + (f" (status → {esc(u['status'])})" if u["status"] else "")
        for u in d["updates"]
    ]
    if not d["updates"]:
        out.append("_No updates recorded._")
    return "\n".join(out) + "\n"


def _footnote(source: dict[str, Any]) -> str:
    return f"[{source['footnote']}] " if source["footnote"] is not None else ""


def _direction(direction: str) -> str:
    return "≥" if direction == "at_least" else "≤"


def due(rows: list[Any]) -> str:
    return _due_table([records.due_row(r) for r in rows])


def timeline(years: list[Any]) -> str:
    out = ["| Year | Milestones | Recurring |", "|---|---|---|"]
    for y in records.timeline(years):
        ms = "; ".join(
            f"{esc(r['measure'] or r['owner'])} {esc(r['title'])} ({esc(r['status'])})"
            for r in y["milestones"]
        )
        rec = "; ".join(sorted({esc(r["measure"] or r["owner"]) for r in y["recurring"]}))
        out.append(f"| {y['year']} | {ms} | {rec} |")
    return "\n".join(out) + "\n"
