"""The language of a run, chosen before the command line is parsed, so that the parser's own
messages and the help are in it too.

Order: --lang (anywhere before `--`), $MPI_LANG, the locale ($LC_ALL, $LC_MESSAGES, $LANG: the
first that is set) when it names German or English, the language plan.yaml declares
(`language: de`), German. The plan is found the way every command finds it (--plan, $MPI_PLAN,
this directory or a parent, the shipped plan); only its `language:` line is read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from mpi.domain.errors import MpiError, UsageError
from mpi.i18n import (
    ENV_VAR,
    Language,
    LanguageError,
    _,
    activate,
    choose,
    from_locale,
    option_value,
    parse,
)

OPTION = "--lang"
_DECLARED = re.compile(rb"^language:[ \t]*[\"']?([A-Za-z_.@-]+)", re.MULTILINE)


def plan_language(args: Sequence[str], environ: Mapping[str, str]) -> Language | None:
    """The language the plan of this run declares, or None (no plan, no or unknown line)."""
    from mpi.loading.locate import PLAN_FILE, locate_plan

    named = option_value(args, "--plan")
    try:
        location = locate_plan(Path(named) if named else None, environ)
        head = _head(location.path / PLAN_FILE)
    except (OSError, ValueError, MpiError):
        return None  # the command itself says what is wrong with the plan
    found = _DECLARED.search(head)
    if found is None:
        return None
    try:
        return parse(found.group(1).decode("ascii"))
    except LanguageError:
        return None


def _head(path: Path) -> bytes:
    """The first MiB of a regular file; b"" for anything else (a FIFO, a device, a link),
    read without blocking: the command itself says what is wrong with the file."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return b""
        return handle.read(1 << 20)


def language_of(args: Sequence[str], environ: Mapping[str, str] | None = None) -> Language:
    """The language of a run with these arguments; UsageError for an unknown --lang or
    $MPI_LANG (said in the language the rest of the order gives)."""
    environ = os.environ if environ is None else environ
    option = option_value(args, OPTION)
    try:
        return choose(option, environ, _lazy_plan(args, environ, option))
    except LanguageError as exc:
        activate(from_locale(environ) or "de")  # complain in the locale's language
        what = OPTION if option else ENV_VAR
        raise UsageError(
            _("{what}: unknown language {value} (de or en)").format(what=what, value=repr(str(exc)))
        ) from None


def _lazy_plan(
    args: Sequence[str], environ: Mapping[str, str], option: str | None
) -> Language | None:
    """The plan's language, read only when nothing before it in the order decides."""
    if option or environ.get(ENV_VAR) or from_locale(environ):
        return None
    return plan_language(args, environ)
