"""`mpi validate`: check the plan; the exit code says whether it is valid."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from mpi.cli import completion
from mpi.cli.options import PlanOption, format_option
from mpi.i18n import N_
from mpi.render.registry import DIAGNOSTICS

if TYPE_CHECKING:
    from mpi.domain.diagnostics import Diagnostic
    from mpi.loading.load import Loaded


def validate(
    plan: PlanOption = None,
    format: Annotated[str | None, format_option(DIAGNOSTICS, file=False)] = None,
    baseline: Annotated[
        str | None,
        typer.Option(
            "--baseline",
            metavar="<revision>",
            help=N_(
                "The git revision holding the plan as adopted (default: adopted_revision in "
                "plan.yaml); every commitment is compared with it."
            ),
            autocompletion=completion.revisions,
            show_default=False,
        ),
    ] = None,
) -> None:
    from contextlib import nullcontext

    from mpi.cli import output
    from mpi.cli.options import load
    from mpi.i18n import speaking
    from mpi.render.messages import validation_summary

    format = output.chosen_format(format, DIAGNOSTICS)
    # JSON is the same bytes in every language: its messages are English, like its codes.
    with speaking("en") if format == "json" else nullcontext():
        loaded = load(plan, "check")
        diagnostics = loaded.diagnostics + adopted_plan(loaded, baseline)
    output.emit(format, DIAGNOSTICS, diagnostics)
    if format == "text":
        files = 1 + len(loaded.field_files) + (loaded.meetings_file is not None)
        summary = validation_summary(diagnostics, files, output.shown(loaded.directory))
        sys.stderr.write(summary + "\n")  # one line, never wrapped
    weakened = any(d.severity == "error" for d in diagnostics)
    raise typer.Exit(loaded.exit_code or (1 if weakened else 0))


def adopted_plan(loaded: "Loaded", baseline: str | None) -> "list[Diagnostic]":
    """What changed since the adopted plan, as diagnostics (`mpi.loading.guard`)."""
    from mpi.loading.guard import check
    from mpi.render.messages import commitment
    from mpi.views.diff import names, titles, units

    compared = check(loaded, baseline)
    if compared is None:
        return []
    if compared.adopted is None or loaded.plan is None:
        return compared.diagnostics(str)
    old, new = compared.adopted, loaded.plan
    only = {f.change.subject for f in compared.findings}  # what the findings name
    named = names(old, only) | names(new, only)
    titled, measured = titles(old, only) | titles(new, only), units(new, only)
    return compared.diagnostics(lambda c: commitment(c, named, titled, measured))


def register(app: typer.Typer) -> None:
    app.command(
        short_help=N_("Check the plan; exit 1 if it is invalid."),
        help=N_("Check the plan: schema, references, dates; exit 1 if it is invalid."),
    )(validate)
