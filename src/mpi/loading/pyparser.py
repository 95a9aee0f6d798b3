"""PyYAML's pure-Python event parser, for machines without libyaml, made to read like it."""

from __future__ import annotations

from typing import Any

import yaml


class PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser, used when libyaml is not installed.

    PyYAML refuses every tab outside quoted text, libyaml only tabs that could be taken for
    indentation; the two overrides below follow libyaml, so that `key:<TAB>value` or
    `value<TAB># comment` read the same on both paths.
    """

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)

    def scan_to_next_token(self) -> None:
        """Skip blanks, comments and line breaks; tabs only where libyaml skips them."""
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            while self.peek() == " " or (
                self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)
            ):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if self.scan_line_break():  # type: ignore[no-untyped-call]  # untyped in the stubs
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                return

    def scan_plain_spaces(self, indent: int, start_mark: Any) -> list[str] | None:
        """Blanks inside a plain scalar on one line may include tabs (`a<TAB>b`), as in libyaml."""
        length = 0
        while self.peek(length) in " \t":
            length += 1
        blanks = self.prefix(length)
        if "\t" not in blanks or self.peek(length) in "\0\r\n\x85\u2028\u2029":
            return super().scan_plain_spaces(indent, start_mark)
        self.forward(length)
        return [blanks]
