"""Recording meetings in meetings.yaml: a new meeting with its agenda, then its attendance,
decisions and action items, and an action item closed.

The same transaction as every edit (`transaction`): under the plan's lock the plan is loaded
and must be valid; the edit changes only the bytes it adds or sets; the plan is loaded again
with the new text and the edit refused if it would be invalid; the file is replaced
atomically unless it changed on disk meanwhile. The first meeting creates the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mpi.domain.errors import EditRefused, InvalidValue
from mpi.domain.meetings import FILE, TIME, Top
from mpi.edit.document import Document
from mpi.edit.lock import writing
from mpi.edit.mutations import check_text
from mpi.edit.owners import unified_diff
from mpi.edit.scalars import day_scalar, scalar
from mpi.edit.transaction import (
    EditResult,
    loaded_plan,
    made_invalid,
    read_for_edit,
    write_checked,
)
from mpi.fsutil import atomic_write
from mpi.i18n import _, formats
from mpi.loading.load import load_plan
from mpi.loading.positions import PList, PMap
from mpi.loading.sources import SourceFile

HEADER = (
    "# yaml-language-server: $schema=../schema/meetings.schema.json\n"
    "# The meetings of the plan's bodies: day, place, chair, agenda (TOP numbers count from 1),\n"
    "# and after each its attendance, decisions and action items. Written by `mpi meeting`;\n"
    "# check after editing by hand: mpi validate\n"
)
KEYS = (
    "id",
    "body",
    "date",
    "time",
    "place",
    "video",
    "chair",
    "participants",
    "agenda",
    "attendance",
    "decisions",
    "actions",
)


@dataclass(frozen=True)
class NewMeeting:
    id: str
    body: str
    day: date
    time: str | None = None
    place: str | None = None
    video: str | None = None
    chair: str | None = None
    participants: Sequence[tuple[str, Sequence[str]]] = ()
    agenda: Sequence[Top] = field(default_factory=tuple)


# A change of meetings.yaml: given its document (None: there is no file yet), it records its
# edits and returns the new text where it writes the file whole, and says what it did.
Change = Callable[[Document | None], tuple[str | None, str]]


def create(directory: Path, new: NewMeeting, *, dry_run: bool = False) -> EditResult:
    """Add a meeting, in the order of the days."""
    if new.time is not None and not re.fullmatch(TIME, new.time):
        said = _("{time} is not a time of day like 10:00 or 10:00-12:00")
        raise InvalidValue("time", said.format(time=repr(new.time)))
    fields = [("id", new.id), ("body", new.body), ("date", day_scalar(new.day))]
    for key in ("time", "place", "video", "chair"):
        if (value := getattr(new, key)) is not None:
            fields.append((key, scalar(_said(key, value))))
    if new.participants:
        fields.append(("participants", "".join(_people(p, n) for p, n in new.participants)))
    if new.agenda:
        fields.append(("agenda", "".join(_top(t) for t in new.agenda)))
    said = _("meeting {id} recorded").format(id=new.id)

    def change(doc: Document | None) -> tuple[str | None, str]:
        if doc is None:
            lines = Document.item_lines(fields, 2, 4)
            return HEADER + "meetings:\n" + "".join(x + "\n" for x in lines), said
        fields[2] = ("date", doc.day(new.day))  # as the file quotes its days
        listed = doc.tree.get("meetings")
        days = [m.get("date") if isinstance(m, PMap) else None for m in listed or []]
        if any(isinstance(m, PMap) and m.get("id") == new.id for m in listed or []):
            raise EditRefused(_("meeting {id} is already on record").format(id=new.id))
        at = next((i for i, d in enumerate(days) if str(d) > new.day.isoformat()), None)
        doc.add_item(doc.tree, "meetings", fields, at)
        return None, said

    return _edit(directory, change, dry_run)


def attend(
    directory: Path,
    meeting: str,
    partner: str,
    names: Sequence[str],
    excused: bool,
    *,
    dry_run: bool = False,
) -> EditResult:
    """Record who took part for a partner (or that it sent apologies)."""
    fields = [("partner", partner)]
    if names:
        fields.append(("names", _names(names)))
    if excused:
        fields.append(("excused", "true"))

    def change(doc: Document | None) -> tuple[str | None, str]:
        doc, found = _meeting(doc, meeting)
        listed = found.get("attendance")
        if isinstance(listed, PList) and any(
            isinstance(p, PMap) and p.get("partner") == partner for p in listed
        ):
            raise EditRefused(
                _("the attendance of {partner} at {id} is already on record").format(
                    partner=partner, id=meeting
                )
            )
        doc.add_item(found, "attendance", fields, after=_before("attendance"))
        if excused:
            return None, _("{partner} excused at {id}").format(partner=partner, id=meeting)
        return None, _("attendance of {partner} at {id} recorded").format(
            partner=partner, id=meeting
        )

    return _edit(directory, change, dry_run)


def decide(
    directory: Path, meeting: str, top: int | None, text: str, *, dry_run: bool = False
) -> EditResult:
    """Record a decision of the meeting under its agenda item (a meeting without an agenda:
    none)."""
    fields = [("top", str(top))] if top is not None else []
    fields.append(("text", scalar(_said("text", text))))

    def change(doc: Document | None) -> tuple[str | None, str]:
        doc, found = _meeting(doc, meeting)
        doc.add_item(found, "decisions", fields, after=_before("decisions"))
        if top is None:
            return None, _("decision of {id} recorded").format(id=meeting)
        return None, _("decision under TOP {top} of {id} recorded").format(top=top, id=meeting)

    return _edit(directory, change, dry_run)


def give_action(
    directory: Path,
    meeting: str,
    text: str,
    owner: str,
    due: date,
    top: int | None,
    *,
    dry_run: bool = False,
) -> EditResult:
    """Record an action item the meeting gave a partner; it is numbered on from the last."""

    def change(doc: Document | None) -> tuple[str | None, str]:
        doc, found = _meeting(doc, meeting)
        listed = found.get("actions")
        numbers = [a.get("number") for a in listed or [] if isinstance(a, PMap)]
        number = max((n for n in numbers if isinstance(n, int)), default=0) + 1
        fields = [("number", str(number)), ("text", scalar(_said("text", text)))]
        fields += [("owner", owner), ("due", doc.day(due))]
        if top is not None:
            fields.append(("top", str(top)))
        doc.add_item(found, "actions", fields, after=_before("actions"))
        said = _("action item {id}/{number} for {owner}, due {due}, recorded")
        return None, said.format(id=meeting, number=number, owner=owner, due=formats.day(due))

    return _edit(directory, change, dry_run)


def close_action(
    directory: Path,
    meeting: str,
    number: int,
    status: str,
    day: date,
    note: str | None,
    *,
    dry_run: bool = False,
) -> EditResult:
    """Close an action item: done or dropped, on its day, with a note."""

    def change(doc: Document | None) -> tuple[str | None, str]:
        doc, found = _meeting(doc, meeting)
        listed = found.get("actions")
        action = next(
            (a for a in listed or [] if isinstance(a, PMap) and a.get("number") == number), None
        )
        if action is None:
            said = _("meeting {id} has no action item {number}").format(id=meeting, number=number)
            raise InvalidValue("action", said)
        if action.get("status", "open") != "open":
            said = _("action item {id}/{number} is closed already").format(
                id=meeting, number=number
            )
            raise EditRefused(said)
        keys = ("top", "due", "owner", "text", "number")
        doc.set_value(action, "status", status, after=keys)
        doc.set_value(action, "closed", doc.day(day), after=("status", *keys))
        if note is not None:
            doc.set_value(
                action, "note", scalar(_said("note", note)), after=("closed", "status", *keys)
            )
        return None, _("action item {id}/{number} closed ({day})").format(
            id=meeting, number=number, day=formats.day(day)
        )

    return _edit(directory, change, dry_run)


def _said(what: str, text: str) -> str:
    """Text a person typed for the file: not empty, no more than the file may hold."""
    if not text.strip():
        raise InvalidValue(what, _("is empty; type the words"))
    return check_text(what, text)


def _before(key: str) -> tuple[str, ...]:
    """The keys a new `key` of a meeting goes after, the nearest first."""
    return tuple(reversed(KEYS[: KEYS.index(key)]))


def _meeting(doc: Document | None, meeting: str) -> tuple[Document, PMap]:
    """The document and the meeting's mapping in it; refused where there is none."""
    listed = doc.tree.get("meetings") if doc is not None else None
    for m in listed or []:
        if doc is not None and isinstance(m, PMap) and m.get("id") == meeting:
            if doc.is_flow(m):
                raise EditRefused(
                    _(
                        "line {line}: the meeting is written {{...}} on one line; edit it by hand"
                    ).format(line=m.start[0])
                )
            return doc, m
    raise InvalidValue("meeting", _("no meeting {id} is on record").format(id=meeting))


def _people(partner: str, names: Sequence[str]) -> str:
    out = f"\n  - partner: {partner}"
    return out + ("\n    names:" + _names(names, "    ") if names else "")


def _names(names: Sequence[str], indent: str = "  ") -> str:
    return "".join(f"\n{indent}- " + scalar(_said("names", n)) for n in names)


def _top(top: Top) -> str:
    out = "\n  - title: " + scalar(_said("title", top.title))
    if top.kind != "other":
        out += f"\n    kind: {top.kind}"
    if top.lead:
        out += "\n    lead: [" + ", ".join(top.lead) + "]"
    if top.items:
        out += "\n    items: [" + ", ".join(top.items) + "]"
    if top.milestone:
        out += f"\n    milestone: {top.milestone}"
    return out


def _edit(directory: Path, change: Change, dry_run: bool) -> EditResult:
    path = directory / FILE
    with writing(directory, dry_run):
        loaded = loaded_plan(directory)
        source = loaded.meetings_file
        reuse = {p: v for p, v in loaded.models.items() if p != path}  # only meetings.yaml changes
        del loaded
        text, digest, doc = "", b"", None
        if source is not None:
            text, digest = read_for_edit(source)
            doc = Document(text, source.tree, name=source.display)
        whole, summary = change(doc)
        new_text = whole if whole is not None else doc.result() if doc else ""
        shown = source.display if source is not None else FILE
        diff = unified_diff(text, new_text, shown, doc.span() if doc else None)
        after = load_plan(directory, overrides={path: new_text}, reuse=reuse)
        if after.errors:
            raise made_invalid(after.errors[0])
        if dry_run:
            return EditResult(path, diff, summary, written=False)
        if source is None:
            warning = atomic_write(path, new_text.encode("utf-8"), before_replace=_still_none(path))
        else:
            kept = SourceFile(path, source.display, None, source.fingerprint)
            warning = write_checked(kept, new_text, digest)
        return EditResult(path, diff, summary, written=True, warning=warning)


def _still_none(path: Path) -> Callable[[], None]:
    def check() -> None:
        if os.path.lexists(path):
            raise EditRefused(
                _(
                    "{file} appeared on disk while mpi was writing it; nothing was written, run "
                    "the command again"
                ).format(file=path.name)
            )

    return check
