"""The plan directory through its git history, for the change log (`mpi changes`): each
commit on the first-parent line of HEAD that changed a plan file, oldest first, with the
plan files it changed, parsed; then the working tree's changes.

Read by what git says changed, not file by file: one `git log --raw` names each commit's
changed files with their blob ids (a file added, changed or deleted; a file renamed or
copied is a deletion and an addition, so a Handlungsfeld is followed by its id, not its file
name), and one `git cat-file --batch` hands over the new versions one at a time. A
Handlungsfeld file is parsed block by block (`loading.history.blockwise`): a measure whose
bytes did not change is the version before's object. Files in the plan directory's own
history only: a plan directory moved within the repository starts its history anew there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mpi.loading.history import blobs, blockwise, first_parent_log
from mpi.loading.locate import plan_file
from mpi.loading.revision import _blob_id, git, repository

DELETED = None  # a file's tree in a step where the step deleted it
UNREADABLE = "unreadable"  # a version that is not YAML (or too large to read)


@dataclass(frozen=True)
class Step:
    """A commit (None: the working tree) and the plan files it changed, by name: their new
    tree, DELETED, or UNREADABLE. The first step holds every plan file: where the plan's
    history starts."""

    commit: str | None
    day: date
    files: dict[str, Any]


def steps(plan_dir: Path, today: date) -> Iterator[Step]:
    """Every step of the plan's history, oldest first (see the module)."""
    top, relative = repository(plan_dir)
    prefix = "" if relative == "." else relative + "/"
    changed = _log(top, relative, prefix)
    pending = _working_tree(top, plan_dir, prefix)
    if len(changed) + bool(pending) < 2:  # one state of the plan holds no change
        return
    changed[0] = (*changed[0][:2], _needed(changed, pending))
    wanted = [blob for _sha, _day, files in changed for blob in files.values() if blob]
    known: dict[str, dict[bytes, Any]] = {}  # per file: its parts by their bytes
    trees = blobs(top, wanted)
    for sha, day, files in changed:
        read: dict[str, Any] = {}
        for name, blob in files.items():
            read[name] = DELETED if blob is None else _read(name, next(trees), known)
        yield Step(sha, day, read)
    if pending:
        read = {}
        for name, present in pending.items():
            data = (plan_dir / name).read_bytes() if present else None
            read[name] = DELETED if data is None else _tree(name, data, known)
        yield Step(None, today, read)


def _needed(
    changed: list[tuple[str, date, dict[str, str | None]]], pending: dict[str, bool]
) -> dict[str, str | None]:
    """Of the files where the history starts, those a later step compares with: the files
    it changes, or all of them where a later step adds or deletes one (a Handlungsfeld may
    have moved to another file)."""
    start = changed[0][2]
    later = [files for _sha, _day, files in changed[1:]]
    touched = {name for files in later for name in files} | set(pending)
    moved = any(
        blob is None or name not in start for files in later for name, blob in files.items()
    )
    moved = moved or any(not here or name not in start for name, here in pending.items())
    return start if moved else {name: blob for name, blob in start.items() if name in touched}


def _read(name: str, found: tuple[str | None, bytes], known: dict[str, dict[bytes, Any]]) -> Any:
    blob, data = found
    return UNREADABLE if blob is None else _tree(name, data, known)


def _tree(name: str, data: bytes, known: dict[str, dict[bytes, Any]]) -> Any:
    tree, known[name] = blockwise(data, known.get(name, {}))
    return UNREADABLE if tree is None else tree


def _log(top: Path, relative: str, prefix: str) -> list[tuple[str, date, dict[str, str | None]]]:
    """Each commit that changed a plan file, oldest first: its files' new blob ids by name
    (None: deleted)."""
    out = []
    logged = first_parent_log(top, relative, "--raw", "--no-abbrev", "--no-renames", empty=True)
    for sha, day, rest in logged:
        parts = rest.split(b"\0")
        files: dict[str, str | None] = {}
        for meta, path in zip(parts[0::2], parts[1::2], strict=False):
            fields = meta.split()
            name = path.decode("utf-8", "surrogateescape")
            if len(fields) < 5 or not name.startswith(prefix):
                continue
            name = name[len(prefix) :]
            if "/" in name or not plan_file(name):
                continue
            status = fields[4].decode("ascii")
            files[name] = None if status.startswith("D") else fields[3].decode("ascii")
        if files:
            out.append((sha, day, files))
    return out


def _working_tree(top: Path, plan_dir: Path, prefix: str) -> dict[str, bool]:
    """The plan files that differ from HEAD's: True where the file is there (changed or
    new), False where HEAD has it and the directory does not."""
    listed = git(top, "ls-tree", "-z", "HEAD", "--", prefix or ".")
    committed: dict[str, str] = {}
    if listed.returncode == 0:
        for entry in listed.stdout.split(b"\0"):
            meta, _tab, path = entry.partition(b"\t")
            name = path.decode("utf-8", "surrogateescape")[len(prefix) :]
            fields = meta.split()
            if len(fields) == 3 and fields[1] == b"blob" and plan_file(name) and "/" not in name:
                committed[name] = fields[2].decode("ascii")
    here = {p.name for p in plan_dir.iterdir() if p.is_file() and plan_file(p.name)}
    out = {name: True for name in here if _blob_id(plan_dir / name) != committed.get(name)}
    out |= {name: False for name in committed if name not in here}
    return out
