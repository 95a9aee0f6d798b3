"""The record a partner's status request carries (`mpi form`, `mpi import`): which plan it
was made for, each measure's state then, and a digest over the record, so that a workbook
edited into another's, or made for another plan, is known."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from mpi.domain.model import Measure, Plan

FORMAT = "mpi-sachstand/1"  # what the workbook is, and the version of its layout


def plan_identity(plan: Plan) -> str:
    """Which plan: its title and year, as a spreadsheet cell can hold it (no control
    character, which a workbook's XML has no room for)."""
    return "".join(c if c.isprintable() else "?" for c in f"{plan.title} ({plan.adopted})")


def fingerprint(measure: Measure) -> str:
    """A measure's state: any change to it (a note, a status, a value) changes this."""
    return hashlib.sha256(measure.model_dump_json().encode()).hexdigest()[:20]


def digest(plan: str, partner: str, made_on: str, fingerprints: Mapping[str, str]) -> str:
    """What `mpi import` checks the record against: edited, it no longer matches."""
    facts = [FORMAT, plan, partner, made_on, *sorted(fingerprints.items())]
    return hashlib.sha256(repr(facts).encode()).hexdigest()[:24]
