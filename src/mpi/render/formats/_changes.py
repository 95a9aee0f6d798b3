"""`mpi changes` as text and Markdown: each change of the plan once, newest first, with the
day it was committed, in the words `mpi diff` uses; a weakening one marked `!`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.i18n import _, ngettext
from mpi.render import values
from mpi.render.change_words import describe
from mpi.render.formats._history import _shallow, skipped
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from mpi.views.changes import ChangeLog, Logged


def heading(view: ChangeLog) -> str:
    """`Änderungen am Plan (7), neueste zuerst`, with what it is limited to."""
    count = len(view.entries)
    said = ngettext(
        "Change of the plan ({count}), newest first",
        "Changes of the plan ({count}), newest first",
        count,
    ).format(count=count)
    w = view.wanted
    only = [*w.fields, *(view.names.get(f"partner:{p}", p) for p in w.leads), *w.measures]
    if w.since is not None:
        only.append(_("since {day}").format(day=values.day(w.since)))
    elif w.after is not None:
        only.append(_("after {revision}").format(revision=w.after))
    return f"{said}: {', '.join(only)}" if only else said


def subject(view: ChangeLog) -> str:
    """A feed's title: `Änderungen am Plan`, or what it follows: `Änderungen: HF1 Flächen und
    Infrastruktur`."""
    w = view.wanted
    named = [f"{x} {view.names[x]}" if x in view.names else x for x in (*w.fields, *w.measures)]
    named += [view.names.get(f"partner:{p}", p) for p in w.leads]
    if not named:
        return _("Changes of the plan")
    return _("Changes: {what}").format(what=", ".join(named))


def said(view: ChangeLog, e: Logged) -> str:
    """The change in words, and that it is not committed yet. The plan level and a body are
    named by their names (`Plan: …`, `Koordinierungsrunde: …`), not by their ids."""
    c = e.change
    if c.subject == "plan" or c.what == "body" or c.subject in view.bodies:
        name = _("Plan") if c.subject == "plan" else view.bodies.get(c.subject, c.subject)
        alone = describe(c, view.names, view.titles, view.units, subject=False)
        words = f"{name}: {alone.lstrip(': ')}"
    else:
        words = describe(c, view.names, view.titles, view.units)
    if e.commit is None:
        words += " (" + _("not committed") + ")"
    return words


def notes(view: ChangeLog) -> list[str]:
    """What the log cannot show: no git, a shallow clone, versions it could not read."""
    out = []
    if not view.in_git:
        out.append(_("The plan is not in a git repository: there is no history to read."))
    elif not view.entries:
        out.append(_("No change."))
    if view.shallow:
        out.append(_shallow())
    if view.skipped:
        out.append(skipped(view.skipped))
    return out


def text(view: ChangeLog, width: int | None = None) -> str:
    """One change per line for a pipe, its day first as ISO date (sortable); with `width`
    (a terminal's), the day as people write it and each change wrapped at spaces under it,
    never inside a word, an id or a date."""
    import textwrap

    out = [one_line(heading(view)), ""]
    for e in view.entries:
        mark = "! " if e.change.weakening else ""
        day = e.day.isoformat() if width is None else values.day(e.day)
        line = f"{day}  {mark}{one_line(said(view, e))}"
        if width is None:
            out.append(line)
            continue
        indent = " " * (len(day) + 2)
        out += textwrap.wrap(
            line, width, subsequent_indent=indent, break_long_words=False,
            break_on_hyphens=False,
        )  # fmt: skip
    out += notes(view)
    return "\n".join(out) + "\n"


def terminal(view: ChangeLog) -> str:
    """`text` at the terminal's width."""
    import shutil

    return text(view, max(40, shutil.get_terminal_size().columns - 1))


def markdown(view: ChangeLog) -> str:
    from mpi.render.formats._markdown import Raw, esc, table

    out = ["# " + esc(heading(view)), ""]
    if view.entries:
        rows = [
            [values.day(e.day), Raw(("**!** " if e.change.weakening else "") + esc(said(view, e)))]
            for e in view.entries
        ]
        out.append(table([_("Date"), _("Change")], rows))
    out += [esc(n) + "\n" for n in notes(view)]
    return "\n".join(out).rstrip("\n") + "\n"
