"""The meetings of the plan's bodies (`meetings.yaml`): a Koordinierungsrunde, a meeting of the
Task Force or a working group, with its day, place, chair, invited partners and agenda
(Tagesordnung), and once it took place its results: attendance, decisions by agenda item
(TOP) and action items (Aufträge) with owner, due date and how they were closed."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from mpi.domain.types import MEASURE_ID, Base, Day, Slug, Text, new_list

FILE = "meetings.yaml"  # in the plan directory, beside plan.yaml (loading.locate.MEETINGS_FILE)

# A time of day, or a span of two: 10:00, 9:30-12:00 (hours 0-23, minutes 00-59).
_CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d"
TIME = rf"{_CLOCK}(?:\s*[-–]\s*{_CLOCK})?"
TopKind = Literal["opening", "minutes", "actions", "report", "duty", "decisions", "other"]
ActionStatus = Literal["open", "done", "dropped"]


class Participant(Base):
    """Who takes part for one partner: invited (`participants`) or present (`attendance`)."""

    partner: Slug = Field(description="The partner's id (plan.yaml `partners`).")
    names: list[Text] = Field(
        default_factory=new_list, description="Names (and functions) of its representatives."
    )
    excused: bool = Field(default=False, description="In `attendance`: the partner sent apologies.")


class Top(Base):
    """One agenda item (TOP); its number is its place in the agenda, counted from 1."""

    title: Text
    kind: TopKind = Field(
        default="other",
        description=(
            "What the item is: opening, minutes (of the last meeting), actions (of the last "
            "meeting), report (on a Handlungsfeld), duty (a recurring report the plan asks "
            "for), decisions (the proposed decisions), other."
        ),
    )
    lead: list[Slug] = Field(
        default_factory=new_list, description="Who reports (Berichterstattung): partner ids."
    )
    items: list[Annotated[str, Field(pattern=MEASURE_ID)]] = Field(
        default_factory=new_list, description="The measures the item reports on."
    )
    milestone: Slug | None = Field(
        default=None, description="For a duty: the recurring milestone it fulfils."
    )


class MeetingDecision(Base):
    """A decision of the meeting that changes nothing in the plan's files (a decision that
    does, such as a new deadline, is recorded on the item by `mpi reschedule --meeting`)."""

    top: int | None = Field(
        default=None, ge=1, description="The agenda item (TOP) it was taken under."
    )
    text: Text


class Action(Base):
    """An action item (Auftrag) the meeting gave a partner."""

    number: int = Field(ge=1, description="Its number within the meeting (1, 2, ...).")
    text: Text
    owner: Slug = Field(description="The partner who is to do it.")
    due: Day = Field(description="By when.")
    top: int | None = Field(default=None, ge=1, description="The agenda item it came from.")
    status: ActionStatus = "open"
    closed: Day | None = Field(default=None, description="The day it was done or dropped.")
    note: Text | None = Field(default=None, description="How it was closed.")

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due < today


class Meeting(Base):
    """One meeting of a body of the plan."""

    id: Slug = Field(
        description="The meeting's id: its body and day (koordinierungsrunde-2027-03-10)."
    )
    body: Slug = Field(description="The body that meets (plan.yaml `monitoring.bodies`).")
    date: Day
    time: Text | None = Field(default=None, description="The time of day (10:00 or 10:00-12:00).")
    place: Text | None = Field(default=None, description="Where it meets (a room, an address).")
    video: Text | None = Field(default=None, description="A video conference (its name or link).")
    chair: Text | None = Field(default=None, description="Who chairs the meeting.")
    participants: list[Participant] = Field(
        default_factory=new_list, description="Who is invited, per partner."
    )
    agenda: list[Top] = Field(default_factory=new_list, description="The Tagesordnung, in order.")
    attendance: list[Participant] = Field(
        default_factory=new_list, description="After the meeting: who took part, per partner."
    )
    decisions: list[MeetingDecision] = Field(default_factory=new_list)
    actions: list[Action] = Field(default_factory=new_list)

    @property
    def held(self) -> bool:
        """Whether results are on record."""
        return bool(self.attendance or self.decisions or self.actions)


class MeetingsFile(Base):
    """`meetings.yaml`: the meetings of the plan's bodies, by day."""

    meetings: list[Meeting] = Field(default_factory=new_list)
