"""Finding a field, measure or indicator by the id a person typed, with a suggestion."""

from __future__ import annotations

import re

from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.model import FieldFile, Measure, MonitoringBody, Plan
from mpi.domain.partners import match
from mpi.domain.words import suggest
from mpi.i18n import _

# The owner of the plan-level milestones (the 2045 horizon); the milestones of Dialog und
# Monitoring belong to their body (`evaluation`), those of a measure to the measure (HF1.10).
PLAN = "plan"


def find_field(plan: Plan, ident: str) -> FieldFile:
    """The Handlungsfeld with this id (case-insensitive), or an error with a suggestion: HF1
    for `1` or `HF 1`."""
    for f in plan.fields:
        if f.id == ident.upper():
            return f
    known = [f.id for f in plan.fields]
    squeezed = re.sub(r"[\s._-]+", "", ident).upper()
    meant = next((k for k in known if k in (squeezed, "HF" + squeezed)), None)
    hint = _("; did you mean {ident}?").format(ident=meant) if meant else ""
    raise InvalidValue(
        "field",
        _("unknown Handlungsfeld {field}{hint}").format(
            field=repr(ident), hint=hint or suggest(ident.upper(), known)
        ),
    )


def find_measure(plan: Plan, ident: str) -> tuple[FieldFile, Measure]:
    """The measure with this id (case-insensitive), or an error with a suggestion."""
    wanted = ident.strip().upper()
    for f in plan.fields:
        for m in f.measures:
            if m.id == wanted:
                return f, m
    known = [m.id for m in plan.measures()]
    raise UsageError(
        _("unknown measure {measure}{hint}").format(
            measure=repr(ident), hint=suggest(wanted, known)
        )
    )


def find_partner(plan: Plan, typed: str, what: str = "partner") -> str:
    """The partner a person named (`domain.partners.match`)."""
    return match(plan.partners, typed, what)


def owner_ids(plan: Plan) -> list[str]:
    """Every id that owns milestones: the measures, `plan`, the monitoring bodies."""
    bodies = [b.id for b in plan.monitoring.bodies] if plan.monitoring else []
    return [*(m.id for m in plan.measures()), PLAN, *bodies]


def find_body(plan: Plan, ident: str) -> MonitoringBody | None:
    """The monitoring body with this id (case-insensitive), or None."""
    wanted = ident.strip().casefold()
    bodies = plan.monitoring.bodies if plan.monitoring else []
    return next((b for b in bodies if b.id.casefold() == wanted), None)


def find_owner(plan: Plan, ident: str) -> str:
    """The owner id a person typed: a measure (HF1.10), `plan`, or a monitoring body."""
    wanted = ident.strip()
    if wanted.casefold() == PLAN:
        return PLAN
    body = find_body(plan, wanted)
    if body is not None:
        return body.id
    for m in plan.measures():
        if m.id == wanted.upper():
            return m.id
    if re.fullmatch(r"(?i)HF\d+\.\d+", wanted):  # typed as a measure id: suggest measures
        known = [m.id for m in plan.measures()]
        raise UsageError(
            _("unknown measure {measure}{hint}").format(
                measure=repr(ident), hint=suggest(wanted.upper(), known)
            )
        )
    known = owner_ids(plan)
    bodies = ", ".join(known[known.index(PLAN) + 1 :]) or "none"
    raise UsageError(
        _(
            "unknown measure or monitoring body {owner}{hint} (the plan's own milestones: "
            "{plan}; Dialog und Monitoring: {bodies})"
        ).format(owner=repr(ident), hint=suggest(wanted, known), plan=PLAN, bodies=bodies)
    )
