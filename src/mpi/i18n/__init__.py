"""The language people read, German or English, and the gettext catalogs that carry it.

The language is chosen once per run (`choose`): --lang, then $MPI_LANG, then the locale
($LC_ALL, $LC_MESSAGES, $LANG: the first that is set) when it names German or English, then
the language the plan declares (`language:` in plan.yaml), else German. `activate` makes it
the language of `_()` and `ngettext()` for the rest of the run (a context variable, so tests
and library callers can switch it).

Message ids are the English texts; the German catalog is src/mpi/i18n/locale/de/LC_MESSAGES/
mpi.po, compiled to mpi.mo when the package is built (hatch_build.py). JSON and CSV never go
through here: they are a machine contract, the same in both languages.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Literal

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
DEFAULT: Language = "de"  # mpi's users work in German
DOMAIN = "mpi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENV_VAR = "MPI_LANG"
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")

_active: ContextVar[_gettext.NullTranslations | None] = ContextVar("mpi_translation", default=None)
_ENGLISH = _gettext.NullTranslations()  # message ids are the English texts
_language: ContextVar[Language] = ContextVar("mpi_language", default="en")


class LanguageError(ValueError):
    """A language that is neither German nor English."""


def parse(value: str) -> Language:
    """`de`, `DE`, `de_DE.UTF-8`, `deutsch`, `german`, `en_GB` ... as de or en."""
    word = value.strip().lower()
    if word in ("de", "deu", "ger", "deutsch", "german") or re.match(r"de[_.@-]", word):
        return "de"
    if word in ("en", "eng", "englisch", "english") or re.match(r"en[_.@-]", word):
        return "en"
    raise LanguageError(value)


def from_locale(environ: Mapping[str, str]) -> Language | None:
    """The language the locale names ($LC_ALL, $LC_MESSAGES, $LANG: the first that is set,
    as POSIX reads them), or None for C, POSIX or any other language."""
    for name in LOCALE_VARS:
        value = environ.get(name)
        if value:
            try:
                return parse(value)
            except LanguageError:
                return None
    return None


def choose(
    option: str | None,
    environ: Mapping[str, str] | None = None,
    plan_language: Language | None = None,
) -> Language:
    """The language of this run. An unknown --lang or $MPI_LANG raises LanguageError."""
    environ = os.environ if environ is None else environ
    if option:
        return parse(option)
    if environ.get(ENV_VAR):
        return parse(environ[ENV_VAR])
    return from_locale(environ) or plan_language or DEFAULT


@cache
def _catalog(language: Language) -> _gettext.NullTranslations:
    """The compiled catalog of `language`, opened where the build put it (gettext.find would
    try a dozen locale spellings first, ~1 ms); the English ids when it is missing."""
    if language == "en":
        return _ENGLISH
    try:
        with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
            return _gettext.GNUTranslations(file)
    except OSError:  # not built, or damaged (gettext raises OSError for a bad file)
        return _ENGLISH


def activate(language: Language) -> None:
    """Make `language` the language of `_()` for the rest of this run (or context)."""
    _active.set(_catalog(language))
    _language.set(language)


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Say what is inside in `language`, then return to the reader's: the updates log of a
    plan is written in the plan's language, whoever runs the command."""
    active, chosen = _active.set(_catalog(language)), _language.set(language)
    try:
        yield
    finally:
        _language.reset(chosen)
        _active.reset(active)


def language() -> Language:
    """The active language (English until a command activates one)."""
    return _language.get()


def _translation() -> _gettext.NullTranslations:
    return _active.get() or _ENGLISH


def _(message: str) -> str:
    """The message in the active language (message ids are the English texts)."""
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """The message in the active language where one English word has two German ones
    ("done": a measure is abgeschlossen, a milestone erledigt)."""
    return _translation().pgettext(context, message)


def N_(message: str) -> str:  # the name xgettext and pybabel know
    """Marks a message for the catalog where it is translated later (help texts, tables)."""
    return message


def NC_(context: str, message: str) -> str:  # pybabel: -k NC_:1c,2
    """Marks a message with its context for the catalog (looked up later with pgettext)."""
    return message


# The C library's words for why a file operation failed (OSError.strerror; Python does not
# set the locale, so they are English), for the catalog.
OS_ERRORS = (
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Operation not permitted"),
    N_("Not a directory"),
    N_("Is a directory"),
    N_("No space left on device"),
    N_("Disk quota exceeded"),
    N_("Read-only file system"),
    N_("File exists"),
    N_("Directory not empty"),
    N_("File name too long"),
    N_("Too many levels of symbolic links"),
    N_("Input/output error"),
    N_("Device or resource busy"),
    N_("Invalid cross-device link"),
    N_("Stale file handle"),
    N_("No such device or address"),
    N_("Bad file descriptor"),
    N_("File too large"),
    N_("Broken pipe"),
    N_("Connection reset by peer"),
)


def reason(exc: OSError) -> str:
    """Why a file operation failed, in the reader's language where the catalog knows the
    C library's words ("Permission denied": "Zugriff verweigert"), else as they are."""
    return _(exc.strerror) if exc.strerror else str(exc)


def option_value(args: Sequence[str], name: str) -> str | None:
    """The value of `--name VALUE` or `--name=VALUE` in raw command-line arguments (the
    last one wins, as the parser reads them); arguments after `--` are not options."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith(name + "="):
            found = arg[len(name) + 1 :]
    return found
