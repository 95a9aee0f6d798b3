"""Errors a user can cause and fix: one message in domain words, one exit code.

Nothing here knows command-line flags: an `InvalidValue` names what was wrong ("status",
"date"), and the CLI names the flag that carried it.
"""

from __future__ import annotations

from mpi.domain.diagnostics import Diagnostic

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


class MpiError(Exception):
    """An error the user can cause and fix: one message, one exit code, never a traceback.
    The exit code is the class's, or given when it is made; neither changes afterwards."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(MpiError):
    """Bad arguments: an unknown id, a bad date, conflicting choices."""


class InvalidValue(UsageError):
    """A value the user gave is wrong; `what` names it in domain words (status, date, ...).

    The CLI shows it as `--what: message` when the command has an option of that name.
    """

    def __init__(self, what: str, message: str) -> None:
        super().__init__(message)
        self.what = what


class Problems(UsageError):
    """Several problems of one input (a returned workbook): each a line of its own, then
    what came of it."""

    def __init__(self, lines: list[str], message: str) -> None:
        super().__init__(message)
        self.lines = lines


class PlanNotFound(InvalidValue):
    """No plan directory where one was asked for; `what` is `plan` where the user named it
    (the CLI says which option), else empty."""


class PlanInvalid(MpiError):
    """The plan does not load or validate; the diagnostics say where and why.

    Exit 1 for an invalid plan, 2 when a file could not be read at all (as `mpi validate`).
    """

    exit_code = EXIT_INVALID

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        exit_code: int = EXIT_INVALID,
        message: str | None = None,
    ) -> None:
        from mpi.i18n import ngettext

        errors = [d for d in diagnostics if d.severity == "error"]
        said = ngettext(
            "the plan has {count} error; run `mpi validate` for details",
            "the plan has {count} errors; run `mpi validate` for details",
            len(errors),
        ).format(count=len(errors))
        super().__init__(message or said, exit_code)
        self.diagnostics = diagnostics


class EditRefused(MpiError):
    """A change that would make the plan invalid, or that raced another writer."""

    exit_code = EXIT_INVALID


class InternalError(MpiError):
    """An invariant of mpi's own broken (a bug, not the user's doing): exit 3, and the
    message asks to report it."""

    exit_code = EXIT_BUG


def ctrl_c(exc: BaseException) -> bool:
    """Whether `exc` is a Ctrl-C that Python or a library handed on wrapped: as the cause or
    context of another error (Python 3.11 wraps it in a RuntimeError from `__set_name__` when
    it comes while a class is made, as pydantic's models or `platform` while Typer loads), or
    named in pydantic-core's SchemaError, which keeps only its text."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        if type(current).__name__ == "SchemaError" and "KeyboardInterrupt" in str(current):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
