"""Where each value of a plan file came from: containers that remember line and column.

The reader builds `PMap` and `PList` (plain dict and list subclasses, so pydantic takes them
as they are); each keeps the 1-based position of its keys and values. `locate` follows a
path such as `("measures", 3, "milestones", 0, "due")` back to the deepest position known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Pos = tuple[int, int]


class PMap(dict[str, Any]):
    """A mapping with the position of the mapping itself and of each key and value."""

    __slots__ = ("keys_at", "start", "values_at")

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.keys_at: dict[str, Pos] = {}
        self.values_at: dict[str, Pos] = {}


class PList(list[Any]):
    """A sequence with the position of the sequence itself and of each item."""

    __slots__ = ("items_at", "start")

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.items_at: list[Pos] = []


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
            pos = node.keys_at[step] if key and last else node.values_at[step]
            node = node[step]
        elif isinstance(node, PList) and isinstance(step, int) and 0 <= step < len(node):
            pos = node.items_at[step]
            node = node[step]
        elif isinstance(node, PMap | PList):
            continue
        else:
            break
    return pos
