"""The commit checked out where the plan is, and how the plan files mpi read differ from it:
what a report of record says it was made from."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from mpi.domain.errors import MpiError, UsageError
from mpi.loading.revision import BLOB_MODES, _hash, git, plan_commits, repository


def state(
    plan_dir: Path, read: Iterable[Path] = ()
) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The commit checked out where the plan is, and how the plan files mpi `read` differ
    from that commit's (a report of record says both), by name: "changed", "not committed"
    (untracked or ignored by .gitignore), "not read" (in the commit, not in the folder: deleted
    or left out by a sparse checkout); the commit is "" in a repository without a commit
    yet. None outside git or without git.

    Compared by the id git gives the bytes (also with CRLF read as LF, as `core.autocrlf`
    checks out), not with `git status`: what mpi read is what counts, and no filter or
    fsmonitor of the repository runs."""
    try:
        top, relative = repository(plan_dir)
    except UsageError:
        return None
    head = git(top, "rev-parse", "--verify", "--quiet", "HEAD")
    if head.returncode != 0:
        return "", ()  # a repository without a commit yet (as `mpi init` leaves it)
    tree = "HEAD^{tree}" if relative == "." else f"HEAD:{relative}"
    listed = git(top, "ls-tree", "-z", "--end-of-options", tree).stdout
    committed: dict[str, str] = {}
    for entry in listed.split(b"\0"):
        meta, _tab, raw = entry.partition(b"\t")
        fields = meta.split()
        if len(fields) == 3 and fields[0].decode() in BLOB_MODES:
            committed[os.fsdecode(raw)] = fields[2].decode("ascii")
    differs: dict[str, str] = {}
    names: set[str] = set()
    for path in read:
        names.add(path.name)
        if path.name not in committed:
            differs[path.name] = "not committed"
        elif committed[path.name] not in _blob_ids(path):
            differs[path.name] = "changed"
    for name in committed:
        if (
            name.endswith((".yaml", ".yml"))
            and name not in names
            and not (plan_dir / name).exists()
        ):
            differs[name] = "not read"
    return head.stdout.decode("ascii").strip(), tuple(sorted(differs.items()))


def _blob_ids(path: Path) -> set[str | None]:
    """The ids git gives the file's bytes, as they are and with CRLF as LF."""
    try:
        data = path.read_bytes()
    except OSError:
        return {None}
    return {_hash(each) for each in {data, data.replace(b"\r\n", b"\n")}}


def last_changed(plan_dir: Path, read: Iterable[Path], *, clean: bool | None = None) -> datetime:
    """When the plan last changed, for a calendar's DTSTAMP: the time of the last commit that
    changed the plan directory where the files read are as committed, else the newest
    modification time of those files (a plan edited but not committed, or not in git).
    `clean`: whether they are as committed, where the caller knows it already (`state`)."""
    files = list(read)
    try:
        if clean is None:
            found = state(plan_dir, files)
            clean = found is not None and not found[1]
        line = plan_commits(plan_dir) if clean else []
    except MpiError:
        line = []
    if line:
        return line[-1][1].astimezone(UTC)
    times = [p.stat().st_mtime for p in files if p.exists()]
    return datetime.fromtimestamp(int(max(times, default=0)), UTC)
