"""Read one plan file: bytes -> positioned plain data (PMap / PList / scalars).

The read path walks the event stream of libyaml (PyYAML's C parser, with the pure-Python
parser as fallback) and builds values itself, so that it can:
- keep the line and column of every key and value,
- resolve scalars by the YAML 1.2 core schema on every path (no `yes` -> True, no
  sexagesimal numbers, no implicit dates: `2023-12-31` stays text),
- refuse what plan files never need and attackers love: anchors and aliases, unknown or
  Python tags, duplicate keys, merge keys, several documents, very deep nesting.
Edits splice text at these positions (mpi.edit.document); nothing is ever re-serialised.
"""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

from mpi.domain.words import clip
from mpi.i18n import _
from mpi.i18n.formats import count
from mpi.loading.positions import BITS, PList, PMap, Pos, pack
from mpi.loading.pyparser import PyParser
from mpi.loading.scalars import CORE, resolve
from mpi.loading.yaml_errors import ReadError, syntax, syntax_error

MAX_DEPTH = 64
# Values (scalars, lists, mappings) in a whole plan. Memory grows with them: the benchmark's
# 10,000-measure plan has about 490,000 and peaks at ~175 MiB. With MAX_MEASURES this keeps
# every plan mpi accepts, however its values are shaped, well under 1 GiB (a 28 MB file of
# 500,000 one-line measures is refused after ~360 MiB instead of taking 1.8 GB).
MAX_VALUES = 1_000_000


# Characters in all files of a plan together: the text, its values and its models each take
# about as much again (what a plan at both limits takes: benchmarks/README.md).
MAX_CHARACTERS = 64 * 1024 * 1024


class Budget:
    """How many more values and characters the files of one plan may hold; shared by all
    its files."""

    __slots__ = ("characters", "left")

    def __init__(self, values: int | None = None, characters: int | None = None) -> None:
        self.left = MAX_VALUES if values is None else values
        self.characters = MAX_CHARACTERS if characters is None else characters


# The characters YAML allows in a stream (the same set in libyaml and PyYAML); anything else
# is refused before parsing, so that both parsers report it the same way.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# The lines git writes around a merge conflict (`|||||||` with diff3); never plan content:
# at the start of a line only keys and comments stand in a plan file.
_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")  # looked for first: 100x faster
_CONFLICT = re.compile(r"^(?:<{7}|>{7}|\|{7})(?:[ \t\r]|$)|^={7}[ \t\r]*$", re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SCALAR_TAGS = {f"{CORE}{name}" for name in ("str", "int", "float", "bool", "null")}


def use_c_parser() -> bool:
    """True when libyaml is available and not switched off with MPI_PURE_YAML=1."""
    return yaml.__with_libyaml__ and os.environ.get("MPI_PURE_YAML", "") in ("", "0")


class _TooDeepForLibyaml(Exception):
    """libyaml stopped at its own nesting limit, scanning ahead of the events we count."""


def parse(text: str, budget: Budget | None = None) -> Any:
    """Text of one YAML document -> PMap / PList / scalar tree with positions."""
    conflict = _CONFLICT.search(text) if any(m in text for m in _MARKERS) else None
    if conflict:
        line, column = _char_to_pos(text, conflict.start())
        raise ReadError(
            line,
            column,
            "merge-conflict",
            _(
                "git conflict marker in line {line}: resolve the merge conflict (keep the right "
                "lines between <<<<<<<, ======= and >>>>>>>, and delete the marker lines)"
            ).format(line=line),
        )
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, column = _char_to_pos(text, bad.start())
        raise ReadError(
            line,
            column,
            "control-character",
            _(
                "control character {code} in the file; YAML does not allow it (remove it, or "
                "write it as an escape such as \\x1b in double quotes)"
            ).format(code=f"U+{ord(bad.group()):04X}"),
        )
    if use_c_parser():
        from yaml._yaml import CParser

        try:
            return _parse_with(CParser, text, budget or Budget())
        except _TooDeepForLibyaml:
            pass  # the pure parser stops at MAX_DEPTH and so finds the exact place
    return _parse_with(PyParser, text, budget or Budget())


def _parse_with(make_parser: Any, text: str, budget: Budget) -> Any:
    parser = None
    try:
        parser = make_parser(text)
        return _build(parser, text, budget)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or "") and make_parser is not PyParser:
            raise _TooDeepForLibyaml from None
        raise syntax_error(exc, text) from None
    except yaml.reader.ReaderError as exc:
        offset = exc.position
        if make_parser is not PyParser:  # libyaml counts bytes of UTF-8
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        line, column = _char_to_pos(text, offset)
        raise ReadError(line, column, "yaml-syntax", syntax(_(str(exc.reason)))) from None
    except yaml.YAMLError as exc:
        raise ReadError(1, 1, "yaml-syntax", syntax(str(exc))) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def _char_to_pos(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _pos(event: Any) -> Pos:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _packed(event: Any) -> int:
    """The event's position as `positions.pack` writes it (inlined: it runs per value)."""
    mark = event.start_mark
    packed: int = (mark.line + 1) << BITS | (mark.column + 1)
    return packed


def _build(parser: Any, text: str, budget: Budget) -> Any:
    get = parser.get_event
    event = get()  # StreamStart
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        message = (
            _("the file is empty; a plan file holds one YAML mapping")
            if not text.strip()
            else _("the file holds only comments; a plan file holds one YAML mapping")
        )
        raise ReadError(1, 1, "empty", message)
    # event is DocumentStart; libyaml refuses other versions itself, PyYAML only 2.x and up
    version = getattr(event, "version", None)
    if version is not None and tuple(version) != (1, 2):
        # One reading of a file everywhere: YAML 1.1 would read `017` as 15 and `yes` as
        # true, where every other tool of the plan reads 17 and "yes".
        at = text.find("%YAML")
        line, column = _char_to_pos(text, at) if at >= 0 else _pos(event)
        raise ReadError(
            line,
            column,
            "yaml-syntax",
            syntax(
                _(
                    "found incompatible YAML document (%YAML {version}; plan files are YAML "
                    "1.2: remove the directive or write %YAML 1.2)"
                ).format(version=".".join(map(str, version)))
            ),
        )
    root = _build_document(get, budget)
    event = get()
    if isinstance(event, yaml.DocumentStartEvent):
        line, column = _pos(event)
        raise ReadError(
            line,
            column,
            "several-documents",
            _("a second YAML document ('---') in the file; a plan file holds one"),
        )
    return root


def _build_document(get: Any, budget: Budget) -> Any:
    """Build the document's root from events without recursion (depth and size capped)."""
    # Each frame: [container, pending_key or None, key position, flow style]
    stack: list[list[Any]] = []
    closed: list[list[Any]] = []  # the frames closed since the last value: where it may go on
    try:
        return _events(get, budget, stack, closed)
    except yaml.MarkedYAMLError as exc:
        # Where a line could have started there: an error on a line indented otherwise is
        # told as wrong indentation (`yaml_errors.indentation`).
        if not any(frame[3] for frame in stack):  # in flow style, indentation means nothing
            exc.levels = [  # type: ignore[attr-defined]
                (frame[0].start[1] - 1, isinstance(frame[0], PMap))
                for frame in stack + closed
                if not frame[3]
            ]
        raise


def _events(get: Any, budget: Budget, stack: list[list[Any]], closed: list[list[Any]]) -> Any:
    root: Any = None
    while True:
        event = get()
        kind = type(event)
        if kind is yaml.DocumentEndEvent:
            return root
        if kind is yaml.AliasEvent or getattr(event, "anchor", None):
            line, column = _pos(event)
            message = (
                _(
                    "YAML alias '{name}': anchors and aliases are not allowed in plan files; "
                    "write the value out"
                )
                if kind is yaml.AliasEvent
                else _(
                    "YAML anchor '{name}': anchors and aliases are not allowed in plan files; "
                    "write the value out"
                )
            )
            raise ReadError(line, column, "alias", message.format(name=event.anchor))
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            closed.append(ended := stack.pop())
            container = ended[0]
            value: Any = container
            if not stack:
                root = value
                continue
            _attach(stack[-1], value, pack(*container.start))
            continue
        if closed:  # a value after the collections just closed: they are no place any more
            closed.clear()
        if kind is yaml.ScalarEvent:
            frame = stack[-1] if stack else None
            if frame is not None and isinstance(frame[0], PMap) and frame[1] is None:
                _take_key(frame, event)
                continue
            value = _scalar(event)
            budget.left -= 1
            if budget.left < 0:
                _too_many(event)
            if frame is None:
                root = value
            else:
                _attach(frame, value, _packed(event))
            continue
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            frame = stack[-1] if stack else None
            position = _pos(event)
            if frame is not None and isinstance(frame[0], PMap) and frame[1] is None:
                raise ReadError(
                    *position,
                    "complex-key",
                    _("a mapping or list used as a key; keys must be plain text"),
                )
            _check_tag(event, "map" if kind is yaml.MappingStartEvent else "seq")
            if len(stack) >= MAX_DEPTH:
                raise ReadError(
                    *position,
                    "too-deep",
                    _("nesting deeper than {limit} levels (limit MAX_DEPTH)").format(
                        limit=MAX_DEPTH
                    ),
                )
            budget.left -= 1
            if budget.left < 0:
                _too_many(event)
            container = PMap(position) if kind is yaml.MappingStartEvent else PList(position)
            stack.append([container, None, None, event.flow_style])
            continue
        raise ReadError(
            *_pos(event),
            "yaml-syntax",
            _("unexpected YAML event {event}").format(event=kind.__name__),
        )


def _too_many(event: Any) -> None:
    raise ReadError(
        *_pos(event),
        "too-large",
        _(
            "the plan holds more than {limit} values (limit MAX_VALUES, which keeps mpi under "
            "1 GiB of memory); split the plan or remove what it does not need"
        ).format(limit=count(MAX_VALUES)),
    )


def _take_key(frame: list[Any], event: Any) -> None:
    mapping: PMap = frame[0]
    position = _pos(event)
    if event.tag not in (None, "!", f"{CORE}str"):
        raise ReadError(
            *position,
            "unknown-tag",
            _("tag {tag} on a key is not allowed").format(tag=repr(_tag(event.tag))),
        )
    key = event.value
    _check_text(event)
    if key == "<<" and event.implicit[0]:
        raise ReadError(
            *position, "merge-key", _("merge keys ('<<') are not allowed in plan files")
        )
    if key in mapping.at:
        first = mapping.key_at(key)
        raise ReadError(
            *position,
            "duplicate-key",
            _("duplicate key {key} (first at line {line}, column {column})").format(
                key=repr(clip(key)), line=first[0], column=first[1]
            ),
        )
    frame[1] = key
    frame[2] = position
    packed = position[0] << BITS | position[1]
    mapping.at[key] = packed << 2 * BITS | packed


def _attach(frame: list[Any], value: Any, position: int) -> None:
    container = frame[0]
    if isinstance(container, PMap):
        key = frame[1]
        container[key] = value
        container.at[key] = container.at[key] >> 2 * BITS << 2 * BITS | position
        frame[1] = None
    else:
        container.append(value)
        container.items_at.append(position)


def _check_tag(event: Any, kind: str) -> None:
    tag = event.tag
    if tag in (None, "!", f"{CORE}{kind}"):
        return
    raise ReadError(*_pos(event), "unknown-tag", _unknown_tag(tag))


def _unknown_tag(tag: str) -> str:
    return _("unknown tag {tag}: plan files use plain YAML without tags").format(
        tag=repr(_tag(tag))
    )


def _check_text(event: Any) -> None:
    """Refuse lone surrogates, which PyYAML decodes from `\\ud800` escapes and libyaml refuses."""
    if _SURROGATE.search(event.value):
        raise ReadError(
            *_pos(event),
            "yaml-syntax",
            syntax(
                _(
                    "found invalid Unicode character escape code (a lone surrogate) while "
                    "parsing a quoted scalar"
                )
            ),
        )


def _scalar(event: Any) -> Any:
    tag = event.tag
    value: str = event.value
    if event.style == '"':  # only escapes in double quotes can produce lone surrogates
        _check_text(event)
    plain = event.implicit[0]
    if tag == "!" or (tag is None and not plain):
        return value
    if tag is not None and tag not in _SCALAR_TAGS:
        raise ReadError(*_pos(event), "unknown-tag", _unknown_tag(tag))
    try:
        return resolve(value, tag)
    except ValueError as exc:
        raise ReadError(*_pos(event), "bad-scalar", str(exc)) from None


def _tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/name:x` -> `!!python/name:x`, as people write it."""
    return clip("!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag)
