"""What changed between two plans, as the coordination round reads it, not as changed lines.

`compare(old, new)` returns `Change` values in plan order (plan level, then field by field,
measure by measure). Commitments are classified by `mpi.domain.commitments` (postponed,
lowered, thinned, ...); a weakening change carries the decision that covers it, or none.
`mpi diff`, `mpi validate` against the adopted plan, `mpi round` and `mpi history` read the
same changes.
"""

from __future__ import annotations

from mpi.domain import commitments as c
from mpi.domain.change import (
    Change,
    ChangeKind,
    listed,
    pairs,
    presence,
    recorded,
    short,
    texts,
    updates,
)
from mpi.domain.compare_items import indicators, milestones
from mpi.domain.model import FieldFile, Measure, Plan
from mpi.domain.words import natural_key


def compare(old: Plan, new: Plan) -> list[Change]:
    """Everything that changed from `old` to `new`, in plan order."""
    horizon = new.horizon
    out = _plan_level(old, new)
    out += milestones("plan", old.milestones, new.milestones, new.decisions, horizon)
    out += updates("plan", "plan", old.updates, new.updates)
    old_bodies = old.monitoring.bodies if old.monitoring else []
    new_bodies = new.monitoring.bodies if new.monitoring else []
    for ident, a, b in pairs(old_bodies, new_bodies, lambda x: x.id):
        if a is None or b is None:
            out.append(presence(ident, "body", a, b, new.decisions))
            continue
        out += texts(ident, None, "body", [("name", a.name, b.name), ("text", a.text, b.text)])
        out += milestones(ident, a.milestones, b.milestones, b.decisions, horizon)
        out += updates(ident, "body", a.updates, b.updates)
        out += recorded(ident, None, "body", a.decisions, b.decisions, out)
    for ident, f, g in pairs(old.fields, new.fields, lambda x: x.id, natural=True):
        if f is None or g is None:
            out.append(presence(ident, "field", f, g, new.decisions))
        elif f is not g:  # the same model: a file unchanged between the revisions
            out += field_changes(f, g, horizon)
    return out + recorded("plan", None, "plan", old.decisions, new.decisions, out)


def _plan_level(old: Plan, new: Plan) -> list[Change]:
    said = [(n, getattr(old, n), getattr(new, n)) for n in ("title", "vision", "agreements")]
    out = texts("plan", None, "plan", [*said, ("background", old.background, new.background)])
    for name in ("sources", "glossary"):
        if getattr(old, name) != getattr(new, name):
            out.append(Change("changed", "plan", attribute=name, what="plan"))
    if old.adopted != new.adopted:
        out.append(short("plan", None, "plan", "adopted", old.adopted, new.adopted))
    out += listed("plan", "partners", old.partners, new.partners)
    intro_a = old.monitoring.intro if old.monitoring else None
    intro_b = new.monitoring.intro if new.monitoring else None
    return out + texts("plan", None, "plan", [("monitoring", intro_a, intro_b)])


def field_changes(old: FieldFile, new: FieldFile, horizon: int) -> list[Change]:
    """What changed in a Handlungsfeld: its title, sections, goals, measures, decisions."""
    out = texts(new.id, None, "field", [("title", old.title, new.title)])
    if old.sections != new.sections:
        before, after = [s.id for s in old.sections], [s.id for s in new.sections]
        out.append(short(new.id, None, "field", "sections", before, after))
    for ident, a, b in pairs(old.goals, new.goals, lambda x: x.id):
        if a is None or b is None:
            out.append(presence(ident, "goal", a, b, new.decisions))
        else:
            out += texts(ident, None, "goal", [("text", a.text, b.text)])
    for ident, m, n in pairs(old.measures, new.measures, lambda x: x.id, natural=True):
        if m is None or n is None:
            out.append(presence(ident, "measure", m, n, new.decisions))
        elif m != n:
            out += measure_changes(m, n, horizon)
    return out + recorded(new.id, None, "field", old.decisions, new.decisions, out)


def measure_changes(old: Measure, new: Measure, horizon: int) -> list[Change]:
    s = new.id
    out = []
    if old.status != new.status:
        out.append(_status(old, new))
    out += texts(
        s, None, "measure", [("title", old.title, new.title), ("text", old.text, new.text)]
    )
    out += texts(s, None, "measure", [("items", old.items, new.items)])
    if old.sources != new.sources:
        out.append(Change("changed", s, None, "sources"))
    for name in ("section", "goals", "involved", "tags"):
        if getattr(old, name) != getattr(new, name):
            out.append(short(s, None, "measure", name, getattr(old, name), getattr(new, name)))
    if old.lead != new.lead:
        out.append(_lead(old, new))
    out += milestones(s, old.milestones, new.milestones, new.decisions, horizon)
    out += indicators(s, old.indicators, new.indicators, new.decisions)
    out += updates(s, "measure", old.updates, new.updates)
    return out + recorded(s, None, "measure", old.decisions, new.decisions, out)


def _status(old: Measure, new: Measure) -> Change:
    """Dropping a measure weakens the plan; the decision that dropped it covers it."""

    kind: ChangeKind = (
        "dropped"
        if new.status == "dropped"
        else "restored"
        if old.status == "dropped"
        else "status_changed"
    )
    decision = (
        c.standing(new.decisions, lambda d: d.status is not None, lambda d: d.status == new.status)
        if kind != "status_changed"
        else None
    )
    return Change(
        kind, new.id, old=old.status, new=new.status, weakening=kind == "dropped", decision=decision
    )


def _lead(old: Measure, new: Measure) -> Change:
    """A partner taken off a measure's lead weakens it (its commitment goes); added, it does
    not."""
    gone = [p for p in old.lead if p not in new.lead]
    if not gone:
        return short(new.id, None, "measure", "lead", old.lead, new.lead)
    decision = c.standing(new.decisions, lambda d: d.lead is not None, lambda d: d.lead == new.lead)
    return Change(
        "lead_removed",
        new.id,
        None,
        "lead",
        ", ".join(old.lead),
        ", ".join(new.lead),
        weakening=True,
        decision=decision,
    )


def compare_renumbered(old: Plan, new: Plan) -> list[Change]:
    """Like `compare`, for two adoptions of a plan (a Fortschreibung renumbers measures): a
    measure is the one with the same title in the same field, whatever its number (else the
    one with the same number); one under a new number is `renumbered`, then compared."""

    def bare(p: Plan) -> Plan:
        fields = [f.model_copy(update={"measures": []}) for f in p.fields]
        return p.model_copy(update={"fields": fields})

    out = compare(bare(old), bare(new))
    horizon = new.horizon
    olds = {f.id: f for f in old.fields}
    for g in new.fields:
        f = olds.get(g.id)
        if f is None:
            continue
        for m, n in _matched(f.measures, g.measures):
            if m is None or n is None:
                ident = m.id if m is not None else n.id if n is not None else ""
                out.append(presence(ident, "measure", m, n, g.decisions))
                continue
            if m.id != n.id:
                out.append(Change("renumbered", n.id, old=m.id, new=n.id, what="measure"))
                m = m.model_copy(update={"id": n.id})
            if m != n:
                out += measure_changes(m, n, horizon)
    return out


def _matched(old: list[Measure], new: list[Measure]) -> list[tuple[Measure | None, Measure | None]]:
    """Old and new measures paired by title, then by number; the rest alone."""

    def title(m: Measure) -> str:
        return " ".join(m.title.split()).casefold()

    by_title = {title(n): n for n in new}
    pairs: list[tuple[Measure | None, Measure | None]] = []
    taken: set[str] = set()
    rest = []
    for m in old:
        n = by_title.get(title(m))
        if n is not None and n.id not in taken:
            pairs.append((m, n))
            taken.add(n.id)
        else:
            rest.append(m)
    by_id = {n.id: n for n in new if n.id not in taken}
    for m in rest:
        n = by_id.pop(m.id, None)
        pairs.append((m, n))
        if n is not None:
            taken.add(n.id)
    pairs += [(None, n) for n in new if n.id not in taken]

    def key(pair: tuple[Measure | None, Measure | None]) -> tuple[object, ...]:
        return natural_key(next(m.id for m in reversed(pair) if m is not None))

    return sorted(pairs, key=key)
