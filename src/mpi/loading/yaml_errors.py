"""YAML errors as people read them: where to look, and in their language.

libyaml and PyYAML word their errors in English; the phrases they use are message ids here
(PARSER_WORDS), so a German reader gets German, and a phrase not listed stays as the parser
wrote it.
"""

from __future__ import annotations

import yaml

from mpi.i18n import N_, _, ngettext


class ReadError(Exception):
    """A file that is not a readable plan document, with the position of the problem."""

    def __init__(self, line: int, column: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.code = code
        self.message = message


# What a parser's context ("while parsing a flow mapping") names, as an error message says it.
_UNCLOSED = {
    "quoted scalar": N_("quoted text"),
    "double-quoted scalar": N_("quoted text"),
    "single-quoted scalar": N_("quoted text"),
    "flow mapping": N_("flow mapping ('{')"),
    "flow sequence": N_("flow list ('[')"),
}
# What libyaml and PyYAML say, as message ids: a German reader gets them in German; a
# message not listed here stays as the parser words it.
PARSER_WORDS = (
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("could not find expected ':'"),
    N_("expected ',' or ']', but got ':'"),
    N_("expected ',' or '}', but got ':'"),
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("block sequence entries are not allowed in this context"),
    N_("found character that cannot start any token"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found unexpected end of stream"),
    N_("found unexpected ':'"),
    N_("found unknown escape character"),
    N_("found undefined tag handle"),
    N_("found duplicate anchor; first occurrence"),
    N_("found invalid Unicode character escape code"),
    N_("expected <block end>, but found '<block mapping start>'"),
    N_("expected <block end>, but found '<block sequence start>'"),
    N_("expected <block end>, but found '<scalar>'"),
    N_("expected <block end>, but found '?'"),
    N_("expected <block end>, but found '-'"),
    N_("expected <document start>, but found '<block mapping start>'"),
    N_("malformed YAML"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a block node"),
    N_("while parsing a flow node"),
    N_("while parsing a node"),
    N_("while scanning a simple key"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a double-quoted scalar"),
    N_("while scanning a single-quoted scalar"),
    N_("while scanning a plain scalar"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a tag"),
    N_("while scanning an anchor"),
    N_("while scanning an alias"),
    N_("while scanning for the next token"),
)


def syntax_error(exc: yaml.MarkedYAMLError, text: str) -> ReadError:
    """A parser error at the place a person should look.

    An unclosed quote, bracket or brace, or a line that is not `key: value`, is found
    only later (often at the end of the file); both parsers then name where the quoted
    text, collection or would-be key started (the context mark), and that is where the
    error is. Otherwise the problem mark is the place, and the context's start is added.
    """
    wrong = indentation(exc, text)
    if wrong is not None:
        return wrong
    problem = _(exc.problem or exc.context or "malformed YAML")
    raw_context = exc.context if exc.problem else None  # in English, as the parsers say it
    context = _(raw_context) if raw_context else None
    mark = exc.problem_mark or exc.context_mark
    start = exc.context_mark
    unclosed = _UNCLOSED.get((raw_context or "").split(" a ", 1)[-1])
    at_end = exc.problem_mark is not None and exc.problem_mark.index >= len(text)
    if start and unclosed and (at_end or "quoted" in unclosed):
        mark, start = start, None
        problem = (
            _("the {what} starting here is never closed").format(what=_(unclosed))
            if at_end
            else problem
        )
        context = None if at_end else context
    elif start and raw_context and "simple key" in raw_context:
        mark, start = start, None
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if context and start and (start.line + 1, start.column + 1) != (line, column):
        problem = _("{problem} ({context} that started at line {line}, column {column})").format(
            problem=problem, context=context, line=start.line + 1, column=start.column + 1
        )
    elif context:
        problem = _("{problem} ({context})").format(problem=problem, context=context)
    if mark and _char_at(text, line, column) == "\t":
        problem = _("a tab character; indent with spaces")
    return ReadError(line, column, "yaml-syntax", syntax(problem))


def syntax(problem: str) -> str:
    return _("YAML syntax error: {problem}").format(problem=problem)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][column - 1 : column] if len(lines) >= line else ""


def indentation(exc: yaml.MarkedYAMLError, text: str) -> ReadError | None:
    """A syntax error on a line that starts where no key or list item around it starts:
    wrong indentation, said as such, at the line's first character. `exc.levels` (set by the
    reader) holds where the open block mappings and lists start, and those just closed:
    (spaces before them, whether a mapping)."""
    levels: list[tuple[int, bool]] | None = getattr(exc, "levels", None)
    mark = exc.problem_mark or exc.context_mark
    if not levels or mark is None:
        return None
    lines = text.split("\n", mark.line + 1)
    line = lines[mark.line].rstrip("\r") if len(lines) > mark.line else ""
    stripped = line.lstrip(" ")
    if not stripped or stripped[0] in "#\t" or line[mark.column : mark.column + 1] == "\t":
        return None  # a comment, or a tab: said as such
    count = len(line) - len(stripped)
    keys = sorted({n for n, mapping in levels if mapping})
    items = sorted({n for n, mapping in levels if not mapping})
    item = stripped[:1] == "-" and stripped[1:2] in ("", " ", "\t")
    if count in (items if item else keys) or (item and count in keys):
        return None
    if keys:
        said = ngettext(
            "wrong indentation: the line starts after {count} space, where keys start after {keys}",
            "wrong indentation: the line starts after {count} spaces, where keys start after "
            "{keys}",
            count,
        ).format(count=count, keys=_either(keys))
        if items:
            said += _(" and list items ('- ') after {items}").format(items=_either(items))
    else:  # only lists are open (a file that begins with one)
        said = ngettext(
            "wrong indentation: the line starts after {count} space, where list items ('- ') "
            "start after {items}",
            "wrong indentation: the line starts after {count} spaces, where list items ('- ') "
            "start after {items}",
            count,
        ).format(count=count, items=_either(items))
    if not item and keys and count > keys[-1] and "mapping values" in (exc.problem or ""):
        said += _(" (if the line goes on with the text above, put that text in quotes)")
    return ReadError(mark.line + 1, count + 1, "indentation", said)


def _either(numbers: list[int]) -> str:
    """`0, 2 or 4`."""
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return words[0]
    return _("{first} or {last}").format(first=", ".join(words[:-1]), last=words[-1])
