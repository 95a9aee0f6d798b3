"""`--format markdown`: GitHub-flavoured Markdown; plan text is escaped, never markup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mpi.domain.words import MEASURE_STATUSES
from mpi.render import records, values
from mpi.render.changes import describe
from mpi.render.messages import milestone_note
from mpi.render.registry import Format
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from mpi.views.diff import PlanDiff
    from mpi.views.due import DueRow
    from mpi.views.measures import MeasureDetail, MeasureRow
    from mpi.views.report import IndicatorLine, MilestoneLine, Report
    from mpi.views.status import StatusSummary
    from mpi.views.timeline import Timeline

_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def esc(value: Any) -> str:
    """Plan text as inert Markdown: markup characters escaped, HTML neutralised, one line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return values.number(value)
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


def status(summary: StatusSummary) -> str:
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
    rows = [
        [*row[:-2], f"{row[-2]} {row[-1]}" if row[-2] else "–"] for row in records.status_rows(data)
    ]
    return (
        f"# {esc(data['title'])}\n\nAs of {data['today']}.\n\n"
        + _table(header, rows)
        + "\n## Next deadlines\n\n"
        + _due_table(data["next_deadlines"])
    )


def measures(rows: list[MeasureRow]) -> str:
    items = [records.measure_row(r) for r in rows]
    if not items:
        return "_No measures match._\n"
    return _table(
        ["ID", "Status", "Title", "Lead", "Tags", "Next due"],
        ([r["id"], r["status"], r["title"], r["lead"], r["tags"], r["next_due"]] for r in items),
    )


def measure(detail: MeasureDetail) -> str:
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
    out += ["", "## Milestones", "", _milestone_table(d, detail)]
    if d["indicators"]:
        out += [
            "## Indicators",
            "",
            _table(
                ["ID", "Indicator", "Unit", "Baseline", "Target", "Last value"],
                (
                    [
                        i["id"],
                        i["name"],
                        i["unit"],
                        f"{esc(i['baseline']['value'])} ({i['baseline']['year']})"
                        if i["baseline"]
                        else "–",
                        f"{values.direction(i['direction'])} {esc(i['target']['value'])}"
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


def _milestone_table(d: dict[str, Any], detail: MeasureDetail) -> str:
    """The measure's milestones with the number and id `mpi milestone` takes."""
    if not d["milestones"]:
        return "_No milestones._\n"
    return _table(
        ["#", "ID", "Due", "Milestone", "Status"],
        (
            [
                detail.milestone_number(r["milestone"]) or "",
                r["milestone"],
                r["due"],
                r["title"],
                r["status"] + (" (overdue)" if r["overdue"] else ""),
            ]
            for r in d["milestones"]
        ),
    )


def _footnote(source: dict[str, Any]) -> str:
    return f"[{source['footnote']}] " if source["footnote"] is not None else ""


def due(rows: list[DueRow]) -> str:
    return _due_table([records.due_row(r) for r in rows])


def timeline(view: Timeline) -> str:
    out = ["| Year | Milestones | Recurring |", "|---|---|---|"]
    for y in records.timeline(view):
        ms = "; ".join(
            f"{esc(r['measure'] or r['owner'])} {esc(r['title'])} ({esc(r['status'])})"
            for r in y["milestones"]
        )
        rec = "; ".join(sorted({esc(r["measure"] or r["owner"]) for r in y["recurring"]}))
        out.append(f"| {y['year']} | {ms} | {rec} |")
    return "\n".join(out) + "\n"


# --- reports (`mpi report`, `mpi diff`) ------------------------------------------------------

BAR_WIDTH = 20


def text_bar(line: IndicatorLine, width: int = BAR_WIDTH) -> str:
    """An indicator as a bar of fixed glyphs: █ last value, ▒ baseline beyond it, ┃ target."""
    row, ind = line.row, line.row.indicator

    def cells(value: float | None) -> int:
        return 0 if value is None else round(line.share(value) * width)

    last, base = cells(row.last_value), cells(ind.baseline.value if ind.baseline else None)
    bar = ["█" if i < last else "▒" if i < base else "░" for i in range(width)]
    bar[min(width - 1, int(line.share(ind.target.value) * width))] = "┃"
    return "`" + "".join(bar) + "`"


def _amount(value: float | None, unit: str, when: Any = None) -> str:
    if value is None:
        return "–"
    return f"{esc(value)} {esc(unit)}" + (f" ({esc(when)})" if when is not None else "")


def _milestone_lines(lines: list[MilestoneLine], empty: str, overdue: bool) -> str:
    if not lines:
        return f"_{empty}_\n"
    rows = []
    for line in lines:
        r = line.row
        note = milestone_note(line, overdue)
        rows.append([values.due(r.due), r.measure or r.owner, r.title, note])
    return _table(["Due", "Measure", "Milestone", "Note"], rows)


def report(rep: Report) -> str:
    """The progress report: summary per field, milestones, indicators, changes since a revision."""
    out = [f"# Progress report: {esc(rep.title)}", "", f"As of {values.day(rep.today)}.", ""]
    out += ["## Measures by Handlungsfeld", ""]
    header = ["Field", "Title", "Measures", *MEASURE_STATUSES, "Open milestones", "Overdue"]
    s = rep.summary
    out.append(
        _table(
            header,
            (
                [
                    f.id,
                    f.title,
                    f.measures,
                    *(f.by_status.get(name, 0) for name in MEASURE_STATUSES),
                    f.open_milestones,
                    f.overdue_milestones,
                ]
                for f in [*s.fields, s.totals]
            ),
        )
    )
    out += ["## Overdue milestones", "", _milestone_lines(rep.overdue, "None overdue.", True)]
    out += ["## Upcoming milestones (next 12 months)", ""]
    out.append(_milestone_lines(rep.upcoming, "None due in the next 12 months.", False))
    out += ["## Indicators", ""]
    if not rep.indicators:
        out.append("_No indicators._\n")
    else:
        rows = []
        for line in rep.indicators:
            row, ind = line.row, line.row.indicator
            base = ind.baseline
            target = values.direction(ind.direction) + " " + _amount(ind.target.value, ind.unit)
            if ind.target.year is not None:
                target += f" ({esc(ind.target.year)})"
            rows.append(
                [
                    esc(line.measure),
                    esc(ind.name),
                    _amount(base.value, ind.unit, base.year) if base else "–",
                    _amount(row.last_value, ind.unit, row.last_date),
                    target,
                    esc(row.on_track) or "–",
                    text_bar(line),
                ]
            )
        lines = ["| Measure | Indicator | Baseline | Last value | Target | On track | Chart |"]
        lines.append("|---|---|---|---|---|---|---|")
        lines += ["| " + " | ".join(cells) + " |" for cells in rows]
        out.append("\n".join(lines) + "\n")
        out.append(
            "Each bar runs from 0 to the largest of baseline, values and target: "
            "█ last value, ▒ baseline, ┃ target.\n"
        )
    if rep.changes is not None:
        out += [f"## Changes since {esc(rep.since)}", ""]
        out += [f"- {esc(describe(c))}" for c in rep.changes] or ["_No changes._"]
        out.append("")
    out += ["## All measures", ""]
    for f in s.fields:
        in_field = [m for m in rep.measures if m.field == f.id]
        out += [f"### {esc(f.id)} {esc(f.title)}", ""]
        out.append(
            _table(
                ["ID", "Measure", "Status", "Next due"],
                ([m.id, m.title, m.status, values.due(m.next_due)] for m in in_field),
            )
            if in_field
            else "_No measures._\n"
        )
    return "\n".join(out)


def diff(view: PlanDiff) -> str:
    """`mpi diff --format markdown`: one bullet per semantic change."""
    new = view.new if view.new is not None else "the working tree"
    out = [f"## Changes from {esc(view.old)} to {esc(new)}", ""]
    out += [f"- {esc(describe(c))}" for c in view.changes] or ["_No changes._"]
    return "\n".join(out) + "\n"


FORMAT = Format(
    "markdown",
    {
        "status": status,
        "measures": measures,
        "measure": measure,
        "due": due,
        "timeline": timeline,
        "report": report,
        "diff": diff,
    },
)
