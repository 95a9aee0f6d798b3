"""Find the plan, read its files with source positions, and build the model.

Every problem becomes a `Diagnostic` at the file, line and column of the offending value;
nothing here prints or exits.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mpi import reader
from mpi.diagnostics import Diagnostic
from mpi.locate import (  # noqa: F401  (part of this module's interface)
    ENV_VAR,
    PLAN_FILE,
    display_name,
    find_plan,
    plan_files,
    shipped_plan,
)
from mpi.positions import PList, PMap, Pos, locate

UNREADABLE = frozenset({"unreadable", "not-a-file", "too-large"})
MAX_SCHEMA_ERRORS = 100  # per file: a hostile file must not make thousands of messages


@dataclass
class SourceFile:
    """One plan file as read: where it is, how to name it, and its positioned data."""

    path: Path
    display: str
    tree: Any = None

    def at(self, *path: str | int, key: bool = False) -> Pos:
        return locate(self.tree, path, key=key)

    def diagnostic(
        self,
        path: tuple[str | int, ...],
        code: str,
        message: str,
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Diagnostic:
        line, column = self.at(*path, key=key)
        return Diagnostic(self.display, line, column, severity, code, message)  # type: ignore[arg-type]


@dataclass
class Loaded:
    """The outcome of loading: the plan if it validated, its files, and all problems."""

    directory: Path
    plan: Any = None
    plan_file: SourceFile | None = None
    field_files: dict[str, SourceFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def exit_code(self) -> int:
        """2 if a file could not be read at all, 1 for any other error, else 0."""
        if self.unreadable:
            return 2
        return 1 if self.errors else 0

    @property
    def unreadable(self) -> bool:
        return any(d.code in UNREADABLE for d in self.diagnostics)


def read_source(path: Path, text: str | None = None) -> tuple[SourceFile, Diagnostic | None]:
    """Read and parse one file (or `text` as its new content); problems become Diagnostics."""
    source = SourceFile(path, display_name(path))

    def fail(line: int, column: int, code: str, message: str) -> tuple[SourceFile, Diagnostic]:
        return source, Diagnostic(source.display, line, column, "error", code, message)

    if text is not None:
        return _parse_into(source, text, fail)

    try:
        info = path.lstat()
    except OSError as exc:
        return fail(1, 1, "unreadable", f"cannot read the file: {exc.strerror or exc}")
    if stat.S_ISLNK(info.st_mode):
        return fail(1, 1, "not-a-file", "is a symbolic link; plan files must be regular files")
    if not stat.S_ISREG(info.st_mode):
        return fail(1, 1, "not-a-file", "is not a regular file (a directory, FIFO or device)")
    if info.st_size > reader.MAX_BYTES:
        return fail(
            1,
            1,
            "too-large",
            f"the file has {info.st_size:,} bytes, more than the limit of "
            f"{reader.MAX_BYTES:,} (MAX_BYTES)",
        )
    try:
        # O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or FIFO after the check above
        # fails or reads nothing instead of following or hanging; fstat confirms the kind.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return fail(1, 1, "not-a-file", "is not a regular file")
            data = handle.read(reader.MAX_BYTES + 1)
    except OSError as exc:
        return fail(1, 1, "unreadable", f"cannot read the file: {exc.strerror or exc}")
    if len(data) > reader.MAX_BYTES:
        return fail(1, 1, "too-large", f"the file is larger than {reader.MAX_BYTES:,} bytes")
    try:
        text = reader.decode(data)
    except reader.ReadError as exc:
        return fail(exc.line, exc.column, exc.code, exc.message)
    return _parse_into(source, text, fail)


def _parse_into(source: SourceFile, text: str, fail: Any) -> tuple[SourceFile, Diagnostic | None]:
    try:
        source.tree = reader.parse(text)
    except reader.ReadError as exc:
        return fail(exc.line, exc.column, exc.code, exc.message)
    except RecursionError:
        return fail(1, 1, "too-deep", "the file nests too deeply to read")
    if not isinstance(source.tree, PMap):
        found = "a list" if isinstance(source.tree, PList) else "a single value"
        line, column = getattr(source.tree, "start", (1, 1))
        return fail(
            line,
            column,
            "not-a-mapping",
            f"the file must hold a mapping of keys to values, found {found}",
        )
    return source, None


def validate_model(source: SourceFile, model: Any) -> tuple[Any, list[Diagnostic]]:
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
        return f"unknown key {_clip(name)!r}{suffix}"
    if kind == "missing":
        return f"missing required key {loc[-1]!r}"
    message = str(error["msg"])
    if kind == "value_error" and message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message


def _allowed_keys(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by `loc` (for "did you mean" hints)."""
    import typing

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
            parts.append(f".{_clip(step, 30)}" if parts else _clip(step, 30))
            node = node[step]
        elif isinstance(node, PList) and isinstance(step, int) and 0 <= step < len(node):
            item = node[step]
            ident = item.get("id") if isinstance(item, PMap) else None
            label = _clip(ident, 30) if isinstance(ident, str) else f"#{step + 1}"
            parts.append(f"[{label}]")
            node = item
        elif isinstance(node, PMap) and isinstance(step, str) and step.isidentifier():
            parts.append(f".{step}" if parts else step)
            node = None
    return "".join(parts)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def load_plan(directory: Path, overrides: Mapping[Path, str] | None = None) -> Loaded:
    """Read every file of the plan, validate each against its model, join them, run checks.

    `overrides` gives new text for some files (an edit validated before it is written).
    """
    import gc

    # Loading creates millions of objects that all stay alive; the cyclic garbage collector
    # would scan them again and again for nothing (about 30 % of a 10,000-measure load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_plan(directory, overrides)
    finally:
        if collecting:
            gc.enable()


def _load_plan(directory: Path, overrides: Mapping[Path, str] | None) -> Loaded:
    from mpi import check, model

    overrides = overrides or {}
    loaded = Loaded(directory)
    plan_path, field_paths = plan_files(directory)
    plan_source, problem = read_source(plan_path, overrides.get(plan_path))
    loaded.plan_file = plan_source
    plan_data = None
    if problem:
        loaded.diagnostics.append(problem)
    else:
        plan_data, problems = validate_model(plan_source, model.PlanFile)
        loaded.diagnostics += problems
    fields = []
    for path in field_paths:
        source, problem = read_source(path, overrides.get(path))
        loaded.field_files[source.display] = source
        if problem:
            loaded.diagnostics.append(problem)
            continue
        field_model, problems = validate_model(source, model.Field)
        loaded.diagnostics += problems
        if field_model is not None:
            fields.append((source, field_model))
    if not field_paths:
        line, column = (1, 1)
        loaded.diagnostics.append(
            Diagnostic(
                plan_source.display,
                line,
                column,
                "warning",
                "no-fields",
                "the plan directory has no Handlungsfeld files (hf*.yaml)",
            )
        )
    if loaded.errors or plan_data is None:
        loaded.diagnostics.sort(key=Diagnostic.sort_key)
        return loaded
    loaded.plan = model.join(plan_data, [f for _, f in fields])
    loaded.diagnostics += check.run(loaded.plan, plan_source, fields)
    loaded.diagnostics.sort(key=Diagnostic.sort_key)
    return loaded


def require_plan(loaded: Loaded) -> Any:
    """The plan of a load without errors; otherwise PlanInvalid with the diagnostics."""
    from mpi.diagnostics import PlanInvalid

    if loaded.errors or loaded.plan is None:
        raise PlanInvalid(loaded.diagnostics, loaded.exit_code or 1)
    return loaded.plan
