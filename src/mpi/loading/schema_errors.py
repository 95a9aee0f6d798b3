"""Schema errors as diagnostics: pydantic's errors mapped back to file, line and column.

One diagnostic per place (errors of a union join with "or"), keys named as people write
them (`measures[HF1.10].milestones[a26-ost].due`), "did you mean" for unknown keys.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.words import clip
from mpi.loading.positions import PList, PMap
from mpi.loading.sources import SourceFile

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
MAX_SCHEMA_ERRORS = 100  # per file: a hostile file must not make thousands of messages


def validate_model(source: SourceFile, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate a file's data against a pydantic model; errors point at their values."""
    from pydantic import ValidationError

    try:
        return model.model_validate(source.tree), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=True, include_input=False)
        return None, _schema_diagnostics(source, model, errors)


def _schema_diagnostics(source: SourceFile, model: Any, errors: list[Any]) -> list[Diagnostic]:
    """One diagnostic per place (errors of a union join with "or"), at most MAX_SCHEMA_ERRORS."""
    grouped: dict[tuple[int, int, str], list[str]] = {}
    more: Diagnostic | None = None
    for index, error in enumerate(errors):
        loc = tuple(error["loc"])
        kind = error["type"]
        is_key = kind == "extra_forbidden"
        line, column = source.at(*loc, key=is_key)
        where = describe_path(source.tree, loc)
        if len(grouped) >= MAX_SCHEMA_ERRORS and (line, column, where) not in grouped:
            more = Diagnostic(
                source.display,
                line,
                column,
                "error",
                "too-many-errors",
                f"{len(errors) - index:,} more schema error(s) in this file not shown; "
                "fix the ones above first",
            )
            break
        message = _message(model, error, loc)
        grouped.setdefault((line, column, where), [])
        if message not in grouped[(line, column, where)]:
            grouped[(line, column, where)].append(message)
    out = []
    for (line, column, where), messages in grouped.items():
        text = " or ".join(messages) if len(messages) > 1 else messages[0]
        prefix = f"{where}: " if where else ""
        out.append(Diagnostic(source.display, line, column, "error", "schema", prefix + text))
    return [*out, more] if more else out


def _message(model: Any, error: Mapping[str, Any], loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        hint = difflib.get_close_matches(name, allowed, n=1)
        suffix = f"; did you mean {hint[0]!r}?" if hint else ""
        return f"unknown key {clip(name)!r}{suffix}"
    if kind == "missing":
        return f"missing required key {loc[-1]!r}"
    message = str(error["msg"])
    if kind == "value_error" and message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message


def _allowed_keys(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by `loc` (for "did you mean" hints)."""
    current = model
    for step in loc:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            continue
        annotation = fields[step].annotation
        current = _model_in(annotation, typing)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_in(annotation: Any, typing: Any) -> Any:
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg, typing)
        if found is not None:
            return found
    return None


def describe_path(tree: Any, loc: tuple[Any, ...]) -> str:
    """A readable path such as `measures[HF1.10].milestones[a26-ost].due`."""
    parts: list[str] = []
    node = tree
    for step in loc:
        if isinstance(node, PMap) and isinstance(step, str) and step in node:
            parts.append(f".{clip(step, 30)}" if parts else clip(step, 30))
            node = node[step]
        elif isinstance(node, PList) and isinstance(step, int) and 0 <= step < len(node):
            item = node[step]
            ident = item.get("id") if isinstance(item, PMap) else None
            label = clip(ident, 30) if isinstance(ident, str) else f"#{step + 1}"
            parts.append(f"[{label}]")
            node = item
        elif isinstance(node, PMap) and isinstance(step, str) and step.isidentifier():
            parts.append(f".{step}" if parts else step)
            node = None
    return "".join(parts)
