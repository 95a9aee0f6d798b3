"""Recording progress: the transaction every edit goes through.

Under the plan's lock (a lock on the plan directory itself, which no cleanup can delete):
load the whole plan and refuse if it is already invalid; edit the bytes of what is edited (a
measure, the plan level or a monitoring body: the owner of milestones and of an updates log)
in its file (`document`); load the plan again with the new text and refuse if it would be
invalid or if anything but that owner changed; then, right before the rename, refuse if the
file changed on disk since it was read; replace it atomically (`fsutil`), keeping owner,
group and mode. Warnings the edit brings about (a done measure with open milestones) are
handed back with the result.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from mpi.domain.errors import EditRefused, UsageError
from mpi.domain.words import suggest
from mpi.edit.document import Document
from mpi.fsutil import OwnerNotKept, atomic_write, remove_stale_temps
from mpi.loading.load import Loaded, load_plan
from mpi.loading.positions import PMap
from mpi.loading.reader import ReadError
from mpi.loading.sources import SourceFile, decode, fingerprint

LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class PlanFacts:
    """What a mutation may need to know about the plan beyond the measure it changes."""

    horizon: int  # the last year recurrences without an end run to


@dataclass(frozen=True)
class Target:
    """What a mutation edits: the positioned mapping of a measure, of the plan level (the
    root of plan.yaml) or of a monitoring body, in its file's document."""

    doc: Document
    owner: PMap
    facts: PlanFacts
    owner_id: str = ""

    @property
    def measure(self) -> PMap:
        """The owner, where it is a measure (set, record)."""
        return self.owner


# A mutation records its edits in the document and says what it did, in one line.
Mutation = Callable[[Target], str]


@dataclass(frozen=True)
class EditResult:
    path: Path
    diff: str
    summary: str
    written: bool
    warning: str | None = None  # the file was written, but something short of failure went wrong
    new_warnings: tuple[str, ...] = ()  # what `mpi validate` warns about now and did not before


@contextmanager
def plan_lock(directory: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Exclusive lock on the plan directory, held across read, validate and write.

    The directory, not a lock file: a lock file can be deleted by any cleanup (`git clean -X`)
    while a writer holds it, and then protects nothing; a file created by one member of a
    shared folder can lock the others out. fcntl.flock rather than the filelock package: the
    same call, without the ~80 ms that importing filelock (and asyncio) adds to every edit.
    """
    import fcntl

    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise EditRefused(f"cannot open the plan directory {directory}: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise EditRefused(
                        f"cannot lock the plan directory {directory}: {exc.strerror}"
                    ) from None
                if time.monotonic() > deadline:
                    raise EditRefused(
                        f"another mpi is writing the plan in {directory}; try again"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def _loaded_plan(directory: Path) -> Loaded:
    """The plan as it is on disk; an edit of an invalid plan is refused, pointing at why."""
    loaded = load_plan(directory)
    errors = loaded.errors
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        refused = EditRefused(
            f"the plan on disk is invalid: {first.file}:{first.line}:{first.column}: "
            f"{first.message}{more}; fix it first (mpi validate); nothing was written"
        )
        refused.exit_code = loaded.exit_code or 1
        raise refused
    return loaded


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


def _find_owner(loaded: Loaded, owner_id: str, measures_only: bool) -> tuple[SourceFile, PMap, str]:
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
        known = [str(m.get("id")) for _, m in _measures(loaded)]
        if measures_only:
            raise UsageError(f"unknown measure {owner_id!r}{suggest(wanted.upper(), known)}")
        known += [PLAN, *(str(b.get("id")) for b in _bodies(loaded))]
        raise UsageError(
            f"unknown measure or monitoring body {owner_id!r}{suggest(wanted, known)} "
            f"(the plan's own milestones: {PLAN})"
        )
    source, measure = found[0]
    return source, measure, str(measure["id"])


def _find_indicator(loaded: Loaded, indicator_id: str) -> tuple[str, str]:
    """(measure id, indicator id); a measure id names its indicator if it has only one."""
    for _, measure in _measures(loaded):
        if str(measure.get("id")) == indicator_id.strip().upper():
            ids = [str(i.get("id")) for i in measure.get("indicators") or []]
            if len(ids) == 1:
                return str(measure["id"]), ids[0]
            listed = ", ".join(ids) if ids else "none"
            raise UsageError(
                f"{measure['id']} has {len(ids)} indicators ({listed}); name the indicator"
            )
    known: list[str] = []
    for _, measure in _measures(loaded):
        for indicator in measure.get("indicators") or []:
            if indicator.get("id") == indicator_id:
                return str(measure["id"]), indicator_id
            known.append(str(indicator.get("id")))
    raise UsageError(f"unknown indicator {indicator_id!r}{suggest(indicator_id, known)}")


def _read(source: SourceFile) -> bytes:
    """The file's bytes, provided it is still the file that was parsed."""
    fd = os.open(source.path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read()
        if fingerprint(os.fstat(handle.fileno())) != source.fingerprint:
            raise EditRefused(
                f"{source.display} changed on disk while mpi was reading it; "
                "nothing was written, run the command again"
            )
    return data


def edit_measure(
    directory: Path, measure_id: str, mutate: Mutation, *, dry_run: bool = False
) -> EditResult:
    """Apply `mutate` to one measure's bytes; validate the whole plan; write atomically."""
    return edit_owner(directory, measure_id, mutate, dry_run=dry_run, measures_only=True)


def edit_owner(
    directory: Path,
    owner_id: str,
    mutate: Mutation,
    *,
    dry_run: bool = False,
    measures_only: bool = False,
) -> EditResult:
    """Like `edit_measure`, for a measure, the plan level (`plan`) or a monitoring body."""
    with nullcontext() if dry_run else plan_lock(directory):
        if not dry_run:
            remove_stale_temps(directory)
        return _edit(directory, lambda _loaded: (owner_id, mutate), dry_run, measures_only)


def edit_indicator(
    directory: Path,
    indicator: str,
    mutate: Callable[[str], Mutation],
    *,
    dry_run: bool = False,
) -> EditResult:
    """Like `edit_measure`, for the measure that holds the indicator; `mutate` is given the
    indicator's id (the one named, or the only indicator of a measure named by its id)."""
    with nullcontext() if dry_run else plan_lock(directory):
        if not dry_run:
            remove_stale_temps(directory)

        def pick(loaded: Loaded) -> tuple[str, Mutation]:
            measure_id, found = _find_indicator(loaded, indicator)
            return measure_id, mutate(found)

        return _edit(directory, pick, dry_run, measures_only=True)


def _edit(
    directory: Path,
    pick: Callable[[Loaded], tuple[str, Mutation]],
    dry_run: bool,
    measures_only: bool,
) -> EditResult:
    """Load the plan here, not in the caller: so that `del loaded` below frees it (an
    argument stays referenced by the caller until the call returns)."""
    loaded = _loaded_plan(directory)
    wanted, mutate = pick(loaded)
    source, owner, owner_id = _find_owner(loaded, wanted, measures_only)
    assert loaded.plan is not None
    data = _read(source)
    try:
        text = decode(data)
    except ReadError as exc:  # it decoded when it was parsed: someone is writing it now
        raise EditRefused(
            f"{source.display}:{exc.line}:{exc.column}: {exc.message}; nothing was written"
        ) from None
    doc = Document(text, source.tree)
    summary = mutate(Target(doc, owner, PlanFacts(loaded.plan.horizon), owner_id))
    new_text = doc.result()
    path = source.path
    diff = unified_diff(text, new_text, str(path.resolve()))
    before = _rest(loaded, owner_id)
    warned = _warnings(loaded)
    source = SourceFile(source.path, source.display, None, source.fingerprint)
    # Only the edited file is read and validated again; the others are taken as loaded. The
    # old version of the edited file is let go first: both need not be in memory at once.
    reuse = {p: v for p, v in loaded.models.items() if p != path}
    del loaded, owner, doc
    after = load_plan(directory, overrides={path: new_text}, reuse=reuse)
    del reuse
    errors = after.errors
    if errors:
        first = errors[0]
        raise EditRefused(
            f"refused: the change would make the plan invalid: "
            f"{first.file}:{first.line}:{first.column}: {first.message}; "
            "nothing was written"
        )
    if _rest(after, owner_id) != before:
        raise EditRefused(
            f"internal error: the edit of {owner_id} would also change other parts of "
            f"{path.name}; nothing was written"
        )
    new_warnings = tuple(w for w in _warnings(after) if w not in warned)
    if dry_run:
        return EditResult(path, diff, summary, written=False, new_warnings=new_warnings)

    def unchanged() -> None:
        try:
            still = _read(source)
        except OSError:
            still = b""
        if still != data:
            raise EditRefused(
                f"{source.display} changed on disk while mpi was editing it; "
                "nothing was written, run the command again"
            )

    try:
        warning = atomic_write(path, new_text.encode("utf-8"), before_replace=unchanged)
    except OwnerNotKept as exc:
        raise EditRefused(f"{exc}; nothing was written") from None
    return EditResult(path, diff, summary, written=True, warning=warning, new_warnings=new_warnings)


def _warnings(loaded: Loaded) -> list[str]:
    """The plan's warnings as `validate` words them, without positions (an edit moves lines)."""
    return [f"{d.file}: {d.message}" for d in loaded.diagnostics if d.severity == "warning"]


def _rest(loaded: Loaded, owner_id: str) -> str:
    """What holds the owner, without it, as JSON: what the edit must not change. For a
    measure its field; for the plan level or a body, plan.yaml."""
    plan = loaded.plan
    assert plan is not None
    field = next((f for f in plan.fields if any(m.id == owner_id for m in f.measures)), None)
    if field is not None:
        measures = [m for m in field.measures if m.id != owner_id]
        return field.model_copy(update={"measures": measures}).model_dump_json()
    rest = plan.model_copy(update={"fields": []})
    if owner_id == PLAN:
        rest = rest.model_copy(update={"milestones": [], "updates": []})
    elif plan.monitoring is not None:
        bodies = [b for b in plan.monitoring.bodies if b.id != owner_id]
        rest = rest.model_copy(
            update={"monitoring": plan.monitoring.model_copy(update={"bodies": bodies})}
        )
    return rest.model_dump_json()


def unified_diff(old: str, new: str, name: str, context: int = 3) -> str:
    """`diff -u` of two versions of a file that differ in a few places.

    difflib compares every line with every other (16 s on a 4 MB file); the lines both
    versions share at the start and the end are cut off first, and the hunk line numbers
    shifted back.
    """
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    start = max(0, head - context)
    keep = max(0, tail - context)
    lines = list(
        difflib.unified_diff(
            a[start : len(a) - keep],
            b[start : len(b) - keep],
            fromfile=name,
            tofile=name,
            n=context,
        )
    )

    def shift(match: re.Match[str]) -> str:
        first_a, rest_a, first_b, rest_b = match.groups()
        return f"@@ -{int(first_a) + start}{rest_a} +{int(first_b) + start}{rest_b} @@"

    return "".join(
        _HUNK.sub(shift, line, count=1) if line.startswith("@@") else line for line in lines
    )


_HUNK = re.compile(r"@@ -(\d+)((?:,\d+)?) \+(\d+)((?:,\d+)?) @@")
