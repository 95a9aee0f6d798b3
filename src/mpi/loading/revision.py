"""Read the plan as it was at a git revision, so `mpi diff` and `mpi report --since` can compare.

Git runs as a subprocess with a list of arguments (never a shell). The revision's plan files
are written to a temporary directory and loaded with the ordinary loader, so a plan at a
revision is checked exactly like the working tree.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpi.domain.errors import PlanInvalid, UsageError
from mpi.i18n import _, ngettext
from mpi.i18n.formats import count
from mpi.loading.sources import MAX_BYTES
from mpi.loading.yaml_errors import ReadError

if TYPE_CHECKING:
    from mpi.domain.model import Plan
    from mpi.loading.load import Loaded

GIT_TIMEOUT = 60  # seconds; a hung git must not hang mpi forever
# Every call: paths are file names, never patterns (a plan directory may be called
# `plan[1]`); nothing a repository's or the user's configuration names runs (fsmonitor, hooks,
# pagers, external diff and text conversion, credential helpers, remote helpers); nothing it
# sets changes what mpi reads (quoted paths, signatures in the log, colours, replaced objects).
SAFE = (
    "--literal-pathspecs", "--no-pager", "--no-replace-objects",
    *("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"),
    *("-c", "core.pager=cat", "-c", "diff.external=", "-c", "core.askPass="),
    *("-c", "credential.helper=", "-c", "protocol.allow=never", "-c", "core.sshCommand=false"),
    *("-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "color.ui=false"),
    *("-c", "log.decorate=false", "-c", "diff.noprefix=false", "-c", "core.untrackedCache=false"),
    *("-c", "log.showRoot=true", "-c", "i18n.logOutputEncoding=UTF-8"),
)  # fmt: skip
BLOB_MODES = ("100644", "100755")  # regular files; symbolic links and submodules are skipped


def command(directory: Path, *args: str) -> list[str]:
    """The command line of a git call in `directory`, with SAFE in force."""
    return ["git", *SAFE, "-C", str(directory), *args]


def git(
    directory: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git in `directory` (with `stdin` as its input); a missing git binary is a usage
    error, not a crash."""
    try:
        return subprocess.run(
            command(directory, *args),
            input=stdin,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
            env=_environment(),
        )
    except FileNotFoundError:
        raise UsageError(_("git is not installed or not on PATH")) from None
    except subprocess.TimeoutExpired:
        raise UsageError(
            _("git {command} took longer than {seconds} s").format(
                command=args[0], seconds=GIT_TIMEOUT
            )
        ) from None


def _environment() -> dict[str, str]:
    """This process's environment without GIT_* variables (an exported GIT_DIR or
    GIT_WORK_TREE would make git look at another repository than the plan's), and with git's
    messages in English, which mpi reads (a German locale would translate them)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # No index written by a read (no hook after it), no prompt for a password.
    return env | {
        "LC_ALL": "C",
        "LANGUAGE": "",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_TERMINAL_PROMPT": "0",
    }


def _first_line(data: bytes) -> str:
    lines = data.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else ""


def repository(plan_dir: Path) -> tuple[Path, str]:
    """The git top-level of the plan directory and the directory's path inside it."""
    result = git(plan_dir, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        why = _first_line(result.stderr)
        detail = "" if "not a git repository" in why else f" ({why})"
        raise UsageError(_("the plan is not in a git repository{detail}").format(detail=detail))
    top = Path(result.stdout.decode("utf-8", "surrogateescape").strip())
    try:
        relative = plan_dir.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            _("the plan directory {directory} is not inside {top}").format(
                directory=plan_dir, top=top
            )
        ) from None
    return top, relative


def resolve(top: Path, rev: str) -> str:
    """The commit id a revision names; anything git cannot resolve to a commit is refused."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n"):
        raise UsageError(_("{rev} is not a git revision").format(rev=repr(rev)))
    result = git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if result.returncode != 0:
        raise UsageError(_("unknown git revision {rev}").format(rev=repr(rev)))
    return result.stdout.decode("ascii").strip()


def commit_day(plan_dir: Path, rev: str) -> date | None:
    """The day the commit a revision names was made (its committer date), or None."""
    top, _relative = repository(plan_dir)
    commit = resolve(top, rev)
    result = git(top, "log", "-1", "--format=%cs", commit)
    try:
        return date.fromisoformat(result.stdout.decode("ascii").strip())
    except ValueError:
        return None


def shallow(top: Path) -> bool:
    """Whether the repository holds only part of its history (`git clone --depth`)."""
    result = git(top, "rev-parse", "--is-shallow-repository")
    return result.stdout.strip() == b"true"


def last_change(plan_dir: Path, name: str) -> str | None:
    """The last commit on the first-parent line of HEAD that changed the plan's file `name`."""
    top, relative = repository(plan_dir)
    path = name if relative == "." else f"{relative}/{name}"
    result = git(top, "log", "-1", "--first-parent", "--format=%H", "HEAD", "--", path)
    found = result.stdout.decode("ascii", "replace").strip()
    return found if result.returncode == 0 and found else None


def plan_commits(plan_dir: Path) -> list[tuple[str, datetime]]:
    """The commits on the first-parent line of HEAD that changed the plan directory, oldest
    first, each with its committer time (what orders a change log and stamps a calendar)."""
    top, relative = repository(plan_dir)
    result = git(top, "log", "--first-parent", "--format=%H %cI", "HEAD", "--", relative)
    if result.returncode != 0:
        return []
    out = []
    for record in reversed(result.stdout.decode("ascii", "replace").splitlines()):
        sha, _space, when = record.partition(" ")
        out.append((sha, datetime.fromisoformat(when)))
    return out


def commits_after(plan_dir: Path, rev: str) -> frozenset[str]:
    """The commits on the first-parent line from `rev` (not included) to HEAD."""
    top, _relative = repository(plan_dir)
    commit = resolve(top, rev)
    result = git(top, "rev-list", "--first-parent", f"{commit}..HEAD")
    return frozenset(result.stdout.decode("ascii", "replace").split())


Named = list[tuple[str, str]]


def revision_names(plan_dir: Path, commits: int, timeout: float) -> tuple[Named, Named]:
    """Revisions a person may name, for shell completion, each with what it is: tags and
    branches (newest first); HEAD and the last `commits` commits (short id, day, subject).
    Nothing where git is missing, slower than `timeout` seconds or the plan not in git."""

    def lines(*args: str) -> Named:
        try:
            done = subprocess.run(
                command(plan_dir, *args), capture_output=True, timeout=timeout, env=_environment()
            )
        except (OSError, subprocess.TimeoutExpired):
            return []
        text = done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""
        return [(n, what) for n, _tab, what in (line.partition("\t") for line in text.splitlines())]

    refs = "--format=%(refname:short)\t%(creatordate:short) %(subject)"
    named = lines("for-each-ref", "--sort=-creatordate", refs, "refs/tags", "refs/heads")
    recent = lines("log", f"-{commits}", "--format=%h\t%cs %s")
    return named, [("HEAD", ""), *recent] if recent else []


def commit_before(plan_dir: Path, day: date) -> str | None:
    """The last commit made on or before `day` (its end, local time) on the line of commits
    that led to HEAD (first parents: a merged branch's own commits are not that line's
    states), or None."""
    top, _relative = repository(plan_dir)
    until = f"{day.isoformat()} 23:59:59"
    result = git(top, "rev-list", "-1", "--first-parent", f"--before={until}", "HEAD")
    found = result.stdout.decode("ascii").strip()
    return found if result.returncode == 0 and found else None


def plan_blobs(top: Path, commit: str, relative: str) -> dict[str, tuple[str, int]]:
    """File name -> (blob id, size) of the YAML files directly in the plan directory."""
    args = ["ls-tree", "-l", "-z", commit]
    if relative != ".":
        args += ["--", f"{relative}/"]
    result = git(top, *args)
    if result.returncode != 0:
        raise UsageError(
            _("cannot list {path} at {commit}: {reason}").format(
                path=relative, commit=commit[:12], reason=_first_line(result.stderr)
            )
        )
    blobs = {}
    for entry in result.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, blob, size = meta.split()
        name = path.rsplit("/", 1)[-1]
        if kind == "blob" and mode in BLOB_MODES and name.endswith((".yaml", ".yml")):
            if not size.isdigit():  # git prints BAD for an object it cannot find
                raise UsageError(
                    _(
                        "cannot read {path} at {commit}: the git repository is missing this "
                        "file's object (a damaged or shallow clone?)"
                    ).format(path=path, commit=commit[:12])
                )
            blobs[name] = (blob, int(size))
    return blobs


def checkout_plan(
    plan_dir: Path,
    rev: str,
    target: Path,
    same: Callable[[str, str], bool] | None = None,
    label: str | None = None,
) -> str:
    """Write the plan files of `rev` into `target`; returns the commit id. Messages name
    the revision as `label` (default: `rev` as given).

    A file for which `same(name, blob id)` holds is written empty: the caller has its model.
    """
    top, relative = repository(plan_dir)
    commit = resolve(top, rev)
    rev = label or rev
    blobs = plan_blobs(top, commit, relative)
    if "plan.yaml" not in blobs:
        raise UsageError(
            _("{path} does not exist at revision {rev}").format(
                path=f"{relative}/plan.yaml", rev=repr(rev)
            )
        )
    for name, (blob, size) in blobs.items():
        if same is not None and same(name, blob):
            (target / name).write_bytes(b"")
            continue
        if size > MAX_BYTES:
            raise UsageError(
                _(
                    "{path} at {rev} has {size} bytes, more than the limit of {limit} (MAX_BYTES)"
                ).format(
                    path=f"{relative}/{name}",
                    rev=repr(rev),
                    size=count(size),
                    limit=count(MAX_BYTES),
                )
            )
        result = git(top, "cat-file", "blob", blob)
        if result.returncode != 0:
            raise UsageError(
                _("cannot read {path} at {rev}").format(path=f"{relative}/{name}", rev=repr(rev))
            )
        (target / name).write_bytes(result.stdout)
    return commit


@contextmanager
def checked_out(plan_dir: Path, rev: str, label: str | None = None) -> Iterator[tuple[Path, str]]:
    """The plan files of `rev` in a temporary directory (removed afterwards), and the commit;
    messages name the revision as `label`."""
    with tempfile.TemporaryDirectory(prefix="mpi-rev-") as tmp:
        target = Path(tmp) / "plan"
        target.mkdir()
        yield target, checkout_plan(plan_dir, rev, target, label=label)


def load_at(
    plan_dir: Path, rev: str, current: Loaded | None = None, *, release: bool = False
) -> Plan:
    """The Plan at a revision, each file validated against its model (the rules across
    files are the working tree's: a past revision is read to be compared); PlanInvalid names
    files as `REV:path` when it is not valid.

    With `current`, a load of the working tree, a file whose bytes are the same at `rev` (the
    same git blob id) is not read or validated again: its model is taken from `current`; a
    file that differs only inside measures' blocks has only those blocks read
    (`reread.read_changed`), the rest taken from `current`.
    `release`: the caller needs no positions in the other files of `current` any more; they
    are let go before the revision's versions are read (memory for a large plan).
    """
    from mpi.loading.load import load_plan, require_plan

    with tempfile.TemporaryDirectory(prefix="mpi-rev-") as tmp:
        target = Path(tmp) / "plan"
        target.mkdir()
        reuse: dict[Path, Any] = {}

        def same(name: str, blob: str) -> bool:
            known = current.models.get(plan_dir / name) if current is not None else None
            if known is None or _blob_id(plan_dir / name) != blob:
                return False
            reuse[target / name] = known
            return True

        checkout_plan(plan_dir, rev, target, same if current is not None else None)
        partly = _read_in_part(plan_dir, target, current, reuse) if current is not None else {}
        if release and current is not None:
            reused = {id(source) for source, _model in reuse.values()}
            for source in current.field_files.values():
                if id(source) not in reused:
                    source.tree = None
        try:  # a file read in part is valid: an error is in a file read whole, in its place
            return require_plan(load_plan(target, reuse={**reuse, **partly}, checks=False))
        except PlanInvalid as exc:
            _top, relative = repository(plan_dir)
            raise _at_revision(exc, rev, relative, target) from None


def _read_in_part(
    plan_dir: Path, target: Path, current: Loaded, reuse: dict[Path, Any]
) -> dict[Path, Any]:
    """The files of the revision that differ from the working tree's only inside measures'
    blocks, each as `current`'s data and model with those measures read again."""
    from mpi.loading.reader import Budget
    from mpi.loading.reread import read_changed
    from mpi.loading.sources import decode, fingerprint

    found: dict[Path, Any] = {}
    budget = Budget()  # the values read in part, in all files, count against one limit
    for path in sorted(target.iterdir()):
        known = current.models.get(plan_dir / path.name)
        if path in reuse or known is None or known[0].tree is None:
            continue
        source = known[0]
        ours_path = plan_dir / path.name
        try:
            before = fingerprint(os.stat(ours_path))
            ours = decode(ours_path.read_bytes())
            after = fingerprint(os.stat(ours_path))
            theirs = decode(path.read_bytes())
        except (OSError, ReadError):
            continue
        if not source.fingerprint == before == after:  # not (only) the bytes `current` read
            continue
        read = read_changed(known, (ours, theirs), budget)
        if read is not None:
            found[path] = read
    return found


def _blob_id(path: Path) -> str | None:
    """The id git gives the file's bytes, or None where it cannot be read."""
    try:
        return _hash(path.read_bytes())
    except OSError:
        return None


def _hash(data: bytes) -> str:
    """The id git gives these bytes (SHA-1 of "blob SIZE\\0" and the bytes)."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _at_revision(exc: PlanInvalid, rev: str, relative: str, target: Path) -> PlanInvalid:
    """The same error with file names as they are in the repository (`HEAD~2:plan/hf1.yaml`)."""

    def rename(file: str) -> str:
        prefix = "" if relative == "." else f"{relative}/"
        return f"{rev}:{prefix}{Path(file).name}"

    errors = sum(d.severity == "error" for d in exc.diagnostics)
    said = ngettext(
        "the plan at revision {rev} has {count} error",
        "the plan at revision {rev} has {count} errors",
        errors,
    ).format(rev=rev, count=errors)
    renamed = [replace(d, file=rename(d.file)) for d in exc.diagnostics]
    return PlanInvalid(renamed, exc.exit_code, said)
