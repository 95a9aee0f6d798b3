"""Cache of query output, keyed by everything the output depends on.

`mpi status` and the other read-only queries are pure functions of the plan files' bytes, the
arguments, the date, the terminal (width, colour) and mpi itself. When all of these are the
same as in an earlier run, the earlier output is printed again without importing typer,
pydantic or rich. Any change to any input gives a new key, so a stale answer cannot be shown;
any problem with the cache (unreadable, corrupt, full disk) silently falls back to the normal
path. MPI_NO_CACHE=1 switches it off; MPI_CACHE_DIR moves it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from datetime import date
from pathlib import Path

QUERIES = frozenset({"status", "list", "show", "due", "timeline"})
MAX_ENTRIES = 256
_MAGIC = b"mpi-cache-1\n"
# Environment that changes what rich prints or where the plan is found.
_ENV = (
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "COLORTERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "MPI_PLAN",
    "MPI_PURE_YAML",
    "PYTHONIOENCODING",
    "JUPYTER_COLUMNS",
)

_pending: str | None = None  # the key of this process's cacheable run, set by `begin`


def cache_dir() -> Path:
    if os.environ.get("MPI_CACHE_DIR"):
        return Path(os.environ["MPI_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mpi"


def _plan_option(argv: list[str]) -> tuple[bool, str | None]:
    """(understood, --plan value): anything unusual means no caching."""
    value = None
    for index, arg in enumerate(argv):
        if arg == "--plan":
            if index + 1 >= len(argv):
                return False, None
            value = argv[index + 1]
        elif arg.startswith("--plan="):
            value = arg[len("--plan=") :]
        elif arg in ("--help", "--debug", "--version") or arg.startswith("--pla"):
            return False, None
    return True, value


def _code_fingerprint(hasher: hashlib._Hash) -> None:
    """mpi's own files and the installed rich (which draws the tables) by size and mtime."""
    package = Path(__file__).parent
    for root, _dirs, files in os.walk(package):
        if "data" in Path(root).relative_to(package).parts[:1]:
            continue
        for name in sorted(files):
            if name.endswith((".py", ".j2")):
                info = os.stat(os.path.join(root, name))
                hasher.update(f"{name}:{info.st_size}:{info.st_mtime_ns};".encode())
    import importlib.util

    spec = importlib.util.find_spec("rich")
    if spec and spec.origin:
        info = os.stat(spec.origin)
        hasher.update(f"rich:{spec.origin}:{info.st_mtime_ns};".encode())


def key(argv: list[str]) -> str | None:
    """The cache key of a query command line, or None when it must not be cached."""
    if os.environ.get("MPI_NO_CACHE") or not argv or argv[0] not in QUERIES:
        return None
    understood, plan_value = _plan_option(argv[1:])
    if not understood:
        return None
    from mpi.loading.locate import find_plan, plan_files

    try:
        directory = find_plan(Path(plan_value) if plan_value is not None else None)
        plan_file, fields = plan_files(directory)
        hasher = hashlib.sha256()
        hasher.update(
            repr(
                (
                    sys.version,
                    sys.executable,
                    argv,
                    date.today().isoformat(),
                    str(directory.resolve()),
                    os.getcwd(),
                )
            ).encode()
        )
        hasher.update(repr([(name, os.environ.get(name)) for name in _ENV]).encode())
        tty = sys.stdout.isatty()
        size = os.get_terminal_size(sys.stdout.fileno()) if tty else None
        hasher.update(repr((tty, size)).encode())
        for path in (plan_file, *fields):
            hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        _code_fingerprint(hasher)
    except Exception:  # anything odd: no cache; the normal path reports real problems
        return None
    return hasher.hexdigest()


def serve(argv: list[str]) -> bool:
    """Print the cached output of this command line if there is a valid entry."""
    global _pending
    _pending = key(argv)
    if _pending is None:
        return False
    try:
        data = (cache_dir() / _pending).read_bytes()
    except OSError:
        return False
    if not data.startswith(_MAGIC):
        return False
    digest, _, payload = data[len(_MAGIC) :].partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return False
    sys.stdout.buffer.write(payload)
    sys.stdout.flush()
    return True


def save(output: str) -> None:
    """Remember this run's output under the key computed at start (if it was cacheable)."""
    if _pending is None:
        return
    payload = output.encode("utf-8", "backslashreplace")
    data = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    from mpi.fsutil import atomic_write

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        atomic_write(directory / _pending, data)
        _prune(directory)
    except OSError:
        pass


def _prune(directory: Path) -> None:
    entries = [p for p in directory.iterdir() if not p.name.startswith(".")]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - MAX_ENTRIES]:
        old.unlink(missing_ok=True)
