"""Many edits in one transaction (`mpi import`): all of them written, or none.

Under the plan's lock the plan is loaded and must be valid. Edits of measures are applied in
rounds: each round takes one pending edit of every measure, applies them together to each
file's bytes (different measures never overlap) and reads the edited files again for the
next round; a measure with three entries takes three rounds, not three readings of the plan.
Then the whole plan is validated with the new texts, and each file is written atomically,
each unless it changed on disk since it was read; where one write fails, those written
before are put back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mpi.domain.errors import EditRefused, MpiError
from mpi.edit.document import Document
from mpi.edit.lock import writing
from mpi.edit.owners import unified_diff
from mpi.edit.transaction import (
    Edit,
    EditResult,
    Mutation,
    PlanFacts,
    loaded_plan,
    made_invalid,
    read_for_edit,
    warnings_of,
    write_checked,
)
from mpi.fsutil import atomic_write
from mpi.i18n import _, ngettext
from mpi.loading.load import Loaded, load_plan
from mpi.loading.positions import PMap
from mpi.loading.sources import SourceFile, read_source

# What to do once the plan is loaded under the lock: the edits, measure by measure (a
# measure's own in the order given), each with where it came from (a cell of a workbook, for
# a message), or an error that stops it all.
Plan = Callable[[Loaded], list[tuple[str, Mutation, str]]]


@dataclass
class _File:
    source: SourceFile
    text: str
    digest: bytes  # of the bytes read: the file must still be so when it is replaced
    tree: PMap
    original: str = ""


def apply(
    directory: Path, plan_edits: Plan, by: str | None, *, dry_run: bool = False
) -> EditResult:
    with writing(directory, dry_run):
        loaded = loaded_plan(directory)
        edits = plan_edits(loaded)
        if not edits:
            said = _("nothing to record: all of it is in the plan already")
            return EditResult(directory, "", said, written=False)
        assert loaded.plan is not None
        owners, files = _files(loaded, {owner for owner, _m, _label in edits})
        summaries = _rounds(owners, files, edits, PlanFacts.of(loaded.plan), by)
        texts = {path: f.text for path, f in files.items()}
        reuse = {p: v for p, v in loaded.models.items() if p not in texts}
        after = load_plan(directory, overrides=texts, reuse=reuse)
        if after.errors:
            raise made_invalid(after.errors[0])
        diff = "".join(  # shown by a dry run only; the rest say how many entries
            unified_diff(f.original, f.text, f.source.display) if dry_run else ""
            for f in files.values()
        )
        summary = ngettext(
            "{count} entry recorded", "{count} entries recorded", len(summaries)
        ).format(count=len(summaries))
        # What mpi validate warns about now and did not before (a measure done with open
        # milestones), without positions: the edits moved lines.
        before = set(warnings_of(loaded))
        warned = tuple(w for w in warnings_of(after) if w not in before)
        if not dry_run:
            _write_all(files)
        return EditResult(directory, diff, summary, not dry_run, new_warnings=warned)


def _files(loaded: Loaded, owners: set[str]) -> tuple[dict[str, Path], dict[Path, _File]]:
    """The file of each measure edited, and those files, read again as they are on disk."""
    where: dict[str, Path] = {}
    files: dict[Path, _File] = {}
    for source in loaded.field_files.values():
        listed = source.tree.get("measures") if isinstance(source.tree, dict) else None
        ids = {str(m.get("id")) for m in listed or [] if isinstance(m, dict)}
        for owner in owners & ids:
            if source.path not in files:
                text, digest = read_for_edit(source)
                files[source.path] = _File(source, text, digest, source.tree, text)
            where[owner] = source.path
    missing = owners - set(where)
    if missing:
        raise EditRefused(_("unknown measure {measure}").format(measure=sorted(missing)[0]))
    return where, files


def _rounds(
    owners: dict[str, Path],
    files: dict[Path, _File],
    edits: list[tuple[str, Mutation, str]],
    facts: PlanFacts,
    by: str | None,
) -> list[str]:
    pending: dict[str, list[tuple[Mutation, str]]] = {}
    for owner, mutate, label in edits:
        pending.setdefault(owner, []).append((mutate, label))
    said: list[str] = []
    while any(pending.values()):
        docs: dict[Path, Document] = {}
        for owner, queue in pending.items():
            if not queue:
                continue
            f = files[owners[owner]]
            doc = docs.get(f.source.path)
            if doc is None:  # one per file and round: building one indexes all its lines
                doc = docs[f.source.path] = Document(f.text, f.tree, name=f.source.display)
            listed = f.tree.get("measures") or []
            measure = next(m for m in listed if isinstance(m, PMap) and m.get("id") == owner)
            mutate, label = queue.pop(0)
            try:
                said.append(mutate(Edit(doc, measure, facts, owner, by)))
            except MpiError as exc:  # what only the edit finds: named where it came from
                said_ = _("{where}: {message}; nothing was written")
                raise EditRefused(said_.format(where=label, message=exc.message)) from None
        last = not any(pending.values())
        for path, doc in docs.items():
            f = files[path]
            f.text = doc.result()
            if last:  # the plan is read again whole, validated, after the rounds
                continue
            source, problem = read_source(path, f.text)
            if problem is not None:
                raise EditRefused(
                    _("{where}: {message}; nothing was written").format(
                        where=f"{problem.file}:{problem.line}:{problem.column}",
                        message=problem.message,
                    )
                )
            f.tree = source.tree
    return said


def _write_all(files: dict[Path, _File]) -> None:
    """Each file atomically; where one fails, put back those written before it."""
    done: list[_File] = []
    try:
        for f in files.values():
            write_checked(f.source, f.text, f.digest)
            done.append(f)
    except BaseException:
        for f in done:
            atomic_write(f.source.path, f.original.encode("utf-8"))
        raise
