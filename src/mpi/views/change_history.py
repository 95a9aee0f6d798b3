"""The plan's git history read step by step into changes, for the change log
(`views.changes`): each step (a commit, or the working tree) compared with the plan as the
steps before left it, as `mpi diff` compares two revisions.

A Handlungsfeld is followed by its id, whatever file holds it (renamed, copied, moved,
deleted, added again). Of a Handlungsfeld only what changed is validated: each measure whose
data changed, and the field's own parts (title, goals, decisions) where they changed. A
measure that does not validate in a step is compared, once it does again, with its last
valid version, so nothing is lost across a broken commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mpi.domain.change import Change, presence
from mpi.domain.compare import compare, field_changes, measure_changes
from mpi.domain.model import FieldFile, Measure, Plan, PlanFile, join
from mpi.loading.locate import PLAN_FILE
from mpi.loading.plan_history import DELETED, Step, steps
from mpi.views.diff import merged, titles

Found = tuple[str | None, date, Change, str | None, tuple[str, ...]]


@dataclass
class Reading:
    """What reading the history gathers: entries oldest first, and the words to say them."""

    entries: list[Found]
    names: dict[str, str]
    titles: dict[tuple[str, str], str]
    units: dict[tuple[str, str], str]
    skipped: int = 0


@dataclass
class _Field:
    """A Handlungsfeld as the steps so far left it."""

    measures: dict[str, Any]  # its measures' data in the last step that held it, by id
    valid: dict[str, tuple[Any, Measure]] = field(default_factory=dict)  # last valid, by id
    own: Any = None  # the field without its measures, as data
    shell: FieldFile | None = None  # the same, validated (None: not valid)


def read(directory: Any, today: date, horizon: int, reading: Reading) -> None:
    """Every change of the plan at `directory` into `reading`, oldest first."""
    fields: dict[str, _Field] = {}
    held: dict[str, str] = {}  # file name -> the Handlungsfeld it holds
    plan: tuple[Any, Plan | None] = (None, None)
    for n, step in enumerate(steps(directory, today)):
        start = n == 0  # where the history starts: the plan as it was, not a change
        if PLAN_FILE in step.files:
            plan = _plan(step, plan, reading, start)
        gone: set[str] = set()
        seen: set[str] = set()
        for name, tree in step.files.items():
            if name == PLAN_FILE:
                continue
            if tree is DELETED:
                if name in held:
                    gone.add(held.pop(name))
                continue
            ident = tree.get("id") if isinstance(tree, dict) else None
            if not isinstance(ident, str):
                reading.skipped += 1
                continue
            if held.get(name, ident) != ident:
                gone.add(held[name])
            held[name] = ident
            seen.add(ident)
            if ident in fields:
                _compare(fields[ident], tree, step, ident, horizon, reading)
            else:
                fields[ident] = _start(tree)
                if not start and fields[ident].shell is not None:
                    added = presence(ident, "field", None, fields[ident].shell, [])
                    _add(reading, step, [added], ident, ())
        for ident in sorted(gone - seen - set(held.values())):
            was = fields.pop(ident, None)
            if was is not None and was.shell is not None:
                removed = presence(ident, "field", was.shell, None, [])
                _add(reading, step, [removed], ident, ())


def _start(tree: dict[str, Any]) -> _Field:
    """A Handlungsfeld as it first appears; its measures are validated only once one of them
    changes (a plan of 10,000 measures is not validated for a history of a few edits)."""
    own = {k: v for k, v in tree.items() if k != "measures"}
    return _Field(_measures(tree), own=own, shell=_valid(FieldFile, {**own, "measures": []}))


def _base(state: _Field, ident: str) -> tuple[Any, Measure] | None:
    """The measure's last valid version: validated now if it was not yet."""
    if ident not in state.valid and ident in state.measures:
        data = state.measures[ident]
        model = _valid(Measure, data)
        if model is not None:
            state.valid[ident] = (data, model)
    return state.valid.get(ident)


def _compare(
    state: _Field, tree: dict[str, Any], step: Step, where: str, horizon: int, reading: Reading
) -> None:
    """One Handlungsfeld's changes in a step; `state` becomes the step's."""
    own = {k: v for k, v in tree.items() if k != "measures"}
    if own != state.own:
        shell = _valid(FieldFile, {**own, "measures": []})
        if state.shell is not None and shell is not None:
            _add(reading, step, field_changes(state.shell, shell, horizon), where, ())
        elif shell is None:
            reading.skipped += 1
        state.own, state.shell = own, shell if shell is not None else state.shell
    now = _measures(tree)
    for ident, data in now.items():
        before = state.measures.get(ident)
        if before is data or before == data:
            continue
        last = _base(state, ident)
        model = _valid(Measure, data)
        if model is None:
            reading.skipped += 1
            continue
        state.valid[ident] = (data, model)
        if last is not None:
            found = measure_changes(last[1], model, horizon)
        elif ident in state.measures:
            continue  # never valid before: nothing to compare it with
        else:
            found = [presence(ident, "measure", None, model, [])]
        _learn(reading, model)
        _add(reading, step, found, where, tuple(model.lead))
    decisions = state.shell.decisions if state.shell is not None else []
    for ident in state.measures.keys() - now.keys():
        last = _base(state, ident)
        state.valid.pop(ident, None)
        if last is not None:
            _learn(reading, last[1])
            gone = presence(ident, "measure", last[1], None, decisions)
            _add(reading, step, [gone], where, tuple(last[1].lead))
    state.measures = now


def _plan(
    step: Step, last: tuple[Any, Plan | None], reading: Reading, start: bool
) -> tuple[Any, Plan | None]:
    """plan.yaml's changes in a step: its milestones, log, bodies and decisions (the plan
    without its Handlungsfelder, compared as `mpi diff` compares it)."""
    tree = step.files[PLAN_FILE]
    if not isinstance(tree, dict):
        if tree is not DELETED:
            reading.skipped += 1
        return last
    if tree == last[0]:
        return last
    file = _valid(PlanFile, tree)
    if file is None:
        reading.skipped += 1
        return last
    plan = join(file, [])
    if last[1] is not None and not start:
        found = compare(last[1], plan)
        _add(reading, step, merged(found, titles(plan) | titles(last[1])), None, ())
    return tree, plan


def _add(
    reading: Reading, step: Step, found: list[Change], where: str | None, lead: tuple[str, ...]
) -> None:
    if found:
        said = merged(found, reading.titles)
        reading.entries += [(step.commit, step.day, c, where, lead) for c in said]


def _learn(reading: Reading, m: Measure) -> None:
    """The words for a measure of the past: its title and its milestones' and indicators'
    (today's words win where the measure still exists)."""
    reading.names.setdefault(m.id, m.title)
    for ms in m.milestones:
        reading.titles.setdefault((m.id, ms.id), ms.title)
    for i in m.indicators:
        reading.titles.setdefault((m.id, i.id), i.name)
        reading.units.setdefault((m.id, i.id), i.unit)


def _measures(tree: dict[str, Any]) -> dict[str, Any]:
    listed = tree.get("measures")
    if not isinstance(listed, list):
        return {}
    return {m["id"]: m for m in listed if isinstance(m, dict) and isinstance(m.get("id"), str)}


def _valid(model: Any, data: Any) -> Any:
    from pydantic import ValidationError

    from mpi.loading.schema_errors import validated

    try:
        return validated(model, data)
    except (ValidationError, TypeError):
        return None
