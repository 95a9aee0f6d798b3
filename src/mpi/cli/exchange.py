"""The status request to the partners as a spreadsheet: `mpi form` writes a partner's
workbook, `mpi import` reads one back through the checked edit path, as the partner's report."""

from pathlib import Path
from typing import Annotated

import typer

from mpi.cli import completion
from mpi.cli.editing import today as current_day
from mpi.cli.editing import write
from mpi.cli.options import DryRunOption, PlanOption, TodayOption, edit_dir, full_date
from mpi.cli.output import emit
from mpi.i18n import N_
from mpi.render.registry import FORM


def form(
    lead: Annotated[
        str,
        typer.Option(
            "--lead",
            help=N_("The partner asked: its id, short name or name (dgb, Handelskammer)."),
            autocompletion=completion.partner_ids,
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help=N_("The workbook to write (.xlsx)."), show_default=False
        ),
    ],
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    from mpi.cli.options import plan_directory
    from mpi.loading.guard import check
    from mpi.loading.load import load_plan, require_plan
    from mpi.render.messages import colophon
    from mpi.views.form import form as build
    from mpi.views.made_from import made_from

    day = full_date(today, "--today")
    loaded = load_plan(plan_directory(plan, "check"))
    current = require_plan(loaded)
    made = colophon(made_from(loaded, day, check(loaded)))
    emit(None, FORM, build(current, lead, day, made), output)


def import_(
    workbook: Annotated[Path, typer.Argument(help=N_("The workbook a partner sent back (.xlsx)."))],
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    from mpi.edit.returned import apply_workbook

    directory = edit_dir(plan)
    write(lambda: apply_workbook(directory, workbook, current_day(), dry_run=dry_run))


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("A partner's status request as a workbook (.xlsx)."),
        help=N_(
            "Write the status request to one partner as an Excel workbook: the measures it "
            "leads, their open and overdue deadlines and their indicators, with protected "
            "current values and input columns for what changed. mpi import reads it back."
        ),
    )(form)
    app.command(
        "import",
        short_help=N_("Read a partner's returned workbook into the plan."),
        help=N_(
            "Read a workbook made by mpi form and filled in by the partner: every cell is "
            "checked (each problem by sheet, row and column), then all its rows are recorded "
            "in one checked write, each entry with the partner who reported it; nothing is "
            "written if anything is wrong or a measure changed since the workbook was made."
        ),
    )(import_)
