"""How a commitment changed, read politically: a deadline postponed or advanced, a target
lowered or raised, a recurring duty thinned out, the kind of a date softened.

Pure functions of the old and the new item; `mpi.domain.compare` puts them together for a
whole plan. A change is *weakening* when it lets someone do less or later than adopted; a
weakening change needs a decision of the partners, and the decision that covers it is the
latest one on the item that names the value the item has now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

from mpi.domain.dates import Due, series
from mpi.domain.decided import (
    Correction,
    Decision,
    IndicatorCorrection,
    IndicatorDecision,
    MilestoneCorrection,
    MilestoneDecision,
)
from mpi.domain.items import Indicator, Milestone
from mpi.domain.types import Recurrence

Shift = Literal[
    "postponed",  # a deadline or target year later
    "advanced",  # earlier
    "rescheduled",  # a deadline that cannot be compared: one without a date, recurring or not
    "softened",  # the kind of a date: bis -> voraussichtlich or ab, voraussichtlich -> ab
    "firmed",  # the other way
    "thinned",  # a recurring duty less often, starting later or ending earlier
    "extended",  # more often, starting earlier or ending later
    "lowered",  # a target less ambitious (at_least smaller, at_most larger)
    "raised",  # more ambitious
    "redefined",  # a target's direction turned
]
# How binding a kind of date is: `bis` binds, `ab` (start) binds a beginning, `voraussichtlich`
# expects, `ab` (from) only opens; a date from before the plan or another body's binds nobody.
_FIRMNESS = {"by": 4, "start": 3, "expected": 2, "from": 1, "history": 0}
EVERY = {"half-yearly": 2, "yearly": 1}  # occurrences a year

D = TypeVar("D", bound=Decision | Correction)


def moment(m: Milestone) -> str:
    """A milestone's schedule as one canonical text: `2030`, `half-yearly from 2023 to
    2030`, `–` without one (what `mpi diff --format json` shows as old and new)."""
    if m.recurrence is None:
        return m.due.iso() if m.due else "–"
    r = m.recurrence
    end = f" to {r.end.iso()}" if r.end else ""
    return f"{r.every} from {r.start.iso()}{end}"


def span(old: Due, new: Due, kind: str) -> tuple[int | None, int | None]:
    """How far a deadline moved: (months, None) where both are years or months, else
    (None, days). An `ab` date is compared by its first day, the others by their last."""
    a, b = (old.start, new.start) if kind == "from" else (old.end, new.end)
    if old.precision != "day" and new.precision != "day":
        return (b.year - a.year) * 12 + b.month - a.month, None
    return None, (b - a).days


def schedule(a: Milestone, b: Milestone, horizon: int) -> tuple[Shift | None, bool]:
    """How a milestone's schedule changed, and whether that weakens it; (None, False) when
    it did not change in substance (2030 -> 2030-12 is the same deadline)."""
    if a.recurrence is None and b.recurrence is None:
        if a.due is None or b.due is None:
            if a.due == b.due:
                return None, False
            return "rescheduled", b.due is None  # a deadline taken away weakens
        old = a.due.start if b.kind == "from" else a.due.end
        new = b.due.start if b.kind == "from" else b.due.end
        if new > old:
            return "postponed", True
        if new < old:
            return "advanced", False
        return None, False
    if a.recurrence is not None and b.recurrence is not None:
        return _series(a.recurrence, b.recurrence, horizon)
    return "rescheduled", True  # a duty made single or recurring: a decision says which is meant


def _series(a: Recurrence, b: Recurrence, horizon: int) -> tuple[Shift | None, bool]:
    """Less often, fewer occurrences, the first one later or the last one earlier thins a
    duty out; the opposite extends it. Compared by the deadlines the series make (2030 and
    2030-12 end a yearly series on the same day; a half-yearly one from 2023 starts with
    2023-06, from 2023-12 half a year later)."""
    old = [d.end for d in series(a.start, a.every, a.end, horizon)]
    new = [d.end for d in series(b.start, b.every, b.end, horizon)]
    if not old or not new:  # a series that never occurs (it ends before it starts)
        return (None, False) if old == new else ("thinned", True) if old else ("extended", False)
    ends = a.end is not None or b.end is not None  # open-ended both: the horizon cuts them
    thinner = (
        EVERY[b.every] < EVERY[a.every]
        or new[0] > old[0]
        or (ends and (len(new) < len(old) or new[-1] < old[-1]))
    )
    richer = (
        EVERY[b.every] > EVERY[a.every]
        or new[0] < old[0]
        or (ends and (len(new) > len(old) or new[-1] > old[-1]))
    )
    if thinner:
        return "thinned", True
    if richer:
        return "extended", False
    return None, False


def firmness(m: Milestone) -> int:
    """How binding a milestone's date is: by its kind; an aspiration (angestrebt) binds no
    more than an expected date, another body's date (`party`) not at all."""
    if m.party is not None:
        return 0
    return min(_FIRMNESS[m.kind], _FIRMNESS["expected"]) if m.aspiration else _FIRMNESS[m.kind]


def reading(m: Milestone) -> str:
    """How a milestone's date reads, as `mpi diff --format json` shows it: its kind, and
    where so `; aspiration` and `; party: <whose>` (`by`, `from; party: Autobahn GmbH`)."""
    said = m.kind + ("; aspiration" if m.aspiration else "")
    return said + (f"; party: {m.party}" if m.party is not None else "")


def kind_shift(a: Milestone, b: Milestone) -> Shift | None:
    """`bis 2030` -> `voraussichtlich 2030` softens; the other way firms; so does making a
    date an aspiration, another body's, or history (or the other way)."""
    if (a.kind, a.party, a.aspiration) == (b.kind, b.party, b.aspiration):
        return None
    return "firmed" if firmness(b) > firmness(a) else "softened"


def target_value(a: Indicator, b: Indicator) -> Shift | None:
    """A target made less (lowered) or more (raised) ambitious, or its direction turned."""
    if a.direction != b.direction:
        return "redefined"
    if a.target.value == b.target.value:
        return None
    higher = b.target.value > a.target.value
    return "raised" if higher == (b.direction == "at_least") else "lowered"


def target_year(a: Indicator, b: Indicator) -> tuple[Shift | None, bool]:
    """A target's year later (postponed, weakening) or earlier; `permanent` or none made a
    year, or the other way round: rescheduled, weakening when the year is given up or a
    permanent target ends (`dauerhaft bereitzuhalten` -> by 2030)."""
    old, new = a.target.year, b.target.year
    if old == new:
        return None, False
    if isinstance(old, int) and isinstance(new, int):
        return ("postponed", True) if new > old else ("advanced", False)
    return "rescheduled", new is None or old == "permanent"


def latest(decisions: Sequence[D], covers: Callable[[D], bool]) -> D | None:
    """The latest decision (by date, then by place in the list) for which `covers(d)` holds."""
    found = [(d.date, i, d) for i, d in enumerate(decisions) if covers(d)]
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


def standing(
    decisions: Sequence[D], about: Callable[[D], bool], names: Callable[[D], bool]
) -> D | None:
    """The latest decision `about` an aspect (a deadline, a kind, a target value), if it
    names what the item has now: a later decision that set something else overrules an
    earlier one, so a hand edit back to the earlier value is not covered."""
    last = latest(decisions, about)
    return last if last is not None and names(last) else None


Covering = MilestoneDecision | MilestoneCorrection
CoveringTarget = IndicatorDecision | IndicatorCorrection


def _records(item: Milestone | Indicator, inferred: bool) -> list[Any]:
    """The records that may cover a change of the item, in one timeline: its decisions, and
    where the value changed was an editor's reading (`inferred`), its corrections too."""
    return [*item.decisions, *(item.corrections if inferred else ())]


def milestone_decision(b: Milestone, shift: Shift, inferred: bool = False) -> Covering | None:
    """The standing decision (or, for a value that was `inferred`, correction) on the
    milestone's schedule (or kind, for softened and firmed) if it set what the milestone has
    now."""
    records: list[Covering] = _records(b, inferred)
    if shift in ("softened", "firmed"):
        return standing(records, lambda d: d.kind is not None, lambda d: d.kind == b.kind)

    def schedule(d: Covering) -> bool:
        return d.due is not None or d.recurrence is not None

    if b.recurrence is not None:
        return standing(records, schedule, lambda d: _same_series(d.recurrence, b.recurrence))
    return standing(records, schedule, lambda d: d.due is not None and d.due == b.due)


def _same_series(a: Recurrence | None, b: Recurrence | None) -> bool:
    if a is None or b is None:
        return False
    return (a.every, a.start, a.end) == (b.every, b.start, b.end)


def indicator_decision(b: Indicator, aspect: str, inferred: bool = False) -> CoveringTarget | None:
    """The standing decision (or, for a target that was `inferred`, correction) on the
    target's value, year or direction, if it set what the indicator has now."""
    records: list[CoveringTarget] = _records(b, inferred)
    if aspect == "year":
        return standing(records, lambda d: d.year is not None, lambda d: d.year == b.target.year)
    if aspect == "direction":
        return standing(
            records, lambda d: d.direction is not None, lambda d: d.direction == b.direction
        )
    return standing(records, lambda d: d.target is not None, lambda d: d.target == b.target.value)
