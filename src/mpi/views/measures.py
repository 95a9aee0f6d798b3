"""Measures: the filtered list, and everything about one measure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from mpi.domain import walk
from mpi.domain.dates import Due
from mpi.domain.errors import InvalidValue
from mpi.domain.model import Field, Goal, Indicator, Measure, Misspelling, Plan, Sourced
from mpi.domain.words import fold, matches, measure_status, natural_key, suggest
from mpi.i18n import _
from mpi.views.due import DueRow, all_due, late
from mpi.views.lookup import find_field, find_measure
from mpi.views.milestones import MilestoneSummary, summaries


@dataclass(frozen=True)
class MeasureRow:
    id: str
    field: str
    title: str
    status: str
    section: str | None
    lead: tuple[str, ...]
    tags: tuple[str, ...]
    next: DueRow | None = None  # the next open deadline from today
    late: tuple[DueRow, ...] = ()  # overdue and delayed deadlines, oldest first

    @property
    def next_due(self) -> Due | None:
        return self.next.due if self.next else None

    @property
    def overdue(self) -> int:
        """Overdue deadlines, each occurrence of a recurring milestone on its own."""
        return sum(r.overdue for r in self.late)

    @property
    def delayed(self) -> int:
        return sum(r.delayed for r in self.late)

    @property
    def oldest_overdue(self) -> Due | None:
        return next((r.due for r in self.late if r.overdue), None)

    @property
    def due(self) -> DueRow | None:
        """The deadline a list shows for the measure: its oldest late one, or the next."""
        return self.late[0] if self.late else self.next


@dataclass(frozen=True)
class MeasureFilter:
    field: str | None = None
    status: str | None = None
    partner: str | None = None
    tag: str | None = None
    goal: str | None = None
    search: str | None = None


def _searchable(measure: Measure, misspellings: list[Misspelling]) -> str:
    """Everything search looks at; where the document misspells a term (Wasserstoff-
    indusriernetz), the correct spelling is added, so that it finds the measure too."""
    parts = [measure.id, measure.title, measure.text, *measure.tags]
    parts += [item.text for item in measure.items]
    parts += [m.title for m in measure.milestones]
    parts += [i.name for i in measure.indicators]
    text = "\n".join(parts)
    corrected = text
    for m in misspellings:
        corrected = corrected.replace(m.written, m.correct)
    return text if corrected == text else f"{text}\n{corrected}"


def _check_filter(plan: Plan, flt: MeasureFilter) -> MeasureFilter:
    """The filter with its values checked, and the status as the plan writes it (a person may
    type `laufend` for ongoing)."""
    if flt.field is not None:
        find_field(plan, flt.field)
    if flt.status is not None:
        flt = replace(flt, status=measure_status(flt.status))
    if flt.partner is not None:
        known = [p.id for p in plan.partners]
        if flt.partner not in known:
            raise InvalidValue(
                "partner",
                _("unknown partner {partner}{hint}").format(
                    partner=repr(flt.partner), hint=suggest(flt.partner, known)
                ),
            )
    if flt.goal is not None:
        goals = [g.id for f in plan.fields for g in f.goals]
        if flt.goal.upper() not in goals:
            raise InvalidValue(
                "goal",
                _("unknown goal {goal}{hint}").format(
                    goal=repr(flt.goal), hint=suggest(flt.goal.upper(), goals)
                ),
            )
    return flt


def _selected(m: Measure, f: Field, flt: MeasureFilter, misspellings: list[Misspelling]) -> bool:
    return not (
        (flt.field is not None and f.id != flt.field.upper())
        or (flt.status is not None and m.status != flt.status)
        or (flt.partner is not None and flt.partner not in (*m.lead, *m.involved))
        or (flt.tag is not None and not any(fold(flt.tag) == fold(t) for t in m.tags))
        or (flt.goal is not None and flt.goal.upper() not in m.goals)
        or (flt.search is not None and not matches(flt.search, _searchable(m, misspellings)))
    )


def list_measures(plan: Plan, flt: MeasureFilter, today: date) -> list[MeasureRow]:
    """Measures matching every given filter, in natural id order."""
    flt = _check_filter(plan, flt)
    deadlines = _deadlines_by_measure(plan, today)
    rows = []
    for f in plan.fields:
        for m in f.measures:
            if not _selected(m, f, flt, plan.misspellings):
                continue
            own = deadlines.get(m.id, [])
            upcoming = (r for r in own if r.status == "open" and r.due.end >= today)
            rows.append(
                MeasureRow(
                    m.id,
                    f.id,
                    m.title,
                    m.status,
                    m.section,
                    tuple(m.lead),
                    tuple(m.tags),
                    next(upcoming, None),
                    tuple(r for r in own if late(r)),
                )
            )
    return sorted(rows, key=lambda r: natural_key(r.id))


def _deadlines_by_measure(plan: Plan, today: date) -> dict[str, list[DueRow]]:
    """Each measure's deadlines in date order."""
    out: dict[str, list[DueRow]] = {}
    for row in all_due(plan, today):
        if row.measure:
            out.setdefault(row.measure, []).append(row)
    return out


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
    goal_assignment: Sourced | None  # how the goals are known: the measure's or the field's
    partners: dict[str, str]  # id -> short name
    milestones: list[MilestoneSummary]  # in the measure's order, numbered as `mpi milestone`
    indicators: list[IndicatorRow]


def measure_detail(plan: Plan, ident: str, today: date) -> MeasureDetail:
    f, m = find_measure(plan, ident)
    goals_by_id = {g.id: g for g in f.goals}
    section = next((s.title for s in f.sections if s.id == m.section), None)
    partners = {p.id: p.short for p in plan.partners}
    place = next(p for p, x in walk.measures([f]) if x is m)
    return MeasureDetail(
        m,
        f,
        section,
        [goals_by_id[g] for g in m.goals if g in goals_by_id],
        m.goal_assignment or f.goal_assignment,
        partners,
        summaries(walk.milestones_of(place, m), plan, today),
        [indicator_row(i) for i in m.indicators],
    )
