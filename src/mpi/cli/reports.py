"""Reports for the coordination round: the progress report and the diff between revisions."""

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
from mpi.cli.output import chosen_format, emit
from mpi.cli.since import changes_since, commit_of
from mpi.domain.errors import InvalidValue, UsageError
from mpi.i18n import N_, _, formats
from mpi.render.registry import DIFF, HISTORY, REPORT, ROUND

if TYPE_CHECKING:
    from pathlib import Path

    from mpi.views.diff import PlanDiff


SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="<revision|date>",
        help=N_(
            "The last round: a git tag or revision (v2026-06, HEAD~5) or a date (12.06.2026); "
            "what changed since then is listed."
        ),
        autocompletion=completion.revisions,
        show_default=False,
    ),
]


def report(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(REPORT)] = None,
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
            changes = changes_since(directory, loaded, current, since, day, source is not None)[0]
        at = Where(directory, history=False) if source is not None else None
        made = made_from(loaded, day, check(loaded, at=at), as_of=source)
    view = build(current, day, since, changes, leads=several(lead), made_from=made)
    emit(format, REPORT, view, output)


def round_(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(ROUND)] = None,
    since: SinceOption = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="<date>",
            help=N_("The day of the next round (default: in six months)."),
            show_default=False,
        ),
    ] = None,
    stale: StaleOption = None,
    lead: LeadOption = None,
    output: OutputOption = None,
    today: TodayOption = None,
    as_of: AsOfOption = None,
    draft: Annotated[
        bool,
        typer.Option("--draft", help=N_("Stamp it as a draft (Entwurf) on every page.")),
    ] = False,
    classification: Annotated[
        str | None,
        typer.Option(
            "--classification",
            help=N_('A line for its classification, e.g. "Nur für den Dienstgebrauch".'),
            show_default=False,
        ),
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            help=N_(
                "The meeting on record it is for (its id or day, see mpi meeting): its "
                "agenda, the action items it follows up, proposed decisions; the next round "
                "is its day and the last round the body's meeting before it."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    from mpi.cli.options import plan_as_of, plan_directory
    from mpi.loading.guard import Where, check
    from mpi.loading.load import load_plan
    from mpi.views.made_from import made_from, usable
    from mpi.views.meetings import find_meeting, previous
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
        held = find_meeting(current, meeting) if meeting is not None else None
        if held is not None:
            if until is not None:
                raise UsageError(_("--meeting names the next round: leave out --until"))
            if held.date < day:
                said = _(
                    "the meeting of {day} has taken place: its minutes are mpi meeting minutes {id}"
                )
                raise InvalidValue("--meeting", said.format(day=formats.day(held.date), id=held.id))
            next_round = held.date
            last = previous(current, held, held.body, held.date)
            if since is None and last is not None and last.date <= day:
                since = formats.day(last.date)
        changes, since_day, dated, before = None, None, False, None
        if since is not None:
            changes, since_day, dated, before = changes_since(
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
        draft=draft,
        classification=_one_line("classification", classification),
        meeting=held,
    )
    emit(format, ROUND, view, output)


def diff(
    rev: Annotated[
        str,
        typer.Argument(
            help=N_(
                "Git revision to compare from (HEAD~1, a tag, a day, …); default: HEAD, the "
                "last commit, as git diff compares."
            ),
            show_default=False,
            autocompletion=completion.revisions,
        ),
    ] = "HEAD",
    rev2: Annotated[
        str | None,
        typer.Argument(
            help=N_("Git revision to compare to; default: the working tree."),
            autocompletion=completion.revisions,
        ),
    ] = None,
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(DIFF, file=False)] = None,
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
    if rev == "HEAD" and rev2 is None:
        _has_commit(directory)
    commit, rev = commit_of(directory, rev)
    commit2, rev2 = commit_of(directory, rev2) if rev2 is not None else (None, None)
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
    if chosen_format(format, DIFF) == "text" and not view.changes:
        sys.stderr.write(one_line(no_changes(rev, rev2)) + "\n")


def _has_commit(directory: "Path") -> None:
    """`mpi diff` compares with the last commit: a plan in git without one is told so."""
    from mpi.domain.errors import UsageError
    from mpi.loading.revision import git, repository

    top, _relative = repository(directory)  # outside git: that error
    if git(top, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        raise UsageError(
            _(
                "the plan's git repository has no commit yet; mpi diff compares with the "
                "last commit (commit the plan first)"
            )
        )


def _one_line(what: str, text: str | None) -> str | None:
    """A short line of text for a document's head, or None; InvalidValue otherwise."""
    from mpi.domain.errors import InvalidValue

    if text is None:
        return None
    if not text.strip() or any(c in text for c in "\n\r") or len(text) > 200:
        raise InvalidValue(what, _("give one line of text (at most 200 characters)"))
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise InvalidValue(what, _("is not valid UTF-8 (check the terminal's encoding)"))
    return text.strip()


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
    format: Annotated[str | None, format_option(HISTORY, file=False)] = None,
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
            "What changed in the plan between two git revisions (or one and the working tree); "
            "without a revision, what changed since the last commit (HEAD)."
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
