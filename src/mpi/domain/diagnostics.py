"""A problem found in a plan: a value with a file, line, column, severity, code and message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]  # info: noted, never fails


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place; `line` and `column` are 1-based; `code` is a stable id."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    @property
    def where(self) -> str:
        """`FILE:LINE:COLUMN`, as editors and CI logs link it: built here only."""
        return f"{self.file}:{self.line}:{self.column}"
