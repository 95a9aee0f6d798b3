"""Rules across the plan's files that the schema alone cannot express.

Each rule is a small function that yields Diagnostics at the position of the offending value.
They run only on a plan whose files all passed the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from mpi.dates import Due
from mpi.diagnostics import Diagnostic
from mpi.load import SourceFile
from mpi.model import Field, Milestone, Plan


@dataclass(frozen=True)
class Context:
    plan: Plan
    plan_source: SourceFile
    fields: list[tuple[SourceFile, Field]]
    today: date


Rule = Callable[[Context], Iterator[Diagnostic]]


def run(
    plan: Plan,
    plan_source: SourceFile,
    fields: list[tuple[SourceFile, Field]],
    today: date | None = None,
) -> list[Diagnostic]:
    """Run every rule and return all their diagnostics."""
    context = Context(plan, plan_source, fields, today or date.today())
    return [d for rule in RULES for d in rule(context)]


def _duplicates(
    items: Iterable[tuple[str, SourceFile, tuple[str | int, ...]]], what: str
) -> Iterator[Diagnostic]:
    seen: dict[str, tuple[SourceFile, tuple[str | int, ...]]] = {}
    for ident, source, path in items:
        if ident in seen:
            first_source, first_path = seen[ident]
            line, _ = first_source.at(*first_path)
            where = f"line {line}" if first_source is source else f"{first_source.display}:{line}"
            yield source.diagnostic(
                path, "duplicate-id", f"duplicate {what} id {ident!r} (first at {where})"
            )
        else:
            seen[ident] = (source, path)


def unique_ids(ctx: Context) -> Iterator[Diagnostic]:
    """Ids are unique: fields, measures and indicators plan-wide; the rest in their scope."""
    plan_src = ctx.plan_source
    yield from _duplicates(
        ((p.id, plan_src, ("partners", i, "id")) for i, p in enumerate(ctx.plan.partners)),
        "partner",
    )
    yield from _duplicates(((f.id, src, ("id",)) for src, f in ctx.fields), "Handlungsfeld")
    yield from _duplicates(
        (
            (m.id, src, ("measures", i, "id"))
            for src, f in ctx.fields
            for i, m in enumerate(f.measures)
        ),
        "measure",
    )
    yield from _duplicates(
        (
            (ind.id, src, ("measures", i, "indicators", j, "id"))
            for src, f in ctx.fields
            for i, m in enumerate(f.measures)
            for j, ind in enumerate(m.indicators)
        ),
        "indicator",
    )
    yield from _duplicates(
        ((g.term, plan_src, ("glossary", i, "term")) for i, g in enumerate(ctx.plan.glossary)),
        "glossary",
    )
    yield from _duplicates(
        ((m.id, plan_src, ("milestones", i, "id")) for i, m in enumerate(ctx.plan.milestones)),
        "milestone",
    )
    if ctx.plan.monitoring:
        bodies = ctx.plan.monitoring.bodies
        yield from _duplicates(
            ((b.id, plan_src, ("monitoring", "bodies", i, "id")) for i, b in enumerate(bodies)),
            "monitoring body",
        )
        for i, body in enumerate(bodies):
            yield from _duplicates(
                (
                    (m.id, plan_src, ("monitoring", "bodies", i, "milestones", j, "id"))
                    for j, m in enumerate(body.milestones)
                ),
                "milestone",
            )
    for src, f in ctx.fields:
        yield from _duplicates(
            ((g.id, src, ("goals", i, "id")) for i, g in enumerate(f.goals)), "goal"
        )
        yield from _duplicates(
            ((s.id, src, ("sections", i, "id")) for i, s in enumerate(f.sections)), "section"
        )
        for i, m in enumerate(f.measures):
            yield from _duplicates(
                (
                    (ms.id, src, ("measures", i, "milestones", j, "id"))
                    for j, ms in enumerate(m.milestones)
                ),
                "milestone",
            )
            yield from _duplicates(
                ((it.id, src, ("measures", i, "items", j, "id")) for j, it in enumerate(m.items)),
                "sub-item",
            )


def ids_match_field(ctx: Context) -> Iterator[Diagnostic]:
    """Goal and measure ids start with their file's field id."""
    for src, f in ctx.fields:
        for i, g in enumerate(f.goals):
            if g.id.split(".")[0] != f.id:
                yield src.diagnostic(
                    ("goals", i, "id"),
                    "wrong-field",
                    f"goal {g.id} is in the file of {f.id}; its id must start with {f.id}.",
                )
        for i, m in enumerate(f.measures):
            if m.field_id != f.id:
                yield src.diagnostic(
                    ("measures", i, "id"),
                    "wrong-field",
                    f"measure {m.id} is in the file of {f.id}; its id must start with {f.id}.",
                )


def references_exist(ctx: Context) -> Iterator[Diagnostic]:
    """Goals, partners and sections a measure names exist (goals and sections in its field)."""
    partners = {p.id for p in ctx.plan.partners}
    all_goals = {g.id: f.id for _, f in ctx.fields for g in f.goals}
    for src, f in ctx.fields:
        goals = {g.id for g in f.goals}
        sections = {s.id for s in f.sections}
        for i, m in enumerate(f.measures):
            for j, goal in enumerate(m.goals):
                if goal not in goals:
                    other = all_goals.get(goal)
                    why = f"it belongs to {other}" if other else f"{f.id} has no such goal"
                    yield src.diagnostic(
                        ("measures", i, "goals", j),
                        "unknown-goal",
                        f"{m.id} serves goal {goal}, but {why}{_known(goals)}",
                    )
            for role in ("lead", "involved"):
                for j, partner in enumerate(getattr(m, role)):
                    if partner not in partners:
                        yield src.diagnostic(
                            ("measures", i, role, j),
                            "unknown-partner",
                            f"{m.id}: unknown partner {partner!r}{_known(partners)}",
                        )
            if m.section is not None and m.section not in sections:
                yield src.diagnostic(
                    ("measures", i, "section"),
                    "unknown-section",
                    f"{m.id}: {f.id} has no section {m.section!r}{_known(sections)}",
                )
            elif m.section is None and sections:
                yield src.diagnostic(
                    ("measures", i),
                    "missing-section",
                    f"{m.id} names no section, but {f.id} has sections{_known(sections)}",
                )


def _known(ids: set[str]) -> str:
    if not ids:
        return ""
    shown = sorted(ids)[:8]
    more = ", …" if len(ids) > 8 else ""
    return f" (known: {', '.join(shown)}{more})"


def contiguous_numbers(ctx: Context) -> Iterator[Diagnostic]:
    """Measures of a field are numbered 1..n without gaps, in ascending order."""
    for src, f in ctx.fields:
        expected = 1
        seen: set[int] = set()
        for i, m in enumerate(f.measures):
            number = m.number
            if number > expected:
                gap = (
                    f"{f.id}.{expected}"
                    if number == expected + 1
                    else f"{f.id}.{expected} to {f.id}.{number - 1}"
                )
                yield src.diagnostic(
                    ("measures", i, "id"),
                    "numbering",
                    f"measures of {f.id} must be numbered 1, 2, 3, … without "
                    f"gaps; {gap} missing before {m.id}",
                )
            elif number < expected and number not in seen:
                yield src.diagnostic(
                    ("measures", i, "id"),
                    "numbering",
                    f"measures of {f.id} must be in ascending order; {m.id} "
                    f"comes after {f.id}.{expected - 1}",
                )
            seen.add(number)
            expected = max(expected, number + 1)


def _milestones(ctx: Context) -> Iterator[tuple[SourceFile, tuple[str | int, ...], str, Milestone]]:
    """Every milestone with its file, path and the name of its owner."""
    for i, m in enumerate(ctx.plan.milestones):
        yield ctx.plan_source, ("milestones", i), "plan", m
    if ctx.plan.monitoring:
        for i, body in enumerate(ctx.plan.monitoring.bodies):
            for j, m in enumerate(body.milestones):
                yield ctx.plan_source, ("monitoring", "bodies", i, "milestones", j), body.id, m
    for src, f in ctx.fields:
        for i, measure in enumerate(f.measures):
            for j, m in enumerate(measure.milestones):
                yield src, ("measures", i, "milestones", j), measure.id, m


def milestone_dates(ctx: Context) -> Iterator[Diagnostic]:
    """A milestone has either a due date or a recurrence; status and done date agree."""
    for src, path, owner, m in _milestones(ctx):
        name = f"{owner} milestone {m.id!r}"
        if m.due is None and m.recurrence is None:
            yield src.diagnostic(path, "milestone-due", f"{name} needs `due` or `recurrence`")
        if m.due is not None and m.recurrence is not None:
            yield src.diagnostic(
                (*path, "recurrence"),
                "milestone-due",
                f"{name} has both `due` and `recurrence`; keep one",
            )
        if m.status == "done" and m.done is None:
            yield src.diagnostic(
                (*path, "status"), "done-date", f"{name} is done but has no `done` date"
            )
        if m.status != "done" and m.done is not None:
            yield src.diagnostic(
                (*path, "done"),
                "done-date",
                f"{name} is {m.status} but has a `done` date; remove it or set status: done",
            )
        if m.done is not None and m.done.start > ctx.today:
            yield src.diagnostic(
                (*path, "done"),
                "done-date",
                f"{name} was done {m.done.iso()}, which is in the future",
            )


def recurrences(ctx: Context) -> Iterator[Diagnostic]:
    """A recurrence ends after it starts; its last held occurrence lies within it."""
    for src, path, owner, m in _milestones(ctx):
        r = m.recurrence
        if r is None:
            continue
        name = f"{owner} milestone {m.id!r}"
        if r.end is not None and r.end.end < r.start.end:
            yield src.diagnostic(
                (*path, "recurrence", "end"),
                "recurrence",
                f"{name} ends ({r.end.iso()}) before it starts ({r.start.iso()})",
            )
        if r.last_done is not None:
            if r.last_done.end < r.start.start:
                yield src.diagnostic(
                    (*path, "recurrence", "last_done"),
                    "recurrence",
                    f"{name}: last_done {r.last_done.iso()} lies before the start {r.start.iso()}",
                )
            if r.last_done.start > ctx.today:
                yield src.diagnostic(
                    (*path, "recurrence", "last_done"),
                    "recurrence",
                    f"{name}: last_done {r.last_done.iso()} is in the future",
                )


def dates_in_span(ctx: Context) -> Iterator[Diagnostic]:
    """Warn about deadlines long before the plan's adoption or after its horizon."""
    low, high = ctx.plan.adopted - 30, ctx.plan.horizon
    for src, path, owner, m in _milestones(ctx):
        due: Due | None = m.due or (m.recurrence.start if m.recurrence else None)
        key = "due" if m.due else "recurrence"
        if due is not None and not low <= due.year <= high:
            yield src.diagnostic(
                (*path, key),
                "date-range",
                f"{owner} milestone {m.id!r} is due {due.iso()}, outside the "
                f"plan's span {low}-{high}",
                severity="warning",
            )


def indicator_targets(ctx: Context) -> Iterator[Diagnostic]:
    """A target lies in the indicator's direction from its baseline, and not before it."""
    for src, f in ctx.fields:
        for i, m in enumerate(f.measures):
            for j, ind in enumerate(m.indicators):
                path = ("measures", i, "indicators", j)
                base, target = ind.baseline, ind.target
                if base is not None:
                    wrong = (
                        target.value < base.value
                        if ind.direction == "at_least"
                        else target.value > base.value
                    )
                    if wrong:
                        side = "below" if ind.direction == "at_least" else "above"
                        yield src.diagnostic(
                            (*path, "target", "value"),
                            "indicator-target",
                            f"indicator {ind.id!r}: target {_num(target.value)} lies {side} the "
                            f"baseline {_num(base.value)}, against direction {ind.direction}",
                        )
                    if isinstance(target.year, int) and target.year < base.year:
                        yield src.diagnostic(
                            (*path, "target", "year"),
                            "indicator-target",
                            f"indicator {ind.id!r}: target year {target.year} lies before the "
                            f"baseline year {base.year}",
                        )
                for k, reading in enumerate(ind.values):
                    if reading.date > ctx.today:
                        yield src.diagnostic(
                            (*path, "values", k, "date"),
                            "reading-date",
                            f"indicator {ind.id!r}: value recorded for {reading.date}, which "
                            "is in the future",
                        )


def update_log(ctx: Context) -> Iterator[Diagnostic]:
    """Updates are in date order and none lies in the future."""
    for src, f in ctx.fields:
        for i, m in enumerate(f.measures):
            for j, update in enumerate(m.updates):
                path = ("measures", i, "updates", j, "date")
                if update.date > ctx.today:
                    yield src.diagnostic(
                        path, "update-date", f"{m.id}: update dated {update.date} is in the future"
                    )
                if j and update.date < m.updates[j - 1].date:
                    yield src.diagnostic(
                        path,
                        "update-order",
                        f"{m.id}: update dated {update.date} comes after one "
                        f"dated {m.updates[j - 1].date}; keep the log in date "
                        "order",
                        severity="warning",
                    )


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


RULES: tuple[Rule, ...] = (
    unique_ids,
    ids_match_field,
    references_exist,
    contiguous_numbers,
    milestone_dates,
    recurrences,
    dates_in_span,
    indicator_targets,
    update_log,
)
