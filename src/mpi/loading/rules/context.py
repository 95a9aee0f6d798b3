"""What every rule is fed: the plan, its files, and one walk over its items with their places."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from mpi.domain import walk
from mpi.domain.diagnostics import Diagnostic, Severity
from mpi.domain.items import Indicator, Milestone
from mpi.domain.model import FieldFile, Measure, Plan, Update
from mpi.domain.walk import KeyPath, Place
from mpi.loading.sources import SourceFile


@dataclass(frozen=True)
class Context:
    """What every rule reads: the plan, its files, and the walk over its items."""

    plan: Plan
    plan_source: SourceFile
    fields: list[tuple[SourceFile, FieldFile]]  # in file order
    today: date
    measures: list[tuple[Place, Measure]] = field(default_factory=list)
    milestones: list[tuple[Place, Milestone]] = field(default_factory=list)
    indicators: list[tuple[Place, Indicator]] = field(default_factory=list)
    meetings: SourceFile | None = None  # meetings.yaml, where the plan keeps one
    _sources: dict[int, SourceFile] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        plan: Plan,
        plan_source: SourceFile,
        fields: list[tuple[SourceFile, FieldFile]],
        today: date,
        meetings: SourceFile | None = None,
    ) -> Context:
        models = [f for _, f in fields]
        return cls(
            plan,
            plan_source,
            fields,
            today,
            list(walk.measures(models)),
            list(walk.milestones(plan, models)),
            list(walk.indicators(models)),
            meetings,
            {id(f): src for src, f in fields},
        )

    def source(self, place: Place) -> SourceFile:
        return self.plan_source if place.field is None else self._sources[id(place.field)]

    def logs(self) -> Iterator[tuple[SourceFile, KeyPath, str, list[Update]]]:
        """Every updates log with its file, path and owner: the measures', the plan level's
        and the monitoring bodies'."""
        for place, m in self.measures:
            yield self.source(place), place.path, m.id, m.updates
        yield self.plan_source, (), "plan", self.plan.updates
        for i, b in enumerate(self.plan.monitoring.bodies if self.plan.monitoring else []):
            yield self.plan_source, ("monitoring", "bodies", i), b.id, b.updates

    def diagnostic(
        self,
        place: Place,
        sub: tuple[str | int, ...],
        code: str,
        message: str,
        severity: Severity = "error",
    ) -> Diagnostic:
        """A diagnostic at `sub` below the item's place, in the item's file."""
        return self.source(place).diagnostic((*place.path, *sub), code, message, severity=severity)


Rule = Callable[[Context], Iterator[Diagnostic]]
