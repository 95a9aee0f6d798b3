"""Is what is recorded plausible? Checks of a value or a milestone's state against what the
plan holds: a slip of the unit or the decimal separator, a second value for one period, a
deadline marked missed years before it. They warn and the edit is written all the same;
only a second value for a period refuses, unless `--replace` says it is meant.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mpi.domain.dates import Due, DueError
from mpi.domain.errors import InvalidValue
from mpi.i18n import _, formats
from mpi.loading.positions import PMap

PERCENT = "%"
# A value this many times the last one (or this fraction of it) is a slip (the messages say 100).
FACTOR = 100


def check_unit(percent: bool, unit: str, indicator: str) -> None:
    """A value typed with `%` for an indicator measured in something else is refused."""
    if percent and unit.strip() != PERCENT:
        raise InvalidValue(
            "value",
            _("typed as a percentage, but {indicator} is measured in {unit}").format(
                indicator=indicator, unit=unit or _("no unit")
            ),
        )


def period_of(item: object) -> Due | None:
    """What a recorded value refers to: its `period`, else its day."""
    if not isinstance(item, PMap):
        return None
    try:
        return Due.parse(item.get("period") if item.get("period") is not None else item.get("date"))
    except DueError:
        return None


def same_period(values: Any, wanted: Due) -> int | None:
    """The index of the value already recorded for `wanted`, or None."""
    items = values if isinstance(values, list) else []
    return next((i for i, item in enumerate(items) if period_of(item) == wanted), None)


def _amount(value: float, unit: str) -> str:
    return f"{formats.number(value)} {unit}".rstrip()


def value_cautions(value: float, unit: str, values: Any, skip: int | None) -> list[str]:
    """Warnings for a new value: a share above 100 % or below 0, or a value a hundred times
    (or a hundredth of) the last one recorded (`skip`: the one it replaces). Whether it was
    written (or only tried, --dry-run) the command says after them."""
    said, amount = [], _amount(value, unit)
    if unit.strip() == PERCENT and value > 100:
        said.append(_("{amount} is more than 100 %: check the value").format(amount=amount))
    if unit.strip() == PERCENT and value < 0:
        said.append(_("{amount} is a negative share: check the value").format(amount=amount))
    items = [v for i, v in enumerate(values or []) if i != skip and isinstance(v, PMap)]
    dated = [(period_of(v), v.get("value")) for v in items]
    known = [(p, v) for p, v in dated if p is not None and isinstance(v, int | float) and v]
    if not known or not value:
        return said
    when, last = max(known, key=lambda pv: pv[0])
    ratio = abs(value / last)
    if ratio >= FACTOR or ratio <= 1 / FACTOR:
        message = (
            _(
                "{amount} is more than 100 times the last value, {last} ({when}): check the "
                "unit and the decimal separator"
            )
            if ratio >= FACTOR
            else _(
                "{amount} is less than a hundredth of the last value, {last} ({when}): check "
                "the unit and the decimal separator"
            )
        )
        said.append(
            message.format(
                amount=amount,
                last=_amount(float(last), unit),
                when=formats.due(when) if when is not None else "",
            )
        )
    return said


def missed_ahead(due: object, today: date, milestone: str) -> str | None:
    """A warning where a milestone is marked missed before its period has even begun."""
    try:
        deadline = Due.parse(due)
    except DueError:
        return None
    if deadline.start <= today:
        return None
    return _(
        "milestone {milestone} is marked missed, but its deadline {due} is still ahead; if "
        "it was meant for another milestone or as done, mark it again"
    ).format(milestone=milestone, due=formats.due(deadline))
