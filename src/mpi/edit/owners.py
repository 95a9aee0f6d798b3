"""What an edit finds in the plan's files: the owner it edits (a measure, the plan level or a
monitoring body) or the indicator it records, and the diff it shows."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from mpi.domain.errors import UsageError
from mpi.domain.words import suggest
from mpi.i18n import _
from mpi.loading.load import Loaded
from mpi.loading.positions import PMap
from mpi.loading.sources import SourceFile


def _measures(loaded: Loaded) -> Iterator[tuple[SourceFile, PMap]]:
    for source in loaded.field_files.values():
        for measure in source.tree.get("measures") or []:
            yield source, measure


PLAN = "plan"  # the owner id of the plan level (as in `mpi show plan`)


def _bodies(loaded: Loaded) -> list[PMap]:
    tree = loaded.plan_file.tree if loaded.plan_file else None
    monitoring = tree.get("monitoring") if isinstance(tree, PMap) else None
    bodies = monitoring.get("bodies") if isinstance(monitoring, PMap) else None
    return [b for b in bodies or [] if isinstance(b, PMap)]


def find_owner(loaded: Loaded, owner_id: str, measures_only: bool) -> tuple[SourceFile, PMap, str]:
    """The file, positioned mapping and id of a measure, the plan level or a body."""
    wanted = owner_id.strip()
    if not measures_only and loaded.plan_file is not None:
        if wanted.casefold() == PLAN:
            return loaded.plan_file, loaded.plan_file.tree, PLAN
        for body in _bodies(loaded):
            if str(body.get("id")).casefold() == wanted.casefold():
                return loaded.plan_file, body, str(body["id"])
    found = [(s, m) for s, m in _measures(loaded) if m.get("id") == wanted.upper()]
    if not found:
        known = [str(m.get("id")) for _source, m in _measures(loaded)]
        if measures_only:
            raise UsageError(
                _("unknown measure {measure}{hint}").format(
                    measure=repr(owner_id), hint=suggest(wanted.upper(), known)
                )
            )
        known += [PLAN, *(str(b.get("id")) for b in _bodies(loaded))]
        raise UsageError(
            _(
                "unknown measure or monitoring body {owner}{hint} (the plan's own "
                "milestones: {plan})"
            ).format(owner=repr(owner_id), hint=suggest(wanted, known), plan=PLAN)
        )
    source, measure = found[0]
    return source, measure, str(measure["id"])


def find_indicator(loaded: Loaded, indicator_id: str) -> tuple[str, str]:
    """(measure id, indicator id); a measure id names its indicator if it has only one."""
    for _source, measure in _measures(loaded):
        if str(measure.get("id")) == indicator_id.strip().upper():
            ids = [str(i.get("id")) for i in measure.get("indicators") or []]
            if len(ids) == 1:
                return str(measure["id"]), ids[0]
            listed = ", ".join(ids) if ids else _("none")
            raise UsageError(
                _("{measure} has {count} indicators ({listed}); name the indicator").format(
                    measure=measure["id"], count=len(ids), listed=listed
                )
            )
    known: list[str] = []
    for _source, measure in _measures(loaded):
        for indicator in measure.get("indicators") or []:
            if indicator.get("id") == indicator_id:
                return str(measure["id"]), indicator_id
            known.append(str(indicator.get("id")))
    raise UsageError(
        _("unknown indicator {indicator}{hint}").format(
            indicator=repr(indicator_id), hint=suggest(indicator_id, known)
        )
    )


def unified_diff(
    old: str, new: str, name: str, span: tuple[int, int] | None = None, context: int = 3
) -> str:
    """`diff -u` of two versions of a file that differ in a few places.

    difflib compares every line with every other (16 s on a 4 MB file), and splitting a
    large file into lines costs memory: only the lines around `span` (the first offset
    where the versions differ, and the offset in `old` after which they agree again, as
    the edit knows them) and `context` lines either side are compared, and the hunk line
    numbers shifted. Without `span`, the lines both versions share at the start and the end
    are cut off first.
    """
    if span is None:
        return _trimmed_diff(old, new, name, context)
    first, last = span
    grown = len(new) - len(old)
    begin = old.rfind("\n", 0, first) + 1  # the start of the first edited line
    for _line in range(context):  # and `context` lines before it
        begin = old.rfind("\n", 0, begin - 1) + 1 if begin > 0 else 0
    stop = last
    for _line in range(context + 1):  # the end of the last edited line, `context` after it
        found = old.find("\n", stop)
        stop = len(old) if found < 0 else found + 1
    a = old[begin:stop].splitlines(keepends=True)
    b = new[begin : stop + grown].splitlines(keepends=True)
    head, tail = _shared(a, b)
    # The window gives difflib what the whole file would (the same hunks) where the lines it
    # shares at its start and end reach `context` lines; where repeated lines make them reach
    # past the window, the whole file is diffed.
    at_start, at_end = begin == 0, stop >= len(old)
    if (
        (at_start or head >= context)
        and (at_end or head < min(len(a), len(b)))
        and (at_end or tail >= context)
    ):
        return _diff(a, b, name, context, (head, tail), old.count("\n", 0, begin))
    return _trimmed_diff(old, new, name, context)


def _trimmed_diff(old: str, new: str, name: str, context: int) -> str:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    return _diff(a, b, name, context, _shared(a, b), 0)


def _shared(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many lines two versions share at their start, and then at their end."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


def _diff(
    a: list[str], b: list[str], name: str, context: int, shared: tuple[int, int], shift: int
) -> str:
    """difflib's diff of the lines not shared, with `context` shared lines around them, its
    hunks counted from line `shift` + 1 of the file."""
    start = max(0, shared[0] - context)
    keep = max(0, shared[1] - context)
    lines = difflib.unified_diff(
        a[start : len(a) - keep], b[start : len(b) - keep], fromfile=name, tofile=name, n=context
    )
    return _shift(list(lines), shift + start)


def _shift(lines: list[str], start: int) -> str:
    """Hunk headers counted from the whole file's first line."""

    def shift(match: re.Match[str]) -> str:
        first_a, rest_a, first_b, rest_b = match.groups()
        return f"@@ -{int(first_a) + start}{rest_a} +{int(first_b) + start}{rest_b} @@"

    return "".join(
        _HUNK.sub(shift, line, count=1) if line.startswith("@@") else line for line in lines
    )


_HUNK = re.compile(r"@@ -(\d+)((?:,\d+)?) \+(\d+)((?:,\d+)?) @@")
