"""A change of the plan in one line for people: shared by every format that shows changes.

The view's old and new values are the machine's words (JSON shows them as they are:
`half-yearly from 2023 to 2030`, `in_progress`); here they read in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mpi.domain.dates import Due, DueError
from mpi.i18n import N_, _
from mpi.render import values
from mpi.render.provenance import EVERY_WORDS, KIND_WORDS
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word

if TYPE_CHECKING:
    from mpi.views.diff import Change

ATTRIBUTES = {  # what changed, for kind "changed"
    "title": N_("title"),
    "vision": N_("vision"),
    "agreements": N_("agreements"),
    "background": N_("background"),
    "sources": N_("sources"),
    "glossary": N_("glossary"),
    "adopted": N_("adopted"),
    "partners": N_("partners"),
    "monitoring": N_("monitoring"),
    "monitoring bodies": N_("monitoring bodies"),
    "name": N_("name"),
    "text": N_("text"),
    "items": N_("items"),
    "sections": N_("sections"),
    "section": N_("section"),
    "goals": N_("goals"),
    "lead": N_("lead"),
    "involved": N_("involved"),
    "tags": N_("tags"),
    "done": N_("done on"),
    "kind": N_("kind of date"),
    "note": N_("note"),
    "basis": N_("how it is known"),
    "occurrence": N_("occurrence"),
    "unit": N_("unit"),
    "baseline": N_("baseline"),
    "target": N_("target"),
}
_SERIES = re.compile(r"^(?P<every>\S+) from (?P<start>\S+)(?: to (?P<end>\S+))?$")


def moment(value: str | None) -> str:
    """A date or a recurrence as the view wrote it (`2030`, `half-yearly from 2023 to 2030`),
    in the document's words (`2030`, `halbjährlich ab 2023 bis 2030`)."""
    if not value:
        return values.DASH
    try:
        return values.due(Due.parse(value))
    except DueError:
        pass
    series = _SERIES.match(value)
    if series is None or series["every"] not in EVERY_WORDS:
        return value
    text = f"{EVERY_WORDS[series['every']]} {KIND_WORDS['from']} {moment(series['start'])}"
    if series["end"]:
        text += f" {KIND_WORDS['by']} {moment(series['end'])}"
    return text


def _number(value: str | None) -> str:
    try:
        return values.number(float(value or ""))
    except ValueError:
        return value or values.DASH


def _value(attribute: str | None, value: str | None) -> str:
    if value is None or value == "":
        return values.DASH
    if attribute == "kind":
        return KIND_WORDS.get(value, value)
    if attribute == "done":
        return moment(value)
    return value


def describe(
    c: Change,
    names: Mapping[str, str] | None = None,
    titles: Mapping[tuple[str, str], str] | None = None,
    units: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """One line for people (see `_describe`), with what someone wrote with the change."""
    said = _describe(c, names, titles, units)
    return f"{said} – {c.note}" if c.note else said


def _describe(
    c: Change,
    names: Mapping[str, str] | None,
    titles: Mapping[tuple[str, str], str] | None,
    units: Mapping[tuple[str, str], str] | None,
) -> str:
    """One line for people, e.g. "HF1.10 geplant -> in Umsetzung" (plan text is not escaped).
    With `names` (owner -> title) and `titles` ((owner, item) -> title), in plain words:
    "HF1.15 Versorgung mit grünem Wasserstoff, „HH-WIN Ausbaustufe 1“ erledigt"."""
    who = c.subject
    if names and c.subject in names:
        who += " " + names[c.subject]
    if c.item:
        title = (titles or {}).get((c.subject, c.item))
        who += f", „{title}“" if title else f" {c.item}"
    if c.occurrence:
        who += " " + moment(c.occurrence)
    added = _("{who} added: {text}").format(who=who, text=c.text)
    removed = _("{who} removed: {text}").format(who=who, text=c.text)
    source = f" ({c.text})" if c.text else ""
    when = moment(c.date) if c.date else ""
    if c.kind in ("field_added", "goal_added", "measure_added", "indicator_added"):
        return added
    if c.kind in ("field_removed", "goal_removed", "measure_removed", "indicator_removed"):
        return removed
    if c.kind == "status" and c.old is None:  # from a log entry: the status it was set to
        return _("{who} set to {status}").format(who=who, status=status_word(c.new or ""))
    if c.kind == "status":
        return f"{who} {status_word(c.old or '')} -> {status_word(c.new or '')}"
    if c.kind == "milestone_added":
        return _("{who} added: {text} (due {date})").format(
            who=who, text=c.text, date=moment(c.new)
        )
    if c.kind == "milestone_removed":
        return removed
    if c.kind == "milestone_missed":
        return f"{who} {state_word('missed')}"
    if c.kind == "due_moved":
        return f"{who}: {moment(c.old)} -> {moment(c.new)}"
    if c.kind == "milestone_done":
        return f"{who} {state_word('done')}" + (f" ({when})" if when else "")
    if c.kind == "milestone_reopened":
        return _("{who} reopened (was {state})").format(who=who, state=state_word(c.old or "done"))
    unit = (units or {}).get((c.subject, c.item or ""), "")
    if c.kind == "indicator_value":
        value = f"{_number(c.new)} {unit}".rstrip()
        return _("{who}: value {value} on {date}").format(who=who, value=value, date=when) + source
    if c.kind == "indicator_value_removed":
        return _("{who}: value {value} on {date} removed").format(
            who=who, value=_number(c.new), date=when
        )
    if c.kind == "update":
        status = " " + _("(status {status})").format(status=status_word(c.new)) if c.new else ""
        return _("{who} update {date}: {text}").format(who=who, date=when, text=c.text) + status
    if c.kind == "update_removed":
        return _("{who} update {date} removed: {text}").format(who=who, date=when, text=c.text)
    attribute = _(ATTRIBUTES.get(c.attribute or "", c.attribute or ""))
    if c.old is not None or c.new is not None:
        old, new = _value(c.attribute, c.old), _value(c.attribute, c.new)
        return f"{who} {attribute}: {old} -> {new}"
    if c.attribute == "occurrence":
        return _("{who} record changed").format(who=who)
    return _("{who} {attribute} changed").format(who=who, attribute=attribute)
