"""The plan as pydantic models: what each YAML file may hold, and nothing else.

`PlanFile` is plan/plan.yaml, `FieldFile` one Handlungsfeld file; `Plan` joins them after
both validated. The value types (ids, dates, texts) are in `mpi.domain.types`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from mpi.domain.dates import horizon
from mpi.domain.decided import (
    IndicatorCorrection,
    IndicatorDecision,
    MeasureDecision,
    MilestoneCorrection,
    MilestoneDecision,
    Removal,
)
from mpi.domain.types import (
    FIELD_ID,
    GOAL_ID,
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
from mpi.domain.words import Basis, MeasureStatus, MilestoneKind, MilestoneStatus


class Partner(Base):
    id: Slug
    name: Text
    short: Text
    signatories: list[Text] = Field(default_factory=new_list)


class GlossaryEntry(Base):
    term: Text
    definition: Text


class Sourced(Base):
    """How a fact of the plan is known (docs/plan-format.md, "Provenance").

    `stated`: the document says it, `quote` holds its words; `derived`: computed from stated
    words, `quote` plus a one-line `derivation`; `inferred`: an editor's reading, `derivation`
    gives the reason (a `quote` is optional); `decided`: the partners changed it after the
    adoption, the item's `decisions` record it (`quote` may keep the document's words). None:
    the plan does not say (a warning).
    """

    basis: Basis | None = None
    quote: Text | None = None
    derivation: Text | None = None


class Occurrence(Base):
    """One occurrence of a recurring milestone, recorded held (`done`) or `missed`.

    `due` names the occurrence as the recurrence generates it (2026-12 for the second half of
    2026); an occurrence without a record is open.
    """

    due: DueValue
    status: Literal["done", "missed"]
    done: DueValue | None = None
    note: Text | None = None


class Milestone(Sourced):
    """A dated commitment. `kind` says how to read its date: `by` (bis: by the end of the
    period), `from` (ab: not before it; never overdue), `expected` (voraussichtlich: past it,
    the milestone is delayed, not broken)."""

    id: Slug
    title: Text
    due: DueValue | None = None
    kind: MilestoneKind = "by"
    recurrence: Recurrence | None = None
    status: MilestoneStatus = "open"
    done: DueValue | None = None
    note: Text | None = None
    occurrences: list[Occurrence] = Field(default_factory=new_list)
    decisions: list[MilestoneDecision] = Field(default_factory=new_list)
    corrections: list[MilestoneCorrection] = Field(default_factory=new_list)


class Baseline(Sourced):
    value: Number
    year: Year


class Target(Sourced):
    """`year` is the year the target is due, `permanent` for a standing target, or absent."""

    value: Number
    year: Year | Literal["permanent"] | None = None


class Reading(Base):
    """One recorded value of an indicator."""

    date: Day
    value: Number
    source: Text | None = None


class Indicator(Base):
    """A quantitative target: where it started, where it should go, what was measured."""

    id: Slug
    name: Text
    unit: Text
    baseline: Baseline | None = None
    target: Target
    direction: Literal["at_least", "at_most"]
    values: list[Reading] = Field(default_factory=new_list)
    note: Text | None = None
    decisions: list[IndicatorDecision] = Field(default_factory=new_list)
    corrections: list[IndicatorCorrection] = Field(default_factory=new_list)


class Source(Base):
    """A footnote of the document: `text`, its own words (what quotes may cite), or a `label`
    an editor gave a footnote that is only a link; and its link if it has one."""

    label: Text | None = None
    text: Text | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2000)] | None = None
    footnote: int | None = None

    @model_validator(mode="after")
    def _named(self) -> Source:
        if self.label is None and self.text is None:
            from mpi.i18n import _

            raise ValueError(_("a source needs `text` (the footnote's words) or a `label`"))
        return self

    @property
    def shown(self) -> str:
        """What people read: the footnote's words, or the editor's label."""
        return self.text or self.label or ""


class SubItem(Base):
    id: Annotated[str, Field(pattern=r"^[a-z]$")]
    text: Text


class Update(Base):
    """An entry of a measure's updates log."""

    date: Day
    text: Text
    status: MeasureStatus | None = None


class Measure(Base):
    id: Annotated[str, Field(pattern=MEASURE_ID)]
    title: Text
    section: Slug | None = None
    text: Text
    items: list[SubItem] = Field(default_factory=new_list)
    goals: list[Annotated[str, Field(pattern=GOAL_ID)]] = Field(default_factory=new_list)
    goal_assignment: Sourced | None = None  # default: the field's
    lead: list[Slug] = Field(default_factory=new_list)
    involved: list[Slug] = Field(default_factory=new_list)
    status: MeasureStatus
    tags: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(default_factory=new_list)
    sources: list[Source] = Field(default_factory=new_list)
    milestones: list[Milestone] = Field(default_factory=new_list)
    indicators: list[Indicator] = Field(default_factory=new_list)
    updates: list[Update] = Field(default_factory=new_list)
    decisions: list[MeasureDecision] = Field(default_factory=new_list)

    @property
    def number(self) -> int:
        return int(self.id.split(".", 1)[1])

    @property
    def field_id(self) -> str:
        return self.id.split(".", 1)[0]


class Section(Base):
    id: Slug
    title: Text


class Goal(Base):
    id: Annotated[str, Field(pattern=GOAL_ID)]
    text: Text


class FieldFile(Base):
    """One Handlungsfeld file."""

    model_config = ConfigDict(title="Handlungsfeld")

    id: Annotated[str, Field(pattern=FIELD_ID)]
    title: Text
    sections: list[Section] = Field(default_factory=new_list)
    goals: list[Goal]
    goal_assignment: Sourced | None = None  # how its measures' goals are known
    measures: list[Measure]
    decisions: list[Removal] = Field(default_factory=new_list)

    @property
    def number(self) -> int:
        return int(self.id[2:])


class MonitoringBody(Base):
    """A format of the Dialog und Monitoring part: coordination round, task force, ..."""

    id: Slug
    name: Text
    text: Text
    milestones: list[Milestone] = Field(default_factory=new_list)
    updates: list[Update] = Field(default_factory=new_list)
    decisions: list[Removal] = Field(default_factory=new_list)


class Monitoring(Base):
    intro: Text
    bodies: list[MonitoringBody]


class Misspelling(Base):
    """A term the document misspells: its text keeps it, search also finds `correct`."""

    written: Text
    correct: Text


class AdoptedRevision(Base):
    """The git revision that holds the plan as adopted: a commit id (it travels with every
    clone), a tag (it reads better, but a clone does not always fetch it), or both."""

    commit: Annotated[str, Field(pattern=r"^[0-9a-f]{7,64}$")] | None = None
    tag: (
        Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s~^:?*\[\\]+$")] | None
    ) = None

    @model_validator(mode="after")
    def _named(self) -> AdoptedRevision:
        if self.commit is None and self.tag is None:
            from mpi.i18n import _

            raise ValueError(_("name the revision: `commit`, `tag` or both"))
        return self


class PlanFile(Base):
    """plan/plan.yaml: what the plan is, who signed it, and how it is monitored."""

    model_config = ConfigDict(title="Plan")

    title: Text
    adopted: Year
    adopted_plan: Literal["adopted.yaml"] | None = None  # the plan as adopted, beside this file
    adopted_revision: AdoptedRevision | None = None  # before adopted.yaml: a git revision
    language: Literal["de", "en"] = "de"  # of its text; what mpi speaks unless told otherwise
    partners: list[Partner]
    preamble: Text | None = None  # the Präambel, whole
    vision: Text | None = None
    agreements: list[Text] = Field(default_factory=new_list)
    background: Text | None = None
    sources: list[Source] = Field(default_factory=new_list)
    milestones: list[Milestone] = Field(default_factory=new_list)
    updates: list[Update] = Field(default_factory=new_list)  # the log of plan-level milestones
    monitoring: Monitoring | None = None
    glossary: list[GlossaryEntry] = Field(default_factory=new_list)
    misspellings: list[Misspelling] = Field(default_factory=new_list)
    decisions: list[Removal] = Field(default_factory=new_list)


class Plan(PlanFile):
    """The whole plan: plan.yaml joined with its Handlungsfeld files (ordered by number)."""

    fields: list[FieldFile] = Field(default_factory=new_list)

    @property
    def horizon(self) -> int:
        """The last year the plan looks to: its latest plan-level milestone."""
        return horizon(self.adopted, (m.due.year for m in self.milestones if m.due is not None))

    def measures(self) -> list[Measure]:
        return [m for f in self.fields for m in f.measures]

    def plan_milestones(self) -> list[tuple[str | None, Milestone]]:
        """Plan-level milestones with the monitoring body (if any) they belong to."""
        out: list[tuple[str | None, Milestone]] = [(None, m) for m in self.milestones]
        if self.monitoring:
            out += [(b.id, m) for b in self.monitoring.bodies for m in b.milestones]
        return out


def join(plan_file: PlanFile, fields: list[FieldFile]) -> Plan:
    """Join validated files into a Plan without validating them again."""
    data: dict[str, Any] = {name: getattr(plan_file, name) for name in PlanFile.model_fields}
    ordered = sorted(fields, key=lambda f: (f.number, f.id))
    return Plan.model_construct(**data, fields=ordered)
