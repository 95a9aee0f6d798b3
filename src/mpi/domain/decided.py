"""What was decided or corrected about a commitment after the adoption: the records on an
item (`decisions`, `corrections`) that `mpi validate` reads as covering a change of it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from mpi.domain.types import Base, Day, DueValue, Number, Recurrence, Slug, Text, Year
from mpi.domain.words import MeasureStatus, MilestoneKind


class Decision(Base):
    """A decision of the partners that changed a commitment of the adopted plan: its day and
    its words (a round and its agenda item, a Drucksache). The subclasses say what it decided;
    `mpi validate` accepts a weakened commitment whose current value a decision names."""

    date: Annotated[Day, Field(description="The day of the decision.")]
    text: Annotated[
        Text,
        Field(
            description=(
                "The decision's words, which identify it: a meeting of a body of the plan "
                "with its day (Koordinierungsrunde 12.06.2026, TOP 3), a Drucksache "
                "(Drucksache 22/12345) or a decision of the Senate with its day. A day "
                "they name is `date`."
            )
        ),
    ]


def _decides(decision: BaseModel, names: tuple[str, ...]) -> None:
    if all(getattr(decision, n) is None for n in names):
        from mpi.i18n import _

        raise ValueError(
            _("say what it sets: {keys}").format(keys=", ".join(f"`{n}`" for n in names))
        )


class Correction(Base):
    """An editor's reading corrected: a value whose `basis` was `inferred` (the document does
    not say it in so many words) set anew, with the reason. Not a decision of the partners:
    they never adopted that reading, so `mpi validate` accepts it for inferred values only."""

    date: Annotated[Day, Field(description="The day the reading was corrected.")]
    reason: Annotated[
        Text, Field(description="Why the editor's reading (basis: inferred) was corrected.")
    ]


class MilestoneValues(Base):
    """What a decision or a correction set on a milestone: its date, kind or recurrence."""

    due: DueValue | None = Field(default=None, description="The deadline set (`mpi reschedule`).")
    kind: MilestoneKind | None = Field(
        default=None, description="The kind of date set (by, from, expected)."
    )
    recurrence: Recurrence | None = Field(
        default=None, description="The recurrence set (how often, until when)."
    )

    @model_validator(mode="after")
    def _said(self) -> MilestoneValues:
        _decides(self, ("due", "kind", "recurrence"))
        return self


class MilestoneDecision(MilestoneValues, Decision):
    """What was decided about a milestone: its new date, kind or recurrence."""


class MilestoneCorrection(MilestoneValues, Correction):
    """A corrected reading of a milestone's date, kind or recurrence."""


class IndicatorValues(Base):
    """What a decision or a correction set on an indicator's target: value, year, direction."""

    target: Number | None = Field(
        default=None, description="The target value set (`mpi retarget`)."
    )
    year: Year | Literal["permanent"] | None = Field(
        default=None, description="The target year set."
    )
    direction: Literal["at_least", "at_most"] | None = Field(
        default=None, description="The direction set (at_least, at_most)."
    )

    @model_validator(mode="after")
    def _said(self) -> IndicatorValues:
        _decides(self, ("target", "year", "direction"))
        return self


class IndicatorDecision(IndicatorValues, Decision):
    """What was decided about an indicator's target: its value, year or direction."""


class IndicatorCorrection(IndicatorValues, Correction):
    """A corrected reading of an indicator's target value, year or direction."""


class MeasureDecision(Decision):
    """What was decided about a measure: its status (dropped), its lead, or that one of its
    milestones or indicators was `removed` (by id)."""

    status: MeasureStatus | None = Field(
        default=None, description="The status decided: dropped (`mpi drop`)."
    )
    lead: list[Slug] | None = Field(default=None, description="The lead partners decided.")
    removed: Slug | None = Field(
        default=None, description="Id of a milestone or indicator the decision removed."
    )

    @model_validator(mode="after")
    def _said(self) -> MeasureDecision:
        _decides(self, ("status", "lead", "removed"))
        return self


class Removal(Decision):
    """A decision that removed something from the plan: in a Handlungsfeld file a measure or
    a goal, in plan.yaml a plan-level milestone, a monitoring body or a Handlungsfeld, in a
    monitoring body one of its milestones (by id)."""

    removed: Annotated[
        str, Field(min_length=1, max_length=80, description="Id of what the decision removed.")
    ]
