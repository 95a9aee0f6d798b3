"""Schema errors as diagnostics: pydantic's errors mapped back to file, line and column.

One diagnostic per place (errors of a union join with "or"), keys named as people write
them (`measures[HF1.10].milestones[a26-ost].due`), "did you mean" for unknown keys.
"""

from __future__ import annotations

import difflib
import re
import signal
import threading
import typing
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.words import clip, file_value
from mpi.i18n import N_, _, ngettext
from mpi.i18n.formats import count
from mpi.loading.positions import PList, PMap
from mpi.loading.sources import SourceFile

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
MAX_SCHEMA_ERRORS = 100  # per file: a hostile file must not make thousands of messages


@contextmanager
def held_ctrl_c() -> Iterator[None]:
    """Ctrl-C held while pydantic builds or runs a validator, and delivered right after.

    pydantic-core swallows a KeyboardInterrupt that comes while it compiles a pattern (it is
    printed as "Exception ignored" and the validator is left broken: every value then fails
    to match '<unprintable str object>', and a valid plan reads as invalid). The models are
    built at their first validation (`defer_build`), so holding SIGINT here covers both."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def validated(model: type[M], data: Any) -> M:
    """`model.model_validate(data)` with Ctrl-C held (see held_ctrl_c)."""
    with held_ctrl_c():
        return model.model_validate(data)


def validate_model(source: SourceFile, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate a file's data against a pydantic model; errors point at their values."""
    from pydantic import ValidationError

    try:
        return validated(model, source.tree), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=True, include_input=True)
        return None, _schema_diagnostics(source, model, errors)


def _schema_diagnostics(source: SourceFile, model: Any, errors: list[Any]) -> list[Diagnostic]:
    """One diagnostic per place (errors of a union join with "or"), at most MAX_SCHEMA_ERRORS."""
    grouped: dict[tuple[int, int, str], list[str]] = {}
    wanted: dict[tuple[int, int, str], list[str | None]] = {}  # what each error expected
    more: Diagnostic | None = None
    for index, error in enumerate(errors):
        loc = tuple(error["loc"])
        kind = error["type"]
        is_key = kind == "extra_forbidden"
        line, column = source.at(*loc, key=is_key)
        where = describe_path(source.tree, loc)
        if len(grouped) >= MAX_SCHEMA_ERRORS and (line, column, where) not in grouped:
            more = Diagnostic(
                source.display,
                line,
                column,
                "error",
                "too-many-errors",
                ngettext(
                    "{count} more schema error in this file not shown; fix the ones above first",
                    "{count} more schema errors in this file not shown; fix the ones above first",
                    len(errors) - index,
                ).format(count=count(len(errors) - index)),
            )
            break
        message = _message(model, error, loc)
        grouped.setdefault((line, column, where), [])
        if message not in grouped[(line, column, where)]:
            grouped[(line, column, where)].append(message)
        wanted.setdefault((line, column, where), []).append(_expected(error))
    out = []
    for (line, column, where), messages in grouped.items():
        text = messages[0]
        if len(messages) > 1:  # a union: "expected a whole number or 'permanent'"
            phrases = [w for w in wanted[(line, column, where)] if w is not None]
            if len(phrases) == len(wanted[(line, column, where)]):
                text = _("expected {choices}").format(choices=_or(list(dict.fromkeys(phrases))))
            else:
                text = _(" or ").join(messages)
        prefix = f"{where}: " if where else ""
        out.append(Diagnostic(source.display, line, column, "error", "schema", prefix + text))
    return [*out, more] if more else out


def _message(model: Any, error: Mapping[str, Any], loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        hint = difflib.get_close_matches(name, allowed, n=1)
        suffix = _("; did you mean {key}?").format(key=repr(hint[0])) if hint else ""
        return _("unknown key {key}{hint}").format(key=repr(clip(name)), hint=suffix)
    if kind == "missing":
        return _("missing required key {key}").format(key=repr(loc[-1]))
    message = str(error["msg"])
    if kind == "value_error" and message.startswith("Value error, "):
        return message[len("Value error, ") :]  # our own message, in the active language
    said = _pydantic(kind, error.get("ctx") or {}, message)
    if kind == "literal_error" and loc:
        meant = file_value(str(loc[-1]), error.get("input"), "milestones" in loc)
        if meant is not None:  # a German word where the file wants its English value
            said += "; " + _("the file writes {word} as {value}").format(
                word="„" + str(error.get("input")) + "“", value=repr(meant)
            )
    return said


# pydantic's messages for the errors a plan file can have, as message ids (its English words)
# with the values of the error's context; anything else keeps pydantic's English message.
PYDANTIC = {
    "string_type": N_("Input should be a valid string"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number"),
    "bool_type": N_("Input should be a valid boolean"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary"),
    "model_attributes_type": N_("Input should be a valid dictionary"),
    "list_type": N_("Input should be a valid list"),
    "literal_error": N_("Input should be {expected}"),
    "string_too_short": N_("String should have at least {min_length} character(s)"),
    "string_too_long": N_("String should have at most {max_length} characters"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "finite_number": N_("Input should be a finite number"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
}


# What an error of a type says was expected, for joining the errors of a union into one.
EXPECTED = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "bool_type": N_("true or false"),
    "dict_type": N_("a mapping"),
    "model_type": N_("a mapping"),
    "model_attributes_type": N_("a mapping"),
    "list_type": N_("a list"),
}


def _expected(error: Mapping[str, Any]) -> str | None:
    """What the error expected, as a phrase (`a whole number`, `'permanent'`), or None."""
    kind = error["type"]
    if kind == "literal_error":
        return str((error.get("ctx") or {}).get("expected", "")) or None
    phrase = EXPECTED.get(kind)
    return _(phrase) if phrase else None


def _or(choices: list[str]) -> str:
    """`a, b or c` in the active language."""
    if len(choices) == 1:
        return choices[0]
    return _("{choices} or {last}").format(choices=", ".join(choices[:-1]), last=choices[-1])


def _pydantic(kind: str, ctx: Mapping[str, Any], message: str) -> str:
    template = PYDANTIC.get(kind)
    if template is None:
        return message
    values = dict(ctx)
    if "expected" in values:  # "'a', 'b' or 'c'": the "or" in the active language
        values["expected"] = _or(re.split(r", | or ", str(values["expected"])))
    try:
        return _(template).format(**values)
    except (KeyError, IndexError, ValueError):
        return message


def _allowed_keys(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by `loc` (for "did you mean" hints)."""
    current = model
    for step in loc:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            continue
        annotation = fields[step].annotation
        current = _model_in(annotation, typing)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_in(annotation: Any, typing: Any) -> Any:
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg, typing)
        if found is not None:
            return found
    return None


def describe_path(tree: Any, loc: tuple[Any, ...]) -> str:
    """A readable path such as `measures[HF1.10].milestones[a26-ost].due`."""
    parts: list[str] = []
    node = tree
    for step in loc:
        if isinstance(node, PMap) and isinstance(step, str) and step in node:
            parts.append(f".{_shown(clip(step, 30))}" if parts else _shown(clip(step, 30)))
            node = node[step]
        elif isinstance(node, PList) and isinstance(step, int) and 0 <= step < len(node):
            item = node[step]
            ident = item.get("id") if isinstance(item, PMap) else None
            label = _shown(clip(ident, 30)) if isinstance(ident, str) else f"#{step + 1}"
            parts.append(f"[{label}]")
            node = item
        elif isinstance(node, PMap) and isinstance(step, str) and step.isidentifier():
            parts.append(f".{step}" if parts else step)
            node = None
    return "".join(parts)


# Characters that show as blank though their category is a visible one.
_BLANK = "\u115f\u1160\u2800\u3164\uffa0"


def _shown(key: str) -> str:
    """A key or an id in a path as people can check it: a character that is not a letter,
    digit, punctuation or symbol (a zero-width (non-)joiner, a no-break space, a control) or
    that shows as blank is a `\\u200c` escape. A valid key or id is ASCII; this one is not."""
    import unicodedata

    def one(char: str) -> str:
        if char.isascii() and char.isprintable():
            return char
        if unicodedata.category(char)[0] in "LNPS" and char not in _BLANK:
            return char
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "".join(map(one, key))
