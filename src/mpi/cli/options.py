"""Options shared by the commands, and turning their text into values for the core."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from mpi.cli import completion
from mpi.domain.errors import PlanInvalid, UsageError
from mpi.i18n import N_, _, formats, ngettext

if TYPE_CHECKING:
    from mpi.domain.model import Plan
    from mpi.loading.load import Loaded
    from mpi.render.registry import View

OwnerArgument = Annotated[
    str,
    typer.Argument(
        help=N_("Measure id (HF1.15), `plan`, or a monitoring body (evaluation)."),
        autocompletion=completion.owner_ids,
    ),
]
MilestoneArgument = Annotated[
    str,
    typer.Argument(
        help=N_("Milestone id or its number (1, 2, …)."),
        autocompletion=completion.milestone_ids,
    ),
]
PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help=N_("Plan directory (default: $MPI_PLAN, ./plan, the shipped plan)."),
        show_default=False,
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="<date>",
        help=N_(
            "Use this date (25.11.2026 or 2026-11-25) as today (default: $MPI_TODAY, else "
            "the local date)."
        ),
        show_default=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="<date>",
        help=N_("Date of the change (25.11.2026 or 2026-11-25); default today."),
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help=N_("Print the diff that would be written; write nothing."))
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=N_("Write to FILE (atomically) instead of standard output."),
        show_default=False,
    ),
]


ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        help=N_("The partner who reported it (dgb, Handelskammer, …); the log names it."),
        autocompletion=completion.partner_ids,
        show_default=False,
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option("--top", help=N_("The agenda item (TOP) it belongs to."), show_default=False),
]
FieldsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--field", help=N_("Handlungsfeld, e.g. HF1; repeated, any of them."), show_default=False
    ),
]
LeadOption = Annotated[
    list[str] | None,
    typer.Option(
        "--lead",
        help=N_(
            "Only what this partner leads: its id, short name or name (bwi, Handelskammer, "
            "DGB Nord); repeated, any of them."
        ),
        autocompletion=completion.partner_ids,
        show_default=False,
    ),
]
StaleOption = Annotated[
    str | None,
    typer.Option(
        "--stale",
        metavar="<span>",
        help=N_(
            "Measures without an update for longer than this span (6m, 90d, 1y); a measure "
            "never updated counts from the end of the adoption year."
        ),
        show_default=False,
    ),
]


def directory_option(help: str) -> Any:
    """`-o/--output DIR` of a command that writes a directory (the site, the open data)."""
    return typer.Option("--output", "-o", help=help)


def several(values: list[str] | None) -> tuple[str, ...]:
    """A repeated option's values (none given: no filter)."""
    return tuple(values or ())


def span(value: str | None, option: str) -> tuple[int, str] | None:
    """A span such as 6m from the command line (30d, 4w, 6m, 2y), or None."""
    from mpi.domain.dates import DueError, parse_span

    if value is None:
        return None
    try:
        return parse_span(value)
    except DueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def format_option(view: View[Any], file: bool = True) -> Any:
    """`--format/-f` whose choices are the formats that can draw `view` (the registry's). It
    defaults to None: `output.chosen_format` decides (for a command with -o FILE: `file`, by
    the file's extension first), and the help shows the view's own default."""
    from mpi.render.registry import choices

    said = (
        N_("Output format; without it, the extension of -o FILE decides (.md, .html, .csv, …).")
        if file
        else N_("Output format.")
    )
    return choice_option(choices(view), "--format", "-f", help=said, show_default=view.default)


def choice_option(
    names: Sequence[str], *decls: str, help: str, show_default: bool | str = True
) -> Any:
    """An option (or, with no `decls`, an argument) of fixed words, checked by the parser:
    exit 2 with the choices listed; its help shows them, Tab completes them."""

    def chosen(value: str) -> str:
        if value not in names:
            from mpi.domain.words import word_hint

            said = _("{value} is not one of {choices}.").format(
                value=repr(value), choices=", ".join(repr(n) for n in names)
            )
            raise typer.BadParameter(said.rstrip(".") + word_hint(value, names))
        return value

    def complete(incomplete: str) -> list[str]:
        return [n for n in names if n.startswith(incomplete)]

    metavar = "[" + "|".join(names) + "]"
    if not decls:
        return typer.Argument(
            parser=chosen, metavar=metavar, autocompletion=complete, help=help, show_default=False
        )
    return typer.Option(
        *decls,
        parser=chosen,
        metavar=metavar,
        autocompletion=complete,
        help=help,
        show_default=show_default,
    )


def full_date(value: str | None, option: str) -> date:
    """A full date given on the command line, or today ($MPI_TODAY) when it is absent."""
    from mpi.domain.dates import DueError, current_day, typed_day

    if value is None:
        return current_day()
    try:
        return typed_day(value)
    except DueError as exc:
        raise UsageError(f"{option}: {exc}") from None


Purpose = Literal["read", "check", "write"]


def plan_directory(plan_dir: Path | None, purpose: Purpose = "read") -> Path:
    """The plan directory for a command, and never silently the wrong one.

    Queries fall back to the plan shipped with mpi with a one-line notice; validate and the
    reports (`check`) and edits (`write`) refuse it unless --plan or $MPI_PLAN names it, so
    that a hook or CI in another repository cannot pass on mpi's own plan. Edits never
    write into the installed package.
    """
    from mpi.loading.locate import is_shipped, locate_plan, packaged_plan

    location = locate_plan(plan_dir)
    if location.origin == "shipped":
        if purpose == "read":
            from mpi.cli.output import notice

            notice(_("no plan here; showing the plan shipped with mpi"))
        else:
            raise UsageError(
                _(
                    "no plan here (no plan.yaml or plan/plan.yaml in this directory or a "
                    "parent); pass --plan DIR"
                )
            )
    if purpose == "write":
        if location.path.resolve() == packaged_plan().resolve():
            raise UsageError(
                _(
                    "refusing to edit the plan shipped inside the installed package; "
                    "pass --plan DIR or run inside a plan repository"
                )
            )
        if is_shipped(location.path) and not location.named:
            raise UsageError(_("refusing to edit mpi's own plan unless --plan names it"))
    return location.path


def load(plan_dir: Path | None, purpose: Purpose = "read") -> Loaded:
    from mpi.loading.load import load_plan

    return load_plan(plan_directory(plan_dir, purpose))


def valid_plan(plan_dir: Path | None) -> Plan:
    """The plan, or PlanInvalid (exit 1) that points at `mpi validate`."""
    from mpi.loading.load import require_plan

    return require_plan(load(plan_dir))


def edit_dir(plan_dir: Path | None) -> Path:
    """The plan directory to write to; never the plan shipped with mpi unless named."""
    return plan_directory(plan_dir, "write")


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="<date>",
        help=N_(
            "The plan as committed on this day (the last commit on or before it): a report "
            "of record for that day, with nothing recorded later. Reads the plan's git history."
        ),
        show_default=False,
    ),
]


@contextmanager
def plan_as_of(
    directory: Path, as_of: str | None
) -> Iterator[tuple[Path, tuple[Path, str, date] | None]]:
    """The directory to read the plan from: `directory`, or for `--as-of DAY` a checkout of
    the last commit on or before that day (with where it came from: the directory, the
    commit and the day)."""
    if as_of is None:
        yield directory, None
        return
    from mpi.domain.dates import current_day
    from mpi.loading.checkout import state
    from mpi.loading.revision import checked_out, commit_before

    day = full_date(as_of, "--as-of")
    if day > current_day():
        raise UsageError(_("--as-of {day} lies after today").format(day=formats.day(day)))
    known = state(directory)
    if known is None or not known[0]:  # not in git, or no commit yet
        import shutil

        if shutil.which("git") is None:
            raise UsageError(_("--as-of reads the plan's git history: git is not installed"))
        raise UsageError(_("--as-of reads the plan's git history, and this plan has none"))
    commit = commit_before(directory, day)
    if commit is None:
        raise UsageError(
            _("--as-of: the plan has no commit on or before {day}").format(day=formats.day(day))
        )
    try:
        with checked_out(directory, commit, formats.day(day)) as (target, found):
            yield target, (directory, found, day)
    except PlanInvalid as exc:  # the plan as it was: its errors in that day's words
        raise as_committed(exc, directory, target, day) from None


def as_committed(exc: PlanInvalid, directory: Path, read: Path, day: date) -> PlanInvalid:
    """A plan read from a checkout of a past day that is invalid: its files named as in the
    plan directory, and the message says which day's plan it is."""
    from dataclasses import replace

    from mpi.loading.locate import display_name

    def named(file: str) -> str:
        return display_name(directory / Path(file).name)

    errors = sum(d.severity == "error" for d in exc.diagnostics)
    said = ngettext(
        "the plan as committed on {day} has {count} error",
        "the plan as committed on {day} has {count} errors",
        errors,
    ).format(day=formats.day(day), count=errors)
    renamed = [replace(d, file=named(d.file)) for d in exc.diagnostics]
    return PlanInvalid(renamed, exc.exit_code, said)


def typed_value(text: str, plan: Path | None) -> float:
    """A number as typed for the plan (record, retarget): read the plan's way (its
    `language:`, German by default), whoever types it, with one warning where a lone
    separator is read as thousands (German 2.125 is 2125). A percent sign after it (19,5 %)
    is left to `percent_typed`."""
    import os

    from mpi.cli.language import plan_language
    from mpi.cli.output import warn
    from mpi.domain.words import read_as_thousands
    from mpi.edit.mutations import parse_value

    language = plan_language(["--plan", str(plan)] if plan else [], os.environ) or "de"
    text = text.strip().removesuffix("%").rstrip() if percent_typed(text) else text
    number = parse_value(text, language)
    if read_as_thousands(text, language):
        warn(
            _(
                "{typed} read as {number} (a thousands separator, as the plan's language "
                "writes it); a decimal is {decimal}"
            ).format(
                typed=repr(text.strip()),
                number=formats.plain_number(number),
                decimal=formats.number(number / 1000),
            )
        )
    return number


def percent_typed(text: str) -> bool:
    """Whether a number was typed with a percent sign (19,5% or 19,5 %)."""
    return text.strip().endswith("%") and text.strip() != "%"
