"""Decisions are what they say: every decision on record names what identifies it (a meeting
of a body of the plan with its day, a Drucksache, a decision of the Senate), a day it names
is its `date`, and it is not dated after today (`mpi.domain.reference`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from mpi.domain.decided import Decision
from mpi.domain.diagnostics import Diagnostic
from mpi.domain.reference import TOP, body_forms, by_other_authority, problems, read
from mpi.domain.walk import KeyPath
from mpi.domain.words import fold
from mpi.i18n import _, formats
from mpi.loading.rules.context import Context
from mpi.loading.sources import SourceFile


def decisions_identified(ctx: Context) -> Iterator[Diagnostic]:
    bodies = _bodies(ctx)
    for source, path, d in _records(ctx):
        for code, message in problems(d.text, d.date, ctx.today, bodies):
            sub = "text" if code == "decision-unidentified" else "date"
            yield source.diagnostic((*path, sub), code, message)


def meeting_decisions(ctx: Context) -> Iterator[Diagnostic]:
    """Where the plan keeps a body's meetings (meetings.yaml), a decision of that body from
    its first meeting on record on names one on record, on its day, and an agenda item
    (TOP) that meeting has. Decisions from before the record began stay as they are."""
    if ctx.meetings is None or not ctx.plan.meetings:
        return
    bodies = _bodies(ctx)
    names = {b.id: b.name for b in ctx.plan.monitoring.bodies} if ctx.plan.monitoring else {}
    first: dict[str, date] = {}
    for m in ctx.plan.meetings:
        first[m.body] = min(first.get(m.body, m.date), m.date)
    for source, path, d in _records(ctx):
        found = read(d.text, bodies)
        if found.kind != "meeting" or found.impossible or by_other_authority(d.text):
            continue
        folded = fold(d.text)[0]
        named = [b for b in first if any(w in folded for w in body_forms(b, names.get(b, "")))]
        if not any(day >= first[b] for b in named for day in found.days):
            continue  # before the meetings of its body were recorded, or another body's
        held = [m for m in ctx.plan.meetings if m.body in named and m.date in found.days]
        if not held:
            days = ", ".join(formats.day(x) for x in found.days)
            yield source.diagnostic(
                (*path, "text"),
                "decision-meeting",
                _(
                    "no meeting it names ({days}) is in meetings.yaml: record the meeting "
                    "(mpi meeting new) or correct the decision"
                ).format(days=days),
            )
            continue
        top = TOP.search(d.text)
        if top is None and all(m.agenda for m in held):
            said = _("name the agenda item it was taken under (TOP 3); the meeting has {count}")
            yield source.diagnostic(
                (*path, "text"), "decision-top", said.format(count=len(held[0].agenda))
            )
        elif top and not any(not m.agenda or 1 <= int(top[1]) <= len(m.agenda) for m in held):
            yield source.diagnostic(
                (*path, "text"),
                "decision-top",
                _("TOP {number} is not on the agenda of that meeting ({count} items)").format(
                    number=top[1], count=len(held[0].agenda)
                ),
            )


def _bodies(ctx: Context) -> list[str]:
    plan = ctx.plan
    return [x for b in plan.monitoring.bodies for x in (b.id, b.name)] if plan.monitoring else []


def _records(ctx: Context) -> Iterator[tuple[SourceFile, KeyPath, Decision]]:
    """Every decision on record, with its file and the path of its entry."""
    plan, source = ctx.plan, ctx.plan_source
    bodies = plan.monitoring.bodies if plan.monitoring else []
    held: list[tuple[SourceFile, KeyPath, Sequence[Decision]]] = [(source, (), plan.decisions)]
    held += [(source, ("monitoring", "bodies", i), b.decisions) for i, b in enumerate(bodies)]
    held += [(src, (), f.decisions) for src, f in ctx.fields]
    held += [(ctx.source(p), p.path, m.decisions) for p, m in ctx.measures]
    held += [(ctx.source(p), p.path, ms.decisions) for p, ms in ctx.milestones]
    held += [(ctx.source(p), p.path, ind.decisions) for p, ind in ctx.indicators]
    for src, path, records in held:
        for i, d in enumerate(records):
            yield src, (*path, "decisions", i), d
