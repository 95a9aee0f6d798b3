"""Shell completion of ids from the plan: read with the fast reader only, never a traceback.

A completion runs on every Tab press, so it skips validation (no pydantic): it lists what the
files hold, and nothing at all when they cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mpi.domain.words import MEASURE_STATUSES, MILESTONE_STATUSES


def _plan_dir(ctx: Any) -> Path:
    """The plan directory the command being completed would use."""
    from mpi.loading.locate import find_plan

    plan = (ctx.params or {}).get("plan") if ctx is not None else None
    return find_plan(Path(plan) if plan else None)


def _trees(ctx: Any) -> Iterator[Any]:
    """The positioned trees of the plan's Handlungsfeld files."""
    from mpi.loading.locate import plan_files
    from mpi.loading.sources import read_source

    _, fields = plan_files(_plan_dir(ctx))
    for path in fields:
        source, problem = read_source(path)
        if problem is None:
            yield source.tree


def _measures(ctx: Any) -> Iterator[Any]:
    for tree in _trees(ctx):
        for measure in tree.get("measures") or []:
            if isinstance(measure, dict) and isinstance(measure.get("id"), str):
                yield measure


def _safely(found: Iterator[str], incomplete: str) -> list[str]:
    try:
        return sorted({x for x in found if x.casefold().startswith(incomplete.casefold())})
    except Exception:  # a broken plan or folder: no suggestions, never a traceback
        return []


def measure_ids(ctx: Any, incomplete: str) -> list[str]:
    return _safely((str(m["id"]) for m in _measures(ctx)), incomplete)


def _plan_tree(ctx: Any) -> Any:
    from mpi.loading.locate import PLAN_FILE
    from mpi.loading.sources import read_source

    source, problem = read_source(_plan_dir(ctx) / PLAN_FILE)
    return source.tree if problem is None else {}


def _bodies(ctx: Any) -> Iterator[Any]:
    monitoring = _plan_tree(ctx).get("monitoring") or {}
    for body in monitoring.get("bodies") or [] if isinstance(monitoring, dict) else []:
        if isinstance(body, dict) and isinstance(body.get("id"), str):
            yield body


def owner_ids(ctx: Any, incomplete: str) -> list[str]:
    """Measures, `plan` and the monitoring bodies: whatever owns milestones."""

    def found() -> Iterator[str]:
        yield from (str(m["id"]) for m in _measures(ctx))
        yield "plan"
        yield from (str(b["id"]) for b in _bodies(ctx))

    return _safely(found(), incomplete)


def milestone_ids(ctx: Any, incomplete: str) -> list[str]:
    wanted = str((ctx.params or {}).get("measure") or "")

    def owner() -> Any:
        if wanted.casefold() == "plan":
            return _plan_tree(ctx)
        for body in _bodies(ctx):
            if body["id"].casefold() == wanted.casefold():
                return body
        return next((m for m in _measures(ctx) if m["id"] == wanted.upper()), {})

    def found() -> Iterator[str]:
        for index, ms in enumerate(owner().get("milestones") or [], 1):
            yield str(index)
            if isinstance(ms, dict) and ms.get("id"):
                yield str(ms["id"])

    return _safely(found(), incomplete)


def indicator_ids(ctx: Any, incomplete: str) -> list[str]:
    def found() -> Iterator[str]:
        for m in _measures(ctx):
            for ind in m.get("indicators") or []:
                if isinstance(ind, dict) and ind.get("id"):
                    yield str(ind["id"])

    return _safely(found(), incomplete)


def partner_ids(ctx: Any, incomplete: str) -> list[str]:
    def found() -> Iterator[str]:
        for partner in _plan_tree(ctx).get("partners") or []:
            if isinstance(partner, dict) and partner.get("id"):
                yield str(partner["id"])

    return _safely(found(), incomplete)


def _words(values: tuple[str, ...], context: str, incomplete: str) -> list[str]:
    """The canonical values and, in German, their German names (one word: what a shell
    completes), that start with what was typed (case ignored)."""
    from mpi.i18n import pgettext

    named = [pgettext(context, v) for v in values]
    words = dict.fromkeys([*values, *(w for w in named if " " not in w)])
    return [w for w in words if w.casefold().startswith(incomplete.casefold())]


def statuses(incomplete: str) -> list[str]:
    return _words(MEASURE_STATUSES, "measure status", incomplete)


def milestone_states(incomplete: str) -> list[str]:
    return _words(MILESTONE_STATUSES, "milestone state", incomplete)
