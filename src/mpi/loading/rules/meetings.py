"""The meetings in meetings.yaml fit the plan: a body of the plan meets, partners and measures
named exist, results are recorded only for a meeting that took place, every decision and
action item names an agenda item (TOP) the meeting has, and an action item's days are in
order (given after the meeting, closed between the meeting and today)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.meetings import TIME, Meeting
from mpi.domain.words import suggest
from mpi.i18n import _, formats
from mpi.loading.rules.context import Context
from mpi.loading.sources import SourceFile


def meetings_consistent(ctx: Context) -> Iterator[Diagnostic]:
    source = ctx.meetings
    if source is None:
        return
    plan = ctx.plan
    bodies = [b.id for b in plan.monitoring.bodies] if plan.monitoring else []
    partners = [p.id for p in plan.partners]
    measures = {m.id for f in plan.fields for m in f.measures}
    seen: set[str] = set()
    for i, m in enumerate(plan.meetings):
        at = ("meetings", i)
        if m.id in seen:
            said = _("meeting id {id} is used twice").format(id=m.id)
            yield source.diagnostic((*at, "id"), "duplicate-id", said)
        seen.add(m.id)
        if m.time is not None and not re.fullmatch(TIME, m.time):
            said = _("{time} is not a time of day like 10:00 or 10:00-12:00")
            yield source.diagnostic((*at, "time"), "meeting-time", said.format(time=repr(m.time)))
        if m.body not in bodies:
            yield _unknown(source, (*at, "body"), _("body"), m.body, bodies)
        for key, people in (("participants", m.participants), ("attendance", m.attendance)):
            named: set[str] = set()
            for j, p in enumerate(people):
                if p.partner in named:
                    said = _("{partner} is listed twice").format(partner=p.partner)
                    yield source.diagnostic((*at, key, j, "partner"), "duplicate-id", said)
                named.add(p.partner)
                if p.partner not in partners:
                    yield _unknown(
                        source, (*at, key, j, "partner"), _("partner"), p.partner, partners
                    )
        for j, top in enumerate(m.agenda):
            for k, lead in enumerate(top.lead):
                if lead not in partners:
                    yield _unknown(
                        source, (*at, "agenda", j, "lead", k), _("partner"), lead, partners
                    )
            for k, item in enumerate(top.items):
                if item not in measures:
                    said = _("measure {id} is not in the plan").format(id=item)
                    yield source.diagnostic((*at, "agenda", j, "items", k), "unknown-ref", said)
        yield from _results(source, at, m, ctx)
        yield from _actions(source, at, m, partners, ctx)


def _results(
    source: SourceFile, at: tuple[str | int, ...], m: Meeting, ctx: Context
) -> Iterator[Diagnostic]:
    if m.date > ctx.today:  # apologies may come before; nothing else
        present = [p for p in m.attendance if not p.excused]
        for key, results in (
            ("attendance", present),
            ("decisions", m.decisions),
            ("actions", m.actions),
        ):
            if results:
                said = _(
                    "the meeting of {day} has not taken place yet; record its results after it"
                ).format(day=formats.day(m.date))
                yield source.diagnostic((*at, key), "meeting-future", said, key=True)
                break
    tops: list[tuple[str, int, int | None]] = [
        ("decisions", j, d.top) for j, d in enumerate(m.decisions)
    ]
    tops += [("actions", j, a.top) for j, a in enumerate(m.actions)]
    for key, j, top in tops:
        if top is not None and top > len(m.agenda):
            said = _("TOP {number} is not on the agenda of that meeting ({count} items)")
            said = said.format(number=top, count=len(m.agenda))
            yield source.diagnostic((*at, key, j, "top"), "decision-top", said)


def _actions(
    source: SourceFile, at: tuple[str | int, ...], m: Meeting, partners: list[str], ctx: Context
) -> Iterator[Diagnostic]:
    numbers: set[int] = set()
    for j, a in enumerate(m.actions):
        where = (*at, "actions", j)
        if a.number in numbers:
            said = _("action item {number} is numbered twice").format(number=a.number)
            yield source.diagnostic((*where, "number"), "duplicate-id", said)
        numbers.add(a.number)
        if a.owner not in partners:
            yield _unknown(source, (*where, "owner"), _("partner"), a.owner, partners)
        if a.due < m.date:
            said = _("due {due} lies before the meeting that gave it ({day})")
            said = said.format(due=formats.day(a.due), day=formats.day(m.date))
            yield source.diagnostic((*where, "due"), "action-date", said)
        if a.status == "open" and a.closed is not None:
            said = _("an open action item has no `closed` day; set `status` to done or dropped")
            yield source.diagnostic((*where, "closed"), "action-closed", said)
        elif a.status != "open" and a.closed is None:
            said = _("say when it was closed: `closed` with its day")
            yield source.diagnostic((*where, "status"), "action-closed", said)
        elif a.closed is not None and not m.date <= a.closed <= ctx.today:
            said = _("closed on {day}: not between the meeting ({meeting}) and today")
            said = said.format(day=formats.day(a.closed), meeting=formats.day(m.date))
            yield source.diagnostic((*where, "closed"), "action-date", said)


def _unknown(
    source: SourceFile, path: tuple[str | int, ...], what: str, value: str, known: list[str]
) -> Diagnostic:
    said = _("unknown {what} {value}").format(what=what, value=value)
    said += suggest(value, known) or _(" (known: {known})").format(known=", ".join(known))
    return source.diagnostic(path, "unknown-ref", said)
