"""Questions the coordination round asks, as pure functions over a Plan returning plain rows.

Nothing here formats text: renderers in `mpi.render` turn these rows into tables, JSON, CSV
or Markdown.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from mpi.dates import Due, add_span, occurrences, parse_span
from mpi.diagnostics import UsageError
from mpi.model import (
    MEASURE_STATUSES,
    Field,
    Goal,
    Indicator,
    Measure,
    Milestone,
    Plan,
)


def natural_key(ident: str) -> tuple[object, ...]:
    """Sort key that puts HF1.2 before HF1.10 (numbers compare as numbers)."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ident))


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, str]:
    """Two search forms of a text: umlauts spelled out (ae) and umlauts stripped (a)."""
    lower = unicodedata.normalize("NFC", text).casefold()
    return _strip_accents(lower.translate(_UMLAUTS)), _strip_accents(lower)


def matches(query: str, text: str) -> bool:
    """Case- and umlaut-insensitive: "flachen", "flaechen" and "Flächen" find "Flächen"."""
    q_spelled, q_stripped = fold(query)
    t_spelled, t_stripped = fold(text)
    return q_spelled in t_spelled or q_stripped in t_stripped


# --- milestones and their occurrences -------------------------------------------------------


@dataclass(frozen=True)
class DueRow:
    """One milestone, or one occurrence of a recurring milestone."""

    measure: str | None
    field: str | None
    owner: str  # measure id, monitoring body id, or "plan"
    milestone: str
    title: str
    due: Due
    status: str
    overdue: bool
    recurring: bool
    done: Due | None = None


def _milestone_rows(
    owner: str,
    measure: str | None,
    field_id: str | None,
    m: Milestone,
    plan: Plan,
    today: date,
) -> list[DueRow]:
    if m.recurrence is None:
        assert m.due is not None
        overdue = m.status == "open" and m.due.end < today
        return [
            DueRow(measure, field_id, owner, m.id, m.title, m.due, m.status, overdue, False, m.done)
        ]
    r = m.recurrence
    until = r.end or Due.parse(plan.horizon)
    rows = []
    for occurrence in occurrences(r.start, r.every, until):
        held = r.last_done is not None and occurrence.end <= r.last_done.end
        status = "done" if held or m.status == "done" else m.status
        overdue = status == "open" and occurrence.end < today
        rows.append(
            DueRow(
                measure,
                field_id,
                owner,
                m.id,
                m.title,
                occurrence,
                status,
                overdue,
                True,
                r.last_done if held else None,
            )
        )
    return rows


def all_due(plan: Plan, today: date) -> list[DueRow]:
    """Every milestone occurrence of the plan, in date order."""
    rows: list[DueRow] = []
    for body, m in plan.plan_milestones():
        rows += _milestone_rows(body or "plan", None, None, m, plan, today)
    for f in plan.fields:
        for measure in f.measures:
            for m in measure.milestones:
                rows += _milestone_rows(measure.id, measure.id, f.id, m, plan, today)
    return sorted(rows, key=lambda r: (r.due.end, natural_key(r.owner), r.milestone))


@dataclass(frozen=True)
class DueQuery:
    year: int | None = None
    before: str | None = None
    within: str | None = None
    overdue: bool = False
    include_done: bool = False
    field: str | None = None


def select_due(plan: Plan, query: DueQuery, today: date) -> list[DueRow]:
    """Milestones chosen by one of year / before / within / overdue (open ones by default)."""
    chosen = [
        n
        for n, v in (
            ("--year", query.year),
            ("--before", query.before),
            ("--within", query.within),
            ("--overdue", query.overdue),
        )
        if v
    ]
    if len(chosen) > 1:
        raise UsageError(
            f"choose one of --year, --before, --within, --overdue (got {' and '.join(chosen)})"
        )
    if query.overdue and query.include_done:
        raise UsageError("--overdue lists open milestones only; drop --all")
    if query.field is not None:
        check_field(plan, query.field)
    rows = all_due(plan, today)
    if query.field is not None:
        rows = [r for r in rows if r.field == query.field.upper()]
    if not query.include_done:
        rows = [r for r in rows if r.status == "open"]
    if query.year is not None:
        rows = [r for r in rows if r.due.year == query.year]
    elif query.before is not None:
        limit = parse_date_option(query.before, "--before").start
        rows = [r for r in rows if r.due.end < limit]
    elif query.within is not None:
        try:
            count, unit = parse_span(query.within)
        except ValueError as exc:
            raise UsageError(f"--within: {exc}") from None
        horizon = add_span(today, count, unit)
        rows = [r for r in rows if today <= r.due.end and r.due.start <= horizon]
    elif query.overdue:
        rows = [r for r in rows if r.overdue]
    return rows


def parse_date_option(text: str, option: str) -> Due:
    try:
        return Due.parse(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


# --- measures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureRow:
    id: str
    field: str
    title: str
    status: str
    section: str | None
    lead: tuple[str, ...]
    tags: tuple[str, ...]
    next_due: Due | None


@dataclass(frozen=True)
class MeasureFilter:
    field: str | None = None
    status: str | None = None
    partner: str | None = None
    tag: str | None = None
    goal: str | None = None
    search: str | None = None


def _searchable(measure: Measure) -> str:
    parts = [measure.id, measure.title, measure.text, *measure.tags]
    parts += [item.text for item in measure.items]
    parts += [m.title for m in measure.milestones]
    parts += [i.name for i in measure.indicators]
    return "\n".join(parts)


def list_measures(plan: Plan, flt: MeasureFilter, today: date) -> list[MeasureRow]:
    """Measures matching every given filter, in natural id order."""
    if flt.field is not None:
        check_field(plan, flt.field)
    if flt.status is not None and flt.status not in MEASURE_STATUSES:
        raise UsageError(
            f"--status must be one of {', '.join(MEASURE_STATUSES)}, not {flt.status!r}"
        )
    if flt.partner is not None:
        known = [p.id for p in plan.partners]
        if flt.partner not in known:
            raise UsageError(f"unknown partner {flt.partner!r}{suggest(flt.partner, known)}")
    if flt.goal is not None:
        goals = [g.id for f in plan.fields for g in f.goals]
        if flt.goal.upper() not in goals:
            raise UsageError(f"unknown goal {flt.goal!r}{suggest(flt.goal.upper(), goals)}")
    next_due = _next_due_by_measure(plan, today)
    rows = []
    for f in plan.fields:
        if flt.field is not None and f.id != flt.field.upper():
            continue
        for m in f.measures:
            if flt.status is not None and m.status != flt.status:
                continue
            if flt.partner is not None and flt.partner not in (*m.lead, *m.involved):
                continue
            if flt.tag is not None and not any(fold(flt.tag) == fold(t) for t in m.tags):
                continue
            if flt.goal is not None and flt.goal.upper() not in m.goals:
                continue
            if flt.search is not None and not matches(flt.search, _searchable(m)):
                continue
            rows.append(
                MeasureRow(
                    m.id,
                    f.id,
                    m.title,
                    m.status,
                    m.section,
                    tuple(m.lead),
                    tuple(m.tags),
                    next_due.get(m.id),
                )
            )
    return sorted(rows, key=lambda r: natural_key(r.id))


def _next_due_by_measure(plan: Plan, today: date) -> dict[str, Due]:
    out: dict[str, Due] = {}
    for row in all_due(plan, today):
        if row.measure and row.status == "open" and row.due.end >= today:
            out.setdefault(row.measure, row.due)
    return out


def check_field(plan: Plan, ident: str) -> Field:
    for f in plan.fields:
        if f.id == ident.upper():
            return f
    known = [f.id for f in plan.fields]
    raise UsageError(f"unknown Handlungsfeld {ident!r}{suggest(ident.upper(), known)}")


def suggest(ident: str, known: list[str]) -> str:
    close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def find_measure(plan: Plan, ident: str) -> tuple[Field, Measure]:
    """The measure with this id (case-insensitive), or a UsageError with a suggestion."""
    wanted = ident.strip().upper()
    for f in plan.fields:
        for m in f.measures:
            if m.id == wanted:
                return f, m
    known = [m.id for m in plan.measures()]
    return_hint = suggest(wanted, known)
    raise UsageError(f"unknown measure {ident!r}{return_hint}")


# --- one measure ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    last_value: float | None
    last_date: date | None
    on_track: bool | None  # last value meets the target in its direction


def indicator_row(ind: Indicator) -> IndicatorRow:
    if not ind.values:
        return IndicatorRow(ind, None, None, None)
    last = max(ind.values, key=lambda v: v.date)
    meets = (
        last.value >= ind.target.value
        if ind.direction == "at_least"
        else last.value <= ind.target.value
    )
    return IndicatorRow(ind, last.value, last.date, meets)


@dataclass(frozen=True)
class MeasureDetail:
    measure: Measure
    field: Field
    section_title: str | None
    goals: list[Goal]
    partners: dict[str, str]  # id -> short name
    milestones: list[DueRow]  # one row per milestone (next occurrence for recurring ones)
    indicators: list[IndicatorRow]


def measure_detail(plan: Plan, ident: str, today: date) -> MeasureDetail:
    f, m = find_measure(plan, ident)
    goals_by_id = {g.id: g for g in f.goals}
    section = next((s.title for s in f.sections if s.id == m.section), None)
    partners = {p.id: p.short for p in plan.partners}
    rows = []
    for ms in m.milestones:
        expanded = _milestone_rows(m.id, m.id, f.id, ms, plan, today)
        if ms.recurrence is None or not expanded:
            rows += expanded
            continue
        upcoming = [r for r in expanded if r.status == "open" and not r.overdue]
        overdue = [r for r in expanded if r.overdue]
        rows.append(overdue[0] if overdue else upcoming[0] if upcoming else expanded[-1])
    rows.sort(key=lambda r: r.due.end)
    return MeasureDetail(
        m,
        f,
        section,
        [goals_by_id[g] for g in m.goals if g in goals_by_id],
        partners,
        rows,
        [indicator_row(i) for i in m.indicators],
    )


# --- status ---------------------------------------------------------------------------------


@dataclass
class FieldStatus:
    id: str
    title: str
    measures: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    open_milestones: int = 0
    overdue_milestones: int = 0
    next_due: DueRow | None = None


@dataclass
class StatusSummary:
    title: str
    today: date
    fields: list[FieldStatus]
    totals: FieldStatus
    next_deadlines: list[DueRow]
    plan_overdue: int = 0


def status(plan: Plan, today: date, upcoming: int = 5) -> StatusSummary:
    """Per field: measures by status, open and overdue milestones, the next deadline."""
    rows = all_due(plan, today)
    summaries = []
    totals = FieldStatus("total", "Gesamt")
    for f in plan.fields:
        s = FieldStatus(f.id, f.title, len(f.measures), Counter(m.status for m in f.measures))
        field_rows = [r for r in rows if r.field == f.id and r.status == "open"]
        s.overdue_milestones = len({(r.owner, r.milestone) for r in field_rows if r.overdue})
        s.open_milestones = len(_count_open(field_rows, today))
        s.next_due = next((r for r in field_rows if r.due.end >= today), None)
        summaries.append(s)
        totals.measures += s.measures
        totals.by_status.update(s.by_status)
        totals.open_milestones += s.open_milestones
        totals.overdue_milestones += s.overdue_milestones
    plan_rows = [r for r in rows if r.field is None and r.status == "open"]
    totals.open_milestones += len(_count_open(plan_rows, today))
    plan_overdue = len({(r.owner, r.milestone) for r in plan_rows if r.overdue})
    totals.overdue_milestones += plan_overdue
    future = [r for r in rows if r.status == "open" and r.due.end >= today]
    totals.next_due = future[0] if future else None
    return StatusSummary(plan.title, today, summaries, totals, future[:upcoming], plan_overdue)


def _count_open(rows: list[DueRow], today: date) -> list[tuple[str, str]]:
    """Open milestones, counting a recurring one once (not each future occurrence)."""
    keys = {(r.owner, r.milestone) for r in rows if not r.recurring}
    keys |= {
        (r.owner, r.milestone) for r in rows if r.recurring and (r.overdue or r.due.end >= today)
    }
    return sorted(keys)


# --- timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineYear:
    year: int
    milestones: list[DueRow]  # non-recurring milestones due this year
    recurring: list[DueRow]  # occurrences of recurring milestones this year


def timeline(plan: Plan, today: date, include_done: bool = True) -> list[TimelineYear]:
    """Every year from the plan's adoption to its horizon with what falls due in it."""
    rows = all_due(plan, today)
    years = []
    for year in range(plan.adopted, plan.horizon + 1):
        this = [r for r in rows if r.due.year == year and (include_done or r.status != "done")]
        years.append(
            TimelineYear(
                year, [r for r in this if not r.recurring], [r for r in this if r.recurring]
            )
        )
    return years
