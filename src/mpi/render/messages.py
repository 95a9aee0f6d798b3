"""Sentences the commands say about their work, beside what they draw."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpi.domain.diagnostics import Diagnostic
    from mpi.views.due import MilestoneLine


def validation_summary(diagnostics: Sequence[Diagnostic], files: int, directory: str) -> str:
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"plan is valid ({files} files checked) in {directory}"
    state = "plan is invalid" if errors else "plan is valid"
    return f"{state}: {errors} error(s), {warnings} warning(s) in {files} files, in {directory}"


def no_changes(old: str, new: str | None) -> str:
    where = f"{old} and {new}" if new is not None else f"{old} and the working tree"
    return f"no changes to the plan between {where}"


def milestone_note(line: MilestoneLine, late: bool) -> str:
    """What the report notes beside a milestone: recurring, and how many occurrences."""
    r = line.row
    if r.recurring and line.occurrences > 1:
        return f"{line.occurrences} occurrences" + (f" {r.state}" if late else "")
    return "recurring" if r.recurring else ""
