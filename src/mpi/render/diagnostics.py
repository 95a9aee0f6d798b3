"""Diagnostics as text (`FILE:LINE:COLUMN: severity code message`), JSON or GitHub commands."""

from __future__ import annotations

import json
from collections.abc import Sequence

from mpi.diagnostics import Diagnostic
from mpi.render.safe import json_safe, one_line

FORMATS = ("text", "json", "github")


def as_json(diagnostics: Sequence[Diagnostic]) -> str:
    rows = [
        {
            "file": d.file,
            "line": d.line,
            "column": d.column,
            "severity": d.severity,
            "code": d.code,
            "message": d.message,
        }
        for d in diagnostics
    ]
    return json_safe(json.dumps(rows, ensure_ascii=False, indent=2))


def _gh_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's lines."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity == "error" else "warning"
        props = (
            f"file={_gh_escape(one_line(d.file), property_value=True)},"
            f"line={d.line},col={d.column},"
            f"title={_gh_escape('mpi ' + d.code, property_value=True)}"
        )
        lines.append(f"::{level} {props}::{_gh_escape(one_line(d.message))}")
    return "\n".join(lines)


def as_text(diagnostics: Sequence[Diagnostic]) -> list[object]:
    """One rich Text line per diagnostic (styled on a terminal, plain when piped)."""
    from rich.text import Text

    out = []
    for d in diagnostics:
        line = Text()
        line.append(f"{one_line(d.file)}:{d.line}:{d.column}:", style="bold")
        line.append(" ")
        line.append(d.severity, style="bold red" if d.severity == "error" else "bold yellow")
        line.append(" ")
        line.append(d.code, style="cyan")
        line.append(" ")
        line.append(one_line(d.message))
        out.append(line)
    return out


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"plan is valid ({files} files checked)"
    state = "plan is invalid" if errors else "plan is valid"
    return f"{state}: {errors} error(s), {warnings} warning(s) in {files} files"
