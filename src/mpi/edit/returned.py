"""A partner's returned status request, read into the plan (`mpi import`).

The workbook must be one `mpi form` made for this plan, its record unchanged (a workbook
edited into another partner's, or its rows into another's measures, is refused). Every
input cell is checked; every problem is reported by sheet, row and column, with a suggestion
where a word was mistyped, and then nothing is written. A row already in the plan (the same
workbook imported again) is skipped; one whose measure changed since the workbook was made
is a conflict, and nothing is written. The rest goes through the edit path (`batch`): one
transaction, each entry with the partner who reported it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mpi.domain.dates import MIN_YEAR, Due, DueError, typed_day, typed_due
from mpi.domain.errors import InvalidValue, Problems
from mpi.domain.exchange import FORMAT, digest, fingerprint, plan_identity
from mpi.domain.model import Measure, Plan
from mpi.domain.words import inner, measure_status, milestone_state
from mpi.edit import batch
from mpi.edit.mutations import add_note, parse_value, record_value, set_milestone, set_status
from mpi.edit.transaction import EditResult, Mutation
from mpi.i18n import _, formats
from mpi.loading.load import Loaded
from mpi.loading.workbook import Returned, read, refuse

KEYS = {"measures": 7, "deadlines": 9, "indicators": 9}  # the sheets and their columns


@dataclass
class _Reading:
    """What the rows say, and what is wrong with them."""

    plan: Plan
    returned: Returned
    today: date
    partner: str
    problems: list[str] = field(default_factory=list)
    edits: list[tuple[str, Mutation, str]] = field(default_factory=list)
    seen: dict[tuple[str, ...], int] = field(default_factory=dict)

    def problem(self, key: str, row: int, column: int, said: str) -> None:
        self.problems.append(f"{self.returned.place(key, row, column)}: {said}")

    def add(self, owner: str, mutate: Mutation, label: str) -> None:
        self.edits.append((owner, mutate, label))


def apply_workbook(
    directory: Path, path: Path, today: date, *, dry_run: bool = False
) -> EditResult:
    returned = read(path, KEYS)
    partner = returned.meta.get("partner", "")

    def edits(loaded: Loaded) -> list[tuple[str, Mutation, str]]:
        assert loaded.plan is not None
        _check_record(path, returned, loaded.plan)
        reading = _Reading(loaded.plan, returned, today, partner)
        _measures(reading)
        _deadlines(reading)
        _indicators(reading)
        if reading.problems:
            listed = reading.problems[:20]
            if len(reading.problems) > 20:
                listed.append(_("... and {count} more").format(count=len(reading.problems) - 20))
            raise Problems(listed, _("{file}: nothing was written").format(file=path.name))
        return reading.edits

    return batch.apply(directory, edits, partner, dry_run=dry_run)


def _check_record(path: Path, returned: Returned, plan: Plan) -> None:
    meta = returned.meta
    if meta.get("format") != FORMAT:
        raise refuse(path, _("not a status request made by mpi form (no record of it)"))
    if meta.get("plan") != plan_identity(plan):
        said = _("made for another plan: {theirs} (this plan: {ours})")
        raise refuse(path, said.format(theirs=meta.get("plan"), ours=plan_identity(plan)))
    partner = meta.get("partner", "")
    made_on = meta.get("made_on", "")
    if meta.get("digest") != digest(meta.get("plan", ""), partner, made_on, returned.fingerprints):
        said = _(
            "its record was changed (which partner, which measures); ask for a new one: mpi form"
        )
        raise refuse(path, said)
    if partner not in {p.id for p in plan.partners}:
        raise refuse(
            path, _("made for {partner}, who is no partner of this plan").format(partner=partner)
        )


def _measure(reading: _Reading, key: str, row: int, cells: dict[int, Any]) -> Measure | None:
    """The measure a row names: one of the workbook's that the partner leads, as it stands."""
    ident = str(cells.get(1, "")).strip()
    if ident not in reading.returned.fingerprints:
        said = _("{measure} is not one of this workbook's measures (those {partner} leads)")
        reading.problem(key, row, 1, said.format(measure=ident or "–", partner=reading.partner))
        return None
    found = next((m for m in reading.plan.measures() if m.id == ident), None)
    if found is None:
        reading.problem(key, row, 1, _("{measure} is no longer in the plan").format(measure=ident))
    elif reading.partner not in found.lead:
        said = _("{partner} does not lead {measure}: it is not theirs to report")
        reading.problem(key, row, 1, said.format(partner=reading.partner, measure=ident))
        return None
    return found


def _once(reading: _Reading, key: str, row: int, what: tuple[str, ...]) -> bool:
    """Whether the row is the first for its item (a copied row would record it twice)."""
    first = reading.seen.setdefault((key, *what), row)
    if first != row:
        said = _("the same as row {row}: one row for each, please")
        reading.problem(key, row, 1, said.format(row=first))
    return first == row


def _changed(reading: _Reading, key: str, row: int, m: Measure) -> bool:
    """Whether the measure changed since the workbook was made: then the row is a conflict."""
    if fingerprint(m) == reading.returned.fingerprints.get(m.id):
        return False
    said = _(
        "{measure} changed in the plan since the workbook was made ({day}); compare, then "
        "record it by hand or ask for a new workbook (mpi form)"
    )
    day = reading.returned.meta.get("made_on", "")
    reading.problem(key, row, 1, said.format(measure=m.id, day=day))
    return True


def _day(reading: _Reading, key: str, row: int, column: int, value: Any) -> date | None:
    if value is None:
        return reading.today
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = typed_day(str(value))
        except DueError as exc:
            reading.problem(key, row, column, str(exc))
            return None
    if day > reading.today:
        said = _("{day} lies in the future").format(day=formats.day(day))
        reading.problem(key, row, column, said)
        return None
    if day.year < MIN_YEAR:
        reading.problem(key, row, column, _("{day} is no day of the plan").format(day=day))
        return None
    return day


def _word(reading: _Reading, key: str, row: int, column: int, value: Any, parse: Any) -> str | None:
    try:
        return str(parse(str(value)))
    except InvalidValue as exc:
        reading.problem(key, row, column, f"{value!r}: {exc}")
        return None


def _text(value: Any) -> str | None:
    """Words typed into a cell: each line's spaces made one, its paragraphs kept."""
    if value is None:
        return None
    from openpyxl.utils.escape import unescape  # Excel writes a CR as _x000D_

    lines = (" ".join(line.split()) for line in unescape(str(value)).splitlines())
    text = "\n".join(line for line in lines if line)
    return text or None


def _since(reading: _Reading, day: date, given: bool) -> date:
    """From when an entry of this workbook may be in the plan: its day where the row gives
    one, else any day since the workbook was made (it is dated the day it was imported)."""
    if given:
        return day
    try:
        return date.fromisoformat(reading.returned.meta.get("made_on", ""))
    except ValueError:
        return day


def _measures(reading: _Reading) -> None:
    key = "measures"
    by = reading.partner
    for row, cells in reading.returned.rows.get(key, []):
        m = _measure(reading, key, row, cells)
        if m is None or not _once(reading, key, row, (m.id,)):
            continue
        status = _word(reading, key, row, 5, cells[5], measure_status) if 5 in cells else None
        text = _text(cells.get(6))
        day = _day(reading, key, row, 7, cells.get(7))
        if not (5 in cells or 6 in cells):
            if 7 in cells:
                reading.problem(key, row, 6, _("a date without a state of work"))
            continue
        if day is None or (5 in cells and status is None):
            continue
        if status == "dropped" or (status and m.status == "dropped"):
            reading.problem(
                key, row, 5, _("a measure is dropped, or taken up again, by a decision")
            )
            continue
        new_status = status if status and status != m.status else None
        since = _since(reading, day, 7 in cells)
        logged = any(u.date >= since and u.text == text and u.by == by for u in m.updates)
        if not new_status and (text is None or logged):
            continue  # in the plan already
        if _changed(reading, key, row, m):
            continue
        label = str(reading.returned.place(key, row, 5 if new_status else 6))
        if new_status:
            reading.add(m.id, set_status(new_status, text, day, reading.today, m.id), label)
        elif text:
            reading.add(m.id, add_note(text, day, reading.today), label)


def _deadlines(reading: _Reading) -> None:
    key = "deadlines"
    for row, cells in reading.returned.rows.get(key, []):
        m = _measure(reading, key, row, cells)
        milestone = str(cells.get(2, ""))
        occurrence = str(cells[9]) if cells.get(9) not in (None, "") else None
        if m is None or not _once(reading, key, row, (m.id, milestone, str(occurrence))):
            continue
        if 6 not in cells:
            if 7 in cells or 8 in cells:
                reading.problem(key, row, 6, _("say whether it was done, missed or is open"))
            continue
        state = _word(reading, key, row, 6, cells[6], milestone_state)
        day = _day(reading, key, row, 7, cells.get(7))
        note = _text(cells.get(8))
        if state is None or day is None:
            continue
        chosen = next((x for x in m.milestones if x.id == milestone), None)
        if chosen is None:
            said = _("{measure} has no milestone {milestone}")
            reading.problem(key, row, 2, said.format(measure=m.id, milestone=milestone))
            continue
        if (chosen.recurrence is None) != (occurrence is None):
            reading.problem(key, row, 9, _("the occurrence was changed; make a new workbook"))
            continue
        try:
            recorded = _recorded(chosen, occurrence)
        except DueError:
            reading.problem(key, row, 9, _("the occurrence was changed; make a new workbook"))
            continue
        label = str(reading.returned.place(key, row, 6))
        if recorded == state:
            if state == "open" and note:  # an open deadline's note: what holds it up
                since = _since(reading, day, 7 in cells)
                said = f"„{inner(chosen.title)}“: {note}"
                known = any(u.text == said and u.date >= since for u in m.updates)
                if not known and not _changed(reading, key, row, m):
                    reading.add(m.id, add_note(said, day, reading.today), label)
            continue  # in the plan already
        if _changed(reading, key, row, m):
            continue
        mutate = set_milestone(milestone, state, day, reading.today, note, occurrence)
        reading.add(m.id, mutate, label)


def _recorded(milestone: Any, occurrence: str | None) -> str:
    """The state on record of a milestone, or of one occurrence of a recurring one."""
    if occurrence is None:
        return str(milestone.status)
    wanted = Due.parse(occurrence)
    return next((str(o.status) for o in milestone.occurrences if o.due == wanted), "open")


def _indicators(reading: _Reading) -> None:
    key = "indicators"
    by = reading.partner
    for row, cells in reading.returned.rows.get(key, []):
        m = _measure(reading, key, row, cells)
        ident = str(cells.get(2, ""))
        if m is None or not _once(reading, key, row, (m.id, ident)):
            continue
        if 7 not in cells:
            if 8 in cells or 9 in cells:
                reading.problem(key, row, 7, _("the new value is missing"))
            continue
        value = _number(reading, row, cells[7])
        period = _period(reading, row, cells.get(8))
        source = _text(cells.get(9))
        if value is None or period is False:
            continue
        ind = next((i for i in m.indicators if i.id == ident), None)
        if ind is None:
            said = _("{measure} has no indicator {indicator}")
            reading.problem(key, row, 2, said.format(measure=m.id, indicator=ident))
            continue
        refers = period if isinstance(period, Due) else None
        since = _since(reading, reading.today, False)
        if any(
            v.value == value
            and v.period == refers
            and v.by == by
            and v.source == source
            and v.date >= since
            for v in ind.values
        ):
            continue  # in the plan already
        if _changed(reading, key, row, m):
            continue
        try:
            mutate = record_value(value, reading.today, source, reading.today, refers, None)(ident)
        except InvalidValue as exc:
            reading.problem(key, row, 8, str(exc))
            continue
        reading.add(m.id, mutate, str(reading.returned.place(key, row, 7)))


def _number(reading: _Reading, row: int, value: Any) -> float | None:
    """A value as typed, or as the spreadsheet keeps a number: checked the same way."""
    text = repr(value) if isinstance(value, float) else str(value)  # 1e+20, 17 digits: refused
    try:
        return parse_value(text, "en" if isinstance(value, int | float) else "de")
    except InvalidValue as exc:
        reading.problem("indicators", row, 7, str(exc))
        return None


def _period(reading: _Reading, row: int, value: Any) -> Due | bool | None:
    """The period a value refers to; False where it is no period."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        value = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    try:
        return typed_due(str(value).strip())
    except DueError as exc:
        reading.problem("indicators", row, 8, str(exc))
        return False
