"""The plan as adopted, as a guard: every commitment of the plan compared with the adopted
plan (`adopted.yaml` in the plan directory, which plan.yaml declares as `adopted_plan`), or
with the plan at a git revision (`--baseline REV`).

A weakening change (a deadline postponed, a target lowered, a measure dropped or removed, a
recurring duty thinned out) is an error at the changed line unless a decision on the item
covers it (or, for a value that was an editor's reading, a correction); a covered one is an
approved change, a strengthening or neutral one is noted (both `info`).

It fails closed: a plan that declares an adoption whose adopted plan cannot be read is
invalid, at the line that declares it. Where git holds the revision the adopted plan was
taken from, the adopted plan must match the plan at that revision: one edited by hand so that
a weakening passes is an error. A plan not adopted yet (a draft) is noted once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mpi.domain import adopted as adoption
from mpi.domain.change import Change
from mpi.domain.compare import compare
from mpi.domain.diagnostics import Diagnostic, Severity
from mpi.domain.errors import PlanInvalid, UsageError
from mpi.domain.model import FieldFile, Plan
from mpi.domain.walk import KeyPath
from mpi.i18n import _
from mpi.loading.adopted import (
    ALTERED,
    adopted_problems,
    history_problems,
    read_adopted,
    was_adopted,
)
from mpi.loading.locate import display_name
from mpi.loading.revision import load_at, repository, resolve

if TYPE_CHECKING:
    from collections.abc import Callable

    from mpi.domain.model import AdoptedRevision
    from mpi.loading.load import Loaded
    from mpi.loading.sources import SourceFile

WEAKENED = "weakened"  # a weakening change without a decision: an error
APPROVED = "approved-change"  # a weakening change a decision (or correction) covers
CHANGED = "changed-since-adoption"  # a strengthening or neutral change of a commitment
DRAFT = "draft"  # no adoption declared: nothing to compare with
UNREADABLE = "adopted-plan-unreadable"  # declared, but it cannot be read: the plan is invalid
UNDECLARED = "adopted-plan-undeclared"  # adopted.yaml there, plan.yaml does not declare it
LEGACY = "adopted-revision"  # plan.yaml names a git revision instead of adopted.yaml


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
    """The outcome of comparing with the adopted plan: what changed since (`findings`), and
    what is wrong with or worth knowing about the adopted plan itself (`problems`: it cannot
    be read, differs from its revision, the plan is a draft)."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    adopted: Plan | None = None

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings) + sum(
            d.severity == "error" for d in self.problems
        )

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.problems)

    @property
    def draft(self) -> bool:
        return any(d.code == DRAFT for d in self.problems)

    @property
    def unapproved(self) -> list[Change]:
        return [f.change for f in self.findings if f.code == WEAKENED]

    @property
    def approved(self) -> list[Change]:
        return [f.change for f in self.findings if f.code == APPROVED]

    def diagnostics(self, message: Callable[[Change], str]) -> list[Diagnostic]:
        """Every finding as a diagnostic (`message` says the change in words), and the
        problems."""
        found = [f.diagnostic(message(f.change)) for f in self.findings]
        return sorted(found + self.problems, key=Diagnostic.sort_key)


@dataclass(frozen=True)
class Where:
    """Where git is asked about the plan (`git`: its directory in the repository) and whether
    its history bears on it (not for a plan read as committed on a past day)."""

    git: Path
    history: bool = True


def check(
    loaded: Loaded, revision: str | None = None, *, at: Where | None = None
) -> Comparison | None:
    """Compare the loaded plan with the adopted one (or the plan at `revision`); None when
    the plan did not load (its errors say why). An unknown `revision` is a UsageError. `at`:
    where git holds the plan, when it was read from elsewhere (a checkout of a past day)."""
    plan, source = loaded.plan, loaded.plan_file
    if source is None or plan is None:
        return None
    at = at or Where(loaded.directory)
    if revision is not None:
        return _with(loaded, plan, load_at(loaded.directory, _commit(loaded, revision), loaded))
    if plan.adopted_plan is not None:
        return _with_file(loaded, plan, source, at)
    if plan.adopted_revision is not None:
        return _with_revision(loaded, plan, source, at.git)
    path = loaded.directory / adoption.FILE
    if path.exists() or path.is_symlink():
        said = _(
            "it holds an adopted plan, but plan.yaml does not declare it (adopted_plan: {file})"
        )
        return Comparison(
            problems=[
                Diagnostic(
                    display_name(path), 1, 1, "error", UNDECLARED, said.format(file=adoption.FILE)
                )
            ]
        )
    if at.history and was_adopted(at.git):
        said = _(
            "the plan was adopted (its last commits hold an adopted plan), and now declares none: "
            "the adopted plan was taken out; restore adopted.yaml and adopted_plan"
        )
        return Comparison(problems=[source.diagnostic(("adopted",), UNREADABLE, said, key=True)])
    said = _(
        "the plan is a draft: it has not been adopted, so no change is checked against an "
        "adopted plan"
    )
    return Comparison(
        problems=[source.diagnostic(("adopted",), DRAFT, said, key=True, severity="info")]
    )


def _commit(loaded: Loaded, revision: str) -> str:
    top, _relative = repository(loaded.directory)
    return resolve(top, revision)


def _with(
    loaded: Loaded, plan: Plan, adopted: Plan, problems: list[Diagnostic] | None = None
) -> Comparison:
    findings = [_finding(loaded, plan, c) for c in compare(adopted, plan) if c.commitment]
    return Comparison(findings, problems or [], adopted)


def _with_file(loaded: Loaded, plan: Plan, source: SourceFile, at: Where) -> Comparison:
    """Compared with adopted.yaml; it fails closed."""
    from mpi.domain.dates import current_day

    path = loaded.directory / adoption.FILE
    read, problems = read_adopted(path)
    if read is None:
        unreadable = [d for d in problems if d.code in ("unreadable", "not-a-file", "too-large")]
        if unreadable or not problems:
            reason = unreadable[0].message if unreadable else ""
            said = _("the adopted plan {file} cannot be read: {reason}").format(
                file=adoption.FILE, reason=reason
            )
            return Comparison(problems=[source.diagnostic(("adopted_plan",), UNREADABLE, said)])
        return Comparison(problems=problems)
    model, adopted_source = read
    bodies = [x for b in plan.monitoring.bodies for x in (b.id, b.name)] if plan.monitoring else []
    problems = adopted_problems(model, adopted_source, current_day(), bodies)
    if problems:  # ids twice or in another field: nothing sure to compare with
        return Comparison(problems=problems)
    if plan.adopted != model.adoption.date.year:
        said = _("the plan was adopted in {year} (adopted.yaml), not in {adopted}").format(
            year=model.adoption.date.year, adopted=plan.adopted
        )
        problems.append(source.diagnostic(("adopted",), ALTERED, said))
    if at.history:
        problems += history_problems(model, adopted_source, at.git)
    return _with(loaded, plan, adoption.as_plan(model, plan), problems)


def _with_revision(loaded: Loaded, plan: Plan, source: SourceFile, directory: Path) -> Comparison:
    """plan.yaml names the adopted plan by a git revision (`adopted_revision`, before
    adopted.yaml): compared with it where this repository has it; where it does not, the
    plan is invalid (it cannot be checked)."""
    named = plan.adopted_revision
    assert named is not None
    at: KeyPath = ("adopted_revision",)
    try:
        top, _relative = repository(directory)
    except UsageError:
        top = None
    commit = _adopted_commit(top, named) if top is not None else None
    move = _(
        "keep the adopted plan in the plan directory, where every copy of the plan has it: "
        "mpi adopt writes it from the revision that holds it"
    )
    if commit is None:
        said = _(
            "the adopted plan is named by a git revision that this repository does not hold, "
            "so no change can be checked against it; {move}"
        ).format(move=move)
        return Comparison(problems=[source.diagnostic(at, UNREADABLE, said, key=True)])
    warning = source.diagnostic(at, LEGACY, move, key=True, severity="warning")
    try:
        then = load_at(directory, commit)
    except PlanInvalid as exc:
        first = exc.diagnostics[0] if exc.diagnostics else None
        where = first.where if first else ""
        said = _("the adopted plan at {where} does not validate").format(where=where)
        return Comparison(problems=[source.diagnostic(at, UNREADABLE, said, key=True)])
    return _with(loaded, plan, then, [warning])


def _adopted_commit(top: Path, named: AdoptedRevision) -> str | None:
    """The commit plan.yaml names, if this repository has it (the commit id counts over the
    tag: the id is in the reviewed file, a tag can be moved)."""
    for rev in (named.commit, f"refs/tags/{named.tag}" if named.tag else None):
        if rev is None:
            continue
        try:
            return resolve(top, rev)
        except UsageError:
            continue
    return None


def _finding(loaded: Loaded, plan: Plan, c: Change) -> Finding:
    source, path = _where(loaded, plan, c)
    # something removed is shown at the key of the list it was in (`milestones:`), not at
    # the list's first item, which is still there
    line, column = source.at(*path, key=c.kind == "removed" and isinstance(path[-1], str))
    if c.weakening and not c.covered:
        return Finding(c, source.display, line, column, "error", WEAKENED)
    code = APPROVED if c.weakening else CHANGED
    return Finding(c, source.display, line, column, "info", code)


def _where(loaded: Loaded, plan: Plan, c: Change) -> tuple[SourceFile, KeyPath]:
    """Where a change shows in the plan's files: the changed value, or for something
    removed the list it was removed from (a removed Handlungsfeld: the declaration)."""
    plan_source = loaded.plan_file
    assert plan_source is not None
    fields = {
        model.id: (src, model)
        for src, model in loaded.models.values()
        if isinstance(model, FieldFile)
    }
    field_id = c.subject.split(".")[0]
    if c.what == "field":
        if c.subject in fields:
            return fields[c.subject][0], ("id",)
        return plan_source, ("adopted_plan",) if plan.adopted_plan else ("adopted",)
    if field_id not in fields and c.what != "body" and c.subject not in ("plan", ""):
        known = {b.id for b in plan.monitoring.bodies} if plan.monitoring else set()
        if c.subject not in known:  # its Handlungsfeld is gone: said at the declaration
            return plan_source, ("adopted_plan",) if plan.adopted_plan else ("adopted",)
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
    fields: dict[str, tuple[SourceFile, FieldFile]],
    plan: Plan,
    subject: str,
) -> tuple[SourceFile, object, KeyPath]:
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


_TARGET: dict[str, KeyPath] = {
    "target": ("target", "value"),
    "year": ("target", "year"),
    "party": ("target", "party"),
}


def _inside(owner: object, c: Change) -> KeyPath:
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
