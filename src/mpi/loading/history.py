"""One plan file through its git history, for `mpi history`: each version of the file that a
commit made, oldest first, and the working tree's if it differs.

Fast on a long history: one `git log` lists the commits that touched the file (following
renames), one `git cat-file --batch` reads all their versions, each distinct version is
parsed once, and only the file that holds the item is read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mpi.domain.errors import UsageError
from mpi.i18n import _
from mpi.loading.reader import parse
from mpi.loading.revision import _blob_id, git, repository
from mpi.loading.sources import MAX_BYTES, decode
from mpi.loading.yaml_errors import ReadError

WORKING_TREE = None  # the commit of the version not committed yet


@dataclass(frozen=True)
class Version:
    """The file as a commit left it (`commit` None: the working tree), parsed; `tree` is None
    where it could not be read (it is then skipped, and counted)."""

    commit: str | None
    day: date
    tree: Any


def versions(plan_dir: Path, name: str, today: date, measure: str | None = None) -> list[Version]:
    """Every version of `plan_dir/name` that a commit made, oldest first; then the working
    tree's, dated `today`, if it differs from the last commit's. With `measure`, only that
    measure's lines are parsed where they can be found (`{"measures": [it]}`)."""
    top, relative = repository(plan_dir)
    path = name if relative == "." else f"{relative}/{name}"
    log = git(top, "log", "--follow", "--format=%x01%H %cs", "--name-only", "--", path)
    if log.returncode != 0:
        why = log.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            _("cannot read the history of {path}: {reason}").format(
                path=path, reason=why[0] if why else log.returncode
            )
        )
    commits: list[tuple[str, date, str]] = []
    for record in log.stdout.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        head, *names = [line for line in record.splitlines() if line.strip()]
        sha, when = head.split(" ", 1)
        if names:  # a commit that deleted the file names it too; cat-file then finds nothing
            commits.append((sha, date.fromisoformat(when), names[-1]))
    commits.reverse()
    blobs = _read(top, [f"{sha}:{at}" for sha, _day, at in commits])
    out: list[Version] = []
    parsed: dict[str, Any] = {}
    last_blob = None
    for (sha, made, _at), (blob, data) in zip(commits, blobs, strict=True):
        if blob is None:
            continue
        if blob not in parsed:
            parsed[blob] = _parse(data, measure)
        out.append(Version(sha, made, parsed[blob]))
        last_blob = blob
    current = plan_dir / name
    if current.is_file() and _blob_id(current) != last_blob:
        out.append(Version(WORKING_TREE, today, _parse(current.read_bytes(), measure)))
    return out


def shallow(plan_dir: Path) -> bool:
    """Whether the clone holds only part of the history (`git clone --depth`): the versions
    before its oldest commit are missing."""
    top, _relative = repository(plan_dir)
    done = git(top, "rev-parse", "--is-shallow-repository")
    return done.returncode == 0 and done.stdout.strip() == b"true"


def _read(top: Path, names: list[str]) -> list[tuple[str | None, bytes]]:
    """The blob id and bytes of each `commit:path` (None for one that does not exist)."""
    if not names:
        return []
    result = git(top, "cat-file", "--batch", stdin="".join(n + "\n" for n in names).encode())
    data, at = result.stdout, 0
    out: list[tuple[str | None, bytes]] = []
    for _name in names:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<name> missing" (a deleted file)
            out.append((None, b""))
            continue
        size = int(header[2])
        out.append((header[0].decode("ascii"), data[at : at + size]))
        at += size + 1
    return out


def _parse(data: bytes, measure: str | None) -> Any:
    """The file's data, or None where a version cannot be read (too large, not YAML). With
    `measure`, only its block when the file lists it in block style (`- id: HF1.15` and the
    lines indented below it): a long history parses kilobytes, not the whole file, each time.
    """
    if len(data) > MAX_BYTES:
        return None
    try:
        text = decode(data)
        block = _block(text, measure) if measure else None
        if block is not None:
            try:
                return {"measures": parse(block)}
            except ReadError:
                pass  # not a block of its own after all: read the whole file
        return parse(text)
    except (ReadError, RecursionError):
        return None


def _block(text: str, measure: str) -> str | None:
    """The lines of the list item `- id: MEASURE` (dedented), or None if it is not there
    exactly once in block style."""
    from mpi.loading.reread import block

    found = block(text, measure)
    if found is None:
        return None
    start, end, indent = found
    return "\n".join(line[indent:] for line in text[start:end].split("\n")) + "\n"
