"""Reports for the coordination round: the progress report and the diff between revisions."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mpi.cli.options import OutputOption, PlanOption, TodayOption, format_option, full_date
from mpi.cli.output import emit
from mpi.i18n import N_


def report(
    plan: PlanOption = None,
    format: Annotated[str, format_option("report")] = "markdown",
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help=N_("Also list what changed since this git revision (HEAD~5, a tag).")
        ),
    ] = None,
    output: OutputOption = None,
    today: TodayOption = None,
) -> None:
    from mpi.cli.options import plan_directory
    from mpi.loading.load import load_plan, require_plan
    from mpi.views.report import build

    day = full_date(today, "--today")
    directory = plan_directory(plan, "check")
    loaded = load_plan(directory)
    current = require_plan(loaded)
    changes = None
    if since is not None:
        from mpi.loading.revision import load_at
        from mpi.views.diff import diff as compare

        changes = compare(load_at(directory, since, loaded), current)
    emit(format, "report", build(current, day, since, changes), output)


def diff(
    rev: Annotated[
        str, typer.Argument(help=N_("Git revision to compare from (HEAD~1, a tag, …)."))
    ],
    rev2: Annotated[
        str | None,
        typer.Argument(help=N_("Git revision to compare to; default: the working tree.")),
    ] = None,
    plan: PlanOption = None,
    format: Annotated[str, format_option("diff")] = "text",
) -> None:
    from mpi.cli.options import plan_directory
    from mpi.loading.load import load_plan, require_plan
    from mpi.loading.revision import load_at
    from mpi.render.messages import no_changes
    from mpi.render.safe import one_line
    from mpi.views.diff import PlanDiff
    from mpi.views.diff import diff as compare

    directory = plan_directory(plan, "check")
    if rev2 is None:  # against the working tree: files unchanged since `rev` are read once
        loaded = load_plan(directory)
        new = require_plan(loaded)
        old = load_at(directory, rev, loaded)
    else:
        old, new = load_at(directory, rev), load_at(directory, rev2)
    changes = compare(old, new)
    emit(format, "diff", PlanDiff(rev, rev2, changes))
    if format == "text" and not changes:
        sys.stderr.write(one_line(no_changes(rev, rev2)) + "\n")


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("Progress report (Markdown or HTML)."),
        help=N_(
            "Progress report for the coordination round: fields, milestones, indicators, changes."
        ),
    )(report)
    app.command(
        short_help=N_("What changed between git revisions."),
        help=N_(
            "What changed in the plan between two git revisions (or one and the working tree)."
        ),
    )(diff)
