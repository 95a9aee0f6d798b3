"""The public site (`mpi site`): every page's rows, from the plan, its git history and the
site's configuration. One pass over the plan; nothing here is written or formatted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mpi.domain import walk
from mpi.domain.change import Change
from mpi.domain.model import MonitoringBody, Partner, Plan
from mpi.domain.site import SiteConfig
from mpi.domain.words import natural_key
from mpi.loading.load import Loaded
from mpi.views.calendar import CalendarView, all_entries, calendar
from mpi.views.changes import ChangeLog
from mpi.views.dated import dated_changes
from mpi.views.decisions import DecisionRow, decisions
from mpi.views.due import DueRow, all_due, late
from mpi.views.history import KINDS, Event
from mpi.views.indicators import IndicatorRow
from mpi.views.made_from import MadeFrom
from mpi.views.measures import (
    MeasureDetail,
    MeasureFilter,
    MeasureRow,
    deadlines_by_measure,
    detail_of,
    list_measures,
)
from mpi.views.meetings import MeetingRow, meeting_rows
from mpi.views.milestones import MilestoneSummary, summaries
from mpi.views.status import StatusSummary, status

LATEST = 10  # changes on the start page
NEXT = 8  # next deadlines on the start page


@dataclass(frozen=True)
class MeasurePage:
    detail: MeasureDetail
    row: MeasureRow
    history: list[Event]  # newest first; empty outside git


@dataclass(frozen=True)
class PartnerPage:
    partner: Partner
    leads: list[MeasureRow]
    involved: list[MeasureRow]
    late: list[DueRow]  # overdue, delayed or missed deadlines of the measures it leads


@dataclass(frozen=True)
class BodyPage:
    body: MonitoringBody
    milestones: list[MilestoneSummary]
    meetings: list[MeetingRow]
    decisions: list[DecisionRow]


@dataclass(frozen=True)
class Site:
    plan: Plan
    today: date
    config: SiteConfig | None  # None: a preview, the deployment's facts are not configured
    made: MadeFrom
    status: StatusSummary
    measures: list[MeasurePage]  # in id order
    indicators: list[IndicatorRow]
    partners: list[PartnerPage]
    bodies: list[BodyPage]
    deadlines: list[DueRow]  # every deadline, by day
    changes: list[Change]  # what the plan records as happened, newest first
    log: ChangeLog | None  # the plan's change log (None: not in git)
    calendars: dict[str, CalendarView]  # by file name: plan, HF1, partner-hk, ...
    stamp: datetime  # when the plan last changed (calendars, open data)

    @property
    def history(self) -> bool:
        """Whether the measure pages have a git history (the plan is in git)."""
        return self.log is not None

    @property
    def partner_names(self) -> dict[str, str]:
        return {p.id: p.short for p in self.plan.partners}

    def rows_of(self, field: str) -> list[MeasureRow]:
        return [p.row for p in self.measures if p.row.field == field]

    @property
    def late(self) -> list[DueRow]:
        """What the start page names first: overdue, delayed and missed deadlines."""
        return [r for r in self.deadlines if late_or_missed(r)]


def late_or_missed(row: DueRow) -> bool:
    return late(row) or row.status == "missed"


def build(
    loaded: Loaded,
    today: date,
    made: MadeFrom,
    config: SiteConfig | None,
    log: ChangeLog | None,
    stamp: datetime,
) -> Site:
    """Every page's rows; `log` is the plan's change log (None outside git), `stamp` when
    the plan last changed (the calendars' DTSTAMP)."""
    plan = loaded.plan
    assert plan is not None
    deadlines = all_due(plan, today)  # once, for every list of the site
    decided: dict[str, list[DecisionRow]] = {}
    for d in decisions(plan):
        decided.setdefault(d.owner, []).append(d)
    pages, indicators = _measure_pages(plan, today, deadlines, decided, log)
    by_measure = deadlines_by_measure(deadlines)
    partner_pages = []
    for p in plan.partners:
        leads = [page.row for page in pages if p.id in page.row.lead]
        involved = [page.row for page in pages if p.id in page.detail.measure.involved]
        late = [r for row in leads for r in by_measure.get(row.id, []) if late_or_missed(r)]
        partner_pages.append(PartnerPage(p, leads, involved, late))
    bodies = []
    for b in plan.monitoring.bodies if plan.monitoring else []:
        places = [(pl, ms) for pl, ms in walk.milestones(plan, []) if pl.owner == b.id]
        summary = summaries(places, plan, today)
        meetings = meeting_rows(plan, today, b.id)
        bodies.append(BodyPage(b, summary, meetings, decided.get(b.id, [])))
    changes = dated_changes(plan, date(plan.adopted, 1, 1))
    changes.sort(key=lambda c: c.date or "", reverse=True)
    return Site(
        plan=plan,
        today=today,
        config=config,
        made=made,
        status=status(plan, today, NEXT, due=deadlines),
        measures=pages,
        indicators=indicators,
        partners=partner_pages,
        bodies=bodies,
        deadlines=deadlines,
        changes=changes,
        log=log,
        calendars=_calendars(plan, stamp, today),
        stamp=stamp,
    )


def _measure_pages(
    plan: Plan,
    today: date,
    deadlines: list[DueRow],
    decided: dict[str, list[DecisionRow]],
    log: ChangeLog | None,
) -> tuple[list[MeasurePage], list[IndicatorRow]]:
    """Each measure's page (in id order) with its history from the change log, and every
    indicator's row."""
    events: dict[str, list[Event]] = {}
    for e in reversed(log.entries if log else []):
        if e.change.kind in KINDS and "." in e.change.subject:
            events.setdefault(e.change.subject, []).insert(0, Event(e.commit, e.day, e.change))
    rows = {r.id: r for r in list_measures(plan, MeasureFilter(), today, deadlines)}
    partners = {p.id: p.short for p in plan.partners}
    pages, indicators = [], []
    for f in plan.fields:
        for place, m in walk.measures([f]):
            detail = detail_of(plan, (f, place, m), today, partners, decided.get(m.id, []))
            indicators += detail.indicators
            pages.append(MeasurePage(detail, rows[m.id], events.get(m.id, [])))
    pages.sort(key=lambda p: natural_key(p.row.id))
    return pages, indicators


def _calendars(plan: Plan, stamp: datetime, today: date) -> dict[str, CalendarView]:
    """The calendars people subscribe to, by file name: the whole plan's, each
    Handlungsfeld's and each partner's (the measures it leads)."""
    every = all_entries(plan, today)
    out = {"plan": calendar(plan, stamp, today, entries=every)}
    for f in plan.fields:
        out[f.id] = calendar(plan, stamp, today, fields=(f.id,), entries=every)
    for p in plan.partners:
        out[f"partner-{p.id}"] = calendar(plan, stamp, today, leads=(p.id,), entries=every)
    return out
