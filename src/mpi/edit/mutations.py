"""The changes an edit can make to one measure (or the plan level, or a monitoring body), as
text edits of its file.

Each public function checks its arguments at once (domain errors, before any lock is taken)
and returns a `Mutation` for `transaction.edit_measure` or `transaction.edit_owner`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mpi.domain.dates import Due, DueError, typed_due
from mpi.domain.errors import InvalidValue, UsageError
from mpi.domain.words import inner, measure_status, milestone_state, number, suggest, typed_number
from mpi.edit import plausible
from mpi.edit.log import dated_position, log_entry, state_change, with_note
from mpi.edit.occurrences import record_occurrence
from mpi.edit.scalars import scalar
from mpi.edit.transaction import Edit, Mutation
from mpi.i18n import _, formats, pgettext, speaking
from mpi.loading.positions import PMap
from mpi.loading.scalars import MAX_DIGITS


def check_text(what: str, text: str) -> str:
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise InvalidValue(what, _("is not valid UTF-8 (check the terminal's encoding)"))
    return text


def check_day(day: date, today: date) -> None:
    if day > today:
        raise InvalidValue("date", _("{day} lies in the future").format(day=formats.day(day)))


def status_word(status: object) -> str:
    return pgettext("measure status", str(status))


def state_word(state: object) -> str:
    return pgettext("milestone state", str(state))


def set_status(
    typed: str, note: str | None, day: date, today: date, measure: str = "MEASURE"
) -> Mutation:
    status = measure_status(typed)
    if status == "dropped":  # dropping weakens the adopted plan: only by a decision
        raise InvalidValue(
            "status",
            _("a measure is dropped by a decision: mpi drop {measure} --decision TEXT").format(
                measure=measure
            ),
        )
    check_day(day, today)
    if note is not None:
        check_text("note", note)

    def mutate(target: Edit) -> str:
        measure = target.measure
        old = measure.get("status")
        if old == status and not note:
            raise UsageError(
                _("{measure} is already {status}; add a note to log it anyway").format(
                    measure=measure["id"], status=status_word(status)
                )
            )
        target.doc.set_value(measure, "status", status)
        with speaking(target.facts.language):
            change = f"{status_word(old)} → {status_word(status)}"
            logged = note or _("Status: {change}").format(change=change)
        log_entry(target, day, logged, status)
        return f"{measure['id']}: {status_word(old)} → {status_word(status)}"

    return mutate


def add_note(text: str, day: date, today: date) -> Mutation:
    if not text.strip():
        raise UsageError(_("the note is empty"))
    check_text("text", text)
    check_day(day, today)

    def mutate(target: Edit) -> str:
        log_entry(target, day, text)
        return _("{owner}: note added").format(owner=target.owner_id)

    return mutate


def set_milestone(
    milestone: str,
    state: str,
    day: date,
    today: date,
    note: str | None = None,
    occurrence: str | None = None,
) -> Mutation:
    """Mark a milestone (or one occurrence of a recurring one) done, missed or open again."""
    state = milestone_state(state)
    check_day(day, today)
    if note is not None:
        check_text("note", note)
    wanted: Due | None = None
    if occurrence is not None:
        try:
            wanted = typed_due(occurrence)
        except DueError as exc:
            raise InvalidValue("occurrence", str(exc)) from None

    def mutate(target: Edit) -> str:
        owner = target.owner_id
        chosen = pick_milestone(owner, target.owner.get("milestones") or [], milestone)
        if "recurrence" in chosen:
            return record_occurrence(target, chosen, state, day, today, note, wanted)
        if wanted is not None:
            raise not_recurring("occurrence", chosen, owner)
        old = chosen.get("status", "open")
        if old == state:
            raise UsageError(
                _("milestone {milestone} of {owner} is already {state}").format(
                    milestone=repr(chosen["id"]), owner=owner, state=state_word(state)
                )
            )
        if state == "missed":
            ahead = plausible.missed_ahead(chosen.get("due"), today, str(chosen["id"]))
            target.cautions.extend([ahead] if ahead else [])
        doc = target.doc
        doc.set_value(chosen, "status", state, after=("kind", "due"))
        if state == "done":
            doc.set_value(chosen, "done", doc.day(day), after=("status", "due"))
        else:
            doc.remove_key(chosen, "done")
        with speaking(target.facts.language):
            said = _("Milestone „{title}“: {change}").format(
                title=inner(chosen.get("title")), change=state_change(old, state)
            )
        log_entry(target, day, with_note(said, note))
        return _("{owner} milestone {milestone}: {change}").format(
            owner=owner, milestone=chosen["id"], change=state_change(old, state)
        )

    return mutate


def not_recurring(what: str, chosen: PMap, owner: str) -> InvalidValue:
    """The refusal of `what` (an occurrence, a frequency) for a milestone that does not recur."""
    said = _("milestone {milestone} of {owner} does not recur")
    return InvalidValue(what, said.format(milestone=repr(chosen["id"]), owner=owner))


def pick_milestone(owner: str, milestones: list[Any], wanted: str) -> PMap:
    ids = [str(m.get("id")) for m in milestones]
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(milestones):
        picked: PMap = milestones[int(wanted) - 1]
        return picked
    for m in milestones:
        if m.get("id") == wanted:
            return m  # type: ignore[no-any-return]
    if not ids:
        raise UsageError(_("{owner} has no milestones").format(owner=owner))
    raise UsageError(
        _("{owner} has no milestone {milestone}{hint} (milestones: {ids})").format(
            owner=owner, milestone=repr(wanted), hint=suggest(wanted, ids), ids=", ".join(ids)
        )
    )


def parse_value(text: str, plan_language: str) -> float:
    """A measured value as people type it (19.5, 19,5, 10.000, 1.234,5), stored exactly or
    refused; a lone separator before three digits is read in the plan's language's way (one
    reading for everyone who edits the plan, whatever language they read mpi in)."""
    cleaned = typed_number(text.strip(), plan_language)
    if cleaned is not None and "_" in cleaned:
        cleaned = None  # Python's Decimal takes 1_000; people's numbers have no underscores
    try:
        exact = Decimal(cleaned) if cleaned is not None and cleaned.isascii() else None
    except InvalidOperation:
        exact = None
    if exact is None:
        raise InvalidValue(
            "value",
            _("must be a number like 19.5, 19,5 or 10.000, not {text}").format(text=repr(text)),
        )
    if not exact.is_finite():
        raise InvalidValue(
            "value", _("must be a finite number, not {text}").format(text=repr(text))
        )
    value = float(exact)
    digits = len(number(value).lstrip("-").split(".")[0]) if math.isfinite(value) else 0
    if digits > MAX_DIGITS:
        raise InvalidValue(
            "value",
            _("{text} is too large: it would be written with {digits} digits (at most {limit})")
            .format(text=text, digits=digits, limit=MAX_DIGITS),
        )  # fmt: skip
    if not math.isfinite(value) or Decimal(number(value)) != exact:  # as the file gets it
        raise InvalidValue(
            "value",
            _("{text} cannot be stored exactly (at most 15 significant digits); round it").format(
                text=text
            ),
        )
    return value


def record_value(
    value: float,
    day: date,
    source: str | None,
    today: date,
    period: Due | None = None,
    replace: bool | None = False,
    percent: bool = False,
) -> Callable[[str], Mutation]:
    """Checks the arguments now; the mutation is made for the indicator the edit finds.
    `period`: what the value refers to (the 2025 annual figure), where not its day;
    `replace`: the value already recorded for that period is replaced (False: refused;
    None: added beside it, as `mpi import` does, whose workbook says what is new);
    `percent`: it was typed with `%`."""
    if not math.isfinite(value):
        raise InvalidValue("value", _("the value must be a finite number"))
    check_day(day, today)
    if source is not None:
        check_text("source", source)
    if period is not None and period.start > day:
        said = _("a value for {period} cannot be known on {day}, before that period began")
        raise InvalidValue("period", said.format(period=formats.due(period), day=formats.day(day)))
    return lambda indicator: _record(
        indicator, value, (day, today), source, period, (replace, percent)
    )


def _record(
    indicator: str,
    value: float,
    days: tuple[date, date],
    source: str | None,
    period: Due | None,
    how: tuple[bool | None, bool],
) -> Mutation:
    """The value, dated `day`; the log says it on `today`, the day it was recorded (a value
    for the end of last year entered now is news now), naming the value's own date. A value
    for a period that has one already is refused, or replaces it (`how`: replace, percent)."""
    day, today = days
    replace, percent = how

    def mutate(target: Edit) -> str:
        measure = target.measure
        ind = next(i for i in measure.get("indicators") or [] if i.get("id") == indicator)
        unit = str(ind.get("unit", ""))
        plausible.check_unit(percent, unit, indicator)
        values = ind.get("values")
        wanted = period or Due(day, "day")
        there = plausible.same_period(values, wanted) if replace is not None else None
        replaced = _replace_value(indicator, values, there, wanted, bool(replace))
        target.cautions.extend(plausible.value_cautions(value, unit, values, there))
        fields = [("date", target.doc.day(day)), ("value", number(value))]
        if period is not None:
            fields.append(("period", target.doc.day(period.iso())))
        if source:
            fields.append(("source", scalar(source)))
        if target.by is not None:
            fields.append(("by", target.by))
        if replaced is not None:
            _rewrite(target, values[there], fields)
        else:
            position = dated_position(values, day)
            target.doc.add_item(ind, "values", fields, position, after=("direction", "target"))
        with speaking(target.facts.language):
            amount = f"{formats.number(value)} {unit}".rstrip()
            text = _("Indicator „{name}“: {amount}").format(
                name=inner(ind.get("name")), amount=amount
            )
            if period is not None:
                text += " " + _("(for {period})").format(period=formats.due(period))
            if replaced is not None:
                text += " " + _("(replaces {old})").format(old=f"{replaced} {unit}".rstrip())
            if day != today:
                text += " " + _("(as of {day})").format(day=formats.day(day))
            if source:
                text += " " + _("(source: {source})").format(source=source)
        log_entry(target, today, text)
        said = (
            _("{measure} indicator {indicator}: {amount} for {period}, recorded on {day}")
            if period is not None
            else _("{measure} indicator {indicator}: {amount} on {day}")
        )
        return said.format(
            measure=measure["id"],
            indicator=indicator,
            amount=f"{formats.number(value)} {unit}".rstrip(),
            day=formats.day(day),
            period=formats.due(period) if period is not None else "",
        )

    return mutate


def _replace_value(
    indicator: str, values: Any, there: int | None, wanted: Due, replace: bool
) -> str | None:
    """The value recorded for the period already (as people read it), if `replace` is to
    replace it; refused without `replace`, and `replace` where there is none."""
    if there is None:
        if replace:
            raise InvalidValue(
                "replace",
                _("{indicator} has no value for {period} to replace; leave out --replace").format(
                    indicator=indicator, period=formats.due(wanted)
                ),
            )
        return None
    old = values[there].get("value")
    shown = formats.number(float(old)) if isinstance(old, int | float) else str(old)
    if not replace:
        raise UsageError(
            _(
                "{indicator} has a value for {period} already: {old}; to replace it, run the "
                "same command with --replace"
            ).format(indicator=indicator, period=formats.due(wanted), old=shown)
        )
    return shown


def _rewrite(target: Edit, item: PMap, fields: list[tuple[str, str]]) -> None:
    """A recorded value's keys set anew; what the new one does not say (its source, its
    reporter) goes, as it was said of the old value."""
    given = dict(fields)
    for key in ("date", "value", "period", "source", "by"):
        if key in given:
            target.doc.set_value(item, key, given[key], after=("value", "date"))
        elif key in item.at:
            target.doc.remove_key(item, key)
