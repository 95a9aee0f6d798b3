"""Read the adopted plan (`adopted.yaml`) with the position of every value, as the plan's
own files are read: the same checks of the file, the same schema errors at their place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mpi.domain.diagnostics import Diagnostic
from mpi.loading.sources import SourceFile, read_source

if TYPE_CHECKING:
    from mpi.domain.adopted import AdoptedPlan


def read_adopted(
    path: Path, text: str | None = None
) -> tuple[tuple[AdoptedPlan, SourceFile] | None, list[Diagnostic]]:
    """The adopted plan at `path` (or `text` as its content) and its source; or None and
    the problems (a file that cannot be read: one diagnostic with its reason)."""
    from mpi.domain.adopted import AdoptedPlan
    from mpi.loading.schema_errors import validate_model

    source, problem = read_source(path, text)
    if problem is not None:
        return None, [problem]
    model, problems = validate_model(source, AdoptedPlan)
    if model is None:
        return None, problems
    return (model, source), []
