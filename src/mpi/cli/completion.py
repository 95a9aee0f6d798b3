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


def milestone_ids(ctx: Any, incomplete: str) -> list[str]:
    wanted = str((ctx.params or {}).get("measure") or "").upper()

    def found() -> Iterator[str]:
        for m in _measures(ctx):
            if m["id"] == wanted:
                for index, ms in enumerate(m.get("milestones") or [], 1):
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
        from mpi.loading.locate import PLAN_FILE
        from mpi.loading.sources import read_source

        source, problem = read_source(_plan_dir(ctx) / PLAN_FILE)
        if problem is None:
            for partner in source.tree.get("partners") or []:
                if isinstance(partner, dict) and partner.get("id"):
                    yield str(partner["id"])

    return _safely(found(), incomplete)


def statuses(incomplete: str) -> list[str]:
    return [s for s in MEASURE_STATUSES if s.startswith(incomplete)]


def milestone_states(incomplete: str) -> list[str]:
    return [s for s in MILESTONE_STATUSES if s.startswith(incomplete)]
