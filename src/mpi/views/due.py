"""Milestones by date: every milestone, and every occurrence of a recurring one, as a row."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from mpi.domain import walk
from mpi.domain.dates import Due
from mpi.domain.deadlines import State, deadlines
from mpi.domain.items import Milestone
from mpi.domain.model import Plan
from mpi.domain.walk import Place
from mpi.domain.words import natural_key
from mpi.views.lookup import find_field, find_owner, find_partner


@dataclass(frozen=True)
class DueRow:
    """One deadline: a milestone, or one occurrence of a recurring milestone.

    `status` is what was recorded (open, done, missed); `state` adds how late an open one is
    on the day asked (`domain.deadlines`: overdue, delayed); `kind` is how the date reads
    (by, from, expected) and `basis`, `quote`, `derivation` how the date is known.
    """

    measure: str | None
    field: str | None
    owner: str  # measure id, monitoring body id, or "plan"
    milestone: str
    title: str
    due: Due
    status: str
    state: State
    recurring: bool
    kind: str = "by"
    basis: str | None = None
    quote: str | None = None
    derivation: str | None = None
    done: Due | None = None
    note: str | None = None  # an occurrence's own note
    meeting_day: date | None = None  # an action item's: the day of the meeting that gave it
    condition: str | None = None  # the condition the document ties the date to (its words)
    party: str | None = None  # whose date it is, where not the partners' (context)
    aspiration: bool = False  # an aspiration (strebt … an), not a committed date
    set_before: bool = False  # history dated after the adoption: a term set before the plan
    owner_name: str | None = None  # a monitoring body's name (its id is `owner`)

    @property
    def whose(self) -> str:
        """Whose deadline it is, as people name it: a measure (HF1.10), a body by its name
        (Evaluation), the plan; never a body's id."""
        if self.measure or self.owner_name:
            return self.measure or self.owner_name or ""
        if self.owner == "plan":
            from mpi.i18n import _

            return _("Plan")
        return self.owner

    @property
    def pending(self) -> bool:
        """Whether it is an open commitment of the plan (late or not): open as recorded,
        and not context (a date from before the plan, or another body's)."""
        return self.status == "open" and self.state != "context"

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def delayed(self) -> bool:
        return self.state == "delayed"

    @property
    def occurrence(self) -> Due | None:
        """The occurrence this row is, for a recurring milestone."""
        return self.due if self.recurring else None


# How an occurrence after the first of a stated recurrence is known, in the plan's language.
OCCURRENCE_DERIVED = {
    "de": "ein Termin der wiederkehrenden Pflicht; das Dokument nennt ihren Beginn, nicht jeden",
    "en": "one occurrence of the recurring duty; the document names its start, not each one",
}


def milestone_rows(place: Place, m: Milestone, plan: Plan, today: date) -> list[DueRow]:
    """The rows of one milestone: one, or one per occurrence up to the recurrence's end.

    An occurrence of a stated recurrence other than its first is derived, not stated: the
    document says "jährlich ab 2023", not "2025"."""
    measure = place.measure.id if place.measure else None
    field_id = place.field.id if place.field else None
    rows = [
        DueRow(
            measure,
            field_id,
            place.owner,
            m.id,
            m.title,
            d.due,
            d.status,
            d.state,
            d.recurring,
            m.kind,
            m.basis,
            m.quote,
            m.derivation,
            d.done,
            d.note,
            condition=m.condition,
            party=m.party,
            aspiration=m.aspiration,
            set_before=m.kind == "history" and d.due.end.year >= plan.adopted,
            owner_name=place.body.name if place.body else None,
        )
        for d in deadlines(m, plan.horizon, today)
    ]
    r = m.recurrence
    if r is None or m.basis != "stated":
        return rows
    said = OCCURRENCE_DERIVED[plan.language]  # data, in the plan's language (as JSON keeps it)
    return [x if x.due == r.start else replace(x, basis="derived", derivation=said) for x in rows]


def all_due(plan: Plan, today: date) -> list[DueRow]:
    """Every milestone occurrence of the plan, in date order."""
    rows: list[DueRow] = []
    for place, m in walk.milestones(plan, plan.fields):
        rows += milestone_rows(place, m, plan, today)
    return sorted(rows, key=lambda r: (r.due.end, natural_key(r.owner), r.milestone))


@dataclass(frozen=True)
class DueQuery:
    """Which milestones to list: at most one of year, before, within (a last day), overdue."""

    year: int | None = None
    before: Due | None = None
    until: date | None = None  # from today up to and including this day
    overdue: bool = False
    include_done: bool = False
    fields: tuple[str, ...] = ()  # any of these Handlungsfelder
    soon: date | None = None  # late, or due from today up to and including this day
    owner: str | None = None  # a measure id, "plan" or a monitoring body id
    leads: tuple[str, ...] = ()  # measures any of these partners lead (named as people do)


def select_due(plan: Plan, query: DueQuery, today: date) -> list[DueRow]:
    """Milestones chosen by the query (open ones unless `include_done`), in date order."""
    fields = {find_field(plan, f).id for f in query.fields}
    leads = {find_partner(plan, p, "lead") for p in query.leads}
    meeting = next((m.id for m in plan.meetings if m.id == (query.owner or "").strip()), None)
    if meeting is not None:  # a meeting's action items
        actions = [r for r in action_rows(plan, today, leads) if r.owner == meeting]
        return [r for r in actions if query.include_done or r.status == "open"]
    owner = find_owner(plan, query.owner) if query.owner is not None else None
    rows = all_due(plan, today)
    if fields:
        rows = [r for r in rows if r.field in fields]
    if leads:
        led = {m.id for m in plan.measures() if leads.intersection(m.lead)}
        rows = [r for r in rows if r.measure in led]
    if not fields and owner is None and plan.meetings:
        rows = sorted(
            rows + action_rows(plan, today, leads),
            key=lambda r: (r.due.end, natural_key(r.owner), r.milestone),
        )
    if owner is not None:
        rows = [r for r in rows if r.owner == owner]
    if not query.include_done:  # a missed commitment stays in view, like an overdue one
        rows = [r for r in rows if r.pending or r.state == "missed"]
    if query.year is not None:
        rows = [r for r in rows if r.due.year == query.year]
    if query.before is not None:
        rows = [r for r in rows if r.due.end < query.before.start]
    if query.until is not None:
        rows = [r for r in rows if today <= r.due.end and r.due.start <= query.until]
    if query.overdue:
        rows = [r for r in rows if r.overdue]
    if query.soon is not None:
        soon = query.soon
        rows = [
            r for r in rows if missed_or_late(r) or (today <= r.due.end and r.due.start <= soon)
        ]
    return rows


def action_rows(plan: Plan, today: date, leads: set[str]) -> list[DueRow]:
    """The meetings' action items as deadlines (those dropped are none): the meeting is
    their owner, their number the milestone's id, the partner who is to do it after the
    title."""
    short = {p.id: p.short or p.id for p in plan.partners}
    return [
        DueRow(
            None,
            None,
            m.id,
            str(a.number),
            f"{a.text} ({short.get(a.owner, a.owner)})",
            Due.parse(a.due.isoformat()),
            "open" if a.status == "open" else "done",
            "overdue" if a.overdue(today) else ("open" if a.status == "open" else "done"),
            False,
            basis="decided",
            done=Due.parse(a.closed.isoformat()) if a.closed else None,
            note=a.note,
            meeting_day=m.date,
        )
        for m in plan.meetings
        for a in m.actions
        if a.status != "dropped" and (not leads or a.owner in leads)
    ]


def late(row: DueRow) -> bool:
    """Past its date and still open: overdue, or delayed (an expected date that passed)."""
    return row.state in ("overdue", "delayed")


def missed_or_late(row: DueRow) -> bool:
    """Recorded as missed, or late: what stays in view however old it is."""
    return row.state == "missed" or late(row)


@dataclass(frozen=True)
class MilestoneLine:
    """A milestone in a summary; a recurring one once, with how many of its rows it stands for."""

    row: DueRow  # the first of them
    occurrences: int = 1


def collapse(rows: list[DueRow]) -> list[MilestoneLine]:
    """One line per milestone: the first of a recurring milestone's rows, with a count."""
    first: dict[tuple[str, str], DueRow] = {}
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.owner, row.milestone)
        first.setdefault(key, row)
        counts[key] = counts.get(key, 0) + 1
    return [MilestoneLine(row, counts[key]) for key, row in first.items()]
