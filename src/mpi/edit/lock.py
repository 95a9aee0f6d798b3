"""The plan's lock: one writer at a time, and a writer that has to wait says for whom.

The lock is on the plan directory itself (see `plan_lock`). How long an edit waits for it,
and how it tells that it waits, is the run's (`LOCK_WAIT`, set by `mpi … --wait SECONDS`).
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from mpi.domain.errors import EXIT_USAGE, EditRefused
from mpi.fsutil import remove_stale_temps
from mpi.i18n import _, reason

LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class LockWait:
    """How long an edit waits for another writer, and how it says that it waits (once, at
    once; None: it waits silently)."""

    seconds: float = LOCK_TIMEOUT
    tell: Callable[[str], None] | None = None


LOCK_WAIT: ContextVar[LockWait | None] = ContextVar("lock_wait", default=None)


@contextmanager
def writing(directory: Path, dry_run: bool) -> Iterator[None]:
    """The plan locked for an edit, with the temporary files an interrupted one left removed;
    neither for a dry run, which writes nothing."""
    if dry_run:
        yield
        return
    with plan_lock(directory):
        remove_stale_temps(directory)
        yield


@contextmanager
def plan_lock(directory: Path, timeout: float | None = None) -> Iterator[None]:
    """Exclusive lock on the plan directory, held across read, validate and write.

    The directory, not a lock file: a lock file can be deleted by any cleanup (`git clean -X`)
    while a writer holds it, and then protects nothing; a file created by one member of a
    shared folder can lock the others out. fcntl.flock rather than the filelock package: the
    same call, without the ~80 ms that importing filelock (and asyncio) adds to every edit.
    """
    import fcntl

    wait = LOCK_WAIT.get() or LockWait()
    seconds = wait.seconds if timeout is None else timeout
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise EditRefused(  # exit 2, as a query that cannot list it
            _("cannot open the plan directory {directory}: {reason}").format(
                directory=directory, reason=reason(exc)
            ),
            EXIT_USAGE,
        ) from None
    try:
        deadline = time.monotonic() + seconds
        holder: str | None = None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise EditRefused(
                        _("cannot lock the plan directory {directory}: {reason}").format(
                            directory=directory, reason=reason(exc)
                        ),
                        EXIT_USAGE,
                    ) from None
                if holder is None:  # the first time: say for whom it waits, and how long
                    holder = lock_holder(fd)
                    if wait.tell is not None and seconds > 0:
                        wait.tell(_waiting(directory, holder, seconds))
                if time.monotonic() >= deadline:
                    raise EditRefused(_given_up(directory, holder, seconds)) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def _waiting(directory: Path, holder: str, seconds: float) -> str:
    return _(
        "waiting for {holder}, which is writing the plan in {directory}; up to {seconds} s "
        "(--wait SECONDS sets how long)"
    ).format(holder=holder, directory=directory, seconds=f"{seconds:g}")


def _given_up(directory: Path, holder: str, seconds: float) -> str:
    return _(
        "{holder} is still writing the plan in {directory} after {seconds} s; nothing was "
        "written: run the command again, or wait longer with --wait SECONDS"
    ).format(holder=holder, directory=directory, seconds=f"{seconds:g}")


def lock_holder(fd: int) -> str:
    """Who holds the lock on the open directory `fd`, as people name a process: its id, its
    user and its command line (`PID 4711, anna: mpi note HF1.1 …`), read from /proc/locks
    (Linux); `another program` where that does not tell (another machine of a shared folder)."""
    unknown = _("another program (not on this machine, or not shown to this user)")
    try:
        info = os.fstat(fd)
        wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            lines = locks.read().splitlines()
    except OSError:
        return unknown
    for line in lines:
        words = line.split()
        # `1: FLOCK  ADVISORY  WRITE 4711 fe:00:123 0 EOF`; `1: -> FLOCK …` is one waiting
        if len(words) >= 6 and words[1] == "FLOCK" and words[5] == wanted:
            pid = words[4]
            return _("PID {pid} ({who})").format(pid=pid, who=_process(pid))
    return unknown


def _process(pid: str) -> str:
    """`anna: mpi note HF1.1 …`: the user and the command line of a process, as far as known."""
    import pwd

    try:
        uid = os.stat(f"/proc/{pid}").st_uid
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read(4096).decode("utf-8", "replace").split("\0")
    except OSError:
        return "?"
    try:
        user = pwd.getpwuid(uid).pw_name
    except KeyError:
        user = str(uid)
    words = [w for w in words if w]
    for index, word in enumerate(words):  # from the program's name: `mpi note HF1.1 …`
        if os.path.basename(word) == "mpi":  # the console script, or `python -m mpi`
            words = ["mpi", *words[index + 1 :]]
            break
    command = " ".join(words)
    return f"{user}: {command[:80]}…" if len(command) > 80 else f"{user}: {command}"
