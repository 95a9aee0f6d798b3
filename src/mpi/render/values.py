"""How numbers and dates read in every format people read: one place for both."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mpi.domain.words import number as _number

if TYPE_CHECKING:
    from mpi.domain.dates import Due

DASH = "–"  # a value that is not there


def number(value: float | None) -> str:
    """19 rather than 19.0; 19.5 in full, never rounded; a dash for no value."""
    return DASH if value is None else _number(value)


def day(value: date | None) -> str:
    return DASH if value is None else value.isoformat()


def due(value: Due | None) -> str:
    """A deadline at its precision: 2031, 2030-06 or 2030-06-30."""
    return DASH if value is None else value.iso()


def amount(value: float | None, unit: str) -> str:
    """A value with its unit, or a dash."""
    return DASH if value is None else f"{number(value)} {unit}"


def direction(direction: str) -> str:
    return "≥" if direction == "at_least" else "≤"


def state(status: str, state: str, done: Due | None) -> str:
    """A deadline's state for people: `overdue`, `delayed`, `open`, `missed`, `done 2026-11-25`."""
    if status == "done":
        return "done" + (f" {due(done)}" if done is not None else "")
    return state
