"""Printing what the core returns: drawn views, files written, edits, errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from mpi.domain.errors import UsageError
from mpi.i18n import N_, _, ngettext, reason

if TYPE_CHECKING:
    from rich.console import Console

    from mpi.domain.errors import MpiError
    from mpi.edit.adopt import Adopted
    from mpi.edit.transaction import EditResult
    from mpi.render.registry import View

T = TypeVar("T")


def console(stderr: bool = False, width: int | None = None) -> Console:
    from rich.console import Console

    return Console(
        stderr=stderr, highlight=False, emoji=False, markup=False, soft_wrap=False, width=width
    )


# Variables with which a user overrides rich's answer to "is this a terminal?".
TERMINAL_OVERRIDES = ("TTY_COMPATIBLE", "FORCE_COLOR")


# The formats that are files, not text: with the reason not to show them on a terminal.
BINARY = {
    "docx": N_("a Word file is not for a terminal: write it with -o FILE"),
    "xlsx": N_("an Excel file is not for a terminal: write it with -o FILE"),
}


def to_terminal() -> bool:
    """Whether standard output is a terminal, as rich decides it; without rich's ~20 ms
    import unless a variable overrides the answer (output to a pipe never needs rich)."""
    if any(name in os.environ for name in TERMINAL_OVERRIDES):
        return console().is_terminal
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


# Names of a text file that no format claims: the view's default format is written there.
PLAIN_SUFFIXES = ("", ".txt", ".text", ".log")


def chosen_format(format: str | None, view: View[T], output: Path | None = None) -> str:
    """The format to draw `view` in: --format if given, else the one the extension of -o FILE
    names (.md, .html, .docx, …), else the view's default; a UsageError where --format and
    the extension disagree, or the extension names a format the command cannot write."""
    from mpi.render.registry import SUFFIXES, choices

    if output is None or str(output) == "-":
        return format or view.default
    named = SUFFIXES.get(output.suffix.casefold())
    formats = choices(view)
    if named is None and format is None and output.suffix.casefold() not in PLAIN_SUFFIXES:
        raise UsageError(  # a .pdf or .odt would get text that no reader of it opens
            _(
                "-o {path}: mpi does not write {suffix} files (this command writes {choices}); "
                "name the file with the extension of one of them, or give --format"
            ).format(path=output, suffix=output.suffix, choices=", ".join(formats))
        )
    if named is None or named == format or (format is None and named in formats):
        return format or named or view.default
    if format is not None:
        raise UsageError(
            _(
                "--format {format} and -o {path} disagree: {suffix} is the extension of "
                "{named}; leave out --format or name the file {instead}"
            ).format(
                format=format,
                path=output,
                suffix=output.suffix,
                named=named,
                instead=_renamed(output, format),
            )
        )
    if len(formats) == 1:
        raise UsageError(
            _("-o {path}: this command writes {format} only; name the file {instead}").format(
                path=output, format=formats[0], instead=_renamed(output, formats[0])
            )
        )
    raise UsageError(
        _(
            "-o {path}: this command does not write {named} (its formats: {choices}); "
            "name the file with the extension of one of them, or give --format"
        ).format(path=output, named=named, choices=", ".join(formats))
    )


def _renamed(output: Path, format: str) -> str:
    """`output` with the extension of `format` (.txt for the formats without their own)."""
    from mpi.render.registry import SUFFIXES

    suffix = next((s for s, f in SUFFIXES.items() if f == format), ".txt")
    return str(output.with_suffix(suffix))


def emit(format: str | None, view: View[T], data: T, output: Path | None = None) -> None:
    """Draw `data` with the registry and print it, or write it to `output` atomically; in
    the format `chosen_format` says."""
    from mpi.render.registry import Unwrapped, draw

    format = chosen_format(format, view, output)
    terminal = output is None and to_terminal()
    if terminal and format in BINARY:  # its bytes would fill the screen
        raise UsageError(_(BINARY[format]))
    drawn = draw(format, view, data, terminal=terminal)
    if isinstance(drawn, bytes):
        payload = drawn
    else:
        if not isinstance(drawn, str):
            # Not to a terminal: rows never wrapped, a page at 80 columns (View.page)
            width = None if terminal else 80 if view.page else 100_000
            screen = console(width=width)
            with screen.capture() as captured:
                if isinstance(drawn, Unwrapped):
                    screen.print(drawn.renderable, soft_wrap=True)
                else:
                    screen.print(drawn)
            # no-break spaces kept `bis Dezember 2026` on one line; copied or grepped, a space
            drawn = captured.get().replace("\u00a0", " ")
            if not terminal:
                drawn = "".join(line.rstrip() + "\n" for line in drawn.splitlines())
        payload = drawn.encode("utf-8", "backslashreplace")
    if output is not None and str(output) != "-":
        write_file(output, payload)
        return
    if isinstance(drawn, str):
        out(drawn)
    else:
        typer.echo(payload, nl=False)


def out(text: str) -> None:
    """Print to stdout what its encoding can carry; the rest as \\u escapes, never a crash
    (a Latin-1 or ASCII terminal, PYTHONIOENCODING=latin-1)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    typer.echo(text.encode(encoding, "backslashreplace").decode(encoding), nl=False)


def reader_gone() -> NoReturn:
    """Output piped into `head` and the like, which stopped reading: the rest is dropped,
    silently and with exit 0 (click would exit 1, which reads as "the plan is invalid")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # what is still buffered goes nowhere, quietly
    raise SystemExit(0)


def write_file(path: Path, data: bytes) -> None:
    """Replace FILE atomically: a reader never sees half of it. Never into a plan directory:
    a report there would replace a plan file or be read as a Handlungsfeld."""
    from mpi.fsutil import NotRegularFile, atomic_write, remove_stale_temps
    from mpi.loading.locate import PLAN_FILE

    folder = path.resolve().parent
    if (folder / PLAN_FILE).exists() or path.name == PLAN_FILE:
        raise UsageError(
            _(
                "will not write {path}: {folder} holds a plan, and mpi writes its plan files "
                "only through its edits; choose a file outside the plan directory"
            ).format(path=path, folder=folder)
        )
    remove_stale_temps(path.parent, path.name)  # of an earlier run that was killed
    try:
        warning = atomic_write(path, data)
    except NotRegularFile:
        raise UsageError(
            _(
                "cannot write {path}: it is not a regular file, and mpi replaces only regular "
                "files (use -o - for standard output)"
            ).format(path=path)
        ) from None
    except OSError as exc:
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=path, reason=reason(exc))
        ) from None
    if warning:
        warn(warning)


def replaceable(output: Path, ours: str, marker: bytes, refusal: str) -> None:
    """A directory mpi may fill or replace: new, empty, or one it wrote (its file `ours`
    begins with `marker`); else a UsageError: `refusal` (a message with {path}), or what
    is in the way (a file, a link)."""
    for above in output.absolute().parents:
        if above.exists() and not above.is_dir():
            raise UsageError(_("{path} is not a directory").format(path=above))
    if not output.exists() and not output.is_symlink():
        return
    if output.is_symlink():
        raise UsageError(
            _("{path} is a symbolic link: name the directory itself").format(path=output)
        )
    if not output.is_dir():
        raise UsageError(_("{path} is not a directory").format(path=output))
    try:
        entries = list(output.iterdir())
        mark = output / ours
        built = mark.is_file() and marker in mark.read_bytes()[:4096]
    except OSError as exc:
        raise UsageError(
            _("cannot read {path}: {reason}").format(path=output, reason=reason(exc))
        ) from None
    if entries and not built:
        raise UsageError(refusal.format(path=output))


def notice(message: str) -> None:
    from mpi.render.safe import one_line

    sys.stderr.write(f"mpi: {one_line(message)}\n")


def warn(message: str) -> None:
    notice(_("warning: {message}").format(message=message))


def shown(path: Path) -> str:
    """A path as people see it: relative where it can be, and through the one sanitiser (a
    directory's name may hold escape sequences, bidi overrides or a newline)."""
    from mpi.loading.locate import display_name
    from mpi.render.safe import one_line

    return one_line(display_name(path))


def edit_result(result: EditResult) -> None:
    from mpi.render.safe import visible

    if not result.written and not result.diff:  # nothing to do (mpi import: all in already)
        notice(visible(result.summary))
    elif not result.written:
        out(visible(result.diff))
        said = _("dry run: {summary}; nothing written").format(summary=visible(result.summary))
        sys.stderr.write(said + "\n")
    else:
        sys.stderr.write(f"{visible(result.summary)} ({shown(result.path)})\n")
    if result.warning:
        warn(result.warning)
    for message in result.new_warnings:
        warn(message)


def adopted(result: Adopted) -> None:
    """What `mpi adopt` did: the diff of a dry run, or the summary; and its note."""
    from mpi.render.safe import visible

    if not result.written:
        out(visible(result.diff))
        said = _("dry run: {summary}; nothing written").format(summary=visible(result.summary))
        sys.stderr.write(said + "\n")
    else:
        sys.stderr.write(visible(result.summary) + "\n")
    if result.note:
        warn(result.note)


def error(exc: MpiError, flag: str | None = None) -> None:
    """One line per problem on stderr: the first diagnostics of an invalid plan, then why."""
    from mpi.domain.errors import PlanInvalid, Problems
    from mpi.render.safe import one_line

    if isinstance(exc, Problems):
        for line in exc.lines:
            sys.stderr.write(one_line(line) + "\n")
    if isinstance(exc, PlanInvalid):
        errors = [d for d in exc.diagnostics if d.severity == "error"]
        from mpi.render.formats.text import diagnostic

        for d in errors[:5]:
            sys.stderr.write(diagnostic(d).plain + "\n")
        if len(errors) > 5:
            more = len(errors) - 5
            said = ngettext("… and {count} more error", "… and {count} more errors", more)
            sys.stderr.write(said.format(count=more) + "\n")
    message = f"{flag}: {exc.message}" if flag else exc.message
    sys.stderr.write(f"mpi: {one_line(message)}\n")
