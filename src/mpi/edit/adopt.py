"""`mpi adopt`: make or renew the adopted plan (`adopted.yaml`) by a decision of the partners,
or read it anew by a correction of an editor's reading; and declare it in plan.yaml.

The commitments come from the plan in the plan directory (or from a git revision of it).
Under the plan's lock both files are validated before either is written; adopted.yaml is
written first, so that a failure between the two writes leaves a plan that `mpi validate`
reports (an adopted plan that plan.yaml does not declare yet), never a silent one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mpi.domain import adopted as adoption
from mpi.domain.adopted import (
    AdoptedIndicator,
    AdoptedMilestone,
    AdoptedPlan,
    Adoption,
    Commitments,
    Renewal,
)
from mpi.domain.dates import Due
from mpi.domain.errors import EditRefused, InternalError, InvalidValue, PlanInvalid, UsageError
from mpi.domain.model import Plan
from mpi.domain.reference import decision_day, problems, read
from mpi.domain.words import number
from mpi.edit.document import Document
from mpi.edit.lock import plan_lock
from mpi.edit.owners import unified_diff
from mpi.edit.scalars import scalar
from mpi.edit.transaction import loaded_plan, made_invalid
from mpi.fsutil import atomic_write, remove_stale_temps
from mpi.i18n import _, formats, reason
from mpi.loading.load import load_plan
from mpi.loading.locate import display_name
from mpi.loading.sources import SourceFile

HEAD = """\
# yaml-language-server: $schema=../schema/adopted.schema.json
# The plan as adopted: every commitment of the plan as the partners adopted it (deadlines and
# their kind, recurring duties, targets, leads, the measures and milestones), and how each was
# known. `mpi validate` compares the plan with it. Written by `mpi adopt`; do not edit it by
# hand: a new adoption is `mpi adopt --decision`, a corrected reading `mpi adopt --correction`.
"""


@dataclass(frozen=True)
class Request:
    """What `mpi adopt` was asked: a decision (its words, its day or year) or a correction
    (its reason), and the git revision to take the commitments from (None: the plan here)."""

    decision: str | None
    correction: str | None
    day: Due | None  # --date: a day, or a year (an adoption known only by its year)
    today: date
    revision: str | None = None


@dataclass(frozen=True)
class Adopted:
    """What `mpi adopt` did (or would do, with --dry-run)."""

    diff: str
    summary: str
    written: bool
    note: str | None = None  # something the user should know (no revision recorded)


def adopt(directory: Path, request: Request, *, dry_run: bool = False) -> Adopted:
    """Write the adopted plan and declare it; refused with the reason, nothing written."""
    with plan_lock(directory):
        if not dry_run:
            remove_stale_temps(directory)
        return _adopt(directory, request, dry_run)


def _adopt(directory: Path, request: Request, dry_run: bool) -> Adopted:
    from mpi.loading.adopted import read_adopted

    loaded = loaded_plan(directory)
    plan, source = loaded.plan, loaded.plan_file
    assert plan is not None and source is not None
    path = directory / adoption.FILE
    earlier = _earlier(path)
    taken, commit = _commitments(directory, plan, request.revision)
    bodies = [x for b in plan.monitoring.bodies for x in (b.id, b.name)] if plan.monitoring else []
    head = _head(request, earlier, commit, tuple(bodies), plan.adopted)
    new = AdoptedPlan(
        adoption=head, **{name: getattr(taken, name) for name in Commitments.model_fields}
    )
    if request.correction is not None and earlier is not None:
        _only_readings(earlier, new, adoption.read_leads(plan))
    text = render(new)
    again, _problems = read_adopted(path, text)
    if again is None or again[0] != new:  # the writer writes what the reader reads
        raise InternalError(_("internal error: the adopted plan would not read back as written"))
    old_text = path.read_text(encoding="utf-8") if earlier is not None else ""
    plan_old = source.path.read_text(encoding="utf-8")
    plan_text = _declare(plan_old, source, head, earlier is None)
    after = load_plan(directory, overrides={source.path: plan_text})
    if after.errors:
        raise made_invalid(after.errors[0])
    diff = unified_diff(old_text, text, display_name(path))
    diff += unified_diff(plan_old, plan_text, display_name(source.path))
    note = None
    if commit is None:
        note = _(
            "the adopted plan names no git revision: the plan's commitments are not those of "
            "its last commit (or there is none); adopt again once they are committed, to "
            "record one"
        )
    summary = _summary(request, head)
    if not dry_run:
        _write_both((path, text, old_text if earlier else None), (source.path, plan_text, plan_old))
    return Adopted(diff, summary, written=not dry_run, note=note)


def _earlier(path: Path) -> AdoptedPlan | None:
    """The adopted plan in force, if there is one; one that does not read is refused."""
    from mpi.loading.adopted import read_adopted

    if not (path.exists() or path.is_symlink()):
        return None
    read, found = read_adopted(path)
    if read is None:
        said = _("{where}: {message}; fix it first; nothing was written")
        raise EditRefused(said.format(where=found[0].where, message=found[0].message))
    return read[0]


def _only_readings(earlier: AdoptedPlan, new: AdoptedPlan, read_leads: frozenset[str]) -> None:
    """A corrected reading changes something, and only editors' readings."""
    if _same(earlier, new):
        raise UsageError(
            _("the adopted plan already holds these commitments: there is nothing to correct")
        )
    stated = adoption.uncorrectable(earlier, new, read_leads)
    if stated:
        raise UsageError(
            _(
                "a corrected reading changes only editors' readings (basis: inferred); "
                "{items} changed otherwise: that needs a decision (--decision)"
            ).format(items=", ".join(stated[:5]) + (" …" if len(stated) > 5 else ""))
        )


def _write_both(adopted: tuple[Path, str, str | None], plan: tuple[Path, str, str]) -> None:
    """adopted.yaml first, then plan.yaml; where plan.yaml cannot be written, adopted.yaml
    goes back to what it was (or away, where it was new)."""
    path, text, old = adopted
    _write(path, text)
    plan_path, plan_text, plan_old = plan
    if plan_text == plan_old:
        return
    try:
        _write(plan_path, plan_text)
    except EditRefused:
        if old is not None:
            _write(path, old)
        else:
            path.unlink(missing_ok=True)
        raise


def _write(path: Path, text: str) -> None:
    """Replace a file atomically; a failure is one line naming the file, nothing written."""
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise EditRefused(
            _("cannot write {file}: {reason}; nothing was written").format(
                file=display_name(path), reason=reason(exc)
            )
        ) from None


def _commitments(
    directory: Path, plan: Plan, revision: str | None
) -> tuple[Commitments, str | None]:
    """The commitments to adopt and the commit they are taken from: the plan at `revision`,
    or the plan here, whose commit is the last one where that holds the same commitments."""
    from mpi.loading.revision import load_at, repository, resolve

    if revision is not None:
        top, _relative = repository(directory)
        commit = resolve(top, revision)
        return adoption.commitments(load_at(directory, revision)), commit
    here = adoption.commitments(plan)
    try:
        top, _relative = repository(directory)
        head = resolve(top, "HEAD")
        then = adoption.commitments(load_at(directory, head))
    except (UsageError, PlanInvalid):
        return here, None
    return here, head if then == here else None


def _head(
    request: Request,
    earlier: AdoptedPlan | None,
    commit: str | None,
    bodies: tuple[str, ...],
    year: int,
) -> Adoption:
    """The head of the adopted plan: a new adoption by its decision, or the earlier one read
    anew (a renewal with the correction's reason)."""
    from mpi.edit.grounds import Grounds

    if request.correction is not None:
        if earlier is None:
            raise UsageError(
                _("there is no adopted plan to read anew yet: adopt it by its decision first")
            )
        day = request.day
        if day is not None and day.precision != "day":
            raise InvalidValue("date", _("a correction is dated by its day"))
        grounds = Grounds.of(None, request.correction, day.end if day else None, request.today)
        renewal = Renewal(date=grounds.given or request.today, reason=grounds.text, revision=commit)
        if renewal.date > request.today:
            raise InvalidValue(
                "date", _("{day} lies in the future").format(day=formats.day(renewal.date))
            )
        if renewal.date < earlier.adoption.date.start:
            raise InvalidValue(
                "date",
                _("the correction's date {day} lies before the plan was adopted ({year})").format(
                    day=formats.day(renewal.date), year=formats.due(earlier.adoption.date)
                ),
            )
        old = earlier.adoption
        return old.model_copy(update={"renewals": [*old.renewals, renewal]})
    grounds = Grounds.of(request.decision, None, None, request.today)
    text, day = grounds.text, request.day
    if day is None or day.precision == "day":
        given = day.end if day is not None else None
        when = Due(decision_day(text, given, request.today, bodies, signing=True), "day")
    else:
        for code, message in problems(
            text, None, request.today, bodies, signing=True, year=day.year
        ):
            raise InvalidValue("decision" if code == "decision-unidentified" else "date", message)
        named = [d for d in read(text, bodies).days if d.year == day.year]
        # the day the words name, where they name one in that year; else only the year
        when = (
            Due(decision_day(text, named[0], request.today, bodies, signing=True), "day")
            if (named)
            else day
        )
    if earlier is not None and when.end < earlier.adoption.date.end:
        raise UsageError(
            _(
                "the adopted plan in force was adopted {when}; a new adoption is not dated "
                "before it"
            ).format(when=_when(earlier.adoption.date))
        )
    return Adoption(date=when, decision=text, revision=commit)


def _when(day: Due) -> str:
    """`am 12.05.2028`, or `2023` for a year (in German `im Jahr 2023`)."""
    if day.precision == "day":
        return _("on {day}").format(day=formats.day(day.end))
    return _("in {year}").format(year=formats.due(day))


def _same(a: AdoptedPlan, b: AdoptedPlan) -> bool:
    return a.model_dump(exclude={"adoption"}) == b.model_dump(exclude={"adoption"})


def _declare(text: str, source: SourceFile, head: Adoption, first: bool) -> str:
    """plan.yaml with `adopted_plan: adopted.yaml` (and without the `adopted_revision` it
    replaces); a new adoption sets `adopted:` to its year."""
    from mpi.loading.positions import PMap

    tree = source.tree
    assert isinstance(tree, PMap)
    doc = Document(text, tree, name=source.display)
    if tree.get("adopted_plan") != adoption.FILE:
        said = f"{adoption.FILE}  # the plan as adopted: mpi validate compares every change with it"
        doc.set_value(tree, "adopted_plan", said, after=("adopted",))
    if "adopted_revision" in tree:
        doc.remove_key(tree, "adopted_revision", whole=True)
    year = head.date.year
    if not head.renewals and tree.get("adopted") != year:
        doc.set_value(tree, "adopted", str(year))
    return doc.result()


def _summary(request: Request, head: Adoption) -> str:
    if request.correction is not None:
        return _("adopted plan read anew: {reason}").format(reason=head.renewals[-1].reason)
    return _("plan adopted: {decision} ({day})").format(
        decision=head.decision, day=formats.due(head.date)
    )


def render(plan: AdoptedPlan) -> str:
    """adopted.yaml as mpi writes it: one key a line, in a fixed order, so that a pull
    request shows each changed commitment as one changed line."""
    return HEAD + "\n".join(_lines(plan)) + "\n"


def _lines(plan: AdoptedPlan) -> Iterator[str]:
    a = plan.adoption
    yield "adoption:"
    yield f"  date: {_due(a.date)}"
    yield f"  decision: {scalar(a.decision)}"
    if a.revision:
        yield f"  revision: {a.revision}"
    if a.renewals:
        yield "  renewals:"
        for r in a.renewals:
            yield f"    - date: {scalar(r.date.isoformat())}"
            yield f"      reason: {scalar(r.reason)}"
            if r.revision:
                yield f"      revision: {r.revision}"
    yield from _milestones(plan.milestones, "")
    if plan.bodies:
        yield "bodies:"
        for b in plan.bodies:
            yield f"  - id: {b.id}"
            yield f"    name: {scalar(b.name)}"
            yield from _milestones(b.milestones, "    ")
    if plan.fields:
        yield "fields:"
    for f in plan.fields:
        yield f"  - id: {f.id}"
        yield f"    title: {scalar(f.title)}"
        if f.goals:
            yield "    goals:"
        for g in f.goals:
            yield f"      - id: {g.id}"
            yield f"        text: {scalar(g.text)}"
        if f.measures:
            yield "    measures:"
        for m in f.measures:
            yield f"      - id: {m.id}"
            yield f"        title: {scalar(m.title)}"
            yield f"        lead: [{', '.join(m.lead)}]"
            if m.dropped:
                yield "        dropped: true"
            yield from _milestones(m.milestones, "        ")
            if m.indicators:
                yield "        indicators:"
            for i in m.indicators:
                yield from _indicator(i, "          ")


def _milestones(items: list[AdoptedMilestone], indent: str) -> Iterator[str]:
    if not items:
        return
    yield f"{indent}milestones:"
    for m in items:
        yield f"{indent}  - id: {m.id}"
        yield f"{indent}    title: {scalar(m.title)}"
        if m.due is not None:
            yield f"{indent}    due: {_due(m.due)}"
        yield f"{indent}    kind: {m.kind}"
        if m.party is not None:
            yield f"{indent}    party: {scalar(m.party)}"
        if m.aspiration:
            yield f"{indent}    aspiration: true"
        r = m.recurrence
        if r is not None:
            end = f", end: {_due(r.end)}" if r.end is not None else ""
            yield f"{indent}    recurrence: {{every: {r.every}, start: {_due(r.start)}{end}}}"
        if m.basis is not None:
            yield f"{indent}    basis: {m.basis}"


def _indicator(i: AdoptedIndicator, indent: str) -> Iterator[str]:
    yield f"{indent}- id: {i.id}"
    yield f"{indent}  name: {scalar(i.name)}"
    yield f"{indent}  unit: {scalar(i.unit)}"
    yield f"{indent}  target: {number(i.target)}"
    if i.year is not None:
        yield f"{indent}  year: {i.year}"
    yield f"{indent}  direction: {i.direction}"
    if i.party is not None:
        yield f"{indent}  party: {scalar(i.party)}"
    if i.basis is not None:
        yield f"{indent}  basis: {i.basis}"


def _due(value: Due) -> str:
    """A year plain (2030), a month or a day quoted ('2030-06'): every YAML reader, 1.1
    included, reads it as the text the schema expects."""
    shown = value.yaml_value()
    return str(shown) if isinstance(shown, int) else f"'{shown}'"
