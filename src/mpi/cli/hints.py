"""The fix a usage error of the parser ends with, from the words that were typed: the
command line as it should have been (a text in quotes, an id without its space, a negative
number after `--`), else the usage line or where the help is.

`cli/usage.py` says what went wrong (it alone knows Typer's kinds of usage error, and names
the kind here); this module says what to type instead.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import Any, Literal

from mpi.i18n import _

Kind = Literal["unknown option", "missing", "other"]

# Arguments that take free text (a note, a decision's wording): words with spaces in quotes.
TEXT_ARGUMENTS = ("text", "body", "names")
_NUMBER = r"-[0-9][0-9.,]*(?: ?%)?"
_ID = r"(?i)[a-z]+[0-9]+(?:\.[0-9]+)*(?:\.[ivx]+)?"


def quoted(word: str) -> str:
    """A word as a shell takes it back: as is, in "double quotes" (how people quote a
    text), or in the shell's own quoting where double quotes would not keep it."""
    if word and re.fullmatch(r"[\w.,:/%@+=-]+", word):
        return word
    if not re.search(r'["$`\\!]', word):
        return f'"{word}"'
    return shlex.quote(word)


def line(args: Sequence[str]) -> str:
    """`mpi ARGS` as one types it."""
    return " ".join(["mpi", *(quoted(a) for a in args)])


def _replace(args: Sequence[str], old: Sequence[str], new: Sequence[str]) -> list[str] | None:
    """`args` with the run of words `old` replaced by `new`, or None if it is not there."""
    words, size = list(args), len(old)
    for at in range(len(words) - size + 1):
        if words[at : at + size] == list(old):
            return [*words[:at], *new, *words[at + size :]]
    return None


def after_dashes(args: Sequence[str], word: str) -> list[str]:
    """`args` with `word` moved behind a `--` at the end, where nothing is an option."""
    words = list(args)
    if "--" in words:
        return words
    words.remove(word)
    return [*words, "--", word]


def _arguments(ctx: Any) -> list[Any]:
    return [p for p in ctx.command.params if p.param_type_name == "argument"]


def help_of(ctx: Any) -> str:
    """Where the command's help is: `mpi note --help`."""
    return _("help: {command}").format(command=f"{ctx.command_path} --help")


def typed(name: str, args: Sequence[str]) -> str | None:
    """The word typed for an unknown option: Click names `-T` for `-Text` (a cluster of
    short options), people typed `-Text`."""
    return next((a for a in args if a == name or (a.startswith(name) and "=" not in a)), None)


def _command(args: Sequence[str]) -> str:
    """`mpi status` for `status --plan`: the command's words, for where its help is."""
    words = iter(args)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return f"mpi {word}"
    return "mpi"


def fix(exc: Any, kind: Kind, args: Sequence[str], said: str) -> str:
    """What to type instead, for the error `exc` of the words `args` (`kind`: of usage
    error; `said`: its message, as Typer wrote it)."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return _("help: {command}").format(command=_command(args) + " --help")
    meant = re.match(r"^No such command '(?P<name>.*)'\. Did you mean '(?P<hint>[^']*)'\?$", said)
    if meant and meant["name"] in args:
        return line(_replace(args, [meant["name"]], [meant["hint"]]) or args)
    if kind == "unknown option":
        return _unknown_option(exc, args, ctx)
    if kind == "missing":
        return str(ctx.get_usage()).strip()
    found = re.match(r"(?s)^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", said)
    if found:
        return _extra_arguments(found[1].split(" "), args, ctx)
    return help_of(ctx)


def _unknown_option(exc: Any, args: Sequence[str], ctx: Any) -> str:
    """`-5` is a negative number, `-Text` a text that begins with a dash: both after `--`."""
    word = typed(exc.option_name, args) or exc.option_name
    if word in args and re.fullmatch(_NUMBER, word):
        return _("a negative number goes after --: {line}").format(
            line=line(after_dashes(args, word))
        )
    if word in args and not exc.possibilities and _arguments(ctx) and not word.startswith("--"):
        return _("a value that begins with a dash goes after --: {line}").format(
            line=line(after_dashes(args, word))
        )
    return help_of(ctx)


def _extra_arguments(extra: list[str], args: Sequence[str], ctx: Any) -> str:
    """An id typed with a space (HF 1.15), a text without quotes, options after `--`."""
    arguments = _arguments(ctx)
    last = arguments[-1] if arguments else None
    value = ctx.params.get(last.name) if last is not None else None
    if "--" in args:
        options = {o for p in ctx.command.params for o in getattr(p, "opts", ())}
        if any(w.split("=")[0] in options for w in extra):
            cut = list(args).index("--")
            after = _replace(args[cut + 1 :], extra, []) or []  # the extra words go
            moved = [*args[:cut], *extra, "--", *after]
            return _("options go before --: {line}").format(line=line(moved))
    quoted_option = _option_value_with_spaces(extra, args, ctx)
    if quoted_option is not None:
        return _("put a text with spaces in quotes: {line}").format(line=line(quoted_option))
    if isinstance(value, str) and last is not None:
        joined = value + "".join(extra)
        if re.fullmatch(_ID, joined) and not re.fullmatch(_ID, value):
            spaced = _replace(args, [value, *extra], [joined])
            if spaced is not None:
                return _("an id has no spaces: {line}").format(line=line(spaced))
        if last.name in TEXT_ARGUMENTS:
            unquoted = _replace(args, [value, *extra], [" ".join([value, *extra])])
            if unquoted is not None:
                return _("put a text with spaces in quotes: {line}").format(line=line(unquoted))
    return str(ctx.get_usage()).strip()


def _option_value_with_spaces(extra: list[str], args: Sequence[str], ctx: Any) -> list[str] | None:
    """`--status in Umsetzung`, `--note Runde ausgefallen`: the option's value and the extra
    words after it, in quotes; None where the extra words follow no option's value."""
    valued = {o for p in ctx.command.params if not getattr(p, "is_flag", True) for o in p.opts}
    words = list(args)
    for at in range(2, len(words) - len(extra) + 1):
        if words[at : at + len(extra)] == extra and words[at - 2] in valued:
            text = " ".join(words[at - 1 : at + len(extra)])
            return [*words[: at - 1], text, *words[at + len(extra) :]]
    return None


def not_a_measure_status(typed: str) -> None:
    """`list --status überfällig`: a deadline's state, not a measure's status; the command
    that lists such deadlines is named here, where commands are known."""
    from mpi.domain.errors import InvalidValue
    from mpi.domain.words import MEASURE_STATUSES, deadline_word
    from mpi.i18n import pgettext

    if deadline_word(typed):
        shown = ", ".join(pgettext("measure status", v) for v in MEASURE_STATUSES)
        raise InvalidValue(
            "status",
            _(
                "{word} is said of deadlines, not of measures (one of {choices}): "
                "mpi due --overdue lists the overdue deadlines, mpi due the delayed ones too"
            ).format(word=repr(typed), choices=shown),
        )
