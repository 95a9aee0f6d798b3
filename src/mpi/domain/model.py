"""The plan as pydantic models: what each YAML file may hold, and nothing else.

`PlanFile` is plan/plan.yaml, `FieldFile` one Handlungsfeld file; `Plan` joins them after
both validated. The value types (ids, dates, texts) are in `mpi.domain.types`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from mpi.domain.dates import horizon
from mpi.domain.decided import (
    MeasureDecision,
    Removal,
)
from mpi.domain.items import Indicator, Milestone, Sourced
from mpi.domain.meetings import Meeting
from mpi.domain.types import (
    FIELD_ID,
    GOAL_ID,
    MEASURE_ID,
    Base,
    Day,
    Slug,
    Text,
    Year,
    new_list,
)
from mpi.domain.words import MeasureStatus


class Partner(Base):
    """A signing partner; its id is used in a measure's lead and involved lists."""

    id: Slug
    name: Text
    short: Text
    signatories: list[Text] = Field(default_factory=new_list)


class GlossaryEntry(Base):
    """An abbreviation of the Abkürzungsverzeichnis and what it stands for."""

    term: Text
    definition: Text


class Source(Base):
    """A footnote of the document: `text`, its own words (what quotes may cite), or a `label`
    an editor gave a footnote that is only a link; and its link if it has one."""

    label: Text | None = None
    text: Text | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2000)] | None = None
    footnote: int | None = Field(default=None, description="The footnote's number in the document.")

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
    """A lettered sub-item (a., b., ...) of a measure."""

    id: Annotated[str, Field(pattern=r"^[a-z]$")]
    text: Text


class Update(Base):
    """An entry of a measure's updates log."""

    date: Day
    text: Text
    status: MeasureStatus | None = Field(
        default=None, description=("The status the measure changed to with this entry, if it did.")
    )
    by: Slug | None = Field(
        default=None, description="The partner who reported it (its id), where one did."
    )


class Measure(Base):
    """A numbered measure (Maßnahme) of a Handlungsfeld, with its progress record."""

    id: Annotated[
        str,
        Field(
            pattern=MEASURE_ID, description="Field id, dot, the number the document gives: HF1.10."
        ),
    ]
    title: Annotated[Text, Field(description="A short title of the measure.")]
    section: Slug | None = Field(
        default=None, description=("Id of a section of this field (required when it has sections).")
    )
    text: Annotated[Text, Field(description="The full German text of the measure.")]
    items: list[SubItem] = Field(default_factory=new_list)
    goals: list[Annotated[str, Field(pattern=GOAL_ID)]] = Field(
        default_factory=new_list,
        description="Ids of the goals of this field that the measure serves.",
    )
    goal_assignment: Sourced | None = Field(
        default=None, description="How its goals are known; default: the field's."
    )  # default: the field's
    lead: list[Slug] = Field(
        default_factory=new_list, description="Ids of the partners the text names as responsible."
    )
    involved: list[Slug] = Field(
        default_factory=new_list, description="Ids of the partners the text names as taking part."
    )
    involvement: Sourced | None = Field(
        default=None,
        description=(
            "How `lead` and `involved` are known: the verbs the text uses (unterstützen, "
            "wirken mit: involved), a non-partner actor it names and how it maps, or, where "
            "it names no partner, the field's general clause (`clause`); with the reason."
        ),
    )
    status: Annotated[
        MeasureStatus,
        Field(description=("Where the measure stands; `mpi set` changes it and logs the change.")),
    ]
    tags: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(default_factory=new_list)
    sources: list[Source] = Field(default_factory=new_list)
    milestones: list[Milestone] = Field(default_factory=new_list)
    indicators: list[Indicator] = Field(default_factory=new_list)
    updates: list[Update] = Field(
        default_factory=new_list,
        description="The progress log, oldest first (`mpi set`, `mpi note`, ...).",
    )
    decisions: list[MeasureDecision] = Field(
        default_factory=new_list,
        description=("Decisions that dropped it, changed its lead or removed items."),
    )

    @property
    def number(self) -> int:
        return int(self.id.split(".", 1)[1])

    @property
    def field_id(self) -> str:
        return self.id.split(".", 1)[0]


class Section(Base):
    """A section heading inside a Handlungsfeld; measures refer to it by id."""

    id: Slug
    title: Text


class Goal(Base):
    """A goal (Ziel) of a Handlungsfeld; its id is the field id plus a Roman numeral."""

    id: Annotated[str, Field(pattern=GOAL_ID)]
    text: Text


class FieldFile(Base):
    """One Handlungsfeld file."""

    model_config = ConfigDict(title="Handlungsfeld")

    id: Annotated[
        str,
        Field(
            pattern=FIELD_ID,
            description="The field id, e.g. HF1; measure and goal ids start with it.",
        ),
    ]
    title: Text
    sections: list[Section] = Field(
        default_factory=new_list, description="Section headings inside the field, in order."
    )
    goals: list[Goal]
    goal_assignment: Sourced | None = Field(
        default=None, description="How the goals of its measures are known."
    )  # how its measures' goals are known
    clause: Text | None = Field(
        default=None,
        description=(
            "The partners' general clause before the field's measures, in the document's "
            'words ("Die Partner … stellen in ihren Zuständigkeitsbereichen die Umsetzung … '
            "sicher.\"): what a measure's `involvement` may quote."
        ),
    )
    measures: list[Measure]
    decisions: list[Removal] = Field(
        default_factory=new_list, description="Decisions that removed a measure or a goal."
    )

    @property
    def number(self) -> int:
        return int(self.id[2:])


class MonitoringBody(Base):
    """A format of the Dialog und Monitoring part: coordination round, task force, ..."""

    id: Slug
    name: Text
    text: Text
    milestones: list[Milestone] = Field(default_factory=new_list)
    updates: list[Update] = Field(
        default_factory=new_list, description="The body's log (`mpi note BODY ...`)."
    )
    decisions: list[Removal] = Field(
        default_factory=new_list, description="Decisions that removed one of its milestones."
    )


class Monitoring(Base):
    """The Dialog und Monitoring part of the plan."""

    intro: Text
    bodies: list[MonitoringBody]


class Misspelling(Base):
    """A term the document misspells: its text keeps it, search also finds `correct`."""

    written: Text
    correct: Text


class AdoptedRevision(Base):
    """The git revision that holds the plan as adopted: a commit id (it travels with every
    clone), a tag (it reads better, but a clone does not always fetch it), or both."""

    commit: Annotated[str, Field(pattern=r"^[0-9a-f]{7,64}$")] | None = Field(
        default=None, description="A commit id (travels with every clone)."
    )
    tag: (
        Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s~^:?*\[\\]+$")] | None
    ) = Field(
        default=None, description="A tag such as beschlossen-2023 (tried first when fetched)."
    )

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
    adopted: Annotated[Year, Field(description="The year the plan was adopted.")]
    adopted_plan: Literal["adopted.yaml"] | None = Field(
        default=None,
        description=(
            "adopted.yaml: the plan as adopted, in the plan directory (`mpi adopt` "
            "writes it). `mpi validate` compares every commitment with it: a "
            "postponed deadline, a lowered target, a dropped or removed measure is an "
            "error unless a decision records it. Without it the plan is a draft."
        ),
    )  # the plan as adopted, beside this file
    adopted_revision: AdoptedRevision | None = Field(
        default=None,
        description=(
            "Replaced by adopted_plan: a git revision holding the plan as adopted, "
            "compared where this repository holds it (an error where it does not). "
            "`mpi adopt --revision REV` moves it into the plan directory."
        ),
    )  # before adopted.yaml: a git revision
    language: Literal["de", "en"] = Field(
        default="de",
        description=(
            "The language of the plan's text (de or en). mpi speaks it to readers who "
            "choose no language themselves (--lang, $MPI_LANG, a German or English "
            "locale)."
        ),
    )  # of its text; what mpi speaks unless told otherwise
    partners: list[Partner]
    preamble: Text | None = Field(
        default=None, description="The Präambel, whole, as the document words it."
    )  # the Präambel, whole
    vision: Text | None = None
    agreements: list[Text] = Field(
        default_factory=new_list, description="The Präambel's list of what the partners agree on."
    )
    background: Text | None = None
    sources: list[Source] = Field(default_factory=new_list)
    milestones: list[Milestone] = Field(
        default_factory=new_list,
        description="Plan-level milestones; the latest sets the plan's horizon.",
    )
    updates: list[Update] = Field(
        default_factory=new_list,
        description="The log of the plan-level milestones (`mpi note plan ...`).",
    )  # the log of plan-level milestones
    monitoring: Monitoring | None = None
    glossary: list[GlossaryEntry] = Field(default_factory=new_list)
    misspellings: list[Misspelling] = Field(
        default_factory=new_list,
        description="Terms the document misspells; search finds both spellings.",
    )
    decisions: list[Removal] = Field(
        default_factory=new_list,
        description=("Decisions that removed a milestone, a body or a Handlungsfeld."),
    )


class Plan(PlanFile):
    """The whole plan: plan.yaml joined with its Handlungsfeld files (ordered by number)."""

    fields: list[FieldFile] = Field(default_factory=new_list)
    meetings: list[Meeting] = Field(default_factory=new_list)  # meetings.yaml's, in its order

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


def join(
    plan_file: PlanFile, fields: list[FieldFile], meetings: list[Meeting] | None = None
) -> Plan:
    """Join validated files into a Plan without validating them again."""
    data: dict[str, Any] = {name: getattr(plan_file, name) for name in PlanFile.model_fields}
    ordered = sorted(fields, key=lambda f: (f.number, f.id))
    return Plan.model_construct(**data, fields=ordered, meetings=list(meetings or []))
