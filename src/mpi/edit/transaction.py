"""Recording progress: the transaction every edit goes through.

Every edit takes the plan's lock, reads the file under it, changes the round-trip tree
(`roundtrip`), validates the whole plan with the new text through the normal loader, refuses
if the file changed on disk meanwhile, and replaces the file atomically (`fsutil`). A crash at
any moment leaves the old or the new file.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpi.domain.dates import MAX_YEAR, Due, horizon
from mpi.domain.errors import EditRefused, UsageError
from mpi.domain.words import suggest
from mpi.edit.roundtrip import dump_text, load_text
from mpi.fsutil import atomic_write
from mpi.loading.load import load_plan
from mpi.loading.locate import PLAN_FILE, plan_files
from mpi.loading.sources import read_source

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

LOCK_NAME = ".mpi.lock"
LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class PlanFacts:
    """What a mutation may need to know about the plan beyond the measure it changes."""

    horizon: int  # the last year recurrences without an end run to


# A mutation changes one measure's round-trip mapping and says what it did, in one line.
Mutation = Callable[["CommentedMap", PlanFacts], str]


@dataclass(frozen=True)
class EditResult:
    path: Path
    diff: str
    summary: str
    written: bool
    warning: str | None = None  # the file was written, but something short of failure went wrong


@contextmanager
def plan_lock(directory: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Exclusive lock on a sidecar file, held across read, validate and write.

    fcntl.flock rather than the filelock package: the same call, without the ~80 ms that
    importing filelock (and asyncio with it) adds to every edit.
    """
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


def find_measure_file(directory: Path, measure_id: str) -> Path:
    """The Handlungsfeld file that holds the measure."""
    known: list[str] = []
    for path, measure in _measures_on_disk(directory):
        if measure.get("id") == measure_id:
            return path
        known.append(str(measure.get("id")))
    raise UsageError(f"unknown measure {measure_id!r}{suggest(measure_id, known)}")


def find_indicator(directory: Path, indicator_id: str) -> tuple[Path, str]:
    """The file and measure id that hold the indicator."""
    known: list[str] = []
    for path, measure in _measures_on_disk(directory):
        for indicator in measure.get("indicators") or []:
            ident = indicator.get("id") if isinstance(indicator, dict) else None
            if ident == indicator_id:
                return path, str(measure.get("id"))
            known.append(str(ident))
    raise UsageError(f"unknown indicator {indicator_id!r}{suggest(indicator_id, known)}")


def plan_facts(directory: Path) -> PlanFacts:
    """The plan's horizon from plan.yaml, as `Plan.horizon` computes it.

    A plan.yaml that does not read gives the widest horizon; validating the edited plan
    refuses the edit then anyway.
    """
    source, problem = read_source(directory / PLAN_FILE)
    tree = source.tree if problem is None else {}
    adopted = tree.get("adopted")
    if not isinstance(adopted, int):
        return PlanFacts(MAX_YEAR)
    years = []
    for milestone in tree.get("milestones") or []:
        try:
            years.append(Due.parse(milestone.get("due")).year)
        except (AttributeError, ValueError):
            continue
    return PlanFacts(horizon(adopted, years))


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
        path = path or find_measure_file(directory, measure_id)
        before = path.read_bytes()
        text = before.decode("utf-8")
        tree = load_text(text)
        measure = next((m for m in tree["measures"] if m.get("id") == measure_id), None)
        if measure is None:
            raise UsageError(f"unknown measure {measure_id!r}")
        summary = mutate(measure, plan_facts(directory))
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
        warning = atomic_write(path, new_text.encode("utf-8"))
        return EditResult(path, diff, summary, written=True, warning=warning)


def edit_indicator(
    directory: Path, indicator: str, mutate: Mutation, *, dry_run: bool = False
) -> EditResult:
    """Like `edit_measure`, for the measure that holds the indicator."""
    path, measure_id = find_indicator(directory, indicator)
    return edit_measure(directory, measure_id, mutate, dry_run=dry_run, path=path)
