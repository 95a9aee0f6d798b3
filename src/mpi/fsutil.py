"""The one atomic write: a reader sees the old file or the new one, never half of either.

Temp files are named `.NAME.mpi-PID-TOKEN.tmp`, so that mpi can tell its own leftovers (from
a process that was killed) from anything else and remove them.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from mpi.i18n import _, reason

_TEMP = re.compile(r"\.(?P<name>.+)\.mpi-(\d+)-[0-9a-f]{12}\.tmp")


class NotRegularFile(OSError):
    """The target exists and is not a regular file (a link, a device, a directory, a FIFO)."""


class OwnerNotKept(PermissionError):
    """The new file could not get the old one's owner and group without taking access away."""


def atomic_write(
    path: Path, data: bytes, *, before_replace: Callable[[], None] | None = None
) -> str | None:
    """Replace `path` by `data`: temp file beside it, fsync, rename, fsync the directory.

    Only a regular file (or nothing) is replaced: NotRegularFile otherwise. A new file gets
    0666 less the umask; an existing one keeps its mode, owner and group (OwnerNotKept when
    that is impossible and the old owner would lose access). `before_replace` runs after the
    temp file is synced, right before the rename, and may raise to stop it. OSError before the
    rename leaves the old file and no temp file. Returns a warning when the rename is done but
    could not be made durable (the directory fsync failed): that is not a failure.
    """
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise NotRegularFile(f"{path} is not a regular file; mpi replaces only regular files")
    directory = path.parent
    temp = directory / f".{path.name}.mpi-{os.getpid()}-{secrets.token_hex(6)}.tmp"
    # O_EXCL: never follow or reuse someone else's file; 0o666 lets the umask decide.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if old is not None:
            _keep_owner(temp, path, old)
            _keep_attributes(temp, path)
            # Last: with an ACL, the group bits are its mask, which the old mode holds.
            os.chmod(temp, stat.S_IMODE(old.st_mode))
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        return _("{path} was written, but the directory could not be synced: {reason}").format(
            path=path, reason=reason(exc)
        )
    return None


def _keep_owner(temp: Path, path: Path, old: os.stat_result) -> None:
    """Give the temp file the old file's owner and group, as editors that save by rename do.

    Only root can give a file away; anyone else keeps the group (a shared folder's group)
    and becomes the owner, which is refused unless the old owner keeps the same access
    through that group.
    """
    mine = os.stat(temp)
    if (mine.st_uid, mine.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.chown(temp, old.st_uid, old.st_gid)
        return
    except PermissionError:
        pass
    try:
        os.chown(temp, -1, old.st_gid)
    except PermissionError:
        raise OwnerNotKept(
            _("{path} belongs to group {group}, which mpi cannot give the new file").format(
                path=path, group=_group(old.st_gid)
            )
        ) from None
    if mine.st_uid != old.st_uid and not _owner_keeps_access(old):
        raise OwnerNotKept(
            _(
                "{path} belongs to {user}; replacing it would make you its owner and lock "
                "{user} out (the group {group} does not give the same access)"
            ).format(path=path, user=_user(old.st_uid), group=_group(old.st_gid))
        )


class AttributesNotKept(OwnerNotKept):
    """The new file could not get the old one's extended attributes (its POSIX ACL is one)."""


def _keep_attributes(temp: Path, path: Path) -> None:
    """Give the temp file the old file's extended attributes: its access control list
    (`system.posix_acl_access`: who else may read or write it) and the `user.` ones. A
    file system without them has none to keep; a `security.` label the new file cannot take
    is left to the system (it labels the new file itself)."""
    try:
        names = os.listxattr(path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise
    # What the new file got that the old one has not (a directory's default ACL) goes.
    for name in set(os.listxattr(temp, follow_symlinks=False)) - set(names):
        if not name.startswith("security."):
            os.removexattr(temp, name, follow_symlinks=False)
    for name in names:
        try:
            value = os.getxattr(path, name, follow_symlinks=False)
            os.setxattr(temp, name, value, follow_symlinks=False)
        except OSError as exc:
            if name.startswith("security."):
                continue
            what = _("its access control list") if "posix_acl" in name else name
            raise AttributesNotKept(
                _("{path}: {what} could not be given to the new file ({reason})").format(
                    path=path, what=what, reason=reason(exc)
                )
            ) from None


def _owner_keeps_access(old: os.stat_result) -> bool:
    """Whether the old owner has, through the file's group, what they had as its owner."""
    import grp
    import pwd

    owner_bits, group_bits = (old.st_mode >> 6) & 7, (old.st_mode >> 3) & 7
    if owner_bits & ~group_bits:
        return False
    try:
        user = pwd.getpwuid(old.st_uid)
        group = grp.getgrgid(old.st_gid)
    except KeyError:
        return False
    return user.pw_gid == old.st_gid or user.pw_name in group.gr_mem


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return _("user {uid}").format(uid=uid)


def _group(gid: int) -> str:
    import grp

    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def remove_stale_temps(directory: Path, of: str | None = None) -> None:
    """Remove temp files that mpi processes which no longer run left in `directory` (only
    those for the file named `of`, where given: a report's folder is not mpi's own)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        match = _TEMP.fullmatch(name)
        if match is None or _running(int(match.group(2))):
            continue
        if of is not None and match.group("name") != of:
            continue
        with suppress(OSError):
            os.unlink(directory / name)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # running, as another user
        return True
    return True


def replace_directory(
    output: Path, write: Callable[[Path], None], finish: Callable[[Path], None] | None = None
) -> None:
    """Have `write` fill a new directory beside `output` (with `write_files`, or several
    processes at once), run `finish` on it (a search index), then put it in `output`'s
    place at once: a reader sees the old tree or the new one, and stale files of the old one
    go. Raises OSError; the half-built tree is removed."""
    import shutil
    import tempfile

    parent = output.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    build_dir = Path(tempfile.mkdtemp(prefix=f".{output.name}.mpi-", dir=parent))
    try:
        write(build_dir)
        build_dir.chmod(0o755)
        if finish is not None:
            finish(build_dir)
        old = None
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}.mpi-old-", dir=parent))
            output.rename(old / "tree")
        build_dir.rename(output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if build_dir.exists():
            shutil.rmtree(build_dir, ignore_errors=True)


def write_files(directory: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Each file (a path relative to `directory`, its bytes), as it comes."""
    made = {directory}
    for name, data in files:
        target = directory / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
