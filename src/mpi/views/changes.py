"""`mpi changes`: every change of the plan from its git history, newest first, each once, in
its political meaning as `mpi diff` reads it (a deadline postponed with or without a decision,
a target lowered, a measure dropped, a milestone done or missed, a partner's report, a
reading corrected), with its day, measure, decision and who reported it.

The history is read step by step (`views.change_history`, over `loading.plan_history`);
of a Handlungsfeld only the measures whose data changed are validated and compared, so a
long history costs the blocks that changed, not a validation of the whole plan per commit.
Each entry has an id made from what it says (not from the commit), so the same change keeps
its id across builds, rebases and the commit of a working tree's change: the feeds' entry ids.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from mpi.domain.change import Change
from mpi.domain.errors import MpiError
from mpi.loading.load import Loaded
from mpi.views.change_history import Found, Reading
from mpi.views.change_history import read as from_history
from mpi.views.diff import names, titles, units

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
    after: str | None = None  # the revision `commits` follow, as it was typed

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
    bodies: dict[str, str] = field(default_factory=dict)  # the monitoring bodies' names
    current: frozenset[str] = frozenset()  # the measures the plan holds now (pages exist)

    @property
    def feed_id(self) -> str:
        """A feed's id: the same plan and filter, the same id, wherever it is published."""
        w = self.wanted
        key = "\0".join([self.title, *w.fields, "|", *w.leads, "|", *w.measures])
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"

    def only(self, wanted: Filter) -> ChangeLog:
        """The log with only the entries `wanted` keeps (the site's feeds: one read, many)."""
        return replace(self, entries=[e for e in self.entries if wanted.keeps(e)], wanted=wanted)


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
    read = Reading([], names(plan), titles(plan), units(plan))
    from_history(loaded.directory, today, plan.horizon, read)
    line = plan_commits(loaded.directory)
    entries = _timed(_identified(read.entries), line)
    kept = [e for e in entries if wanted.keeps(e)]
    stamp = line[-1][1] if line else datetime(plan.adopted, 1, 1, tzinfo=UTC)
    bodies = {b.id: b.name for b in plan.monitoring.bodies} if plan.monitoring else {}
    return ChangeLog(
        plan.title, kept, read.names, read.titles, read.units, read.skipped,
        shallow(loaded.directory), True, wanted, stamp, author, None, bodies,
        frozenset(m.id for m in plan.measures()),
    )  # fmt: skip


def _identified(found: list[Found]) -> list[Logged]:
    """Each change with its id. The id hashes what the change says; the n-th change that says
    the same gets `#n` added, so an id never moves to another change when later ones are
    added."""
    seen: Counter[str] = Counter()
    out = []
    for commit, day, c, where, lead in found:
        said = _content(c)
        seen[said] += 1
        ident = uuid.uuid5(NAMESPACE, f"{said}#{seen[said]}")
        out.append(Logged(f"urn:uuid:{ident}", commit, day, c, where, lead))
    return out


def _timed(entries: list[Logged], line: list[tuple[str, datetime]]) -> list[Logged]:
    """Newest first (the history is read oldest first; a step's changes stay in plan
    order), each with its commit's time."""
    when = dict(line)
    timed = [replace(e, at=when[e.commit]) if e.commit in when else e for e in entries]
    steps: dict[str | None, list[Logged]] = {}
    for e in timed:
        steps.setdefault(e.commit, []).append(e)
    return [e for commit in reversed(steps) for e in steps[commit]]


def _content(c: Change) -> str:
    parts: list[Any] = [c.kind, c.what, c.subject, c.item, c.attribute, c.old, c.new, c.date]
    parts += [c.occurrence, c.text, c.reporter]
    parts += [c.decision.date.isoformat() if c.decision else None]
    parts += [c.correction.date.isoformat() if c.correction else None]
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()
