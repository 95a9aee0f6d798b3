"""Milestones: a date or a recurrence, consistent status, within the plan's span."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from mpi.domain.dates import Due, series
from mpi.domain.deadlines import deadlines, is_open, occurrences
from mpi.domain.diagnostics import Diagnostic
from mpi.domain.items import Occurrence
from mpi.domain.types import Recurrence
from mpi.domain.walk import Place
from mpi.i18n import _, pgettext
from mpi.loading.rules.context import Context


def _named(owner: str, milestone: str) -> str:
    """`HF1.10 milestone 'a26-ost'`: a milestone as messages name it."""
    return _("{owner} milestone {milestone}").format(owner=owner, milestone=repr(milestone))


def milestone_dates(ctx: Context) -> Iterator[Diagnostic]:
    """A milestone has either a due date or a recurrence; status and done date agree."""
    for place, m in ctx.milestones:
        name = _named(place.owner, m.id)
        if m.due is None and m.recurrence is None:
            said = _("{milestone} needs `due` or `recurrence`").format(milestone=name)
            yield ctx.diagnostic(place, (), "milestone-due", said)
        if m.due is not None and m.recurrence is not None:
            said = _("{milestone} has both `due` and `recurrence`; keep one").format(milestone=name)
            yield ctx.diagnostic(place, ("recurrence",), "milestone-due", said)
        if m.status == "done" and m.done is None:
            said = _("{milestone} is done but has no `done` date").format(milestone=name)
            yield ctx.diagnostic(place, ("status",), "done-date", said)
        if m.status != "done" and m.done is not None:
            said = _("{milestone} is {status} but has a `done` date; remove it or set status: done")
            said = said.format(milestone=name, status=pgettext("milestone state", m.status))
            yield ctx.diagnostic(place, ("done",), "done-date", said)
        if m.done is not None and m.done.start > ctx.today:
            said = _("{milestone} was done {done}, which is in the future")
            said = said.format(milestone=name, done=m.done.iso())
            yield ctx.diagnostic(place, ("done",), "done-date", said)


def recurrences(ctx: Context) -> Iterator[Diagnostic]:
    """A recurrence ends after it starts; its last held occurrence lies within it."""
    for place, m in ctx.milestones:
        r = m.recurrence
        if r is None:
            continue
        name = _named(place.owner, m.id)
        if r.end is not None and r.end.end < r.start.end:
            said = _("{milestone} ends ({end}) before it starts ({start})")
            said = said.format(milestone=name, end=r.end.iso(), start=r.start.iso())
            yield ctx.diagnostic(place, ("recurrence", "end"), "recurrence", said)
        if m.status != "open":
            said = _(
                "{milestone} recurs: the series stays open; record each occurrence done or "
                "missed on its own (`occurrences`), end the series with `recurrence.end`"
            )
            yield ctx.diagnostic(place, ("status",), "recurrence", said.format(milestone=name))
        if r.last_done is not None:
            yield from _last_done(ctx, place, r, r.last_done, name)


def _last_done(
    ctx: Context, place: Place, r: Recurrence, last: Due, name: str
) -> Iterator[Diagnostic]:
    """`last_done` (an old way of counting held occurrences): a warning, and an error where
    it lies before the start or after the occurrence that is current."""
    at = ("recurrence", "last_done")
    said = _(
        "{milestone}: `last_done` counts every occurrence up to it as held; record "
        "occurrences one by one instead (`occurrences`, as mpi milestone writes them)"
    )
    yield ctx.diagnostic(place, at, "last-done", said.format(milestone=name), "warning")
    if last.end < r.start.start:
        said = _("{milestone}: last_done {last} lies before the start {start}")
        said = said.format(milestone=name, last=last.iso(), start=r.start.iso())
        yield ctx.diagnostic(place, at, "recurrence", said)
    # An occurrence may be held before it is due (the December report in November),
    # but none after the current one: that one has not come round yet.
    current = next(
        (o for o in series(r.start, r.every, r.end, ctx.plan.horizon) if o.end >= ctx.today),
        None,
    )
    if current is not None and last.end > current.end:
        said = _(
            "{milestone}: last_done {last} is in the future (the current occurrence is {current})"
        )
        said = said.format(milestone=name, last=last.iso(), current=current.iso())
        yield ctx.diagnostic(place, at, "recurrence", said)


def dates_in_span(ctx: Context) -> Iterator[Diagnostic]:
    """Warn about deadlines long before the plan's adoption or after its horizon."""
    low, high = ctx.plan.adopted - 30, ctx.plan.horizon
    for place, m in ctx.milestones:
        due: Due | None = m.due or (m.recurrence.start if m.recurrence else None)
        key = "due" if m.due else "recurrence"
        if due is not None and not low <= due.year <= high:
            said = _("{milestone} is due {due}, outside the plan's span {low}-{high}")
            name = _named(place.owner, m.id)
            said = said.format(milestone=name, due=due.iso(), low=low, high=high)
            yield ctx.diagnostic(place, (key,), "date-range", said, "warning")


def recorded_occurrences(ctx: Context) -> Iterator[Diagnostic]:
    """Recorded occurrences are ones the recurrence generates, once each, dated sensibly."""
    horizon = ctx.plan.horizon
    for place, m in ctx.milestones:
        if not m.occurrences:
            continue
        name = _named(place.owner, m.id)
        if m.recurrence is None:
            said = _("{milestone} does not recur; record it with its own status and done date")
            yield ctx.diagnostic(place, ("occurrences",), "occurrence", said.format(milestone=name))
            continue
        dues = occurrences(m, horizon)
        current = next((o for o in dues if o.end >= ctx.today), None)  # coming round now
        seen: set[Due] = set()
        for k, o in enumerate(m.occurrences):
            found = _which(name, o, set(dues), current, seen) + _held(name, o, ctx.today)
            for sub, code, said in found:
                yield ctx.diagnostic(place, ("occurrences", k, sub), code, said)
            seen.add(o.due)


Said = list[tuple[str, str, str]]  # the key below the occurrence, the code, the message


def _which(
    name: str, o: Occurrence, generated: set[Due], current: Due | None, seen: set[Due]
) -> Said:
    """An occurrence the recurrence generates, come round already, recorded once."""
    if o.due not in generated:
        nearby = sorted(g.iso() for g in generated if g.year == o.due.year)
        listed = (
            _(" (in {year}: {occurrences})").format(year=o.due.year, occurrences=", ".join(nearby))
            if nearby
            else ""
        )
        said = _("{milestone} has no occurrence {occurrence}{listed}")
        said = said.format(milestone=name, occurrence=o.due.iso(), listed=listed)
        return [("due", "occurrence", said)]
    if current is not None and o.due.end > current.end:
        said = _(
            "{milestone}: occurrence {occurrence} has not come round yet (the current "
            "one is {current}); it cannot be {status} already"
        ).format(
            milestone=name,
            occurrence=o.due.iso(),
            current=current.iso(),
            status=pgettext("milestone state", o.status),
        )
        return [("due", "occurrence", said)]
    if o.due in seen:
        said = _("{milestone}: occurrence {occurrence} is recorded twice")
        return [("due", "occurrence", said.format(milestone=name, occurrence=o.due.iso()))]
    return []


def _held(name: str, o: Occurrence, today: date) -> Said:
    """A done occurrence has its day, a missed one none, and no day lies in the future."""
    out: Said = []
    if o.status == "done" and o.done is None:
        said = _("{milestone}: occurrence {occurrence} is done but has no `done` date")
        out.append(("status", "done-date", said.format(milestone=name, occurrence=o.due.iso())))
    if o.status == "missed" and o.done is not None:
        said = _("{milestone}: occurrence {occurrence} is missed but has a `done` date")
        out.append(("done", "done-date", said.format(milestone=name, occurrence=o.due.iso())))
    if o.done is not None and o.done.start > today:
        said = _(
            "{milestone}: occurrence {occurrence} was done {done}, which is in the future"
        ).format(milestone=name, occurrence=o.due.iso(), done=o.done.iso())
        out.append(("done", "done-date", said))
    return out


def finished_measures(ctx: Context) -> Iterator[Diagnostic]:
    """A measure that is done or dropped has no open milestones left (one warning each)."""
    horizon = ctx.plan.horizon
    for place, m in ctx.measures:
        if m.status not in ("done", "dropped"):
            continue
        still = [ms for ms in m.milestones if is_open(deadlines(ms, horizon, ctx.today))]
        if still:
            listed = ", ".join(ms.id for ms in still)
            how = (
                _(
                    "mark them done or missed (mpi milestone), and end a recurring one "
                    "(`recurrence.end`)"
                )
                if any(ms.recurrence for ms in still)
                else _("mark them done or missed (mpi milestone)")
            )
            said = _("{measure} is {status}, but milestones are still open ({listed}); {how}")
            status = pgettext("measure status", m.status)
            said = said.format(measure=m.id, status=status, listed=listed, how=how)
            yield ctx.diagnostic(place, ("status",), "open-milestone", said, "warning")
