"""A plan file as text with exact positions: edits replace only the bytes they change.

Every other byte of the file stays as it is: comments, quoting, indentation, line endings
(LF or CRLF), long lines, a final `...`. The positions come from the fast reader (PMap and
PList remember where each key and value starts); what an edit inserts follows the file's own
indentation. Anything this cannot do without touching other bytes is refused with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mpi.domain.errors import EditRefused
from mpi.edit.scalars import FILE_DAY, FLOW_SPECIAL, day_scalar
from mpi.i18n import _
from mpi.loading.positions import PList, PMap, Pos
from mpi.loading.sources import mixed_line_endings

Fields = Sequence[tuple[str, str]]  # (key, scalar text already formatted)


@dataclass
class Document:
    """The text of one file and the edits to make to it, applied together by `result()`."""

    text: str
    tree: PMap
    _edits: list[tuple[int, int, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    newline: str = "\n"
    name: str = ""  # the file, as messages name it
    _quote: str | None = None  # how the file quotes a day, once looked up

    def __post_init__(self) -> None:
        if "\r\n" in self.text:
            mixed = mixed_line_endings(self.text)
            if mixed:
                raise EditRefused(
                    _(
                        "{where}: the file mixes Windows (CRLF) and Unix (LF) line endings, "
                        "from this line on; mpi would have to change lines it does not edit: "
                        "save the file with one kind of line ending; nothing was written"
                    ).format(where=f"{self.name}:{mixed}")
                )
            self.newline = "\r\n"
        self._starts = [0]
        index = self.text.find("\n")
        while index >= 0:  # str.find, not a loop over characters: 4 MB in ~20 ms, not 0.5 s
            self._starts.append(index + 1)
            index = self.text.find("\n", index + 1)

    def day(self, value: object) -> str:
        """A date (`date`, `Due.yaml_value()` or ISO text) in the file's style: a day quoted
        as the file's first day is (single quotes, as the shipped files, where it has none;
        unquoted only in a file that writes its days so, which YAML 1.1 tools misread
        already)."""
        if self._quote is None:
            found = FILE_DAY.search(self.text)
            self._quote = found.group(1) if found else "'"
        return day_scalar(value, self._quote)

    # --- positions ---------------------------------------------------------------------

    def offset(self, pos: Pos) -> int:
        line, column = pos
        return self._starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def is_flow(self, node: PMap | PList) -> bool:
        return self.text[self.offset(node.start)] in "{["

    def indent_of(self, mapping: PMap) -> int:
        """The column (0-based) of a block mapping's keys."""
        first = next(iter(mapping.at))
        return mapping.key_at(first)[1] - 1

    def scalar_end(self, pos: Pos, *, flow: bool) -> int:
        """The offset just past the one-line scalar that starts at `pos`."""
        start = self.offset(pos)
        line_end = self._starts[pos[0]] - 1 if pos[0] < len(self._starts) else len(self.text)
        rest = self.text[start:line_end].rstrip("\r")
        quote = rest[:1]
        if quote == "'":
            match = re.match(r"'(?:[^']|'')*'", rest)
        elif quote == '"':
            match = re.match(r'"(?:[^"\\]|\\.)*"', rest)
        else:
            stop = r"\s#|[,\]}]" if flow else r"\s#"
            match = re.match(r"(?:(?!" + stop + r").)*", rest)
        if match is None or (quote and not match.group()):
            raise EditRefused(
                _("line {line}: a value mpi cannot edit in place").format(line=pos[0])
            )
        return start + len(match.group().rstrip())

    def flow_close(self, node: PMap | PList) -> int:
        """The offset of the `}` or `]` that closes a flow collection."""
        start = self.offset(node.start)
        depth, index, text = 0, start, self.text
        while index < len(text):
            char = text[index]
            if char in "'\"":
                end = re.compile(r"'(?:[^']|'')*'" if char == "'" else r'"(?:[^"\\]|\\.)*"')
                match = end.match(text, index)
                index = match.end() if match else index + 1
                continue
            if char == "#" and text[index - 1] in " \t\n":
                index = text.index("\n", index) if "\n" in text[index:] else len(text)
                continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return index
            index += 1
        raise EditRefused(_("line {line}: an unclosed flow collection").format(line=node.start[0]))

    def entry_end_line(self, first_line: int, indent: int, *, items: bool = True) -> int:
        """The last line with content of an entry starting at `first_line` at `indent`.

        Lines indented deeper belong to it, and so do list items (`- `) at the same indent
        (a list written flush with its key) unless `items` is False (the entry is a list
        item itself); blank and comment lines after the last such line do not (they usually
        separate it from what follows).
        """
        last = first_line
        for number in range(first_line + 1, len(self._starts) + 1):
            raw = self.line_text(number)
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            depth = len(raw) - len(raw.lstrip(" "))
            if depth > indent or (items and depth == indent and stripped.startswith("- ")):
                last = number
                continue
            break
        return last

    def _line_end(self, line: int) -> int:
        """The offset just past the line's text (before its line break)."""
        return self._starts[line - 1] + len(self.line_text(line))

    # --- edits -------------------------------------------------------------------------

    def _edit(self, start: int, end: int, replacement: str) -> None:
        self._edits.append((start, end, replacement))

    def _insert_lines(self, after_line: int, lines: list[str]) -> None:
        nl = self.newline
        self._edit(*(2 * (self._line_end(after_line),)), "".join(nl + line for line in lines))

    def set_value(
        self, mapping: PMap, key: str, value: str, *, after: tuple[str, ...] = ()
    ) -> None:
        """Set `key` to the scalar text `value`; a new key goes after the first of `after`."""
        flow = self.is_flow(mapping)
        if key in mapping.at:
            start = self.offset(mapping.value_at(key))
            line = mapping.key_at(key)[0]
            last = line if flow else self.entry_end_line(line, self.indent_of(mapping))
            if last > line and not isinstance(mapping.get(key), dict | list):
                # a scalar over several lines (`>-`, `|`, a folded plain or quoted text)
                self._edit(start, self._line_end(last), value)
                return
            self._edit(start, self.scalar_end(mapping.value_at(key), flow=flow), value)
            return
        anchor = next((k for k in after if k in mapping.at), list(mapping.at)[-1])
        if flow:
            self._edit(*(2 * (self.flow_close(mapping),)), f", {key}: {value}")
            return
        indent = self.indent_of(mapping)
        end = self.entry_end_line(mapping.key_at(anchor)[0], indent)
        self._insert_lines(end, [" " * indent + f"{key}: {value}"])

    def remove_key(self, mapping: PMap, key: str, *, whole: bool = False) -> None:
        """Remove a key whose value is one line long; `whole`: in a block mapping, also one
        whose value spans lines (a nested mapping), all of them."""
        if key not in mapping.at:
            return
        flow = self.is_flow(mapping)
        if whole and not flow:
            line = mapping.key_at(key)[0]
            last = self.entry_end_line(line, self.indent_of(mapping))
            end = self._starts[last] if last < len(self._starts) else len(self.text)
            self._edit(self._starts[line - 1], end, "")
            return
        key_start = self.offset(mapping.key_at(key))
        value_end = self.scalar_end(mapping.value_at(key), flow=flow)
        if flow:
            before = self.text.rfind(",", 0, key_start)
            self._edit(before if before >= self.offset(mapping.start) else key_start, value_end, "")
            return
        line = mapping.key_at(key)[0]
        if self.entry_end_line(line, self.indent_of(mapping)) != line:
            raise EditRefused(
                _("line {line}: `{key}` spans several lines; edit it by hand").format(
                    line=line, key=key
                )
            )
        self._edit(self._starts[line - 1], self._starts[line], "")

    def remove_item(self, mapping: PMap, key: str, index: int) -> None:
        """Remove item `index` of the block list at `key`, all its lines; the key goes too
        when it was the only item (an empty block list would read as null)."""
        items = mapping.get(key)
        if not isinstance(items, PList) or not 0 <= index < len(items):
            raise EditRefused(f"internal: no item {index} in `{key}`")
        if self.is_flow(items):
            self._remove_flow_item(items, index)
            return
        if self.is_flow(mapping):
            raise EditRefused(
                _("line {line}: a block list in a flow mapping; edit it by hand").format(
                    line=mapping.start[0]
                )
            )
        dash = items.start[1] - 1  # a block list starts at its first dash
        first = items.item_at(index)[0]
        last = self.entry_end_line(first, dash, items=False)
        if len(items) == 1:
            first = mapping.key_at(key)[0]
        end = self._starts[last] if last < len(self._starts) else len(self.text)
        self._edit(self._starts[first - 1], end, "")

    def _remove_flow_item(self, items: PList, index: int) -> None:
        """Remove item `index` of a flow list `[a, b, c]` with its comma; `[]` when it was
        the only one."""
        if len(items) == 1:
            self._edit(self.offset(items.start), self.flow_close(items) + 1, "[]")
            return
        if index + 1 < len(items):  # up to the next item: this one and its comma
            self._edit(self.offset(items.item_at(index)), self.offset(items.item_at(index + 1)), "")
            return
        self._edit(self._item_end(items, index - 1), self._item_end(items, index), "")

    def _item_end(self, items: PList, index: int) -> int:
        """The offset just past item `index` of a flow list (a mapping, list or scalar)."""
        item = items[index]
        if isinstance(item, PMap | PList) and self.is_flow(item):
            return self.flow_close(item) + 1
        return self.scalar_end(items.item_at(index), flow=True)

    def add_item(
        self,
        mapping: PMap,
        key: str,
        fields: Fields,
        position: int | None = None,
        *,
        after: tuple[str, ...] = (),
    ) -> None:
        """Insert a mapping of `fields` into the list at `key`, at index `position` (default:
        the end). A missing list is created after the first key of `after` that exists."""
        items = mapping.get(key)
        if key in mapping.at and not isinstance(items, PList):
            raise EditRefused(
                _("line {line}: `{key}` is not a list").format(line=mapping.key_at(key)[0], key=key)
            )
        if isinstance(items, PList) and len(items) and self.is_flow(items):
            self._add_flow_item(items, fields, len(items) if position is None else position)
            return
        if self.is_flow(mapping):
            raise EditRefused(
                _("line {line}: a list inside a flow mapping {{...}}; edit it by hand").format(
                    line=mapping.start[0]
                )
            )
        indent = self.indent_of(mapping)
        if isinstance(items, PList) and len(items):
            dash = items.start[1] - 1  # a block list starts at its first dash
            first = items[0]
            block = isinstance(first, PMap) and first.at and not self.is_flow(first)
            inner = first.key_at(next(iter(first.at)))[1] - 1 if block else dash + 2
            lines = self.item_lines(fields, dash, inner)
            at = len(items) if position is None else position
            if at < len(items):
                start = self._starts[items.item_at(at)[0] - 1]
                self._edit(start, start, "".join(x + self.newline for x in lines))
            else:
                self._insert_lines(self.entry_end_line(items.item_at(-1)[0], dash), lines)
            return
        dash, inner = self._list_style(indent)
        lines = self.item_lines(fields, dash, inner)
        if isinstance(items, PList):  # `key: []`: the empty flow list becomes a block list
            colon = self.text.rfind(":", 0, self.offset(items.start)) + 1
            self._edit(colon, self.flow_close(items) + 1, "")
            self._insert_lines(mapping.key_at(key)[0], lines)
            return
        anchor = next((k for k in after if k in mapping.at), list(mapping.at)[-1])
        end = self.entry_end_line(mapping.key_at(anchor)[0], indent)
        self._insert_lines(end, [" " * indent + f"{key}:", *lines])

    def _add_flow_item(self, items: PList, fields: Fields, at: int) -> None:
        if any("\n" in v for _, v in fields):
            raise EditRefused(
                _("line {line}: a list written [...] on one line; edit it by hand").format(
                    line=items.start[0]
                )
            )
        text = "{" + ", ".join(f"{k}: {self._flow(v)}" for k, v in fields) + "}"
        if at < len(items):
            start = self.offset(items.item_at(at))
            self._edit(start, start, text + ", ")
        else:
            self._edit(*(2 * (self.flow_close(items),)), ", " + text)

    @staticmethod
    def _flow(value: str) -> str:
        """A scalar formatted for block context, made safe for a flow collection."""
        if value[:1] in "'\"" or not any(c in FLOW_SPECIAL for c in value):
            return value
        return "'" + value.replace("'", "''") + "'"

    def _list_style(self, indent: int) -> tuple[int, int]:
        """How this file indents a list under a key at `indent`: (dash column, key column).

        Read from the file's own list of measures (of meetings in meetings.yaml); two spaces
        each where it has none.
        """
        for key in ("measures", "meetings"):
            listed = self.tree.get(key)
            if isinstance(listed, PList) and len(listed) and not self.is_flow(listed):
                offset = listed.start[1] - self.tree.key_at(key)[1]
                if offset >= 0:
                    return indent + offset, indent + offset + self._inner_gap(listed)
        return indent + 2, indent + 4

    def _inner_gap(self, listed: PList) -> int:
        """Columns from a list item's dash to its first key (`- id:` is 2)."""
        first = listed[0]
        if isinstance(first, PMap) and first.at and not self.is_flow(first):
            gap = first.key_at(next(iter(first.at)))[1] - listed.start[1]
            if gap >= 2:
                return gap
        return 2

    @staticmethod
    def item_lines(fields: Fields, dash: int, inner: int) -> list[str]:
        """The lines of a new list item. A value over several lines (a nested block, given
        as `"\\n- a\\n- b"`) is indented below its key, relative to the item's keys."""
        lines: list[str] = []
        for k, v in fields:
            head, *more = v.split("\n")
            lines.append(" " * inner + (f"{k}: {head}" if head else f"{k}:"))
            lines += [" " * inner + x if x else "" for x in more]
        lines[0] = " " * dash + "-" + " " * (inner - dash - 1) + lines[0][inner:]
        return lines

    def result(self) -> str:
        """The text with every edit applied (edits must not overlap), built in one join (a
        large file is copied once, not once per edit)."""
        text = self.text
        pieces: list[str] = []
        at = 0
        # Edits at the same offset keep their order: the earlier one ends up first.
        ordered = sorted(enumerate(self._edits), key=lambda e: (e[1][0], e[1][1], e[0]))
        for _order, (start, end, replacement) in ordered:
            if start < at:
                raise EditRefused("internal: two edits overlap; nothing was written")
            pieces += [text[at:start], replacement]
            at = end
        pieces.append(text[at:])
        return "".join(pieces)

    def span(self) -> tuple[int, int] | None:
        """Where the edits lie in the old text: the first offset they touch and the offset
        after the last (None: no edit)."""
        if not self._edits:
            return None
        return min(e[0] for e in self._edits), max(e[1] for e in self._edits)
