"""References: the goals, partners and sections a measure names exist."""

from __future__ import annotations

from collections.abc import Iterator

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.model import Measure
from mpi.domain.walk import Place
from mpi.i18n import _
from mpi.loading.rules.context import Context


def _reporter(by: str, partners: set[str]) -> str:
    return _("reported by {partner}: no partner of the plan{known}").format(
        partner=repr(by), known=_known(partners)
    )


def references_exist(ctx: Context) -> Iterator[Diagnostic]:
    """Goals, partners and sections a measure names exist (goals and sections in its field);
    who reported a log entry or a value is a partner."""
    partners = {p.id for p in ctx.plan.partners}
    for source, path, _owner, log in ctx.logs():
        for j, u in enumerate(log):
            if u.by is not None and u.by not in partners:
                where = (*path, "updates", j, "by")
                yield source.diagnostic(where, "unknown-partner", _reporter(u.by, partners))
    all_goals = {g.id: f.id for _, f in ctx.fields for g in f.goals}
    for place, m in ctx.measures:
        yield from _goals_exist(ctx, place, m, all_goals)
        for role in ("lead", "involved"):
            for j, partner in enumerate(getattr(m, role)):
                if partner not in partners:
                    yield ctx.diagnostic(
                        place,
                        (role, j),
                        "unknown-partner",
                        _("{measure}: unknown partner {partner}{known}").format(
                            measure=m.id, partner=repr(partner), known=_known(partners)
                        ),
                    )
        for k, ind in enumerate(m.indicators):
            for j, v in enumerate(ind.values):
                if v.by is not None and v.by not in partners:
                    sub = ("indicators", k, "values", j, "by")
                    yield ctx.diagnostic(place, sub, "unknown-partner", _reporter(v.by, partners))
        yield from _section_exists(ctx, place, m)


def _goals_exist(
    ctx: Context, place: Place, m: Measure, all_goals: dict[str, str]
) -> Iterator[Diagnostic]:
    """Each goal a measure serves is one of its field's (or says whose it is)."""
    f = place.field
    assert f is not None  # measures live in Handlungsfeld files
    goals = {g.id for g in f.goals}
    for j, goal in enumerate(m.goals):
        if goal not in goals:
            other = all_goals.get(goal)
            why = (
                _("it belongs to {field}").format(field=other)
                if other
                else _("{field} has no such goal").format(field=f.id)
            )
            yield ctx.diagnostic(
                place,
                ("goals", j),
                "unknown-goal",
                _("{measure} serves goal {goal}, but {why}{known}").format(
                    measure=m.id, goal=goal, why=why, known=_known(goals)
                ),
            )


def _section_exists(ctx: Context, place: Place, m: Measure) -> Iterator[Diagnostic]:
    """A measure names a section of its field where the field has sections."""
    f = place.field
    assert f is not None
    sections = {s.id for s in f.sections}
    if m.section is not None and m.section not in sections:
        yield ctx.diagnostic(
            place,
            ("section",),
            "unknown-section",
            _("{measure}: {field} has no section {section}{known}").format(
                measure=m.id, field=f.id, section=repr(m.section), known=_known(sections)
            ),
        )
    elif m.section is None and sections:
        yield ctx.diagnostic(
            place,
            (),
            "missing-section",
            _("{measure} names no section, but {field} has sections{known}").format(
                measure=m.id, field=f.id, known=_known(sections)
            ),
        )


def _known(ids: set[str]) -> str:
    if not ids:
        return ""
    shown = sorted(ids)[:8]
    more = ", …" if len(ids) > 8 else ""
    return _(" (known: {ids})").format(ids=", ".join(shown) + more)
