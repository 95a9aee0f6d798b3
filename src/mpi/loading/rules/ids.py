"""Ids: unique where they must be, matching their file, numbered without gaps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mpi.domain.diagnostics import Diagnostic
from mpi.i18n import N_, _
from mpi.loading.rules.context import Context
from mpi.loading.sources import SourceFile

Located = tuple[str, SourceFile, tuple[str | int, ...]]


def _duplicates(items: Iterable[Located], what: str) -> Iterator[Diagnostic]:
    seen: dict[str, tuple[SourceFile, tuple[str | int, ...]]] = {}
    for ident, source, path in items:
        if ident in seen:
            first_source, first_path = seen[ident]
            line, _column = first_source.at(*first_path)
            where = (
                _("line {line}").format(line=line)
                if first_source is source
                else f"{first_source.display}:{line}"
            )
            yield source.diagnostic(
                path,
                "duplicate-id",
                _("duplicate {what} id {ident} (first at {where})").format(
                    what=_(what), ident=repr(ident), where=where
                ),
            )
        else:
            seen[ident] = (source, path)


def unique_ids(ctx: Context) -> Iterator[Diagnostic]:
    """Ids are unique: fields, measures and indicators plan-wide; the rest in their scope."""
    plan, plan_src = ctx.plan, ctx.plan_source
    yield from _duplicates(
        ((p.id, plan_src, ("partners", i, "id")) for i, p in enumerate(plan.partners)),
        N_("partner"),
    )
    yield from _duplicates(((f.id, src, ("id",)) for src, f in ctx.fields), N_("Handlungsfeld"))
    yield from _duplicates(
        ((m.id, ctx.source(p), (*p.path, "id")) for p, m in ctx.measures), N_("measure")
    )
    yield from _duplicates(
        ((i.id, ctx.source(p), (*p.path, "id")) for p, i in ctx.indicators), N_("indicator")
    )
    yield from _duplicates(
        ((g.term, plan_src, ("glossary", i, "term")) for i, g in enumerate(plan.glossary)),
        N_("glossary"),
    )
    if plan.monitoring:
        bodies = plan.monitoring.bodies
        yield from _duplicates(
            ((b.id, plan_src, ("monitoring", "bodies", i, "id")) for i, b in enumerate(bodies)),
            N_("monitoring body"),
        )
        for i, b in enumerate(bodies):
            if b.id == "plan":  # `plan` names the plan level itself (mpi show plan)
                yield plan_src.diagnostic(
                    ("monitoring", "bodies", i, "id"),
                    "reserved-id",
                    _(
                        "a monitoring body cannot be called 'plan': `mpi show plan` means the "
                        "plan's own milestones"
                    ),
                )
    # Milestones are unique per owner: the plan, a monitoring body, a measure.
    owners: dict[tuple[int, tuple[str | int, ...]], list[Located]] = {}
    for p, ms in ctx.milestones:
        owner = (id(p.field), p.path[:-2])
        owners.setdefault(owner, []).append((ms.id, ctx.source(p), (*p.path, "id")))
    for located in owners.values():
        yield from _duplicates(located, N_("milestone"))
    for src, f in ctx.fields:
        yield from _duplicates(
            ((g.id, src, ("goals", i, "id")) for i, g in enumerate(f.goals)), N_("goal")
        )
        yield from _duplicates(
            ((s.id, src, ("sections", i, "id")) for i, s in enumerate(f.sections)), N_("section")
        )
    for p, m in ctx.measures:
        yield from _duplicates(
            ((it.id, ctx.source(p), (*p.path, "items", j, "id")) for j, it in enumerate(m.items)),
            N_("sub-item"),
        )


def ids_match_field(ctx: Context) -> Iterator[Diagnostic]:
    """Goal and measure ids start with their file's field id."""
    for src, f in ctx.fields:
        for i, g in enumerate(f.goals):
            if g.id.split(".")[0] != f.id:
                yield src.diagnostic(
                    ("goals", i, "id"),
                    "wrong-field",
                    _(
                        "goal {goal} is in the file of {field}; its id must start with {field}."
                    ).format(goal=g.id, field=f.id),
                )
    for place, m in ctx.measures:
        owner = place.field
        if owner is not None and m.field_id != owner.id:
            yield ctx.diagnostic(
                place,
                ("id",),
                "wrong-field",
                _(
                    "measure {measure} is in the file of {field}; its id must start with {field}."
                ).format(measure=m.id, field=owner.id),
            )


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
                    else _("{first} to {last}").format(
                        first=f"{f.id}.{expected}", last=f"{f.id}.{number - 1}"
                    )
                )
                yield src.diagnostic(
                    ("measures", i, "id"),
                    "numbering",
                    _(
                        "measures of {field} must be numbered 1, 2, 3, … without gaps; {gap} "
                        "missing before {measure}"
                    ).format(field=f.id, gap=gap, measure=m.id),
                )
            elif number < expected and number not in seen:
                yield src.diagnostic(
                    ("measures", i, "id"),
                    "numbering",
                    _(
                        "measures of {field} must be in ascending order; {measure} comes after "
                        "{previous}"
                    ).format(field=f.id, measure=m.id, previous=f"{f.id}.{expected - 1}"),
                )
            seen.add(number)
            expected = max(expected, number + 1)
