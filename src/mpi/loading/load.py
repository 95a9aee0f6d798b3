"""Load a plan: read its files with positions, validate each, join them, run the rules.

Every problem becomes a `Diagnostic` at the file, line and column of the offending value;
nothing here prints or exits.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.errors import PlanInvalid
from mpi.i18n import _
from mpi.i18n.formats import count
from mpi.loading.locate import MEETINGS_FILE, plan_files
from mpi.loading.reader import Budget
from mpi.loading.sources import UNREADABLE, SourceFile, mixed_warning, read_source

# Measures in a whole plan; with MAX_VALUES it bounds memory (each measure becomes a model
# of a dozen objects however few keys it has). The benchmark's largest plan has 10,000.
MAX_MEASURES = 20_000

if TYPE_CHECKING:
    from pydantic import BaseModel

    from mpi.domain.meetings import MeetingsFile
    from mpi.domain.model import FieldFile, Plan, PlanFile

    Reused = Mapping[Path, tuple[SourceFile, BaseModel]]


@dataclass
class Loaded:
    """The outcome of loading: the plan if it validated, its files, and all problems."""

    directory: Path
    plan: Plan | None = None
    plan_file: SourceFile | None = None
    field_files: dict[str, SourceFile] = field(default_factory=dict)
    meetings_file: SourceFile | None = None  # meetings.yaml, where the plan keeps one
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Each file that validated, by path, with its model: what a later load may reuse.
    models: dict[Path, tuple[SourceFile, BaseModel]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def exit_code(self) -> int:
        """2 if a file could not be read at all, 1 for any other error, else 0."""
        if self.unreadable:
            return 2
        return 1 if self.errors else 0

    @property
    def unreadable(self) -> bool:
        return any(d.code in UNREADABLE for d in self.diagnostics)


def load_plan(
    directory: Path,
    overrides: Mapping[Path, str] | None = None,
    reuse: Mapping[Path, tuple[SourceFile, BaseModel]] | None = None,
    *,
    checks: bool = True,
) -> Loaded:
    """Read every file of the plan, validate each against its model, join them, run checks.

    `overrides` gives new text for some files (an edit validated before it is written);
    `reuse`, the `models` of an earlier load of the same plan, spares reading and validating
    again the files that `overrides` does not change (an edit changes one file of many).
    `checks=False` skips the rules across files (a past revision, read to be compared).
    """
    import gc

    # Loading creates millions of objects that all stay alive; the cyclic garbage collector
    # would scan them again and again for nothing (about 30 % of a 10,000-measure load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_plan(directory, overrides, reuse, checks)
    finally:
        if collecting:
            gc.enable()


def _load_plan(
    directory: Path,
    overrides: Mapping[Path, str] | None,
    reuse: Mapping[Path, tuple[SourceFile, BaseModel]] | None,
    checks: bool,
) -> Loaded:
    from mpi.domain import model
    from mpi.loading import rules

    overrides = overrides or {}
    loaded = Loaded(directory)
    plan_path, field_paths = plan_files(directory)
    budget = Budget()
    earlier = {p: v for p, v in (reuse or {}).items() if p not in overrides}
    plan_source, plan_data = _plan_file(loaded, plan_path, earlier, overrides, budget)
    fields = _field_files(loaded, field_paths, earlier, overrides, budget)
    meetings = _meetings_file(loaded, directory / MEETINGS_FILE, earlier, overrides, budget)
    if not field_paths:
        loaded.diagnostics.append(
            Diagnostic(
                plan_source.display,
                1,
                1,
                "warning",
                "no-fields",
                _("the plan directory has no Handlungsfeld files (hf*.yaml)"),
            )
        )
    if loaded.errors or plan_data is None:
        loaded.diagnostics.sort(key=Diagnostic.sort_key)
        return loaded
    loaded.plan = model.join(
        plan_data, [f for _, f in fields], meetings.meetings if meetings else None
    )
    if checks:
        loaded.diagnostics += rules.run(loaded.plan, plan_source, fields, loaded.meetings_file)
    loaded.diagnostics.sort(key=Diagnostic.sort_key)
    return loaded


def _plan_file(
    loaded: Loaded, path: Path, earlier: Reused, overrides: Mapping[Path, str], budget: Budget
) -> tuple[SourceFile, PlanFile | None]:
    """plan.yaml: taken from an earlier load, or read and checked against its model."""
    from mpi.domain.model import PlanFile
    from mpi.loading.schema_errors import validate_model

    again = earlier.get(path)
    data: PlanFile | None = None
    if again is not None and isinstance(again[1], PlanFile):
        source, data = again[0], again[1]
    else:
        source, problem = read_source(path, overrides.get(path), budget)
        if problem:
            loaded.diagnostics.append(problem)
        else:
            data, problems = validate_model(source, PlanFile)
            loaded.diagnostics += problems + mixed_warning(source)
    loaded.plan_file = source
    if data is not None:
        loaded.models[path] = (source, data)
    return source, data


def _field_files(
    loaded: Loaded,
    paths: list[Path],
    earlier: Reused,
    overrides: Mapping[Path, str],
    budget: Budget,
) -> list[tuple[SourceFile, FieldFile]]:
    """The Handlungsfeld files: each taken from an earlier load, or read and checked against
    its model; no more than MAX_MEASURES measures in all."""
    from mpi.domain.model import FieldFile
    from mpi.loading.schema_errors import validate_model

    fields: list[tuple[SourceFile, FieldFile]] = []
    measures = 0
    for path in paths:
        again = earlier.get(path)
        if again is not None and isinstance(again[1], FieldFile):
            source, field_model = again[0], again[1]
        else:
            source, problem = read_source(path, overrides.get(path), budget)
            field_model = None
            if problem:
                loaded.field_files[source.display] = source
                loaded.diagnostics.append(problem)
                continue
        loaded.field_files[source.display] = source
        listed = source.tree.get("measures")
        measures += len(listed) if isinstance(listed, list) else 0
        if field_model is None:
            if measures > MAX_MEASURES:
                loaded.diagnostics.append(_too_many(source))
                continue
            field_model, problems = validate_model(source, FieldFile)
            loaded.diagnostics += problems + mixed_warning(source)
        if field_model is not None:
            fields.append((source, field_model))
            loaded.models[path] = (source, field_model)
    return fields


def _meetings_file(
    loaded: Loaded, path: Path, earlier: Reused, overrides: Mapping[Path, str], budget: Budget
) -> MeetingsFile | None:
    """meetings.yaml, where there is one: taken from an earlier load, or read and checked."""
    from mpi.domain.meetings import MeetingsFile
    from mpi.loading.schema_errors import validate_model

    again = earlier.get(path)
    if again is not None and isinstance(again[1], MeetingsFile):
        loaded.meetings_file = again[0]
        loaded.models[path] = again
        return again[1]
    if path not in overrides and not os.path.lexists(path):
        return None
    source, problem = read_source(path, overrides.get(path), budget)
    loaded.meetings_file = source
    if problem:
        loaded.diagnostics.append(problem)
        return None
    data, problems = validate_model(source, MeetingsFile)
    loaded.diagnostics += problems + mixed_warning(source)
    if data is not None:
        loaded.models[path] = (source, data)
    return data


def _too_many(source: SourceFile) -> Diagnostic:
    return source.diagnostic(
        ("measures",),
        "too-large",
        _(
            "the plan has more than {limit} measures (limit MAX_MEASURES, which keeps mpi "
            "under 1 GiB of memory)"
        ).format(limit=count(MAX_MEASURES)),
        key=True,
    )


def require_plan(loaded: Loaded) -> Plan:
    """The plan of a load without errors; otherwise PlanInvalid with the diagnostics."""
    if loaded.errors or loaded.plan is None:
        raise PlanInvalid(loaded.diagnostics, loaded.exit_code or 1)
    return loaded.plan
