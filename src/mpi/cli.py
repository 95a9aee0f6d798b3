"""The `mpi` command line: parse arguments, call the core, print, set the exit code.

Heavy libraries (pydantic, ruamel.yaml, rich, jinja2) are imported inside the commands, so
`mpi --version` and `mpi --help` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from mpi import __version__
from mpi.diagnostics import EXIT_BUG, MpiError, UsageError

REPORT_URL = "the mpi issue tracker"


class App(TyperGroup):
    """Turns errors users can cause into one line and an exit code; never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MpiError as exc:
            _print_mpi_error(exc)
            raise SystemExit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            sys.stderr.write("mpi: interrupted\n")
            raise SystemExit(130) from None
        except BrokenPipeError:
            raise SystemExit(0) from None
        except Exception as exc:  # the last line of defence
            if hasattr(exc, "exit_code") and hasattr(exc, "show"):
                raise  # a usage error of the command-line parser: it prints itself
            if ctx.params.get("debug") or os.environ.get("MPI_DEBUG"):
                raise
            name = type(exc).__name__
            sys.stderr.write(
                f"mpi: internal error ({name}); please report it to {REPORT_URL} with the "
                "command you ran. Run again with --debug to see the traceback.\n"
            )
            raise SystemExit(EXIT_BUG) from None


app = typer.Typer(
    cls=App,
    name="mpi",
    help="Tracker for the Hamburger Masterplan Industrie 2023.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="Plan directory (default: $MPI_PLAN, ./plan, the shipped plan).",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mpi {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    """Tracker for the Hamburger Masterplan Industrie 2023."""


def _print_mpi_error(exc: MpiError) -> None:
    from mpi.diagnostics import PlanInvalid
    from mpi.render.safe import one_line

    if isinstance(exc, PlanInvalid):
        errors = [d for d in exc.diagnostics if d.severity == "error"]
        for d in errors[:5]:
            sys.stderr.write(
                one_line(f"{d.file}:{d.line}:{d.column}: error {d.code} {d.message}") + "\n"
            )
        if len(errors) > 5:
            sys.stderr.write(f"… and {len(errors) - 5} more\n")
    sys.stderr.write(f"mpi: {one_line(exc.message)}\n")


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise UsageError(f"{option} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False, markup=False, soft_wrap=False)


def _load(plan_dir: Path | None) -> Any:
    from mpi import load

    return load.load_plan(load.find_plan(plan_dir))


@app.command()
def validate(
    plan: PlanOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, json or github.")
    ] = "text",
) -> None:
    """Check the plan: schema, references, dates; exit 1 if it is invalid."""
    from mpi.render import diagnostics as render

    _choice(format, render.FORMATS, "--format")
    loaded = _load(plan)
    diagnostics = loaded.diagnostics
    files = 1 + len(loaded.field_files)
    if format == "json":
        typer.echo(render.as_json(diagnostics))
    elif format == "github":
        if diagnostics:
            typer.echo(render.as_github(diagnostics))
    else:
        console = _console()
        for line in render.as_text(diagnostics):
            console.print(line, soft_wrap=True)
        _console(stderr=True).print(render.summary(diagnostics, files))
    raise typer.Exit(loaded.exit_code)


QUERY_FORMATS = ("text", "json", "csv", "markdown")

FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Output format: text, json, csv or markdown.")
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="Use this date (YYYY-MM-DD) as today, for reproducible output.",
        show_default=False,
    ),
]


def _date_option(value: str | None, option: str = "--today") -> Any:
    """A full date given on the command line, or today when the option is absent."""
    from datetime import date

    if value is None:
        return date.today()
    from mpi.dates import DueError, parse_day

    try:
        return parse_day(value)
    except DueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _today(value: str | None) -> Any:
    return _date_option(value, "--today")


def _plan(plan_dir: Path | None) -> Any:
    from mpi.load import require_plan

    return require_plan(_load(plan_dir))


def _emit(format: str, view: str, *args: Any, **kwargs: Any) -> None:
    """Render with the module named by the format and print the result."""
    import importlib

    from mpi import cache

    module = importlib.import_module(f"mpi.render.{format}")
    out = getattr(module, view)(*args, **kwargs)
    if not isinstance(out, str):
        console = _console()
        with console.capture() as captured:
            console.print(out)
        out = captured.get()
    text = out.encode("utf-8", "backslashreplace").decode("utf-8")
    typer.echo(text, nl=False)
    cache.save(text)


@app.command()
def status(
    plan: PlanOption = None, format: FormatOption = "text", today: TodayOption = None
) -> None:
    """One screen: measures by status per Handlungsfeld, milestones, next deadlines."""
    from mpi import query

    _choice(format, QUERY_FORMATS, "--format")
    day = _today(today)
    _emit(format, "status", query.status(_plan(plan), day))


@app.command("list")
def list_measures(
    plan: PlanOption = None,
    format: FormatOption = "text",
    field: Annotated[str | None, typer.Option("--field", help="Handlungsfeld, e.g. HF1.")] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="planned, in_progress, ongoing, done, …")
    ] = None,
    partner: Annotated[
        str | None, typer.Option("--partner", help="Partner id (bwi, hk, ivh, dgb).")
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Tag, e.g. Wasserstoff.")] = None,
    goal: Annotated[str | None, typer.Option("--goal", help="Goal id, e.g. HF1.II.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Text to find (case and umlauts ignored).")
    ] = None,
    today: TodayOption = None,
) -> None:
    """List measures, filtered, in natural id order (HF1.2 before HF1.10)."""
    from mpi import query

    _choice(format, QUERY_FORMATS, "--format")
    flt = query.MeasureFilter(field, status, partner, tag, goal, search)
    _emit(format, "measures", query.list_measures(_plan(plan), flt, _today(today)))


@app.command()
def show(
    measure: Annotated[str, typer.Argument(help="Measure id, e.g. HF1.10.")],
    plan: PlanOption = None,
    format: FormatOption = "text",
    today: TodayOption = None,
) -> None:
    """Everything about one measure: text, goals, partners, milestones, indicators, log."""
    from mpi import query

    _choice(format, QUERY_FORMATS, "--format")
    _emit(format, "measure", query.measure_detail(_plan(plan), measure, _today(today)))


@app.command()
def due(
    plan: PlanOption = None,
    format: FormatOption = "text",
    year: Annotated[int | None, typer.Option("--year", help="Due in this year.")] = None,
    before: Annotated[
        str | None, typer.Option("--before", help="Due before this date (2030, 2030-06, …).")
    ] = None,
    within: Annotated[
        str | None, typer.Option("--within", help="Due from today within a span: 30d, 6m, 2y.")
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Open and past due.")] = False,
    all: Annotated[bool, typer.Option("--all", help="Include done and missed ones.")] = False,
    field: Annotated[str | None, typer.Option("--field", help="Handlungsfeld, e.g. HF1.")] = None,
    today: TodayOption = None,
) -> None:
    """Milestones by date; recurring ones expand into their occurrences."""
    from mpi import query

    _choice(format, QUERY_FORMATS, "--format")
    if year is not None and not 1900 <= year <= 2100:
        raise UsageError(f"--year {year} is outside 1900-2100")
    selection = query.DueQuery(year, before, within, overdue, all, field)
    _emit(format, "due", query.select_due(_plan(plan), selection, _today(today)))


@app.command()
def timeline(
    plan: PlanOption = None, format: FormatOption = "text", today: TodayOption = None
) -> None:
    """The milestones year by year from the plan's adoption to its horizon."""
    from mpi import query

    _choice(format, QUERY_FORMATS, "--format")
    day = _today(today)
    years = query.timeline(_plan(plan), day)
    if format == "text":
        _emit(format, "timeline", years, day.year)
    else:
        _emit(format, "timeline", years)


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="Date of the change (YYYY-MM-DD); default today.", show_default=False
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the diff that would be written; write nothing.")
]


def _edit_dir(plan_dir: Path | None) -> Path:
    from mpi import load

    directory = load.find_plan(plan_dir)
    if directory.resolve() == (Path(__file__).parent / "plan").resolve():
        raise UsageError(
            "refusing to edit the plan shipped inside the installed package; "
            "pass --plan DIR or run inside a plan repository"
        )
    return directory


def _day(value: str | None) -> Any:
    return _date_option(value, "--date")


def _report_edit(result: Any) -> None:
    from mpi.load import display_name
    from mpi.render.safe import visible

    if not result.written:
        typer.echo(visible(result.diff), nl=False)
        sys.stderr.write(f"dry run: {visible(result.summary)}; nothing written\n")
    else:
        sys.stderr.write(f"{visible(result.summary)} ({display_name(result.path)})\n")


@app.command("set")
def set_status(
    measure: Annotated[str, typer.Argument(help="Measure id, e.g. HF1.10.")],
    status: Annotated[str, typer.Option("--status", help="The new status.")],
    note: Annotated[str | None, typer.Option("--note", help="Text for the updates log.")] = None,
    date: DateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    """Change a measure's status and log it."""
    from datetime import date as _date

    from mpi import edit

    change = edit.set_status(status, note, _day(date), _date.today())
    _report_edit(edit.edit_measure(_edit_dir(plan), measure, change, dry_run=dry_run))


@app.command()
def milestone(
    measure: Annotated[str, typer.Argument(help="Measure id, e.g. HF1.15.")],
    milestone: Annotated[str, typer.Argument(help="Milestone id or its number (1, 2, …).")],
    state: Annotated[str, typer.Argument(help="done, open or missed.")],
    note: Annotated[str | None, typer.Option("--note", help="Text for the updates log.")] = None,
    date: DateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    """Mark a milestone done (with its date), open again, or missed."""
    from datetime import date as _date

    from mpi import edit

    change = edit.set_milestone(milestone, state, _day(date), _date.today(), note)
    _report_edit(edit.edit_measure(_edit_dir(plan), measure, change, dry_run=dry_run))


@app.command("record")
def record_value(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. bahnanteil-gueterverkehr.")],
    value: Annotated[str, typer.Argument(help="The measured value, e.g. 19.5.")],
    source: Annotated[str | None, typer.Option("--source", help="Where the value is from.")] = None,
    date: DateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    """Record a measured value of an indicator."""
    from datetime import date as _date

    from mpi import edit

    try:
        number = float(value.replace(",", ".")) if value.count(",") <= 1 else float("nan")
    except ValueError:
        raise UsageError(f"VALUE must be a number, not {value!r}") from None
    result = edit.record(
        _edit_dir(plan), indicator, number, _day(date), source, _date.today(), dry_run=dry_run
    )
    _report_edit(result)


@app.command()
def note(
    measure: Annotated[str, typer.Argument(help="Measure id, e.g. HF2.8.")],
    text: Annotated[str, typer.Argument(help="The note for the updates log.")],
    date: DateOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
) -> None:
    """Add a dated note to a measure's updates log."""
    from datetime import date as _date

    from mpi import edit

    change = edit.add_note(text, _day(date), _date.today())
    _report_edit(edit.edit_measure(_edit_dir(plan), measure, change, dry_run=dry_run))


# Commands that live in their own modules register on `app` when imported.
from mpi import cli_integrations, cli_reports  # noqa: E402, F401


def main() -> NoReturn:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        # Output piped into `head` and the like: leave quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
