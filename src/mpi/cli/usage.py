"""The command-line parser's own words in the reader's language: help pages and usage errors.

Typer (with the Click it vendors) writes its help and its errors in English, with no catalog
of its own that follows mpi's choice of language. mpi's help texts are English message ids
(marked with N_), so the help formatter translates what it writes: headings, the usage line,
the help of each command, argument and option, and the `[default: …]` notes. Usage errors
are caught before Typer prints them and said again from the exception's own fields, on one
line with the fix (`cli/hints.py`); a message mpi does not know (a future Typer wording) is
shown as Typer wrote it.

This is the one module that reaches past Typer's public API: Typer exports the base of its
exceptions (`typer.TyperException`) and `typer.Context`, but neither the kinds of usage
error (a missing argument, an unknown option), whose fields say what went wrong, nor the
help formatter of its Context (`typer.Context.formatter_class`, which this subclasses). They
come from Typer's vendored Click here and nowhere else;
tests/cli/test_typer_internals.py fails loudly when a Typer release changes them, and
tests/cli/test_language.py checks the wording.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer._click import exceptions  # the kinds of usage error: see the module's docstring
from typer._click.formatting import HelpFormatter  # typer.Context.formatter_class

from mpi.i18n import N_, NC_, _, ngettext, pgettext

# Typer's own help texts, for the catalog (the formatter translates them like mpi's own).
TYPER_TEXTS = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
)
# The names of arguments and value types in usage lines and help: placeholders people read.
ARGUMENTS = (
    NC_("argument", "measure"),
    NC_("argument", "milestone"),
    NC_("argument", "state"),
    NC_("argument", "indicator"),
    NC_("argument", "value"),
    NC_("argument", "text"),
    NC_("argument", "owner"),
    NC_("argument", "rev"),
    NC_("argument", "rev2"),
    NC_("argument", "kind"),
    NC_("argument", "meeting"),
    NC_("argument", "partner"),
    NC_("argument", "names"),
    NC_("argument", "number"),
    NC_("argument", "body"),
    NC_("argument", "day"),
    NC_("argument", "new_due"),
)
TYPES = (
    NC_("value type", "text"),  # Typer's `str`
    NC_("value type", "path"),
    NC_("value type", "number"),  # Typer's `int`
    NC_("value type", "date"),  # a day, a month or a year (metavar="<date>")
    NC_("value type", "span"),  # 6m, 30d
    NC_("value type", "revision"),  # a git revision
    NC_("value type", "seconds"),
)
# The patterns below are compiled on first use (re's cache): only help and usage errors need
# them, and compiling them all costs a run ~1 ms.
_PLACEHOLDER = r"(?<=[{\[])([a-z0-9_]+)(?=[}\]])|(?<=<)([a-z|]+)(?=>)"


def placeholder(name: str) -> str:
    """An argument's or a value type's name in the reader's language (`measure` is
    `maßnahme`, `<path>` is `<pfad>`)."""
    if name in ARGUMENTS:
        return pgettext("argument", name)
    name = {"str": "text", "int": "number"}.get(name, name)  # Typer's words: a programmer's
    if name in TYPES:
        return pgettext("value type", name)
    return name


def _placeholders(text: str) -> str:
    """`{measure} [owner] --plan <path>` with each placeholder in the reader's language
    (`<revision|date>`: each of the two)."""
    return re.sub(
        _PLACEHOLDER,
        lambda m: placeholder(m[1]) if m[1] else "|".join(map(placeholder, m[2].split("|"))),
        text,
    )


_EXTRA = r"(?s)^(?P<help>.*?)\s*\[(?P<extra>(?:default: |env var: |required)[^\[\]]*)\]$"


def help_text(text: str) -> str:
    """A definition of the help (an option's, an argument's, a command's) in the reader's
    language, with Typer's `[default: text; required]` note after it."""
    found = re.match(_EXTRA, text)
    if found is None:
        return _(text) if text else text
    notes = []
    for part in found["extra"].split("; "):
        if part == "required":
            notes.append(_("required"))
        elif part.startswith("default: "):
            shown = part[len("default: ") :]  # Click puts a default given as text in ()
            shown = shown[1:-1] if shown.startswith("(") and shown.endswith(")") else shown
            notes.append(_("default: {default}").format(default=shown))
        else:
            notes.append(part)
    head = _(found["help"]) if found["help"] else ""
    return f"{head}  [{'; '.join(notes)}]".lstrip()


class Formatter(HelpFormatter):
    """Click's help formatter, writing each text in the reader's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("COMMAND [ARGS]...", _("COMMAND [ARGS]..."))
        args = _placeholders(args.replace("[OPTIONS]", _("[OPTIONS]")))
        super().write_usage(prog, args, _("Usage:") + " " if prefix is None else prefix)

    heading = ""  # the heading being written (English): only arguments' names are placeholders

    def write_heading(self, heading: str) -> None:
        self.heading = heading
        super().write_heading(_(heading))

    def write_text(self, text: str) -> None:
        super().write_text(_(text))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(self._term(term), help_text(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)

    def _term(self, term: str) -> str:
        """An argument's name (`measure`) or an option with its value type (`--plan <path>`);
        a command's name stays what it is typed as."""
        if self.heading == "Commands":
            return term
        if self.heading == "Arguments":  # `measure`, or `kind:<field|plan>` with its choices
            name, colon, rest = term.partition(":")
            return placeholder(name) + colon + rest
        return _placeholders(term)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(name):  # write_heading translates the name
            yield


class Context(typer.Context):
    """A command's context whose help speaks the reader's language."""

    formatter_class = Formatter


_CHOICE = r"(?s)^(?P<value>'.*') is not one of (?P<choices>.*)\.$"
_NUMBER = r"(?s)^(?P<value>'.*') is not a valid (?P<kind>int|integer|float)\.$"
_REQUIRES = r"^Option (?P<option>'[^']*') requires (?:an argument|\d+ arguments)\.$"
_NO_VALUE = r"^Option (?P<option>'[^']*') does not take a value\.$"
_EXTRA_ARGS = r"(?s)^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"
_NO_COMMAND = r"^No such command (?P<name>'.*')\.(?: Did you mean (?P<hint>.*)\?)?$"


def _invalid_value(message: str) -> str:
    found = re.match(_CHOICE, message)
    if found:
        return _("{value} is not one of {choices}.").format(**found.groupdict())
    found = re.match(_NUMBER, message)
    if found:
        return _("{value} is not a whole number.").format(value=found["value"])
    return message


def message(exc: typer.TyperException) -> str:
    """The error's message in the reader's language (Typer's English if mpi does not know it)."""
    if isinstance(exc, exceptions.NoSuchOption):
        said = _("No such option: {option}").format(option=exc.option_name)
        if exc.possibilities:
            said += " " + _("(Possible options: {options})").format(
                options=", ".join(sorted(exc.possibilities))
            )
        return said
    if isinstance(exc, exceptions.MissingParameter):
        hint = _hint(exc)
        if (exc.param_type or (exc.param and exc.param.param_type_name)) == "argument":
            return _("Missing argument {name}.").format(name=hint)
        return _("Missing option {name}.").format(name=hint)
    if isinstance(exc, exceptions.BadParameter):
        hint = _hint(exc)
        text = _invalid_value(exc.message)
        if not hint:
            return _("Invalid value: {message}").format(message=text)
        return _("Invalid value for {option}: {message}").format(option=hint, message=text)
    return _usage_message(exc.format_message())


def _usage_message(text: str) -> str:
    for pattern, said in (
        (_REQUIRES, N_("Option {option} requires a value.")),
        (_NO_VALUE, N_("Option {option} does not take a value.")),
    ):
        found = re.match(pattern, text)
        if found:
            return _(said).format(**found.groupdict())
    found = re.match(_EXTRA_ARGS, text)
    if found:
        count = len(found["args"].split())
        return ngettext(
            "Got an unexpected extra argument ({args})",
            "Got unexpected extra arguments ({args})",
            count,
        ).format(args=found["args"])
    found = re.match(_NO_COMMAND, text)
    if found:
        said = _("No such command {name}.").format(name=found["name"])
        if found["hint"]:
            said += " " + _("Did you mean {names}?").format(names=found["hint"])
        return said
    if text == "Missing command.":
        return _("Missing command.")
    return text


def _hint(exc: exceptions.BadParameter) -> str:
    """`'--format' / '-f'` or `'maßnahme'`: how the parameter is named in the error, an
    argument as its usage line shows it."""
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]
    if hint is None:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(repr(h) for h in hint)
    return re.sub(r"'([a-z0-9_]+)'", lambda m: repr(placeholder(m[1])), hint)


def show(exc: typer.TyperException, args: Sequence[str] = ()) -> None:
    """Print a usage error as mpi says its errors, on one line: what is wrong → what to
    type instead (`cli/hints.py`), in the reader's language."""
    from mpi.cli.hints import Kind, fix, typed
    from mpi.render.safe import one_line

    out = sys.stderr
    if isinstance(exc, exceptions.NoArgsIsHelpError):
        out.write(exc.format_message() + "\n")  # the help page itself, already translated
        return
    said = message(exc).rstrip(".")
    kind: Kind = "other"
    if isinstance(exc, exceptions.NoSuchOption):  # `-Text`, which Click calls `-T`
        kind = "unknown option"
        said = said.replace(exc.option_name, typed(exc.option_name, args) or exc.option_name, 1)
    elif isinstance(exc, exceptions.MissingParameter):
        kind = "missing"
    out.write("mpi: " + one_line(f"{said} → {fix(exc, kind, args, exc.format_message())}") + "\n")
