"""`mpi export opendata`: the plan as tidy tables in long format (one row per observation:
a measure, a partner's role in it, a deadline, a move of a status, a decision, one value of
an indicator), each column with its type and meaning, for a Frictionless Data Package and a
DCAT-AP.de description. Values are the plan's own (ids, ISO dates, English codes); nothing is
translated (the titles and descriptions of tables and columns are marked for the catalog
and said in the reader's language where they are written), and a value the plan does not
hold is empty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mpi.domain.dates import Due
from mpi.domain.decided import Correction
from mpi.domain.model import Plan
from mpi.i18n import N_
from mpi.views.changes import ChangeLog
from mpi.views.decisions import decisions
from mpi.views.due import DueRow, all_due
from mpi.views.made_from import MadeFrom

STATUS_KINDS = ("status_changed", "dropped", "restored")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date, year
    description: str


@dataclass(frozen=True)
class Table:
    name: str  # the file is NAME.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    key: tuple[str, ...] = ()  # the primary key, where the rows have one


@dataclass(frozen=True)
class OpenData:
    plan: Plan
    made: MadeFrom
    tables: list[Table]
    first: date  # the period the data cover: the plan's adoption year to its horizon
    last: date


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


def build(plan: Plan, made: MadeFrom, log: ChangeLog | None) -> OpenData:
    """The tables of the plan as of `made.cut_off`; the status history from `log` (empty
    outside git)."""
    tables = [
        _partners(plan),
        _measures(plan),
        _roles(plan),
        _deadlines(plan, made.cut_off),
        _statuses(log),
        _decisions(plan),
        _indicators(plan),
    ]
    return OpenData(plan, made, tables, date(plan.adopted, 1, 1), date(plan.horizon, 12, 31))


def _partners(plan: Plan) -> Table:
    rows = [(p.id, p.short, p.name) for p in plan.partners]
    columns = _cols(
        ("partner", "string", N_("Id of the partner")),
        ("short_name", "string", N_("Short name")),
        ("name", "string", N_("Full name")),
    )
    return Table(
        "partners", N_("Partners"), N_("The partners of the plan."), columns, rows, ("partner",)
    )


def _measures(plan: Plan) -> Table:
    rows = []
    for f in plan.fields:
        sections = {s.id: s.title for s in f.sections}
        for m in f.measures:
            section = sections.get(m.section, m.section) if m.section else None
            goals, tags = " ".join(m.goals), "; ".join(m.tags)
            rows.append((m.id, f.id, f.title, section, m.title, m.status, goals, tags))
    columns = _cols(
        ("measure", "string", N_("Id of the measure (HF1.15)")),
        ("field", "string", N_("Id of its Handlungsfeld (HF1)")),
        ("field_title", "string", N_("Title of the Handlungsfeld")),
        ("section", "string", N_("Section of the Handlungsfeld")),
        ("title", "string", N_("Title of the measure")),
        ("status", "string", N_("planned, in_progress, ongoing, done, at_risk or dropped")),
        ("goals", "string", N_("Ids of the goals it serves, separated by spaces")),
        ("tags", "string", N_("Tags, separated by semicolons")),
    )
    return Table(
        "measures", N_("Measures"), N_("The measures of the plan."), columns, rows, ("measure",)
    )


def _roles(plan: Plan) -> Table:
    rows = [(m.id, p, "lead") for m in plan.measures() for p in m.lead]
    rows += [(m.id, p, "involved") for m in plan.measures() for p in m.involved]
    columns = _cols(
        ("measure", "string", N_("Id of the measure")),
        ("partner", "string", N_("Id of the partner")),
        ("role", "string", N_("lead (responsible) or involved")),
    )
    said = N_("Which partner leads or takes part in which measure.")
    return Table("measure_partners", N_("Lead and involved partners"), said, columns, rows)


def _deadlines(plan: Plan, cut_off: date) -> Table:
    rows = [_deadline(r) for r in all_due(plan, cut_off)]
    columns = _cols(
        ("owner", "string", N_("Measure id, monitoring body or plan")),
        ("field", "string", N_("Id of the Handlungsfeld (empty: the plan level)")),
        ("milestone", "string", N_("Id of the milestone")),
        ("title", "string", N_("Title of the milestone")),
        ("due", "string", N_("The deadline as the plan writes it: a year, a month or a day")),
        ("due_start", "date", N_("First day of the deadline's period")),
        ("due_end", "date", N_("Last day of the deadline's period")),
        ("precision", "string", N_("year, month or day")),
        ("kind", "string", N_("How the date reads: by, start, from, expected or history")),
        ("recurring", "boolean", N_("One occurrence of a recurring duty")),
        ("status", "string", N_("open, done or missed as recorded")),
        ("done", "string", N_("When it was done, where recorded")),
        (
            "basis",
            "string",
            N_(
                "stated (the document's words), derived, inferred or decided (set by a "
                "decision of the partners)"
            ),
        ),
        ("quote", "string", N_("The document's words the date rests on")),
        ("derivation", "string", N_("How a derived or inferred date was reached")),
        ("condition", "string", N_("The condition the document ties the date to, in its words")),
        ("party", "string", N_("Whose date it is, where not a commitment of the partners")),
        ("aspiration", "boolean", N_("An aspiration (strebt … an), not a committed date")),
    )
    said = N_("Every deadline of the plan, a recurring one by occurrence.")
    return Table("deadlines", N_("Deadlines"), said, columns, rows)


def _deadline(r: DueRow) -> tuple[Any, ...]:
    d = r.due
    done = str(r.done) if r.done else None
    return (
        r.owner, r.field, r.milestone, r.title, str(d), d.start.isoformat(), d.end.isoformat(),
        d.precision, r.kind, r.recurring, r.status, done, r.basis, r.quote, r.derivation,
        r.condition, r.party, r.aspiration,
    )  # fmt: skip


def _statuses(log: ChangeLog | None) -> Table:
    rows = []
    for e in reversed(log.entries if log else []):
        c = e.change
        if c.kind in STATUS_KINDS:
            d = c.decision
            rows.append(
                (e.day.isoformat(), e.commit, c.subject, c.old, c.new, c.kind,
                 d.date.isoformat() if d else None, d.text if d else None)
            )  # fmt: skip
    columns = _cols(
        ("date", "date", N_("The day the change was committed")),
        ("commit", "string", N_("The git commit that made it (empty: not committed)")),
        ("measure", "string", N_("Id of the measure")),
        ("old_status", "string", N_("Status before")),
        ("new_status", "string", N_("Status after")),
        ("change", "string", N_("status_changed, dropped or restored")),
        ("decision_date", "date", N_("Day of the decision that covers it")),
        ("decision", "string", N_("The decision's words")),
    )
    said = N_("Each change of a measure's status in the plan's git history, oldest first.")
    return Table("status_history", N_("Status history"), said, columns, rows)


def _decisions(plan: Plan) -> Table:
    rows = []
    for r in decisions(plan):
        d = r.decision
        correction = isinstance(d, Correction)
        values = {n: getattr(d, n, None) for n in ("due", "kind", "target", "year", "status")}
        lead, removed = getattr(d, "lead", None), getattr(d, "removed", None)
        rows.append(
            (
                d.date.isoformat(), r.owner, r.item, r.title,
                "correction" if correction else "decision",
                d.reason if isinstance(d, Correction) else d.text,
                str(values["due"]) if isinstance(values["due"], Due) else None,
                values["kind"], values["target"],
                str(values["year"]) if values["year"] is not None else None,
                values["status"], " ".join(lead) if lead is not None else None, removed,
            )
        )  # fmt: skip
    columns = _cols(
        ("date", "date", N_("Day of the decision or correction")),
        ("owner", "string", N_("Measure, monitoring body, Handlungsfeld or plan")),
        ("item", "string", N_("The milestone or indicator it is about (empty: the owner)")),
        ("title", "string", N_("Title of the item or owner")),
        (
            "record",
            "string",
            N_("decision (of the partners) or correction (of an inferred reading)"),
        ),
        ("text", "string", N_("The decision's words, or the correction's reason")),
        ("due", "string", N_("The deadline it set")),
        ("kind", "string", N_("The kind of date it set")),
        ("target", "number", N_("The target value it set")),
        ("target_year", "string", N_("The target year it set")),
        ("status", "string", N_("The status it set")),
        ("lead", "string", N_("The lead partners it set, separated by spaces")),
        ("removed", "string", N_("The milestone, goal or measure it removed")),
    )
    said = N_("The decisions and corrections on record, and what each set.")
    return Table("decisions", N_("Decisions"), said, columns, rows)


def _indicators(plan: Plan) -> Table:
    rows: list[tuple[Any, ...]] = []
    for m in plan.measures():
        for i in m.indicators:
            head = (i.id, m.id, i.name, i.unit, i.direction)
            if i.baseline is not None:
                b = i.baseline
                rows.append((*head, "baseline", str(b.year), None, b.value, None, None, b.basis))
            for v in i.values:
                period = str(v.period) if v.period is not None else None
                row = (*head, "value", period, v.date.isoformat(), v.value, v.source, v.by, None)
                rows.append(row)
            t = i.target
            year = str(t.year) if t.year is not None else None
            rows.append((*head, "target", year, None, t.value, None, None, t.basis))
    columns = _cols(
        ("indicator", "string", N_("Id of the indicator")),
        ("measure", "string", N_("Id of its measure")),
        ("name", "string", N_("Name of the indicator")),
        ("unit", "string", N_("Unit of its values")),
        ("direction", "string", N_("at_least or at_most: which way the target lies")),
        ("observation", "string", N_("baseline, value (a measured value) or target")),
        ("period", "string", N_("The year, month or day the value stands for (target: its year)")),
        ("recorded", "date", N_("The day a value was recorded or published")),
        ("value", "number", N_("The value, in the unit")),
        ("source", "string", N_("Where a value comes from")),
        ("reported_by", "string", N_("The partner who reported it")),
        ("basis", "string", N_("stated, derived, inferred or decided (baseline and target)")),
    )
    said = N_("Each indicator's baseline, recorded values and target, one row each.")
    return Table("indicators", N_("Indicators"), said, columns, rows)
