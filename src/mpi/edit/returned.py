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

from mpi.domain.dates import Due, DueError, typed_day, typed_due
from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.exchange import FORMAT, digest, fingerprint, plan_identity
from mpi.domain.model import Measure, Plan
from mpi.domain.words import measure_status, milestone_state
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
    edits: list[tuple[str, Mutation]] = field(default_factory=list)

    def problem(self, key: str, row: int, column: int, said: str) -> None:
        self.problems.append(f"{self.returned.place(key, row, column)}: {said}")


def apply_workbook(
    directory: Path, path: Path, today: date, *, dry_run: bool = False
) -> EditResult:
    returned = read(path, KEYS)
    partner = returned.meta.get("partner", "")

    def edits(loaded: Loaded) -> list[tuple[str, Mutation]]:
        assert loaded.plan is not None
        _check_record(path, returned, loaded.plan)
        reading = _Reading(loaded.plan, returned, today, partner)
        _measures(reading)
        _deadlines(reading)
        _indicators(reading)
        if reading.problems:
            more = len(reading.problems) - 20
            listed = reading.problems[:20] + (
                [_("... and {count} more").format(count=more)] if more > 0 else []
            )
            raise UsageError(
                "\n".join(listed) + "\n" + _("{file}: nothing was written").format(file=path.name)
            )
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
    """The measure a row names: one of the workbook's (the partner's), as it stands now."""
    ident = str(cells.get(1, "")).strip()
    if ident not in reading.returned.fingerprints:
        said = _("{measure} is not one of this workbook's measures (those {partner} leads)")
        reading.problem(key, row, 1, said.format(measure=ident or "–", partner=reading.partner))
        return None
    found = next((m for m in reading.plan.measures() if m.id == ident), None)
    if found is None:
        reading.problem(key, row, 1, _("{measure} is no longer in the plan").format(measure=ident))
    return found


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
        reading.problem(
            key, row, column, _("{day} lies in the future").format(day=formats.day(day))
        )
        return None
    return day


def _word(reading: _Reading, key: str, row: int, column: int, value: Any, parse: Any) -> str | None:
    try:
        return str(parse(str(value)))
    except InvalidValue as exc:
        reading.problem(key, row, column, f"{value!r}: {exc}")
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _measures(reading: _Reading) -> None:
    key = "measures"
    for row, cells in reading.returned.rows.get(key, []):
        m = _measure(reading, key, row, cells)
        status = _word(reading, key, row, 5, cells[5], measure_status) if 5 in cells else None
        text = _text(cells.get(6))
        day = _day(reading, key, row, 7, cells.get(7))
        if m is None or day is None or (5 in cells and status is None) or not (status or text):
            continue
        if status == "dropped":
            reading.problem(key, row, 5, _("a measure is dropped by a decision of the round"))
            continue
        new_status = status if status and status != m.status else None
        logged = any(
            u.date == day and u.text == text and u.by == reading.partner for u in m.updates
        )
        if not new_status and (text is None or logged):
            continue  # in the plan already
        if _changed(reading, key, row, m):
            continue
        if new_status:
            reading.edits.append((m.id, set_status(new_status, text, day, reading.today)))
        elif text:
            reading.edits.append((m.id, add_note(text, day, reading.today)))


def _deadlines(reading: _Reading) -> None:
    key = "deadlines"
    for row, cells in reading.returned.rows.get(key, []):
        m = _measure(reading, key, row, cells)
        if 6 not in cells:
            if 7 in cells or 8 in cells:
                reading.problem(key, row, 6, _("say whether it was done, missed or is open"))
            continue
        state = _word(reading, key, row, 6, cells[6], milestone_state)
        day = _day(reading, key, row, 7, cells.get(7))
        note = _text(cells.get(8))
        milestone = str(cells.get(2, ""))
        occurrence = str(cells[9]) if cells.get(9) not in (None, "") else None
        if m is None or state is None or day is None:
            continue
        chosen = next((x for x in m.milestones if x.id == milestone), None)
        if chosen is None:
            said = _("{measure} has no milestone {milestone}")
            reading.problem(key, row, 2, said.format(measure=m.id, milestone=milestone))
            continue
        if _recorded(chosen, occurrence) == state:
            continue  # in the plan already
        if _changed(reading, key, row, m):
            continue
        reading.edits.append(
            (m.id, set_milestone(milestone, state, day, reading.today, note, occurrence))
        )


def _recorded(milestone: Any, occurrence: str | None) -> str:
    """The state on record of a milestone, or of one occurrence of a recurring one."""
    if occurrence is None:
        return str(milestone.status)
    wanted = Due.parse(occurrence)
    return next((str(o.status) for o in milestone.occurrences if o.due == wanted), "open")


def _indicators(reading: _Reading) -> None:
    key = "indicators"
    for row, cells in reading.returned.rows.get(key, []):
        m = _measure(reading, key, row, cells)
        if 7 not in cells:
            if 8 in cells or 9 in cells:
                reading.problem(key, row, 7, _("the new value is missing"))
            continue
        value = _number(reading, row, cells[7])
        period = _period(reading, row, cells.get(8))
        source = _text(cells.get(9))
        ident = str(cells.get(2, ""))
        if m is None or value is None or period is False:
            continue
        ind = next((i for i in m.indicators if i.id == ident), None)
        if ind is None:
            reading.problem(
                key,
                row,
                2,
                _("{measure} has no indicator {indicator}").format(measure=m.id, indicator=ident),
            )
            continue
        refers = period if isinstance(period, Due) else None
        if any(
            v.value == value and v.period == refers and v.by == reading.partner for v in ind.values
        ):
            continue  # in the plan already
        if _changed(reading, key, row, m):
            continue
        try:
            mutate = record_value(value, reading.today, source, reading.today, refers)(ident)
        except InvalidValue as exc:
            reading.problem(key, row, 8, str(exc))
            continue
        reading.edits.append((m.id, mutate))


def _number(reading: _Reading, row: int, value: Any) -> float | None:
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        return float(value)
    try:
        return parse_value(str(value), "de")
    except InvalidValue as exc:
        reading.problem("indicators", row, 7, str(exc))
        return None


def _period(reading: _Reading, row: int, value: Any) -> Due | bool | None:
    """The period a value refers to; False where it is no period."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return Due.parse(value.strftime("%Y-%m-%d"))
    try:
        return typed_due(str(value).strip())
    except DueError as exc:
        reading.problem("indicators", row, 8, str(exc))
        return False
