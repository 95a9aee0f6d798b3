"""The plan after an edit of one measure, with only that measure's lines read again.

An edit changes the bytes of one measure's block (`- id: HF1.5` and the lines indented
below it); reading the whole file again (5 MB in a 10,000-measure plan) costs more than
everything else an edit does. Where the edit stayed inside the block and the block reads on
its own as the same one list item, the file's data is the data read before with that item
replaced: that item is validated against the measure model (a Handlungsfeld checks each
measure on its own), and the whole plan checked as always. Anything less certain (a
flow-style file, an id written twice, an edit that reached past the block, a block that does
not read alone, any error) returns None, and the caller reads the file whole; an error is
then reported with its exact position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from mpi.domain.model import Field, Measure
from mpi.loading import reader
from mpi.loading.positions import PList, PMap
from mpi.loading.sources import SourceFile
from mpi.loading.yaml_errors import ReadError


def edited_file(
    read: tuple[SourceFile, Any],
    texts: tuple[str, str],
    span: tuple[int, int] | None,
    measure: str,
) -> tuple[SourceFile, Field] | None:
    """The edited file's data and model with `measure` read again from its block of the new
    text, or None. `read`: the file as read before (its source and model), `texts`: the file
    before and after the edit, `span`: where the edit lies in the old text."""
    from pydantic import ValidationError

    source, before_model = read
    old, new = texts
    tree = source.tree
    listed = tree.get("measures") if isinstance(tree, PMap) else None
    if span is None or not isinstance(listed, PList) or not isinstance(before_model, Field):
        return None
    before, after = block(old, measure), block(new, measure)
    grown = len(new) - len(old)
    if before is None or after is None or after != (before[0], before[1] + grown, before[2]):
        return None
    start, end, indent = before
    if not start <= span[0] <= span[1] <= end:
        return None
    item = _item(new[start : end + grown], indent, measure)
    index = next(
        (i for i, m in enumerate(listed) if isinstance(m, PMap) and m.get("id") == measure), None
    )
    if item is None or index is None:
        return None
    measures = PList(listed.start)
    measures.extend(listed)
    measures.items_at.extend(listed.items_at)
    measures[index] = item
    data = PMap(tree.start)
    data.update(tree)
    data.at.update(tree.at)
    data["measures"] = measures
    edited = SourceFile(source.path, source.display, data, source.fingerprint)
    # A Field validates each measure on its own (it has no checks across them): the other
    # measures' models stand, the edited one is validated from its new data.
    try:
        model = Measure.model_validate(item)
    except ValidationError:
        return None
    models = list(before_model.measures)
    if index >= len(models) or models[index].id != measure:
        return None
    models[index] = model
    return edited, before_model.model_copy(update={"measures": models})


def changed_measure(
    source: SourceFile, texts: tuple[str, str]
) -> tuple[tuple[int, int], str] | None:
    """Where two versions of a file differ, as a span of the first (`source`'s text), and the
    measure whose item starts last before it: what `edited_file` needs to read the second
    version from the first. None when they are the same or `source` has no measures."""
    first, second = texts
    start = same_start(first, second)
    if start == len(first) == len(second):
        return None
    end = len(first) - same_end(first, second, min(len(first), len(second)) - start)
    listed = source.tree.get("measures") if isinstance(source.tree, PMap) else None
    if not isinstance(listed, PList):
        return None
    line = first.count("\n", 0, start) + 1
    index = bisect_right([listed.item_at(i)[0] for i in range(len(listed))], line) - 1
    item = listed[index] if index >= 0 else None
    measure = item.get("id") if isinstance(item, PMap) else None
    return ((start, end), measure) if isinstance(measure, str) else None


def same_start(a: str, b: str, step: int = 1 << 16) -> int:
    """How many characters `a` and `b` share from the start (compared a block at a time)."""
    limit = min(len(a), len(b))
    low = 0
    while low < limit and a[low : low + step] == b[low : low + step]:
        low += step
    low, high = min(low, limit), min(low + step, limit)
    base = low
    while low < high:  # the longest equal run from base within this block
        middle = (low + high + 1) // 2
        if a[base:middle] == b[base:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def same_end(a: str, b: str, limit: int, step: int = 1 << 16) -> int:
    """How many characters `a` and `b` share at the end, at most `limit`."""
    n, m = len(a), len(b)
    low = size = 0
    while low < limit:
        size = min(step, limit - low)
        if a[n - low - size : n - low] != b[m - low - size : m - low]:
            break
        low += size
    else:
        return low
    base, high = low, low + size
    while low < high:  # the longest equal tail of this block
        middle = (low + high + 1) // 2
        if a[n - middle : n - base] == b[m - middle : m - base]:
            low = middle
        else:
            high = middle - 1
    return low


# What makes a block read alone differ from the same lines read in the file: a block scalar
# that keeps its trailing blank lines (`|+`, `>2+`), and line breaks other than \n (libyaml
# also breaks lines at a lone \r, NEL, LS and PS).
_NOT_ALONE = re.compile(
    r"[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#.*)?$|\r(?!\n)|[\x85\u2028\u2029]", re.M
)


def block(text: str, measure: str) -> tuple[int, int, int] | None:
    """Where the list item `- id: MEASURE` is: the offset of its first line, the offset just
    past its last line's text, and its indentation. None unless it is there once, in block
    style, and its lines read alone as they read in the file (see _NOT_ALONE; nor at the end
    of a file without a final line break, where a block scalar would gain one)."""
    pattern = rf"""^( *)- +id: *(['"]?){re.escape(measure)}\2 *(#.*)?$"""
    found = list(re.finditer(pattern, text, re.MULTILINE))
    if len(found) != 1:
        return None
    start, indent = found[0].start(), len(found[0].group(1))
    end = found[0].end()
    at = end
    # The lines indented deeper belong to it, `#` ones too (they may be a block scalar's
    # text); blank lines, and comments at its own depth, may lie between them.
    while at < len(text):
        stop = text.find("\n", at + 1)
        line = text[at + 1 : len(text) if stop < 0 else stop]
        stripped = line.strip()
        deeper = len(line) - len(line.lstrip(" ")) > indent
        if stripped and not deeper and not stripped.startswith("#"):
            break
        if stripped and deeper:
            end = len(text) if stop < 0 else stop
        if stop < 0:
            break
        at = stop
    if _NOT_ALONE.search(text[start : end + 1]) or not text.endswith("\n", 0, end + 1):
        return None
    return start, end, indent


def _item(block: str, indent: int, measure: str) -> PMap | None:
    """The block read on its own: one list item, the measure it names."""
    lines = block.split("\n")
    if any(line[:indent].strip() for line in lines):
        return None
    try:
        read = reader.parse("\n".join(line[indent:] for line in lines) + "\n")
    except (ReadError, RecursionError):
        return None
    if not isinstance(read, PList) or len(read) != 1:
        return None
    item = read[0]
    return item if isinstance(item, PMap) and item.get("id") == measure else None
