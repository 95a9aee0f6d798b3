"""Recording progress: the one path that writes plan files.

Every edit takes the plan's lock, reads the file under it, changes the round-trip tree
(ruamel.yaml, configured to reproduce the files byte for byte), validates the whole plan with
the new text through the normal read path, refuses if the file changed on disk meanwhile, and
replaces the file atomically. A crash at any moment leaves the old or the new file.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mpi.dates import Due, occurrences
from mpi.diagnostics import EditRefused, UsageError
from mpi.load import load_plan, plan_files, read_source
from mpi.query import suggest

LOCK_NAME = ".mpi.lock"
LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class EditResult:
    path: Path
    diff: str
    summary: str
    written: bool


def yaml_round_trip() -> Any:
    """A ruamel.yaml instance that gives back the plan files' bytes unchanged."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Plan files never hold anchors or aliases; shared values are written out again.
    yaml.representer.ignore_aliases = lambda _data: True
    return yaml


def load_text(text: str) -> Any:
    return yaml_round_trip().load(text)


def dump_text(tree: Any) -> str:
    out = io.StringIO()
    yaml_round_trip().dump(tree, out)
    return out.getvalue()


@contextmanager
def plan_lock(directory: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Exclusive lock on a sidecar file, held across read, validate and write."""
    import fcntl

    path = directory / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise EditRefused(f"cannot create the lock file {path}: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise EditRefused(
                        f"another mpi is writing the plan ({path} is locked); try again"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, fsync, rename, fsync the directory.

    The new file keeps the old file's permission bits.
    """
    mode = path.stat().st_mode & 0o7777
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _measures_on_disk(directory: Path) -> Iterator[tuple[Path, Any]]:
    """Each measure mapping of the readable Handlungsfeld files (read with the fast reader)."""
    _, fields = plan_files(directory)
    for path in fields:
        source, problem = read_source(path)
        if problem is None:
            for measure in source.tree.get("measures") or []:
                if isinstance(measure, dict):
                    yield path, measure


def _find_measure_file(directory: Path, measure_id: str) -> Path:
    """The Handlungsfeld file that holds the measure."""
    known: list[str] = []
    for path, measure in _measures_on_disk(directory):
        if measure.get("id") == measure_id:
            return path
        known.append(str(measure.get("id")))
    raise UsageError(f"unknown measure {measure_id!r}{suggest(measure_id, known)}")


def _find_indicator(directory: Path, indicator_id: str) -> tuple[Path, str]:
    """The file and measure id that hold the indicator."""
    known: list[str] = []
    for path, measure in _measures_on_disk(directory):
        for indicator in measure.get("indicators") or []:
            ident = indicator.get("id") if isinstance(indicator, dict) else None
            if ident == indicator_id:
                return path, measure.get("id")
            known.append(str(ident))
    raise UsageError(f"unknown indicator {indicator_id!r}{suggest(indicator_id, known)}")


Mutation = Callable[[Any], str]


def edit_measure(
    directory: Path,
    measure_id: str,
    mutate: Mutation,
    *,
    dry_run: bool = False,
    path: Path | None = None,
) -> EditResult:
    """Apply `mutate` to one measure's round-trip mapping; validate; write atomically."""
    measure_id = measure_id.strip().upper()
    with plan_lock(directory):
        path = path or _find_measure_file(directory, measure_id)
        before = path.read_bytes()
        text = before.decode("utf-8")
        tree = load_text(text)
        measure = next((m for m in tree["measures"] if m.get("id") == measure_id), None)
        if measure is None:
            raise UsageError(f"unknown measure {measure_id!r}")
        summary = mutate(measure)
        new_text = dump_text(tree)
        diff = "".join(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                fromfile=f"a/{path.name}",
                tofile=f"b/{path.name}",
            )
        )
        loaded = load_plan(directory, overrides={path: new_text})
        errors = loaded.errors
        if errors:
            first = errors[0]
            raise EditRefused(
                f"refused: the change would make the plan invalid: "
                f"{first.file}:{first.line}:{first.column}: {first.message}; "
                "nothing was written"
            )
        if dry_run:
            return EditResult(path, diff, summary, written=False)
        if _digest(path.read_bytes()) != _digest(before):
            raise EditRefused(
                f"{path} changed on disk while mpi was editing it; "
                "nothing was written, run the command again"
            )
        atomic_write(path, new_text)
        return EditResult(path, diff, summary, written=True)


# --- the changes ----------------------------------------------------------------------------


def _append_update(measure: Any, day: date, text: str, status: str | None = None) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = CommentedMap()
    entry["date"] = day
    entry["text"] = text
    if status is not None:
        entry["status"] = status
    updates = measure.get("updates")
    if isinstance(updates, CommentedSeq) and (len(updates) or not updates.fa.flow_style()):
        insert_dated(updates, entry)
        return
    block = CommentedSeq()
    block.fa.set_block_style()
    block.append(entry)
    measure["updates"] = block


def insert_dated(seq: Any, entry: Any) -> None:
    """Insert a dated entry after all entries of the same or an earlier date.

    At the end of the list, the comment trailing the old last entry (typically the blank line
    that separates this measure from the next) moves to the new entry, so the entry does not
    land after it.
    """
    day = entry["date"]
    position = len(seq)
    while position and _entry_date(seq[position - 1]) > day:
        position -= 1
    if position < len(seq):
        seq.insert(position, entry)
        return
    previous = seq[-1] if len(seq) else None
    seq.append(entry)
    if previous is None or not hasattr(previous, "ca") or not len(previous):
        return
    last_key = list(previous)[-1]
    tokens = previous.ca.items.get(last_key)
    if tokens and len(tokens) > 2 and tokens[2] is not None:
        entry.ca.items[list(entry)[-1]] = [None, None, tokens[2], None]
        tokens[2] = None


def _entry_date(entry: Any) -> date:
    value = entry.get("date") if hasattr(entry, "get") else None
    if isinstance(value, date):
        return value
    try:
        return Due.parse(value).end
    except ValueError:
        return date.min


def _check_day(day: date, today: date) -> None:
    if day > today:
        raise UsageError(f"--date {day} lies in the future")


def set_status(status: str, note: str | None, day: date, today: date) -> Mutation:
    from mpi.model import MEASURE_STATUSES

    if status not in MEASURE_STATUSES:
        raise UsageError(f"--status must be one of {', '.join(MEASURE_STATUSES)}, not {status!r}")
    _check_day(day, today)

    def mutate(measure: Any) -> str:
        old = measure.get("status")
        if old == status and not note:
            raise UsageError(f"{measure['id']} is already {status}; add --note to log anyway")
        measure["status"] = status
        _append_update(measure, day, note or f"Status: {old} → {status}", status)
        return f"{measure['id']}: {old} → {status}"

    return mutate


def add_note(text: str, day: date, today: date) -> Mutation:
    if not text.strip():
        raise UsageError("the note is empty")
    _check_day(day, today)

    def mutate(measure: Any) -> str:
        _append_update(measure, day, text)
        return f"{measure['id']}: note added"

    return mutate


def set_milestone(
    milestone: str, state: str, day: date, today: date, note: str | None = None
) -> Mutation:
    """Mark a milestone done (with a date), open again, or missed."""
    if state not in ("done", "open", "missed"):
        raise UsageError(f"milestone state must be done, open or missed, not {state!r}")
    _check_day(day, today)

    def mutate(measure: Any) -> str:
        milestones = measure.get("milestones") or []
        target = _pick_milestone(measure["id"], milestones, milestone)
        title = target.get("title")
        if "recurrence" in target:
            return _recurring(measure, target, state, day, note)
        old = target.get("status", "open")
        if old == state:
            raise UsageError(f"milestone {target['id']!r} of {measure['id']} is already {state}")
        _set_key(target, "status", state, after=("due",))
        if state == "done":
            _set_key(target, "done", day, after=("status",))
        elif "done" in target:
            del target["done"]
        text = note or f"Meilenstein „{title}“: {old} → {state}"
        _append_update(measure, day, text)
        return f"{measure['id']} milestone {target['id']}: {old} → {state}"

    return mutate


def _recurring(measure: Any, target: Any, state: str, day: date, note: str | None) -> str:
    """A recurring milestone records its latest held occurrence in `recurrence.last_done`."""
    if state != "done":
        raise UsageError(
            f"milestone {target['id']!r} recurs: record a held occurrence with "
            "'done'; to end the series, edit its recurrence end"
        )
    rec = target["recurrence"]
    start = Due.parse(rec["start"])
    end = Due.parse(rec["end"]) if rec.get("end") is not None else Due.parse(2100)
    if day < start.start:
        raise UsageError(f"milestone {target['id']!r} starts {start.iso()}, after {day}")
    # The occurrence held is the first one whose period has not ended before that day.
    occurrence = next((o for o in occurrences(start, rec["every"], end) if o.end >= day), None)
    if occurrence is None:
        raise UsageError(f"milestone {target['id']!r} ended {end.iso()}, before {day}")
    rec["last_done"] = occurrence.yaml_value()
    text = note or f"Meilenstein „{target.get('title')}“ ({occurrence.iso()}) erledigt"
    _append_update(measure, day, text)
    return f"{measure['id']} milestone {target['id']}: {occurrence.iso()} done"


def _pick_milestone(measure_id: str, milestones: list[Any], wanted: str) -> Any:
    ids = [m.get("id") for m in milestones]
    if wanted.isdigit() and 1 <= int(wanted) <= len(milestones):
        return milestones[int(wanted) - 1]
    for m in milestones:
        if m.get("id") == wanted:
            return m
    if not ids:
        raise UsageError(f"{measure_id} has no milestones")
    raise UsageError(
        f"{measure_id} has no milestone {wanted!r}{suggest(wanted, ids)} "
        f"(milestones: {', '.join(map(str, ids))})"
    )


def _set_key(mapping: Any, key: str, value: Any, after: tuple[str, ...]) -> None:
    """Set a key; a new key goes right after the first existing key of `after`."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    position = len(keys)
    for anchor in after:
        if anchor in mapping:
            position = keys.index(anchor) + 1
            break
    mapping.insert(position, key, value)


def record_value(
    indicator: str, value: float, day: date, source: str | None, today: date
) -> Mutation:
    import math

    if not math.isfinite(value):
        raise UsageError("the value must be a finite number")
    _check_day(day, today)

    def mutate(measure: Any) -> str:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        ind = next(i for i in measure.get("indicators") or [] if i.get("id") == indicator)
        entry = CommentedMap()
        entry["date"] = day
        entry["value"] = int(value) if float(value).is_integer() else value
        if source:
            entry["source"] = source
        values = ind.get("values")
        if isinstance(values, CommentedSeq) and (len(values) or not values.fa.flow_style()):
            insert_dated(values, entry)
        else:
            block = CommentedSeq()
            block.fa.set_block_style()
            block.append(entry)
            _set_key(ind, "values", block, after=("direction", "target"))
        shown = entry["value"]
        unit = ind.get("unit", "")
        text = f"Indikator „{ind.get('name')}“: {shown} {unit}".rstrip()
        if source:
            text += f" (Quelle: {source})"
        _append_update(measure, day, text)
        return f"{measure['id']} indicator {indicator}: {shown} {unit} on {day}"

    return mutate


def record(
    directory: Path,
    indicator: str,
    value: float,
    day: date,
    source: str | None,
    today: date,
    *,
    dry_run: bool = False,
) -> EditResult:
    path, measure_id = _find_indicator(directory, indicator)
    return edit_measure(
        directory,
        measure_id,
        record_value(indicator, value, day, source, today),
        dry_run=dry_run,
        path=path,
    )
