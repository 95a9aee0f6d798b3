"""Read the adopted plan (`adopted.yaml`) with the position of every value, as the plan's
own files are read: the same checks of the file, the same schema errors at their place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mpi.domain import adopted as adopted_model
from mpi.domain import reference
from mpi.domain.adopted import FILE
from mpi.domain.diagnostics import Diagnostic
from mpi.domain.errors import PlanInvalid, UsageError
from mpi.i18n import _, ngettext
from mpi.loading.revision import (
    git,
    last_change,
    load_at,
    plan_blobs,
    repository,
    resolve,
    shallow,
)
from mpi.loading.sources import MAX_BYTES, SourceFile, decode, read_source
from mpi.loading.yaml_errors import ReadError

if TYPE_CHECKING:
    from mpi.domain.adopted import AdoptedMilestone, AdoptedPlan
    from mpi.domain.model import Plan


def read_adopted(
    path: Path, text: str | None = None
) -> tuple[tuple[AdoptedPlan, SourceFile] | None, list[Diagnostic]]:
    """The adopted plan at `path` (or `text` as its content) and its source; or None and
    the problems (a file that cannot be read: one diagnostic with its reason)."""
    from mpi.domain.adopted import AdoptedPlan
    from mpi.loading.schema_errors import validate_model

    source, problem = read_source(path, text)
    if problem is not None:
        return None, [problem]
    model, problems = validate_model(source, AdoptedPlan)
    if model is None:
        return None, problems
    return (model, source), []


def adopted_at(plan_dir: Path, rev: str) -> AdoptedPlan:
    """The adopted plan as it was at a git revision; a UsageError where it had none,
    PlanInvalid where it does not read (named `REV:path`)."""
    top, relative = repository(plan_dir)
    commit = resolve(top, rev)
    blob = plan_blobs(top, commit, relative).get(FILE)
    shown = f"{rev}:{relative}/{FILE}" if relative != "." else f"{rev}:{FILE}"
    if blob is None:
        raise UsageError(_("there is no adopted plan at {rev}").format(rev=repr(rev)))
    if blob[1] > MAX_BYTES:
        raise UsageError(
            _("{path} is larger than {limit} bytes").format(path=shown, limit=MAX_BYTES)
        )
    data = git(top, "cat-file", "blob", blob[0]).stdout
    try:
        text = decode(data)
    except ReadError as exc:
        found = Diagnostic(shown, exc.line, exc.column, "error", exc.code, exc.message)
        raise PlanInvalid([found]) from None
    read, problems = read_adopted(plan_dir / FILE, text)
    if read is None:
        count = sum(d.severity == "error" for d in problems)
        said = ngettext(
            "the adopted plan at {rev} has {count} error",
            "the adopted plan at {rev} has {count} errors",
            count,
        ).format(rev=rev, count=count)
        raise PlanInvalid([replace(d, file=shown) for d in problems], message=said)
    return read[0]


def adopted_problems(
    model: AdoptedPlan, source: SourceFile, today: date, bodies: Sequence[str] = ()
) -> list[Diagnostic]:
    """What the schema cannot say about an adopted plan: the adoption's words and day (as a
    decision's, `mpi.domain.reference`) and its renewals (`_head_problems`), ids unique and in
    their field, each milestone dated or recurring (`_item_problems`)."""
    found = _head_problems(model, today, bodies) + _item_problems(model)
    return [source.diagnostic(path, code, message) for path, code, message in found]


Found = list[tuple[tuple[str | int, ...], str, str]]  # where, code, message


def _head_problems(model: AdoptedPlan, today: date, bodies: Sequence[str]) -> Found:
    """The adoption's words and day; renewals with a reason, dated between it and today."""
    a = model.adoption
    day = a.date.end if a.date.precision == "day" else None
    year = a.date.year if day is None else None
    out: Found = [
        (("adoption", "decision" if code == "decision-unidentified" else "date"), code, said)
        for code, said in reference.problems(
            a.decision, day, today, bodies, signing=True, year=year
        )
    ]
    for i, r in enumerate(a.renewals):
        if len(r.reason.split()) < 3:
            said = _("give the reason for the new reading in a few words")
            out.append((("adoption", "renewals", i, "reason"), "renewal-reason", said))
        if r.date > today or r.date < a.date.start:
            said = _("a renewal is dated between the adoption ({adopted}) and today")
            out.append(
                (
                    ("adoption", "renewals", i, "date"),
                    "renewal-date",
                    said.format(adopted=a.date.iso()),
                )
            )
    return out


def _item_problems(model: AdoptedPlan) -> Found:
    """Ids unique (a milestone's within its owner) and in their field; milestones dated."""
    out: Found = []
    seen: set[str] = set()

    def unique(kind: str, ident: str, path: tuple[str | int, ...]) -> None:
        if f"{kind}:{ident}" in seen:
            said = _("{id} is there twice").format(id=repr(ident))
            out.append(((*path, "id"), "duplicate-id", said))
        seen.add(f"{kind}:{ident}")

    def of_field(kind: str, ident: str, field: str, path: tuple[str | int, ...]) -> None:
        unique(kind, ident, path)
        if not ident.startswith(f"{field}."):
            said = (
                _("goal {id} is not one of {field}")
                if kind == "goal"
                else _("measure {id} is not one of {field}")
            )
            out.append(((*path, "id"), "wrong-field", said.format(id=ident, field=field)))

    owners: list[tuple[str, tuple[str | int, ...], list[AdoptedMilestone]]]
    owners = [("plan", (), model.milestones)]
    owners += [(b.id, ("bodies", i), b.milestones) for i, b in enumerate(model.bodies)]
    for i, b in enumerate(model.bodies):
        unique("body", b.id, ("bodies", i))
    for i, f in enumerate(model.fields):
        unique("field", f.id, ("fields", i))
        for j, g in enumerate(f.goals):
            of_field("goal", g.id, f.id, ("fields", i, "goals", j))
        for j, m in enumerate(f.measures):
            at: tuple[str | int, ...] = ("fields", i, "measures", j)
            of_field("measure", m.id, f.id, at)
            owners.append((m.id, at, m.milestones))
            for k, ind in enumerate(m.indicators):
                unique("indicator", ind.id, (*at, "indicators", k))
    for owner, at, milestones in owners:
        for j, ms in enumerate(milestones):
            path = (*at, "milestones", j)
            unique(f"milestone {owner}", ms.id, path)
            out += _dated(ms, path)
    return out


def _dated(m: AdoptedMilestone, path: tuple[str | int, ...]) -> Found:
    out: Found = []
    if (m.due is None) == (m.recurrence is None):
        out.append((path, "milestone-date", _("a milestone has either `due` or `recurrence`")))
    r = m.recurrence
    if r is not None and r.end is not None and r.end.end < r.start.end:
        out.append(((*path, "recurrence"), "recurrence", _("the recurrence ends before it starts")))
    return out


ALTERED = "adopted-plan-altered"  # differs from its revision, or changed without a record


def was_adopted(directory: Path) -> bool:
    """Whether the last commit (or, where the history holds it, the one before: a pull
    request's commit that took it out) holds an adopted plan."""
    if _version(directory, "HEAD") is not None:
        return True
    try:
        full = not shallow(repository(directory)[0])
    except UsageError:
        return False
    return full and _version(directory, "HEAD^") is not None


def history_problems(model: AdoptedPlan, source: SourceFile, directory: Path) -> list[Diagnostic]:
    """What git can say about the adopted plan, where the repository holds the history: it
    matches the plan at the revision it names, and its commitments changed only with a new
    adoption or a corrected reading recorded in its head (`mpi adopt`), in the working tree
    and in the last commit that changed it. In a shallow clone, a copy or without git, it is
    taken as written: its own checks still apply, and a pull request shows every edit."""
    try:
        top, _relative = repository(directory)
    except UsageError:
        return []
    full = not shallow(top)
    out: list[Diagnostic] = []
    commit = model.adoption.source
    if commit is not None:
        try:
            resolve(top, commit)
        except UsageError:  # a copy of a plan adopted elsewhere: its history is not here
            pass
        else:
            out += _against_revision(model, source, directory, commit)
    ours = _commitments(model)
    head = _version(directory, "HEAD")
    if head is not None and _commitments(head) != ours and not _recorded(head, model, directory):
        return _once([*out, _unrecorded(source, ours, head)])
    changed = last_change(directory, adopted_model.FILE) if full else None
    if changed is None or (head is not None and _commitments(head) != ours):
        return out
    before, after = _version(directory, f"{changed}^"), _version(directory, changed)
    if before is None or after is None or _commitments(after) != ours:
        return out
    if _commitments(before) != ours and not _recorded(before, after, directory):
        out.append(_unrecorded(source, ours, before))
    return _once(out)


def _once(found: list[Diagnostic]) -> list[Diagnostic]:
    """One diagnostic a place: an edit by hand shows against its revision and its history."""
    places = {(d.file, d.line, d.column): d for d in reversed(found)}
    return sorted(places.values(), key=Diagnostic.sort_key)


def _against_revision(
    model: AdoptedPlan, source: SourceFile, directory: Path, commit: str
) -> list[Diagnostic]:
    """The adopted plan matches the plan at the revision it was taken from."""
    try:
        then = _plan_at(directory, commit)
    except (PlanInvalid, UsageError):
        said = _("the plan at the revision the adopted plan was taken from cannot be read")
        return [source.diagnostic(("adoption", "revision"), ALTERED, said)]
    path = adopted_model.first_difference(
        _commitments(model), adopted_model.commitments(then).model_dump(mode="json")
    )
    if path is None:
        return []
    said = _(
        "the adopted plan differs here from the plan at the revision it was taken from: it was "
        "changed by hand; a new adoption or a corrected reading is recorded with mpi adopt"
    )
    return [source.diagnostic(path, ALTERED, said)]


def _commitments(model: AdoptedPlan) -> dict[str, object]:
    return model.model_dump(mode="json", exclude={"adoption"})


def _version(directory: Path, rev: str) -> AdoptedPlan | None:
    """The adopted plan at a git revision, None where there is none or it does not read."""
    try:
        return adopted_at(directory, rev)
    except (PlanInvalid, UsageError):
        return None


def _recorded(old: AdoptedPlan, new: AdoptedPlan, directory: Path) -> bool:
    """Whether `new` records why it differs from `old`: a new adoption (another decision, not
    dated before), or the old one with corrected readings added after its own that change
    only editors' readings."""
    a, b = old.adoption, new.adoption
    if (a.date, a.decision) != (b.date, b.decision):
        return b.date.end >= a.date.end
    kept = b.renewals[: len(a.renewals)] == a.renewals
    renewed = kept and len(b.renewals) > len(a.renewals) and a.revision == b.revision
    if not renewed:
        return False
    return not adopted_model.uncorrectable(old, new, _read_leads(directory, new))


def _read_leads(directory: Path, model: AdoptedPlan) -> frozenset[str]:
    """The measures whose reading of the verbs (`involvement`) the plan records, at the
    revision the corrected reading was taken from: their leads a correction may change."""
    commit = model.adoption.source
    if commit is None:
        return frozenset()
    try:
        return adopted_model.read_leads(_plan_at(directory, commit))
    except (PlanInvalid, UsageError):
        return frozenset()


@lru_cache(maxsize=4)
def _plan_at(directory: Path, commit: str) -> Plan:
    """The plan at a commit the adopted plan names, read once per run: the revision check
    and the corrected readings' leads both ask for it (a commit's content never changes)."""
    return load_at(directory, commit)


def _unrecorded(source: SourceFile, ours: dict[str, object], before: AdoptedPlan) -> Diagnostic:
    path = adopted_model.first_difference(ours, _commitments(before)) or ()
    said = _(
        "the adopted plan was changed here without a new adoption or a corrected reading in its "
        "head: it was changed by hand; they are recorded with mpi adopt"
    )
    return source.diagnostic(path, ALTERED, said)
