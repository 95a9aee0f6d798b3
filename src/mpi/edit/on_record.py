"""The decisions a plan file records for an item, read from the file as it is (the edit
works on its text): which one stands, and whether it names the item's value.
`mpi.domain.commitments` answers the same questions for the models."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mpi.domain.dates import Due
from mpi.domain.errors import UsageError
from mpi.edit.owners import PLAN
from mpi.loading import reader
from mpi.loading.positions import PList, PMap
from mpi.loading.sources import decode
from mpi.loading.yaml_errors import ReadError

# A milestone's schedule is one thing whether a decision set its deadline or its series.
_SCHEDULE = ("due", "recurrence")


def standing(item: PMap, keys: tuple[str, ...]) -> PMap | None:
    """The item's latest decision or correction (by date, then place) that set one of `keys`
    (a deadline and a series count as one: the schedule): the one that stands
    (`mpi.domain.commitments.standing` reads the models the same way)."""
    if any(k in _SCHEDULE for k in keys):
        keys += _SCHEDULE
    records = [*(item.get("decisions") or []), *(item.get("corrections") or [])]
    found = [
        (str(d.get("date")), i, d)
        for i, d in enumerate(records)
        if isinstance(d, PMap) and any(k in d for k in keys)
    ]
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


def on_record(item: PMap, key: str, names: Callable[[object], bool]) -> bool:
    """Whether the standing decision on `key` names the item's value (`names(its value)`)."""
    last = standing(item, (key,))
    return last is not None and last.get(key) is not None and names(last.get(key))


def same_series(a: object, b: object) -> bool:
    """Two recurrences as written: the same schedule?"""
    if not isinstance(a, PMap) or not isinstance(b, PMap):
        return False

    def due(v: object) -> Due | None:
        return Due.parse(v) if v is not None else None

    return (a.get("every"), due(a.get("start")), due(a.get("end"))) == (
        b.get("every"),
        due(b.get("start")),
        due(b.get("end")),
    )


def committed_owner(path: Path, owner_id: str) -> PMap | None:
    """The measure, plan level (`plan`) or body `owner_id` of the file at `path` as last
    committed to git (HEAD); None outside git, before the first commit, or where it is not
    there or cannot be read. A measure is read from its own lines where they read alone,
    without its updates log (its milestones and indicators are what is asked of it), not
    with the whole file: a Handlungsfeld file of thousands of measures costs a search, and
    a committed file that does not read elsewhere (a duplicate key) still gives it."""
    from mpi.loading.revision import git, repository

    try:
        top, _relative = repository(path.parent)
        relative = path.resolve().relative_to(top.resolve()).as_posix()
        shown = git(top, "show", f"HEAD:{relative}")
        if shown.returncode != 0:
            return None
        alone = _measure_alone(shown.stdout, owner_id) if owner_id != PLAN else None
        if alone is not None:
            return alone
        tree = reader.parse(decode(shown.stdout))
    except (UsageError, ValueError, ReadError, RecursionError):
        return None
    if not isinstance(tree, PMap):
        return None
    if owner_id == PLAN:
        return tree
    monitoring = tree.get("monitoring")
    bodies = monitoring.get("bodies") if isinstance(monitoring, PMap) else None
    for listed in (tree.get("measures"), bodies):
        for item in listed if isinstance(listed, PList) else []:
            if isinstance(item, PMap) and item.get("id") == owner_id:
                return item
    return None


def _measure_alone(data: bytes, measure: str) -> PMap | None:
    """The measure read from its own lines without its log, None where they do not read
    alone as that one measure (the file is then read whole)."""
    from mpi.loading.history import measure_lines

    lines = measure_lines(data, measure)
    try:
        read = reader.parse(lines) if lines is not None else None
    except (ReadError, RecursionError):
        return None
    item = read[0] if isinstance(read, PList) and len(read) == 1 else None
    return item if isinstance(item, PMap) and item.get("id") == measure else None
