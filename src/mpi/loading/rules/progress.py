"""Progress records: indicator targets and values, the updates log."""

from __future__ import annotations

from collections.abc import Iterator

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.model import Update
from mpi.domain.words import number
from mpi.loading.rules.context import Context
from mpi.loading.sources import SourceFile


def indicator_targets(ctx: Context) -> Iterator[Diagnostic]:
    """A target lies in the indicator's direction from its baseline, and not before it."""
    for place, ind in ctx.indicators:
        base, target = ind.baseline, ind.target
        if base is not None:
            wrong = (
                target.value < base.value
                if ind.direction == "at_least"
                else target.value > base.value
            )
            if wrong:
                side = "below" if ind.direction == "at_least" else "above"
                yield ctx.diagnostic(
                    place,
                    ("target", "value"),
                    "indicator-target",
                    f"indicator {ind.id!r}: target {number(target.value)} lies {side} the "
                    f"baseline {number(base.value)}, against direction {ind.direction}",
                )
            if isinstance(target.year, int) and target.year < base.year:
                yield ctx.diagnostic(
                    place,
                    ("target", "year"),
                    "indicator-target",
                    f"indicator {ind.id!r}: target year {target.year} lies before the "
                    f"baseline year {base.year}",
                )


def reading_dates(ctx: Context) -> Iterator[Diagnostic]:
    """No indicator value is recorded for a day in the future."""
    for place, ind in ctx.indicators:
        for k, reading in enumerate(ind.values):
            if reading.date > ctx.today:
                yield ctx.diagnostic(
                    place,
                    ("values", k, "date"),
                    "reading-date",
                    f"indicator {ind.id!r}: value recorded for {reading.date}, which "
                    "is in the future",
                )


def update_log(ctx: Context) -> Iterator[Diagnostic]:
    """Updates are in date order and none lies in the future: the logs of the measures, of
    the plan level and of the monitoring bodies."""
    logs: list[tuple[SourceFile, tuple[str | int, ...], str, list[Update]]] = [
        (ctx.source(place), place.path, m.id, m.updates) for place, m in ctx.measures
    ]
    logs.append((ctx.plan_source, (), "plan", ctx.plan.updates))
    if ctx.plan.monitoring:
        for i, body in enumerate(ctx.plan.monitoring.bodies):
            path: tuple[str | int, ...] = ("monitoring", "bodies", i)
            logs.append((ctx.plan_source, path, body.id, body.updates))
    for source, path, owner, updates in logs:
        for j, update in enumerate(updates):
            at = (*path, "updates", j, "date")
            if update.date > ctx.today:
                yield source.diagnostic(
                    at, "update-date", f"{owner}: update dated {update.date} is in the future"
                )
            if j and update.date < updates[j - 1].date:
                yield source.diagnostic(
                    at,
                    "update-order",
                    f"{owner}: update dated {update.date} comes after one dated "
                    f"{updates[j - 1].date}; keep the log in date order",
                    severity="warning",
                )
