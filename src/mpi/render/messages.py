"""Sentences the commands say about their work, beside what they draw."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from mpi.i18n import _, ngettext
from mpi.render import values
from mpi.render.change_words import describe
from mpi.render.provenance import progress
from mpi.render.provenance import state as state_word

if TYPE_CHECKING:
    from mpi.domain.change import Change
    from mpi.domain.diagnostics import Diagnostic
    from mpi.views.due import MilestoneLine
    from mpi.views.made_from import MadeFrom
    from mpi.views.report import Report
    from mpi.views.status import StatusSummary


def validation_summary(diagnostics: Sequence[Diagnostic], files: int, directory: str) -> str:
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = sum(1 for d in diagnostics if d.severity == "warning")
    notes = len(diagnostics) - errors - warnings
    checked = ngettext("{count} file", "{count} files", files).format(count=files)
    if not errors and not warnings and not notes:
        return _("plan is valid ({files} checked) in {directory}").format(
            files=checked, directory=directory
        )
    said = [
        ngettext("{count} error", "{count} errors", errors).format(count=errors),
        ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    ]
    if notes:
        said.append(ngettext("{count} note", "{count} notes", notes).format(count=notes))
    found = ", ".join(said)
    state = _("plan is invalid") if errors else _("plan is valid")
    return _("{state}: {found} in {files}, in {directory}").format(
        state=state, found=found, files=checked, directory=directory
    )


def missed_heading(summary: StatusSummary) -> str:
    """`Verfehlt: 3 Fristen`: each occurrence recorded as missed."""
    count = summary.totals.missed
    return ngettext("Missed: {count} deadline", "Missed: {count} deadlines", count).format(
        count=count
    )


def late_heading(summary: StatusSummary) -> str:
    """`Im Verzug: 15 Fristen`: each overdue or delayed occurrence."""
    count = summary.totals.overdue + summary.totals.delayed
    return ngettext("Late: {count} deadline", "Late: {count} deadlines", count).format(count=count)


def late_parts(rep: Report) -> list[tuple[str, list[MilestoneLine], str]]:
    """The report's late deadlines, missed first: each part's heading, lines and what it says
    when it has none."""
    t = rep.summary.totals
    missed = ngettext("Missed ({count} deadline)", "Missed ({count} deadlines)", t.missed)
    overdue = ngettext("Overdue ({count} deadline)", "Overdue ({count} deadlines)", t.overdue)
    delayed = ngettext(
        "Delayed ({count} deadline given as „voraussichtlich“)",
        "Delayed ({count} deadlines given as „voraussichtlich“)",
        t.delayed,
    )
    return [
        (missed.format(count=t.missed), rep.missed, _("None recorded as missed.")),
        (overdue.format(count=t.overdue), rep.overdue, _("None overdue.")),
        (delayed.format(count=t.delayed), rep.delayed, _("None delayed.")),
    ]


def late_status(line: MilestoneLine) -> str:
    """A late deadline's status; for a recurring one late more than once, how often and
    since when (`3 überfällig, das erste 2024`)."""
    r = line.row
    if line.occurrences > 1:
        return _("{count} {state}, the first {date}").format(
            count=line.occurrences, state=state_word(r.state), date=values.due(r.due)
        )
    return progress(r.status, r.state, r.done)


def standpoint(today: date, as_of: date | None, read_on: date | None) -> str:
    """The sentence that dates a report: `Stand: 25.11.2026.`; for the plan as committed on a
    past day, which day; for a past day seen in a later plan, that it is not the state of
    then (the plan holds what was recorded after it)."""
    day = values.day(today)
    if as_of is not None:
        return _("As of {day}: the plan as committed on {as_of}.").format(
            day=day, as_of=values.day(as_of)
        )
    if read_on is not None and today < read_on:
        return _(
            "Seen from {day}, in the plan as it is on {read}: what was recorded after {day} is "
            "in it."
        ).format(day=day, read=values.day(read_on))
    return _("As of {day}.").format(day=day)


def no_changes(old: str, new: str | None) -> str:
    if new is None:
        return _("no changes to the plan between {old} and the working tree").format(old=old)
    return _("no changes to the plan between {old} and {new}").format(old=old, new=new)


def milestone_note(line: MilestoneLine, late: bool) -> str:
    """What the report notes beside a milestone: recurring, and how many occurrences."""
    r = line.row
    if r.recurring and line.occurrences > 1:
        count = line.occurrences
        if late:
            return ngettext(
                "{count} occurrence {state}", "{count} occurrences {state}", count
            ).format(count=count, state=state_word(r.state))
        return ngettext("{count} occurrence", "{count} occurrences", count).format(count=count)
    return _("recurring") if r.recurring else ""


def colophon(record: MadeFrom) -> str:
    """What a report was made from, in one line (every report and round states it)."""
    if record.commit is None:
        where = _("the plan (not in git)")
    elif not record.commit:
        where = _("the plan (in a git repository, not committed yet)")
    elif record.as_of is not None:
        where = _("the plan as committed on {day} (git commit {commit})").format(
            day=values.day(record.as_of), commit=record.commit[:12]
        )
    elif record.differs:
        how = {
            "changed": _("changed"),
            "not committed": _("not committed"),
            "not read": _("not read, not in the folder"),
        }
        files = ", ".join(f"{name} ({how[why]})" for name, why in record.differs)
        where = _(
            "the plan at git commit {commit}, with files that differ from it: {files}"
        ).format(commit=record.commit[:12], files=files)
    else:
        where = _("the plan at git commit {commit}").format(commit=record.commit[:12])
    checked = ngettext("{count} warning", "{count} warnings", record.warnings).format(
        count=record.warnings
    )
    if record.valid:
        result = _("valid, {warnings}").format(warnings=checked)
    else:
        errors = ngettext("{count} error", "{count} errors", record.errors)
        result = _("invalid, {errors}, {warnings}").format(
            errors=errors.format(count=record.errors), warnings=checked
        )
    return _("Made from {where}; cut-off {day}; mpi {version}; validation: {result}.").format(
        where=where, day=values.day(record.cut_off), version=record.version, result=result
    )


def invalid_warning(record: MadeFrom) -> str | None:
    """The line at the top of a report made from an invalid plan or a draft, or None."""
    if record.valid:
        if record.draft:
            return _("The plan is a draft: it has not been adopted yet.")
        return None
    return _(
        "The plan is invalid ({errors}); mpi validate names the problems. What is said here "
        "may be wrong where they are."
    ).format(
        errors=ngettext("{count} error", "{count} errors", record.errors).format(
            count=record.errors
        )
    )


def commitment(
    c: Change,
    names: Mapping[str, str],
    titles: Mapping[tuple[str, str], str],
    units: Mapping[tuple[str, str], str],
) -> str:
    """What `mpi validate` says about a commitment changed since the adoption: the change in
    words, and for a weakening one without a decision how to record it."""
    said = _("Since the adopted plan: {change}").format(change=describe(c, names, titles, units))
    if not c.weakening or c.covered:
        return said
    return _("{change}; record the decision with: {how}").format(change=said, how=_record_how(c))


def _record_how(c: Change) -> str:
    """The command (or the entry in `decisions`) that records a decision for the change."""
    text = _("TEXT")
    if c.what == "milestone" and c.kind != "removed":
        new = c.new or ""
        command = f"mpi reschedule {c.subject} {c.item}"
        if " from " in new:  # a recurrence: its end, and how often
            every, _from, rest = new.partition(" from ")
            end = rest.partition(" to ")[2]
            often = _word("every", every)
            return f'{command}{" " + end if end else ""} --every {often} --decision "{text}"'
        if c.attribute == "kind" and ("; " in new or "history" in (new, c.old)):
            return _correction()
        if c.attribute == "kind":  # the same deadline, read another way
            return f'{command} --kind {_word("kind", new)} --decision "{text}"'
        return f'{command} {new} --decision "{text}"'
    if c.what == "indicator" and c.attribute == "party":
        return _correction()
    if c.what == "indicator" and c.kind != "removed":
        value = _("VALUE")
        if c.attribute == "year" and c.new is None:  # a target year given up: no decision can
            return _(
                "a year again (mpi retarget {indicator} {value} --year YEAR --decision …) or a "
                "permanent target (--year {permanent})"
            ).format(indicator=c.item, value=value, permanent=_word("year", "permanent"))
        if c.attribute == "year":
            year = _word("year", c.new) if c.new == "permanent" else c.new
            return f'mpi retarget {c.item} {value} --year {year} --decision "{text}"'
        if c.kind == "redefined":  # the direction turned: no command sets it
            direction = "at_most" if (c.new or "").startswith("≤") else "at_least"
            return _("in the indicator's `decisions`: `date`, `text` and `direction: {d}`").format(
                d=direction
            )
        target = (c.new or "").partition(" ")[2]
        return f'mpi retarget {c.item} {target} --decision "{text}"'
    if c.kind == "dropped":
        return f'mpi drop {c.subject} --decision "{text}"'
    if c.kind == "lead_removed":
        return _(
            "in the measure's `decisions`: `date`, `text` and `lead: [{lead}]`; or, where the "
            "measure's `involvement` records the document's verbs: "
            'mpi adopt --correction "{reason}"'
        ).format(lead=c.new or "", reason=_("REASON"))
    removed = c.item or c.subject
    return _("in `decisions` of {owner}: `date`, `text` and `removed: {id}`").format(
        owner=_removal_owner(c), id=removed
    )


def _correction() -> str:
    """A reading the document backs is recorded as a corrected reading of the adopted plan."""
    return _(
        'mpi adopt --correction "{reason}", where the document backs the new reading '
        "(its words in the quote: before the plan, another body's date, an aspiration); "
        "else a decision of the partners"
    ).format(reason=_("REASON"))


def _word(key: str, value: str) -> str:
    """A kind of date or a frequency as the user types it: the document's German word in
    German (`jährlich`, `voraussichtlich`), the value itself in English (both are accepted)."""
    from mpi.domain.words import FILE_WORDS
    from mpi.i18n import language

    if key == "year":  # a target year: `permanent` is typed `dauerhaft` in German
        return "dauerhaft" if language() == "de" else value
    words = FILE_WORDS[key].get(value)
    return words[0] if words and language() == "de" else value


def _removal_owner(c: Change) -> str:
    """Where a removal is recorded: the measure or body for its milestones and indicators,
    the Handlungsfeld file for its measures and goals, plan.yaml for fields and bodies."""
    if c.item:
        return c.subject
    if c.what in ("measure", "goal"):
        return c.subject.split(".")[0]
    return "plan.yaml"
