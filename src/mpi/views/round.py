"""The briefing for the next coordination round (`mpi round`), as plain data.

Per Handlungsfeld (and for the plan level with Dialog und Monitoring): what changed since the
last round, what is overdue or missed, what falls due before the next round, which measures are
at risk or have had no update for too long, the indicators with their assessment; each item
with its lead partner and its latest note. Then what the round has to decide on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from mpi.domain.dates import add_span
from mpi.domain.meetings import Meeting
from mpi.domain.model import Plan, Update
from mpi.domain.words import names, natural_key
from mpi.views import agenda
from mpi.views.agenda import Decision, Item, MeetingPart, Reason
from mpi.views.decisions import DecisionRow
from mpi.views.decisions import decisions as all_decisions
from mpi.views.diff import Change, merged, titles
from mpi.views.due import DueRow, MilestoneLine, all_due, collapse, late
from mpi.views.indicators import IndicatorRow, all_indicators
from mpi.views.lookup import PLAN, find_partner
from mpi.views.made_from import MadeFrom
from mpi.views.measures import (
    MeasureFilter,
    MeasureRow,
    latest_update,
    list_measures,
    stale_since,
)

STALE = (6, "m")  # no update for longer than this: stale (the round's default)
NEXT_ROUND = (6, "m")  # the next round, unless --until says when
PLAN_LEVEL = "plan"  # the section of the plan's own milestones and Dialog und Monitoring
PLAN_LEVEL_TITLE = "Plan, Dialog und Monitoring"  # the document's words, as `mpi status` shows it


@dataclass(frozen=True)
class Section:
    """One Handlungsfeld in the briefing (or the plan level)."""

    id: str
    title: str
    changes: list[Change] = field(default_factory=list)
    late: list[MilestoneLine] = field(default_factory=list)  # overdue and delayed
    missed: list[MilestoneLine] = field(default_factory=list)
    upcoming: list[MilestoneLine] = field(default_factory=list)  # due before the next round
    at_risk: list[MeasureRow] = field(default_factory=list)
    stale: list[MeasureRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass(frozen=True)
class Round:
    title: str
    made_from: MadeFrom
    today: date
    until: date  # the next round
    since: str | None  # the last round as given (a tag, a revision or a date)
    since_day: date | None  # the last round's day, where known
    stale: tuple[int, str]
    leads: tuple[str, ...]  # the partners whose own briefing this is (none: everyone's)
    partners: dict[str, str]  # id -> short name
    items: dict[str, Item]  # by id: every measure, `plan` and the bodies
    titles: dict[tuple[str, str], str]  # (owner, milestone or indicator id) -> its title
    units: dict[tuple[str, str], str]  # (measure, indicator id) -> its unit
    sections: list[Section]
    decisions: list[Decision]  # what the round must decide
    dated: bool = False  # the changes come from the plan's dated entries, not from git
    decided: list[DecisionRow] = field(default_factory=list)  # recorded since the last round
    missing: list[Decision] = field(default_factory=list)  # stale: whom to ask for a Sachstand
    draft: bool = False  # stamped "Entwurf"
    classification: str | None = None  # e.g. "Nur für den Dienstgebrauch"
    meeting: MeetingPart | None = None  # the meeting on record it is for


def items(plan: Plan) -> dict[str, Item]:
    """Every measure, the plan level and each body of Dialog und Monitoring, with its lead,
    log and latest note."""

    def item(
        ident: str, title: str, section: str, lead: list[str], log: list[Update], names: list[str]
    ) -> Item:
        return Item(
            ident, title, section, tuple(lead), latest_update(log), tuple(log), tuple(names)
        )

    out = {
        m.id: item(
            m.id,
            m.title,
            f.id,
            m.lead,
            m.updates,
            [x.title for x in m.milestones] + [i.name for i in m.indicators],
        )
        for f in plan.fields
        for m in f.measures
    }
    out[PLAN] = item(
        PLAN, plan.title, PLAN_LEVEL, [], plan.updates, [x.title for x in plan.milestones]
    )
    for b in plan.monitoring.bodies if plan.monitoring else []:
        out[b.id] = item(b.id, b.name, PLAN_LEVEL, [], b.updates, [x.title for x in b.milestones])
    return out


def noted_since(
    item: Item, day: date, title: str, occurrence: str = "", others: tuple[str, ...] = ()
) -> bool:
    """Whether someone wrote about the milestone `title` in the item's log after `day`: an
    entry that names it („title“), or a note that names none of the item's milestones and
    indicators (what mpi logs for another one does not count). For one `occurrence` of a
    recurring milestone (its date as the log writes it), an entry that names one of its
    `others` and not this one is about another occurrence and does not count."""
    for entry in item.log:
        if entry.date <= day:
            continue
        if names(title, entry.text):
            if not occurrence or occurrence in entry.text:
                return True
            if not any(o in entry.text for o in others):
                return True
        elif not any(names(name, entry.text) for name in item.names):
            return True
    return False


def build(
    plan: Plan,
    record: MadeFrom,
    today: date,
    *,
    until: date | None = None,
    since: str | None = None,
    since_day: date | None = None,
    before: Plan | None = None,
    changes: list[Change] | None = None,
    dated: bool = False,
    stale: tuple[int, str] = STALE,
    leads: tuple[str, ...] = (),
    unapproved: list[Change] | None = None,
    draft: bool = False,
    classification: str | None = None,
    meeting: Meeting | None = None,
) -> Round:
    """The briefing; `changes` are the plan's changes since the last round (`before`: the
    plan as it was then, if git knows; its decisions are not new), `unapproved`
    the weakening changes since the adoption that no decision covers (see the CLI)."""
    leads = tuple(dict.fromkeys(find_partner(plan, p, "lead") for p in leads))
    until = until or add_span(today, *NEXT_ROUND)
    known = items(plan)
    named = titles(plan)

    def wanted(owner: str) -> bool:
        """A partner's own briefing: only the measures it leads."""
        return not leads or bool(set(leads).intersection(known[owner].lead))

    rows = [r for r in all_due(plan, today) if wanted(r.owner)]
    measures = list_measures(plan, MeasureFilter(leads=leads), today)
    stale_rows = list_measures(plan, MeasureFilter(leads=leads, stale=stale), today)
    sections = {f.id: Section(f.id, f.title) for f in plan.fields}
    if not leads:  # the plan level has no lead: it is in everyone's briefing, not a partner's
        sections[PLAN_LEVEL] = Section(PLAN_LEVEL, PLAN_LEVEL_TITLE)
    changes = merged(changes or [], named)
    _place_changes(sections, changes, known, wanted, bool(leads), before)
    _place_deadlines(sections, known, rows, today, until)
    for m in measures:
        if m.status == "at_risk":
            sections[m.field].at_risk.append(m)
    for m in stale_rows:
        sections[m.field].stale.append(m)
    for row in all_indicators(plan, today):
        if wanted(row.measure):
            sections[row.field].indicators.append(row)

    missed_now = {(c.subject, c.item) for c in changes if c.kind == "milestone_missed"}
    decisions = _decisions(plan, known, rows, measures, missed_now if since else None)
    by_id = {m.id: m for m in plan.measures()}
    missing = [
        Decision(known[m.id], "stale", since=stale_since(plan, by_id[m.id], stale))
        for m in stale_rows
    ]
    weakened = [
        Decision(known.get(c.subject) or _removed(c), "weakened_without_decision", change=c)
        for c in unapproved or []
        if (wanted(c.subject) if c.subject in known else not leads)
    ]
    decisions = weakened + decisions  # what the partners agreed comes first
    held = None
    if meeting is not None:
        held, decisions = _meeting_part(plan, meeting, today, leads, decisions)
    decided = [
        r
        for r in _decided(plan, since_day, before)
        if not leads or (r.owner in known and wanted(r.owner))
    ]
    return Round(
        title=plan.title,
        made_from=record,
        today=today,
        until=until,
        since=since,
        since_day=since_day,
        stale=stale,
        leads=leads,
        partners={p.id: p.short for p in plan.partners},
        items=known,
        titles=named,
        units={(m.id, i.id): i.unit for m in plan.measures() for i in m.indicators},
        sections=list(sections.values()),
        decisions=decisions,
        dated=dated,
        decided=decided,
        missing=missing,
        draft=draft,
        classification=classification,
        meeting=held,
    )


def _meeting_part(
    plan: Plan, meeting: Meeting, today: date, leads: tuple[str, ...], decisions: list[Decision]
) -> tuple[MeetingPart, list[Decision]]:
    """The meeting on record the briefing is for: its part, with the agenda it proposes, and
    its overdue action items among what the round must decide."""
    held = agenda.part(plan, meeting, today, leads)
    decisions = decisions + [
        Decision(Item(a.id, a.text, PLAN_LEVEL, (a.owner,), None), "action_overdue", action=a)
        for a in held.actions
        if a.state == "overdue"
    ]
    return replace(held, proposals=agenda.propose(plan, held, decisions)), decisions


def _section_of(sections: dict[str, Section], known: dict[str, Item], owner: str) -> Section | None:
    item = known.get(owner)
    return sections.get(item.section) if item else None


def _place_changes(
    sections: dict[str, Section],
    changes: list[Change],
    known: dict[str, Item],
    wanted: Callable[[str], bool],
    own: bool,
    before: Plan | None,
) -> None:
    """Each change in the section of what it is about (`own`: a partner's own briefing, which
    leaves out what it does not lead); updates last, each kind by date."""
    for c in changes:
        if c.subject in known:  # a measure, the plan level, a body
            found = _section_of(sections, known, c.subject) if wanted(c.subject) else None
        else:  # a field or a goal (HF1, HF1.II), or what was removed: its field
            field = c.subject.split(".")[0]
            found = None if own else sections.get(field)
            if found is None and not own:  # a field removed since: a section of its own
                found = sections[field] = Section(field, _former_title(before, c, field))
        if found is not None:
            found.changes.append(c)
    for s in sections.values():
        s.changes.sort(key=lambda c: (c.kind == "update", c.date or ""))


def _place_deadlines(
    sections: dict[str, Section],
    known: dict[str, Item],
    rows: list[DueRow],
    today: date,
    until: date,
) -> None:
    """The late deadlines (a recurring milestone once), each missed and each upcoming
    occurrence on its own, in the section of whose they are."""
    soon = [r for r in rows if r.pending and today <= r.due.end and _due_by(r, until)]
    late_lines = collapse([r for r in rows if late(r)])
    missed = [MilestoneLine(r) for r in rows if r.status == "missed"]  # each with its own note
    upcoming = [MilestoneLine(r) for r in soon]  # each: the round wants to know which
    for kind, lines in (("late", late_lines), ("missed", missed), ("upcoming", upcoming)):
        for line in lines:
            if (found := _section_of(sections, known, line.row.owner)) is not None:
                getattr(found, kind).append(line)


def _decided(plan: Plan, since: date | None, before: Plan | None) -> list[DecisionRow]:
    """The decisions recorded since the last round: those the plan did not hold then (where
    git has it; a decision taken at the last round and written down after it counts), else
    those dated after its day (all of them without one)."""
    if before is None:
        return all_decisions(plan, since)

    def key(r: DecisionRow) -> tuple[str, str | None, date, str]:
        return r.owner, r.item, r.decision.date, r.words

    held = {key(r) for r in all_decisions(before)}
    return [r for r in all_decisions(plan) if key(r) not in held]


def _removed(c: Change) -> Item:
    """What a change removed from the plan (a measure, a goal, a field), as an item."""
    return Item(c.subject, c.text or "", c.subject.split(".")[0], (), None)


def _due_by(row: DueRow, until: date) -> bool:
    """Whether the deadline falls due by `until`: a `bis` or `voraussichtlich` date by its end,
    an `ab` date by its start."""
    return (row.due.start if row.kind == "from" else row.due.end) <= until


def _decisions(
    plan: Plan,
    known: dict[str, Item],
    rows: list[DueRow],
    measures: list[MeasureRow],
    missed_now: set[tuple[str, str | None]] | None,
) -> list[Decision]:
    """What the round decides on: each late deadline (overdue, or delayed past a
    "voraussichtlich" date; each occurrence on its own) that nobody has written about since it
    fell due, deadlines recorded as missed since the last round (all of them when it is not
    given), measures at risk. Measures only without an update are not for decision
    (`Round.missing`)."""
    out = []
    labels = _occurrence_labels(plan, rows)
    reasons: dict[str, Reason] = {
        "overdue": "overdue_without_note",
        "delayed": "delayed_without_note",
    }
    for r in rows:
        if r.state in reasons:
            label, others = labels.get(id(r), ("", ()))
            if not noted_since(known[r.owner], r.due.end, r.title, label, others):
                out.append(Decision(known[r.owner], reasons[r.state], r))
    # Each item's deadlines together, oldest first.
    out.sort(
        key=lambda d: (
            d.reason != "overdue_without_note",
            natural_key(d.item.id),
            d.row.due.start if d.row else date.min,
        )
    )
    missed = [r for r in rows if r.status == "missed"]
    if missed_now is not None:
        missed = [r for r in missed if (r.owner, r.milestone) in missed_now]
    for line in collapse(missed):
        out.append(Decision(known[line.row.owner], "missed", line.row, line.occurrences))
    return out + [Decision(known[m.id], "at_risk") for m in measures if m.status == "at_risk"]


def _occurrence_labels(plan: Plan, rows: list[DueRow]) -> dict[int, tuple[str, tuple[str, ...]]]:
    """For each row of a recurring milestone: its occurrence as the plan's log writes it
    (`mpi milestone … --occurrence` logs „Meilenstein „…“, Termin 06/2026: …") and those of
    the milestone's other rows."""
    from mpi.i18n import formats, speaking

    with speaking(plan.language):
        label = {id(r): formats.due(r.due) for r in rows if r.recurring}
    siblings: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        if r.recurring:
            siblings.setdefault((r.owner, r.milestone), []).append(label[id(r)])
    return {
        id(r): (
            label[id(r)],
            tuple(o for o in siblings[(r.owner, r.milestone)] if o != label[id(r)]),
        )
        for r in rows
        if r.recurring
    }


def _former_title(before: Plan | None, change: Change, field: str) -> str:
    """The title of a field that is no longer in the plan: as the plan had it then."""
    old = next((f.title for f in before.fields if f.id == field), None) if before else None
    return old or (change.old if change.subject == field and change.old else field)
