"""One walk over the plan: every measure, milestone and indicator with its place.

Rules point diagnostics at `place.path` in the place's file; views read the owner. Plan-level
items come first, then the fields in the order given, measure by measure.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mpi.domain.items import Indicator, Milestone
from mpi.domain.model import FieldFile, Measure, MonitoringBody, PlanFile

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Place:
    """Where an item sits: in plan.yaml (`field` is None) or a Handlungsfeld file, at `path`.

    `owner` is what the item belongs to as people name it: a measure id, a monitoring body id,
    or "plan".
    """

    field: FieldFile | None
    path: KeyPath
    owner: str
    measure: Measure | None = None
    body: MonitoringBody | None = None


def measures(fields: Sequence[FieldFile]) -> Iterator[tuple[Place, Measure]]:
    for f in fields:
        for i, m in enumerate(f.measures):
            yield Place(f, ("measures", i), m.id, m), m


def milestones(plan: PlanFile, fields: Sequence[FieldFile]) -> Iterator[tuple[Place, Milestone]]:
    """Plan-level milestones, those of the monitoring bodies, then those of each measure."""
    for i, ms in enumerate(plan.milestones):
        yield Place(None, ("milestones", i), "plan"), ms
    if plan.monitoring:
        for i, body in enumerate(plan.monitoring.bodies):
            for j, ms in enumerate(body.milestones):
                path = ("monitoring", "bodies", i, "milestones", j)
                yield Place(None, path, body.id, body=body), ms
    for place, m in measures(fields):
        yield from milestones_of(place, m)


def milestones_of(place: Place, m: Measure) -> Iterator[tuple[Place, Milestone]]:
    """The milestones of the measure at `place`."""
    for j, ms in enumerate(m.milestones):
        yield Place(place.field, (*place.path, "milestones", j), m.id, m), ms


def indicators(fields: Sequence[FieldFile]) -> Iterator[tuple[Place, Indicator]]:
    for place, m in measures(fields):
        for j, ind in enumerate(m.indicators):
            yield Place(place.field, (*place.path, "indicators", j), m.id, m), ind
