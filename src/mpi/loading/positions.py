"""Where each value of a plan file came from: containers that remember line and column.

The reader builds `PMap` and `PList` (plain dict and list subclasses, so pydantic takes them
as they are); each keeps the 1-based position of its keys and values. `locate` follows a
path such as `("measures", 3, "milestones", 0, "due")` back to the deepest position known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Pos = tuple[int, int]


# Positions are packed into one int each, a quarter of the memory of a tuple of four ints
# (what that buys: benchmarks/README.md). 27 bits hold any line or column of a file within
# the reader's limit of 64 MiB.
BITS = 27
_MASK = (1 << BITS) - 1


def pack(line: int, column: int) -> int:
    return (line << BITS) | column


def _unpack(packed: int) -> Pos:
    return (packed >> BITS) & _MASK, packed & _MASK


class PMap(dict[str, Any]):
    """A mapping with the position of the mapping itself and of each key and value.

    `at[key]` packs the key's and the value's line and column into one int (the reader
    writes it; `key_at` and `value_at` unpack it): one small dict per mapping keeps the
    position table compact for plans with many thousands of measures.
    """

    __slots__ = ("at", "start")

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.at: dict[str, int] = {}

    def key_at(self, key: str) -> Pos:
        return _unpack(self.at[key] >> 2 * BITS)

    def value_at(self, key: str) -> Pos:
        return _unpack(self.at[key])


class PList(list[Any]):
    """A sequence with the position of the sequence itself and of each item (packed)."""

    __slots__ = ("items_at", "start")

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.items_at: list[int] = []

    def item_at(self, index: int) -> Pos:
        return _unpack(self.items_at[index])


def locate(tree: Any, path: Sequence[str | int], *, key: bool = False) -> Pos:
    """Position of the value at `path`, or of the deepest existing container on the way.

    With `key=True` the position of the last path element's key is returned instead
    (used for unknown keys, which point at the key, not its value). Path elements that
    do not exist (pydantic adds union tags and the names of missing fields) are skipped.
    """
    node = tree
    pos: Pos = getattr(tree, "start", (1, 1))
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, PMap) and isinstance(step, str) and step in node:
            pos = node.key_at(step) if key and last else node.value_at(step)
            node = node[step]
        elif isinstance(node, PList) and isinstance(step, int) and 0 <= step < len(node):
            pos = node.item_at(step)
            node = node[step]
        elif isinstance(node, PMap | PList):
            continue
        else:
            break
    return pos
