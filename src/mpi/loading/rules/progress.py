"""Progress records: indicator targets and values, the updates log."""

from __future__ import annotations

from collections.abc import Iterator

from mpi.domain.diagnostics import Diagnostic
from mpi.i18n import _, formats
from mpi.loading.rules.context import Context


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
                template = (
                    _(
                        "indicator {indicator}: target {target} lies below the baseline "
                        "{baseline}, against direction {direction}"
                    )
                    if ind.direction == "at_least"
                    else _(
                        "indicator {indicator}: target {target} lies above the baseline "
                        "{baseline}, against direction {direction}"
                    )
                )
                yield ctx.diagnostic(
                    place,
                    ("target", "value"),
                    "indicator-target",
                    template.format(
                        indicator=repr(ind.id),
                        target=formats.number(target.value),
                        baseline=formats.number(base.value),
                        direction=f"`{ind.direction}`",
                    ),
                )
            if isinstance(target.year, int) and target.year < base.year:
                yield ctx.diagnostic(
                    place,
                    ("target", "year"),
                    "indicator-target",
                    _(
                        "indicator {indicator}: target year {year} lies before the baseline "
                        "year {baseline}"
                    ).format(indicator=repr(ind.id), year=target.year, baseline=base.year),
                )


def reading_dates(ctx: Context) -> Iterator[Diagnostic]:
    """No indicator value is recorded for a day in the future, nor before the period it
    refers to began."""
    for place, ind in ctx.indicators:
        for k, reading in enumerate(ind.values):
            if reading.period is not None and reading.period.start > reading.date:
                yield ctx.diagnostic(
                    place,
                    ("values", k, "period"),
                    "reading-date",
                    _(
                        "indicator {indicator}: a value for {period} recorded on {day}, before "
                        "that period began"
                    ).format(indicator=repr(ind.id), period=reading.period.iso(), day=reading.date),
                )
            if reading.date > ctx.today:
                yield ctx.diagnostic(
                    place,
                    ("values", k, "date"),
                    "reading-date",
                    _(
                        "indicator {indicator}: value recorded for {day}, which is in the future"
                    ).format(indicator=repr(ind.id), day=reading.date),
                )


def update_log(ctx: Context) -> Iterator[Diagnostic]:
    """Updates are in date order and none lies in the future: the logs of the measures, of
    the plan level and of the monitoring bodies."""
    for source, path, owner, updates in ctx.logs():
        for j, update in enumerate(updates):
            at = (*path, "updates", j, "date")
            if update.date > ctx.today:
                yield source.diagnostic(
                    at,
                    "update-date",
                    _("{owner}: update dated {day} is in the future").format(
                        owner=owner, day=update.date
                    ),
                )
            if j and update.date < updates[j - 1].date:
                yield source.diagnostic(
                    at,
                    "update-order",
                    _(
                        "{owner}: update dated {day} comes after one dated {previous}; keep the "
                        "log in date order"
                    ).format(owner=owner, day=update.date, previous=updates[j - 1].date),
                    severity="warning",
                )
