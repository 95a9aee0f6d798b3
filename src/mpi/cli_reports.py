"""Commands of the reports group, registered on the main Typer app (imported by cli.py)."""

from __future__ import annotations

import os
import secrets
import sys
from contextlib import suppress
from pathlib import Path
from typing import Annotated, Any

import typer

from mpi.cli import PlanOption, TodayOption, _choice, _today, app
from mpi.diagnostics import UsageError

REPORT_FORMATS = ("markdown", "html")
DIFF_FORMATS = ("text", "json", "markdown")


def _write(text: str, output: Path | None) -> None:
    """Print, or replace FILE atomically: a reader never sees half a report."""
    if output is None:
        typer.echo(text.encode("utf-8", "backslashreplace").decode("utf-8"), nl=False)
        return
    data = text.encode("utf-8", "backslashreplace")
    directory = output.parent
    temp = directory / f".{output.name}.{secrets.token_hex(6)}.tmp"
    try:
        # O_EXCL: never follow or reuse someone else's file; 0o666 lets the umask decide.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except OSError as exc:
        with suppress(OSError):
            temp.unlink()
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    with suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _working_plan(plan_dir: Path | None) -> tuple[Path, Any]:
    from mpi import load

    directory = load.find_plan(plan_dir)
    return directory, load.require_plan(load.load_plan(directory))


@app.command()
def report(
    plan: PlanOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: markdown or html.")
    ] = "markdown",
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Also list what changed since this git revision (HEAD~5, a tag)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to FILE (atomically) instead of standard output."
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Progress report for the coordination round: fields, milestones, indicators, changes."""
    from mpi import report as reports

    _choice(format, REPORT_FORMATS, "--format")
    day = _today(today)
    directory, current = _working_plan(plan)
    changes = None
    if since is not None:
        from mpi import gitrev, plandiff

        changes = plandiff.diff(gitrev.load_at(directory, since), current)
    data = reports.build(current, day, since, changes)
    if format == "html":
        from mpi.render import html

        _write(html.report(data), output)
    else:
        from mpi.render import markdown

        _write(markdown.report(data), output)


@app.command()
def diff(
    rev: Annotated[str, typer.Argument(help="Git revision to compare from (HEAD~1, a tag, …).")],
    rev2: Annotated[
        str | None,
        typer.Argument(help="Git revision to compare to; default: the working tree."),
    ] = None,
    plan: PlanOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, json or markdown.")
    ] = "text",
) -> None:
    """What changed in the plan between two git revisions (or one and the working tree)."""
    from mpi import gitrev, load, plandiff

    _choice(format, DIFF_FORMATS, "--format")
    directory = load.find_plan(plan)
    old = gitrev.load_at(directory, rev)
    if rev2 is not None:
        new = gitrev.load_at(directory, rev2)
    else:
        new = load.require_plan(load.load_plan(directory))
    changes = plandiff.diff(old, new)
    if format == "json":
        import json

        from mpi.render.safe import json_safe

        data = {"from": rev, "to": rev2, "changes": [plandiff.record(c) for c in changes]}
        _write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n", None)
    elif format == "markdown":
        from mpi.render import markdown

        _write(markdown.diff(changes, rev, rev2 or "the working tree"), None)
    else:
        from mpi.render.safe import one_line

        _write("".join(one_line(plandiff.describe(c)) + "\n" for c in changes), None)
        if not changes:
            where = f"{rev} and {rev2}" if rev2 is not None else f"{rev} and the working tree"
            sys.stderr.write(f"no changes to the plan between {one_line(where)}\n")
