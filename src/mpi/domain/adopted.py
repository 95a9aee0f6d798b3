"""The plan as adopted: every commitment as the partners adopted it, kept in the plan
directory (`adopted.yaml`, written by `mpi adopt`) so that `mpi validate` compares the plan
with it anywhere: without git, in a shallow clone, in a repository that copied the plan.

It holds what the plan commits to, and nothing of its progress: the Handlungsfelder with their
goals; each measure with its lead and its milestones (date, kind, recurrence) and indicators
(target value, year, direction); the milestones of the plan level and of its bodies; and how
each value was known then (`basis`: a correction may change only an editor's reading). Its
head says where it came from: the decision that adopted the plan, the git revision it was
taken from where there is one, and the readings corrected since.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from mpi.domain.items import Indicator, Milestone, Target
from mpi.domain.model import FieldFile, Goal, Measure, Monitoring, MonitoringBody, Plan, PlanFile
from mpi.domain.types import (
    FIELD_ID,
    MEASURE_ID,
    Base,
    Day,
    DueValue,
    Number,
    Recurrence,
    Slug,
    Text,
    Year,
    new_list,
)
from mpi.domain.words import Basis, MilestoneKind

FILE = "adopted.yaml"  # in the plan directory, beside plan.yaml (loading.locate.ADOPTED_FILE)
Commit = Annotated[str, Field(pattern=r"^[0-9a-f]{40}([0-9a-f]{24})?$")]


class Renewal(Base):
    """The adopted plan read anew after the adoption (`mpi adopt --correction`): an editor's
    reading of the document corrected, with the reason; not a decision of the partners."""

    date: Day
    reason: Text
    revision: Commit | None = Field(
        default=None, description="The git commit the corrected commitments were taken from."
    )  # the git commit the commitments were taken from


class Adoption(Base):
    """Where the adopted plan comes from: the decision that adopted it (its day, or its year
    where the document gives no day), the git commit the commitments were taken from (where
    there is one), and the readings corrected since (`renewals`)."""

    date: Annotated[
        DueValue, Field(description="The day of the decision, or its year where no day is known.")
    ]
    decision: Annotated[
        Text, Field(description=("The decision that adopted the plan, in words that identify it."))
    ]
    revision: Commit | None = Field(
        default=None, description="The git commit the commitments were taken from, if any."
    )
    renewals: list[Renewal] = Field(
        default_factory=new_list,
        description="Readings of the document corrected since (`--correction`).",
    )

    @property
    def source(self) -> str | None:
        """The commit the commitments as they stand were taken from: the latest renewal's,
        else the adoption's."""
        return self.renewals[-1].revision if self.renewals else self.revision


class AdoptedMilestone(Base):
    """A milestone as adopted: its date, how the date reads, its recurrence, how it was known."""

    id: Slug
    title: Text
    due: DueValue | None = None
    kind: MilestoneKind = "by"
    party: Text | None = Field(
        default=None, description="Whose date it is, where not the partners' (context)."
    )
    aspiration: bool = Field(
        default=False, description="An aspiration (strebt … an), not a committed date."
    )
    recurrence: Recurrence | None = None
    basis: Basis | None = Field(
        default=None,
        description=(
            "How it is known: stated (the document says it), derived (computed from "
            "stated words), inferred (an editor's reading), decided (changed by a "
            "decision of the partners, recorded in `decisions`)."
        ),
    )


class AdoptedIndicator(Base):
    """An indicator's target as adopted: value, year, direction, how it was known."""

    id: Slug
    name: Text
    unit: Text
    target: Annotated[Number, Field(description="The target value as adopted.")]
    year: Year | Literal["permanent"] | None = Field(
        default=None, description="The target year, `permanent`, or absent."
    )
    direction: Literal["at_least", "at_most"]
    party: Text | None = Field(
        default=None, description="Whose target it is, where not the partners' (context)."
    )
    basis: Basis | None = None


class AdoptedMeasure(Base):
    """A measure as adopted: its lead partners, milestones and targets."""

    id: Annotated[str, Field(pattern=MEASURE_ID)]
    title: Text
    lead: list[Slug] = Field(default_factory=new_list)
    dropped: bool = Field(False, description="Whether it was adopted as dropped.")
    milestones: list[AdoptedMilestone] = Field(default_factory=new_list)
    indicators: list[AdoptedIndicator] = Field(default_factory=new_list)


class AdoptedField(Base):
    """A Handlungsfeld as adopted: its goals and measures."""

    id: Annotated[str, Field(pattern=FIELD_ID)]
    title: Text
    goals: list[Goal] = Field(default_factory=new_list)
    measures: list[AdoptedMeasure] = Field(default_factory=new_list)


class AdoptedBody(Base):
    """A body of Dialog und Monitoring as adopted, with its milestones."""

    id: Slug
    name: Text
    milestones: list[AdoptedMilestone] = Field(default_factory=new_list)


class Commitments(Base):
    """What the plan commits to: its milestones, its bodies' and its fields'."""

    milestones: list[AdoptedMilestone] = Field(
        default_factory=new_list, description="The plan-level milestones as adopted."
    )
    bodies: list[AdoptedBody] = Field(
        default_factory=new_list,
        description="The bodies of Dialog und Monitoring and their milestones.",
    )
    fields: list[AdoptedField] = Field(
        default_factory=new_list,
        description="The Handlungsfelder: goals, measures and their commitments.",
    )


class AdoptedPlan(Commitments):
    """adopted.yaml: the adoption and the commitments as adopted."""

    adoption: Annotated[Adoption, Field(description="Where the adopted plan comes from.")]


def commitments(plan: Plan) -> Commitments:
    """The commitments of a plan, as the adopted plan keeps them."""
    bodies = plan.monitoring.bodies if plan.monitoring else []
    return Commitments(
        milestones=[_milestone(m) for m in plan.milestones],
        bodies=[
            AdoptedBody(id=b.id, name=b.name, milestones=[_milestone(m) for m in b.milestones])
            for b in bodies
        ],
        fields=[
            AdoptedField(
                id=f.id,
                title=f.title,
                goals=list(f.goals),
                measures=[_measure(m) for m in f.measures],
            )
            for f in plan.fields
        ],
    )


# What a milestone commits to, besides its recurrence: the same keys in both models.
_MILESTONE_KEYS = ("id", "title", "due", "kind", "party", "aspiration", "basis")


def _milestone(m: Milestone) -> AdoptedMilestone:
    r = m.recurrence
    recurrence = Recurrence(every=r.every, start=r.start, end=r.end) if r is not None else None
    return AdoptedMilestone(**{k: getattr(m, k) for k in _MILESTONE_KEYS}, recurrence=recurrence)


def _measure(m: Measure) -> AdoptedMeasure:
    return AdoptedMeasure(
        id=m.id,
        title=m.title,
        lead=list(m.lead),
        dropped=m.status == "dropped",
        milestones=[_milestone(x) for x in m.milestones],
        indicators=[
            AdoptedIndicator(
                id=i.id,
                name=i.name,
                unit=i.unit,
                target=i.target.value,
                year=i.target.year,
                direction=i.direction,
                party=i.target.party,
                basis=i.target.basis,
            )
            for i in m.indicators
        ],
    )


def as_plan(adopted: Commitments, like: Plan) -> Plan:
    """The adopted commitments as a `Plan` (texts and progress empty), so that
    `mpi.domain.compare.compare` reads their changes as it reads any two plans; the plan
    level's texts and the measures' statuses are `like`'s, so that only commitments differ
    (a measure dropped since: its status before is not known)."""
    data: dict[str, Any] = {name: getattr(like, name) for name in PlanFile.model_fields}
    statuses = {m.id: m.status for m in like.measures() if m.status != "dropped"}
    data["milestones"] = [_as_milestone(m) for m in adopted.milestones]
    intro = like.monitoring.intro if like.monitoring else ""
    bodies = [
        MonitoringBody.model_construct(
            id=b.id, name=b.name, text="", milestones=[_as_milestone(m) for m in b.milestones]
        )
        for b in adopted.bodies
    ]
    data["monitoring"] = Monitoring.model_construct(intro=intro, bodies=bodies)
    fields = [
        FieldFile.model_construct(
            id=f.id,
            title=f.title,
            goals=list(f.goals),
            measures=[_as_measure(m, statuses.get(m.id)) for m in f.measures],
        )
        for f in adopted.fields
    ]
    return Plan.model_construct(**data, fields=fields)


def _as_milestone(m: AdoptedMilestone) -> Milestone:
    keys = {k: getattr(m, k) for k in _MILESTONE_KEYS}
    return Milestone.model_construct(**keys, recurrence=m.recurrence)


def _as_measure(m: AdoptedMeasure, status: str | None) -> Measure:
    indicators = [
        Indicator.model_construct(
            id=i.id,
            name=i.name,
            unit=i.unit,
            target=Target.model_construct(
                value=i.target, year=i.year, party=i.party, basis=i.basis
            ),
            direction=i.direction,
        )
        for i in m.indicators
    ]
    return Measure.model_construct(
        id=m.id,
        title=m.title,
        text="",
        lead=list(m.lead),
        status="dropped" if m.dropped else status,
        milestones=[_as_milestone(x) for x in m.milestones],
        indicators=indicators,
    )


def first_difference(
    a: Any, b: Any, path: tuple[str | int, ...] = ()
) -> tuple[str | int, ...] | None:
    """The path of the first place where two dumped commitments differ (None: equal); a list
    item is named by its index in `a`."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in dict.fromkeys([*a, *b]):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), (*path, key))
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return first_difference(x, y, (*path, i))
        return None if len(a) == len(b) else (*path, min(len(a), len(b)))
    return None if a == b else path


def uncorrectable(
    old: Commitments, new: Commitments, read_leads: frozenset[str] = frozenset()
) -> list[str]:
    """What a corrected reading may not change, by name (`HF1.15 hh-win-stufe-1`): anything
    but
    - the date, kind or recurrence of a milestone, or the target of an indicator, whose
      adopted basis is `inferred` (an editor's reading) and stays so;
    - how a milestone's date reads, where the document backs the new reading (`mpi
      validate` checks the quote): history (the quote dates it before the adoption),
      another body's date (`party`, its words in the quote), an aspiration (`strebt …
      an`), ab read as a start the partners commit to or as an earliest date, and its
      title (an editor's label, not the document's words); and whose target an indicator's
      is (`party`, likewise);
    - the leads of a measure whose reading of the verbs is recorded (`read_leads`: its
      `involvement`, with the document's words);
    - an indicator whose target was an editor's reading (`inferred`) taken out: the reading
      withdrawn, not a commitment given up.
    Measures, goals and the rest change by a decision of the partners."""
    out: list[str] = []

    def items(c: Commitments) -> dict[str, Any]:
        found: dict[str, Any] = {f"plan {m.id}": m for m in c.milestones}
        for b in c.bodies:
            found[b.id] = b.model_copy(update={"milestones": []})
            found |= {f"{b.id} {m.id}": m for m in b.milestones}
        for f in c.fields:
            found[f.id] = f.model_copy(update={"measures": []})
            for m in f.measures:
                found[m.id] = m.model_copy(update={"milestones": [], "indicators": []})
                found |= {f"{m.id} {x.id}": x for x in m.milestones}
                found |= {f"{m.id} {x.id}": x for x in m.indicators}
        return found

    before, after = items(old), items(new)
    for name in dict.fromkeys([*before, *after]):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        if _read_anew(a, b, read_leads):
            continue
        readings = isinstance(a, AdoptedMilestone | AdoptedIndicator) and type(a) is type(b)
        inferred = all(getattr(x, "basis", None) == "inferred" for x in (a, b))
        if not readings or not inferred:
            out.append(name)
            continue
        fixed = ("id", "title") if isinstance(a, AdoptedMilestone) else ("id", "name", "unit")
        if any(getattr(a, k) != getattr(b, k) for k in fixed):
            out.append(name)
    return out


def _read_anew(a: object, b: object, read_leads: frozenset[str]) -> bool:
    """Whether `b` reads `a` anew as a correction may, beyond an inferred value (see
    `uncorrectable`): how a milestone's date reads, whose target it is, a measure's leads
    where its verbs are on record, or an inferred target withdrawn (`b` None)."""
    if isinstance(a, AdoptedIndicator) and b is None:
        return a.basis == "inferred"  # an editor's reading of a target withdrawn
    if isinstance(a, AdoptedIndicator) and isinstance(b, AdoptedIndicator):
        return a.model_copy(update={"party": b.party}) == b
    if isinstance(a, AdoptedMeasure) and isinstance(b, AdoptedMeasure):
        return b.id in read_leads and a.model_copy(update={"lead": b.lead}) == b
    if not (isinstance(a, AdoptedMilestone) and isinstance(b, AdoptedMilestone)):
        return False
    reading = {"kind": b.kind, "party": b.party, "aspiration": b.aspiration, "title": b.title}
    if a.model_copy(update=reading) != b:
        return False  # the date, the recurrence or how it is known changed too
    kinds = {a.kind, b.kind}
    return len(kinds) == 1 or kinds == {"from", "start"} or "history" in kinds


def read_leads(plan: Plan) -> frozenset[str]:
    """The measures whose reading of the verbs the plan records (`involvement`): their leads
    a corrected reading may change (`uncorrectable`)."""
    return frozenset(m.id for m in plan.measures() if m.involvement is not None)
