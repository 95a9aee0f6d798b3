"""`mpi history` as text and Markdown: each move of a deadline, target or status with its
commit date and decision, then per milestone and indicator how often and how far it moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.domain.words import inner
from mpi.i18n import _, ngettext
from mpi.render import values
from mpi.render.change_words import describe, moment, target_words
from mpi.render.formats._grid import Lines
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from mpi.views.history import Course, Event, History


def heading(view: History) -> str:
    said = _("History of {name}: deadlines, targets and status")
    if view.item is not None:
        said = _("History of {name}, milestone {milestone}")
    return said.format(name=view.name, milestone=view.item)


def since(view: History) -> str:
    if view.first is None:
        return _("No version of it in the git history.")
    commit, day = view.first
    if not commit:
        return _("Not committed yet.")
    return _("In the plan since {day}.").format(day=values.day(day))


def event(view: History, e: Event) -> tuple[str, str]:
    """Its day and the change in words (and that it is not committed yet); the commit is in
    JSON and CSV, for those who trace it."""
    said = describe(e.change, None, view.titles, view.units, subject=False)
    if not e.commit:
        said += " (" + _("not committed") + ")"
    return values.day(e.day), said


def course(view: History, c: Course) -> str:
    """`„HH-WIN Ausbaustufe 1“: 2030 → 2034; 3 Änderungen, davon 2 abschwächend; insgesamt
    48 Monate später`."""
    unit = view.units.get((view.owner, c.item), "")

    def shown(value: str | None) -> str:
        if value is None:
            return _("removed")
        return target_words(value, unit) if c.what == "indicator" else moment(value)

    values_ = shown(c.first)
    if c.current != c.first:
        values_ += f" → {shown(c.current)}"
    if not c.changes:
        return f"„{inner(c.title)}“: {values_}; " + _("unchanged")
    said = ngettext("{count} change", "{count} changes", c.changes).format(count=c.changes)
    if c.weakening:
        said += ", " + ngettext(
            "{count} of them weakening", "{count} of them weakening", c.weakening
        ).format(count=c.weakening)
    if c.months or c.days:
        n = abs(c.months or c.days)
        amount = (
            ngettext("{n} month", "{n} months", n)
            if c.months
            else ngettext("{n} day", "{n} days", n)
        ).format(n=n)
        later = (c.months or c.days) > 0
        said += "; " + (
            _("{amount} later in all") if later else _("{amount} earlier in all")
        ).format(amount=amount)
    return f"„{inner(c.title)}“: {values_}; {said}"


def lines(view: History) -> Lines:
    """The events a line each, a date first; on a terminal each wraps under its text."""
    out = [(one_line(heading(view)), 0), (one_line(since(view)), 0), ("", 0)]
    if not view.events:
        out.append((_("No change of its deadlines, targets or status."), 0))
    for e in view.events:
        day, said = event(view, e)
        out.append((f"{day}  {one_line(said)}", len(day) + 2))
    if view.courses:
        out += [("", 0), (_("Summary"), 0)]
        out += [(one_line(course(view, c)), 2) for c in view.courses]
    if view.skipped:
        out += [("", 0), (skipped(view.skipped), 0)]
    if view.shallow:
        out += [("", 0), (_shallow(), 0)]
    return Lines(tuple(out))


def markdown(view: History) -> str:
    from mpi.render.formats._markdown import esc, table

    out = ["# " + esc(heading(view)), "", esc(since(view)), ""]
    if view.events:
        rows = [list(event(view, e)) for e in view.events]
        out.append(table([_("Date"), _("Change")], rows))
    else:
        out += ["_" + _("No change of its deadlines, targets or status.") + "_", ""]
    if view.courses:
        out += ["## " + _("Summary"), ""]
        out += [f"- {esc(course(view, c))}" for c in view.courses]
    if view.skipped:
        out += ["", esc(skipped(view.skipped))]
    if view.shallow:
        out += ["", esc(_shallow())]
    return "\n".join(out).rstrip("\n") + "\n"


def _shallow() -> str:
    return _("This clone is shallow: the versions before its oldest commit are missing.")


def skipped(count: int) -> str:
    return ngettext(
        "{count} version could not be read and was skipped.",
        "{count} versions could not be read and were skipped.",
        count,
    ).format(count=count)
