"""How each measure's deadlines, targets and status moved through the plan's git history,
for the measure pages of the public site: every Handlungsfeld file read once through its
history (`loading.history.versions`), each measure compared with its version before as
`mpi history` compares it. Outside git, or where git is missing, there is no history."""

from __future__ import annotations

from datetime import date
from typing import Any

from mpi.domain.compare import measure_changes
from mpi.domain.errors import MpiError
from mpi.domain.model import FieldFile, Measure
from mpi.loading.load import Loaded
from mpi.views.history import KINDS, Event


def measure_events(loaded: Loaded, today: date) -> dict[str, list[Event]]:
    """Per measure id, its changes newest first; for a plan in git (the caller knows that
    from `made_from`, which asked git once already)."""
    from mpi.loading.history import versions

    plan = loaded.plan
    if plan is None:
        return {}
    out: dict[str, list[Event]] = {}
    for path, (_source, model) in loaded.models.items():
        if not isinstance(model, FieldFile):
            continue
        before: dict[str, Any] = {}  # the measures of the version before, unvalidated
        checked: dict[str, tuple[Any, Measure | None]] = {}  # the last one validated
        try:
            for version in versions(loaded.directory, path.name, today):
                if version.same or not isinstance(version.tree, dict):
                    continue
                now = _listed(version.tree)
                for ident, data in now.items():
                    old = before.get(ident)
                    if old is None or old == data:
                        continue
                    seen = checked.get(ident)
                    a = seen[1] if seen is not None and seen[0] is old else _measure(old)
                    b = _measure(data)
                    checked[ident] = (data, b)
                    if a is None or b is None:
                        continue
                    for c in measure_changes(a, b, plan.horizon):
                        if c.kind in KINDS:
                            out.setdefault(ident, []).append(Event(version.commit, version.day, c))
                before = now
        except MpiError:  # git missing or the history unreadable: the site shows none
            continue
    for events in out.values():
        events.reverse()
    return out


def _listed(tree: dict[str, Any]) -> dict[str, Any]:
    listed = tree.get("measures")
    if not isinstance(listed, list):
        return {}
    return {
        m["id"]: {k: v for k, v in m.items() if k != "updates"}
        for m in listed
        if isinstance(m, dict) and isinstance(m.get("id"), str)
    }


def _measure(data: Any) -> Measure | None:
    from pydantic import ValidationError

    from mpi.loading.schema_errors import validated

    try:
        return validated(Measure, data)
    except (ValidationError, TypeError):
        return None
