"""A decision of the partners (or a corrected reading) in one line for people: what it
decided (`Frist 2032`, `Ziel mindestens 80 MW`), when and why; shared by `mpi show`, the
round's briefing, the minutes and the site."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpi.domain.words import KIND_WORDS, inner, target_text
from mpi.i18n import _
from mpi.render import values
from mpi.render.change_words import target_words
from mpi.render.provenance import series
from mpi.render.provenance import status as status_word

if TYPE_CHECKING:
    from mpi.views.decisions import DecisionRow


def decided(row: DecisionRow) -> str:
    """What a decision decided, in words: `Frist 2032`, `Ziel mindestens 80 MW`, `entfallen`,
    `entfernt: hh-win-stufe-3`."""
    d = row.decision
    parts = []
    due, kind, recurrence = (getattr(d, n, None) for n in ("due", "kind", "recurrence"))
    if due is not None:
        parts.append(_("deadline {date}").format(date=values.due(due)))
    if kind is not None:
        parts.append(_("kind of date: {kind}").format(kind=KIND_WORDS.get(kind, kind)))
    if recurrence is not None:
        parts.append(series(recurrence))
    target, year = getattr(d, "target", None), getattr(d, "year", None)
    direction = getattr(d, "direction", None)
    if target is not None:
        said = target_text(target, direction or row.direction)
        parts.append(_("target {target}").format(target=target_words(said, row.unit)))
    elif direction is not None:
        at_least = direction == "at_least"
        parts.append(_("direction: at least") if at_least else _("direction: at most"))
    if year is not None:
        parts.append(_("target year {year}").format(year=values.target_year(year)))
    status, lead = getattr(d, "status", None), getattr(d, "lead", None)
    if status is not None:
        parts.append(status_word(status))
    if lead is not None:
        names = ", ".join(row.lead_names or lead)
        parts.append(_("lead: {partners}").format(partners=names or values.DASH))
    removed = getattr(d, "removed", None)
    if removed is not None:
        parts.append(_("removed: {id}").format(id=removed))
    return ", ".join(parts)


def decisions_heading(rows: list[DecisionRow], *, since: bool = False, count: bool = False) -> str:
    """`Beschlossene Änderungen`, or with corrected readings among them `Beschlossene
    Änderungen und korrigierte Lesarten`; `since` the last round; `count`: with the number."""
    corrected = any(r.correction for r in rows)
    if since:
        said = (
            _("Decided and corrected since the last round")
            if corrected
            else _("Decided since the last round")
        )
    else:
        said = _("Decided changes and corrected readings") if corrected else _("Decided changes")
    return f"{said} ({len(rows)})" if count else said


def decision_line(row: DecisionRow, *, owner: bool = True) -> str:
    """`12.06.2026 HF1.15, „HH-WIN Ausbaustufe 1“: Frist 2032 – Koordinierungsrunde …`."""
    who = row.owner if owner else ""
    if owner and row.field is None:  # the plan or a body: by its title, not its id
        who = "" if row.item is not None else row.title
    if row.item is not None:
        who = (who + ", " if who else "") + f"„{inner(row.title)}“"
    said = decided(row)
    head = f"{values.day(row.day)} {who}".rstrip()
    if row.correction:
        return f"{head}: {said} – " + _("reading corrected: {reason}").format(reason=row.words)
    return f"{head}: {said} – {row.words}"
