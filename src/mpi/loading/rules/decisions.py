"""Decisions are what they say: every decision on record names what identifies it (a meeting
of a body of the plan with its day, a Drucksache, a decision of the Senate), a day it names
is its `date`, and it is not dated after today (`mpi.domain.reference`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mpi.domain.decided import Decision
from mpi.domain.diagnostics import Diagnostic
from mpi.domain.reference import problems
from mpi.loading.rules.context import Context
from mpi.loading.sources import SourceFile

KeyPath = tuple[str | int, ...]


def decisions_identified(ctx: Context) -> Iterator[Diagnostic]:
    plan = ctx.plan
    bodies = [x for b in plan.monitoring.bodies for x in (b.id, b.name)] if plan.monitoring else []

    def check(
        source: SourceFile, path: KeyPath, records: Sequence[Decision]
    ) -> Iterator[Diagnostic]:
        for i, d in enumerate(records):
            for code, message in problems(d.text, d.date, ctx.today, bodies):
                sub = "text" if code == "decision-unidentified" else "date"
                yield source.diagnostic((*path, "decisions", i, sub), code, message)

    yield from check(ctx.plan_source, (), plan.decisions)
    for i, body in enumerate(plan.monitoring.bodies if plan.monitoring else []):
        yield from check(ctx.plan_source, ("monitoring", "bodies", i), body.decisions)
    for source, f in ctx.fields:
        yield from check(source, (), f.decisions)
    for place, m in ctx.measures:
        yield from check(ctx.source(place), place.path, m.decisions)
    for place, ms in ctx.milestones:
        yield from check(ctx.source(place), place.path, ms.decisions)
    for place, ind in ctx.indicators:
        yield from check(ctx.source(place), place.path, ind.decisions)
