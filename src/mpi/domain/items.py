"""The dated commitments and the targets of the plan, with how each is known: milestones
(one date, or a recurrence occurrence by occurrence) and indicators (baseline, target, the
values recorded). `mpi.domain.model` holds the files they sit in."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mpi.domain.dates import Due
from mpi.domain.decided import (
    IndicatorCorrection,
    IndicatorDecision,
    MilestoneCorrection,
    MilestoneDecision,
)
from mpi.domain.types import (
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
from mpi.domain.words import Basis, MilestoneKind, MilestoneStatus


class Sourced(Base):
    """How a fact of the plan is known (docs/plan-format.md, "Provenance").

    `stated`: the document says it, `quote` holds its words; `derived`: computed from stated
    words, `quote` plus a one-line `derivation`; `inferred`: an editor's reading, `derivation`
    gives the reason (a `quote` is optional); `decided`: the partners changed it after the
    adoption, the item's `decisions` record it (`quote` may keep the document's words). None:
    the plan does not say (a warning).
    """

    basis: Basis | None = Field(
        default=None,
        description=(
            "How it is known: stated (the document says it), derived (computed from "
            "stated words), inferred (an editor's reading), decided (changed by a "
            "decision of the partners, recorded in `decisions`)."
        ),
    )
    quote: Text | None = Field(
        default=None,
        description=(
            "The document's words, found by `mpi validate` in the text the plan "
            "stores (… for words left out)."
        ),
    )
    derivation: Text | None = Field(
        default=None,
        description=(
            "For derived: how it was computed; for inferred: the reason; for decided: "
            "which decision."
        ),
    )
    condition: Text | None = Field(
        default=None,
        description=(
            "The condition the document ties the value to, in its words (they are part of "
            "`quote`): every output that shows the value says that it is conditional."
        ),
    )


class Occurrence(Base):
    """One occurrence of a recurring milestone, recorded held (`done`) or `missed`.

    `due` names the occurrence as the recurrence generates it (2026-12 for the second half of
    2026); an occurrence without a record is open.
    """

    due: Annotated[
        DueValue, Field(description="Which occurrence, as the recurrence generates it (2026-12).")
    ]
    status: Literal["done", "missed"]
    done: DueValue | None = Field(default=None, description="When it was held (for status done).")
    note: Text | None = None


class Milestone(Sourced):
    """A dated commitment. `kind` says how to read its date: `by` (bis: by the end of the
    period), `start` (ab, a duty the partners take on from then: begun by the end of the
    period), `from` (ab, not before it: an earliest date; never overdue), `expected`
    (voraussichtlich: past it, the milestone is delayed, not broken), `history` (a date the
    document reports from before the plan: context, never due).

    A date of another body (`party`: the Bund, the Autobahn GmbH) is context as well: the
    plan reports it, the partners do not commit to it; it is never overdue or delayed and not
    counted among the plan's deadlines."""

    id: Annotated[Slug, Field(description="Unique within its measure or monitoring body.")]
    title: Text
    due: DueValue | None = Field(
        default=None, description=("When it is due; a milestone has either `due` or `recurrence`.")
    )
    kind: MilestoneKind = Field(
        default="by",
        description=(
            "How the date reads: by (bis: by the end of the period), start (ab: a duty "
            "the partners take on from then, begun by the end of the period), from (ab: "
            "not before it, an earliest date, never overdue), expected (voraussichtlich: "
            "delayed once past, not overdue), history (reported from before the plan: "
            "context, never due)."
        ),
    )
    party: Text | None = Field(
        default=None,
        description=(
            "Whose date it is where it is not a commitment of the plan's partners (another "
            "body's project or law), in the words of `quote`: context, never overdue."
        ),
    )
    aspiration: bool = Field(
        default=False,
        description=(
            "The document states an aspiration (strebt … an), not a committed date: shown "
            "as angestrebt; past its date it is not reached (delayed), not overdue."
        ),
    )
    recurrence: Recurrence | None = Field(
        default=None, description="Instead of `due`: a commitment that repeats."
    )
    status: MilestoneStatus = Field(
        default="open", description="open, done (then `done` says when) or missed."
    )
    done: DueValue | None = Field(
        default=None, description="When it was done; only with status done."
    )
    note: Text | None = None
    occurrences: list[Occurrence] = Field(
        default_factory=new_list,
        description=("Recorded occurrences of a recurring milestone; one not listed is open."),
    )
    decisions: list[MilestoneDecision] = Field(
        default_factory=new_list, description="Decisions that changed its date (`mpi reschedule`)."
    )
    corrections: list[MilestoneCorrection] = Field(
        default_factory=new_list,
        description=(
            "Corrections of an editor's reading of its date (`mpi reschedule --correction`)."
        ),
    )

    @property
    def context(self) -> bool:
        """Whether the date is context rather than a commitment of the plan: from before the
        plan, or another body's."""
        return self.kind == "history" or self.party is not None


Bound = Literal["above", "below"]


class Baseline(Sourced):
    """Where an indicator started: its value in a year, or a bound of it (`bound`)."""

    value: Number
    year: Year
    bound: Bound | None = Field(
        default=None,
        description=(
            "Where the document gives only a bound: above (mehr als 46 Prozent: the value "
            "was above `value`) or below (weniger als)."
        ),
    )


class Target(Sourced):
    """`year` is the year the target is due, `permanent` for a standing target, or absent."""

    value: Number
    year: Year | Literal["permanent"] | None = Field(
        default=None, description="The year the target is due, `permanent`, or absent."
    )
    aspiration: bool = Field(
        default=False,
        description=(
            "The document states an aspiration (strebt … an), not a committed target: "
            "every output calls it one."
        ),
    )
    party: Text | None = Field(
        default=None,
        description=(
            "Whose target it is where it is not the partners' (the Bund's, a project's), in "
            "the words of `quote`: shown as context, and its changes weaken nothing of the plan."
        ),
    )


class Reading(Base):
    """One recorded value of an indicator."""

    date: Day = Field(description="The day the value was recorded or published.")
    value: Number
    period: DueValue | None = Field(
        default=None,
        description=(
            "The period the value refers to: 2025 (the annual figure for 2025), 2025-06, or "
            "a day. Without it, the value stands for its `date`."
        ),
    )
    source: Text | None = None
    by: Slug | None = Field(
        default=None, description="The partner who reported it (its id), where one did."
    )

    @property
    def refers_to(self) -> Due:
        """The period the value stands for: its `period`, or the day it was recorded."""
        return self.period if self.period is not None else Due(self.date, "day")


class Indicator(Base):
    """A quantitative target: where it started, where it should go, what was measured."""

    id: Annotated[Slug, Field(description="Unique in the whole plan; `mpi record` uses it.")]
    name: Text
    unit: Text
    baseline: Baseline | None = None
    target: Target
    direction: Annotated[
        Literal["at_least", "at_most"],
        Field(description=("Whether the value should reach at least or at most the target.")),
    ]
    values: list[Reading] = Field(
        default_factory=new_list, description="Recorded values (`mpi record`)."
    )
    note: Text | None = None
    decisions: list[IndicatorDecision] = Field(
        default_factory=new_list, description="Decisions that changed its target (`mpi retarget`)."
    )
    corrections: list[IndicatorCorrection] = Field(
        default_factory=new_list,
        description=(
            "Corrections of an editor's reading of its target (`mpi retarget --correction`)."
        ),
    )
