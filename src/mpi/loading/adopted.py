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


def adopted_at(plan_dir: Path, rev: str) -> AdoptedPlan:
    """The adopted plan as it was at a git revision; a UsageError where it had none,
    PlanInvalid where it does not read (named `REV:path`)."""
    from dataclasses import replace

    from mpi.domain.adopted import FILE
    from mpi.domain.errors import PlanInvalid, UsageError
    from mpi.i18n import _
    from mpi.loading.revision import git, plan_blobs, repository, resolve
    from mpi.loading.sources import MAX_BYTES, decode
    from mpi.loading.yaml_errors import ReadError

    top, relative = repository(plan_dir)
    commit = resolve(top, rev)
    blob = plan_blobs(top, commit, relative).get(FILE)
    shown = f"{rev}:{relative}/{FILE}" if relative != "." else f"{rev}:{FILE}"
    if blob is None:
        raise UsageError(_("there is no adopted plan at {rev}").format(rev=repr(rev)))
    if blob[1] > MAX_BYTES:
        raise UsageError(
            _("{path} is larger than {limit} bytes").format(path=shown, limit=MAX_BYTES)
        )
    data = git(top, "cat-file", "blob", blob[0]).stdout
    try:
        text = decode(data)
    except ReadError as exc:
        found = Diagnostic(shown, exc.line, exc.column, "error", exc.code, exc.message)
        raise PlanInvalid([found]) from None
    read, problems = read_adopted(plan_dir / FILE, text)
    if read is None:
        raise PlanInvalid([replace(d, file=shown) for d in problems])
    return read[0]
