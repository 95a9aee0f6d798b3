"""Finding a field, measure or indicator by the id a person typed, with a suggestion."""

from __future__ import annotations

from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.model import Field, Measure, Plan
from mpi.domain.words import suggest


def find_field(plan: Plan, ident: str) -> Field:
    for f in plan.fields:
        if f.id == ident.upper():
            return f
    known = [f.id for f in plan.fields]
    raise InvalidValue("field", f"unknown Handlungsfeld {ident!r}{suggest(ident.upper(), known)}")


def find_measure(plan: Plan, ident: str) -> tuple[Field, Measure]:
    """The measure with this id (case-insensitive), or an error with a suggestion."""
    wanted = ident.strip().upper()
    for f in plan.fields:
        for m in f.measures:
            if m.id == wanted:
                return f, m
    known = [m.id for m in plan.measures()]
    raise UsageError(f"unknown measure {ident!r}{suggest(wanted, known)}")
