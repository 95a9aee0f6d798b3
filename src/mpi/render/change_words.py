"""A change of the plan in one line for people: shared by every format that shows changes.

The view's old and new values are the machine's words (JSON shows them as they are:
`half-yearly from 2023 to 2030`, `in_progress`); here they read in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from mpi.domain.dates import Due, DueError
from mpi.domain.words import KIND_WORDS, inner
from mpi.i18n import N_, _, ngettext
from mpi.render import values
from mpi.render.provenance import EVERY_WORDS, kind_words
from mpi.render.provenance import state as state_word
from mpi.render.provenance import status as status_word

if TYPE_CHECKING:
    from mpi.domain.decided import Correction, Decision
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
    "due": N_("deadline"),
    "recurrence": N_("recurrence"),
    "decisions": N_("decisions"),
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
        return kind_words(value)
    if attribute == "done":
        return moment(value)
    return value


def decision(d: Decision) -> str:
    """`Beschluss vom 12.06.2026: Koordinierungsrunde 12.06.2026, TOP 3`."""
    return _("decision of {day}: {text}").format(day=values.day(d.date), text=d.text)


def correction(d: Correction) -> str:
    """`Lesart korrigiert am 07.12.2026: …` (an editor's reading, not a decision)."""
    return _("reading corrected on {day}: {reason}").format(day=values.day(d.date), reason=d.reason)


def _decided(c: Change) -> str:
    """What covers a change: the decision or correction, or for a weakening one that none
    does."""
    if c.decision is not None:
        return ", " + decision(c.decision)
    if c.correction is not None:
        return ", " + correction(c.correction)
    return ", " + _("without decision") if c.weakening else ""


def _amount(c: Change) -> str:
    """How far a date moved: `24 Monate`, `2 Jahre` (a target year), `45 Tage`."""
    if c.months is not None:
        n = abs(c.months)
        if c.attribute == "year" and n % 12 == 0:
            return ngettext("{n} year", "{n} years", n // 12).format(n=n // 12)
        return ngettext("{n} month", "{n} months", n).format(n=n)
    n = abs(c.days or 0)
    return ngettext("{n} day", "{n} days", n).format(n=n)


def target_words(value: str | None, unit: str) -> str:
    """`≥ 100` as `mindestens 100 MW` (English: at least 100 MW); `≥ 100 (2030)` with its
    year."""
    if not value:
        return values.DASH
    sign, _space, rest = value.partition(" ")
    amount, _space, year = rest.partition(" ")
    said = _("at least {amount}") if sign == "≥" else _("at most {amount}")
    said = said.format(amount=f"{_number(amount)} {unit}".rstrip())
    if year:
        said += f" ({values.target_year(year.strip('()'))})"
    return said


_target = target_words


def _year(value: str | None) -> str:
    return values.DASH if not value else values.target_year(value)


SHIFTS = {  # what a shift says, by kind and what moved: {who}, {old}, {new}, {amount}
    ("postponed", "due"): N_("{who}: deadline postponed by {amount} ({old} → {new})"),
    ("advanced", "due"): N_("{who}: deadline brought forward by {amount} ({old} → {new})"),
    ("rescheduled", "due"): N_("{who}: deadline changed ({old} → {new})"),
    ("rescheduled", "recurrence"): N_("{who}: deadline changed ({old} → {new})"),
    ("thinned", "recurrence"): N_("{who}: recurring duty thinned out ({old} → {new})"),
    ("extended", "recurrence"): N_("{who}: recurring duty extended ({old} → {new})"),
    ("softened", "kind"): N_("{who}: date made less binding ({old} → {new})"),
    ("firmed", "kind"): N_("{who}: date made more binding ({old} → {new})"),
    ("softened", "party"): N_("{who}: target read as another body's ({new})"),
    ("firmed", "party"): N_("{who}: target read as the partners' own (was {old}'s)"),
    ("postponed", "year"): N_("{who}: target year postponed by {amount} ({old} → {new})"),
    ("advanced", "year"): N_("{who}: target year brought forward by {amount} ({old} → {new})"),
    ("rescheduled", "year"): N_("{who}: target year changed ({old} → {new})"),
    ("redefined", "target"): N_("{who}: direction of the target turned ({old} → {new})"),
}
SHIFT_KINDS = {kind for kind, _attribute in SHIFTS}
TARGETS = {  # a target's value, by kind and direction
    ("lowered", "≥"): N_("{who}: target lowered ({old} → {new})"),
    ("lowered", "≤"): N_("{who}: target loosened ({old} → {new})"),
    ("raised", "≥"): N_("{who}: target raised ({old} → {new})"),
    ("raised", "≤"): N_("{who}: target tightened ({old} → {new})"),
}


def describe(
    c: Change,
    names: Mapping[str, str] | None = None,
    titles: Mapping[tuple[str, str], str] | None = None,
    units: Mapping[tuple[str, str], str] | None = None,
    *,
    subject: bool = True,
) -> str:
    """One line for people (see `_describe`), with the decision that covers the change (or,
    for a weakening one, that none does) and what someone wrote with it. Without `subject`
    it does not name the measure (a table's row does)."""
    said = _describe(c, names, titles, units, subject).strip(" :") + _decided(c)
    return f"{said} – {c.note}" if c.note else said


def _describe(
    c: Change,
    names: Mapping[str, str] | None,
    titles: Mapping[tuple[str, str], str] | None,
    units: Mapping[tuple[str, str], str] | None,
    subject: bool = True,
) -> str:
    """One line for people, e.g. "HF1.10 geplant → in Umsetzung" (plan text is not escaped).
    With `names` (owner -> title) and `titles` ((owner, item) -> title), in plain words:
    "HF1.15 Versorgung mit grünem Wasserstoff, „HH-WIN Ausbaustufe 1“ erledigt"."""
    who = _who(c, names, titles, subject)
    if c.kind == "update" and c.reporter is not None and c.date:  # Sachstand DGB Nord, …
        partner = (names or {}).get(f"partner:{c.reporter}", c.reporter)
        report = values.logged(date.fromisoformat(c.date), c.reporter, {c.reporter: partner})
        status = " " + _("(status {status})").format(status=status_word(c.new)) if c.new else ""
        return f"{who}: {report}: {c.text}{status}"
    if c.kind == "lead_removed" or c.attribute == "lead":  # `bwi, hk` as people name them
        old, new = (_partners(v, names) for v in (c.old, c.new))
        if c.kind == "lead_removed":
            return _("{who}: partner taken off the lead ({old} → {new})").format(
                who=who, old=old, new=new
            )
        lead = _(ATTRIBUTES["lead"])
        return f"{who}: {lead}: {old} → {new}"
    unit = (units or {}).get((c.subject, c.item or ""), "")
    for words in (_presence, _standing, _progress):
        said = words(c, who, unit)
        if said is not None:
            return said
    if c.kind in SHIFT_KINDS:
        return _shift(c, who)
    attribute = _(ATTRIBUTES.get(c.attribute or "", c.attribute or ""))
    if c.old is not None or c.new is not None:
        old, new = _value(c.attribute, c.old), _value(c.attribute, c.new)
        return f"{who}: {attribute}: {old} → {new}"
    if c.attribute == "occurrence":
        return _("{who}: record changed").format(who=who)
    return _("{who}: {attribute} changed").format(who=who, attribute=attribute)


def _partners(ids: str | None, names: Mapping[str, str] | None) -> str:
    """`Senat/BWI, Handelskammer` for `bwi, hk` (a comparison keeps the ids); – for none."""
    found = [(names or {}).get(f"partner:{p}", p) for p in (ids or "").split(", ") if p]
    return ", ".join(found) or values.DASH


def _who(
    c: Change,
    names: Mapping[str, str] | None,
    titles: Mapping[tuple[str, str], str] | None,
    subject: bool,
) -> str:
    """What the change is about: `HF1.15 Versorgung …, „HH-WIN Ausbaustufe 1“ Juni 2026`."""
    owner = c.subject if subject else ""
    title = (titles or {}).get((c.subject, c.item or ""))
    if subject and names and c.subject in names and (c.item or c.kind not in ("added", "removed")):
        owner += " " + names[c.subject]  # an added measure's title is the change's text
    elif names is not None and title and c.kind not in ("added", "removed"):
        owner = ""  # the plan or a body (`evaluation`): its milestone's title says enough
    elif subject and names is not None and f"body:{c.subject}" in names:
        owner = names[f"body:{c.subject}"]
    elif subject and names is not None and c.subject == "plan":
        owner = _("Plan")
    who = owner
    if c.item and c.kind not in ("added", "removed"):
        named = f"„{inner(title)}“" if title else c.item
        who = f"{who}, {named}" if who and title else f"{who} {named}".strip()
    if c.occurrence:
        who += " " + moment(c.occurrence)
    return who


def _presence(c: Change, who: str, unit: str) -> str | None:
    """Something added, removed or renumbered."""
    if c.kind == "added" and c.what == "milestone":
        return _("{who}: milestone „{text}“ added (due {date})").format(
            who=who, text=inner(c.text), date=moment(c.new)
        )
    if c.kind in ("added", "removed") and c.what in ("milestone", "indicator"):
        said = {
            ("added", "indicator"): _("{who}: indicator „{text}“ added"),
            ("removed", "milestone"): _("{who}: milestone „{text}“ removed"),
            ("removed", "indicator"): _("{who}: indicator „{text}“ removed"),
        }[(c.kind, c.what)]
        return said.format(who=who, text=inner(c.text))
    if c.kind == "added":
        return _("{who} added: {text}").format(who=who, text=c.text)
    if c.kind == "removed":
        return _("{who} removed: {text}").format(who=who, text=c.text)
    if c.kind == "renumbered":
        return _("{who} renumbered (was {old})").format(who=who, old=c.old)
    return None


def _standing(c: Change, who: str, unit: str) -> str | None:
    """A target lowered or raised, a measure's status, its lead, a decision on record."""
    if c.kind in ("lowered", "raised"):
        sign = (c.new or "≥")[:1]
        said = _(TARGETS[(c.kind, "≤" if sign == "≤" else "≥")])
        return said.format(who=who, old=_target(c.old, unit), new=_target(c.new, unit))
    if c.kind == "dropped" and c.old is None:  # compared with the adopted plan
        return _("{who} dropped").format(who=who)
    if c.kind == "dropped":
        return _("{who} dropped (was {status})").format(who=who, status=status_word(c.old or ""))
    if c.kind == "restored":
        return _("{who} taken up again: {status}").format(who=who, status=status_word(c.new or ""))
    if c.kind == "decision_recorded":
        return _("{who}: decision recorded").format(who=who)
    if c.kind == "status_changed" and c.old is None:  # from a log entry: the status set
        return _("{who} set to {status}").format(who=who, status=status_word(c.new or ""))
    if c.kind == "status_changed":
        return f"{who}: {status_word(c.old or '')} → {status_word(c.new or '')}"
    return None


def _progress(c: Change, who: str, unit: str) -> str | None:
    """A milestone done, missed or reopened; a value recorded; a note in the log."""
    when = moment(c.date) if c.date else ""
    if c.kind == "milestone_missed":
        return f"{who} {state_word('missed')}"
    if c.kind == "milestone_done":
        return f"{who} {state_word('done')}" + (f" ({when})" if when else "")
    if c.kind == "milestone_reopened":
        return _("{who} reopened (was {state})").format(who=who, state=state_word(c.old or "done"))
    if c.kind == "indicator_value":
        value = f"{_number(c.new)} {unit}".rstrip()
        source = f" ({c.text})" if c.text else ""
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
    return None


def _shift(c: Change, who: str) -> str:
    """A deadline, a recurring duty, the kind of a date or a target's year moved."""
    if c.attribute == "kind":
        old, new = kind_words(c.old or ""), kind_words(c.new or "")
    elif c.attribute == "party":
        old, new = c.old or "", c.new or ""
    elif c.attribute in ("year", "target"):
        old, new = _year(c.old), _year(c.new)
        if c.attribute == "target":
            old, new = _target(c.old, ""), _target(c.new, "")
    else:
        old, new = moment(c.old), moment(c.new)
    said = SHIFTS.get((c.kind, c.attribute or ""), N_("{who}: deadline changed ({old} → {new})"))
    amount = _amount(c) if c.kind in ("postponed", "advanced") else ""
    return _(said).format(who=who, old=old, new=new, amount=amount)


def weakening_heading(count: int) -> str:
    """Above the changes that weaken a commitment: `Abschwächungen (2):`."""
    return ngettext("Weakening change ({count}):", "Weakening changes ({count}):", count).format(
        count=count
    )


def other_changes_heading(count: int) -> str:
    return ngettext("Other change ({count}):", "Other changes ({count}):", count).format(
        count=count
    )
