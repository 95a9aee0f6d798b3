"""The console script. Imports nothing heavy itself, so that Ctrl-C or a closed pipe during
start-up (while typer, rich and pydantic load) ends mpi with one line, not a traceback."""

from __future__ import annotations

import signal


def _interrupted_early(_signum: int, _frame: object) -> None:
    """A Ctrl-C before main's error boundary (while this module loads): the same line and
    exit code, at once."""
    import os

    try:
        said = interrupted()
    except BaseException:  # not defined yet, or a second Ctrl-C: said plainly
        said = "interrupted"
    os.write(2, b"mpi: " + said.encode("utf-8", "backslashreplace") + b"\n")
    os._exit(130)


# First of all: a Ctrl-C from here until main() takes over is one line, not a traceback.
signal.signal(signal.SIGINT, _interrupted_early)

import errno  # noqa: E402
import gc  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from contextlib import suppress  # noqa: E402
from typing import NoReturn  # noqa: E402


def main() -> NoReturn:
    # No cycle collector: a run only creates what lives until it ends (what it buys and
    # costs: benchmarks/README.md).
    gc.disable()
    # Pydantic's documented switch: no plugin (observability hooks mpi never uses) is looked
    # for in every installed package's entry points when the first model is built.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None:  # started with its output closed (`mpi status >&-`)
        sys.stdout = _ClosedOutput()
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C: KeyboardInterrupt
        from mpi.cli.app import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write(f"mpi: {interrupted()}\n")
        raise SystemExit(130) from None  # 128 + SIGINT (EXIT_INTERRUPTED; not imported here)
    except BrokenPipeError:
        _quiet_stdout()
        raise SystemExit(0) from None
    except OSError as exc:  # what mpi.cli.app leaves to the entry point: the output failed
        with suppress(OSError):  # stderr may be full as well: then the exit code says it
            sys.stderr.write(f"mpi: {cannot_write(exc)}\n")
            sys.stderr.flush()
        raise SystemExit(2) from None  # EXIT_USAGE (not imported here)
    except Exception as exc:  # a Ctrl-C that came wrapped (while a class was made)
        from mpi.domain.errors import ctrl_c

        if not ctrl_c(exc):
            raise
        sys.stderr.write(f"mpi: {interrupted()}\n")
        raise SystemExit(130) from None
    finally:
        # The run is over; Python's exit (flushing output, tearing down modules) is not
        # mpi's: a Ctrl-C there would end the process by the signal or with a traceback. It
        # waits, and is dropped when the process ends. (A Ctrl-C that came while Python ran
        # generated code, as dataclasses and pydantic exec() theirs, makes CPython end the
        # process by SIGINT however it was handled; with SIGINT held, it exits 130.)
        _hold_ctrl_c()
    raise SystemExit(0)


class _ClosedOutput(io.TextIOBase):
    """Standard output that was closed before mpi started: Python leaves `sys.stdout` None,
    and click and rich then drop what is printed without a word. Writing to this fails as
    writing to the closed descriptor does, so that the run says so and exits 2."""

    encoding = "utf-8"
    errors = "strict"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _hold_ctrl_c() -> None:
    """Hold SIGINT from here on; one that came just now is dropped (the run is over)."""
    while True:
        try:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            return
        except KeyboardInterrupt:
            continue


def interrupted() -> str:
    """ "interrupted" in the run's language, chosen without reading the plan (Ctrl-C may come
    before anything else is loaded): --lang, $MPI_LANG, the locale, else German."""
    try:
        from mpi.i18n import _

        _speaking()
        return _("interrupted")
    except (Exception, KeyboardInterrupt):  # a second Ctrl-C, or an unknown --lang
        return "interrupted"


def cannot_write(exc: OSError) -> str:
    """`cannot write the output: No space left on device`, in the run's language."""
    from mpi.i18n import _, reason

    with suppress(Exception):  # an unknown --lang: said in English
        _speaking()
    return _("cannot write the output: {reason}").format(reason=reason(exc))


def _speaking() -> None:
    """The run's language, again: the run itself spoke in a context of its own."""
    from mpi.i18n import activate, choose, option_value

    activate(choose(option_value(sys.argv[1:], "--lang")))


def _quiet_stdout() -> None:
    """Output piped into `head` and the like: drop what is left instead of failing on exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
