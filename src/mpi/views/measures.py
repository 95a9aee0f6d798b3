"""Measures: the filtered list, and everything about one measure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from mpi.domain import walk
from mpi.domain.dates import Due, add_span
from mpi.domain.errors import InvalidValue
from mpi.domain.items import Sourced
from mpi.domain.model import FieldFile, Goal, Measure, Misspelling, Plan, Update
from mpi.domain.partners import short
from mpi.domain.walk import Place
from mpi.domain.words import fold, matches, measure_status, natural_key, suggest, word_hint
from mpi.i18n import _
from mpi.views.decisions import DecisionRow, decisions, of_owner
from mpi.views.due import DueRow, all_due, missed_or_late
from mpi.views.indicators import IndicatorRow, indicator_row
from mpi.views.lookup import find_field, find_measure, find_partner
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
    late: tuple[DueRow, ...] = ()  # missed, then overdue and delayed deadlines, oldest first
    last_update: date | None = None  # the date of the latest updates entry
    latest_note: Update | None = None  # the latest updates entry (the log is in date order)
    lead_names: tuple[str, ...] = ()  # the lead partners' short names, as people read them

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
    """Which measures to list. A repeated option combines its values (any of them); different
    options all apply. `partners` matches lead or involved, `leads` the lead only."""

    fields: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    search: str | None = None
    leads: tuple[str, ...] = ()
    stale: tuple[int, str] | None = None  # a span (6, "m"): no update for longer than that


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
    """The filter with its values checked and as the plan writes them: a status typed as
    `laufend` is ongoing, a partner named `DGB Nord` is dgb, a field `hf1` is HF1."""
    goals = [g.id for f in plan.fields for g in f.goals]
    for goal in flt.goals:
        if goal.upper() not in goals:
            raise InvalidValue(
                "goal",
                _("unknown goal {goal}{hint}").format(
                    goal=repr(goal), hint=suggest(goal.upper(), goals)
                ),
            )
    tags = sorted({t for m in plan.measures() for t in m.tags}, key=lambda t: fold(t)[0])
    for tag in flt.tags:
        if fold(tag)[0] not in {fold(t)[0] for t in tags}:
            raise InvalidValue(
                "tag",
                _(
                    "no measure has the tag {tag}{hint} (the tags: {tags}); --search {word} "
                    "finds a word in the measures' texts"
                ).format(
                    tag=repr(tag),
                    hint=word_hint(tag, tags),
                    tags=", ".join(tags),
                    word=f'"{tag}"' if " " in tag else tag,
                ),
            )
    return replace(
        flt,
        fields=tuple(find_field(plan, f).id for f in flt.fields),
        statuses=tuple(measure_status(s) for s in flt.statuses),
        partners=tuple(find_partner(plan, p) for p in flt.partners),
        leads=tuple(find_partner(plan, p, "lead") for p in flt.leads),
        goals=tuple(g.upper() for g in flt.goals),
    )


def _selected(
    m: Measure, f: FieldFile, flt: MeasureFilter, misspellings: list[Misspelling], stale: bool
) -> bool:
    def wanted(chosen: tuple[str, ...], present: Iterable[str]) -> bool:
        return not chosen or any(c in present for c in chosen)

    return (
        wanted(flt.fields, [f.id])
        and wanted(flt.statuses, [m.status])
        and wanted(flt.partners, [*m.lead, *m.involved])
        and wanted(flt.leads, m.lead)
        and wanted(tuple(fold(t)[0] for t in flt.tags), [fold(t)[0] for t in m.tags])
        and wanted(flt.goals, m.goals)
        and (flt.search is None or matches(flt.search, _searchable(m, misspellings)))
        and (flt.stale is None or stale)
    )


def latest_update(updates: list[Update]) -> Update | None:
    """The latest entry of an updates log by its date (of two on one day, the later listed);
    a log kept out of order (validate warns) still gives the newest."""
    return max(reversed(updates), key=lambda u: u.date) if updates else None


def last_update(m: Measure) -> date | None:
    """The date of the measure's latest updates entry, or None."""
    return max((u.date for u in m.updates), default=None)


def adopted_on(plan: Plan) -> date:
    """The day mpi counts an unrecorded measure's time from: the last day of the adoption
    year (the document gives the year only; counting from its end calls nothing stale early)."""
    return date(plan.adopted, 12, 31)


def stale_since(plan: Plan, m: Measure, span: tuple[int, str]) -> date:
    """The day from which the measure counts as stale: its last update (or the adoption)
    plus the span. Stale on any later day."""
    return add_span(last_update(m) or adopted_on(plan), *span)


def list_measures(
    plan: Plan, flt: MeasureFilter, today: date, due: list[DueRow] | None = None
) -> list[MeasureRow]:
    """Measures matching every given filter, in natural id order; `due`: `all_due(plan,
    today)` where the caller has it already."""
    flt = _check_filter(plan, flt)
    deadlines = deadlines_by_measure(all_due(plan, today) if due is None else due)
    rows = []
    for f in plan.fields:
        for m in f.measures:
            stale = (
                flt.stale is not None
                and m.status not in ("done", "dropped")  # finished: nothing more to report
                and today > stale_since(plan, m, flt.stale)
            )
            if not _selected(m, f, flt, plan.misspellings, stale):
                continue
            own = deadlines.get(m.id, [])
            upcoming = (r for r in own if r.pending and r.due.end >= today)
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
                    tuple(sorted((r for r in own if missed_or_late(r)), key=_not_missed)),
                    last_update(m),
                    latest_update(m.updates),
                    tuple(short(plan.partners, p) for p in m.lead),
                )
            )
    return sorted(rows, key=lambda r: natural_key(r.id))


def _not_missed(row: DueRow) -> bool:
    """A sort key that puts missed deadlines first (a stable sort keeps the date order)."""
    return row.state != "missed"


def deadlines_by_measure(due: list[DueRow]) -> dict[str, list[DueRow]]:
    """Each measure's deadlines in date order."""
    out: dict[str, list[DueRow]] = {}
    for row in due:
        if row.measure:
            out.setdefault(row.measure, []).append(row)
    return out


@dataclass(frozen=True)
class MeasureDetail:
    measure: Measure
    field: FieldFile
    section_title: str | None
    goals: list[Goal]
    goal_assignment: Sourced | None  # how the goals are known: the measure's or the field's
    partners: dict[str, str]  # id -> short name
    milestones: list[MilestoneSummary]  # in the measure's order, numbered as `mpi milestone`
    indicators: list[IndicatorRow]
    decisions: list[DecisionRow]  # on it and its items


def measure_detail(plan: Plan, ident: str, today: date) -> MeasureDetail:
    f, m = find_measure(plan, ident)
    place = next(p for p, x in walk.measures([f]) if x is m)
    partners = {p.id: p.short for p in plan.partners}
    return detail_of(plan, (f, place, m), today, partners, of_owner(decisions(plan), m.id))


def detail_of(
    plan: Plan,
    where: tuple[FieldFile, Place, Measure],
    today: date,
    partners: dict[str, str],
    decided: list[DecisionRow],
) -> MeasureDetail:
    """The detail of a measure found in its field at its place (the site builds one for
    each measure, with the partners' names and the decisions looked up once)."""
    f, place, m = where
    goals = {g.id: g for g in f.goals}
    return MeasureDetail(
        m,
        f,
        next((s.title for s in f.sections if s.id == m.section), None),
        [goals[g] for g in m.goals if g in goals],
        m.goal_assignment or f.goal_assignment,
        partners,
        summaries(walk.milestones_of(place, m), plan, today),
        [indicator_row(i, m.id, f.id, tuple(m.lead), today) for i in m.indicators],
        decided,
    )
