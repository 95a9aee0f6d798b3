"""Recording progress: the transaction every edit goes through.

Under the plan's lock (a lock on the plan directory itself, which no cleanup can delete):
load the whole plan, each file against its model, and refuse if it is already invalid; edit
the bytes of what is edited (a measure, the plan level or a monitoring body: the owner of
milestones and of an updates log) in its file (`document`); load the plan again with the new
text, the rules across files included, and refuse if it would be invalid (or was already:
only then are the rules run on the plan as it was) or if anything but that owner changed;
then, right before the rename, refuse if the file changed on disk since it was read; replace
it atomically (`fsutil`), keeping owner, group and mode. Warnings the edit brings about (a
done measure with open milestones) are handed back with the result.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mpi.domain.diagnostics import Diagnostic
from mpi.domain.errors import EXIT_USAGE, EditRefused, InternalError
from mpi.domain.partners import match
from mpi.edit.document import Document
from mpi.edit.lock import writing
from mpi.edit.on_record import committed_owner
from mpi.edit.owners import PLAN, find_indicator, find_owner, unified_diff
from mpi.fsutil import OwnerNotKept, atomic_write
from mpi.i18n import Language, _, reason
from mpi.loading.load import Loaded, load_plan
from mpi.loading.positions import PMap
from mpi.loading.reread import read_changed
from mpi.loading.sources import SourceFile, decode, fingerprint
from mpi.loading.yaml_errors import ReadError

if TYPE_CHECKING:
    from mpi.domain.model import Plan


@dataclass(frozen=True)
class PlanFacts:
    """What a mutation may need to know about the plan beyond the measure it changes."""

    horizon: int  # the last year recurrences without an end run to
    language: Language = "de"  # of the plan's text: the language its updates log is kept in
    adopted: int = 0  # the year the plan was adopted: no decision changed it before
    bodies: tuple[str, ...] = ()  # ids and names of the plan's bodies: whose meetings decide

    @classmethod
    def of(cls, plan: Plan) -> PlanFacts:
        bodies = [(b.id, b.name) for b in plan.monitoring.bodies] if plan.monitoring else []
        return cls(plan.horizon, plan.language, plan.adopted, tuple(sum(bodies, ())))


@dataclass(frozen=True)
class Edit:
    """What a mutation edits: the positioned mapping of a measure, of the plan level (the
    root of plan.yaml) or of a monitoring body, in its file's document."""

    doc: Document
    owner: PMap
    facts: PlanFacts
    owner_id: str = ""
    by: str | None = None  # the partner who reported what the edit records (its id)
    # The owner as last committed to git (None: not in git, or not there), read on demand:
    # what a decision's log entry names as the value before, where no decision is on record.
    committed: Callable[[], PMap | None] | None = None
    cautions: list[str] = field(default_factory=list)  # warnings: written all the same

    @property
    def measure(self) -> PMap:
        """The owner, where it is a measure (set, record)."""
        return self.owner


# A mutation records its edits in the document and says what it did, in one line.
Mutation = Callable[[Edit], str]


@dataclass(frozen=True)
class EditResult:
    path: Path
    diff: str
    summary: str
    written: bool
    warning: str | None = None  # the file was written, but something short of failure went wrong
    new_warnings: tuple[str, ...] = ()  # what `mpi validate` warns about now and did not before


def loaded_plan(directory: Path, *, checks: bool = True) -> Loaded:
    """The plan as it is on disk; an edit of an invalid plan is refused, pointing at why.
    `checks=False`: each file against its model only (the rules across files run on the
    edited plan; they run here again only when that finds a problem)."""
    loaded = load_plan(directory, checks=checks)
    errors = loaded.errors
    if errors:
        first = errors[0]
        more = _(" (and {count} more)").format(count=len(errors) - 1) if len(errors) > 1 else ""
        said = _(
            "the plan on disk is invalid: {where}: {message}{more}; fix it first "
            "(mpi validate); nothing was written"
        )
        said = said.format(where=first.where, message=first.message, more=more)
        raise EditRefused(said, loaded.exit_code or 1)
    return loaded


def read_checked(source: SourceFile) -> bytes:
    """The file's bytes, provided it is still the file that was parsed."""
    fd = os.open(source.path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read()
        if fingerprint(os.fstat(handle.fileno())) != source.fingerprint:
            raise EditRefused(
                _(
                    "{file} changed on disk while mpi was reading it; nothing was written, run "
                    "the command again"
                ).format(file=source.display)
            )
    return data


def read_for_edit(source: SourceFile) -> tuple[str, bytes]:
    """The file's text as it is on disk (still the file that was parsed), and the digest its
    bytes must still have when it is replaced."""
    data = read_checked(source)
    try:
        text = decode(data)
    except ReadError as exc:  # it decoded when it was parsed: someone is writing it now
        raise EditRefused(
            _("{where}: {message}; nothing was written").format(
                where=f"{source.display}:{exc.line}:{exc.column}", message=exc.message
            )
        ) from None
    return text, hashlib.sha256(data).digest()


def edit_measure(
    directory: Path,
    measure_id: str,
    mutate: Mutation,
    *,
    dry_run: bool = False,
    by: str | None = None,
) -> EditResult:
    """Apply `mutate` to one measure's bytes; validate the whole plan; write atomically.
    `by`: the partner who reported it, as a person named it (its log entries say so)."""
    return edit_owner(directory, measure_id, mutate, dry_run=dry_run, measures_only=True, by=by)


def edit_owner(
    directory: Path,
    owner_id: str,
    mutate: Mutation,
    *,
    dry_run: bool = False,
    measures_only: bool = False,
    by: str | None = None,
) -> EditResult:
    """Like `edit_measure`, for a measure, the plan level (`plan`) or a monitoring body."""
    with writing(directory, dry_run):
        return _edit(directory, lambda _loaded: (owner_id, mutate), dry_run, measures_only, by)


def edit_indicator(
    directory: Path,
    indicator: str,
    mutate: Callable[[str], Mutation],
    *,
    dry_run: bool = False,
    by: str | None = None,
) -> EditResult:
    """Like `edit_measure`, for the measure that holds the indicator; `mutate` is given the
    indicator's id (the one named, or the only indicator of a measure named by its id)."""
    with writing(directory, dry_run):

        def pick(loaded: Loaded) -> tuple[str, Mutation]:
            measure_id, found = find_indicator(loaded, indicator)
            return measure_id, mutate(found)

        return _edit(directory, pick, dry_run, measures_only=True, by=by)


def _edit(
    directory: Path,
    pick: Callable[[Loaded], tuple[str, Mutation]],
    dry_run: bool,
    measures_only: bool,
    by: str | None = None,
) -> EditResult:
    """Load the plan here, not in the caller: so that `del loaded` below frees it (an
    argument stays referenced by the caller until the call returns)."""
    loaded = loaded_plan(directory, checks=False)
    assert loaded.plan is not None
    reporter = match(loaded.plan.partners, by, "by") if by is not None else None
    wanted, mutate = pick(loaded)
    source, owner, owner_id = find_owner(loaded, wanted, measures_only)
    path = source.path
    facts = PlanFacts.of(loaded.plan)
    before = _rest(loaded, source, owner_id)
    # Only the edited file is read and validated again; the others are taken as loaded. The
    # rest of the first load (the edited file's models, the other files' positions) is let
    # go before the file's text is copied and edited: both need not be in memory at once.
    reuse = {p: v for p, v in loaded.models.items() if p != path}
    read = loaded.models.get(path, (source, None))
    del loaded
    text, digest = read_for_edit(source)
    doc = Document(text, source.tree, name=source.display)
    committed = partial(committed_owner, path, owner_id)
    edit = Edit(doc, owner, facts, owner_id, reporter, committed)
    summary = mutate(edit)
    new_text = doc.result()
    diff = unified_diff(text, new_text, source.display, doc.span())
    # Only the edited measure is read again where that is certain, else the file whole.
    file = read_changed(read, (text, new_text)) if read[1] is not None else None
    source = SourceFile(source.path, source.display, None, source.fingerprint)
    cautions = edit.cautions
    del text, owner, doc, read, edit
    after = load_plan(directory, reuse={**reuse, path: file}) if file is not None else None
    del file
    if after is not None and after.errors:
        after = None  # read the file whole: each error at its exact place
    if after is None:
        after = load_plan(directory, overrides={path: new_text}, reuse=reuse)
    del reuse
    errors, warnings = after.errors, warnings_of(after)
    edited = next((f for f in after.field_files.values() if f.path == path), after.plan_file)
    rest = _rest(after, edited, owner_id) if not errors and edited is not None else before
    del after
    new_warnings = _refuse_broken(directory, errors, warnings, (before, rest), (owner_id, path))
    new_warnings = (*cautions, *new_warnings)
    warning = None if dry_run else write_checked(source, new_text, digest)
    return EditResult(path, diff, summary, not dry_run, warning, new_warnings)


def _refuse_broken(
    directory: Path,
    errors: list[Diagnostic],
    warnings: list[str],
    rests: tuple[bytes, bytes],
    edited: tuple[str, Path],
) -> tuple[str, ...]:
    """Refuse an edit that makes the plan invalid or changes more than its owner (`rests`:
    the rest of the file before and after); the warnings the edit brings."""
    warned: list[str] = []
    if errors or warnings:  # were they there before the edit? (the whole plan checked again)
        warned = warnings_of(loaded_plan(directory))  # refuses a plan that is invalid already
    if errors:
        raise made_invalid(errors[0])
    if rests[0] != rests[1]:
        raise InternalError(
            _(
                "internal error: the edit of {owner} would also change other parts of {file}; "
                "nothing was written"
            ).format(owner=edited[0], file=edited[1].name)
        )
    return tuple(w for w in warnings if w not in warned)


def write_checked(source: SourceFile, new_text: str, digest: bytes) -> str | None:
    """Replace the file atomically, unless it changed on disk since it was read (`digest`)."""

    def unchanged() -> None:
        try:
            still = read_checked(source)
        except OSError:
            still = b""
        if hashlib.sha256(still).digest() != digest:
            raise EditRefused(
                _(
                    "{file} changed on disk while mpi was editing it; nothing was written, run "
                    "the command again"
                ).format(file=source.display)
            )

    try:
        return atomic_write(source.path, new_text.encode("utf-8"), before_replace=unchanged)
    except OwnerNotKept as exc:
        raise EditRefused(_("{reason}; nothing was written").format(reason=exc)) from None
    except OSError as exc:  # a full disk, a quota: the plan file stays as it was
        raise EditRefused(
            _("cannot write {file}: {reason}; nothing was written").format(
                file=source.display, reason=reason(exc)
            ),
            EXIT_USAGE,  # as a file mpi cannot read
        ) from None


def made_invalid(first: Diagnostic) -> EditRefused:
    """The refusal of an edit that would make the plan invalid, naming the first error."""
    return EditRefused(
        _(
            "refused: the change would make the plan invalid: {where}: {message}; "
            "nothing was written"
        ).format(where=first.where, message=first.message)
    )


def warnings_of(loaded: Loaded) -> list[str]:
    """The plan's warnings as `validate` words them, without positions (an edit moves lines)."""
    return [f"{d.file}: {d.message}" for d in loaded.diagnostics if d.severity == "warning"]


def _rest(loaded: Loaded, source: SourceFile, owner_id: str) -> bytes:
    """A digest of what holds the owner, without it: what the edit must not change. For a
    measure, the rest of its file as read (the other measures and the field's own keys: the
    same data makes the same models), a measure at a time; for the plan level or a body,
    plan.yaml's model."""
    digest = hashlib.sha256()
    tree = source.tree
    listed = tree.get("measures") if isinstance(tree, dict) else None
    if isinstance(listed, list) and any(
        isinstance(m, dict) and m.get("id") == owner_id for m in listed
    ):
        digest.update(repr({k: v for k, v in tree.items() if k != "measures"}).encode())
        for m in listed:
            own = isinstance(m, dict) and m.get("id") == owner_id
            digest.update(b"\0" + (owner_id.encode() if own else repr(m).encode()))
        return digest.digest()
    plan = loaded.plan
    assert plan is not None
    rest = plan.model_copy(update={"fields": []})
    if owner_id == PLAN:
        rest = rest.model_copy(update={"milestones": [], "updates": []})
    elif plan.monitoring is not None:
        bodies = [b for b in plan.monitoring.bodies if b.id != owner_id]
        rest = rest.model_copy(
            update={"monitoring": plan.monitoring.model_copy(update={"bodies": bodies})}
        )
    digest.update(rest.model_dump_json().encode())
    return digest.digest()
