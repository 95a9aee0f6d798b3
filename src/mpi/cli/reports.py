"""Reports for the coordination round: the progress report and the diff between revisions."""

import re
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli import completion
from mpi.cli.options import (
    AsOfOption,
    LeadOption,
    OutputOption,
    OwnerArgument,
    PlanOption,
    StaleOption,
    TodayOption,
    format_option,
    full_date,
    several,
    span,
)
from mpi.cli.output import emit
from mpi.domain.errors import UsageError
from mpi.i18n import N_, _, formats
from mpi.render.registry import DIFF, HISTORY, REPORT, ROUND

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from mpi.domain.model import Plan
    from mpi.loading.load import Loaded
    from mpi.views.diff import Change, PlanDiff


SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help=N_(
            "The last round: a git tag or revision (v2026-06, HEAD~5) or a date (12.06.2026); "
            "what changed since then is listed."
        ),
        show_default=False,
    ),
]


_DATE_LIKE = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_revision(directory: "Path", word: str, what: str) -> bool:
    """One rule for every command that takes a point in the plan's past (`--since`, `diff`):
    a word git resolves to a commit is that revision; else a day (25.11.2026 or 2026-11-25)
    is the last commit made by its end. A word that is both (a tag named like a day) is the
    revision, and mpi says so."""
    from mpi.cli.output import notice
    from mpi.loading.revision import repository, resolve

    try:
        resolve(repository(directory)[0], word)
    except UsageError:
        if _DATE_LIKE.fullmatch(word.strip()):
            return False
        raise
    if _DATE_LIKE.fullmatch(word.strip()):
        day, month, year = _parts(word.strip())
        other = f"{day}.{month}.{year}" if "-" in word else f"{year}-{month}-{day}"
        notice(
            _(
                "{what} {word}: read as the git revision of that name, not as a day (for "
                "the day, write {other})"
            ).format(what=what, word=word, other=other)
        )
    return True


def _parts(word: str) -> tuple[str, str, str]:
    """Day, month and year of 25.11.2026 or 2026-11-25, two digits each but the year."""
    if "-" in word:
        year, month, day = word.split("-")
    else:
        day, month, year = word.split(".")
    return day.zfill(2), month.zfill(2), year


def _changes_since(
    directory: "Path",
    loaded: "Loaded",
    current: "Plan",
    since: str,
    today: "date",
    as_of: bool = False,
) -> "tuple[list[Change], date | None, bool, Plan | None]":
    """The plan's changes since a revision or a date, that day where known, whether they
    come from the plan's dated entries rather than git, and the plan as it was then (None:
    not in git). A date is the last commit made by its end; without one (outside git, or
    before the first commit), what the plan dates after it. `as_of`: the plan is as committed
    on `today`, and a revision committed after it is refused."""
    from mpi.domain.dates import DueError, typed_day
    from mpi.loading.revision import commit_before, commit_day, load_at, state
    from mpi.views.dated import dated_changes
    from mpi.views.diff import diff as compare

    if _is_revision(directory, since, "--since"):
        before = load_at(directory, since, loaded)
        then = commit_day(directory, since)
        if as_of and then is not None and then > today:
            raise UsageError(
                _("--since {since} was committed on {then}, after the report's day {day}").format(
                    since=since, then=formats.day(then), day=formats.day(today)
                )
            )
        return compare(before, current), then, False, before
    try:
        day = typed_day(since)
    except DueError as exc:
        raise UsageError(f"--since: {exc}") from None
    if day > today:
        raise UsageError(
            _("--since {since} lies after the report's day {day}").format(
                since=formats.day(day), day=formats.day(today)
            )
        )
    commit = commit_before(directory, day) if state(directory) is not None else None
    if commit is None:
        return dated_changes(current, day), day, True, None
    before = load_at(directory, commit, loaded)
    return compare(before, current), day, False, before


def report(
    plan: PlanOption = None,
    format: Annotated[str, format_option(REPORT)] = "markdown",
    since: SinceOption = None,
    lead: LeadOption = None,
    output: OutputOption = None,
    today: TodayOption = None,
    as_of: AsOfOption = None,
) -> None:
    from mpi.cli.options import plan_as_of, plan_directory
    from mpi.loading.guard import Where, check
    from mpi.loading.load import load_plan
    from mpi.views.made_from import made_from, usable
    from mpi.views.report import build

    directory = plan_directory(plan, "check")
    with plan_as_of(directory, as_of) as (read_from, source):
        day = full_date(today, "--today") if today or source is None else source[2]
        loaded = load_plan(read_from)
        current = usable(loaded)
        changes = None
        if since is not None:
            changes = _changes_since(directory, loaded, current, since, day, source is not None)[0]
        at = Where(directory, history=False) if source is not None else None
        made = made_from(loaded, day, check(loaded, at=at), as_of=source)
    view = build(current, day, since, changes, leads=several(lead), made_from=made)
    emit(format, REPORT, view, output)


def round_(
    plan: PlanOption = None,
    format: Annotated[str, format_option(ROUND)] = "markdown",
    since: SinceOption = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help=N_("The day of the next round (default: in six months)."),
            show_default=False,
        ),
    ] = None,
    stale: StaleOption = None,
    lead: LeadOption = None,
    output: OutputOption = None,
    today: TodayOption = None,
    as_of: AsOfOption = None,
) -> None:
    from mpi.cli.options import plan_as_of, plan_directory
    from mpi.loading.guard import Where, check
    from mpi.loading.load import load_plan
    from mpi.views.made_from import made_from, usable
    from mpi.views.round import STALE, build

    directory = plan_directory(plan, "check")
    with plan_as_of(directory, as_of) as (read_from, source):
        day = full_date(today, "--today") if today or source is None else source[2]
        next_round = full_date(until, "--until") if until is not None else None
        if next_round is not None and next_round < day:
            raise UsageError(
                _("--until {day} lies before today").format(day=formats.day(next_round))
            )
        loaded = load_plan(read_from)
        current = usable(loaded)
        changes, since_day, dated, before = None, None, False, None
        if since is not None:
            changes, since_day, dated, before = _changes_since(
                directory, loaded, current, since, day, source is not None
            )
        at = Where(directory, history=False) if source is not None else None
        adopted = check(loaded, at=at)
        made = made_from(loaded, day, adopted, as_of=source)
    view = build(
        current,
        made,
        day,
        until=next_round,
        since=since,
        since_day=since_day,
        before=before,
        changes=changes,
        dated=dated,
        stale=span(stale, "--stale") or STALE,
        leads=several(lead),
        unapproved=adopted.unapproved if adopted else None,
    )
    if format == "docx" and output is None and sys.stdout.isatty():
        raise UsageError(_("a Word file is not for a terminal: write it with -o FILE"))
    emit(format, ROUND, view, output)


def diff(
    rev: Annotated[
        str, typer.Argument(help=N_("Git revision to compare from (HEAD~1, a tag, …)."))
    ],
    rev2: Annotated[
        str | None,
        typer.Argument(help=N_("Git revision to compare to; default: the working tree.")),
    ] = None,
    plan: PlanOption = None,
    format: Annotated[str, format_option(DIFF)] = "text",
    adopted: Annotated[
        bool,
        typer.Option(
            "--adopted",
            help=N_(
                "Compare the adopted plans (adopted.yaml) of the two revisions: what a "
                "Fortschreibung changed (measures new, dropped and renumbered, deadlines and "
                "targets moved)."
            ),
        ),
    ] = False,
) -> None:
    from mpi.cli.options import plan_directory
    from mpi.loading.load import load_plan, require_plan
    from mpi.loading.revision import load_at
    from mpi.render.messages import no_changes
    from mpi.render.safe import one_line
    from mpi.views.diff import build

    directory = plan_directory(plan, "check")
    commit, rev = _commit_of(directory, rev)
    commit2, rev2 = _commit_of(directory, rev2) if rev2 is not None else (None, None)
    if adopted:
        view = _adopted_diff(directory, commit, commit2)
    elif commit2 is None:  # against the working tree: files unchanged since then are read once
        loaded = load_plan(directory)
        new = require_plan(loaded)
        old = load_at(directory, commit, loaded, release=True)
        del loaded
        view = build(rev, rev2, old, new)
    else:
        view = build(rev, rev2, load_at(directory, commit), load_at(directory, commit2))
    emit(format, DIFF, view)
    if format == "text" and not view.changes:
        sys.stderr.write(one_line(no_changes(rev, rev2)) + "\n")


def _commit_of(directory: "Path", word: str) -> tuple[str, str]:
    """A revision as `diff` takes it and how it is named: itself, or for a day the last
    commit made by its end, named `DAY (commit …)` (the same rule as --since)."""
    from mpi.domain.dates import DueError, typed_day
    from mpi.loading.revision import commit_before

    if _is_revision(directory, word, "diff"):
        return word, word
    try:
        day = typed_day(word)
    except DueError as exc:
        raise UsageError(f"{word}: {exc}") from None
    commit = commit_before(directory, day)
    if commit is None:
        raise UsageError(_("no commit of the plan was made on or before {day}").format(
            day=formats.day(day)))  # fmt: skip
    return commit, _("{day} (commit {commit})").format(day=formats.day(day), commit=commit[:12])


def _adopted_diff(directory: "Path", rev: str, rev2: str | None) -> "PlanDiff":
    """The adopted plans at two revisions (or one and the plan directory), compared."""
    from mpi.domain.errors import PlanInvalid
    from mpi.loading.adopted import adopted_at, read_adopted
    from mpi.loading.load import load_plan, require_plan
    from mpi.loading.locate import ADOPTED_FILE
    from mpi.views.diff import between_adopted

    like = require_plan(load_plan(directory))
    old = adopted_at(directory, rev)
    if rev2 is not None:
        new = adopted_at(directory, rev2)
    else:
        read, problems = read_adopted(directory / ADOPTED_FILE)
        if read is None:
            raise PlanInvalid(problems)
        new = read[0]
    return between_adopted(rev, rev2, old, new, like)


def history(
    measure: OwnerArgument,
    milestone: Annotated[
        str | None,
        typer.Argument(
            help=N_("Only this milestone (its id or number)."),
            autocompletion=completion.milestone_ids,
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    format: Annotated[str, format_option(HISTORY)] = "text",
    today: TodayOption = None,
) -> None:
    from mpi.cli.options import plan_directory
    from mpi.loading.load import load_plan, require_plan
    from mpi.views.history import build

    day = full_date(today, "--today")
    loaded = load_plan(plan_directory(plan, "check"))
    require_plan(loaded)
    emit(format, HISTORY, build(loaded, measure, milestone, day))


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("Progress report (Markdown or HTML)."),
        help=N_(
            "Progress report for the coordination round: fields, milestones, indicators, changes."
        ),
    )(report)
    app.command(
        "round",
        short_help=N_("Briefing for the next coordination round."),
        help=N_(
            "The briefing for the next coordination round: per Handlungsfeld what changed "
            "since the last round (--since), what is late or missed, what falls due before the "
            "next round (--until), measures at risk or without an update (--stale), the "
            "indicators; each with its lead partner and latest note; and what the round has "
            "to decide. Markdown, HTML (print-ready on A4) or Word (docx, with -o).\n\n"
            "--lead PARTNER makes it a partner's own briefing: the measures it leads."
        ),
    )(round_)
    app.command(
        short_help=N_("What changed between git revisions."),
        help=N_(
            "What changed in the plan between two git revisions (or one and the working tree)."
        ),
    )(diff)
    app.command(
        short_help=N_("How a measure's deadlines and targets moved over time."),
        help=N_(
            "Every change of a measure's deadlines, targets and status in the plan's git "
            "history (and the working tree), with its date and decision; then per milestone "
            "and indicator how often and by how much it moved."
        ),
    )(history)
