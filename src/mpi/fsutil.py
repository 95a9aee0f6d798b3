"""The one atomic write: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> str | None:
    """Replace `path` by `data`: temp file beside it, fsync, rename, fsync the directory.

    A new file gets 0666 less the umask; an existing one keeps its permission bits. A symbolic
    link at `path` is replaced, not followed. OSError before the rename leaves the old file and
    no temp file. Returns a warning when the rename is done but could not be made durable
    (the directory fsync failed): the new file is in place, so that is not a failure.
    """
    directory = path.parent
    temp = directory / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # O_EXCL: never follow or reuse someone else's file; 0o666 lets the umask decide.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with suppress(FileNotFoundError):
            os.chmod(temp, path.stat().st_mode & 0o7777)
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
        return f"{path} was written, but the directory could not be synced: {exc.strerror or exc}"
    return None
