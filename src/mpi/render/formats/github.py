"""`--format github`: GitHub Actions workflow commands, annotations on a pull request's lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mpi.render.registry import Format
from mpi.render.safe import one_line

if TYPE_CHECKING:
    from mpi.domain.diagnostics import Diagnostic


def _escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def diagnostics(items: Sequence[Diagnostic]) -> str:
    """One `::error`, `::warning` or `::notice` line per diagnostic; nothing for none."""
    lines = []
    for d in items:
        level = {"error": "error", "warning": "warning"}.get(d.severity, "notice")
        props = (
            f"file={_escape(one_line(d.file), property_value=True)},"
            f"line={d.line},col={d.column},"
            f"title={_escape('mpi ' + d.code, property_value=True)}"
        )
        lines.append(f"::{level} {props}::{_escape(one_line(d.message))}\n")
    return "".join(lines)


FORMAT = Format(name="github", diagnostics=diagnostics)
