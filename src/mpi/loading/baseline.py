"""The plan as adopted, as a guard: every commitment compared with the git revision that holds
the plan as the partners adopted it (plan.yaml's `adopted_revision`, or `--baseline REV`).

A weakening change (a deadline postponed, a target lowered, a measure dropped or removed, a
recurring duty thinned out) is an error at the changed line unless a decision on the item
covers it; a covered one is an approved change, a strengthening or neutral one is noted (both
`info`). Without git, or without the revision in this clone, the check is skipped with one
warning that says why; the exit code does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from mpi.domain.change import Change
from mpi.domain.changes import compare
from mpi.domain.diagnostics import Diagnostic, Severity
from mpi.domain.errors import PlanInvalid, UsageError
from mpi.domain.model import AdoptedRevision, Field, Plan
from mpi.i18n import _
from mpi.loading.revision import load_at, repository, resolve

if TYPE_CHECKING:
    from collections.abc import Callable

    from mpi.loading.load import Loaded
    from mpi.loading.sources import SourceFile

Path = tuple[str | int, ...]
WEAKENED = "weakened"  # a weakening change without a decision: an error
APPROVED = "approved-change"  # a weakening change a decision covers
CHANGED = "changed-since-adoption"  # a strengthening or neutral change of a commitment
SKIPPED = "baseline-skipped"
MISMATCH = "baseline-mismatch"  # the tag names another commit than plan.yaml does


@dataclass(frozen=True)
class Finding:
    """A change of a commitment since the adoption, at the place it was made."""

    change: Change
    file: str
    line: int
    column: int
    severity: Severity
    code: str

    def diagnostic(self, message: str) -> Diagnostic:
        return Diagnostic(self.file, self.line, self.column, self.severity, self.code, message)


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing with the adopted plan: what changed since, or why it could
    not be compared (`warnings`: the check skipped, or a tag that disagrees with the commit)."""

    commit: str | None  # the adopted revision's commit, where found
    findings: list[Finding] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    adopted: Plan | None = None

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def unapproved(self) -> list[Change]:
        return [f.change for f in self.findings if f.code == WEAKENED]

    @property
    def approved(self) -> list[Change]:
        return [f.change for f in self.findings if f.code == APPROVED]

    def diagnostics(self, message: Callable[[Change], str]) -> list[Diagnostic]:
        """Every finding as a diagnostic (`message` says the change in words), and the
        warnings."""
        found = [f.diagnostic(message(f.change)) for f in self.findings]
        return sorted(found + self.warnings, key=Diagnostic.sort_key)


def check(loaded: Loaded, revision: str | None = None) -> Comparison | None:
    """Compare the loaded plan with the adopted one; None when neither plan.yaml nor
    `revision` names it, or the plan did not load. An unknown `revision` given by the user
    is a UsageError; one named in plan.yaml that is missing here is a skipped check."""
    plan, source = loaded.plan, loaded.plan_file
    if source is None:
        return None
    at: Path = ("adopted_revision",)

    def skipped(why: str) -> Comparison:
        said = _("the comparison with the adopted plan was skipped: {why}").format(why=why)
        warning = source.diagnostic(at, SKIPPED, said, key=True, severity="warning")
        return Comparison(None, warnings=[warning])

    if plan is None:  # a file did not load: there is nothing to compare yet, say so
        tree = source.tree
        if revision is None and not (isinstance(tree, dict) and "adopted_revision" in tree):
            return None
        return skipped(_("the plan has errors; it is compared once they are fixed"))
    named = plan.adopted_revision
    if revision is None and named is None:
        return None

    try:
        top, _relative = repository(loaded.directory)
    except UsageError as exc:
        if revision is not None:  # asked for by the user: a usage error, as an unknown one
            raise
        return skipped(str(exc))
    warnings: list[Diagnostic] = []
    if revision is not None:
        commit = resolve(top, revision)  # the user asked for it: unknown is a usage error
    else:
        assert named is not None
        adopted_commit, said = _adopted_commit(top, named)
        if adopted_commit is None:
            return skipped(said or "")
        commit = adopted_commit
        if said:
            warnings.append(source.diagnostic(at, MISMATCH, said, key=True, severity="warning"))
    try:
        adopted = load_at(loaded.directory, commit, loaded)
    except PlanInvalid as exc:
        first = exc.diagnostics[0] if exc.diagnostics else None
        where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else ""
        return skipped(
            _("the plan at {commit} does not validate ({where})").format(
                commit=commit[:12], where=where
            )
        )
    except UsageError as exc:
        return skipped(str(exc))
    findings = [_finding(loaded, plan, c) for c in compare(adopted, plan) if c.commitment]
    return Comparison(commit, findings, warnings, adopted)


def _adopted_commit(top: FilePath, named: AdoptedRevision) -> tuple[str | None, str | None]:
    """The commit plan.yaml names, and a warning or the reason it is missing: the tag's
    commit if this clone has the tag, else the commit id; a tag that disagrees with the
    commit id yields to it (the id is in the reviewed file, a tag can be moved)."""

    def found(rev: str | None) -> str | None:
        try:
            return resolve(top, rev) if rev is not None else None
        except UsageError:
            return None

    by_tag = found(f"refs/tags/{named.tag}" if named.tag is not None else None)
    by_commit = found(named.commit)
    if by_commit is not None and by_tag is not None and by_tag != by_commit:
        said = _(
            "the tag {tag} names commit {tagged}, plan.yaml names {commit}; the commit counts"
        ).format(tag=named.tag, tagged=by_tag[:12], commit=by_commit[:12])
        return by_commit, said
    if by_commit or by_tag:
        return by_commit or by_tag, None
    names = " / ".join(n for n in (named.tag, named.commit) if n)
    fetch = f"git fetch origin tag {named.tag}" if named.tag else "git fetch --unshallow"
    return None, _(
        "the adopted revision {names} is not in this clone (a shallow clone? {fetch})"
    ).format(names=names, fetch=fetch)


def _finding(loaded: Loaded, plan: Plan, c: Change) -> Finding:
    source, path = _where(loaded, plan, c)
    # something removed is shown at the key of the list it was in (`milestones:`), not at
    # the list's first item, which is still there
    line, column = source.at(*path, key=c.kind == "removed" and isinstance(path[-1], str))
    if c.weakening and not c.covered:
        return Finding(c, source.display, line, column, "error", WEAKENED)
    code = APPROVED if c.weakening else CHANGED
    return Finding(c, source.display, line, column, "info", code)


def _where(loaded: Loaded, plan: Plan, c: Change) -> tuple[SourceFile, Path]:
    """Where a change shows in the plan's files: the changed value, or for something
    removed the list it was removed from (a removed Handlungsfeld: `adopted_revision`)."""
    plan_source = loaded.plan_file
    assert plan_source is not None
    fields = {
        model.id: (src, model) for src, model in loaded.models.values() if isinstance(model, Field)
    }
    field_id = c.subject.split(".")[0]
    if c.what == "field":
        if c.subject in fields:
            return fields[c.subject][0], ("id",)
        return plan_source, ("adopted_revision",)
    if c.what in ("goal", "measure") and c.kind in ("added", "removed"):
        src, f = fields[field_id]
        ids = [g.id for g in f.goals] if c.what == "goal" else [m.id for m in f.measures]
        index = ids.index(c.subject) if c.subject in ids else None
        key = "goals" if c.what == "goal" else "measures"
        return src, (key,) if index is None else (key, index)
    if c.what == "goal":
        src, f = fields[field_id]
        index = next(i for i, g in enumerate(f.goals) if g.id == c.subject)
        return src, ("goals", index, "text")
    if c.what == "body" and c.kind in ("added", "removed"):
        bodies = plan.monitoring.bodies if plan.monitoring else []
        index = next((i for i, b in enumerate(bodies) if b.id == c.subject), None)
        return plan_source, ("monitoring", "bodies") + (() if index is None else (index,))
    source, owner, at = _owner(plan_source, fields, plan, c.subject)
    return source, at + _inside(owner, c)


def _owner(
    plan_source: SourceFile,
    fields: dict[str, tuple[SourceFile, Field]],
    plan: Plan,
    subject: str,
) -> tuple[SourceFile, object, Path]:
    """The file, model and path of a measure, a monitoring body or the plan level."""
    if subject in ("plan", ""):
        return plan_source, plan, ()
    bodies = plan.monitoring.bodies if plan.monitoring else []
    for i, b in enumerate(bodies):
        if b.id == subject:
            return plan_source, b, ("monitoring", "bodies", i)
    src, f = fields[subject.split(".")[0]]
    index = next(i for i, m in enumerate(f.measures) if m.id == subject)
    return src, f.measures[index], ("measures", index)


_TARGET: dict[str, Path] = {
    "target": ("target", "value"),
    "year": ("target", "year"),
}


def _inside(owner: object, c: Change) -> Path:
    """The path below a measure, body or the plan level to what changed."""
    if c.what == "milestone":
        milestones = getattr(owner, "milestones", [])
        j = next((i for i, m in enumerate(milestones) if m.id == c.item), None)
        if j is None:
            return ("milestones",)
        return ("milestones", j) + ((c.attribute,) if c.attribute else ())
    if c.what == "indicator":
        indicators = getattr(owner, "indicators", [])
        j = next((i for i, x in enumerate(indicators) if x.id == c.item), None)
        if j is None:
            return ("indicators",)
        if c.kind == "redefined":
            return ("indicators", j, "direction")
        return ("indicators", j, *_TARGET.get(c.attribute or "", ()))
    if c.kind in ("dropped", "restored"):
        return ("status",)
    if c.kind == "lead_removed":
        return ("lead",)
    return ()
