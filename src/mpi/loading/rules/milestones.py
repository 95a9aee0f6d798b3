"""Milestones: a date or a recurrence, consistent status, within the plan's span."""

from __future__ import annotations

from collections.abc import Iterator

from mpi.domain.dates import Due, series
from mpi.domain.deadlines import deadlines, is_open, occurrences
from mpi.domain.diagnostics import Diagnostic
from mpi.loading.rules.context import Context


def milestone_dates(ctx: Context) -> Iterator[Diagnostic]:
    """A milestone has either a due date or a recurrence; status and done date agree."""
    for place, m in ctx.milestones:
        name = f"{place.owner} milestone {m.id!r}"
        if m.due is None and m.recurrence is None:
            yield ctx.diagnostic(place, (), "milestone-due", f"{name} needs `due` or `recurrence`")
        if m.due is not None and m.recurrence is not None:
            yield ctx.diagnostic(
                place,
                ("recurrence",),
                "milestone-due",
                f"{name} has both `due` and `recurrence`; keep one",
            )
        if m.status == "done" and m.done is None:
            yield ctx.diagnostic(
                place, ("status",), "done-date", f"{name} is done but has no `done` date"
            )
        if m.status != "done" and m.done is not None:
            yield ctx.diagnostic(
                place,
                ("done",),
                "done-date",
                f"{name} is {m.status} but has a `done` date; remove it or set status: done",
            )
        if m.done is not None and m.done.start > ctx.today:
            yield ctx.diagnostic(
                place,
                ("done",),
                "done-date",
                f"{name} was done {m.done.iso()}, which is in the future",
            )


def recurrences(ctx: Context) -> Iterator[Diagnostic]:
    """A recurrence ends after it starts; its last held occurrence lies within it."""
    for place, m in ctx.milestones:
        r = m.recurrence
        if r is None:
            continue
        name = f"{place.owner} milestone {m.id!r}"
        if r.end is not None and r.end.end < r.start.end:
            yield ctx.diagnostic(
                place,
                ("recurrence", "end"),
                "recurrence",
                f"{name} ends ({r.end.iso()}) before it starts ({r.start.iso()})",
            )
        if m.status != "open":
            yield ctx.diagnostic(
                place,
                ("status",),
                "recurrence",
                f"{name} recurs: the series stays open; record each occurrence done or "
                "missed on its own (mpi milestone ... --occurrence), end the series with "
                "`recurrence.end`",
            )
        if r.last_done is not None:
            yield ctx.diagnostic(
                place,
                ("recurrence", "last_done"),
                "last-done",
                f"{name}: `last_done` counts every occurrence up to it as held; record "
                "occurrences one by one instead (mpi milestone ... done --occurrence D)",
                severity="warning",
            )
            if r.last_done.end < r.start.start:
                yield ctx.diagnostic(
                    place,
                    ("recurrence", "last_done"),
                    "recurrence",
                    f"{name}: last_done {r.last_done.iso()} lies before the start {r.start.iso()}",
                )
            # An occurrence may be held before it is due (the December report in November),
            # but none after the current one: that one has not come round yet.
            current = next(
                (
                    o
                    for o in series(r.start, r.every, r.end, ctx.plan.horizon)
                    if o.end >= ctx.today
                ),
                None,
            )
            if current is not None and r.last_done.end > current.end:
                yield ctx.diagnostic(
                    place,
                    ("recurrence", "last_done"),
                    "recurrence",
                    f"{name}: last_done {r.last_done.iso()} is in the future (the current "
                    f"occurrence is {current.iso()})",
                )


def dates_in_span(ctx: Context) -> Iterator[Diagnostic]:
    """Warn about deadlines long before the plan's adoption or after its horizon."""
    low, high = ctx.plan.adopted - 30, ctx.plan.horizon
    for place, m in ctx.milestones:
        due: Due | None = m.due or (m.recurrence.start if m.recurrence else None)
        key = "due" if m.due else "recurrence"
        if due is not None and not low <= due.year <= high:
            yield ctx.diagnostic(
                place,
                (key,),
                "date-range",
                f"{place.owner} milestone {m.id!r} is due {due.iso()}, outside the "
                f"plan's span {low}-{high}",
                severity="warning",
            )


def recorded_occurrences(ctx: Context) -> Iterator[Diagnostic]:
    """Recorded occurrences are ones the recurrence generates, once each, dated sensibly."""
    horizon = ctx.plan.horizon
    for place, m in ctx.milestones:
        if not m.occurrences:
            continue
        name = f"{place.owner} milestone {m.id!r}"
        if m.recurrence is None:
            yield ctx.diagnostic(
                place,
                ("occurrences",),
                "occurrence",
                f"{name} does not recur; record it with its own status and done date",
            )
            continue
        dues = occurrences(m, horizon)
        generated = set(dues)
        current = next((o for o in dues if o.end >= ctx.today), None)  # coming round now
        seen: set[Due] = set()
        for k, o in enumerate(m.occurrences):
            at = ("occurrences", k)
            if o.due not in generated:
                nearby = sorted(g.iso() for g in generated if g.year == o.due.year)
                listed = f" (in {o.due.year}: {', '.join(nearby)})" if nearby else ""
                yield ctx.diagnostic(
                    place,
                    (*at, "due"),
                    "occurrence",
                    f"{name} has no occurrence {o.due.iso()}{listed}",
                )
            elif current is not None and o.due.end > current.end:
                yield ctx.diagnostic(
                    place,
                    (*at, "due"),
                    "occurrence",
                    f"{name}: occurrence {o.due.iso()} has not come round yet (the current one "
                    f"is {current.iso()}); it cannot be {o.status} already",
                )
            elif o.due in seen:
                yield ctx.diagnostic(
                    place,
                    (*at, "due"),
                    "occurrence",
                    f"{name}: occurrence {o.due.iso()} is recorded twice",
                )
            seen.add(o.due)
            if o.status == "done" and o.done is None:
                yield ctx.diagnostic(
                    place,
                    (*at, "status"),
                    "done-date",
                    f"{name}: occurrence {o.due.iso()} is done but has no `done` date",
                )
            if o.status == "missed" and o.done is not None:
                yield ctx.diagnostic(
                    place,
                    (*at, "done"),
                    "done-date",
                    f"{name}: occurrence {o.due.iso()} is missed but has a `done` date",
                )
            if o.done is not None and o.done.start > ctx.today:
                yield ctx.diagnostic(
                    place,
                    (*at, "done"),
                    "done-date",
                    f"{name}: occurrence {o.due.iso()} was done {o.done.iso()}, "
                    "which is in the future",
                )


def finished_measures(ctx: Context) -> Iterator[Diagnostic]:
    """A measure that is done or dropped has no open milestones left (one warning each)."""
    horizon = ctx.plan.horizon
    for place, m in ctx.measures:
        if m.status not in ("done", "dropped"):
            continue
        still = [ms for ms in m.milestones if is_open(deadlines(ms, horizon, ctx.today))]
        if still:
            listed = ", ".join(ms.id for ms in still)
            series = any(ms.recurrence for ms in still)
            how = "mark them done or missed (mpi milestone)" + (
                ", and end a recurring one (`recurrence.end`)" if series else ""
            )
            yield ctx.diagnostic(
                place,
                ("status",),
                "open-milestone",
                f"{m.id} is {m.status}, but milestones are still open ({listed}); {how}",
                severity="warning",
            )
