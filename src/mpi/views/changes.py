"""`mpi changes`: every change of the plan from its git history, newest first, each once, in
its political meaning as `mpi diff` reads it (a deadline postponed with or without a decision,
a target lowered, a measure dropped, a milestone done or missed, a partner's report, a
reading corrected), with its day, measure, decision and who reported it.

Each plan file is read once through its history (`loading.history.versions`); of a
Handlungsfeld file only the measures whose data changed are validated and compared, so a long
history costs a parse per version, not a validation of the whole plan. Each entry has an id
made from what it says (not from the commit), so the same change keeps its id across builds,
rebases and the commit of a working tree's change: the feeds' entry ids.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from mpi.domain.change import Change, presence
from mpi.domain.compare import compare, field_changes, measure_changes
from mpi.domain.errors import MpiError
from mpi.domain.model import FieldFile, Measure, Plan, PlanFile, join
from mpi.loading.load import Loaded
from mpi.views.diff import merged, names, titles, units

# Entry ids are UUIDs in this namespace (RFC 4122 name-based), from the change's content.
NAMESPACE = uuid.UUID("3f0c2a52-5d0e-4a59-9a51-6d7e1c3b2f10")


@dataclass(frozen=True)
class Filter:
    """What `mpi changes` shows: any of these Handlungsfelder, lead partners (a partner's own
    reports count too) and measures, made on or after `since` or by one of `commits` (those
    after a revision; None stands for the working tree); empty: all."""

    fields: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    since: date | None = None
    commits: frozenset[str | None] | None = None

    def keeps(self, e: Logged) -> bool:
        if self.since is not None and e.day < self.since:
            return False
        if self.commits is not None and e.commit not in self.commits:
            return False
        if self.fields and e.field not in self.fields:
            return False
        if self.measures and e.change.subject not in self.measures:
            return False
        mine = set(e.lead) | ({e.change.reporter} if e.change.reporter else set())
        return not self.leads or bool(mine & set(self.leads))


@dataclass(frozen=True)
class Logged:
    """One change in the log: the commit that made it (None: not committed yet) and its day,
    the Handlungsfeld and the measure's lead partners (empty for the plan level), and its
    stable id (a UUID)."""

    id: str
    commit: str | None
    day: date
    change: Change
    field: str | None
    lead: tuple[str, ...]
    at: datetime | None = None  # the commit's time (None: not committed yet)


@dataclass(frozen=True)
class ChangeLog:
    title: str
    entries: list[Logged]  # newest first
    names: dict[str, str] = field(default_factory=dict)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    units: dict[tuple[str, str], str] = field(default_factory=dict)
    skipped: int = 0  # versions that could not be read or validated
    shallow: bool = False  # a shallow clone: the versions before its oldest commit are missing
    in_git: bool = True  # False: the plan is not in git, so there is no history to read
    wanted: Filter = field(default_factory=Filter)
    stamp: datetime = datetime(2000, 1, 1, tzinfo=UTC)  # the plan's last commit (feeds' date)
    author: str = ""  # who publishes it: the site's publisher, else the plan's partners
    link: str | None = None  # the public site's address (site.yaml `url`), if there is one

    @property
    def feed_id(self) -> str:
        """A feed's id: the same plan and filter, the same id, wherever it is published."""
        w = self.wanted
        key = "\0".join([self.title, *w.fields, "|", *w.leads, "|", *w.measures])
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"

    def only(self, wanted: Filter) -> ChangeLog:
        """The log with only the entries `wanted` keeps (the site's feeds: one read, many)."""
        return replace(self, entries=[e for e in self.entries if wanted.keeps(e)], wanted=wanted)


@dataclass
class _Reading:
    """What reading the history gathers: entries oldest first, and the words to say them."""

    entries: list[tuple[str | None, date, Change, str | None, tuple[str, ...]]]
    names: dict[str, str]
    titles: dict[tuple[str, str], str]
    units: dict[tuple[str, str], str]
    skipped: int = 0


def build(loaded: Loaded, today: date, wanted: Filter | None = None) -> ChangeLog:
    """The plan's change log, newest first, filtered by `wanted`. Outside git the log is
    empty and says so (`in_git`)."""
    from mpi.loading.history import shallow
    from mpi.loading.revision import plan_commits, repository

    plan = loaded.plan
    assert plan is not None
    wanted = wanted or Filter()
    author = ", ".join(p.short or p.name for p in plan.partners)
    try:
        repository(loaded.directory)
    except MpiError:
        since = datetime(plan.adopted, 1, 1, tzinfo=UTC)
        return ChangeLog(plan.title, [], names(plan), in_git=False, wanted=wanted, stamp=since,
                         author=author)  # fmt: skip
    read = _Reading([], names(plan), titles(plan), units(plan))
    for path, (_source, model) in loaded.models.items():
        if isinstance(model, FieldFile):
            if wanted.fields and model.id not in wanted.fields:
                continue
            if wanted.measures and not {m.id for m in model.measures} & set(wanted.measures):
                continue
            _field_file(loaded, (path.name, model.id), plan.horizon, today, read)
        elif isinstance(model, PlanFile) and not (wanted.fields or wanted.measures or wanted.leads):
            _plan_file(loaded, path.name, today, read)
    line = plan_commits(loaded.directory)
    entries = _ordered(_identified(read.entries), line)
    kept = [e for e in entries if wanted.keeps(e)]
    stamp = line[-1][1] if line else datetime(plan.adopted, 1, 1, tzinfo=UTC)
    return ChangeLog(
        plan.title, kept, read.names, read.titles, read.units, read.skipped,
        shallow(loaded.directory), True, wanted, stamp, author,
    )  # fmt: skip


def _identified(
    found: list[tuple[str | None, date, Change, str | None, tuple[str, ...]]],
) -> list[Logged]:
    """Each change with its id. The
    id hashes what the change says; the n-th change that says the same gets `#n` added, so an
    id never moves to another change when later ones are added."""
    seen: Counter[str] = Counter()
    out = []
    for commit, day, c, where, lead in found:
        said = _content(c)
        seen[said] += 1
        ident = uuid.uuid5(NAMESPACE, f"{said}#{seen[said]}")
        out.append(Logged(f"urn:uuid:{ident}", commit, day, c, where, lead))
    return out


def _ordered(entries: list[Logged], line: list[tuple[str, datetime]]) -> list[Logged]:
    """Newest commit first (the working tree's changes before all), each with its commit's
    time; a commit's changes keep their order (plan order)."""
    where = {sha: (n, at) for n, (sha, at) in enumerate(line)}
    timed = [replace(e, at=where[e.commit][1]) if e.commit in where else e for e in entries]
    last = len(line)
    return sorted(
        timed,
        key=lambda e: last if e.commit is None else where.get(e.commit, (-1, None))[0],
        reverse=True,
    )


def _content(c: Change) -> str:
    parts: list[Any] = [c.kind, c.what, c.subject, c.item, c.attribute, c.old, c.new, c.date]
    parts += [c.occurrence, c.text, c.reporter]
    parts += [c.decision.date.isoformat() if c.decision else None]
    parts += [c.correction.date.isoformat() if c.correction else None]
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _versions(loaded: Loaded, name: str, today: date) -> Iterator[Any]:
    """The file's versions (each a tree, None where unreadable); none where git cannot say."""
    from mpi.loading.history import versions

    try:
        for version in versions(loaded.directory, name, today, blocks=True):
            if not version.same:
                yield version
    except MpiError:
        return


def _field_file(
    loaded: Loaded,
    file: tuple[str, str],
    horizon: int,
    today: date,
    read: _Reading,
) -> None:
    """A Handlungsfeld file's changes: each measure compared with its version before where its
    data changed; the field's own parts (title, goals, decisions) where they changed."""
    before: dict[str, Any] | None = None  # the measures of the version before, unvalidated
    checked: dict[str, tuple[Any, Measure | None]] = {}  # the last one validated, by id
    rest: tuple[Any, FieldFile | None] = (None, None)  # the field without its measures
    name, where = file  # the file's name and its Handlungsfeld (as the versions name it)
    for version in _versions(loaded, name, today):
        tree = version.tree
        if not isinstance(tree, dict):
            read.skipped += 1
            continue
        now = _measures(tree)
        own = {k: v for k, v in tree.items() if k != "measures"}
        if own != rest[0]:
            shell = _valid(FieldFile, {**own, "measures": []})
            if rest[1] is not None and shell is not None:
                found = field_changes(rest[1], shell, horizon)
                _add(read, version, found, where, ())
            rest = (own, shell)
        if before is None:  # the first version: what the plan started with, not a change
            before = now
            continue
        for ident, data in now.items():
            old = before.get(ident)
            if old is data or old == data:
                continue
            seen = checked.get(ident)
            a = None if old is None else seen[1] if seen and seen[0] is old else _model(old)
            b = _model(data)
            checked[ident] = (data, b)
            if b is None or (old is not None and a is None):
                read.skipped += 1
                continue
            found = measure_changes(a, b, horizon) if a else [presence(ident, "measure", a, b, [])]
            _learn(read, b)
            _add(read, version, found, where, tuple(b.lead))
        for ident in before.keys() - now.keys():
            seen = checked.get(ident)
            a = seen[1] if seen and seen[0] is before[ident] else _model(before[ident])
            if a is not None:
                _learn(read, a)
                gone = presence(ident, "measure", a, None, getattr(rest[1], "decisions", []))
                _add(read, version, [gone], where, tuple(a.lead))
        before = now


def _plan_file(loaded: Loaded, name: str, today: date, read: _Reading) -> None:
    """plan.yaml's changes: its milestones, log, bodies and decisions (the plan without its
    Handlungsfelder, compared as `mpi diff` compares it)."""
    last: tuple[Any, Plan | None] = (None, None)
    for version in _versions(loaded, name, today):
        tree = version.tree
        if not isinstance(tree, dict):
            read.skipped += 1
            continue
        if tree == last[0]:
            continue
        file = _valid(PlanFile, tree)
        if file is None:
            read.skipped += 1
            continue
        plan = join(file, [])
        if last[1] is not None:
            found = compare(last[1], plan)
            said = titles(plan) | titles(last[1])
            _add(read, version, merged(found, said), None, ())
        last = (tree, plan)


def _add(
    read: _Reading,
    version: Any,
    found: list[Change],
    where: str | None,
    lead: tuple[str, ...],
) -> None:
    if found:
        said = merged(found, read.titles)
        read.entries += [(version.commit, version.day, c, where, lead) for c in said]


def _learn(read: _Reading, m: Measure) -> None:
    """The words for a measure of the past: its title and its milestones' and indicators'
    (today's words win where the measure still exists)."""
    read.names.setdefault(m.id, m.title)
    for ms in m.milestones:
        read.titles.setdefault((m.id, ms.id), ms.title)
    for i in m.indicators:
        read.titles.setdefault((m.id, i.id), i.name)
        read.units.setdefault((m.id, i.id), i.unit)


def _measures(tree: dict[str, Any]) -> dict[str, Any]:
    listed = tree.get("measures")
    if not isinstance(listed, list):
        return {}
    return {m["id"]: m for m in listed if isinstance(m, dict) and isinstance(m.get("id"), str)}


def _model(data: Any) -> Measure | None:
    found: Measure | None = _valid(Measure, data)
    return found


def _valid(model: Any, data: Any) -> Any:
    from pydantic import ValidationError

    from mpi.loading.schema_errors import validated

    try:
        return validated(model, data)
    except (ValidationError, TypeError):
        return None
