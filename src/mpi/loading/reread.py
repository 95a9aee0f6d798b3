"""A file's data and model with only the measures whose lines changed read again.

An edit changes the bytes of one measure's block (`- id: HF1.5` and the lines indented
below it), and a revision of a file often differs from the working tree's in a few blocks;
reading the whole file again (5 MB in a 10,000-measure plan) costs more than everything
else an edit or `mpi diff` does (benchmarks/README.md). Where the lines outside the changed
blocks are the same and each changed block reads on its own as the same one list item, the
file's data is the data read before with those items replaced, each validated against the
measure model (a Handlungsfeld checks each measure on its own; the whole plan is checked
as always). Anything less certain (a flow-style file, a measure added or removed, lines
outside the measures that differ, a block that does not read alone, any error) returns
None, and the caller reads the file whole; an error is then reported with its exact
position. `block` finds one measure's lines (`mpi history`).
"""

from __future__ import annotations

import re
from typing import Any

from mpi.domain.model import FieldFile, Measure
from mpi.loading import reader
from mpi.loading.positions import PList, PMap
from mpi.loading.schema_errors import validated
from mpi.loading.sources import SourceFile
from mpi.loading.yaml_errors import ReadError


def read_changed(
    read: tuple[SourceFile, Any], texts: tuple[str, str], budget: reader.Budget | None = None
) -> tuple[SourceFile, FieldFile] | None:
    """The second text's data and model from the first's (`read` holds its source and
    model), with only the measures whose lines differ read again, or None. Certain only
    where the lines of the first split into its measures exactly where the reader found
    them (no quoted or flow text continues at the list's depth), the lines before and after
    the list are the same in both, both list as many measures, and each changed one reads
    alone as in the file (`_alone`); the values read count against `budget`."""
    from pydantic import ValidationError

    source, before_model = read
    old, new = texts
    listed = source.tree.get("measures") if isinstance(source.tree, PMap) else None
    if (
        not isinstance(listed, PList)
        or not listed
        or not isinstance(before_model, FieldFile)
        or len(before_model.measures) != len(listed)
        or "\r" in old
        or "\r" in new
    ):
        return None
    first = _line_start(old, listed.item_at(0)[0])
    line = old[first : old.find("\n", first)]
    indent = len(line) - len(line.lstrip(" "))
    if not line.startswith("-", indent) or old[:first] != new[:first]:
        return None
    (ours, our_end), (theirs, their_end) = _items(old, first, indent), _items(new, first, indent)
    if not len(ours) == len(theirs) == len(listed) or old[our_end:] != new[their_end:]:
        return None
    if not _split_as_read(old, ours, our_end, source.tree):
        return None
    budget = budget or reader.Budget()
    replaced: dict[int, tuple[PMap, Measure]] = {}
    pairs = zip(_regions(ours, our_end), _regions(theirs, their_end), strict=True)
    for index, (a, b) in enumerate(pairs):
        if old[a[0] : a[1]] == new[b[0] : b[1]]:
            continue
        item = _alone(new, b[0], indent, budget)
        if item is None:
            return None
        try:
            replaced[index] = (item, validated(Measure, item))
        except ValidationError:
            return None
    return _with_items(read, listed, replaced)


def _with_items(
    read: tuple[SourceFile, Any], listed: PList, replaced: dict[int, tuple[PMap, Measure]]
) -> tuple[SourceFile, FieldFile]:
    """The file's data and model with the measures at these indexes replaced."""
    source, before_model = read
    measures = PList(listed.start)
    measures.extend(listed)
    measures.items_at.extend(listed.items_at)
    models = list(before_model.measures)
    for index, (item, model) in replaced.items():
        measures[index], models[index] = item, model
    data = PMap(source.tree.start)
    data.update(source.tree)
    data.at.update(source.tree.at)
    data["measures"] = measures
    edited = SourceFile(source.path, source.display, data, source.fingerprint)
    return edited, before_model.model_copy(update={"measures": models})


def _line_start(text: str, line: int) -> int:
    """The offset where line `line` (1-based) begins."""
    at = 0
    for _ in range(line - 1):
        at = text.index("\n", at) + 1
    return at


def _items(text: str, first: int, indent: int) -> tuple[list[int], int]:
    """Where each item of the list whose first item begins at `first` begins, and where the
    list ends: items are the lines at depth `indent` that begin with a dash; the first other
    line at that depth or less (not blank, not a comment) ends the list."""
    dash = " " * indent + "-"
    starts: list[int] = []
    for found in re.compile(rf"^ {{0,{indent}}}[^ #\n]", re.M).finditer(text, first):
        at = found.start()
        if text.startswith(dash, at) and text[at + indent + 1 : at + indent + 2] in " \n":
            starts.append(at)
        else:
            return starts, at
    return starts, len(text)


def _split_as_read(text: str, starts: list[int], end: int, tree: PMap) -> bool:
    """Whether the measures' lines found in `text` begin on the lines where the reader found
    each measure, and the list ends where the next key of the file begins (or the file)."""
    listed: PList = tree["measures"]
    line, at = 1, 0
    for index, start in enumerate(starts):
        line += text.count("\n", at, start)
        at = start
        if listed.item_at(index)[0] != line:
            return False
    keys = list(tree)
    following = keys[keys.index("measures") + 1 :]
    if not following:
        return end == len(text)
    return tree.key_at(following[0])[0] == line + text.count("\n", at, end)


def _regions(starts: list[int], end: int) -> list[tuple[int, int]]:
    return list(zip(starts, [*starts[1:], end], strict=True))


def _alone(text: str, start: int, indent: int, budget: reader.Budget) -> PMap | None:
    """The item whose first line begins at `start`, read alone; None where that could read
    otherwise than the file (`_reads_alone`)."""
    end = _item_end(text, start, indent)
    return _item(text[start:end], indent, None, budget) if _reads_alone(text, start, end) else None


# What makes a block read alone differ from the same lines read in the file: a block scalar
# that keeps its trailing blank lines (`|+`, `>2+`), and line breaks other than \n (libyaml
# also breaks lines at a lone \r, NEL, LS and PS).
NOT_ALONE = re.compile(r"[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#.*)?$|\r(?!\n)|[\x85\u2028\u2029]", re.M)


def block(text: str, measure: str) -> tuple[int, int, int] | None:
    """Where the list item `- id: MEASURE` is: the offset of its first line, the offset just
    past its last line's text, and its indentation. None unless it is there once, in block
    style, and its lines read alone as they read in the file (see NOT_ALONE; nor at the end
    of a file without a final line break, where a block scalar would gain one)."""
    pattern = rf"""^( *)- +id: *(['"]?){re.escape(measure)}\2 *(#.*)?$"""
    found = list(re.finditer(pattern, text, re.MULTILINE))
    if len(found) != 1:
        return None
    start, indent = found[0].start(), len(found[0].group(1))
    end = _item_end(text, start, indent)
    return (start, end, indent) if _reads_alone(text, start, end) else None


def _item_end(text: str, start: int, indent: int) -> int:
    """Where the list item whose first line begins at `start` ends: just past its last line.
    The lines indented deeper belong to it, `#` ones and ones of spaces only too (they may
    be a block scalar's text); blank lines, and comments at its own depth, may lie between;
    the first other line at its depth or less ends it."""
    end = text.find("\n", start)
    end = at = len(text) if end < 0 else end
    while at < len(text):
        stop = text.find("\n", at + 1)
        line = text[at + 1 : len(text) if stop < 0 else stop]
        stripped = line.strip()
        deeper = len(line) - len(line.lstrip(" ")) > indent
        if stripped and not deeper and not stripped.startswith("#"):
            break
        if deeper:
            end = len(text) if stop < 0 else stop
        if stop < 0:
            break
        at = stop
    return end


def _reads_alone(text: str, start: int, end: int) -> bool:
    """Whether the lines from `start` to `end` read alone as they read in the file: not
    where NOT_ALONE finds something, nor at the end of a file without a final line break
    (a block scalar would gain one)."""
    return not NOT_ALONE.search(text[start : end + 1]) and text.endswith("\n", 0, end + 1)


def _item(
    block: str, indent: int, measure: str | None, budget: reader.Budget | None = None
) -> PMap | None:
    """The block read on its own: one list item, the measure it names (any, for None)."""
    lines = block.split("\n")
    if any(line[:indent].strip() for line in lines):
        return None
    try:
        read = reader.parse("\n".join(line[indent:] for line in lines) + "\n", budget)
    except (ReadError, RecursionError):
        return None
    if not isinstance(read, PList) or len(read) != 1:
        return None
    item = read[0]
    if not isinstance(item, PMap) or not isinstance(item.get("id"), str):
        return None
    return item if measure is None or item.get("id") == measure else None
