"""Problems found in a plan, each at a file, line and column, and the errors users can cause."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_BUG = 3


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place; `line` and `column` are 1-based."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


class MpiError(Exception):
    """An error the user can cause and fix: one message, one exit code, never a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(MpiError):
    """Bad arguments: an unknown id, a bad date, conflicting flags."""


class PlanNotFound(MpiError):
    """No plan directory where one was asked for."""


class UnreadableInput(MpiError):
    """A plan file that cannot be read at all (not a file, too large, permissions)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(
            f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}: {diagnostic.message}"
        )
        self.diagnostic = diagnostic


class PlanInvalid(MpiError):
    """The plan does not load or validate; the diagnostics say where and why.

    Exit 1 for an invalid plan, 2 when a file could not be read at all (as `mpi validate`).
    """

    exit_code = EXIT_INVALID

    def __init__(self, diagnostics: list[Diagnostic], exit_code: int = EXIT_INVALID) -> None:
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__(f"the plan has {len(errors)} error(s); run `mpi validate` for details")
        self.diagnostics = diagnostics
        self.exit_code = exit_code


class EditRefused(MpiError):
    """A change that would make the plan invalid, or that raced another writer."""

    exit_code = EXIT_INVALID
