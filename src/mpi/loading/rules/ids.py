"""Ids: unique where they must be, matching their file, numbered without gaps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mpi.domain.diagnostics import Diagnostic
from mpi.loading.rules.context import Context
from mpi.loading.sources import SourceFile

Located = tuple[str, SourceFile, tuple[str | int, ...]]


def _duplicates(items: Iterable[Located], what: str) -> Iterator[Diagnostic]:
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
    plan, plan_src = ctx.plan, ctx.plan_source
    yield from _duplicates(
        ((p.id, plan_src, ("partners", i, "id")) for i, p in enumerate(plan.partners)), "partner"
    )
    yield from _duplicates(((f.id, src, ("id",)) for src, f in ctx.fields), "Handlungsfeld")
    yield from _duplicates(
        ((m.id, ctx.source(p), (*p.path, "id")) for p, m in ctx.measures), "measure"
    )
    yield from _duplicates(
        ((i.id, ctx.source(p), (*p.path, "id")) for p, i in ctx.indicators), "indicator"
    )
    yield from _duplicates(
        ((g.term, plan_src, ("glossary", i, "term")) for i, g in enumerate(plan.glossary)),
        "glossary",
    )
    if plan.monitoring:
        bodies = plan.monitoring.bodies
        yield from _duplicates(
            ((b.id, plan_src, ("monitoring", "bodies", i, "id")) for i, b in enumerate(bodies)),
            "monitoring body",
        )
        for i, b in enumerate(bodies):
            if b.id == "plan":  # `plan` names the plan level itself (mpi show plan)
                yield plan_src.diagnostic(
                    ("monitoring", "bodies", i, "id"),
                    "reserved-id",
                    "a monitoring body cannot be called 'plan': `mpi show plan` means the "
                    "plan's own milestones",
                )
    # Milestones are unique per owner: the plan, a monitoring body, a measure.
    owners: dict[tuple[int, tuple[str | int, ...]], list[Located]] = {}
    for p, ms in ctx.milestones:
        owner = (id(p.field), p.path[:-2])
        owners.setdefault(owner, []).append((ms.id, ctx.source(p), (*p.path, "id")))
    for located in owners.values():
        yield from _duplicates(located, "milestone")
    for src, f in ctx.fields:
        yield from _duplicates(
            ((g.id, src, ("goals", i, "id")) for i, g in enumerate(f.goals)), "goal"
        )
        yield from _duplicates(
            ((s.id, src, ("sections", i, "id")) for i, s in enumerate(f.sections)), "section"
        )
    for p, m in ctx.measures:
        yield from _duplicates(
            ((it.id, ctx.source(p), (*p.path, "items", j, "id")) for j, it in enumerate(m.items)),
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
    for place, m in ctx.measures:
        owner = place.field
        if owner is not None and m.field_id != owner.id:
            yield ctx.diagnostic(
                place,
                ("id",),
                "wrong-field",
                f"measure {m.id} is in the file of {owner.id}; its id must start with {owner.id}.",
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
